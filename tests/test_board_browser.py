"""The board pack in headless Chromium: a 60-item tracker (waivers, revisions, sign-offs, a long URL)
fits 1280, 390 and 320 px with no horizontal scroll, passes axe-core's WCAG 2.2 AA rules (and the
region, landmark and empty-header ones), keeps its chart legible, and prints as an A4 board paper."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import board_tracker  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = (320, 390, 700, 768, 1024, 1280, 1600)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
pytestmark = pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"{CHROMIUM} is not installed")


@pytest.fixture(scope="module")
def browser():
    # imported here, not at collection: 0.16 s for every pytest-xdist worker, needed by the one running these
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> dict[str, Path]:
    """The 60-item pack (HTML, marked OFFICIAL) and the bundled tracker's pack."""
    from typer.testing import CliRunner

    from hmic_cli.cli import app

    folder = tmp_path_factory.mktemp("board")
    data = board_tracker.write(folder / "tracker.json")
    runner = CliRunner()
    made = {"t60": folder / "t60.html", "bundled": folder / "bundled.html"}
    for args in (["--data", str(data), "report", "--as-of", board_tracker.AS_OF.isoformat(), "--since",
                  board_tracker.SINCE.isoformat(), "--marking", "OFFICIAL", "-o", str(made["t60"])],
                 ["report", "--as-of", "2014-07-29", "--marking", "OFFICIAL", "-o", str(made["bundled"])]):
        result = runner.invoke(app, args, env={"HMIC_DATA": None})
        assert result.exit_code == 0, result.output
    return made


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for the width tests, each of which loads every pack into it afresh at its width (a new tab
    for every load cost Chromium ~1 s of CPU more than the load itself: 14 loads, 7 tests)."""
    page = browser.new_page()
    yield page
    page.close()


@pytest.fixture(scope="module")
def axe_tab(browser):
    """One tab for the axe runs, with the page's Content-Security-Policy bypassed, to inject axe only."""
    page = browser.new_page(bypass_csp=True)
    yield page
    page.close()


