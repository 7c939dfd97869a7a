"""The board paper as an Excel workbook (XlsxWriter): Summary, Board, Changes, Recommendations and Log.

Summary, Board and Changes carry the paper (`render/xlsx_paper.py`); Recommendations keeps every column
of every selected item (with its report's title, type, parent and last evidence, statuses in words; the
owners fill in its last four columns and `hmic import --updates` reads them back); Log is every history
entry since the last meeting. No cell is one a spreadsheet evaluates: texts go in with `write_string`,
and the workbook is opened with `strings_to_formulas` and `strings_to_urls` off besides.
"""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

from hmic_cli import board_paper
from hmic_cli.board_paper import Paper
from hmic_cli.board_words import DEADLINE_WORDS, long_date, progress_label, status_word, type_word
from hmic_cli.history import change_text
from hmic_cli.render import xlsx_paper
from hmic_cli.render.board_rows import is_url
from hmic_cli.render.present import RAG_WORDS
from hmic_cli.render.xlsx_cells import LINE_HEIGHT, RAG_FILLS, RAG_FONTS, Sheet, header_text, lines_needed, wraps_of
from hmic_cli.render.xlsx_links import SheetWithLinks, quick_relationships
from hmic_cli.render.xlsx_rows import Link, Rows
from hmic_cli.render.zip_level import fast_deflate

__all__ = ["LINE_HEIGHT", "board_pack", "lines_needed"]


def _formats(book) -> dict:
    top = {"valign": "top"}
    return {
        "header": book.add_format({"bold": True, "bg_color": "#E7E6E6", "bottom": 1, "text_wrap": True, **top}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "heading": book.add_format({"bold": True, "font_size": 12}),
        "bold": book.add_format({"bold": True, **top}),
        "date": book.add_format({"num_format": "yyyy-mm-dd", **top}),
        "long date": book.add_format({"num_format": "d mmmm yyyy", "align": "left", **top}),
        "wrap": book.add_format({"text_wrap": True, **top}),
        "top": book.add_format(top),
        "percent": book.add_format({"num_format": "0%"}),
        "link": book.add_format({"font_color": "#0B4FA8", "underline": 1, "text_wrap": True, **top}),
    }


def board_pack(paper: Paper, out: BinaryIO) -> None:
    """`constant_memory`: each row goes to a temporary file as it is finished (every sheet is written
    in row order), so memory stays flat at 100,000 records."""
    pack = paper.pack
    book = _workbook(out, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                           "strings_to_numbers": False})
    formats = _formats(book)
    rag = {name: book.add_format({"bg_color": fill, "font_color": RAG_FONTS[name], "bold": True, "valign": "top"})
           for name, fill in RAG_FILLS.items()}
    book.set_properties({"title": f"{pack.title}: board paper, {long_date(pack.as_of)}",
                         "subject": "Board paper", "comments": "Made by hmic from the tracker's data.",
                         "keywords": pack.marking or ""})
    sheets = [(xlsx_paper.summary, "Summary", (rag,)), (xlsx_paper.board, "Board", (rag,)),
              (xlsx_paper.changes, "Changes", ()), (_recommendations, "Recommendations", (rag,)), (_log, "Log", ())]
    texts: dict = {}  # one for the workbook: a text recurs on several sheets
    for write, name, extra in sheets:
        sheet = Sheet(book.add_worksheet(name), formats, texts)
        _print_setup(sheet.sheet, paper, landscape=name != "Summary")
        write(sheet, paper, *extra)
    book.close()


def _workbook(out: BinaryIO, options: dict):
    """XlsxWriter's workbook, its parts deflated at level 1 (`zip_level.py` says why), its links and relationships
    written as one string each (`xlsx_links.py`): the same XML."""
    import xlsxwriter
    from xlsxwriter import workbook

    class Book(xlsxwriter.Workbook):
        worksheet_class = SheetWithLinks  # its links written as one string (`xlsx_links.py`)

        def _store_workbook(self) -> None:
            with fast_deflate(workbook), quick_relationships():
                super()._store_workbook()

    return Book(out, options)


def _print_setup(sheet, paper: Paper, landscape: bool) -> None:
    """A4, fit to one page wide, the header row repeated, the marking at the top and foot of every page."""
    sheet.set_paper(9)
    if landscape:
        sheet.set_landscape()
        sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    marking = f'&C&"-,Bold"{header_text(paper.marking)}' if paper.marking else ""
    sheet.set_header(marking + f"&R{header_text(paper.title)}"[: 255 - len(marking)])
    sheet.set_footer(f"&LBoard paper, {long_date(paper.as_of)}" + marking + "&RPage &P of &N")


RECOMMENDATION_COLUMNS = [
    ("ID", 10), ("Report", 24), ("Type", 14), ("Parent", 10), ("Deadline", 14), ("Original due", 11),
    ("Due date", 11), ("Due revised on", 11), ("Revision reason", 22), ("Days left", 8), ("RAG", 8), ("Status", 13),
    ("Owner", 16), ("Themes", 18), ("Waived until", 11), ("Waiver reason", 28), ("Carried forward from", 12),
    ("Completed on", 11), ("Late", 5), ("Text", 60), ("Last note", 40), ("Last note on", 11), ("Last evidence", 30),
    ("Pack made", 16),  # "2026-12-07, entry 3": owners' updates apply only what changed since
]
# For owners to fill in and the board secretary to bring back (`hmic import board.xlsx --updates` reads
# them by these headings, with "ID" and "Status"; so the item's latest update is headed "Last note", a
# heading the importer does not take for "Update").
OWNER_COLUMNS = [("Update", 40), ("Evidence", 30), ("Updated by", 16), ("Updated on", 11)]


