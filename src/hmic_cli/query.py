"""Selecting and ordering recommendations, with the values derived from them on a given day."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli import defaults, people
from hmic_cli.dates import Duration, due_on
from hmic_cli.errors import UsageError
from hmic_cli.history import closed_on
from hmic_cli.vocabulary import OUTSTANDING, Deadline, InspectorateStatus, Rag, RecType, Status

if TYPE_CHECKING:
    from hmic_cli.models import Dataset, Recommendation, Report
    from hmic_cli.structure import Rollup

SORT_KEYS = ("due", "id", "theme", "status", "owner")


# Not frozen, for speed: a frozen dataclass sets each field through object.__setattr__, and every command makes
# an Item of each selected record (`select` at 100,000 records 0.54 -> 0.47 s, measured in-process). Nothing
# changes an Item once made; `dataclasses.replace` makes a new one.
@dataclass(slots=True)
class Item:
    """A recommendation as seen on `as_of`: its derived due date and standing.

    `due_date` and `days_left` are None for a `none` deadline without a `due`: never overdue.
    """

    rec: Recommendation
    report: Report
    due_date: date | None
    days_left: int | None
    outstanding: bool
    overdue: bool
    rag: Rag
    rollup: Rollup | None = None  # a parent's (schema_version 2): children, progress, rolled-up RAG

    @property
    def rolled_up_rag(self) -> Rag:
        """The worst of the item's own RAG and its outstanding children's rolled-up RAGs (its own without children)."""
        return self.rollup.rag if self.rollup is not None else self.rag

    @property
    def completed_on(self) -> date | None:
        """The day of the history entry that closed a complete or superseded item."""
        return None if self.outstanding else closed_on(self.rec)

    @property
    def late(self) -> bool | None:
        """For a closed item: closed after its due date (None while outstanding or without either date)."""
        done = self.completed_on
        if done is None or self.due_date is None:
            return None
        return done > self.due_date

    @property
    def original_due_date(self) -> date | None:
        """The due date before any revision (what the report set)."""
        revisions = self.rec.due_revisions
        return revisions[0].previous if revisions else self.due_date


@dataclass
class Filters:
    """What to select. Repeats within a kind mean "any of"; kinds combine with "and".

    `statuses` is always explicit: each command's default is decided once, in `defaults.statuses`.
    """

    due: list[Deadline] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    statuses: tuple[Status, ...] = defaults.OUTSTANDING_STATUSES
    overdue: bool = False
    due_before: date | None = None
    due_within: Duration | None = None  # from the as-of day (`30d`, `6w`, `3m`), read by the CLI once
    types: list[RecType] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    inspectorate: list[InspectorateStatus] = field(default_factory=list)  # as shown: `cycle.inspectorate_of`

    def as_dict(self) -> dict:
        """The filters as used, for machine-readable output."""
        return {
            "due": [d.value for d in self.due],
            "theme": list(self.themes),
            "status": [s.value for s in self.statuses],
            "overdue": self.overdue,
            "due_before": self.due_before.isoformat() if self.due_before else None,
            "due_within": str(self.due_within) if self.due_within else None,
            "type": [t.value for t in self.types],
            "report": list(self.reports),
            "owner": list(self.owners),
            "inspectorate": [s.value for s in self.inspectorate],
        }


def due_date(rec: Recommendation, report: Report) -> date | None:
    """The one due-date rule (`dates.due_on`: `due`, else the publication date plus the deadline's calendar
    months); for `none` (no deadline wording), the span the item's priority implies under its issuer's rule
    (`issuers.py`), else None."""
    found = due_on(rec.due, rec.deadline.value, report.published)
    if found is None and rec.deadline is Deadline.none and getattr(rec, "priority", None) is not None:
        # lazy: hmic_cli.issuer_registry adds 3.9 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli.issuer_registry import priority_due

        return priority_due(report, rec.priority)
    return found


def item(rec: Recommendation, report: Report, as_of: date, amber_days: int = defaults.AMBER_DAYS) -> Item:
    """A recommendation with its values derived on `as_of`."""
    due = due_date(rec, report)
    outstanding = rec.status in OUTSTANDING
    days_left = None if due is None else (due - as_of).days
    overdue = outstanding and days_left is not None and days_left < 0
    if not outstanding:
        rag = Rag.closed
    elif overdue:
        rag = Rag.red
    elif days_left is not None and days_left <= amber_days:
        rag = Rag.amber
    else:
        rag = Rag.green
    return Item(rec, report, due, days_left, outstanding, overdue, rag)


def check_known(dataset: Dataset, filters: Filters) -> None:
    """Unknown theme or report ids in the filters are usage errors that list the valid ones."""
    known("theme", filters.themes, [t.id for t in dataset.themes])
    known("report", filters.reports, [r.id for r in dataset.reports])


def known(kind: str, asked: Iterable[str], valid: list[str]) -> None:
    """Every id in `asked` is one of `valid`, else a usage error naming the first unknown and the valid ones."""
    unknown = [a for a in asked if a not in valid]
    if unknown:
        raise UsageError(f"unknown {kind} id '{unknown[0]}'", f"valid {kind} ids: {', '.join(valid) or '(none yet)'}")


def needs_derived(filters: Filters) -> bool:
    """Whether the filters test a derived value (overdue, the due date), not only stored fields."""
    return bool(filters.overdue or filters.due_before or filters.due_within)


def stored_matches(dataset: Dataset, filters: Filters) -> Iterator[Recommendation]:
    """The recommendations whose stored fields (status, deadline, theme, type, report, owner) pass
    the filters, in file order: all of `select` but the filters on derived values."""
    wanted_status = set(filters.statuses)
    due = set(filters.due)
    themes = set(filters.themes)
    types = set(filters.types)
    wanted_reports = set(filters.reports)
    owners = {people.key(o) for o in filters.owners}  # the one name rule
    inspectorate = set(filters.inspectorate)
    if inspectorate:
        # lazy: hmic_cli.inspectorate adds 0.2 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli.inspectorate import inspectorate_of
    for rec in dataset.recommendations:
        if rec.status not in wanted_status:
            continue
        if due and rec.deadline not in due:
            continue
        if themes and themes.isdisjoint(rec.themes):
            continue
        if types and rec.type not in types:
            continue
        if wanted_reports and rec.report not in wanted_reports:
            continue
        if owners and people.key(rec.owner or "") not in owners:
            continue
        if inspectorate and inspectorate_of(rec) not in inspectorate:
            continue
        yield rec


def select(dataset: Dataset, filters: Filters, as_of: date, amber_days: int = defaults.AMBER_DAYS) -> list[Item]:
    """The items that pass every filter, in file order.

    Stored fields are tested first, so only the survivors pay for their derived values.
    """
    window_end = _window_end(as_of, filters.due_within) if filters.due_within else None
    reports = {r.id: r for r in dataset.reports}
    out = []
    for rec in stored_matches(dataset, filters):
        found = item(rec, reports[rec.report], as_of, amber_days)
        if filters.overdue and not found.overdue:
            continue
        if filters.due_before and not (found.due_date is not None and found.due_date < filters.due_before):
            continue
        if window_end and not (found.outstanding and found.due_date is not None
                               and as_of <= found.due_date <= window_end):
            continue
        out.append(found)
    return rolled(dataset, out, as_of, amber_days)


def rolled(dataset: Dataset, items: list[Item], as_of: date, amber_days: int = defaults.AMBER_DAYS) -> list[Item]:
    """`items` with each parent's roll-up (schema_version 2 trackers with parents; otherwise as they are)."""
    if dataset.schema_version < 2 or not items:
        return items
    from dataclasses import replace

    # lazy: hmic_cli.chains adds 0.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.chains import answered_by

    # lazy: hmic_cli.structure adds 2.0 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.structure import children, rollups

    family = children(dataset.recommendations)
    answering = answered_by(dataset.recommendations)
    if not any(i.rec.id in family or i.rec.id in answering for i in items):
        return items
    reports = {r.id: r for r in dataset.reports}
    every = {rec.id: item(rec, reports[rec.report], as_of, amber_days) for rec in dataset.recommendations}
    found = rollups(family, every, answering)
    return [replace(i, rollup=found[i.rec.id]) if i.rec.id in found else i for i in items]


