"""The table renderer as a unit: wrapping, fitting the width, never cutting, colour only by style."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from rich.console import Console

from hmic_cli import query
from hmic_cli.render import table
from hmic_cli.render.present import wrap, wrap_token
from hmic_cli.render.table import item_grid as ItemGrid
from hmic_cli.store import loading


def items(as_of=date(2014, 7, 29)):
    return query.run(loading.load().dataset, query.Filters(statuses=tuple(query.Status)), as_of).items


def render(renderable, width: int, color: bool = False) -> tuple[str, str]:
    console = Console(file=io.StringIO(), width=width, record=True, force_terminal=color,
                      color_system="truecolor" if color else None)
    console.print(renderable)
    return console.export_text(styles=False), console.file.getvalue()


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("one two three", 7, ["one two", "three"]),
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ("a\nb c", 10, ["a", "b c"]),
    ("", 5, [""]),
    ("日本語のテキスト", 6, ["日本語", "のテキ", "スト"]),  # wide characters count two cells
])
def test_wrap(text, width, expected):
    assert wrap(text, width) == expected


@pytest.mark.parametrize(("token", "width", "expected"), [
    ("information-sharing", 12, ["information-", "sharing"]),
    ("six-months", 20, ["six-months"]),
    ("awaiting-sign-off", 9, ["awaiting-", "sign-off"]),
    ("abcdefghijkl", 5, ["abcde", "fghij", "kl"]),
])
def test_wrap_token_breaks_after_hyphens(token, width, expected):
    assert wrap_token(token, width) == expected


@pytest.mark.parametrize("width", [24, 40, 60, 80, 100, 120, 200])
def test_grid_fits_the_width_and_keeps_every_word(width):
    rows = items()
    text, _ = render(ItemGrid(rows), width)
    assert max(len(line) for line in text.splitlines()) <= width
    words = set(text.split())
    for item in rows:
        for word in item.rec.text.split():
            assert word in words or width < 60, word  # cards and columns both keep whole words
        assert item.rec.id in text


def test_grid_at_80_columns_is_a_table_and_at_50_cards():
    wide, _ = render(ItemGrid(items()), 80)
    assert re.search(r"^ ID +Due date +left +RAG +Status +Text", wide, flags=re.MULTILINE)
    assert "Themes: domestic-abuse, record-keeping" in wide  # folded into the text column, labelled
    narrow, _ = render(ItemGrid(items()), 50)
    assert "NCP-1\n  Deadline: immediately  Due date: 2014-01-28\n  Days left: -182  RAG: Red" in narrow
    assert "  Themes: domestic-abuse, record-keeping" in narrow


def test_negative_days_are_red_only_on_a_colour_console():
    plain_text, plain = render(ItemGrid(items()), 120)
    assert "\x1b" not in plain and "-182" in plain_text
    _, coloured = render(ItemGrid(items()), 120, color=True)
    assert re.search(r"\x1b\[1;31m\s*-182\x1b\[0m", coloured) and re.search(r"\x1b\[1;31mRed\x1b\[0m", coloured)


def test_list_items_prints_a_title(monkeypatch):
    out = io.StringIO()
    selection = query.run(loading.load().dataset, query.Filters(), date(2014, 7, 29))
    monkeypatch.setenv("COLUMNS", "100")
    table.list_items(selection, out)
    assert out.getvalue().startswith("9 recommendations as of 2014-07-29\n")


@pytest.mark.parametrize("gap", ["  ", " | "])
@pytest.mark.parametrize("lead", ["", " "])
def test_plain_rows_lay_out_what_styled_lines_do(gap, lead):
    """The quick path without colour (`plain_rows`) gives the lines the styled path gives, for cells of
    any height, right-aligned columns, wide characters and empty cells; a row with no line gives none."""
    import random

    from hmic_cli.render.grid import plain_rows, styled_lines

    rng = random.Random(25)
    words = ["a", "bb", "ccc", "→", "日本", "", "x-y"]
    widths, rights = [4, 6, 3, 8], [False, True, False, False]
    rows = [[[" ".join(rng.choices(words, k=rng.randint(0, 2))) for _ in range(rng.randint(1, 4))]
             for _ in widths] for _ in range(300)]
    rows.append([[] for _ in widths])
    expected = []
    for row in rows:
        line = ""
        for segment in styled_lines(row, widths, [None] * len(widths), rights, gap, lead) if any(row) else ():
            line += segment.text
        expected.append(line)
    got = "".join(segment.text for segment in plain_rows(iter(rows), widths, rights, gap, lead))
    assert got == "".join(expected)
    assert got.count("\n") == sum(max(map(len, row)) for row in rows)
