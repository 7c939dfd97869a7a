"""Tables laid out with tabs or runs of spaces: a Word table pasted into a text file (cells between tabs), or a
PDF's text kept in its layout (columns lined up with spaces).

Rules:

* A laid-out table starts at a header line at the margin whose cells (split at tabs, else at runs of two or
  more spaces) are all names, one of them a kind of item ("Recommendation", "Area for improvement"), as
  `tables` reads headers; a line of prose or of a contents list ("Recommendations  9") is never such a
  header, so nothing else is read as a table.
* It runs to the next blank line. Each line after the header is a row when it has text in the first column,
  else it carries on the row above: its text goes into the columns it lines up with (a cell wrapped over
  several lines is one cell).
* A cell's column: with tabs, its place between them; with spaces, the last header column that starts at or
  before it (two characters either way, as a PDF's layout wobbles).
"""

from __future__ import annotations

import re

_SPACE_GAP = re.compile(r"\S(?:.*?\S)??(?=\s{2,}|\s*$)")
_SLACK = 2
_NAME = re.compile(r"[^\W\d_]{2}")  # two letters together


def chunks(line: str) -> list[tuple[int, str]]:
    """The line's pieces of text between runs of two or more spaces, each with the column it starts at."""
    return [(m.start(), m.group(0)) for m in _SPACE_GAP.finditer(line.expandtabs(8))]


def header(line: str) -> list[str] | None:
    """The header's cells when `line` could open a laid-out table (two cells or more, at the margin)."""
    body = line.strip()
    if "\t" not in body and "  " not in body or len(line) - len(line.lstrip()) > 3:
        return None  # (every line of a report is asked: most have no gap, and are let go here)
    cells = [c.strip() for c in line.strip().split("\t")] if "\t" in line.strip() else [t for _, t in chunks(line)]
    cells = [c for c in cells if c]
    # every cell a column's name: a contents line ("Recommendations  9") is not a header
    return cells if len(cells) >= 2 and all(_NAME.search(c) for c in cells) else None


def end(lines: list[str], start: int) -> int:
    """The index after a laid-out table whose header is `lines[start]`: the next blank line, or the end."""
    index = start + 1
    while index < len(lines) and lines[index].strip():
        index += 1
    return index


def rows(lines: list[str], first_line: int) -> list[tuple[int, list[str]]]:
    """(line number, cells) of the header and of each row, a wrapped cell's lines joined."""
    if "\t" in lines[0].strip():
        return _rows(lines, first_line, lambda line: list(enumerate(c.strip() for c in line.split("\t"))))
    starts = [at for at, _ in chunks(lines[0])]

    def columns(line: str) -> list[tuple[int, str]]:
        return [(max((k for k, s in enumerate(starts) if s <= at + _SLACK), default=0), text)
                for at, text in chunks(line)]

    return _rows(lines, first_line, columns)


def _rows(lines: list[str], first_line: int, columns) -> list[tuple[int, list[str]]]:
    width = len(columns(lines[0]))
    out: list[tuple[int, list[str]]] = []
    for offset, line in enumerate(lines):
        placed = [(k, text) for k, text in columns(line) if text]
        if not placed:
            continue
        if out and placed[0][0] > 0:  # nothing in the first column: the row above goes on
            cells = out[-1][1]
        else:
            cells = [""] * max(width, 1 + max(k for k, _ in placed))
            out.append((first_line + offset, cells))
        for k, text in placed:
            while k >= len(cells):
                cells.append("")
            cells[k] = f"{cells[k]} {text}".strip()
    return out