def _recommendations(s: Sheet, paper: Paper, rag) -> None:
    columns = RECOMMENDATION_COLUMNS + OWNER_COLUMNS
    names = [n for n, _ in columns]
    s.sheet.set_row(0, 2 * LINE_HEIGHT)
    s.header(0, names, [w for _, w in columns])
    top, wrap, day = s.f["top"], s.f["wrap"], s.f["date"]
    rows = Rows(s.sheet, 1, s.f["link"], s.texts)
    rows.layout([top, wrap, top, top, top, day, day, day, wrap, top, {RAG_WORDS[r]: rag[r.value] for r in RAG_WORDS},
                 top, wrap, wrap, day, wrap, top, day, top, wrap, wrap, day, wrap, top],
                wraps_of(columns, "Revision reason", "Waiver reason", "Text", "Last note"))  # the row's height
    for values in _recommendation_values(paper):
        rows.put(values)
    rows.close()
    for col in range(len(RECOMMENDATION_COLUMNS), len(columns)):  # the owners' columns: formatted, left empty
        s.sheet.set_column(col, col, columns[col][1], s.f["date"] if names[col] == "Updated on" else wrap)
    s.sheet.freeze_panes(1, 1)
    s.sheet.autofilter(0, 0, max(len(paper.pack.items), 1), len(names) - 1)


def _recommendation_values(paper: Paper):
    """Each item's row of the Recommendations sheet, by `RECOMMENDATION_COLUMNS`."""
    made = long_date(date.today())  # in words, as people read it; import --updates reads it back
    titles = {r.id: r.title for r in paper.pack.reports}
    themes = {p.key: progress_label(p.key, p.label, "Theme") for p in paper.pack.by_theme}
    # the paper's rows already hold their item's latest progress (`board_paper.Row.update`, `latest_progress`):
    # looked up, not found again (0.37 s CPU at 100,000 records)
    known = {id(r.item): r.update for _, group in paper.appendix for r in group}
    said: dict[tuple, str] = {}  # an item's themes in words, by the themes it has (a few combinations recur)
    for item in paper.pack.items:
        rec = item.rec
        revision = rec.due_revisions[-1] if rec.due_revisions else None
        waiver = rec.waiver
        last = known.get(id(item), _UNKNOWN)
        if last is _UNKNOWN:
            last = board_paper.latest_progress(item)
        tags = tuple(rec.themes)
        if (in_words := said.get(tags)) is None:
            in_words = said[tags] = ", ".join(themes.get(t, t) for t in tags)
        late = item.late
        evidence = last.evidence if last else None
        yield (
            rec.id, titles.get(rec.report, rec.report), type_word(rec.type), rec.parent,
            DEADLINE_WORDS[rec.deadline.value], item.original_due_date, item.due_date,
            revision.on if revision else None, revision.reason if revision else None,
            item.days_left if item.outstanding else None,  # blank once closed
            RAG_WORDS[item.rag], status_word(rec.status), rec.owner, in_words, waiver.until if waiver else None,
            waiver.reason if waiver else None, _carried(rec), item.completed_on,
            "" if late is None else ("yes" if late else "no"), rec.text, last.note if last else None,
            last.on if last else None, Link(evidence) if is_url(evidence) else evidence,
            f"{made}, entry {len(rec.history)}",  # the item as the pack shows it
        )


_UNKNOWN = object()  # an item the paper's rows do not hold


def _carried(rec) -> str | None:
    return getattr(rec, "carried_forward_from", None)


LOG_COLUMNS = [("On", 12), ("ID", 10), ("Status from", 16), ("Status to", 16), ("Edited", 30), ("Note", 60),
               ("By", 18), ("Evidence", 40)]


def _log(s: Sheet, paper: Paper) -> None:
    """Every history entry since the last meeting: a status move in the status columns, an edit in Edited."""
    s.header(0, [n for n, _ in LOG_COLUMNS], [w for _, w in LOG_COLUMNS])
    top, wrap = s.f["top"], s.f["wrap"]
    movements = paper.pack.movements
    rows = Rows(s.sheet, 1, s.f["link"], s.texts)
    rows.layout([s.f["date"], top, top, top, wrap, wrap, top, wrap], wraps_of(LOG_COLUMNS, "Note", "Evidence"))
    for m in movements:
        entry = m.entry
        moved = entry.status is not None
        rows.put((
            entry.on, m.id, status_word(m.previous) if moved and m.previous else None,
            status_word(entry.status) if moved else None, None if moved else change_text(entry),
            entry.note, entry.by, Link(entry.evidence) if is_url(entry.evidence) else entry.evidence,
        ))
    rows.close()
    s.sheet.freeze_panes(1, 0)
    s.sheet.autofilter(0, 0, max(len(movements), 1), len(LOG_COLUMNS) - 1)
