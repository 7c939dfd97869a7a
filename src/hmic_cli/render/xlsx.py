"""The board pack as an Excel workbook (XlsxWriter): Summary, Recommendations and Log sheets.

No cell is one a spreadsheet evaluates: every text goes in with `write_string` (never `write`, which
would turn `=...` into a formula), and the workbook is opened with `strings_to_formulas` and
`strings_to_urls` off besides. Dates are real date cells with a date format; numbers are numbers.
"""

from __future__ import annotations

from typing import BinaryIO

from hmic_cli.boardpack import BoardPack

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


def board_pack(pack: BoardPack, out: BinaryIO) -> None:
    """`constant_memory`: each row goes to a temporary file as it is finished (every sheet is written
    in row order), so memory stays flat: at 100,000 records the process peaked at 556 MB with the
    whole workbook in memory and 415 MB (as `list --format json`) this way; the cell values read back
    the same in every sheet."""
    import xlsxwriter

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
    _summary(_Sheet(book.add_worksheet("Summary"), formats), pack, rag)
    _recommendations(_Sheet(book.add_worksheet("Recommendations"), formats), pack, rag)
    _log(_Sheet(book.add_worksheet("Log"), formats), pack)
    book.close()


def _summary(s: _Sheet, pack: BoardPack, rag) -> None:
    s.sheet.set_column(0, 0, 34)
    s.sheet.set_column(1, 6, 13)
    s.text(0, 0, "Board pack: HMIC recommendations", s.f["title"])
    s.text(1, 0, "As of")
    s.day(1, 1, pack.as_of)
    s.text(2, 0, "Movements since")
    s.day(2, 1, pack.since)
    s.text(3, 0, "Amber window (days)")
    s.number(3, 1, pack.amber_days)
    row = 5
    o = pack.overall
    for label, value in (("Recommendations", o.total), ("Complete", o.complete),
                         ("Counted (not superseded)", o.counted), ("Outstanding", o.outstanding),
                         ("Overdue", o.overdue),
                         (f"Due within {pack.amber_days} days", len(pack.amber)), ("Closed late", pack.closed_late),
                         ("Moved since", len(pack.movements))):
        s.text(row, 0, label, s.f["bold"])
        s.number(row, 1, value)
        row += 1
    s.text(row, 0, "Complete (share)", s.f["bold"])
    s.number(row, 1, o.fraction, s.f["percent"])
    row += 2
    s.header(row, ["RAG", "Items"], [34, 13])
    for name, count in pack.by_rag.items():
        row += 1
        s.text(row, 0, name, rag[name])
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
    ("ID", 10), ("Report", 22), ("Type", 14), ("Deadline", 13), ("Original due", 12), ("Due date", 12),
    ("Days left", 9), ("RAG", 9), ("Status", 16), ("Owner", 18), ("Themes", 24), ("Completed on", 12),
    ("Late", 6), ("Text", 80), ("Carried forward from", 12),
    # For owners to fill in (and Status to change): `hmic import board.xlsx --updates --into TRACKER`
    # records each filled row as a history entry.
    ("Update", 40), ("Evidence", 30), ("Updated by", 16), ("Updated on", 12),
]


def _recommendations(s: _Sheet, pack: BoardPack, rag) -> None:
    names = [n for n, _ in RECOMMENDATION_COLUMNS]
    s.header(0, names, [w for _, w in RECOMMENDATION_COLUMNS])
    top, wrap = s.f["top"], s.f["wrap"]
    for row, item in enumerate(pack.items, start=1):
        rec = item.rec
        s.text(row, 0, rec.id, top)
        s.text(row, 1, rec.report, top)
        s.text(row, 2, rec.type.value, top)
        s.text(row, 3, rec.deadline.value, top)
        s.day(row, 4, item.original_due_date)
        s.day(row, 5, item.due_date)
        s.number(row, 6, item.days_left, top)
        s.text(row, 7, item.rag.value, rag[item.rag.value])
        s.text(row, 8, rec.status.value, top)
        s.text(row, 9, rec.owner, top)
        s.text(row, 10, ", ".join(rec.themes), top)
        s.day(row, 11, item.completed_on)
        late = item.late
        s.text(row, 12, "" if late is None else ("yes" if late else "no"), top)
        s.text(row, 13, rec.text, wrap)
        s.text(row, 14, getattr(rec, "carried_forward_from", None), top)
        for col in range(15, 19):  # the owners' columns start blank
            s.text(row, col, None, s.f["date"] if col == 18 else wrap)
    s.sheet.freeze_panes(1, 1)
    s.sheet.autofilter(0, 0, max(len(pack.items), 1), len(names) - 1)


LOG_COLUMNS = [("On", 12), ("ID", 10), ("From", 16), ("To", 16), ("Note", 60), ("By", 18), ("Evidence", 40)]


def _log(s: _Sheet, pack: BoardPack) -> None:
    s.header(0, [n for n, _ in LOG_COLUMNS], [w for _, w in LOG_COLUMNS])
    top, wrap = s.f["top"], s.f["wrap"]
    for row, m in enumerate(pack.movements, start=1):
        s.day(row, 0, m.entry.on)
        s.text(row, 1, m.id, top)
        s.text(row, 2, m.previous.value if m.previous else "", top)
        s.text(row, 3, m.entry.status.value, top)
        s.text(row, 4, m.entry.note, wrap)
        s.text(row, 5, m.entry.by, top)
        s.text(row, 6, m.entry.evidence, wrap)
    s.sheet.freeze_panes(1, 0)
    s.sheet.autofilter(0, 0, max(len(pack.movements), 1), len(LOG_COLUMNS) - 1)
