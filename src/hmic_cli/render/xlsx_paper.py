"""The board paper's sheets in the workbook: Summary (purpose, headline, "The board is asked to",
counts by report, progress, trend), Board (the register: the columns a paper needs, fitted to the
width of a landscape A4 page at a readable scale) and Changes (since the last meeting).

The same content as the HTML and Word paper (`board_paper.Paper`), in the same order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hmic_cli.board_words import progress_label, short_text
from hmic_cli.render.present import RAG_WORDS
from hmic_cli.render.xlsx_cells import LINE_HEIGHT, Sheet, lines_needed, wraps_of
from hmic_cli.render.xlsx_rows import Rows

if TYPE_CHECKING:
    from hmic_cli.board_paper import Paper

SUMMARY_WIDTHS = [40, 60, 13, 13, 13, 13, 16]
# The Board sheet: ten columns at most, their widths (characters) summing to about 200, so that fitted to one
# landscape A4 page wide Excel prints it at about 70% (at least 60%: tests/test_board_paper.py works it out).
BOARD_COLUMNS = [("ID", 10), ("Report", 22), ("Type", 13), ("Item", 50), ("Owner", 16), ("Status", 12),
                 ("Due date", 12), ("RAG", 7), ("Latest progress", 44), ("Expected closure", 16)]
CHANGE_COLUMNS = [("Change", 18), ("ID", 10), ("Report", 24), ("Item", 60), ("What changed", 60)]


def summary(s: Sheet, paper: Paper, rag) -> None:
    """The Summary sheet, section by section (each step returns the next free row)."""
    for col, width in enumerate(SUMMARY_WIDTHS):
        s.sheet.set_column(col, col, width)
    row = _top(s, paper)
    row = _headline(s, paper, row + 1)
    row = _decisions(s, paper, row + 1)
    row = _counts(s, paper, row + 1)
    row = _shared_themes(s, paper, row + 1)
    row = _rag(s, paper, rag, row + 1)
    row = _progress(s, paper, row + 1)
    _trend(s, paper, row + 1)


def _top(s: Sheet, paper: Paper) -> int:
    pack = paper.pack
    s.text(0, 0, paper.title, s.f["title"])
    s.text(1, 0, paper.subtitle, s.f["wrap"])
    row = 2
    for label, value in (("As of", pack.as_of), ("The last meeting", pack.since)):
        s.text(row, 0, label, s.f["bold"])
        s.day(row, 1, value, s.f["long date"])
        row += 1
    for label, value in (("Amber window", f"{pack.amber_days} days"), ("Marking", pack.marking or "none")):
        s.text(row, 0, label, s.f["bold"])
        s.text(row, 1, value)
        row += 1
    if paper.purpose:
        s.text(row, 0, "Purpose", s.f["bold"])
        s.sheet.set_row(row, lines_needed(paper.purpose, SUMMARY_WIDTHS[1]) * LINE_HEIGHT)
        s.text(row, 1, paper.purpose, s.f["wrap"])
        row += 1
    return row


def _headline(s: Sheet, paper: Paper, row: int) -> int:
    row = s.heading(row, "Headline")
    s.header(row, ["Headline", "Now", "At the last meeting", "Change"], SUMMARY_WIDTHS[:4])
    for f in paper.pack.figures:
        row += 1
        s.text(row, 0, f.label + (f" ({f.detail})" if f.detail else ""), s.f["bold"])
        s.number(row, 1, f.value)
        s.number(row, 2, f.then)
        s.number(row, 3, f.change)
    for label, value in paper.pack.headline()[len(paper.pack.figures):]:
        row += 1
        s.text(row, 0, label, s.f["bold"])
        s.text(row, 1, value)
    return row + 1


def _decisions(s: Sheet, paper: Paper, row: int) -> int:
    row = s.heading(row, "The board is asked to")
    if not paper.decisions:
        s.text(row, 0, "note this paper: nothing awaits a decision.")
        return row + 1
    top, wrap = s.f["top"], s.f["wrap"]
    for n, d in enumerate(paper.decisions, start=1):
        s.text(row, 0, f"{n}. {d.ask}", s.f["bold"])
        out = Rows(s.sheet, row + 1, s.f["link"], s.texts)  # a decision may name thousands of items
        out.layout([top, wrap])
        for r in d.rows:
            said = f"{r.report}, {r.kind}: {short_text(r.text)} ({r.owner}; {r.standing})"
            out.put((r.id, said), lines_needed(said, SUMMARY_WIDTHS[1]) * LINE_HEIGHT)
        row = out.close() + 1
    return row


def _counts(s: Sheet, paper: Paper, row: int) -> int:
    row = s.heading(row, "The reports")
    s.text(row, 0, "In all")
    s.text(row, 1, paper.overall, s.f["wrap"])
    row += 1
    s.header(row, ["Report", "Items", "By status", "Overdue", "Inspectorate, force, published"], SUMMARY_WIDTHS[:5])
    for c in paper.counts:
        row += 1
        s.sheet.set_row(row, max(lines_needed(c.title, 40), lines_needed(c.types, 60), lines_needed(c.statuses, 13),
                                 lines_needed(c.about, 13)) * LINE_HEIGHT)
        s.text(row, 0, c.title, s.f["wrap"])
        s.text(row, 1, c.types, s.f["wrap"])
        s.text(row, 2, c.statuses, s.f["wrap"])
        s.number(row, 3, c.overdue, s.f["top"])
        s.text(row, 4, c.about, s.f["wrap"])
    return row + 1


def _shared_themes(s: Sheet, paper: Paper, row: int) -> int:
    """Themes raised by more than one issuer (nothing when none is shared)."""
    if not paper.shared_themes:
        return row - 1
    row = s.heading(row, f"Themes raised by more than one issuer ({len(paper.shared_themes)})")
    s.header(row, ["Theme", "Issuers, in their words", "Outstanding"], SUMMARY_WIDTHS[:3])
    for t in paper.shared_themes:
        row += 1
        said = "\n".join(i.words for i in t.issuers)
        s.sheet.set_row(row, max(len(t.issuers), lines_needed(said, SUMMARY_WIDTHS[1])) * LINE_HEIGHT)
        s.text(row, 0, t.theme, s.f["wrap"])
        s.text(row, 1, said, s.f["wrap"])
        s.number(row, 2, t.outstanding, s.f["top"])
    return row + 1


def _rag(s: Sheet, paper: Paper, rag, row: int) -> int:
    s.header(row, ["RAG", "Items"], SUMMARY_WIDTHS[:2])
    for name, count in paper.pack.by_rag.items():
        row += 1
        s.text(row, 0, name.capitalize(), rag[name])
        s.number(row, 1, count)
    return row + 1


def _progress(s: Sheet, paper: Paper, row: int) -> int:
    pack = paper.pack
    for title, rows in (("Theme", pack.by_theme), ("Deadline", pack.by_deadline), ("Owner", pack.by_owner)):
        names = [title, "Total", "Complete", "Superseded", "Outstanding", "Overdue", "Complete (share)"]
        for col, name in enumerate(names):
            s.text(row, col, name, s.f["header"])
        for p in rows:
            row += 1
            s.text(row, 0, progress_label(p.key, p.label, title))
            for col, value in enumerate((p.total, p.complete, p.superseded, p.outstanding, p.overdue), start=1):
                s.number(row, col, value)
            s.number(row, 6, p.fraction, s.f["percent"])
        row += 2
    return row


def _trend(s: Sheet, paper: Paper, row: int) -> None:
    s.header(row, ["At the end of", "Outstanding", "Overdue"], SUMMARY_WIDTHS[:3])
    for p in paper.pack.trend:
        row += 1
        s.day(row, 0, p.on, s.f["long date"])
        s.number(row, 1, p.outstanding)
        s.number(row, 2, p.overdue)


def board(s: Sheet, paper: Paper, rag) -> None:
    """The register: every open item and those closed since the last meeting, by report; ten columns."""
    s.sheet.set_row(0, 2 * LINE_HEIGHT)
    s.header(0, [n for n, _ in BOARD_COLUMNS], [w for _, w in BOARD_COLUMNS])
    top, wrap, day = s.f["top"], s.f["wrap"], s.f["long date"]
    out = Rows(s.sheet, 1, s.f["link"], s.texts)
    out.layout([top, wrap, wrap, wrap, wrap, wrap, day, {RAG_WORDS[r]: rag[r.value] for r in RAG_WORDS}, wrap, wrap],
               wraps_of(BOARD_COLUMNS, "Report", "Item", "Latest progress"))  # the row's height
    for _, rows in paper.appendix:
        for r in rows:
            update = r.update.note if r.update else "no progress recorded"
            if r.update and r.update.by:
                update += f" ({r.update.by})"
            out.put((r.id, r.report, r.kind, ("↳ " if r.child else "") + r.text, r.item.rec.owner or "no owner",
                     r.status, r.item.due_date, RAG_WORDS[r.rag], update, r.expected))
    row = out.close()
    s.sheet.freeze_panes(1, 1)
    s.sheet.autofilter(0, 0, max(row, 1), len(BOARD_COLUMNS) - 1)


def changes(s: Sheet, paper: Paper) -> None:
    s.header(0, [n for n, _ in CHANGE_COLUMNS], [w for _, w in CHANGE_COLUMNS])
    top, wrap = s.f["top"], s.f["wrap"]
    out = Rows(s.sheet, 1, s.f["link"], s.texts)
    out.layout([top, top, wrap, wrap, wrap], wraps_of(CHANGE_COLUMNS, "Item", "What changed"))  # the row's height
    for g in paper.changes:
        for c in g.lines:
            out.put((g.title, c.id, c.report, c.text, c.detail))
    row = out.close()
    s.sheet.freeze_panes(1, 0)
    s.sheet.autofilter(0, 0, max(row, 1), len(CHANGE_COLUMNS) - 1)
