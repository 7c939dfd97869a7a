"""The workbook's long sheets (Board, Recommendations, Log, Changes): whole rows written as XML in one string.

Hand-written for speed, not through XlsxWriter's cell API, for a measured reason: at 100,000 records these
sheets hold about 2.5 million cells, and XlsxWriter spends about 30 µs on each (`write_string` checks and
stores a cell, then `_write_cell` escapes it with three regular expressions and writes it as it flushes the
row): 60 s of the 65 s `report xlsx` took (issue 33: 69.7x `list --format json` under load, the target 3x).
Here a row is one f-string per cell, escaped with `str.replace` and written once per row.

The XML is exactly what XlsxWriter writes in `constant_memory` mode (an in-line string `<c r="B2" s="3"
t="inlineStr"><is><t>...</t></is></c>`, a number or date `<c r="F2" s="4"><v>45000</v></c>`, a row's
height as `ht` with `customHeight`), written into the worksheet's own temporary row file, and the sheet's
bookkeeping (its dimensions, the row last written, its hyperlinks) is kept as XlsxWriter keeps it, so the
rest of the workbook (styles, autofilter, panes, print setup, hyperlink relationships) is XlsxWriter's.
Control characters and literal `_xHHHH_` are escaped by XlsxWriter's own function; a text never becomes
rich text or a formula. Where a worksheet lacks those internals (another XlsxWriter, or not constant
memory) every cell goes through the public API instead (`tests/test_xlsx_rows.py` reads both back alike).
"""

from __future__ import annotations

from datetime import date

from hmic_cli.render.xlsx_cells import MAX_URL, clip

__all__ = ["Link", "Rows"]

_DEFAULT_PIXELS = 20  # XlsxWriter's default row height (Calibri 11), in pixels
_ROWS_PER_WRITE = 512  # rows joined into one write to the row file


class Link(str):
    """A cell value that is an http(s) URL to link (the caller has checked it is one)."""


