"""Rich tables for a terminal: data text never read as markup, control characters escaped."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from typing import TextIO

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from hmic_cli.defaults import clamp_width
from hmic_cli.query import Detail, Item, Selection
from hmic_cli.sanitize import inert, one_line
from hmic_cli.vocabulary import Rag


def width_of(text: str) -> int:
    """Terminal cells `text` takes: its length when ASCII (the usual case, and far quicker than Rich's)."""
    return len(text) if text.isascii() else cell_len(text)


def console(out: TextIO) -> Console:
    """A console on `out`: colour only on a terminal (NO_COLOR/FORCE_COLOR honoured), width from it or COLUMNS
    (clamped to a sane range, see `defaults.clamp_width`).

    Lines reach `out` without trailing spaces (Rich pads to the width; a pipe or a file need not keep it).
    """
    con = Console(file=_Trimmed(out), highlight=False, markup=False, emoji=False, soft_wrap=False)
    con.width = clamp_width(con.width)
    con.on_broken_pipe = _broken_pipe  # Rich would exit 1 (a failed check); `output` decides instead
    return con


def _broken_pipe() -> None:
    raise BrokenPipeError(errno.EPIPE, "Broken pipe")


_CODES_AT_END = re.compile(r"(?:\x1b\[[0-9;]*m)+$")


def _trim(line: str) -> str:
    """A line without its trailing spaces, keeping colour codes that close it (line by line: a regex
    over the whole output backtracks on every run of padding)."""
    if "\x1b" not in line:
        return line.rstrip(" ")
    codes = _CODES_AT_END.search(line)
    return line[:codes.start()].rstrip(" ") + codes.group() if codes else line.rstrip(" ")


class _Trimmed:
    """A text stream that drops spaces at the ends of lines (before any closing colour codes)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._pending = ""

    def write(self, text: str) -> int:
        text = self._pending + text
        cut = text.rfind("\n") + 1
        self._pending = text[cut:]
        if cut:
            self._out.write("\n".join(map(_trim, text[:cut].split("\n"))))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._out.write(self._pending)
            self._pending = ""
        self._out.flush()

    def isatty(self) -> bool:
        return self._out.isatty()

    def fileno(self) -> int:
        return self._out.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._out, "encoding", None) or "utf-8"


RED, AMBER, GREEN, BOLD = (Style(bold=True, color="red"), Style(color="yellow"), Style(color="green"),
                           Style(bold=True))


def rag_style(item: Item) -> Style | None:
    """Red only for overdue, amber (yellow) for the amber window, green for done; closed items never red."""
    if item.overdue:
        return RED
    if item.rag is Rag.amber:
        return AMBER
    if not item.outstanding:
        return GREEN
    return None


def wrap_token(text: str, width: int) -> list[str]:
    """Wrap a hyphenated token (`information-sharing`) after its hyphens; fold what still does not fit."""
    lines: list[str] = []
    line = ""
    for part in _HYPHENATED.findall(text) or [""]:
        if line and width_of(line + part) > width:
            lines.append(line)
            line = ""
        line += part
        while width_of(line) > width:
            head, *rest = chop_cells(line, width)
            lines.append(head)
            line = "".join(rest)
    lines.append(line)
    return lines


_HYPHENATED = re.compile(r"[^-]+-?|-")


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; words wider than `width` are folded, nothing is cut."""
    if len(text) <= width and text.isascii() and "\n" not in text and not text.startswith(" "):
        return [text]  # fits as it is (most cells of a large log or list): the loop below would rebuild it
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split(" "):
            size = width_of(word)
            if used and used + 1 + size <= width:
                line, used = f"{line} {word}", used + 1 + size
                continue
            if used:
                lines.append(line)
            if size > width:
                *full, word = chop_cells(word, width) or [""]
                lines.extend(full)
                size = width_of(word)
            line, used = word, size
        lines.append(line)
    return lines


def styled_lines(columns: list[list[str]], widths: list[int], styles, rights: list[bool], gap: str,
                 lead: str = "") -> RenderResult:
    """The lines of a row of wrapped cells: one segment per styled cell, the unstyled text between
    them joined (few segments a line), no trailing spaces. Shared by `ItemGrid` and `Grid`."""
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


def plain_lines(columns: list[list[str]], widths: list[int], rights: list[bool], gap: str,
                lead: str = "") -> RenderResult:
    """`styled_lines` without styles, padded by `str.ljust`/`rjust` (C) where a cell is ASCII: at
    100,000 records this took `log`'s table from 1.72x to about 1.3x `list --format json`
    (benchmarks/), and the render of `summary`'s table, 12,000 overdue items after the counts, from
    1.2 s to 0.8 s (in-process)."""
    line_break = Segment.line()
    for n in range(max(len(c) for c in columns)):
        parts = []
        for column, width, right in zip(columns, widths, rights, strict=True):
            text = column[n] if n < len(column) else ""
            if text.isascii():
                parts.append(text.rjust(width) if right else text.ljust(width))
            else:
                pad = " " * (width - cell_len(text))
                parts.append(pad + text if right else text + pad)
        yield Segment((lead + gap.join(parts)).rstrip(" "))
        yield line_break


class ItemGrid:
    """The recommendations table, laid out here rather than by Rich's Table.

    Rich's Table measures and wraps every cell through its segment machinery (about 1 ms a row);
    this lays out the same columns with plain word-wrapping (a few µs a row) and hands Rich only
    finished lines, so colour, NO_COLOR and FORCE_COLOR still go through Rich. On a terminal too
    narrow for seven columns, each item becomes a short card instead.
    """

    HEADER = (("ID",), ("Deadline",), ("Due date",), ("Days", "left"), ("Status",), ("Themes",), ("Text",))
    MIN_TEXT = 24  # below this many cells for the text, one card per item
    GAP = "  "
    styled = True  # `put` turns styles off when nothing will be coloured: lines then take the quick path

    def __init__(self, items: list[Item]) -> None:
        self.rows = [self._cells(item) for item in items]
        self.items = items

    @staticmethod
    def _cells(item: Item) -> tuple:
        rec = item.rec
        return ((one_line(rec.id),), (rec.deadline.value,), (item.due_date.isoformat() if item.due_date else "-",),
                ("" if item.days_left is None else str(item.days_left),), (rec.status.value,),
                tuple(one_line(t) for t in rec.themes), inert(rec.text))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Every column but the text keeps its words whole (ids, deadline classes, statuses, one theme
        # id a line); the text takes what is left, and below MIN_TEXT cells each item becomes a card.
        # When that leaves the text too little, the themes move into the text column as its first line.
        widths = [max(width_of(line) for cells in (self.HEADER, *self.rows) for line in cells[col])
                  for col in range(6)]
        text_width = options.max_width - 2 - sum(widths) - len(self.GAP) * len(widths)
        longest_word = max((width_of(w) for cells in self.rows for w in cells[6].split()), default=0)
        enough = min(self.MIN_TEXT, max(longest_word, 12))
        themes_apart = text_width >= enough
        if not themes_apart:
            text_width += widths[5] + len(self.GAP)
            del widths[5]
            if text_width < enough:
                yield from self._cards(options.max_width)
                return
        widths.append(text_width)
        header = list(self.HEADER) if themes_apart else [*self.HEADER[:5], ("Themes, text",)]
        yield from self._lines(header, widths, header=True, styles=[BOLD] * len(widths))
        yield Segment(" " + "─" * (options.max_width - 2))
        yield Segment.line()
        for item, cells in zip(self.items, self.rows, strict=True):
            columns = [list(cells[c]) for c in range(6 if themes_apart else 5)]
            text = wrap(cells[6], text_width)
            columns.append(text if themes_apart else wrap(", ".join(cells[5]), text_width) + text)
            state = rag_style(item)
            styles = [BOLD, None, None, state, GREEN if state is GREEN else None, None, None]
            yield from self._lines(columns, widths, styles=styles if themes_apart else styles[:4] + styles[5:])
            yield Segment.line()

    def _cards(self, width: int) -> RenderResult:
        for item, cells in zip(self.items, self.rows, strict=True):
            state = rag_style(item)
            head = [(cells[0][0], BOLD), ("  ", None), (cells[1][0], None), ("  due ", None),
                    (cells[2][0], None), (" (", None), (cells[3][0], state),
                    (")  ", None), (cells[4][0], GREEN if state is GREEN else None)]
            used = 0
            for text, style in head:  # wrapped by cells, like any other line
                for piece in wrap_token(text, width) if width_of(text) > width else [text]:
                    if used and used + width_of(piece) > width:
                        yield Segment.line()
                        used = 0
                    yield Segment(piece, style)
                    used += width_of(piece)
            yield Segment.line()
            for text in wrap("Themes: " + ", ".join(cells[5]), width - 2) + wrap(cells[6], width - 2):
                yield Segment("  " + text)
                yield Segment.line()
            yield Segment.line()

    def _lines(self, columns, widths, styles, header: bool = False) -> RenderResult:
        """One segment per styled cell, the unstyled text between them joined: few segments a line."""
        height = max(len(c) for c in columns)
        if header:  # bottom-align the header, as Rich does
            columns = [[""] * (height - len(c)) + list(c) for c in columns]
        rights = [c == 3 for c in range(len(columns))]  # days left: right-aligned
        if not self.styled:
            yield from plain_lines(columns, widths, rights, self.GAP, lead=" ")
            return
        yield from styled_lines(columns, widths, styles, rights, self.GAP, lead=" ")


@dataclass(frozen=True)
class Column:
    """A column of a `Grid`: `wrap` columns wrap between words; the others never wrap (ids, dates, numbers)."""

    header: str
    wrap: bool = False
    right: bool = False


class Grid:
    """A table laid out by hand: words and ids are never split, and when the columns cannot fit
    their longest words side by side, each row becomes a card ("Header: value" lines).

    Rich's Table folds words on a narrow terminal (an id split over two lines) and measures every
    cell through its segment machinery; this keeps ids whole and costs a few µs a row.
    """

    GAP = "  "
    MAX_WORD = 30  # a longer word (a URL) may be folded in a table rather than turn every row into a card

    def __init__(self, columns: list[Column], rows: list[list], title: str | None = None) -> None:
        rows = [[c if isinstance(c, tuple) else (c, None) for c in row] for row in rows]
        keep = [c for c in range(len(columns)) if c == 0 or any(row[c][0] for row in rows)]  # no empty column
        self.columns, self.title = [columns[c] for c in keep], title
        self.rows = [[row[c] for c in keep] for row in rows]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if self.title:
            for line in wrap(self.title, width):
                yield Segment(line, Style(italic=True))
                yield Segment.line()
        widths = self._widths(width - 1)
        if widths is None:
            yield from self._cards(width)
        else:
            yield from self._table(widths, width)

    def _widths(self, width: int) -> list[int] | None:
        """Each column's width, or None when the longest words cannot sit side by side."""
        naturals, mins = [], []
        for c, col in enumerate(self.columns):
            cells = [col.header] + [row[c][0] for row in self.rows]
            if col.wrap:
                naturals.append(max(width_of(line) for text in cells for line in text.split("\n")))
                mins.append(min(max((width_of(w) for text in cells for w in text.split()), default=1),
                                self.MAX_WORD))
            else:
                naturals.append(max(width_of(text) for text in cells))
                mins.append(naturals[-1])
        spare = width - sum(mins) - len(self.GAP) * (len(self.columns) - 1)
        if spare < 0:
            return None
        widths = list(mins)
        wants = {c: naturals[c] - mins[c] for c, col in enumerate(self.columns) if col.wrap and naturals[c] > mins[c]}
        total = sum(wants.values())
        if total <= spare:  # room for every column at its natural width
            return naturals
        order = sorted(wants, key=wants.get)  # fair shares: the modest columns are satisfied first
        for k, c in enumerate(order):
            give = min(wants[c], spare // (len(order) - k))
            widths[c] += give
            spare -= give
        return widths

    def _table(self, widths: list[int], width: int) -> RenderResult:
        bold = Style(bold=True)
        header = [wrap(col.header, w) if col.wrap else [col.header]
                  for col, w in zip(self.columns, widths, strict=True)]
        height = max(len(h) for h in header)
        header = [[""] * (height - len(h)) + h for h in header]
        yield from self._lines(header, widths, [bold] * len(widths))
        yield Segment("─" * min(width - 1, sum(widths) + len(self.GAP) * (len(widths) - 1)))
        yield Segment.line()
        for row in self.rows:
            lines = [wrap(text, w) if col.wrap else [text]
                     for col, w, (text, _) in zip(self.columns, widths, row, strict=True)]
            yield from self._lines(lines, widths, [style for _, style in row])

    styled = True  # `put` turns styles off when nothing will be coloured: lines then take the quick path

    def _lines(self, columns: list[list[str]], widths: list[int], styles) -> RenderResult:
        if not self.styled:
            yield from plain_lines(columns, widths, [col.right for col in self.columns], self.GAP)
            return
        yield from styled_lines(columns, widths, styles, [col.right for col in self.columns], self.GAP)

    def _cards(self, width: int) -> RenderResult:
        """The first column as a heading, then "Header: value" for each other non-empty cell."""
        bold = Style(bold=True)
        for row in self.rows:
            for line in wrap(row[0][0], width):
                yield Segment(line, row[0][1] or bold)
                yield Segment.line()
            used = 0  # short fields share a line, two spaces apart; long texts get lines of their own
            for col, (text, style) in zip(self.columns[1:], row[1:], strict=True):
                if not text:
                    continue
                label = f"{col.header}: " if col.header else ""
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


def put(con: Console, grid: ItemGrid | Grid) -> None:
    """Print a hand-laid table: through Rich when it colours; else its lines straight to the stream.

    Without colour Rich adds nothing to finished lines but its per-segment cost: at 100,000 records
    `list --format table` piped took 1.49x `--format json` through `Console.print` (benchmarks/)."""
    if con.color_system is not None:
        con.print(grid)
        return
    grid.styled = False  # its padding then runs in C (`plain_lines`)
    write, chunk = con.file.write, []
    for segment in grid.__rich_console__(con, con.options):
        chunk.append(segment.text)
        if len(chunk) >= 4096:
            write("".join(chunk))
            chunk.clear()
    write("".join(chunk))
    con.file.flush()


def list_items(selection: Selection, out: TextIO) -> None:
    if not selection.items:
        return
    n = len(selection.items)
    con = console(out)
    con.print(Text(f"{n} recommendation{'s' if n != 1 else ''} as of {selection.as_of.isoformat()}"))
    con.print()
    put(con, ItemGrid(selection.items))


def show_item(detail: Detail, out: TextIO) -> None:
    """One recommendation in full: text, report, due date, themes, owner, history with evidence."""
    item, theme_labels = detail.item, detail.theme_labels
    rec, report = item.rec, item.report
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    from hmic_cli.render.text import due_text
    from hmic_cli.render.text import standing as standing_of

    standing = standing_of(item)
    if item.completed_on:
        standing += f" on {item.completed_on.isoformat()}" + (", late" if item.late else "")
    published = report.published.isoformat() + (" (estimated)" if report.published_note else "")
    rows = [
        ("ID", one_line(rec.id)),
        ("Type", rec.type.value),
        ("Report", f"{inert(report.title)} [{one_line(report.id)}], {one_line(report.inspectorate)}, "
                   f"{one_line(report.force)}, published {published}"),
        ("Deadline", rec.deadline.value),
        ("Due date", f"{due_text(item)} ({standing})"),
        ("RAG", item.rag.value),
        ("Status", rec.status.value),
        ("Owner", one_line(rec.owner) if rec.owner else "-"),
        ("Themes", ", ".join(f"{one_line(theme_labels.get(t, t))} ({one_line(t)})" for t in rec.themes)),
        ("Text", inert(rec.text)),
    ]
    if rec.quote:
        rows.append(("Source wording", inert(rec.quote)))
    if getattr(rec, "carried_forward_from", None):
        rows.append(("Carried forward", f"from {one_line(rec.carried_forward_from)}, an outstanding item of an "
                                        "earlier report that this one repeats"))
    for revision in rec.due_revisions:
        was = revision.previous.isoformat() if revision.previous else "none"
        rows.append(("Due revised", f"{revision.on.isoformat()}: {was} -> {revision.due.isoformat()} "
                                    f"({inert(revision.reason)})"))
    if rec.waiver:
        rows.append(("Waiver", f"until {rec.waiver.until.isoformat()}: {inert(rec.waiver.reason)}"))
    for name, value in rows:
        style = rag_style(item) if name in ("Due date", "RAG") else None
        facts.add_row(name, Text(value, style=style or ""))
    history = Grid([Column("On"), Column("Status"), Column("Note", wrap=True), Column("By", wrap=True),
                    Column("Evidence", wrap=True)],
                   [[entry.on.isoformat(), entry.status.value, inert(entry.note), one_line(entry.by or ""),
                     inert(entry.evidence or "")] for entry in rec.history], title="History")
    con = console(out)
    con.print(facts)
    con.print(history if rec.history else Text("History: none recorded"))


def check(verdict, out: TextIO) -> None:
    con = console(out)
    con.print(Text(verdict.describe(), style="bold green" if verdict.passed else "bold red"))
    if verdict.failing:
        put(con, ItemGrid(verdict.failing))


def _bar(con: Console, p, width: int = 20):
    """A progress bar as a cell: `█████░░░░░  50%`, the filled part green on a colour terminal.

    Text either way, so NO_COLOR (or a pipe) keeps the bar.
    """
    from hmic_cli.render.text import text_bar

    text = text_bar(p.fraction, width)
    return (text, GREEN if con.color_system and p.fraction else None)


def _count(value: int):
    return (str(value), RED if value else None)


def themes(result, out: TextIO) -> None:
    rows = [[one_line(p.label), one_line(p.key), str(p.total), str(p.outstanding), _count(p.overdue)]
            for p in result.rows]
    columns = [Column("Theme", wrap=True), Column("ID"), Column("Total", right=True),
               Column("Outstanding", right=True), Column("Overdue", right=True)]
    put(console(out), Grid(columns, rows, title=f"Themes as of {result.as_of.isoformat()}"))


def summary(s, out: TextIO) -> None:
    con = console(out)
    con.print(Text(f"Summary as of {s.as_of.isoformat()}", style="bold"))
    for r in s.reports:
        published = r.published.isoformat() + (" (estimated)" if r.published_note else "")
        con.print(Text(f"{one_line(r.title)} — {one_line(r.inspectorate)}, {one_line(r.force)}, "
                       f"published {published}"))
    o = s.overall
    percent = "n/a" if o.percent is None else f"{o.percent}%"
    headline = Text(f"{percent} complete ({o.complete} of {o.counted})", style="bold")
    headline.append(f"  {o.overdue} overdue", style="bold red" if o.overdue else "")
    headline.append(f"  {o.outstanding} outstanding")
    con.print(headline)
    con.print(Text("  ".join(f"{name}: {n}" for name, n in s.by_status.items())))
    if s.by_rag:
        rag = Text("RAG: ")
        for name, n in s.by_rag.items():
            rag.append(f"{name} {n}", style={"red": RED, "amber": AMBER, "closed": GREEN}.get(name) if n else None)
            rag.append("  ")
        rag.rstrip()
        con.print(rag)
    bar_width = 20 if con.width >= 80 else 10
    for title, rows in (("By deadline", s.by_deadline), ("By theme", s.by_theme), ("By owner", s.by_owner)):
        if not rows:
            continue
        columns = [Column("", wrap=True), Column("Total", right=True), Column("Complete", right=True),
                   Column("Overdue", right=True), Column("Progress")]
        con.print()
        put(con, Grid(columns, [[one_line(p.label), str(p.total), str(p.complete), _count(p.overdue),
                                  _bar(con, p, bar_width)] for p in rows], title=title))
    if s.overdue:
        con.print()
        con.print(Text(f"Overdue ({len(s.overdue)})", style="italic"))
        put(con, ItemGrid(s.overdue))


def log(result, out: TextIO) -> None:
    from hmic_cli.render.text import transition

    if not result.movements:
        return
    columns = [Column("On"), Column("ID"), Column("Change", wrap=True), Column("Note", wrap=True),
               Column("Evidence", wrap=True), Column("By", wrap=True)]
    rows = [[c.entry.on.isoformat(), (one_line(c.id), BOLD), transition(c), inert(c.entry.note),
             inert(c.entry.evidence or ""), one_line(c.entry.by or "")] for c in result.movements]
    put(console(out), Grid(columns, rows))


def preview(result, out: TextIO) -> None:
    """`hmic import`: what was found (or added), as the recommendations table."""
    if hasattr(result, "columns"):  # a spreadsheet's import
        from hmic_cli.render.sheet_preview import table

        return table(result, out)
    con = console(out)
    report = result.report
    con.print(Text(one_line(f"{report['title']} — {report['force']}, published {report['published']} "
                            f"[{report['id']}]"), style="bold"))
    n = len(result.items)
    con.print(Text(f"{n} item{'s' if n != 1 else ''} from {one_line(result.source)}"
                   + (f"; {len(result.skipped)} already held" if result.skipped else "")))
    if result.items:
        con.print()
        put(con, ItemGrid(result.items))
