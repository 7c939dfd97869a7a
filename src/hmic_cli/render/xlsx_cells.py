"""The board workbook's cells: typed writers that never let a text become a formula, and row heights.

Every text goes in with `write_string` (never `write`, which would turn `=...` into a formula); dates
are real date cells; numbers are numbers; a link only for an http(s) URL, its text the URL itself.
"""

from __future__ import annotations

MAX_CELL = 32767  # Excel's limit on a cell's characters
MAX_URL = 2079  # Excel's limit on a hyperlink's length
RAG_FILLS = {"red": "#F4C7C3", "amber": "#FCE8B2", "green": "#B7E1CD", "closed": "#D9D9D9"}
RAG_FONTS = {"red": "#9C0006", "amber": "#7F6000", "green": "#0B5A2A", "closed": "#3F3F3F"}
LINE_HEIGHT = 15  # points a line of wrapped text takes (Calibri 11)


def clip(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def lines_needed(text: str | None, width: int) -> int:
    """About how many lines `text` wraps to in a column `width` characters wide."""
    if not text:
        return 1
    if "\n" not in text:  # most texts: one part (at 100,000 records 700,000 calls, 1.5 s -> 0.3 s)
        return -(-len(text) // max(1, width - 1))
    return sum(max(1, -(-len(part) // max(1, width - 1))) for part in text.split("\n"))


def wraps_of(columns: list[tuple[str, int]], *names: str) -> dict[int, int]:
    """The named columns' positions and widths: the texts that set a row's height (`Rows.layout`)."""
    wraps = {col: width for col, (name, width) in enumerate(columns) if name in names}
    if len(wraps) != len(names):
        raise ValueError(f"no column among {names!r} in {columns!r}")
    return wraps


def header_text(text: str) -> str:
    """Text for an Excel header or footer, where `&` starts a code."""
    return text.replace("&", "&&")


class Sheet:
    """A worksheet with typed writers that never let a text become a formula."""

    def __init__(self, sheet, formats, texts: dict | None = None) -> None:
        self.sheet, self.f = sheet, formats
        self.texts = {} if texts is None else texts  # the workbook's cells' XML by format and value (`Rows`)

    def text(self, row: int, col: int, value, fmt=None) -> None:
        if value is None or value == "":
            return  # an empty cell is not written (a third of the cells at 100,000 records)
        else:
            self.sheet.write_string(row, col, clip(value), fmt)

    def number(self, row: int, col: int, value, fmt=None) -> None:
        if value is None:
            return
        else:
            self.sheet.write_number(row, col, value, fmt)

    def day(self, row: int, col: int, value, fmt=None) -> None:
        if value is None:
            return
        else:
            self.sheet.write_datetime(row, col, value, fmt or self.f["date"])

    def link_or_text(self, row: int, col: int, value, is_url: bool, fmt=None) -> None:
        """A hyperlink for an http(s) URL that Excel can hold; any other evidence as text."""
        if is_url and len(value.strip()) <= MAX_URL:
            self.sheet.write_url(row, col, value.strip(), self.f["link"], string=clip(value.strip()))
        else:
            self.text(row, col, value, fmt)

    def header(self, row: int, names: list[str], widths: list[int]) -> None:
        for col, (name, width) in enumerate(zip(names, widths, strict=True)):
            self.text(row, col, name, self.f["header"])
            self.sheet.set_column(col, col, width)

    def heading(self, row: int, text: str) -> int:
        """A section title (bold, larger) at `row`; the next free row."""
        self.text(row, 0, text, self.f["heading"])
        return row + 1
