"""A long report as a PDF (made here with fpdf2): a contents page that lists the recommendations,
running headers and footers, page numbers, footnote markers, a word hyphenated across lines, a
recommendation broken by a page break and a two-column page. Each recommendation is found once,
whole, without the furniture."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from hmic_cli.importing import find, read_source

# Looked for, not imported: fpdf2 (with fontTools, Pillow, cryptography) costs 0.46 s to import, paid at
# collection by every pytest-xdist worker, and only the one running these tests needs it.
pytestmark = pytest.mark.skipif(importlib.util.find_spec("fpdf") is None, reason="fpdf2 is not installed")

HEADER = "Westshire Police: custody inspection 2031"
EXPECTED = [
    ("immediate", "Stop holding children in police cells overnight."),
    ("immediate", "Review its custody training for every detention officer."),
    ("six-months", "Publish its custody figures each quarter so that the police and crime commissioner can hold "
                   "it to account for the use of custody."),
    ("six-months", "Check the welfare of every detainee at least once an hour."),
    ("six-months", "Record the reasons for every strip search."),
]


def _long_pdf(path: Path) -> Path:
    from tests.pdfs import report_pdf

    pdf = report_pdf(HEADER, from_page=2)
    pdf.set_auto_page_break(True, margin=20)

    def lines(*texts: str, gap: bool = True) -> None:
        for text in texts:
            pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        if gap:
            pdf.ln(6)

    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    lines("Westshire Police: custody inspection 2031")
    lines("Contents")
    lines("Summary .......... 2", "Recommendations .......... 3",
          "Recommendation 1 .......... 3", "Areas for improvement .......... 5", gap=False)
    pdf.add_page()
    lines("Summary")
    lines("We inspected custody in Westshire in January 2031. Officers treat detainees with",
          "respect.1 The force has improved since our last inspection.")
    for number in range(3):
        lines(f"Detention officers told us about their work in the suites, part {number + 1} of the",
              "findings, which we set out in full in the chapters that follow this summary.")
    pdf.add_page()
    lines("Recommendations")
    lines("The force should immediately:", gap=False)
    lines("- stop holding children in police cells overnight;", gap=False)
    lines("- review its custo-", "  dy training for every detention officer.")
    lines("Within six months the force should:", gap=False)
    pdf.set_y(pdf.h - 34)  # the next item starts at the foot of the page and carries on over the break
    lines("- publish its custody figures each quarter so that the police and crime", gap=False)
    lines("  commissioner can hold it to account for the use of custody;", gap=False)
    lines("- check the welfare of every detainee at least once an hour;", gap=False)
    lines("- record the reasons for every strip search.2")  # a footnote marker
    pdf.add_page()
    lines("Our findings")
    with pdf.text_columns(ncols=2, gutter=10) as columns:
        for number in range(2):
            columns.write(text=f"In the suites we visited, custody was safe and detainees were cared for well. "
                               f"Staff knew the rules and followed them in almost every case we saw ({number}).\n")
    pdf.ln(6)
    lines("Areas for improvement")
    lines("The force should improve how it explains detainees' rights to them.")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def text(tmp_path_factory) -> str:
    return read_source(str(_long_pdf(tmp_path_factory.mktemp("pdf") / "westshire.pdf"))).text


def test_each_recommendation_of_a_long_pdf_is_found_once_and_whole(text):
    found = find(text, date(2031, 4, 4))
    recommendations = [(item.deadline, item.text) for item in found if item.type == "recommendation"]
    assert recommendations == EXPECTED
    assert [(item.type, item.text) for item in found if item.type != "recommendation"] == [
        ("area-for-improvement", "The force should improve how it explains detainees' rights to them.")]


def test_the_furniture_of_a_long_pdf_is_gone(text):
    assert HEADER not in text.split("\n")[1:]
    assert "Page 2 of" not in text and ".........." not in text
    assert "custody training" in text and "custo-" not in text
