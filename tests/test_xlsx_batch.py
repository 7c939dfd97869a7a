"""The long sheets' rows written a chunk at a time (`Rows.layout` and `Rows.put` in `render/xlsx_rows.py`) say
exactly what they say one row at a time: the texts escaped as a batch as `inline` escapes each, a link's `Url`
made as XlsxWriter makes it, its list of links written as XlsxWriter writes it, and a sheet written with `put`
byte for byte the sheet written with `add` and the workbook written through XlsxWriter's own API, heights,
links and the links past a sheet's limit included."""

from __future__ import annotations

import io
import itertools
import zipfile
from datetime import date
from decimal import Decimal

import pytest

from hmic_cli.render import xlsx_links, xlsx_rows, xlsx_text
from hmic_cli.render.xlsx import _workbook
from hmic_cli.render.xlsx_cells import LINE_HEIGHT, lines_needed
from hmic_cli.render.xlsx_rows import Link, Rows

ODD_TEXTS = ["a", " a", "a ", "\ta", "a\n", "x\u00a0", "\u2028y", "a&b<c>d", "_x0041_", "a_xb", "a_b", "\x01", "\x7f",
             "\ufffe", "\u00e9\u200b", "tab\tin", "line\nbreak", "\r", "\x0b", "\x1f", "ok", "emoji \U0001F600",
             "&&&", "  ", "X" * 40000]


def test_texts_escaped_as_a_batch_as_one_by_one():
    batches = [*itertools.permutations(ODD_TEXTS, 2), ODD_TEXTS, ODD_TEXTS[::-1], ["plain"] * 3 + ["a & b", "c > d"]]
    for batch in [(t,) for t in ODD_TEXTS] + batches:
        want = [f'" s="3" t="inlineStr">{xlsx_text.inline(t)}</c>' for t in batch]
        assert xlsx_text.text_tails(list(batch), ' s="3"') == want, batch


def test_one_line_counted_as_lines_needed_counts_it():
    texts = ("", "a", "x" * 59, "x" * 60, "x" * 61, "two\nlines", "\n", "x" * 130 + "\n" + "y", None)
    for width in (1, 2, 22, 60):
        assert xlsx_rows._lines(texts, width) == [lines_needed(t, width) for t in texts]


@pytest.mark.parametrize("url", ["https://example.org/a b/%zz?x=1&y=[2]#part 3", "http://example.org/",
                                 "https://example.org/%20already", "https://example.org/a#b#c", "http://x.y/#",
                                 'https://example.org/"q"<>{}^`'])
def test_a_link_made_as_xlsxwriter_makes_it(url):
    from xlsxwriter.url import Url

    assert xlsx_links._light_urls()
    assert vars(xlsx_links._url(url)) == vars(Url(url))


