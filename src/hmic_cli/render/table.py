"""Rich tables for a terminal: data text never read as markup, control characters escaped."""

from __future__ import annotations

import errno
import re
from typing import TextIO

from rich import box
from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from hmic_cli.defaults import clamp_width
from hmic_cli.query import Detail, Item, Selection
from hmic_cli.sanitize import inert, one_line


def console(out: TextIO) -> Console:
    """A console on `out`: colour only on a terminal (NO_COLOR/FORCE_COLOR honoured), width from it or COLUMNS
    (clamped to a sane range, see `defaults.clamp_width`)."""
    con = Console(file=out, highlight=False, markup=False, emoji=False, soft_wrap=False)
    con.width = clamp_width(con.width)
    con.on_broken_pipe = _broken_pipe  # Rich would exit 1 (a failed check); `output` decides instead
    return con


def _broken_pipe() -> None:
    raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def days(value: int) -> Text:
    return Text(str(value), style="bold red" if value < 0 else "")


def wrap_token(text: str, width: int) -> list[str]:
    """Wrap a hyphenated token (`information-sharing`) after its hyphens; fold what still does not fit."""
    lines: list[str] = []
    line = ""
    for part in _HYPHENATED.findall(text) or [""]:
        if line and cell_len(line + part) > width:
            lines.append(line)
            line = ""
        line += part
        while cell_len(line) > width:
            head, *rest = chop_cells(line, width)
            lines.append(head)
            line = "".join(rest)
    lines.append(line)
    return lines


_HYPHENATED = re.compile(r"[^-]+-?|-")


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; words wider than `width` are folded, nothing is cut."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split(" "):
            size = cell_len(word)
            if used and used + 1 + size <= width:
                line, used = f"{line} {word}", used + 1 + size
                continue
            if used:
                lines.append(line)
            if size > width:
                *full, word = chop_cells(word, width) or [""]
                lines.extend(full)
                size = cell_len(word)
            line, used = word, size
        lines.append(line)
    return lines


class ItemGrid:
    """The recommendations table, laid out here rather than by Rich's Table.

    Rich's Table measures and wraps every cell through its segment machinery (about 1 ms a row);
    this lays out the same columns with plain word-wrapping (a few µs a row) and hands Rich only
    finished lines, so colour, NO_COLOR and FORCE_COLOR still go through Rich. On a terminal too
    narrow for seven columns, each item becomes a short card instead.
    """

    HEADER = (("ID",), ("Deadline",), ("Due date",), ("Days", "left"), ("Status",), ("Themes",), ("Text",))
    CAPS = (None, 13, None, None, 11, 20)  # widest a fixed column may get (None: its content)
    SHRINK = ((5, 12), (1, 9), (4, 9))  # on a narrow terminal: column, narrowest it may go, in turn
    MIN_TEXT = 24  # shrink the others until the text column has this; below 12 cells, one card per item
    GAP = "  "

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
        widths = []
        for col, cap in enumerate(self.CAPS):
            natural = max(cell_len(line) for cells in (self.HEADER, *self.rows) for line in cells[col])
            widths.append(min(natural, cap) if cap else natural)
        text_width = options.max_width - 2 - sum(widths) - len(self.GAP) * len(widths)
        for col, narrowest in self.SHRINK:
            give = max(0, min(self.MIN_TEXT - text_width, widths[col] - narrowest))
            widths[col] -= give
            text_width += give
        if text_width < 12:
            yield from self._cards(options.max_width)
            return
        widths.append(text_width)
        bold, red = Style(bold=True), Style(bold=True, color="red")
        yield from self._lines(list(self.HEADER), widths, header=True, styles=[bold] * 7)
        yield Segment(" " + "─" * (options.max_width - 2) + " ")
        yield Segment.line()
        for item, cells in zip(self.items, self.rows, strict=True):
            columns = [[line for text in cells[c] for line in wrap_token(text, widths[c])] for c in range(6)]
            columns.append(wrap(cells[6], text_width))
            yield from self._lines(columns, widths, styles=[bold, None, None, red if item.overdue else None,
                                                            None, None, None])
            yield Segment.line()

    def _cards(self, width: int) -> RenderResult:
        bold, red = Style(bold=True), Style(bold=True, color="red")
        for item, cells in zip(self.items, self.rows, strict=True):
            head = [(cells[0][0], bold), ("  ", None), (cells[1][0], None), ("  due ", None),
                    (cells[2][0], None), (" (", None), (cells[3][0], red if item.overdue else None),
                    (")  ", None), (cells[4][0], None)]
            used = 0
            for text, style in head:  # wrapped by cells, like any other line
                for piece in wrap_token(text, width) if cell_len(text) > width else [text]:
                    if used and used + cell_len(piece) > width:
                        yield Segment.line()
                        used = 0
                    yield Segment(piece, style)
                    used += cell_len(piece)
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
        last = len(columns) - 1
        for n in range(height):
            plain = " "
            for c, (column, width) in enumerate(zip(columns, widths, strict=True)):
                text = column[n] if n < len(column) else ""
                pad = " " * (width - cell_len(text))
                if c == 3:  # days left: right-aligned
                    plain += pad
                    pad = ""
                if styles[c] is None or not text:
                    plain += text
                else:
                    yield Segment(plain)
                    yield Segment(text, styles[c])
                    plain = ""
                plain += pad + (self.GAP if c < last else " ")
            yield Segment(plain)
            yield Segment.line()


