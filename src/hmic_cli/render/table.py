"""The terminal renderers, one function per command: each builds a `grid.Grid` (the one table engine)
from its result; data text never read as markup, control characters escaped."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from hmic_cli import waivers
from hmic_cli.history import change_text
from hmic_cli.query import Detail, Item, Selection
from hmic_cli.render.grid import Column, Grid, put
from hmic_cli.render.link_rows import issuer_said, link_rows
from hmic_cli.render.present import (
    AMBER,
    BOLD,
    GREEN,
    RAG_WORDS,
    RED,
    due_text,
    rag_style,
    standing,
    text_bar,
    transition,
)
from hmic_cli.render.terminal import console
from hmic_cli.sanitize import inert, one_line
from hmic_cli.vocabulary import DEADLINE_WORDS, STATUS_WORDS, Status, word

ITEM_COLUMNS = [Column("ID"), Column("Deadline"), Column("Due date"), Column("Days\nleft", right=True),
                Column("RAG"), Column("Status"), Column("Owner", wrap=True), Column("Themes", wrap=True),
                Column("Text", wrap=True, min=30, whole=48)]
# On a narrower terminal these move into the text column, in this order, before rows become cards:
# the text column is never narrower than 30 cells (or its text), nor than its longest word up to 48
# cells (markup-like or formula-like text stays whole, to be read as it is; a longer URL is folded).
ITEM_FOLDS = ("Themes", "Deadline", "Owner", "Status")


def item_grid(items: list[Item], depths: dict[str, int] | None = None, as_of=None) -> Grid:
    """The recommendations table (`list`, `check`, `summary`'s overdue items, `import`'s preview). With
    `depths` (`list --tree`) an id is indented under its parent, "└ " before it."""
    rows = []
    said = issuer_said(items)
    for item in items:
        rec = item.rec
        style = rag_style(item)
        depth = depths.get(rec.id) if depths else None
        shown = one_line(rec.id) if not depth else "  " * (depth - 1) + "└ " + one_line(rec.id)
        due = item.due_date.isoformat() if item.due_date else "-"
        rows.append([(shown, BOLD), DEADLINE_WORDS[rec.deadline.value], due,
                     ("" if item.days_left is None or not item.outstanding else str(item.days_left), style),
                     (RAG_WORDS[item.rag], style), STATUS_WORDS[rec.status], one_line(rec.owner) if rec.owner else "",
                     one_line(", ".join(rec.themes)),
                     _marked(item, as_of) + (said(item) if said else "") + inert(rec.text)])
    return Grid(ITEM_COLUMNS, rows, lead=" ", full_rule=True, fold=ITEM_FOLDS, into="Text",
                spaced=True)


ItemGrid = item_grid  # the name callers used before the one engine


def _status_word(code: str) -> str:
    """A status as people say it ("in progress"); a code hmic does not know stays as it is."""
    try:
        return STATUS_WORDS[Status(code)]
    except ValueError:
        return code


def _marked(item: Item, as_of) -> str:
    """What a reader must not miss, on a line before the text: a closed item's day and lateness, a waiver
    (with `as_of`), a revised due date."""
    rec, marks = item.rec, []
    if not item.outstanding and item.completed_on is not None:
        marks.append(f"Closed {item.completed_on.isoformat()}" + (", late" if item.late else ""))
    waiver = rec.waiver
    if waiver is not None and item.outstanding and as_of is not None:
        marks.append(f"Waived to {waiver.until.isoformat()}" if waivers.runs(waiver, as_of)
                     else f"Waiver ended {waiver.until.isoformat()}")
    if rec.due_revisions:
        was = rec.due_revisions[0].previous
        marks.append("Due date revised" + (f" (was {was.isoformat()})" if was else ""))
    return "; ".join(marks) + "\n" if marks else ""


def list_items(selection: Selection, out: TextIO) -> None:
    if not selection.items:
        return
    n = len(selection.items)
    con = console(out)
    con.print(Text(f"{n} recommendation{'s' if n != 1 else ''} as of {selection.as_of.isoformat()}"))
    con.print()
    put(con, item_grid(selection.items, selection.depths, selection.as_of))


def show_item(detail: Detail, out: TextIO) -> None:
    """One recommendation in full: text, report, due date, themes, owner, history with evidence."""
    item, theme_labels = detail.item, detail.theme_labels
    rec, report = item.rec, item.report
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    said = standing(item)
    if item.completed_on:
        said += f" on {item.completed_on.isoformat()}" + (", late" if item.late else "")
    published = report.published.isoformat() + (" (estimated)" if report.published_note else "")
    rows = [
        ("ID", one_line(rec.id)),
        ("Type", word(rec.type)),
        ("Report", f"{inert(report.title)} [{one_line(report.id)}], {one_line(report.inspectorate)}, "
                   f"{one_line(report.force)}, published {published}"),
        ("Deadline", word(rec.deadline)),
        ("Due date", due_text(item) if said == due_text(item) else f"{due_text(item)} ({said})"),
        ("RAG", item.rag.value),
        ("Status", word(rec.status)),
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
    rows += _family_rows(detail)
    if detail.links is not None:
        found = link_rows(detail.links)
        rows[1] = found[0]  # the type, in the issuer's words
        head = [row for row in found[1:] if row[0] in ("Issuer", "Priority")]
        rows[2:2] = head
        rows += [row for row in found[1:] if row not in head]
    # lazy: hmic_cli.render.response_tables adds 9.9 ms to `hmic list --due six-months` start-up (python -X importtime)
    from hmic_cli.render.response_tables import cycle_rows

    rows += cycle_rows(rec)  # issue 31
    for name, value in rows:
        style = rag_style(item) if name in ("Due date", "RAG") else None
        facts.add_row(name, Text(value, style=style or ""))
    history = Grid([Column("On"), Column("Status", wrap=True), Column("Note", wrap=True), Column("By", wrap=True),
                    Column("Evidence", wrap=True)],
                   [[entry.on.isoformat(), _entry_status(entry), inert(entry.note), _entry_by(entry),
                     inert(entry.evidence or "")] for entry in rec.history], title="History")
    con = console(out)
    con.print(facts)
    con.print(history if rec.history else Text("History: none recorded"))


def _family_rows(detail: Detail) -> list[tuple[str, str]]:
    """Parent, children, progress and the rolled-up RAG (schema_version 2)."""
    item, rows = detail.item, []
    if item.rec.parent:
        rows.append(("Parent", one_line(item.rec.parent)))
    if detail.children:
        rows.append(("Children", ", ".join(f"{one_line(c.rec.id)} ({STATUS_WORDS[c.rec.status]}, "
                                           f"{c.rolled_up_rag.value})"
                                           for c in detail.children)))
    if item.rollup is not None:
        kind = "children and answering actions" if item.rollup.answered_by else "children"
        rows.append(("Progress", f"{item.rollup.closed} of {item.rollup.total} {kind} closed"))
        rows.append(("Rolled-up RAG", item.rollup.rag.value))
    return rows


def _entry_status(entry) -> str:
    """A status entry's status (marked when it signed off or rejected a proposal); an edit as what changed."""
    if entry.status is None:
        return one_line(change_text(entry))
    if entry.proposed_on is not None:
        return f"{word(entry.status)} ({'signed off' if entry.status.value == 'complete' else 'rejected'})"
    return word(entry.status)


