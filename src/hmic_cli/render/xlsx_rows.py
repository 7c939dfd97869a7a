"""The workbook's long sheets (Board, Recommendations, Log, Changes): whole rows written as XML in one string.

Hand-written for speed, not through XlsxWriter's cell API, for a measured reason: at 100,000 records these
sheets hold about 2.5 million cells, and XlsxWriter spends about 30 µs on each (`write_string` checks and
stores a cell, then `_write_cell` escapes it with three regular expressions and writes it as it flushes the
row): 60 s of the 65 s `report xlsx` took (issue 33: 69.7x `list --format json` under load, the target 3x).
Here a row is one f-string per cell, escaped with `str.replace` and written once per row (`add`); the long
sheets give their formats once (`layout`) and their rows go a chunk at a time, column by column (`put`): each
distinct text, date or number is escaped once (`xlsx_text.py`) and looked up after, and a cell is one
comprehension step (at 100,000 records: 7.5 s CPU -> about 3 s).

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
from functools import cache

from hmic_cli.render.xlsx_cells import LINE_HEIGHT, MAX_URL, clip, lines_needed
from hmic_cli.render.xlsx_links import light_url
from hmic_cli.render.xlsx_text import inline as _inline
from hmic_cli.render.xlsx_text import text_tails as _text_tails

__all__ = ["Link", "Rows"]

_DEFAULT_PIXELS = 20  # XlsxWriter's default row height (Calibri 11), in pixels
_ROWS_PER_WRITE = 512  # rows joined into one write to the row file
_CHUNK = 1024  # rows `put` gathers before writing them column by column
_MAX_LINKS = 65530  # a sheet's hyperlinks, as XlsxWriter counts them; a URL past that is written as its text
_KEPT = 100  # the longest text whose cell stays looked up for later rows (a report's title: yes; an item's text: no)
_LOOKED_UP = frozenset({str, date, int, float, type(None)})  # the values whose cells a dict keeps


class Link(str):
    """A cell value that is an http(s) URL to link (the caller has checked it is one)."""


class Rows:
    """Rows from `first` on, each a list of `(value, format)` by column, written in row order.

    A value is a `str` (a text; "" and None are left empty), a `date`, an `int` or `float`, or a `Link`.
    `height` is in points, as `set_row` takes it."""

    def __init__(self, sheet, first: int, link_format, texts: dict | None = None) -> None:
        self.ws, self.row, self.link_format = sheet, first, link_format
        self.fast = _has_internals(sheet)
        self._xf: dict = {}  # a format -> its ` s="N"` attribute
        # a format -> {a text or date -> the cell's XML after its reference}; shared by a workbook's sheets
        # (`texts`: a report's title, type, owner, status and dates recur on every row, and an item's text on
        # three sheets): a look-up instead of escaping again, 2.4 million cells at 100,000 records
        self._tails: dict = {} if texts is None else texts
        self._buffer: list[str] = []
        self._opens: list[str] = []  # by column: `<c r="B`
        self._max_col = -1
        self._first: int | None = None  # the first row written
        self._layout: list = []  # `put`'s formats by column
        self._wraps: dict[int, int] = {}
        self._by_value: dict[int, dict] = {}  # a column whose format follows its value -> its cells
        self._chunk: list[tuple] = []
        self._heights: list = []
        if self.fast:
            if sheet.previous_row < first:
                sheet._write_single_row(first)  # the rows before (the header) go to the row file first
            from xlsxwriter.utility import xl_col_to_name

            self._col_name = xl_col_to_name

    def add(self, cells: list, height: float | None = None) -> None:
        if self._chunk:
            self._write_chunk()
        row = self.row
        self.row += 1
        if not self.fast:
            self._add_slow(row, cells, height)
            return
        opens = self._opens
        while len(opens) < len(cells):
            opens.append(f'<c r="{self._col_name(len(opens))}')
        r = str(row + 1)
        every = self._tails
        out = []
        col = last = -1
        for value, fmt in cells:
            col += 1
            if value is None:
                continue
            kind = type(value)
            if kind is str or kind is date:
                if not value:
                    continue
                tails = every.get(fmt)
                if tails is None:
                    tails = self._tails_of(fmt)
                tail = tails.get(value)
                if tail is None:
                    tail = tails[value] = self._tail(value, fmt)
                out.append(f"{opens[col]}{r}{tail}")
            elif kind is int or kind is float:
                s = self._xf.get(fmt)
                out.append(f'{opens[col]}{r}"{self._style(fmt) if s is None else s}><v>{value:.16G}</v></c>')
            elif kind is Link:
                out.append(self._link(row, col, opens[col][6:] + r, value, fmt))
            else:  # anything else is written as its text
                value = str(value)
                if not value:
                    continue
                out.append(f'{opens[col]}{r}"{self._style(fmt)} t="inlineStr">{_inline(value)}</c>')
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

    def _tails_of(self, fmt) -> dict:
        tails = self._tails.get(fmt)
        if tails is None:
            tails = self._tails[fmt] = {None: "", "": ""}  # an empty cell is not written
        return tails

    def layout(self, formats: list, wraps: dict[int, int] | None = None) -> None:
        """Each column's format for `put`: a format, or a dict from a value to its format (a RAG word's colours).

        `wraps`: the columns whose texts set a row's height, each with the width (characters) it wraps at; a
        row is then as tall as its longest such text needs (`lines_needed` lines of 15 points, at most Excel's
        409; a row of one line keeps the default), and `put` takes no height."""
        if self._chunk:
            self._write_chunk()
        self._layout, self._wraps = formats, wraps or {}

    def put(self, values: tuple, height: float | None = None) -> None:
        """A row of values, one for each column of `layout`: `add` with the formats said once.

        The rows are gathered and written a chunk at a time, column by column: a column's cells are looked up
        in a dict and joined by C loops (`map`, `zip`, `str.join`) where `add` steps through every cell in
        Python. At 100,000 records (2.4 million cells, most recurring) `add` took 7.5 s CPU (5.5 s with its own
        look-ups), `put` about 3 s, the rows' heights and links included."""
        if not self.fast:
            self.add(self._cells(values), self._height_of(values) if self._wraps else height)
            return
        self._chunk.append(values)
        self._heights.append(height)
        if len(self._chunk) >= _CHUNK:
            self._write_chunk()

    def _height_of(self, values: tuple) -> float | None:
        lines = max(lines_needed(values[col], width) for col, width in self._wraps.items())
        return min(409, lines * LINE_HEIGHT) if lines > 1 else None

    def _cells(self, values: tuple) -> list:
        """A row of `put` as `add` takes it: `(value, format)` by column."""
        return [(v, f.get(v) if type(f) is dict else f) for v, f in zip(values, self._layout, strict=True)]

    def _write_chunk(self) -> None:
        chunk, heights = self._chunk, self._heights
        first = self.row
        self.row += len(chunk)
        self._chunk, self._heights = [], []
        columns = list(zip(*chunk, strict=True))
        if len(columns) != len(self._layout):
            raise ValueError(f"{len(columns)} values in a row for {len(self._layout)} columns")
        if self._wraps:  # a column at a time: 700,000 calls of `lines_needed` at 100,000 records took 1 s CPU
            lines = [_lines(columns[col], width) for col, width in self._wraps.items()]
            heights = [min(409, n * LINE_HEIGHT) if n > 1 else None for n in map(max, zip(*lines, strict=True))]
        kinds = [set(map(type, values)) for values in columns]
        linking = sum(Link in k for k in kinds)
        if linking and self.ws.hlink_count < _MAX_LINKS <= self.ws.hlink_count + linking * len(chunk):
            self.row = first  # the chunk may cross the sheet's limit of links: row by row, as `add` counts them
            for values, height in zip(chunk, heights, strict=True):
                self.add(self._cells(values), height)
            return
        self._number_formats(columns, kinds)
        nums = list(map(str, range(first + 1, first + 1 + len(chunk))))
        cells = [self._column(col, values, self._layout[col], kinds[col], nums, first)
                 for col, values in enumerate(columns)]
        out = self._buffer
        bodies = list(map("".join, zip(*cells, strict=True)))
        if all(bodies):  # every row has a cell (the long sheets' rows have their ID): the rows at once
            out.extend(f'<row r="{r}"{_height(h) if h else ""}>{body}</row>'
                       for r, h, body in zip(nums, heights, bodies, strict=True))
            if self._first is None:
                self._first = first
        else:
            self._rows_one_by_one(first, nums, heights, bodies)
        self._flush()

    def _rows_one_by_one(self, first: int, nums: list[str], heights: list, bodies: list[str]) -> None:
        """Rows some of which have no cell: such a row is written only for its height."""
        out = self._buffer
        for at, (r, height, body) in enumerate(zip(nums, heights, bodies, strict=True)):
            if body:
                out.append(f'<row r="{r}"{_height(height) if height else ""}>{body}</row>')
            elif height is not None:
                out.append(f'<row r="{r}"{_height(height)}/>')
            else:
                continue
            if self._first is None and (body or height):
                self._first = first + at

    def _number_formats(self, columns: list[tuple], kinds: list[set]) -> None:
        """Numbers the chunk's formats in the order `add` would, row by row: XlsxWriter numbers a format (its
        style in styles.xml) when a cell first uses it, and a chunk is written column by column. Each format not
        yet numbered is found where a column first uses it, and they are numbered in row order."""
        def numbered(fmt) -> bool:
            return fmt is None or getattr(fmt, "xf_index", 0) is not None

        can_link = self.ws.hlink_count < _MAX_LINKS  # (a chunk crossing the limit goes row by row, `add`)

        def linked(value) -> bool:  # a cell `_link` writes with the link's format
            return can_link and type(value) is Link and len(value.strip()) <= MAX_URL

        firsts = []  # (row, column, format)
        for col, (values, fmt) in enumerate(zip(columns, self._layout, strict=True)):
            if type(fmt) is dict:
                firsts.extend((values.index(value), col, f) for value, f in fmt.items()
                              if not numbered(f) and value in values)
            elif not numbered(fmt):
                at = next((at for at, v in enumerate(values) if v is not None and v != "" and not linked(v)), None)
                if at is not None:
                    firsts.append((at, col, fmt))
            if Link in kinds[col] and not numbered(self.link_format):
                at = next((at for at, v in enumerate(values) if linked(v)), None)
                if at is not None:
                    firsts.append((at, col, self.link_format))
        for _, _, fmt in sorted(firsts, key=lambda first: first[:2]):
            fmt._get_xf_index()

    def _column(self, col: int, values: tuple, fmt, kinds: set, nums: list[str], first: int) -> list[str]:
        """A column's cells in a chunk of rows ("" where empty)."""
        opens = self._opens
        while len(opens) <= col:
            opens.append(f'<c r="{self._col_name(len(opens))}')
        opening = opens[col]
        links = Link in kinds  # (a column of evidence: links and texts)
        if not (kinds - {Link} if links else kinds) <= _LOOKED_UP:  # values of other types: cell by cell
            cells = [self._cell(first + at, col, r, value, fmt.get(value) if type(fmt) is dict else fmt)
                     for at, (r, value) in enumerate(zip(nums, values, strict=True))]
            if not any(cells):
                return cells
        else:
            by_value = type(fmt) is dict
            tails = self._by_value.setdefault(col, {None: "", "": ""}) if by_value else self._tails_of(fmt)
            missing = ({v for v in values if type(v) is not Link} if links else set(values)).difference(tails)
            passing: list[str] = []  # texts seldom seen twice: not kept past this chunk (memory)
            if missing and not by_value and str in kinds:
                texts = [v for v in missing if type(v) is str]
                tails.update(zip(texts, _text_tails(texts, self._xf.get(fmt) or self._style(fmt)), strict=True))
                missing.difference_update(texts)
                # a column of distinct texts (IDs, notes) keeps none: peak RSS at 100,000 records 516 -> 497 MB
                passing = texts if 2 * len(texts) > len(values) else [t for t in texts if len(t) > _KEPT]
            for value in missing:
                tails[value] = self._tail(value, fmt.get(value) if by_value else fmt)
            if links:  # a Link equals the text it holds: looked for before the dict
                cells = [self._link(first + at, col, opening[6:] + r, v, fmt.get(v) if by_value else fmt)
                         if type(v) is Link else (f"{opening}{r}{tails[v]}" if tails[v] else "")
                         for at, (r, v) in enumerate(zip(nums, values, strict=True))]
                if not any(cells):
                    return cells
            else:
                found = list(map(tails.__getitem__, values))
                if not any(found):
                    return found
                cells = [f"{opening}{r}{tail}" if tail else "" for r, tail in zip(nums, found, strict=True)]
            for text in passing:
                del tails[text]
        if col > self._max_col:
            self._max_col = col
        return cells

    def _cell(self, row: int, col: int, r: str, value, fmt) -> str:
        """One cell as `add` writes it ("" when empty)."""
        opening = self._opens[col]
        if value is None or value == "":
            return ""
        kind = type(value)
        if kind is Link:
            return self._link(row, col, opening[6:] + r, value, fmt)
        if kind in _LOOKED_UP:
            return f"{opening}{r}{self._tail(value, fmt)}"
        value = str(value)
        return f'{opening}{r}"{self._style(fmt)} t="inlineStr">{_inline(value)}</c>' if value else ""

    def _tail(self, value: str | date | float, fmt) -> str:
        """A text's, date's or number's cell after `<c r="B2`: its style and value."""
        s = self._xf.get(fmt)
        if s is None:
            s = self._style(fmt)
        kind = type(value)
        if kind is str:
            return f'"{s} t="inlineStr">{_inline(value)}</c>'
        if kind is date:
            return f'"{s}><v>{self.ws._convert_date_time(value):.16G}</v></c>'
        return f'"{s}><v>{value:.16G}</v></c>'

    def close(self) -> int:
        """Ends the rows; the last row written (or the one before `first` when none was)."""
        if self._chunk:
            self._write_chunk()
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

    def _link(self, row: int, col: int, ref: str, value: Link, fmt) -> str:
        """The link's cell, and the link kept as `write_url` keeps it (a URL Excel cannot hold is text)."""
        from xlsxwriter.url import Url

        url = value.strip()
        ws = self.ws
        if len(url) > MAX_URL or ws.hlink_count >= _MAX_LINKS:
            return f'<c r="{ref}"{self._style(fmt)} t="inlineStr">{_inline(str(value))}</c>'
        link = light_url(url) or Url(url)
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


def _lines(texts: tuple, width: int) -> list[int]:
    """`lines_needed` of each text (a text on one line counted here)."""
    per = max(1, width - 1)
    return [(-(-len(t) // per) if "\n" not in t else lines_needed(t, width)) if t else 1 for t in texts]


def _has_internals(ws) -> bool:
    """Whether `ws` is a constant-memory XlsxWriter worksheet with the internals `Rows` keeps up."""
    return (getattr(ws, "constant_memory", False) and getattr(ws, "row_data_fh", None) is not None
            and all(hasattr(ws, name) for name in ("previous_row", "_write_single_row", "_check_dimensions",
                                                   "_convert_date_time", "hyperlinks", "hlink_count"))
            and not getattr(ws, "row_data_fh_closed", False))


@cache  # a few heights recur (whole lines of 15 points)
def _height(points: float) -> str:
    """The row's height attributes as `_write_row` writes them (none for the default 15 points, 20 pixels)."""
    pixels = int(points * 4.0 / 3.0 + 0.5)  # as set_row turns points into pixels
    return f' ht="{pixels * 0.75:.16g}" customHeight="1"' if pixels != _DEFAULT_PIXELS else ""