class Rows:
    """Rows from `first` on, each a list of `(value, format)` by column, written in row order.

    A value is a `str` (a text; "" and None are left empty), a `date`, an `int` or `float`, or a `Link`.
    `height` is in points, as `set_row` takes it."""

    def __init__(self, sheet, first: int, link_format) -> None:
        self.ws, self.row, self.link_format = sheet, first, link_format
        self.fast = _has_internals(sheet)
        self._xf: dict = {}  # a format -> its ` s="N"` attribute
        self._days: dict[date, str] = {}
        self._buffer: list[str] = []
        self._refs: list[str] = []
        self._max_col = -1
        self._first: int | None = None  # the first row written
        if self.fast:
            if sheet.previous_row < first:
                sheet._write_single_row(first)  # the rows before (the header) go to the row file first
            from xlsxwriter.utility import xl_col_to_name

            self._col_name = xl_col_to_name

    def add(self, cells: list, height: float | None = None) -> None:
        row = self.row
        self.row += 1
        if not self.fast:
            self._add_slow(row, cells, height)
            return
        while len(self._refs) < len(cells):
            self._refs.append(self._col_name(len(self._refs)))
        r = str(row + 1)
        styles, days = self._xf, self._days
        out = []
        last = -1
        for col, ref, (value, fmt) in zip(range(len(cells)), self._refs, cells, strict=False):
            if value is None:
                continue
            s = styles.get(fmt)
            if s is None:
                s = self._style(fmt)
            kind = type(value)
            if kind is str:
                if not value:
                    continue
                out.append(f'<c r="{ref}{r}"{s} t="inlineStr">{_inline(value)}</c>')
            elif kind is date:
                out.append(f'<c r="{ref}{r}"{s}><v>{days.get(value) or self._day(value)}</v></c>')
            elif kind is int or kind is float:
                out.append(f'<c r="{ref}{r}"{s}><v>{value:.16G}</v></c>')
            elif kind is Link:
                out.append(self._link(row, col, ref + r, value, fmt))
            else:  # anything else is written as its text
                value = str(value)
                if not value:
                    continue
                out.append(f'<c r="{ref}{r}"{s} t="inlineStr">{_inline(value)}</c>')
            last = col
        if last > self._max_col:
            self._max_col = last
        if self._first is None and (out or height):
            self._first = row
        if not out:
            if height is None:
                return
            self._buffer.append(f'<row r="{r}"{_height(height)}/>')
        else:
            self._buffer.append(f'<row r="{r}"{_height(height) if height else ""}>{"".join(out)}</row>')
        if len(self._buffer) >= _ROWS_PER_WRITE:
            self._flush()

    def close(self) -> int:
        """Ends the rows; the last row written (or the one before `first` when none was)."""
        last = self.row - 1
        if self.fast:
            self._flush()
            ws = self.ws
            if self._first is not None and self._first >= ws.previous_row:
                for row in (self._first, last):  # the sheet's extent, as cells written there set it
                    ws._check_dimensions(row, max(self._max_col, 0))
                    ws._check_dimensions(row, 0)
                ws.previous_row = last  # written: XlsxWriter's own flush finds nothing left in that row
        return last

    def _flush(self) -> None:
        if self._buffer:
            self.ws.row_data_fh.write("".join(self._buffer))
            self._buffer.clear()

    def _style(self, fmt) -> str:
        index = fmt._get_xf_index() if fmt is not None else 0
        s = self._xf[fmt] = f' s="{index}"' if index else ""
        return s

    def _day(self, day: date) -> str:
        serial = self._days.get(day)
        if serial is None:
            serial = self._days[day] = f"{self.ws._convert_date_time(day):.16G}"
        return serial

    def _link(self, row: int, col: int, ref: str, value: Link, fmt) -> str:
        """The link's cell, and the link kept as `write_url` keeps it (a URL Excel cannot hold is text)."""
        from xlsxwriter.url import Url

        url = value.strip()
        ws = self.ws
        if len(url) > MAX_URL or ws.hlink_count >= 65530:
            return f'<c r="{ref}"{self._style(fmt)} t="inlineStr">{_inline(str(value))}</c>'
        link = Url(url)
        link._text = clip(url)
        ws.hlink_count += 1
        ws.hyperlinks[row][col] = link
        return f'<c r="{ref}"{self._style(self.link_format)} t="inlineStr">{_inline(url)}</c>'

    def _add_slow(self, row: int, cells: list, height: float | None) -> None:
        ws = self.ws
        if height:
            ws.set_row(row, height)
        for col, (value, fmt) in enumerate(cells):
            if value is None or (type(value) is str and not value):
                continue
            kind = type(value)
            if kind is Link:
                url = value.strip()
                if len(url) <= MAX_URL:
                    ws.write_url(row, col, url, self.link_format, string=clip(url))
                else:
                    ws.write_string(row, col, clip(value), fmt)
            elif kind is date:
                ws.write_datetime(row, col, value, fmt)
            elif kind is int or kind is float:
                ws.write_number(row, col, value, fmt)
            else:
                ws.write_string(row, col, clip(str(value)), fmt)


def _has_internals(ws) -> bool:
    """Whether `ws` is a constant-memory XlsxWriter worksheet with the internals `Rows` keeps up."""
    return (getattr(ws, "constant_memory", False) and getattr(ws, "row_data_fh", None) is not None
            and all(hasattr(ws, name) for name in ("previous_row", "_write_single_row", "_check_dimensions",
                                                   "_convert_date_time", "hyperlinks", "hlink_count"))
            and not getattr(ws, "row_data_fh_closed", False))


def _height(points: float) -> str:
    """The row's height attributes as `_write_row` writes them (none for the default 15 points, 20 pixels)."""
    pixels = int(points * 4.0 / 3.0 + 0.5)  # as set_row turns points into pixels
    return f' ht="{pixels * 0.75:.16g}" customHeight="1"' if pixels != _DEFAULT_PIXELS else ""


def _inline(text: str) -> str:
    """`<is><t>text</t></is>`, escaped as XlsxWriter escapes an in-line string."""
    if not text.isprintable() or "_x" in text or len(text) > 32767:
        text = clip(text)
        from xlsxwriter.xmlwriter import XMLwriter

        text = XMLwriter._escape_control_characters(text)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text[0].isspace() or text[-1].isspace():
        return f'<is><t xml:space="preserve">{text}</t></is>'
    return f"<is><t>{text}</t></is>"
