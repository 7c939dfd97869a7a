"""The board pack as an Excel workbook (XlsxWriter): Summary, Recommendations and Log sheets.

No cell is one a spreadsheet evaluates: every text goes in with `write_string` (never `write`, which
would turn `=...` into a formula), and the workbook is opened with `strings_to_formulas` and
`strings_to_urls` off besides. Dates are real date cells with a date format; numbers are numbers.
"""

from __future__ import annotations

from typing import BinaryIO

from hmic_cli import boardpack
from hmic_cli.board_paper import Paper
from hmic_cli.boardpack import BoardPack
from hmic_cli.headline import people_date
from hmic_cli.render.present import transition

MAX_CELL = 32767  # Excel's limit on a cell's characters
RAG_FILLS = {"red": "#F4C7C3", "amber": "#FCE8B2", "green": "#B7E1CD", "closed": "#D9D9D9"}
RAG_FONTS = {"red": "#9C0006", "amber": "#7F6000", "green": "#0B5A2A", "closed": "#3F3F3F"}


def _text(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


class _Sheet:
    """A worksheet with typed writers that never let a text become a formula."""

    def __init__(self, sheet, formats) -> None:
        self.sheet, self.f = sheet, formats

    def text(self, row: int, col: int, value, fmt=None) -> None:
        if value is None or value == "":
            self.sheet.write_blank(row, col, None, fmt)
        else:
            self.sheet.write_string(row, col, _text(value), fmt)

    def number(self, row: int, col: int, value, fmt=None) -> None:
        if value is None:
            self.sheet.write_blank(row, col, None, fmt)
        else:
            self.sheet.write_number(row, col, value, fmt)

    def day(self, row: int, col: int, value, fmt=None) -> None:
        if value is None:
            self.sheet.write_blank(row, col, None, fmt)
        else:
            self.sheet.write_datetime(row, col, value, fmt or self.f["date"])

    def header(self, row: int, names: list[str], widths: list[int]) -> None:
        for col, (name, width) in enumerate(zip(names, widths, strict=True)):
            self.text(row, col, name, self.f["header"])
            self.sheet.set_column(col, col, width)


def board_pack(paper: Paper, out: BinaryIO) -> None:
    """`constant_memory`: each row goes to a temporary file as it is finished (every sheet is written
    in row order), so memory stays flat: at 100,000 records the process peaked at 556 MB with the
    whole workbook in memory and 415 MB (as `list --format json`) this way; the cell values read back
    the same in every sheet."""
    import xlsxwriter

    pack = paper.pack
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    formats = {
        "header": book.add_format({"bold": True, "bg_color": "#E7E6E6", "bottom": 1, "text_wrap": True,
                                   "valign": "top"}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "bold": book.add_format({"bold": True}),
        "date": book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "top": book.add_format({"valign": "top"}),
        "percent": book.add_format({"num_format": "0%"}),
    }
    rag = {name: book.add_format({"bg_color": fill, "font_color": RAG_FONTS[name], "bold": True, "valign": "top"})
           for name, fill in RAG_FILLS.items()}
    book.set_properties({"title": f"{pack.title}: board pack, {people_date(pack.as_of)}",
                         "subject": "Board pack", "comments": "Made by hmic from the tracker's data.",
                         "keywords": pack.marking or ""})
    sheets = [(_summary, "Summary", (rag,)), (_recommendations, "Recommendations", (rag,)), (_log, "Log", ())]
    for write, name, extra in sheets:
        sheet = _Sheet(book.add_worksheet(name), formats)
        _print_setup(sheet.sheet, pack, landscape=name != "Summary")
        write(sheet, pack, *extra)
    book.close()


def _header_text(text: str) -> str:
    """Text for an Excel header or footer, where `&` starts a code."""
    return text.replace("&", "&&")


def _print_setup(sheet, pack: BoardPack, landscape: bool) -> None:
    """A4, fit to one page wide, the header row repeated, the marking at the top and foot of every page."""
    sheet.set_paper(9)
    if landscape:
        sheet.set_landscape()
        sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    marking = f'&C&"-,Bold"{_header_text(pack.marking)}' if pack.marking else ""
    sheet.set_header(marking + f"&R{_header_text(pack.title)}"[: 255 - len(marking)])
    sheet.set_footer(f"&LBoard pack, {people_date(pack.as_of)}" + marking + "&RPage &P of &N")


def _summary(s: _Sheet, pack: BoardPack, rag) -> None:
    s.sheet.set_column(0, 0, 34)
    s.sheet.set_column(1, 6, 13)
    s.text(0, 0, pack.title, s.f["title"])
    s.text(1, 0, "As of")
    s.day(1, 1, pack.as_of)
    s.text(2, 0, "Movements since")
    s.day(2, 1, pack.since)
    s.text(3, 0, "Amber window (days)")
    s.number(3, 1, pack.amber_days)
    s.text(4, 0, "Marking")
    s.text(4, 1, pack.marking or "none")
    row = 6
    s.header(row, ["Report", "Inspectorate", "Force", "Published"], [34, 13, 13, 13])
    for r in pack.reports:
        row += 1
        s.sheet.set_row(row, lines_needed(r.title, 34) * LINE_HEIGHT)
        s.text(row, 0, r.title, s.f["wrap"])
        s.text(row, 1, r.inspectorate, s.f["top"])
        s.text(row, 2, r.force, s.f["wrap"])
        s.day(row, 3, r.published)
    row += 2
    s.header(row, ["Headline", "Now", "At since", "Change"], [34, 13, 13, 13])
    for f in pack.figures:
        row += 1
        s.text(row, 0, f.label + (f" ({f.detail})" if f.detail else ""), s.f["bold"])
        s.number(row, 1, f.value)
        s.number(row, 2, f.then)
        s.number(row, 3, f.change)
    row += 2
    o = pack.overall
    for label, value in (("Recommendations", o.total), ("Complete", o.complete),
                         ("Counted (not superseded)", o.counted), ("Outstanding", o.outstanding),
                         ("Closed late", pack.closed_late), ("Moved since", len(pack.movements))):
        s.text(row, 0, label, s.f["bold"])
        s.number(row, 1, value)
        row += 1
    s.text(row, 0, "Complete (share)", s.f["bold"])
    s.number(row, 1, o.fraction, s.f["percent"])
    row += 2
    s.header(row, ["RAG", "Items"], [34, 13])
    for name, count in pack.by_rag.items():
        row += 1
        s.text(row, 0, name.capitalize(), rag[name])
        s.number(row, 1, count)
    for title, rows in (("Theme", pack.by_theme), ("Deadline class", pack.by_deadline), ("Owner", pack.by_owner)):
        row += 2
        names = [title, "Total", "Complete", "Superseded", "Outstanding", "Overdue", "Complete (share)"]
        for col, name in enumerate(names):
            s.text(row, col, name, s.f["header"])
        for p in rows:
            row += 1
            s.text(row, 0, p.label)
            for col, value in enumerate((p.total, p.complete, p.superseded, p.outstanding, p.overdue), start=1):
                s.number(row, col, value)
            s.number(row, 6, p.fraction, s.f["percent"])
    row += 2
    s.header(row, ["At the end of", "Outstanding", "Overdue"], [34, 13, 13])
    for p in pack.trend:
        row += 1
        s.day(row, 0, p.on)
        s.number(row, 1, p.outstanding)
        s.number(row, 2, p.overdue)


RECOMMENDATION_COLUMNS = [
    ("ID", 10), ("Report", 18), ("Type", 12), ("Deadline", 12), ("Original due", 11), ("Due date", 11),
    ("Due revised on", 11), ("Revision reason", 22), ("Days left", 8), ("RAG", 8), ("Status", 13), ("Owner", 16),
    ("Themes", 18), ("Waived until", 11), ("Waiver reason", 28), ("Carried forward from", 12),
    ("Completed on", 11), ("Late", 5), ("Text", 60), ("Last note", 40), ("Last note on", 11),
]
# For owners to fill in and the board secretary to bring back (`hmic import board.xlsx --updates` reads
# them by these headings, with "ID" and "Status"; so the item's latest update is headed "Last note", a
# heading the importer does not take for "Update").
OWNER_COLUMNS = [("Update", 40), ("Evidence", 30), ("Updated by", 16), ("Updated on", 11)]
LINE_HEIGHT = 15  # points a line of wrapped text takes (Calibri 11)


def lines_needed(text: str | None, width: int) -> int:
    """About how many lines `text` wraps to in a column `width` characters wide."""
    if not text:
        return 1
    return sum(max(1, -(-len(part) // max(1, width - 1))) for part in text.split("\n"))


def _recommendations(s: _Sheet, pack: BoardPack, rag) -> None:
    columns = RECOMMENDATION_COLUMNS + OWNER_COLUMNS
    names = [n for n, _ in columns]
    s.sheet.set_row(0, 2 * LINE_HEIGHT)
    s.header(0, names, [w for _, w in columns])
    top, wrap = s.f["top"], s.f["wrap"]
    widths = dict(columns)
    for row, item in enumerate(pack.items, start=1):
        rec = item.rec
        revision = rec.due_revisions[-1] if rec.due_revisions else None
        waiver = rec.waiver
        last = boardpack.latest(item)
        update = last.note if last else None
        height = max(lines_needed(rec.text, widths["Text"]), lines_needed(update, widths["Last note"]),
                     lines_needed(waiver.reason if waiver else None, widths["Waiver reason"]),
                     lines_needed(revision.reason if revision else None, widths["Revision reason"]))
        if height > 1:
            s.sheet.set_row(row, min(409, height * LINE_HEIGHT))  # set before the row's cells (constant memory)
        values = [rec.id, rec.report, rec.type.value, rec.deadline.value]
        for col, value in enumerate(values):
            s.text(row, col, value, top)
        s.day(row, 4, item.original_due_date)
        s.day(row, 5, item.due_date)
        s.day(row, 6, revision.on if revision else None)
        s.text(row, 7, revision.reason if revision else None, wrap)
        s.number(row, 8, item.days_left if item.outstanding else None, top)  # blank once closed
        s.text(row, 9, item.rag.value, rag[item.rag.value])
        s.text(row, 10, rec.status.value, top)
        s.text(row, 11, rec.owner, wrap)
        s.text(row, 12, ", ".join(rec.themes), wrap)
        s.day(row, 13, waiver.until if waiver else None)
        s.text(row, 14, waiver.reason if waiver else None, wrap)
        s.text(row, 15, boardpack.carried_from(item), top)
        s.day(row, 16, item.completed_on)
        late = item.late
        s.text(row, 17, "" if late is None else ("yes" if late else "no"), top)
        s.text(row, 18, rec.text, wrap)
        s.text(row, 19, update, wrap)
        s.day(row, 20, last.on if last else None)
        for col in range(len(RECOMMENDATION_COLUMNS), len(columns)):  # the owners' columns start blank
            s.text(row, col, None, s.f["date"] if names[col] == "Updated on" else wrap)
    s.sheet.freeze_panes(1, 1)
    s.sheet.autofilter(0, 0, max(len(pack.items), 1), len(names) - 1)


LOG_COLUMNS = [("On", 12), ("ID", 10), ("From", 16), ("To", 16), ("Note", 60), ("By", 18), ("Evidence", 40)]


def _log(s: _Sheet, pack: BoardPack) -> None:
    s.header(0, [n for n, _ in LOG_COLUMNS], [w for _, w in LOG_COLUMNS])
    top, wrap = s.f["top"], s.f["wrap"]
    for row, m in enumerate(pack.movements, start=1):
        height = max(lines_needed(m.entry.note, 60), lines_needed(m.entry.evidence, 40))
        if height > 1:
            s.sheet.set_row(row, min(409, height * LINE_HEIGHT))
        s.day(row, 0, m.entry.on)
        s.text(row, 1, m.id, top)
        s.text(row, 2, m.previous.value if m.previous else "", top)
        s.text(row, 3, m.entry.status.value if m.entry.status else transition(m), top)  # an edit: what changed
        s.text(row, 4, m.entry.note, wrap)
        s.text(row, 5, m.entry.by, top)
        s.text(row, 6, m.entry.evidence, wrap)
    s.sheet.freeze_panes(1, 0)
    s.sheet.autofilter(0, 0, max(len(pack.movements), 1), len(LOG_COLUMNS) - 1)
