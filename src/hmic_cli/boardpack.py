"""`hmic report`: the board pack, everything a board meeting looks at, computed once for every format.

Headline numbers, RAG counts, progress per theme, deadline class and owner, a trend of outstanding
and overdue items over time drawn from the items' histories, what is overdue, what falls due in the
amber window and what moved since `since` (from `logbook`, worked out when a format asks).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from hmic_cli import defaults, headline, logbook, overview, query
from hmic_cli.errors import UsageError
from hmic_cli.headline import Figure
from hmic_cli.overview import Progress
from hmic_cli.query import Filters, Item
from hmic_cli.vocabulary import OUTSTANDING, Rag, Status

if TYPE_CHECKING:
    from hmic_cli.logbook import Movement
    from hmic_cli.models import HistoryEntry, Report

MAX_POINTS = 120  # the trend's month ends: at most the last ten years before the as-of day


@dataclass(frozen=True)
class TrendPoint:
    """How many items were outstanding, and how many of them overdue, at the end of day `on`."""

    on: date
    outstanding: int
    overdue: int


@dataclass
class BoardPack:
    as_of: date
    since: date
    filters: Filters
    amber_days: int
    reports: list[Report]
    overall: Progress
    by_rag: dict[str, int]
    by_theme: list[Progress]
    by_deadline: list[Progress]
    by_owner: list[Progress]
    trend: list[TrendPoint]
    overdue: list[Item]
    amber: list[Item]
    items: list[Item] = field(default_factory=list)  # every selected item, soonest due first
    figures: list[Figure] = field(default_factory=list)  # overdue, due soon, awaiting sign-off, no owner
    awaiting: list[Item] = field(default_factory=list)
    marking: str | None = None  # a protective marking (OFFICIAL) for every printed page
    since_meeting: Any = None  # comparing.Comparison with the tracker at a revision (report --since-ref)

    # What moved is worked out when a format asks for it (the XLSX paper's log), not for every paper: at
    # 100,000 records 0.2 s the HTML and Word papers never use.
    @cached_property
    def movements(self) -> list[Movement]:
        return logbook.movements(self.items, self.since, self.as_of)

    @property
    def closed_late(self) -> int:
        return sum(1 for i in self.items if not i.outstanding and i.late)  # (an open item is never late)

    @property
    def title(self) -> str:
        """'Northamptonshire Police: HMIC recommendations': the forces and inspectorates of the reports."""
        forces = _unique(r.force for r in self.reports)
        bodies = _unique(part.strip() for r in self.reports for part in _AND.split(r.inspectorate or "")) or ["HMICFRS"]
        who = forces[0] if len(forces) == 1 else (" and ".join(forces) if len(forces) == 2 else
                                                  f"{len(forces)} forces")
        what = " and ".join(bodies) if len(bodies) <= 2 else "inspectorates'"
        return f"{who}: {what} recommendations" if forces else f"{what} recommendations"

    def waived(self, item: Item) -> bool:
        return headline.waived(item, self.as_of)

    def headline(self) -> list[tuple[str, str]]:
        """The numbers at the top of the pack, as (label, value): the figures first."""
        o = self.overall
        percent = "n/a" if o.percent is None else f"{o.percent}%"
        return [(f.label, str(f.value)) for f in self.figures] + [
            ("Items of every type", str(o.total)),
            ("Complete", f"{o.complete} of {o.counted} ({percent})"),
            ("Outstanding", str(o.outstanding)),
            ("Closed late", str(self.closed_late)),
        ]


_AND = re.compile(r",\s*|\s+and\s+|\s*&\s*")  # "HMICFRS and HM Inspectorate of Prisons": two bodies


def _unique(values) -> list[str]:
    """Each value once, however it is cased or spaced (the first spelling kept)."""
    seen: dict[str, str] = {}
    for v in values:
        if v and v.strip():
            seen.setdefault(" ".join(v.split()).casefold(), " ".join(v.split()))
    return list(seen.values())


def latest(item: Item) -> HistoryEntry | None:
    """The item's last history entry (its latest update)."""
    history = item.rec.history
    return history[-1] if history else None


def carried_from(item: Item) -> str | None:
    """The earlier item this one repeats (`carried_forward_from`, schema version 2), if any."""
    return getattr(item.rec, "carried_forward_from", None)


MAX_MARKING = 60


def check_marking(marking: str | None) -> str | None:
    """`--marking`: one line of printable text (it goes on every page), or None when blank."""
    if marking is None or not marking.strip():
        return None
    marking = marking.strip()
    if any(not ch.isprintable() for ch in marking) or len(marking) > MAX_MARKING:
        raise UsageError(f"--marking must be one line of at most {MAX_MARKING} printable characters",
                         "e.g. --marking OFFICIAL or --marking 'OFFICIAL-SENSITIVE'")
    return marking