def load_at(page, page_file: Path, width: int) -> None:
    """A fresh load of `page_file` (a new document, laid out from the start) in a viewport `width` wide."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page_file.as_uri(), wait_until="load")
    assert page.evaluate("innerWidth") == width


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_viewport(tab, packs, width):
    page = tab
    for name, page_file in packs.items():
        load_at(page, page_file, width)
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll == client == width, (name, width, scroll)
        # the long URL is whole in the page, wrapped inside its cell rather than widening it
        if name == "t60":
            # on a phone the first figure, overdue, is on the first screen
            first = page.locator("#figure-overdue .value").bounding_box()
            assert first and first["y"] + first["height"] <= 900 * (0.75 if width < 500 else 0.5)
            link = page.locator("a.url").first
            assert link.get_attribute("href") == board_tracker.LONG_URL
            box = link.bounding_box()
            assert box and box["x"] + box["width"] <= width
            # dates never break: each <time> is on one line
            heights = page.evaluate("[...document.querySelectorAll('main time')].filter(t => t.offsetParent)"
                                    ".map(t => t.getClientRects().length)")
            assert heights and set(heights) == {1}


@pytest.mark.parametrize("width", (1280, 320))
def test_axe_finds_nothing_at_wcag_2_2_aa(axe_tab, packs, width):
    page = axe_tab
    load_at(page, packs["t60"], width)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate("async tags => { const r = await axe.run(document, {runOnly: {type: 'tag', "
                          "values: tags}}); return {violations: r.violations.map(v => [v.id, "
                          "v.nodes.map(n => n.target.join(' '))]), passes: r.passes.map(p => p.id)}; }", AXE_TAGS)
    assert found["violations"] == []
    # the rules the issue names ran and passed (not merely absent)
    assert {"region", "landmark-one-main", "empty-table-header", "color-contrast", "html-lang-valid",
            "th-has-data-cells"} <= set(found["passes"]), found["passes"]


def test_the_page_is_inert_and_semantic(browser, packs):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(packs["t60"].read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "en-GB" and soup.find("main") is not None and not soup.find_all("script")
    for tag in soup.find_all(href=True):
        assert tag["href"].startswith(("https://", "http://")), tag
    for table in soup.find_all("table"):
        assert table.find("caption") or table.get("aria-labelledby"), table.get("id")
        if table.get("aria-labelledby"):
            assert soup.find(id=table["aria-labelledby"]).get_text(strip=True)
        for th in table.find_all("th"):
            assert th.get("scope") in ("col", "row") and th.get_text(strip=True), th
    times = soup.select("main time")
    assert times and all(re.fullmatch(r"\d{4}-\d\d-\d\d", t["datetime"]) for t in times)
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", t.get_text()) for t in times)  # "3 March 2025"
    text = soup.get_text(" ")
    assert "961 days overdue" in text and not re.search(r"(?<![\w-])-\d+ ?days", text)
    assert {t.get_text() for t in soup.select(".rag")} == {"Red", "Amber", "Green", "Closed"}
    # the progress cell is read once: the bar is hidden from screen readers, the words say it
    assert all(bar.get("aria-hidden") == "true" for bar in soup.select(".bar"))


def test_the_chart_is_whole_and_legible_at_320_and_in_forced_colours(browser, packs):
    page = browser.new_page(viewport={"width": 320, "height": 900})
    try:
        page.goto(packs["t60"].as_uri(), wait_until="load")
        shown = page.evaluate("""() => [...document.querySelectorAll('svg.chart')]
            .filter(s => s.getBoundingClientRect().width)
            .map(s => { const vb = s.viewBox.baseVal, scale = s.getBoundingClientRect().width / vb.width;
              return {name: s.getAttribute('class'), scale,
                      font: parseFloat(getComputedStyle(s.querySelector('text')).fontSize),
                      outside: [...s.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()])
                        .filter(([_, b]) => b.x < 0 || b.y < 0 || b.x + b.width > vb.width
                                            || b.y + b.height > vb.height)}; })""")
        assert len(shown) == 1 and "trend-compact" in shown[0]["name"]
        assert shown[0]["outside"] == []  # every axis label whole
        assert shown[0]["font"] * shown[0]["scale"] >= 10  # rendered text at least 10 px high
        wide = page.evaluate("""() => { const s = document.querySelector('svg.trend-wide'), vb = s.viewBox.baseVal;
            s.style.display = 'block'; const out = [...s.querySelectorAll('text')].map(t => t.getBBox())
              .filter(b => b.x < 0 || b.y < 0 || b.x + b.width > vb.width || b.y + b.height > vb.height).length;
            s.style.display = ''; return out; }""")
        assert wide == 0
        page.emulate_media(forced_colors="active")
        fills = page.evaluate("""() => {
            const s = [...document.querySelectorAll('svg.chart')].find(s => s.getBoundingClientRect().width);
            const text = getComputedStyle(s.querySelector('text')).fill, ink = getComputedStyle(document.body).color,
                  line = getComputedStyle(s.querySelector('polyline')).stroke; return [text, ink, line]; }""")
        assert fills[0] == fills[1] == fills[2], fills  # the chart's text and lines take the system's text colour
    finally:
        page.close()


def pdf_pages(browser, page_file: Path, target: Path) -> list[str]:
    page = browser.new_page()
    try:
        page.goto(page_file.as_uri(), wait_until="load")
        page.pdf(path=str(target), prefer_css_page_size=True, display_header_footer=False, print_background=True)
    finally:
        page.close()
    from pypdf import PdfReader

    reader = PdfReader(str(target))
    for p in reader.pages:  # A4 portrait: 595 x 842 points
        assert (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842)
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    return [subprocess.run([pdftotext, "-f", str(n), "-l", str(n), "-raw", str(target), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, len(reader.pages) + 1)]


def test_the_printed_pack_is_a_board_paper(browser, packs, tmp_path):
    pages = pdf_pages(browser, packs["t60"], tmp_path / "t60.pdf")
    n = len(pages)
    for k, text in enumerate(pages, start=1):
        assert f"Page {k} of {n}" in text
        assert text.count("OFFICIAL") >= 2, k  # at the top and the foot of every page
        assert "Board paper, 31 October 2026" in text  # the CSS string's escapes keep the text as it was
    assert "The board is asked to" in pages[0]  # the first page holds the headline and the decisions
    # the long tables run over pages; each continued table repeats its section title above its header row
    headed = [k for k, text in enumerate(pages) if re.search(r"^ID Item Owner", text, re.M)]
    continued = [k for k in headed if re.search(r"^(Overdue|Due within \d+ days|Awaiting sign-off|Register: .+)\n"
                                                  r"ID Item Owner", pages[k], re.M)]
    assert len(continued) >= 3 and continued == headed, (headed, continued)
    assert sum(bool(re.search(r"^Overdue\nID Item Owner", pages[k], re.M)) for k in headed) >= 2
    whole = "".join(pages).replace("\n", "")
    assert board_tracker.LONG_URL in whole  # the evidence URL printed whole, wrapped, nothing cut
    assert "The numbers behind the chart" in whole
    import json

    from hmic_cli import boardpack, query
    from hmic_cli.store import loading
    from hmic_cli.vocabulary import Status

    pack = boardpack.build(loading.load(Path(packs["t60"]).with_name("tracker.json")).dataset,
                           query.Filters(statuses=tuple(Status)), board_tracker.AS_OF, board_tracker.SINCE)
    numbers = "\n".join(pages)
    for point in pack.trend[-6:]:  # the trend's numbers are printed, as a table
        assert re.search(rf"{point.on.day} \w+ {point.on.year} {point.outstanding} {point.overdue}\b", numbers), \
            json.dumps([point.on.isoformat(), point.outstanding, point.overdue])


def test_the_bundled_pack_prints_on_at_most_five_pages(browser, packs, tmp_path):
    """Three pages, and the register appendix (the bundled tracker's nine open items) on two more."""
    pages = pdf_pages(browser, packs["bundled"], tmp_path / "bundled.pdf")
    assert len(pages) <= 5
    assert all("OFFICIAL" in text for text in pages)


def test_printed_tables_have_one_text_size(browser, packs):
    """Printed, everything inside a table (notes, waivers, dates, tags) is one size: the table's."""
    page = browser.new_page()
    try:
        page.goto(packs["t60"].as_uri(), wait_until="load")
        page.emulate_media(media="print")
        sizes = page.evaluate("""() => [...document.querySelectorAll('main table *')]
            .filter(e => e.childNodes.length && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => getComputedStyle(e).fontSize)""")
    finally:
        page.close()
    assert sizes and set(sizes) == {"10.6667px"}, sorted(set(sizes))  # 8 pt