def _window_end(as_of: date, within: Duration) -> date:
    """The last day of `--due-within`: past 9999-12-31 it is the last day there is."""
    try:
        return as_of + within.delta
    except (ValueError, OverflowError):
        return date.max


_STATUS_ORDER = {s: i for i, s in enumerate(Status)}


def sort(items: list[Item], by: str = "due") -> list[Item]:
    """Order items: soonest due first, ties by id in natural order."""
    if by not in SORT_KEYS:
        raise UsageError(f"unknown sort key '{by}'", f"use one of: {', '.join(SORT_KEYS)}")
    if by == "due":
        key = lambda i: (i.due_date or date.max, natural(i.rec.id))  # noqa: E731
    elif by == "id":
        key = lambda i: natural(i.rec.id)  # noqa: E731
    elif by == "theme":
        key = lambda i: (i.rec.themes[0], i.due_date or date.max, natural(i.rec.id))  # noqa: E731
    elif by == "owner":
        key = lambda i: ((i.rec.owner or "\uffff").casefold(), i.due_date or date.max, natural(i.rec.id))  # noqa: E731
    else:
        key = lambda i: (_STATUS_ORDER[i.rec.status], i.due_date or date.max, natural(i.rec.id))  # noqa: E731
    return sorted(items, key=key)


