"""The one table engine for a terminal: tables laid out here rather than by Rich's Table.

Rich's Table measures and wraps every cell through its segment machinery (about 1 ms a row); this
lays the columns out with plain word-wrapping (a few µs a row) and hands Rich only finished lines,
so colour, NO_COLOR and FORCE_COLOR still go through Rich (and without colour, `put` skips Rich).

Words and ids are never split. When the columns cannot fit their longest words side by side, the
columns named in `fold` move, in that order, into the `into` column as "Header: value" lines; when
that is still not enough, each row becomes a card ("Header: value" lines under the first cell).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

from hmic_cli.render.present import BOLD, width_of, wrap


@dataclass(frozen=True)
class Column:
    """`wrap` columns wrap between words; the others never wrap (ids, dates, numbers). `min`: the
    fewest cells a wrap column may have (when its text is that long), e.g. 30 for a recommendation;
    `whole`, the longest word it keeps whole (a longer one, such as a URL, is folded inside the cell)."""

    header: str
    wrap: bool = False
    right: bool = False
    min: int = 0
    whole: int = 0  # words up to this many cells are kept whole (cards rather than split); 0: `Grid.MAX_WORD`


class Grid:
    """A table of `rows` (each cell a text, or a (text, style) pair) under `columns`."""

    GAP = "  "
    MAX_WORD = 30  # a longer word (a URL) may be folded in a table rather than turn every row into a card
    styled = True  # `put` turns styles off when nothing will be coloured: lines then take the quick path

    def __init__(self, columns: list[Column], rows: list[list], title: str | None = None, lead: str = "",
                 full_rule: bool = False, fold: tuple[str, ...] = (), into: str | None = None,
                 spaced: bool = False) -> None:
        rows = [[c if isinstance(c, tuple) else (c, None) for c in row] for row in rows]
        keep = [c for c in range(len(columns)) if c == 0 or any(row[c][0] for row in rows)]  # no empty column
        if len(keep) < len(columns):
            rows = [[row[c] for c in keep] for row in rows]
        self.columns, self.rows, self.title = [columns[c] for c in keep], rows, title
        self.lead, self.full_rule, self.spaced = lead, full_rule, spaced  # spaced: a blank line after each row
        headers = [col.header for col in self.columns]
        self.fold = [h for h in fold if h in headers] if into in headers else []
        self.into = into

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if self.title:
            for line in wrap(self.title, width):
                yield Segment(line, Style(italic=True))
                yield Segment.line()
        stats = self._measure()
        for k in range(len(self.fold) + 1):
            widths = self._widths(self._sizes(stats, self.fold[:k]), width - 1 - len(self.lead))
            if widths is not None:
                columns, rows = self._folded(self.fold[:k]) if k else (self.columns, self.rows)
                yield from self._table(columns, rows, widths, width)
                return
        yield from self._cards(self.columns, self.rows, width)

    def _measure(self) -> list[tuple[int, int, int, int]]:
        """Per column: (header's natural width, its longest word, the values' natural width, their
        longest word); measured once, whatever is folded (words of non-wrap columns only if they fold)."""
        stats = []
        for c, col in enumerate(self.columns):
            values = [row[c][0] for row in self.rows]
            lines = col.header.split("\n")
            header = (max(map(width_of, lines)), max((width_of(w) for w in col.header.split()), default=0))
            joined = "\n".join(values)  # measured in C when ASCII (the usual case)
            measure = len if joined.isascii() else width_of
            if col.wrap:
                natural = max(map(measure, joined.split("\n")), default=0)
            else:
                natural = max(map(measure, values), default=0)
            word = (max(map(measure, joined.split()), default=0) if col.wrap or col.header in self.fold else 0)
            stats.append((*header, natural, word))
        return stats

    def _sizes(self, stats, folded: list[str]) -> list[tuple[Column, int, int]]:
        """(column, natural width, longest word) of each column left when `folded` move into `into`,
        whose lines then include "Header: value" lines."""
        sizes = []
        for col, (head, head_word, natural, word) in zip(self.columns, stats, strict=True):
            if col.header in folded:
                continue
            if col.header == self.into and folded:
                for other, (_, other_head_word, other_natural, other_word) in zip(self.columns, stats, strict=True):
                    if other.header in folded:
                        natural = max(natural, width_of(_label(other.header)) + other_natural)
                        word = max(word, other_word, other_head_word + 1)  # the label's word and its colon
            sizes.append((col, max(head, natural), max(head_word, word) if col.wrap else 0))
        return sizes

    def _folded(self, names: list[str]) -> tuple[list[Column], list[list]]:
        """The columns without `names`, their non-empty cells as lines at the top of the `into` cell."""
        moved = [c for c, col in enumerate(self.columns) if col.header in names]
        into = next(c for c, col in enumerate(self.columns) if col.header == self.into)
        keep = [c for c in range(len(self.columns)) if c not in moved]
        rows = []
        for row in self.rows:
            lines = [f"{_label(self.columns[c].header)}{row[c][0]}" for c in moved if row[c][0]]
            cells = list(row)
            cells[into] = ("\n".join([*lines, row[into][0]]), row[into][1])
            rows.append([cells[c] for c in keep])
        return [self.columns[c] for c in keep], rows

    def _widths(self, sizes: list[tuple[Column, int, int]], width: int) -> list[int] | None:
        """Each column's width, or None when the longest words cannot sit side by side."""
        naturals, mins = [], []
        for col, natural, word in sizes:
            naturals.append(natural)
            if col.wrap:
                mins.append(max(min(word or 1, col.whole or self.MAX_WORD), min(col.min, natural)))
            else:
                mins.append(natural)
        spare = width - sum(mins) - len(self.GAP) * (len(sizes) - 1)
        if spare < 0:
            return None
        widths = list(mins)
        wants = {c: naturals[c] - mins[c] for c, (col, _, _) in enumerate(sizes) if col.wrap and naturals[c] > mins[c]}
        total = sum(wants.values())
        if total <= spare:  # room for every column at its natural width
            return naturals
        order = sorted(wants, key=wants.get)  # fair shares: the modest columns are satisfied first
        for k, c in enumerate(order):
            give = min(wants[c], spare // (len(order) - k))
            widths[c] += give
            spare -= give
        return widths

    def _table(self, columns: list[Column], rows: list[list], widths: list[int], width: int) -> RenderResult:
        header = [wrap(col.header, w) if col.wrap else col.header.split("\n")
                  for col, w in zip(columns, widths, strict=True)]
        height = max(len(h) for h in header)
        header = [[""] * (height - len(h)) + h for h in header]  # bottom-aligned, as Rich does
        rights = [col.right for col in columns]
        yield from self._lines(header, widths, [BOLD] * len(widths), rights)
        rule = width - 1 - len(self.lead) if self.full_rule else min(
            width - 1, sum(widths) + len(self.GAP) * (len(widths) - 1))
        yield Segment(self.lead + "─" * rule)
        yield Segment.line()
        cells = ([wrap(text, w) if col.wrap else [text] for col, w, (text, _) in zip(columns, widths, row, strict=True)]
                 for row in rows)
        if not self.styled:
            yield from plain_rows(cells, widths, rights, self.GAP, self.lead, self.spaced)
            return
        for lines, row in zip(cells, rows, strict=True):
            yield from styled_lines(lines, widths, [style for _, style in row], rights, self.GAP, self.lead)
            if self.spaced:
                yield Segment.line()

    def _lines(self, columns: list[list[str]], widths: list[int], styles, rights: list[bool]) -> RenderResult:
        if not self.styled:
            yield from plain_rows([columns], widths, rights, self.GAP, self.lead)
            return
        yield from styled_lines(columns, widths, styles, rights, self.GAP, self.lead)

    def _cards(self, columns: list[Column], rows: list[list], width: int) -> RenderResult:
        """The first column as a heading, then "Header: value" for each other non-empty cell."""
        for row in rows:
            for line in wrap(row[0][0], width):
                yield Segment(line, row[0][1] or BOLD)
                yield Segment.line()
            used = 0  # short fields share a line, two spaces apart; long texts get lines of their own
            for col, (text, style) in zip(columns[1:], row[1:], strict=True):
                if not text:
                    continue
                label = _label(col.header)
                size = width_of(label + text)
                if not col.wrap and size <= width - 2 and "\n" not in text:
                    if used and used + 2 + size > width - 2:
                        yield Segment.line()
                        used = 0
                    yield Segment("  " + label)
                    yield Segment(text, style)
                    used += 2 + size
                    continue
                if used:
                    yield Segment.line()
                    used = 0
                for line in wrap(label + text, width - 2):
                    yield Segment("  " + line)
                    yield Segment.line()
            if used:
                yield Segment.line()
            yield Segment.line()


def _label(header: str) -> str:
    return f"{header.replace(chr(10), ' ')}: " if header else ""


def styled_lines(columns: list[list[str]], widths: list[int], styles, rights: list[bool], gap: str,
                 lead: str = "") -> RenderResult:
    """The lines of a row of wrapped cells: one segment per styled cell, the unstyled text between
    them joined (few segments a line), no trailing spaces."""
    last = len(columns) - 1
    for n in range(max(len(c) for c in columns)):
        plain = lead
        for c, (column, width) in enumerate(zip(columns, widths, strict=True)):
            text = column[n] if n < len(column) else ""
            pad = " " * (width - width_of(text))
            if rights[c]:
                plain += pad
                pad = ""
            if styles[c] is None or not text:
                plain += text
            else:
                yield Segment(plain)
                yield Segment(text, styles[c])
                plain = ""
            if c < last:
                plain += pad + gap
        yield Segment(plain.rstrip(" "))
        yield Segment.line()


ROW_LINES = 1024  # `plain_rows` hands over its text in segments of about this many lines ...
WRITE_CHARS = 65_536  # ... and `put` writes once it holds this many characters: a long table streams


def plain_rows(rows: Iterable[list[list[str]]], widths: list[int], rights: list[bool], gap: str, lead: str = "",
               spaced: bool = False) -> RenderResult:
    """`styled_lines` without styles, for many rows (each row: its cells' lines) at once: their text in
    segments of about `ROW_LINES` lines, padded by `str.ljust`/`rjust` (C) where a cell is ASCII.

    A row's first line has a line of every cell; its later lines are laid out in stretches on which
    the same columns go on, and where one cell alone goes on (a long text's later lines: most lines of
    a wrapped table) each line is that cell after its column's indent, with nothing to join. At
    100,000 records this took `log`'s table of 39,000 entries from 1.04 s to 0.77 s to render
    (in-process), and `log --format table` from 1.62x to 1.4x `list --format json` (benchmarks/)."""
    indents, at = [], 0
    for width in widths:
        indents.append(lead + " " * at)
        at += width + len(gap)
    blank = not gap.strip()  # columns past the last one going on may be left out (only spaces would follow)
    out: list[str] = []
    for row in rows:
        if not any(row):  # no cell has a line: no line (as `styled_lines`)
            continue
        out.append((lead + gap.join([_pad(cell[0] if cell else "", width, right)
                                     for cell, width, right in zip(row, widths, rights, strict=True)])).rstrip(" "))
        heights = list(map(len, row))
        lo = 1
        for hi in sorted(set(heights)):  # lines lo..hi-1: the columns taller than lo go on
            if hi <= lo:
                continue
            going = [c for c, h in enumerate(heights) if h > lo]
            if blank and len(going) == 1:
                c = going[0]
                if rights[c]:
                    out += [(indents[c] + _pad(text, widths[c], True)).rstrip(" ") for text in row[c][lo:hi]]
                else:
                    out += [(indents[c] + text).rstrip(" ") for text in row[c][lo:hi]]
            else:
                cells = row[:going[-1] + 1] if blank else row
                for n in range(lo, hi):
                    out.append((lead + gap.join([_pad(column[n] if n < len(column) else "", width, right)
                                                 for column, width, right in zip(cells, widths, rights, strict=False)])
                                ).rstrip(" "))
            lo = hi
        if spaced:
            out.append("")
        if len(out) >= ROW_LINES:
            out.append("")
            yield Segment("\n".join(out))
            out.clear()
    if out:
        out.append("")
        yield Segment("\n".join(out))


def _pad(text: str, width: int, right: bool) -> str:
    """`text` padded to `width` terminal cells: by `str.ljust`/`rjust` (in C) when it is ASCII."""
    if text.isascii():
        return text.rjust(width) if right else text.ljust(width)
    pad = " " * (width - cell_len(text))
    return pad + text if right else text + pad


def put(con: Console, grid: Grid) -> None:
    """Print a hand-laid table: through Rich when it colours; else its lines straight to the stream.

    Without colour Rich adds nothing to finished lines but its per-segment cost: at 100,000 records
    `list --format table` piped took 1.49x `--format json` through `Console.print` (benchmarks/)."""
    if con.color_system is not None:
        con.print(grid)
        return
    grid.styled = False  # its padding then runs in C (`plain_rows`)
    write, chunk, size = con.file.write, [], 0
    for segment in grid.__rich_console__(con, con.options):
        chunk.append(segment.text)
        size += len(segment.text)
        if size >= WRITE_CHARS:
            write("".join(chunk))
            chunk.clear()
            size = 0
    write("".join(chunk))
    con.file.flush()
