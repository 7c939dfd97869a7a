"""CSV output, with text cells a spreadsheet would run as a formula neutralised (OWASP)."""

from __future__ import annotations

import csv
import re
from typing import TextIO

from hmic_cli.history import change_text
from hmic_cli.inspectorate import inspectorate_of
from hmic_cli.query import Item, Selection
from hmic_cli.sanitize import cell_text

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")

LIST_COLUMNS = ("id", "report", "type", "deadline", "due_date", "original_due_date", "days_left", "overdue", "rag",
                "status", "completed_on", "late", "themes", "owner", "text", "inspectorate_status", "inspectorate_on")


def cell(value: object) -> object:
    """A value safe in a spreadsheet and a terminal: numbers stay numbers, formula-like text gets a `'`,
    control characters other than tab, CR and LF are shown escaped (`\\x1b`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = cell_text(str(value))
    if (text.startswith(_FORMULA_START) or text.lstrip(" \r\n").startswith(_FORMULA_START)) \
            and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_rows(header: tuple[str, ...], rows, out: TextIO) -> None:
    """Rows as CSV; a cell holding a bare CR is quoted too (the csv module quotes only LF with a
    "\\n" line terminator, and a reader would end the row at the CR)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        cells = [cell(v) for v in row]
        if any(isinstance(c, str) and "\r" in c for c in cells):
            out.write(",".join(_quoted(c) for c in cells) + "\n")
        else:
            writer.writerow(cells)


def _quoted(value: object) -> str:
    text = str(value)
    if isinstance(value, str) and (not text or any(ch in text for ch in ',"\r\n') or text != text.strip()):
        return '"' + text.replace('"', '""') + '"'
    return text


def item_row(item: Item) -> tuple:
    rec = item.rec
    return (rec.id, rec.report, rec.type.value, rec.deadline.value, _day(item.due_date), _day(item.original_due_date),
            item.days_left, item.overdue, item.rag.value, rec.status.value, _day(item.completed_on), item.late,
            ";".join(rec.themes), rec.owner, rec.text, *_inspectorate(rec))


def _inspectorate(rec) -> tuple:
    """The inspectorate's status as shown (`cycle.inspectorate_of`: awaiting review derived) and its day."""
    shown, view = inspectorate_of(rec), rec.inspectorate_status
    return (shown.value if shown else "", view.on.isoformat() if view is not None else "")


def _day(value) -> str:
    return value.isoformat() if value else ""


def list_items(selection: Selection, out: TextIO) -> None:
    write_rows(LIST_COLUMNS, (item_row(i) for i in selection.items), out)


LOG_COLUMNS = ("on", "id", "from", "to", "note", "evidence", "by", "edit", "proposed_by", "proposed_on")


def log(result, out: TextIO) -> None:
    """A status entry: from and to are statuses; an edit entry: they are empty, and `edit` says what changed."""
    write_rows(LOG_COLUMNS, ((c.entry.on.isoformat(), c.id, c.previous.value if c.previous else "",
                              c.entry.status.value if c.entry.status else "", c.entry.note, c.entry.evidence,
                              c.entry.by, change_text(c.entry) if c.entry.edit else "", c.entry.proposed_by,
                              _day(c.entry.proposed_on))
                             for c in result.movements), out)
