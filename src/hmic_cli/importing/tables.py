"""Tables in a report's text, read row by row into cells.

Rules:

* A table is a run of consecutive lines that are rows: a pipe row (`| a | b |`, `a | b | c`, or one
  cell per line ending in ` |`, as web tables are often flattened) or a numbered row with ` / `
  between its cells (`1. / The force should ... / Update ...`). A separator row (`|---|---|`) marks
  the row above as the header, and in a flattened table gives the number of columns.
* A header cell naming a kind of item ("Recommendation", "Areas for development", "Cause of
  concern") makes its column a column of items of that type; a header cell such as "Deadline",
  "Timescale" or "Target date" makes its column the deadline wording of each row's items. Other
  columns (references, sections, status, updates) are not items.
* A "Priority" (or "Risk rating") column gives each row's items their priority label, kept on the
  item found; in a table with a priority column and no recommendation column, a "Finding" or
  "Management action" column is a column of recommendations (an internal audit's table).
* Without such a header, each cell of a row is a cell of its own (never a heading), read like a
  paragraph. Cells that are only a number, a dash or empty are left out.
* A table laid out with tabs or spaces is read when its header names a kind of item (`layout_tables`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hmic_cli.importing import layout_tables
from hmic_cli.importing.patterns import KIND_WORDS, item_type

_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
_SLASH_ROW = re.compile(r"^\s*\d{1,3}\.?\s+/\s+\S")
_KIND_HEADER = re.compile(rf"^(?:the\s+|our\s+|hmic\w*['’]?s?\s+)?(?P<kind>{KIND_WORDS})\b", re.I)
_DEADLINE_HEADER = re.compile(
    r"^(?:deadline|timescales?|time\s*frames?|target(?:\s+date)?|due(?:\s+date)?|by\s+when|completion\s+date|when)\b",
    re.I)
_PRIORITY_HEADER = re.compile(r"^(?:priority|risk\s+rating|rating|grading|risk\s+level|significance)\b", re.I)
_FINDING_HEADER = re.compile(r"^(?:findings?|issues?\s+identified|management\s+actions?|agreed\s+actions?)$", re.I)
_EMPTY_CELL = re.compile(r"^(?:[-–—]|\d{1,4}\.?|n/?a)?$", re.I)


@dataclass
class Cell:
    text: str
    line: int  # 1-based
    type: str | None = None  # the item type its column's header names
    deadline: str = ""  # the row's deadline wording, from a deadline column
    row: int = 0  # a number shared by the cells of one row
    priority: str = ""  # the row's priority ("High", "Priority 1"), from a priority column (an internal audit's)


def is_row(line: str) -> bool:
    text = line.strip()
    if not text:
        return False
    if _SLASH_ROW.match(text):
        return True
    return text.endswith("|") or text.startswith("|") or " | " in text


def _cells(line: str) -> list[str]:
    text = line.strip()
    if _SLASH_ROW.match(text) and "|" not in text:
        return [cell.strip() for cell in text.split(" / ")]
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", text)]


def _separator(cells: list[str]) -> bool:
    cells = [c for c in cells if c]
    return bool(cells) and all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in cells)


def runs(lines: list[str]) -> dict[int, int]:
    """{first index: index after the last} of each table (two rows or more) in `lines`."""
    found: dict[int, int] = {}
    index = 0
    while index < len(lines):
        if not is_row(lines[index]):
            index += 1
            continue
        end = index
        while end < len(lines) and is_row(lines[end]):
            end += 1
        if end - index >= 2:
            found[index] = end
        index = end
    piped, k, index = sorted(found.items()), 0, 0
    while index < len(lines):  # tables laid out with tabs or spaces, whose header names a kind of item
        while k < len(piped) and piped[k][1] <= index:
            k += 1
        if k < len(piped) and piped[k][0] <= index:  # inside a table with pipes
            index = piped[k][1]
            continue
        cells = layout_tables.header(lines[index])
        if cells and _roles(cells)[0]:
            end = layout_tables.end(lines, index)
            if end - index >= 2:
                found[index] = end
                index = end
                continue
        index += 1
    return dict(sorted(found.items()))


def _roles(header: list[str]) -> tuple[dict[int, str], int | None, int | None]:
    """(item columns and their types, the deadline column, the priority column) of a header row. An internal
    audit's "Finding" column is a column of recommendations only when the table has no recommendation
    column (an audit's finding and its recommendation are one item)."""
    kinds: dict[int, str] = {}
    deadline = priority = finding = None
    for column, text in enumerate(header):
        plain = re.sub(r"[*_`]", "", text).strip()
        kind = _KIND_HEADER.match(plain)
        if kind and len(plain.split()) <= 6:
            kinds[column] = item_type(kind.group("kind"))
        elif _DEADLINE_HEADER.match(plain) and deadline is None:
            deadline = column
        elif _PRIORITY_HEADER.match(plain) and priority is None:
            priority = column
        elif _FINDING_HEADER.match(plain) and finding is None:
            finding = column
    if not kinds and finding is not None and priority is not None:
        kinds[finding] = "recommendation"
    return kinds, deadline, priority


def cells(lines: list[str], first_line: int) -> list[Cell]:
    """The cells worth reading in a table's `lines` (the first is line `first_line`), row by row."""
    if not is_row(lines[0]):  # laid out with tabs or spaces: its first line is the header
        laid_out = layout_tables.rows(lines, first_line)
        return _read(laid_out[1:], laid_out[0][1], [])
    rows = [(first_line + offset, _cells(line)) for offset, line in enumerate(lines)]
    sep = next((i for i, (_, row) in enumerate(rows) if _separator(row)), None)
    out: list[Cell] = []
    header_row: list[str] | None = None
    if sep is not None and all(len(row) == 1 for i, (_, row) in enumerate(rows) if i != sep):
        width = len(_cells(lines[sep]))  # a flattened table: one cell per line
        start = max(0, sep - width)
        out.extend(Cell(row[0], line) for line, row in rows[:start] if not _EMPTY_CELL.match(row[0]))
        header_row = [row[0] for _, row in rows[start:sep]]
        body = rows[sep + 1:]
        rows = [(body[i][0], [r[0] for _, r in body[i:i + width]]) for i in range(0, len(body), width)]
    elif sep is not None and sep >= 1:
        header_row = rows[sep - 1][1]
        rows = rows[:sep - 1] + rows[sep + 1:]
    else:
        kinds, _, _ = _roles(rows[0][1])
        header_row = rows[0][1] if kinds and len(rows[0][1]) > 1 else None
        rows = rows[1:] if header_row else rows
    return _read(rows, header_row, out)


def _read(rows: list[tuple[int, list[str]]], header_row: list[str] | None, out: list[Cell]) -> list[Cell]:
    """`out` and the cells of `rows` under `header_row` (None: every cell read on its own)."""
    kinds, deadline, priority = _roles(header_row) if header_row else ({}, None, None)
    for number, (line, row) in enumerate(rows, start=1):
        if _separator(row):
            continue
        if kinds:
            when = row[deadline] if deadline is not None and deadline < len(row) else ""
            rank = row[priority] if priority is not None and priority < len(row) else ""
            out.extend(Cell(row[column], line, kind, when, number, rank) for column, kind in kinds.items()
                       if column < len(row) and not _EMPTY_CELL.match(row[column]))
        else:
            out.extend(Cell(text, line, row=number) for text in row if not _EMPTY_CELL.match(text))
    return out