_DIGITS = re.compile(r"(\d+)")


def natural(text: str) -> tuple:
    """'NCP-10' sorts after 'NCP-9': text and numbers alternate (`('NCP-', 10, '')`), so a position
    always holds the same kind and tuples compare without a type error (30% quicker than a tagged
    tuple per chunk, measured on 100,000 ids)."""
    parts: list = _DIGITS.split(text)
    parts[1::2] = map(int, parts[1::2])
    return tuple(parts)


@dataclass
class Detail:
    """One item in full, for `show`: the item and the labels of its themes."""

    item: Item
    theme_labels: dict[str, str]
    children: list[Item] = field(default_factory=list)  # direct children, in file order
    links: dict | None = None  # issuer words, priority, answers, answered by, supersede chain (chains.links_of)


@dataclass
class Selection:
    """The outcome of a query: what was asked, as of when, and the items found, in order."""

    as_of: date
    filters: Filters
    sort: str
    items: list[Item]
    amber_days: int = defaults.AMBER_DAYS
    depths: dict[str, int] = field(default_factory=dict)  # `list --tree`: an item's depth under its shown parents


def run(dataset: Dataset, filters: Filters, as_of: date, by: str = "due",
        amber_days: int = defaults.AMBER_DAYS) -> Selection:
    """Select and order the dataset's items as `list` shows them."""
    check_known(dataset, filters)
    return Selection(as_of, filters, by, sort(select(dataset, filters, as_of, amber_days), by), amber_days)


def find_item(dataset: Dataset, wanted: str) -> tuple[int, Recommendation]:
    """The recommendation with id `wanted` and its index in the file (the one lookup every command uses)."""
    by_id = {rec.id: (i, rec) for i, rec in enumerate(dataset.recommendations)}
    return by_id.get(wanted) or find_id(by_id, wanted)


def find_id(known, wanted: str):
    """The entry whose id is exactly `wanted`, or a usage error suggesting the ids meant (`ids.resolve`)."""
    # lazy: hmic_cli.ids adds 0.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.ids import resolve

    return resolve(known, wanted)
