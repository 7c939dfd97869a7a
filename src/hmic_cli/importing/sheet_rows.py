"""A tracker sheet's rows read into values: each cell read as its column's kind (`cell_values`), every
cell that cannot be read named (`Sheet1!F7`) with what is wrong and what would be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hmic_cli.errors import Problem
from hmic_cli.importing import cell_values as cv
from hmic_cli.importing.sheet_reading import Sheet
from hmic_cli.vocabulary import Rag, RecType, Status

# The type a text column's heading implies when there is no Type column.
_TYPE_OF_HEADING = {"area for improvement": RecType.area_for_improvement,
                    "areas for improvement": RecType.area_for_improvement, "afi": RecType.area_for_improvement,
                    "cause of concern": RecType.cause_of_concern}
DATE_FIELDS = ("due", "revised", "updated_on", "published")


@dataclass
class Row:
    """One item as the sheet gives it."""

    number: int  # the spreadsheet's row number
    text: str
    ref: str | None = None
    type: RecType = RecType.recommendation
    report: str | None = None
    published: date | None = None
    owner: str | None = None
    due: date | None = None
    revised: date | None = None
    status: Status | None = None
    update: str | None = None
    evidence: str | None = None
    updated_by: str | None = None
    updated_on: date | None = None
    rag: Rag | None = None
    themes: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)  # field -> its cell (`Sheet1!F7`)


@dataclass
class Rows:
    rows: list[Row]
    problems: list[Problem]
    blank: int  # rows with nothing in any mapped column


def read_rows(sheet: Sheet, today: date) -> Rows:
    """Every row after the heading row: an item, a blank row, or problems named by cell."""
    columns = sheet.by_field()
    text_heading = cv.words(columns["text"].heading) if "text" in columns else ""
    default_type = _TYPE_OF_HEADING.get(text_heading, RecType.recommendation)
    rows, problems, blank = [], [], 0
    places = {name: sheet.cell(0, c.index)[:-1] for name, c in columns.items()}  # `Sheet1!F` (row added below)
    for offset, values in enumerate(sheet.rows):
        number = sheet.header_row + 1 + offset
        raw = {name: (values[c.index] if c.index < len(values) else None) for name, c in columns.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw.values()):
            blank += 1
            continue
        row_number = str(number)
        cells = {name: place + row_number for name, place in places.items()}
        found: list[Problem] = []

        def read(name: str, reader, *args, found=found, raw=raw, cells=cells):
            try:
                return reader(raw.get(name), *args)
            except cv.Unreadable as exc:
                found.append(Problem(str(exc), cells[name]))
                return None

        text = cv.text(raw.get("text"))
        if text is None:
            found.append(Problem("no recommendation text in this row (other cells are filled)", cells["text"]))
        row = Row(number=number, text=text or "", cells=cells, ref=cv.text(raw.get("id")),
                  report=cv.text(raw.get("report")), owner=cv.text(raw.get("owner")),
                  update=cv.text(raw.get("update")), evidence=cv.text(raw.get("evidence")),
                  updated_by=cv.text(raw.get("updated_by")))
        row.type = read("type", cv.rec_type) or default_type
        row.status = read("status", cv.status)
        row.rag = read("rag", cv.rag)
        for name in DATE_FIELDS:
            setattr(row, name, read(name, cv.day, today, sheet.date1904))
        if row.updated_on and row.updated_on > today:
            found.append(Problem(f"the update is dated {row.updated_on.isoformat()}, after today "
                                 f"({today.isoformat()})", cells["updated_on"]))
        themes = cv.text(raw.get("themes"))
        row.themes = [t.strip() for t in themes.replace(";", ",").split(",") if t.strip()] if themes else []
        problems += found
        if not found:
            rows.append(row)
    return Rows(rows, problems, blank)