def list_items(selection: Selection, out: TextIO) -> None:
    if not selection.items:
        return
    n = len(selection.items)
    con = console(out)
    con.print(Text(f"{n} recommendation{'s' if n != 1 else ''} as of {selection.as_of.isoformat()}"))
    con.print()
    con.print(ItemGrid(selection.items))


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
    for revision in rec.due_revisions:
        was = revision.previous.isoformat() if revision.previous else "none"
        rows.append(("Due revised", f"{revision.on.isoformat()}: {was} -> {revision.due.isoformat()} "
                                    f"({inert(revision.reason)})"))
    if rec.waiver:
        rows.append(("Waiver", f"until {rec.waiver.until.isoformat()}: {inert(rec.waiver.reason)}"))
    for name, value in rows:
        facts.add_row(name, Text(value, style="red" if name == "Due date" and item.overdue else ""))
    history = Table(title="History", title_justify="left")
    for name in ("On", "Status", "Note", "By", "Evidence"):
        history.add_column(name, overflow="fold", no_wrap=name == "On")
    for entry in rec.history:
        history.add_row(entry.on.isoformat(), entry.status.value, Text(inert(entry.note)),
                        Text(one_line(entry.by or "")), Text(inert(entry.evidence or "")))
    con = console(out)
    con.print(facts)
    con.print(history if rec.history else Text("History: none recorded"))


def check(verdict, out: TextIO) -> None:
    con = console(out)
    con.print(Text(verdict.describe(), style="bold green" if verdict.passed else "bold red"))
    if verdict.failing:
        con.print(ItemGrid(verdict.failing))


def _bar(con: Console, p):
    """A Rich progress bar on a colour terminal; a text bar (█░) where colour cannot show it."""
    from hmic_cli.render.text import text_bar

    if p.fraction is None or not con.color_system:
        return Text(text_bar(p.fraction))
    from rich.progress_bar import ProgressBar

    grid = Table.grid(padding=(0, 1))
    grid.add_row(ProgressBar(total=max(p.counted, 1), completed=p.complete, width=20),
                 Text(f"{p.percent:3d}%"))
    return grid


def _count(value: int) -> Text:
    return Text(str(value), style="bold red" if value else "")


def themes(result, out: TextIO) -> None:
    rows, as_of = result.rows, result.as_of
    table = Table(title=f"Themes as of {as_of.isoformat()}", title_justify="left", box=box.SIMPLE_HEAD,
                  pad_edge=False)
    table.add_column("Theme", overflow="fold")
    table.add_column("ID", overflow="fold")
    for name in ("Total", "Outstanding", "Overdue"):
        table.add_column(name, justify="right", no_wrap=True)
    for p in rows:
        table.add_row(Text(one_line(p.label)), Text(one_line(p.key)), str(p.total), str(p.outstanding),
                      _count(p.overdue))
    console(out).print(table)


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
    for title, rows in (("By deadline", s.by_deadline), ("By theme", s.by_theme)):
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("", overflow="fold")
        for name in ("Total", "Complete", "Overdue"):
            table.add_column(name, justify="right", no_wrap=True)
        table.add_column("Progress", no_wrap=True)
        for p in rows:
            table.add_row(Text(one_line(p.label)), str(p.total), str(p.complete), _count(p.overdue), _bar(con, p))
        con.print(table)
    if s.overdue:
        con.print(Text(f"Overdue ({len(s.overdue)})", style="italic"))
        con.print(ItemGrid(s.overdue))


def log(result, out: TextIO) -> None:
    from hmic_cli.render.text import transition

    if not result.movements:
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("On", no_wrap=True)
    table.add_column("ID", no_wrap=True, style="bold")
    table.add_column("Change", overflow="fold")
    table.add_column("Note", overflow="fold", ratio=3)
    table.add_column("Evidence", overflow="fold", ratio=2)
    table.add_column("By", overflow="fold", ratio=1)
    for c in result.movements:
        table.add_row(c.entry.on.isoformat(), Text(one_line(c.id)), transition(c), Text(inert(c.entry.note)),
                      Text(inert(c.entry.evidence or "")), Text(one_line(c.entry.by or "")))
    console(out).print(table)


def preview(result, out: TextIO) -> None:
    """`hmic import`: what was found (or added), as the recommendations table."""
    con = console(out)
    report = result.report
    con.print(Text(one_line(f"{report['title']} — {report['force']}, published {report['published']} "
                            f"[{report['id']}]"), style="bold"))
    n = len(result.items)
    con.print(Text(f"{n} item{'s' if n != 1 else ''} from {one_line(result.source)}"
                   + (f"; {len(result.skipped)} already held" if result.skipped else "")))
    if result.items:
        con.print()
        con.print(ItemGrid(result.items))
