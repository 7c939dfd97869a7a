"""The picture first: counts and progress by theme, by deadline class and overall."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli import defaults, query
from hmic_cli.query import Filters, Item
from hmic_cli.vocabulary import Deadline, Rag, Status

if TYPE_CHECKING:
    from hmic_cli.models import Dataset, Report


@dataclass(frozen=True)
class Progress:
    """How far one group of recommendations is: complete out of those not superseded."""

    key: str
    label: str
    total: int
    complete: int
    superseded: int
    outstanding: int
    overdue: int

    @property
    def counted(self) -> int:
        return self.total - self.superseded

    @property
    def fraction(self) -> float | None:
        """complete / (total - superseded); None when nothing is left to count."""
        return self.complete / self.counted if self.counted else None

    @property
    def percent(self) -> int | None:
        return None if self.fraction is None else round(self.fraction * 100)

    def as_dict(self) -> dict:
        return {"id": self.key, "label": self.label, "total": self.total, "complete": self.complete,
                "superseded": self.superseded, "outstanding": self.outstanding, "overdue": self.overdue,
                "percent_complete": self.percent}


def progress(key: str, label: str, items: list[Item]) -> Progress:
    statuses = Counter(i.rec.status for i in items)
    return Progress(key, label, len(items), statuses[Status.complete], statuses[Status.superseded],
                    sum(i.outstanding for i in items), sum(i.overdue for i in items))


@dataclass
class Summary:
    as_of: date
    filters: Filters
    reports: list[Report]
    overall: Progress
    by_status: dict[str, int]
    by_deadline: list[Progress]
    by_theme: list[Progress]
    overdue: list[Item]
    by_rag: dict[str, int] = field(default_factory=dict)
    by_owner: list[Progress] = field(default_factory=list)


def _selected(dataset: Dataset, filters: Filters, as_of: date) -> list[Item]:
    query.check_known(dataset, filters)
    return query.select(dataset, filters, as_of)


@dataclass
class Themes:
    as_of: date
    rows: list[Progress]


NO_OWNER = "(no owner)"


def _by_theme(dataset: Dataset, items: list[Item]) -> list[Progress]:
    groups: dict[str, list[Item]] = {t.id: [] for t in dataset.themes}
    for i in items:
        for t in i.rec.themes:
            groups[t].append(i)
    return [progress(t.id, t.label, groups[t.id]) for t in dataset.themes]


def _by_owner(items: list[Item]) -> list[Progress]:
    groups: dict[str, list[Item]] = {}
    for i in items:
        groups.setdefault(i.rec.owner or NO_OWNER, []).append(i)
    return [progress(owner, owner, groups[owner])
            for owner in sorted(groups, key=lambda o: (o == NO_OWNER, o.casefold()))]


def themes(dataset: Dataset, as_of: date, filters: Filters) -> Themes:
    """Every theme of the file with its counts (themes with no items too), in file order."""
    return Themes(as_of, _by_theme(dataset, _selected(dataset, filters, as_of)))


def summarise(dataset: Dataset, as_of: date, filters: Filters, amber_days: int = defaults.AMBER_DAYS) -> Summary:
    query.check_known(dataset, filters)
    return summary_of(dataset, query.select(dataset, filters, as_of, amber_days), as_of, filters)


def summary_of(dataset: Dataset, items: list[Item], as_of: date, filters: Filters) -> Summary:
    """The summary of items already selected (the board pack selects once and reuses them)."""
    by_class: dict[Deadline, list[Item]] = {}
    for i in items:
        by_class.setdefault(i.rec.deadline, []).append(i)
    by_deadline = [progress(d.value, d.value, by_class[d]) for d in Deadline if d in by_class]
    by_theme = [p for p in _by_theme(dataset, items) if p.total]
    report_ids = {i.rec.report for i in items}
    return Summary(
        as_of=as_of, filters=filters,
        reports=[r for r in dataset.reports if r.id in report_ids] or list(dataset.reports),
        overall=progress("all", "All recommendations", items),
        by_status={s.value: sum(i.rec.status is s for i in items) for s in Status},
        by_deadline=by_deadline, by_theme=by_theme,
        overdue=query.sort([i for i in items if i.overdue], "due"),
        by_rag={r.value: sum(i.rag is r for i in items) for r in Rag},
        by_owner=_by_owner(items),
    )