def _entry_by(entry) -> str:
    by = one_line(entry.by or "")
    if entry.proposed_on is not None:
        by += f" (proposed by {one_line(entry.proposed_by or 'unknown')} on {entry.proposed_on.isoformat()})"
    return by.strip()


def check(verdict, out: TextIO) -> None:
    con = console(out)
    con.print(Text(verdict.describe(), style="bold green" if verdict.passed else "bold red"))
    if verdict.failing:
        put(con, item_grid(verdict.failing, as_of=verdict.as_of))


def _bar(con: Console, p, width: int = 20):
    """A progress bar as a cell: `█████░░░░░  50%`, text only (green means "due later" in every view,
    so a bar of completed work is not green)."""
    return text_bar(p.fraction, width)


def _count(value: int):
    return (str(value), RED if value else None)


def themes(result, out: TextIO) -> None:
    rows = [[one_line(p.label), one_line(p.key), str(p.total), str(p.outstanding), _count(p.overdue)]
            for p in result.rows]
    columns = [Column("Theme", wrap=True), Column("ID"), Column("Total", right=True),
               Column("Outstanding", right=True), Column("Overdue", right=True)]
    put(console(out), Grid(columns, rows, title=f"Themes as of {result.as_of.isoformat()}"))


_RAG_BY_NAME = {"red": RED, "amber": AMBER, "green": GREEN}  # closed: not coloured


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
    waived = sum(waivers.item_waived(i, s.as_of) for i in s.overdue)
    headline.append(f"  {o.overdue} overdue", style="bold red" if o.overdue else "")
    headline.append(f"  {o.outstanding} outstanding")
    if s.outstanding_once is not None and s.outstanding_once != o.outstanding:
        headline.append(f" ({s.outstanding_once} counting each re-issued chain once)")
    con.print(headline)
    if waived:  # as `check` counts them: "42 failing check, 3 waived" beside check's "42 of 60 ...; 3 waived"
        con.print(Text(f"Of the {o.overdue} overdue: {o.overdue - waived} failing check, {waived} waived"))
    con.print(Text("  ".join(f"{_status_word(name)}: {n}" for name, n in s.by_status.items())))
    if s.by_rag:
        rag = Text("RAG: ")
        for name, n in s.by_rag.items():
            rag.append(f"{name} {n}", style=_RAG_BY_NAME.get(name) if n else None)
            rag.append("  ")
        rag.rstrip()
        con.print(rag)
    # lazy: hmic_cli.cycle adds 9.1 ms to `hmic list --due six-months` start-up (python -X importtime)
    from hmic_cli.cycle import figure_lines

    for line in figure_lines(s.cycle):  # issue 31: closures verified, reopened, extensions, delays by cause
        con.print(Text(line))
    bar_width = 20 if con.width >= 80 else 10
    for title, rows in (("By deadline", s.by_deadline), ("By theme", s.by_theme), ("By owner", s.by_owner)):
        if not rows:
            continue
        columns = [Column("", wrap=True), Column("Total", right=True), Column("Complete", right=True),
                   Column("Overdue", right=True), Column("Progress")]
        con.print()
        put(con, Grid(columns, [[one_line(DEADLINE_WORDS.get(p.label, p.label) if title == "By deadline" else p.label),
                                  str(p.total), str(p.complete), _count(p.overdue), _bar(con, p, bar_width)]
                                 for p in rows], title=title))
    if s.awaiting:
        con.print()
        put(con, Grid([Column("ID"), Column("Owner", wrap=True), Column("Proposed by", wrap=True),
                       Column("Proposed on")],
                      [[(one_line(p.item.rec.id), BOLD), one_line(p.item.rec.owner or "-"),
                        one_line(p.proposed_by or "-"), p.proposed_on.isoformat() if p.proposed_on else "-"]
                       for p in s.awaiting], title=f"Awaiting sign-off ({len(s.awaiting)})"))
    if s.signed_off:
        con.print()
        put(con, Grid([Column("ID"), Column("Proposed by", wrap=True), Column("Signed off by", wrap=True),
                       Column("On")],
                      [[(one_line(p.item.rec.id), BOLD), one_line(p.proposed_by or "-"), one_line(p.approved_by or "-"),
                        p.approved_on.isoformat() if p.approved_on else "-"] for p in s.signed_off],
                      title=f"Signed off ({len(s.signed_off)})"))
    if s.overdue:
        con.print()
        con.print(Text(f"Overdue ({len(s.overdue)})", style="italic"))
        put(con, item_grid(s.overdue, as_of=s.as_of))


def log(result, out: TextIO) -> None:
    if not result.movements:
        return
    columns = [Column("On"), Column("ID"), Column("Change", wrap=True), Column("Note", wrap=True),
               Column("Evidence", wrap=True), Column("By", wrap=True)]
    rows = [[c.entry.on.isoformat(), (one_line(c.id), BOLD), transition(c), inert(c.entry.note),
             inert(c.entry.evidence or ""), one_line(c.entry.by or "")] for c in result.movements]
    put(console(out), Grid(columns, rows))