def _sheet(mode: str, rows: list[tuple], formats: list, wraps: dict | None) -> dict[str, bytes]:
    """The parts of a workbook whose one sheet is `rows` written with `put` ("put") or with `add` ("add")."""
    out = io.BytesIO()
    book = _workbook(out, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    fmts = {"top": book.add_format({"valign": "top"}), "wrap": book.add_format({"text_wrap": True}),
            "day": book.add_format({"num_format": "yyyy-mm-dd"}), "red": book.add_format({"bold": True}),
            "number": book.add_format({"num_format": "0.0"}),
            "green": book.add_format({"italic": True})}
    layout = [{k: fmts[v] for k, v in f.items()} if isinstance(f, dict) else fmts.get(f) for f in formats]
    sheet = book.add_worksheet("S")
    sheet.write_string(0, 0, "Header")
    written = Rows(sheet, 1, book.add_format({"underline": 1}))
    written.layout(layout, wraps)
    for values in rows:
        if mode == "add":
            lines = max(lines_needed(values[c], w) for c, w in wraps.items()) if wraps else 1
            written.add(written._cells(values), min(409, lines * LINE_HEIGHT) if lines > 1 else None)
        else:
            written.put(values)
    written.close()
    book.close()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/")}


def _rows(n: int) -> list[tuple]:
    words = ["Owner & Co", "", None, "  spaced ", "line\nbreak", "plain words", "_x0041_", "\x02"]
    return [(f"R{i}", words[i % 8], date(2025, 1, 1 + i % 28), i * 1.5 if i % 3 else None, ["Red", "Green"][i % 2],
             Link(f"https://example.org/e/{i}#p") if i % 2 else words[(i + 3) % 8],
             Link(f"https://example.org/f/{i}") if i % 3 else None, "long " * (i % 40), Decimal(i) if i % 5 else None)
            for i in range(n)]


# column D's format is first used in the second row, after E's in the first: numbered in that order, as `add` does
FORMATS = ["top", "wrap", "day", "number", {"Red": "red", "Green": "green"}, "wrap", "wrap", "wrap", "top"]


def test_put_writes_what_add_writes_and_the_api_the_same_cells(monkeypatch):
    rows = _rows(3000)  # two chunks and a part
    wraps = {1: 22, 7: 40}
    put, add = _sheet("put", rows, FORMATS, wraps), _sheet("add", rows, FORMATS, wraps)
    assert put == add
    assert put["xl/worksheets/sheet1.xml"].count(b"<hyperlink ") == 1500 + 2000
    assert b'customHeight="1"' in put["xl/worksheets/sheet1.xml"]
    fast = _book(rows, wraps)
    monkeypatch.setattr(xlsx_rows, "_has_internals", lambda ws: False)
    api = _book(rows, wraps)
    # every part byte for byte (the time stamp aside), so the same cells, links and heights: stricter than
    # reading both books back with openpyxl and comparing those, as this did (3.3 s of the test's 4.5 s)
    assert _parts(fast) == _parts(api)


def test_links_past_the_sheets_limit_fall_as_add_lets_them(monkeypatch):
    """Two columns of links near the limit: `put` goes row by row, so the same links become texts as with `add`."""
    monkeypatch.setattr(xlsx_rows, "_MAX_LINKS", 1700)
    rows = _rows(2500)
    put, add = _sheet("put", rows, FORMATS, None), _sheet("add", rows, FORMATS, None)
    assert put == add
    assert put["xl/worksheets/sheet1.xml"].count(b"<hyperlink ") == 1700


def _parts(book: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def _book(rows: list[tuple], wraps: dict) -> bytes:
    """A workbook of `rows` written with `put` (through XlsxWriter's API when `_has_internals` says no)."""
    out = io.BytesIO()
    book = _workbook(out, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    top = book.add_format({"valign": "top"})
    written = Rows(book.add_worksheet("S"), 0, book.add_format({"underline": 1}))
    written.layout([top] * 4 + [{"Red": top, "Green": top}] + [top] * 4, wraps)
    for values in rows:
        written.put(values)
    written.close()
    book.close()
    return out.getvalue()


LINKS = ["https://example.org/a b?x=1&y=2#part \"3\" & <4>", "http://example.org/", "https://example.org/%20done",
         "mailto:someone@example.org", "internal:'Sheet 1'!A1", "https://example.org/tip", "ftp://example.org/f"]


@pytest.mark.parametrize("with_cells", [False, True])
def test_links_written_as_xlsxwriter_writes_them(with_cells):
    """The workbook `_workbook` makes (`SheetWithLinks`, the quick relationships) against XlsxWriter's own, every part:
    simple links, anchors needing escape, and the kinds left to XlsxWriter (mail, internal, a tip); in constant
    memory and not (where the table is kept)."""
    import xlsxwriter

    made = []
    for make in (_workbook, xlsxwriter.Workbook):  # ours: its own worksheet class and relationships part
        out = io.BytesIO()
        book = make(out, {"constant_memory": not with_cells})
        for name, links in (("Sheet 1", LINKS[:3] * 3), ("Sheet 2", LINKS)):
            ws = book.add_worksheet(name)
            for row, url in enumerate(links):
                ws.write_url(row, row % 3, url, tip="a tip" if url.endswith("tip") else None)
                ws.write_string(row, 4, "text")
        book.close()
        with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
            made.append({n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"})
    ours, theirs = made
    assert isinstance(book, xlsxwriter.Workbook) and type(book) is xlsxwriter.Workbook
    assert ours == theirs
    assert theirs["xl/worksheets/sheet1.xml"].count(b"<hyperlink ") == 9
    assert b"location=" in theirs["xl/worksheets/sheet1.xml"]
