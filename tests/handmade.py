"""Results built by hand for the renderers' exact-output tests (`test_formats_exact.py`).

Every derived value (due date, days left, RAG, overdue) is written here as a literal, worked out
from the dates below, so the renderers are tested on their own: a change in how hmic derives a
value cannot make these tests pass or fail. As of 2014-08-01:

| id  | report | due        | days left | status      | RAG    | in `check` (overdue, warn 30)  |
|-----|--------|------------|-----------|-------------|--------|--------------------------------|
| A-1 | r1     | 2014-01-28 | -185      | open        | red    | failing                        |
| A-2 | r1     | 2014-07-28 | -4        | in-progress | red    | waived until 2014-09-30        |
| B-1 | r2     | 2014-08-21 | 20        | open        | amber  | warning                        |
| B-2 | r2     | none       | -         | open        | green  | passes                         |
| B-3 | r2     | 2015-06-01 | 304       | complete    | closed | passes (closed 2014-07-15)     |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hmic_cli.checking import Verdict
from hmic_cli.logbook import Log, Movement
from hmic_cli.models import HistoryEntry, Recommendation, Report, Waiver
from hmic_cli.query import Filters, Item, Selection
from hmic_cli.vocabulary import Deadline, Policy, Rag, RecType, Status

AS_OF = date(2014, 8, 1)
ALL_STATUSES = tuple(Status)

R1 = Report(id="r1", title="Child protection revisit", inspectorate="HMIC", force="Northamptonshire Police",
            published=date(2014, 1, 28), published_note="estimated from coverage", source="by hand")
R2 = Report(id="r2", title="Crime data integrity", inspectorate="HMIC", force="Kent Police",
            published=date(2014, 6, 1), source="by hand")


def _entry(on: date, status: Status, note: str, by: str | None = None, evidence: str | None = None) -> HistoryEntry:
    return HistoryEntry(on=on, status=status, note=note, by=by, evidence=evidence)


A1 = Recommendation(
    id="A-1", report="r1", text='Record every "strategy discussion" on force systems & <CareFirst> | daily.',
    deadline=Deadline.immediate, themes=["record-keeping", "domestic-abuse"], status=Status.open,
    owner="Head of Public Protection",
    history=[_entry(date(2014, 1, 28), Status.open, "From the report.")])
A2 = Recommendation(
    id="A-2", report="r1", type=RecType.area_for_improvement,
    text="Refer children at risk to the county council without delay.",
    deadline=Deadline.six_months, themes=["referrals"], status=Status.in_progress,
    waiver=Waiver(until=date(2014, 9, 30), reason="Council IT move; agreed at the board", by="ACC Smith"),
    history=[_entry(date(2014, 1, 28), Status.open, "From the report."),
             _entry(date(2014, 6, 10), Status.in_progress, "=Pilot started in two districts.", by="D. Supt Jones",
                    evidence="https://intranet.example/pilot")])
B1 = Recommendation(
    id="B-1", report="r2", type=RecType.cause_of_concern, text="Audit crime recording in the control room.",
    deadline=Deadline.by_date, due=date(2014, 8, 21), themes=["record-keeping"], status=Status.open,
    history=[_entry(date(2014, 6, 1), Status.open, "From the report.")])
B2 = Recommendation(
    id="B-2", report="r2", type=RecType.area_for_improvement, text="Improve supervision of crime records.",
    deadline=Deadline.none, themes=["training"], status=Status.open, owner="Chief Inspector",
    history=[_entry(date(2014, 6, 1), Status.open, "From the report.")])
B3 = Recommendation(
    id="B-3", report="r2", text="Train call handlers in the crime recording rules.",
    deadline=Deadline.twelve_months, themes=["training"], status=Status.complete,
    history=[_entry(date(2014, 6, 1), Status.open, "From the report."),
             _entry(date(2014, 7, 15), Status.complete, "All 212 handlers trained.", by="Training lead",
                    evidence="LMS report 2014-07")])

I_A1 = Item(A1, R1, date(2014, 1, 28), -185, True, True, Rag.red)
I_A2 = Item(A2, R1, date(2014, 7, 28), -4, True, True, Rag.red)
I_B1 = Item(B1, R2, date(2014, 8, 21), 20, True, False, Rag.amber)
I_B2 = Item(B2, R2, None, None, True, False, Rag.green)
I_B3 = Item(B3, R2, date(2015, 6, 1), 304, False, False, Rag.closed)


def selection() -> Selection:
    """`list --all --as-of 2014-08-01`, soonest due first."""
    return Selection(AS_OF, Filters(statuses=ALL_STATUSES), "due", [I_A1, I_A2, I_B1, I_B3, I_B2])


def verdict() -> Verdict:
    """`check --as-of 2014-08-01 --warn-within 30`: A-1 fails, A-2 is waived, B-1 is a warning."""
    return Verdict(AS_OF, Policy.overdue, Filters(statuses=ALL_STATUSES), [I_A1, I_A2, I_B1, I_B2, I_B3],
                   failing=[I_A1], warnings=[I_B1], waived=[I_A2], warn_within=30)


@dataclass
class Source:
    """The tracker as read, for the formats that point at lines in it (`store.loading.Loaded` in hmic)."""

    path: Path
    content: str

    def text(self) -> str:
        return self.content


def log() -> Log:
    """`log --since 2014-06-01`: newest first, an item's first entry with no status before it."""
    moves = [Movement("B-3", 1, B3.history[1], Status.open), Movement("A-2", 1, A2.history[1], Status.open),
             Movement("B-1", 0, B1.history[0], None), Movement("B-2", 0, B2.history[0], None),
             Movement("B-3", 0, B3.history[0], None)]
    return Log(date(2014, 6, 1), None, Filters(statuses=ALL_STATUSES), moves)
