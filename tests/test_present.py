"""One colour meaning in every terminal view, amber readable on light and dark terminals, the item
table's text column never narrower than 30 cells, and an owner column in `list` where it fits."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from rich.console import Console

from hmic_cli import overview, query
from hmic_cli.render import present, table
from hmic_cli.store import loading
from hmic_cli.vocabulary import Rag, Status

# Pinned palettes (what the 16 ANSI colours look like): xterm's defaults and Windows Terminal's Campbell.
PALETTES = {
    "xterm": {"red": "#cd0000", "green": "#00cd00", "yellow": "#cdcd00"},
    "campbell": {"red": "#c50f1f", "green": "#13a10e", "yellow": "#c19c00"},
}
WHITE, BLACK = "#ffffff", "#000000"
SGR = {"red": "31", "green": "32", "yellow": "33"}


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[k:k + 2], 16) for k in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_computed_as_wcag_says():
    assert contrast(WHITE, BLACK) == pytest.approx(21)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)


def coloured(render, width: int = 120) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system="standard")
    original = table.console
    try:
        table.console = lambda _out: console
        render(io.StringIO())
    finally:
        table.console = original
    return out.getvalue()


def items(as_of: str, path=None):
    return query.run(loading.load(path).dataset, query.Filters(statuses=tuple(Status)),
                     date.fromisoformat(as_of)).items


@pytest.mark.parametrize("palette", list(PALETTES))
def test_amber_is_readable_on_white_and_black_or_bold_with_its_word(palette):
    style = present.RAG_STYLES[Rag.amber]
    colour = PALETTES[palette][style.color.name]
    readable = contrast(colour, WHITE) >= 4.5 and contrast(colour, BLACK) >= 4.5
    if not readable:  # ANSI yellow on a white terminal: bold, and never without the word
        assert style.bold
        raw = coloured(lambda out: table.list_items(query.Selection(date(2014, 7, 10), None, "due",
                                                                    items("2014-07-10")), out))
        amber_cells = re.findall(r"\x1b\[1;33m([^\x1b]*)\x1b\[0m", raw)
        assert "Amber" in amber_cells and all(cell.strip() for cell in amber_cells)
    assert contrast(colour, BLACK) >= 4.5  # on a dark terminal yellow reads as it is


def test_one_meaning_for_each_colour_and_closed_never_green(data_copy, invoke):
    assert invoke("--data", data_copy, "update", "NCP-1", "--status", "complete", "--on", "2014-01-30").exit_code == 0
    rows = items("2014-02-01", data_copy)  # NCP-1 closed, NCP-2..5 overdue, NCP-6..9 due later (green)
    raw = coloured(lambda out: table.list_items(query.Selection(date(2014, 2, 1), None, "due", rows), out))
    by_id = {}
    for block in re.split(r"\n(?=\S*\x1b\[1mNCP-)|\n(?= \x1b\[1mNCP-)", raw):
        found = re.search(r"NCP-\d", block)
        if found:
            by_id[found.group()] = set(re.findall(r"\x1b\[(?:1;)?(3\d)m", block))
    assert by_id["NCP-1"] == set()  # closed: no colour at all
    assert all(by_id[f"NCP-{n}"] == {SGR["red"]} for n in range(2, 6))
    assert all(by_id[f"NCP-{n}"] == {SGR["green"]} for n in range(6, 10))
    summary = overview.summarise(loading.load(data_copy).dataset, date(2014, 2, 1),
                                 query.Filters(statuses=tuple(Status)))
    line = next(line for line in coloured(lambda out: table.summary(summary, out)).splitlines()
                if "RAG:" in line)
    assert re.search(r"\x1b\[1;31mred 4\x1b\[0m", line) and re.search(r"\x1b\[32mgreen 4\x1b\[0m", line)
    assert "closed 1" in line and not re.search(r"\x1b\[[0-9;]*mclosed", line)  # closed: no colour


@pytest.mark.parametrize("width", [40, 50, 60, 72, 80, 100, 120, 160, 200])
def test_the_text_column_is_never_narrower_than_30_cells(width):
    rows = items("2014-07-10")
    text = Console(file=io.StringIO(), width=width, record=True, color_system=None)
    text.print(table.item_grid(rows))
    out = text.export_text(styles=False)
    header = next((line for line in out.splitlines() if line.startswith(" ID ")), None)
    if header is None:  # cards
        assert out.startswith("NCP-") and width < 80
        return
    start = header.index("Text")
    assert max(len(line) for line in out.splitlines()) - start >= 30
    assert max(len(line) for line in out.splitlines()) <= width


def test_owner_column_where_it_fits(runner, data_copy, invoke):
    from hmic_cli.cli import app

    for n, owner in ((2, "Supt Okafor"), (3, "DCI Lindqvist")):
        assert invoke("--data", data_copy, "edit", f"NCP-{n}", "--owner", owner, "--on", "2014-02-01").exit_code == 0

    def listed(width: int) -> str:
        result = runner.invoke(app, ["--data", str(data_copy), "list", "--as-of", "2014-07-10"],
                               env={"COLUMNS": str(width), "NO_COLOR": "1"})
        assert result.exit_code == 0
        return result.stdout

    wide = listed(160)
    assert re.search(r"^ ID .* Owner .* Text$", wide, flags=re.MULTILINE)
    assert re.search(r"^ NCP-2 .* Supt Okafor ", wide, flags=re.MULTILINE)
    narrow = listed(80)  # no room for the column: the owner is a labelled line of the text column
    assert "Owner" not in narrow.splitlines()[2] and "Owner: Supt Okafor" in narrow
