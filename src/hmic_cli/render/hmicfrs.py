"""`list --format hmicfrs`: one CSV row per item in the inspectorate's words, for a return to HMICFRS or an
NPCC self-assessment: statuses, deadlines and types as words (never hmic's codes), the inspectorate's own
status beside the force's, the latest progress and the evidence. Cells are neutralised as in every CSV."""

from __future__ import annotations

from typing import TextIO

from hmic_cli.cycle import inspectorate_of, words
from hmic_cli.query import Item, Selection
from hmic_cli.render.csv_format import write_rows

COLUMNS = ("Reference", "Report", "Force", "Type", "Recommendation", "Deadline", "Due date", "Force status",
           "Inspectorate status", "Inspectorate status date", "Latest update", "Latest update date", "Evidence")


def _latest(item: Item):
    """The last progress entry (a status entry after the one that added the item), or None."""
    said = [e for e in item.rec.history if e.status is not None]
    return said[-1] if len(said) > 1 else None


def _evidence(item: Item) -> str | None:
    return next((e.evidence for e in reversed(item.rec.history) if e.evidence), None)


def row(item: Item) -> tuple:
    rec, report = item.rec, item.report
    view = rec.inspectorate_status
    shown = inspectorate_of(rec)
    latest = _latest(item)
    return (rec.id, report.title, report.force, words(rec.type), rec.text, words(rec.deadline),
            item.due_date.isoformat() if item.due_date else "", words(rec.status), words(shown),
            view.on.isoformat() if view is not None else "", latest.note if latest else "",
            latest.on.isoformat() if latest else "", _evidence(item))


def list_items(selection: Selection, out: TextIO) -> None:
    write_rows(COLUMNS, (row(i) for i in selection.items), out)
