"""The inspectorate's cycle as hmic reads it (issue 31): the published response and its clock, the
inspectorate's own status beside the force's, and closure that is verified.

A report's response is due `response_days` after its publication: the report's own `response_days`, else
its issuer's window (a coroner's and the IOPC's 56 days), else the project file's `response_days`; with
none, no clock runs (an old tracker behaves as before).

Nothing here writes: the write plans are in `cycle_plans.py`, extensions in `extensions.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from hmic_cli import issuer_registry
from hmic_cli.inspectorate import inspectorate_of
from hmic_cli.query import due_date
from hmic_cli.vocabulary import Deadline, DelayCategory, InspectorateStatus, RecType, Status, word

__all__ = ["Clock", "Draft", "clocks", "closure", "draft", "figures", "inspectorate_of", "responses_due", "words"]

if TYPE_CHECKING:
    from hmic_cli.models import Dataset, Recommendation, Report
    from hmic_cli.query import Item

DEADLINE_WORDS = {Deadline.immediate: "immediately", Deadline.three_months: "within three months",
                  Deadline.six_months: "within six months", Deadline.twelve_months: "within twelve months",
                  Deadline.by_date: "by a set date", Deadline.none: "no deadline set"}


words = word  # a code as people say it: vocabulary.word, the one place for the words


def heading(kind: RecType) -> str:
    """A type as a heading: 'Accelerated cause of concern'."""
    said = words(kind)
    return said[:1].upper() + said[1:]


# --- the response and its clock -------------------------------------------------------------------------

def response_days(report: Report, default: int | None = None) -> int | None:
    """The days a report's response is due in: its own, else its issuer's window (56 days for a coroner and
    the IOPC, or the project file's `[issuers.NAME] response_days`), else the project file's `response_days`,
    else None (no clock)."""
    own = getattr(report, "response_days", None)
    if own is not None:
        return own
    window = issuer_registry.of(report).response_days
    return window if window is not None else default


def response_due(report: Report, default: int | None = None) -> date | None:
    days = response_days(report, default)
    if days is None:
        return None
    try:
        return report.published + timedelta(days=days)
    except OverflowError:  # published near 9999-12-31: the last day there is
        return date.max


@dataclass(frozen=True)
class Clock:
    """One report's response clock on a day, with its items counted."""

    report: Report
    days: int | None  # None: no response is asked for
    due: date | None
    responded: date | None
    response_url: str | None
    items: int
    outstanding: int
    with_response: int  # items whose action taken or proposed is written (`edit --response`)
    days_left: int | None  # until the response is due (negative: missed); None when responded or no clock

    @property
    def state(self) -> str:
        """'not required', 'responded', 'missed' (due and not responded) or 'due' (the clock runs)."""
        if self.due is None:
            return "not required"
        if self.responded is not None:
            return "responded"
        return "missed" if self.days_left is not None and self.days_left < 0 else "due"

    def as_dict(self) -> dict:
        r = self.report
        return {"id": r.id, "title": r.title, "force": r.force, "published": r.published.isoformat(),
                "response_days": self.days, "response_due": self.due.isoformat() if self.due else None,
                "responded": self.responded.isoformat() if self.responded else None,
                "response_url": self.response_url, "days_left": self.days_left, "state": self.state,
                "items": self.items, "outstanding": self.outstanding, "with_response": self.with_response,
                "without_response": self.items - self.with_response}


def clocks(dataset: Dataset, as_of: date, default_days: int | None = None,
           reports: list[str] | None = None) -> list[Clock]:
    """Every report's clock (or those in `reports`), in file order: one pass over the items."""
    counts: dict[str, list[int]] = {r.id: [0, 0, 0] for r in dataset.reports}
    closed = (Status.complete, Status.superseded)
    for rec in dataset.recommendations:
        tally = counts[rec.report]
        tally[0] += 1
        if rec.status not in closed:
            tally[1] += 1
        if (rec.response or "").strip():
            tally[2] += 1
    out = []
    for report in dataset.reports:
        if reports and report.id not in reports:
            continue
        days = response_days(report, default_days)
        due = response_due(report, default_days)
        responded = getattr(report, "responded", None)
        left = (due - as_of).days if due is not None and responded is None else None
        out.append(Clock(report, days, due, responded, getattr(report, "response_url", None), *counts[report.id],
                         left))
    return out


def responses_due(dataset: Dataset, as_of: date, window: int | None, default_days: int | None = None) -> list[Clock]:
    """The reports whose response is not yet published and is missed, or due within `window` days of
    `as_of` (every one still due when `window` is None): for `check`, `remind` and the board pack."""
    return [c for c in clocks(dataset, as_of, default_days)
            if c.state in ("due", "missed") and (window is None or c.days_left <= window)]


def without_response(dataset: Dataset, report_id: str) -> list[Recommendation]:
    """A report's items whose response is not yet written."""
    return [r for r in dataset.recommendations if r.report == report_id and not (r.response or "").strip()]


# --- verified closure -------------------------------------------------------------------------------------

def closure(item: Item, verify_after_days: int | None) -> str | None:
    """'implemented' or 'verified' for a complete item when closure is verified (`verify_after_days` set);
    None otherwise (outstanding, superseded, or no verification asked for)."""
    if verify_after_days is None or item.rec.status is not Status.complete:
        return None
    return "verified" if getattr(item.rec, "verified", None) is not None else "implemented"


def verifiable_from(item: Item, verify_after_days: int) -> date | None:
    """The first day a complete item may be verified: its closure day plus the demonstration period."""
    closed = item.completed_on
    return None if closed is None else closed + timedelta(days=verify_after_days)


def closure_counts(items: list[Item], verify_after_days: int | None) -> dict[str, int] | None:
    """{'implemented': N, 'verified': M} over `items` when closure is verified, else None."""
    if verify_after_days is None:
        return None
    counts = {"implemented": 0, "verified": 0}
    for item in items:
        state = closure(item, verify_after_days)
        if state:
            counts[state] += 1
    return counts


# --- the draft response (`hmic respond`) ------------------------------------------------------------------

@dataclass(frozen=True)
class DraftRow:
    id: str
    type: RecType
    text: str
    response: str | None  # None: no response written yet
    owner: str | None
    due_date: date | None
    status: Status
    inspectorate: InspectorateStatus | None


@dataclass(frozen=True)
class Draft:
    """A report's response as drafted on `as_of`: its clock and one row per item, in file order."""

    clock: Clock
    as_of: date
    rows: list[DraftRow]
    marking: str | None = None

    @property
    def missing(self) -> list[str]:
        """The ids of the items still without a response."""
        return [r.id for r in self.rows if r.response is None]


def draft(dataset: Dataset, report_id: str, as_of: date, default_days: int | None = None,
          marking: str | None = None) -> Draft:
    """The draft response to one report (a usage error naming the known reports when it is unknown)."""
    # lazy: hmic_cli.ids adds 0.3 ms to `hmic check` start-up (python -X importtime)
    from hmic_cli.ids import resolve
    _, report = resolve({r.id: (i, r) for i, r in enumerate(dataset.reports)}, report_id, "report")
    clock = clocks(dataset, as_of, default_days, [report.id])[0]
    rows = [DraftRow(r.id, r.type, r.text, (r.response or "").strip() or None, r.owner, due_date(r, report),
                     r.status, inspectorate_of(r))
            for r in dataset.recommendations if r.report == report.id]
    return Draft(clock, as_of, rows, marking)


# --- the summary's figures (`hmic summary`, the board pack) ------------------------------------------------

def reopened(rec: Recommendation) -> bool:
    """Whether `rec` was ever closed and then moved back to an outstanding status."""
    closed = False
    for entry in rec.history:
        if entry.status is None:
            continue
        if entry.status in (Status.complete, Status.superseded):
            closed = True
        elif closed:
            return True
    return False


def category_counts(recs) -> dict[str, int]:
    """Due-date revisions by delay category, every category named (revisions without one: 'uncategorised')."""
    counts = {c.value: 0 for c in DelayCategory}
    counts["uncategorised"] = 0
    for rec in recs:
        for revision in rec.due_revisions:
            counts[revision.category.value if getattr(revision, "category", None) else "uncategorised"] += 1
    return counts


def figures(items: list[Item], rules) -> dict | None:
    """Closures implemented and verified (with `verify_after_days`), items reopened, extensions waiting and
    due-date revisions by delay category, over `items`; None when the tracker uses none of these."""
    governed = rules.max_revisions is not None or rules.extensions_need_approval  # as `extensions.governed`
    recs = [i.rec for i in items]
    delays = category_counts(recs)
    categorised = sum(n for k, n in delays.items() if k != "uncategorised")
    out = {"implemented": None, "verified": None, "reopened": sum(map(reopened, recs)),
           "extensions_pending": sum(1 for r in recs if getattr(r, "extension_request", None) is not None),
           "delays": delays}
    counts = closure_counts(items, rules.verify_after_days)
    if counts is not None:
        out.update(counts)
    if counts is None and not governed and not categorised and not out["reopened"] \
            and not out["extensions_pending"]:
        return None
    return out


def figure_lines(found: dict | None) -> list[str]:
    """The figures in words, one line each, for the table and Markdown summaries."""
    if not found:
        return []
    lines = []
    if found["implemented"] is not None:
        lines.append(f"Closed items: {found['implemented']} implemented (awaiting verification), "
                     f"{found['verified']} verified")
    lines.append(f"Reopened: {found['reopened']}; extensions awaiting approval: {found['extensions_pending']}")
    delays = ", ".join(f"{words(k)} {n}" for k, n in found["delays"].items() if n) or "none"
    lines.append(f"Due dates moved, by cause: {delays}")
    return lines
