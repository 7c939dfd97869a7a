"""Selecting and ordering recommendations, with the values derived from them on a given day."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli.dates import DEADLINE_MONTHS, add_months
from hmic_cli.errors import UsageError
from hmic_cli.vocabulary import OUTSTANDING, Deadline, RecType, Status

if TYPE_CHECKING:
    from hmic_cli.models import Dataset, Recommendation, Report

SORT_KEYS = ("due", "id", "theme", "status")


@dataclass(frozen=True, slots=True)
class Item:
    """A recommendation as seen on `as_of`: its derived due date and standing."""

    rec: Recommendation
    report: Report
    due_date: date
    days_left: int
    outstanding: bool
    overdue: bool


@dataclass
class Filters:
    """What to select. Repeats within a kind mean "any of"; kinds combine with "and"."""

    due: list[Deadline] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)
    all_statuses: bool = False
    overdue: bool = False
    due_before: date | None = None
    types: list[RecType] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)

    def as_dict(self, statuses: Iterable[Status] | None = None) -> dict:
        """The filters as used, for machine-readable output (`statuses`: those actually applied)."""
        return {
            "due": [d.value for d in self.due],
            "theme": list(self.themes),
            "status": [s.value for s in (self.effective_statuses() if statuses is None else statuses)],
            "overdue": self.overdue,
            "due_before": self.due_before.isoformat() if self.due_before else None,
            "type": [t.value for t in self.types],
            "report": list(self.reports),
        }

    def statuses_or_every(self) -> list[Status]:
        """The statuses asked for, else every status: the default of check, summary and log."""
        return self.effective_statuses() if (self.statuses or self.all_statuses) else list(Status)

    def effective_statuses(self) -> list[Status]:
        if self.all_statuses:
            return list(Status)
        return list(self.statuses) if self.statuses else [s for s in Status if s in OUTSTANDING]


def due_date(rec: Recommendation, report: Report) -> date:
    """`due`, else the report's publication date plus the deadline in calendar months."""
    if rec.due is not None:
        return rec.due
    return add_months(report.published, DEADLINE_MONTHS[rec.deadline.value])


def item(rec: Recommendation, report: Report, as_of: date) -> Item:
    """A recommendation with its values derived on `as_of`."""
    due = due_date(rec, report)
    outstanding = rec.status in OUTSTANDING
    return Item(rec, report, due, (due - as_of).days, outstanding, outstanding and due < as_of)


def check_known(dataset: Dataset, filters: Filters) -> None:
    """Unknown theme or report ids in the filters are usage errors that list the valid ones."""
    _known("theme", filters.themes, [t.id for t in dataset.themes])
    _known("report", filters.reports, [r.id for r in dataset.reports])


def _known(kind: str, asked: Iterable[str], valid: list[str]) -> None:
    unknown = [a for a in asked if a not in valid]
    if unknown:
        raise UsageError(f"unknown {kind} id '{unknown[0]}'", f"valid {kind} ids: {', '.join(valid)}")


def select(dataset: Dataset, filters: Filters, as_of: date, statuses: Iterable[Status] | None = None) -> list[Item]:
    """The items that pass every filter, in file order; `statuses` overrides the status filter.

    Stored fields are tested first, so only the survivors pay for their derived values.
    """
    wanted_status = set(filters.effective_statuses() if statuses is None else statuses)
    due = set(filters.due)
    themes = set(filters.themes)
    types = set(filters.types)
    wanted_reports = set(filters.reports)
    reports = {r.id: r for r in dataset.reports}
    out = []
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
        found = item(rec, reports[rec.report], as_of)
        if filters.overdue and not found.overdue:
            continue
        if filters.due_before and not found.due_date < filters.due_before:
            continue
        out.append(found)
    return out


_STATUS_ORDER = {s: i for i, s in enumerate(Status)}


def sort(items: list[Item], by: str = "due") -> list[Item]:
    """Order items: soonest due first, ties by id in natural order."""
    if by not in SORT_KEYS:
        raise UsageError(f"unknown sort key '{by}'", f"use one of: {', '.join(SORT_KEYS)}")
    if by == "due":
        key = lambda i: (i.due_date, natural(i.rec.id))  # noqa: E731
    elif by == "id":
        key = lambda i: natural(i.rec.id)  # noqa: E731
    elif by == "theme":
        key = lambda i: (i.rec.themes[0], i.due_date, natural(i.rec.id))  # noqa: E731
    else:
        key = lambda i: (_STATUS_ORDER[i.rec.status], i.due_date, natural(i.rec.id))  # noqa: E731
    return sorted(items, key=key)


_CHUNKS = re.compile(r"\d+|\D+")


def natural(text: str) -> tuple:
    """'NCP-10' sorts after 'NCP-9'."""
    return tuple((0, int(c), "") if c[0].isdecimal() else (1, 0, c) for c in _CHUNKS.findall(text))


@dataclass
class Selection:
    """The outcome of a query: what was asked, as of when, and the items found, in order."""

    as_of: date
    filters: Filters
    sort: str
    items: list[Item]


def run(dataset: Dataset, filters: Filters, as_of: date, by: str = "due") -> Selection:
    """Select and order the dataset's items as `list` shows them."""
    check_known(dataset, filters)
    return Selection(as_of, filters, by, sort(select(dataset, filters, as_of), by))


def find_id(known, wanted: str):
    """The entry whose id is `wanted` ignoring case, or a usage error naming the closest ids."""
    for key in known:
        if key.casefold() == wanted.casefold():
            return known[key]
    close = difflib.get_close_matches(wanted, list(known), n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}?" if close else "run 'hmic list --all' to see every id"
    raise UsageError(f"no recommendation with id '{wanted}'", hint)