def default_since(as_of: date) -> date:
    """Without --since: the month before the as-of day (the usual gap between board meetings)."""
    try:
        return as_of - relativedelta(months=1)
    except ValueError:  # before 0001-02-01 there is no month before
        return date.min


def build(dataset, filters: Filters, as_of: date, since: date | None = None,
          amber_days: int = defaults.AMBER_DAYS, marking: str | None = None) -> BoardPack:
    """The board pack of the items the filters select, as of `as_of`."""
    since = since or default_since(as_of)
    query.check_known(dataset, filters)
    items = query.sort(query.select(dataset, filters, as_of, amber_days), "due")  # selected once, used for all
    summary = overview.summary_of(dataset, items, as_of, filters, proposed=False, due_sorted=True)  # its own `awaiting`
    return BoardPack(
        as_of=as_of, since=since, filters=filters, amber_days=amber_days, reports=summary.reports,
        overall=summary.overall, by_rag=summary.by_rag, by_theme=summary.by_theme,
        by_deadline=summary.by_deadline, by_owner=summary.by_owner,
        trend=trend(items, as_of),
        overdue=[i for i in items if i.rag is Rag.red],
        amber=[i for i in items if i.rag is Rag.amber],
        items=items,
        figures=headline.figures(items, as_of, since, amber_days),
        awaiting=[i for i in items if i.rec.status is Status.awaiting_sign_off],
        marking=marking,
    )


def month_ends(start: date, end: date) -> list[date]:
    """The last day of each month from `start`'s month up to before `end`'s month, then `end` itself;
    at most MAX_POINTS in all (the latest). Walked back from `end` with `calendar.monthrange`, so a
    date near 9999-12-31 never steps past the last day Python has."""
    first = date(start.year, start.month, 1)
    points = [end]
    year, month = end.year, end.month
    while len(points) < MAX_POINTS:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        if year < 1:
            break
        last = date(year, month, monthrange(year, month)[1])
        if last < first:
            break
        points.append(last)
    return points[::-1]


def trend(items: list[Item], as_of: date) -> list[TrendPoint]:
    """Outstanding and overdue counts at each month end from the earliest publication to `as_of`.

    Each item is walked once as a few segments of constant status and due date (its history and due
    revisions), added to difference arrays over the points: linear in the items, not items x points.
    """
    if not items:
        return [TrendPoint(as_of, 0, 0)]
    start = min(i.report.published for i in items)
    if start > as_of:
        return [TrendPoint(as_of, 0, 0)]
    points = month_ends(start, as_of)
    n = len(points)
    outstanding = [0] * (n + 1)
    overdue = [0] * (n + 1)
    for item in items:
        for begin, end, is_outstanding, due in _segments(item):
            if not is_outstanding:
                continue
            lo, hi = bisect_left(points, begin), n if end is None else bisect_left(points, end)
            if lo >= hi:
                continue
            outstanding[lo] += 1
            outstanding[hi] -= 1
            if due is not None:  # overdue from the day after the due date
                lo = max(lo, bisect_right(points, due))
                if lo < hi:
                    overdue[lo] += 1
                    overdue[hi] -= 1
    result, running_out, running_over = [], 0, 0
    for k, on in enumerate(points):
        running_out += outstanding[k]
        running_over += overdue[k]
        result.append(TrendPoint(on, running_out, running_over))
    return result


def _segments(item: Item) -> list[tuple]:
    """(begin, end or None, outstanding, due) for each stretch of constant status and due date. Only status
    entries count (not version 2 edit entries)."""
    rec = item.rec
    history, revisions = rec.history, rec.due_revisions
    start = item.report.published
    if not revisions:  # the usual case: one due date, stretches only where outstanding turns to closed or back
        out, begin, now, due, seen = [], start, True, item.due_date, False  # open (outstanding) until an entry
        for entry in history:
            status = entry.status
            if status is None:
                continue
            seen = True
            then = status in OUTSTANDING
            if then is not now:
                if entry.on > begin:
                    out.append((begin, entry.on, now, due))
                    begin = entry.on
                now = then
        out.append((begin, None, now if seen else rec.status in OUTSTANDING, due))
        return out
    history = [h for h in history if h.status is not None]
    cuts = sorted({start, *(h.on for h in history if h.on > start), *(r.on for r in revisions if r.on > start)})
    history_days = [h.on for h in history]
    revision_days = [r.on for r in revisions]
    first_due = revisions[0].previous
    out = []
    for k, begin in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else None
        h = bisect_right(history_days, begin)
        status = history[h - 1].status if h else (Status.open if history else rec.status)
        r = bisect_right(revision_days, begin)
        due = revisions[r - 1].due if r else first_due
        out.append((begin, end, status in OUTSTANDING, due))
    return out
