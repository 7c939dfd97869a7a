"""The picture first: counts and progress by theme, by deadline class and overall."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli import query
from hmic_cli.query import Filters, Item
from hmic_cli.vocabulary import Deadline, Status

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


def _selected(dataset: Dataset, filters: Filters, as_of: date) -> list[Item]:
    query.check_known(dataset, filters)
    return query.select(dataset, filters, as_of, filters.statuses_or_every())


def themes(dataset: Dataset, as_of: date, filters: Filters | None = None) -> list[Progress]:
    """Every theme of the file with its counts (themes with no items too), in file order."""
    items = _selected(dataset, filters or Filters(), as_of)
    return [progress(t.id, t.label, [i for i in items if t.id in i.rec.themes]) for t in dataset.themes]


def summarise(dataset: Dataset, as_of: date, filters: Filters | None = None) -> Summary:
    filters = filters or Filters()
    items = _selected(dataset, filters, as_of)
    used = {i.rec.deadline for i in items}
    by_deadline = [progress(d.value, d.value, [i for i in items if i.rec.deadline is d])
                   for d in Deadline if d in used]
    by_theme = [p for p in themes(dataset, as_of, filters) if p.total]
    report_ids = {i.rec.report for i in items}
    return Summary(
        as_of=as_of, filters=filters,
        reports=[r for r in dataset.reports if r.id in report_ids] or list(dataset.reports),
        overall=progress("all", "All recommendations", items),
        by_status={s.value: sum(i.rec.status is s for i in items) for s in Status},
        by_deadline=by_deadline, by_theme=by_theme,
        overdue=query.sort([i for i in items if i.overdue], "due"),
    )
