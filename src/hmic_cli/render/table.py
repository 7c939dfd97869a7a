"""Rich tables for a terminal: data text never read as markup, control characters escaped."""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from hmic_cli.query import Item, Selection
from hmic_cli.sanitize import inert, one_line


def console(out: TextIO) -> Console:
    """A console on `out`: colour only on a terminal (NO_COLOR/FORCE_COLOR honoured), width from it or COLUMNS."""
    return Console(file=out, highlight=False, markup=False, emoji=False, soft_wrap=False)


def days(value: int) -> Text:
    return Text(str(value), style="bold red" if value < 0 else "")


def item_table(items: list[Item], title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=True,
                  expand=True, padding=(0, 1), pad_edge=False, collapse_padding=True)
    table.add_column("ID", no_wrap=True, style="bold")
    table.add_column("Deadline", overflow="fold", max_width=13)
    table.add_column("Due date", no_wrap=True)
    table.add_column("Days\nleft", justify="right", no_wrap=True)
    table.add_column("Status", overflow="fold", max_width=11)
    table.add_column("Themes", overflow="fold", max_width=20)
    table.add_column("Text", overflow="fold", ratio=1)
    for item in items:
        rec = item.rec
        table.add_row(
            Text(one_line(rec.id)), rec.deadline.value, item.due_date.isoformat(), days(item.days_left),
            rec.status.value, Text("\n".join(one_line(t) for t in rec.themes)), Text(inert(rec.text)),
        )
    return table


def list_items(selection: Selection, out: TextIO) -> None:
    if not selection.items:
        return
    n = len(selection.items)
    title = f"{n} recommendation{'s' if n != 1 else ''} as of {selection.as_of.isoformat()}"
    console(out).print(item_table(selection.items, title))


def show_item(item: Item, theme_labels: dict[str, str], out: TextIO) -> None:
    """One recommendation in full: text, report, due date, themes, owner, history with evidence."""
    rec, report = item.rec, item.report
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    standing = f"{item.days_left} days left" if item.days_left >= 0 else f"{-item.days_left} days overdue"
    if not item.outstanding:
        standing = "closed"
    published = report.published.isoformat() + (" (estimated)" if report.published_note else "")
    rows = [
        ("ID", one_line(rec.id)),
        ("Type", rec.type.value),
        ("Report", f"{inert(report.title)} [{one_line(report.id)}], {one_line(report.inspectorate)}, "
                   f"{one_line(report.force)}, published {published}"),
        ("Deadline", rec.deadline.value),
        ("Due date", f"{item.due_date.isoformat()} ({standing})"),
        ("Status", rec.status.value),
        ("Owner", one_line(rec.owner) if rec.owner else "-"),
        ("Themes", ", ".join(f"{one_line(theme_labels.get(t, t))} ({one_line(t)})" for t in rec.themes)),
        ("Text", inert(rec.text)),
    ]
    if rec.quote:
        rows.append(("Source wording", inert(rec.quote)))
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
        con.print(item_table(verdict.failing))


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


def themes(rows: list, as_of, out: TextIO) -> None:
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
        con.print(item_table(s.overdue, title=f"Overdue ({len(s.overdue)})"))


def log(result, out: TextIO) -> None:
    from hmic_cli.render.text import transition

    if not result.changes:
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("On", no_wrap=True)
    table.add_column("ID", no_wrap=True, style="bold")
    table.add_column("Change", overflow="fold")
    table.add_column("Note", overflow="fold", ratio=3)
    table.add_column("Evidence", overflow="fold", ratio=2)
    table.add_column("By", overflow="fold", ratio=1)
    for c in result.changes:
        table.add_row(c.entry.on.isoformat(), Text(one_line(c.id)), transition(c), Text(inert(c.entry.note)),
                      Text(inert(c.entry.evidence or "")), Text(one_line(c.entry.by or "")))
    console(out).print(table)
