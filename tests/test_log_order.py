"""`log`'s order and selection, from a hand-made tracker: newest day first, then ids in natural order
(ids whose natural keys are equal, `R01` and `R1`, in file order), then an item's latest entry first;
and the quick path (stored fields only) selecting exactly what the full selection does."""

from __future__ import annotations

from datetime import date

import pytest

from hmic_cli import logbook, query
from hmic_cli.dates import duration
from hmic_cli.models import HistoryEntry, Recommendation, Report
from hmic_cli.query import Filters
from hmic_cli.vocabulary import Deadline, Status

REPORT = Report(id="r", title="A report", inspectorate="HMIC", force="A Police", published=date(2024, 1, 1),
                source="by hand")
STATUSES = tuple(Status)


def rec(rec_id: str, *entries: tuple[str, Status], due: str | None = None) -> Recommendation:
    history = [HistoryEntry(on=date.fromisoformat(on), status=status, note=f"{rec_id} {n}")
               for n, (on, status) in enumerate(entries)]
    return Recommendation(id=rec_id, report="r", text="Text.", deadline=Deadline.by_date if due else Deadline.none,
                          due=date.fromisoformat(due) if due else None, themes=["t"], status=history[-1].status,
                          history=history)


class Tracker:
    """Enough of a dataset for `logbook.log` (reports, themes, recommendations)."""

    def __init__(self, *recs: Recommendation) -> None:
        self.reports, self.themes, self.recommendations = [REPORT], [], list(recs)


OPEN, MOVING, DONE = Status.open, Status.in_progress, Status.complete
TRACKER = Tracker(
    rec("R10", ("2024-02-01", OPEN), ("2024-03-01", MOVING), ("2024-03-01", DONE), due="2024-02-15"),
    rec("R1", ("2024-02-01", OPEN), ("2024-03-01", MOVING), due="2024-12-31"),
    rec("R2", ("2024-01-15", OPEN), ("2024-03-01", DONE)),
    rec("R01", ("2024-02-01", OPEN), due="2024-02-10"),
)


def order(result: logbook.Log) -> list[tuple[str, str, int]]:
    return [(m.entry.on.isoformat(), m.id, m.index) for m in result.movements]


def test_newest_day_first_then_natural_ids_then_latest_entry_first():
    result = logbook.log(TRACKER, Filters(statuses=STATUSES), date(2024, 2, 1), None, date(2024, 3, 15))
    assert order(result) == [
        ("2024-03-01", "R1", 1), ("2024-03-01", "R2", 1), ("2024-03-01", "R10", 2), ("2024-03-01", "R10", 1),
        ("2024-02-01", "R1", 0), ("2024-02-01", "R01", 0), ("2024-02-01", "R10", 0),  # R1 = R01 naturally: file order
    ]
    previous = {(m.id, m.index): m.previous for m in result.movements}
    assert previous[("R10", 2)] is MOVING and previous[("R10", 1)] is OPEN and previous[("R1", 0)] is None


def test_the_period_includes_both_ends():
    result = logbook.log(TRACKER, Filters(statuses=STATUSES), date(2024, 1, 15), date(2024, 2, 1), date(2024, 3, 15))
    assert order(result) == [("2024-02-01", "R1", 0), ("2024-02-01", "R01", 0), ("2024-02-01", "R10", 0),
                             ("2024-01-15", "R2", 0)]


@pytest.mark.parametrize(("filters", "ids"), [
    (Filters(statuses=STATUSES), {"R10", "R1", "R2", "R01"}),
    (Filters(statuses=(Status.open, Status.in_progress)), {"R1", "R01"}),
    (Filters(statuses=STATUSES, overdue=True), {"R01"}),  # open and due 2024-02-10, before the as-of day
    (Filters(statuses=STATUSES, due_before=date(2024, 3, 1)), {"R10", "R01"}),
    (Filters(statuses=STATUSES, due_within=duration("1y")), {"R1"}),  # outstanding, due from the as-of day on
])
def test_the_selection_is_lists_own(filters, ids):
    """With or without a filter on a derived value, `log` covers exactly the items `list` selects."""
    result = logbook.log(TRACKER, filters, None, None, date(2024, 3, 15))
    assert {m.id for m in result.movements} == ids
    assert result.movements == logbook.movements(query.select(TRACKER, filters, date(2024, 3, 15)), None, None)
