"""The workbook's long sheets written as whole rows of XML (`render/xlsx_rows.py`) say exactly what XlsxWriter's
own cell API says: every sheet of the board workbook is byte for byte the same XML either way, on a tracker
whose texts hold what needs escaping (markup, control characters, a literal `_x0041_`, leading and trailing
spaces, a tab and line breaks, an over-long text, links with and without fragments); and read back by
openpyxl, a text that looks like markup or a formula stays that text."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).parent))
import board_tracker  # noqa: E402

from hmic_cli.render import xlsx_rows  # noqa: E402

TEXTS = [
    "Fish & chips <b>bold</b> \"quoted\" 'single' > less",
    "Control \x01 and \x1f and a carriage\rreturn",
    "A literal _x0041_ and _x005F_ in the text",
    "  leading and trailing spaces  ",
    "A tab\there and\nline breaks\n",
    "=SUM(A1:A9)",
    "X" * 40000,
    "\u00e9t\u00e9 \u2013 \u201cquotes\u201d \U0001F600",
]
URLS = ["https://example.org/evidence?x=1&y=2#part-3", "http://example.org/" + "p" * 2100, "https://example.org/a b"]


def tracker() -> dict:
    doc = board_tracker.tracker()
    for n, rec in enumerate(doc["recommendations"]):
        rec["text"] = TEXTS[n % len(TEXTS)]
        if n % 3 == 0:
            rec["owner"] = TEXTS[n % 6][:60].strip() or "Owner"
        rec["history"].append({"on": "2026-10-20", "status": rec["status"], "note": TEXTS[(n + 1) % len(TEXTS)],
                               "by": "Policy & Planning", "evidence": URLS[n % 3] if n % 2 else TEXTS[n % 5]})
    return doc


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    """The board workbook made with the rows written as XML ("fast") and through XlsxWriter's API ("api")."""
    import json

    from typer.testing import CliRunner

    from hmic_cli.cli import app

    where = tmp_path_factory.mktemp("rows")
    data = where / "tracker.json"
    data.write_text(json.dumps(tracker()), encoding="utf-8")
    made = {}
    with pytest.MonkeyPatch.context() as mp:
        for name in ("fast", "api"):
            if name == "api":
                mp.setattr(xlsx_rows, "_has_internals", lambda ws: False)
            made[name] = where / f"{name}.xlsx"
            result = CliRunner().invoke(app, ["--data", str(data), "report", "--as-of", "2026-10-31", "--format",
                                              "xlsx", "--output", str(made[name])], catch_exceptions=False)
            assert result.exit_code == 0, result.output
    return made


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("xl/")}


def test_every_sheet_is_the_same_xml_either_way(workbooks):
    fast, api = parts(workbooks["fast"]), parts(workbooks["api"])
    assert sorted(fast) == sorted(api)
    sheets = [n for n in fast if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 5
    assert b"hyperlink" in fast["xl/worksheets/sheet4.xml"]  # the links are there, in both
    for name in fast:
        assert fast[name] == api[name], name


def test_texts_read_back_as_written(workbooks):
    book = openpyxl.load_workbook(workbooks["fast"])
    texts = {c.value for row in book["Recommendations"].iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    assert "=SUM(A1:A9)" in texts
    assert "Fish & chips <b>bold</b> \"quoted\" 'single' > less" in texts
    assert "  leading and trailing spaces  " in texts
    # (a literal "_x0041_" is stored as "_x005F_x0041_", as Excel reads it back; openpyxl does not undo that)
    assert "X" * 32766 + "…" in texts  # clipped to Excel's limit
    formulas = [c for row in book["Recommendations"].iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_a_text_that_looks_like_rich_text_stays_text(tmp_path):
    """XlsxWriter's constant-memory mode writes a string that starts with `<r>` and ends with `</r>` unescaped (as
    rich text): the rows written here escape every text, so the file stays well-formed and says what was typed."""
    import io

    from hmic_cli.render.xlsx import _workbook

    out = io.BytesIO()
    wb = _workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet("S")
    rows = xlsx_rows.Rows(ws, 0, wb.add_format({}))
    assert rows.fast
    rows.add([("<r><t>looks rich</t></r>", None), ("<r>a & b</r>", None)])
    rows.close()
    wb.close()
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue()))["S"]
    assert [sheet["A1"].value, sheet["B1"].value] == ["<r><t>looks rich</t></r>", "<r>a & b</r>"]
