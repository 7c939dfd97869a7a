"""Every terminal table at 60, 80, 120 and 200 columns: words and ids whole, colour only by RAG,
no trailing spaces, text progress bars without colour."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from rich.console import Console
from rich.segment import Segment

from hmic_cli import checking, logbook, overview, query
from hmic_cli.render import table
from hmic_cli.store import loading
from hmic_cli.vocabulary import Deadline, Policy, Status

WIDTHS = [60, 80, 120, 200]
AS_OF = "2014-07-10"
COMMANDS = [
    ["list", "--all"],
    ["show", "NCP-1"],
    ["show", "NCP-2"],
    ["check"],
    ["themes"],
    ["summary"],
    ["log"],
]


@pytest.fixture
def tracked(invoke, data_copy):
    """NCP-1 closed (late), NCP-2 in progress with evidence and a long owner name."""
    for step in (("update", "NCP-1", "--status", "complete", "--on", "2014-03-01"),
                 ("update", "NCP-2", "--status", "in-progress", "--on", "2014-04-01", "--note",
                  "Referrals from the multi-agency-safeguarding-hub audited weekly",
                  "--evidence", "minutes-2014-04-01", "--by", "Detective Superintendent"),
                 ("edit", "NCP-3", "--owner", "Head of public protection", "--on", "2014-04-02")):
        assert invoke("--data", data_copy, *step).exit_code == 0
    return data_copy


def vocabulary(path) -> set[str]:
    dataset = loading.load(path).dataset
    return ({r.id for r in dataset.recommendations} | {t.id for t in dataset.themes} | {d.value for d in Deadline}
            | {s.value for s in Status})


def assert_words_whole(text: str, words: set[str]) -> None:
    """No id or vocabulary word is cut: no token is a proper piece of one (`six-`, `domestic-ab`, `NCP-`).

    A token that ends where the word has a hyphen (`domestic` of `domestic-abuse`) is an ordinary word
    of the text, so only pieces that end inside a part of the word, or at its hyphen, count.
    """
    tokens = {t.strip(",.;:()[]'\"") for t in text.split()}
    for token in tokens:
        if len(token) < 3 or token in words:
            continue
        for word in words:
            if word.startswith(token) and (word[len(token)] != "-" or token.endswith("-")):
                pytest.fail(f"{word!r} cut: {token!r} stands alone in\n{text}")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_tables_keep_words_and_ids_whole(runner, tracked, command, width):
    from hmic_cli.cli import app

    result = runner.invoke(app, ["--data", str(tracked), *command, "--as-of", AS_OF],
                           env={"COLUMNS": str(width), "NO_COLOR": "1"})
    assert result.exit_code == (1 if command[0] == "check" else 0), result.stderr
    text = result.stdout
    assert "\x1b" not in text
    lines = text.splitlines()
    assert lines and all(not line.endswith(" ") for line in lines), "trailing spaces"
    if command[0] != "check":  # check's piped text is one line an item, never wrapped
        assert max(len(line) for line in lines) <= width
    assert_words_whole(text, vocabulary(tracked))
    ids_expected = {"list": range(1, 10), "check": range(2, 6), "log": range(1, 10)}.get(command[0], ())
    for n in ids_expected:
        assert re.search(rf"(^|\s)NCP-{n}(\s|$)", text, flags=re.MULTILINE), f"NCP-{n} missing or cut"
    if command[0] == "themes":
        for theme in loading.load(tracked).dataset.themes:
            assert re.search(rf"(^|\s){re.escape(theme.id)}(\s|$)", text, flags=re.MULTILINE), theme.id
    if command[0] == "list":
        assert len(re.findall(r"(^|\s)within\s+six\s+months(\s|$)", text, flags=re.MULTILINE)) == 4  # in words
        assert len(re.findall(r"(^|\s)immediately(\s|$)", text, flags=re.MULTILINE)) == 5


def styled_lines(renderable, width: int) -> list[list[Segment]]:
    console = Console(file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor",
                      highlight=False, markup=False)
    return list(Segment.split_lines(console.render(renderable, console.options.update_width(width))))


def colours_by_item(lines: list[list[Segment]], ids: list[str]) -> dict[str, set[str]]:
    """The colours used on each item's lines (an item's lines run from its id to the next id)."""
    found: dict[str, set[str]] = {}
    current = None
    for line in lines:
        text = "".join(s.text for s in line)
        first = text.split()[0] if text.split() else ""
        if first in ids:
            current = first
        if current:
            found.setdefault(current, set()).update(
                s.style.color.name for s in line if s.style is not None and s.style.color is not None)
    return found


def items(path):
    return query.run(loading.load(path).dataset, query.Filters(statuses=tuple(Status)),
                     date.fromisoformat(AS_OF)).items


@pytest.mark.parametrize("width", WIDTHS)
def test_colour_only_by_rag_and_closed_items_never_red(tracked, width):
    selected = items(tracked)
    ids = [i.rec.id for i in selected]
    colours = colours_by_item(styled_lines(table.item_grid(selected), width), ids)
    assert colours.get("NCP-1", set()) == set()  # closed (late): neither red nor green (green is "due later")
    for overdue in ("NCP-2", "NCP-3", "NCP-4", "NCP-5"):
        assert "red" in colours[overdue]
    for amber in ("NCP-6", "NCP-7", "NCP-8", "NCP-9"):
        assert colours[amber] & {"yellow"} and "red" not in colours[amber]


def recorded(width: int, render, *args) -> tuple[str, str]:
    """What `render(*args, out)` prints on a colour terminal `width` wide: (text, raw with colour codes)."""
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system="truecolor", record=True)
    original = table.console
    try:
        table.console = lambda _out: console
        render(*args, out)
    finally:
        table.console = original
    return console.export_text(styles=False), out.getvalue()


@pytest.mark.parametrize("width", WIDTHS)
def test_check_and_show_on_a_colour_terminal(tracked, width):
    dataset = loading.load(tracked).dataset
    verdict = checking.check(dataset, query.Filters(statuses=tuple(Status)), date.fromisoformat(AS_OF),
                             Policy.overdue)
    by_id = {i.rec.id: i for i in items(tracked)}
    for render, args in ((table.check, (verdict,)), (table.show_item, (query.Detail(by_id["NCP-1"], {}),)),
                         (table.show_item, (query.Detail(by_id["NCP-2"], {}),))):
        text, raw = recorded(width, render, *args)
        assert max(len(line) for line in text.splitlines()) <= width
        assert_words_whole(text, vocabulary(tracked))
        if render is table.check:
            assert all(f"NCP-{n}" in text for n in range(2, 6)) and "NCP-1" not in text
    _, closed = recorded(width, table.show_item, query.Detail(by_id["NCP-1"], {}))
    _, overdue = recorded(width, table.show_item, query.Detail(by_id["NCP-2"], {}))
    red = re.compile(r"\x1b\[[0-9;]*\b31m")
    assert not red.search(closed) and red.search(overdue)


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm"}])
def test_progress_bars_stay_text_with_or_without_colour(runner, tracked, env):
    from hmic_cli.cli import app

    result = runner.invoke(app, ["--data", str(tracked), "summary", "--as-of", AS_OF], env={"COLUMNS": "80", **env})
    assert result.exit_code == 0
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert re.search(r"█+░+ +\d+%", plain), plain
    assert ("\x1b[" in result.stdout) is ("FORCE_COLOR" in env and env["FORCE_COLOR"] == "1")
    assert all(not line.endswith(" ") for line in result.stdout.splitlines())


def test_grid_cards_when_columns_cannot_fit_and_no_empty_columns():
    from hmic_cli.render.grid import Column, Grid

    grid = Grid([Column("Name", wrap=True), Column("Id"), Column("Note", wrap=True)],
                      [["Alpha beta", "information-sharing-and-more-than-that", ""]])
    wide = "".join(s.text for line in styled_lines(grid, 80) for s in line if s.text)
    assert "Note" not in wide and "information-sharing-and-more-than-that" in wide
    narrow = ["".join(s.text for s in line) for line in styled_lines(grid, 30)]
    assert narrow[0] == "Alpha beta" and any("Id:" in line for line in narrow)


def test_log_and_summary_render_many_rows_quickly(tracked):
    """Hand layout: thousands of rows in well under a second (Rich's Table took ~1 ms a row)."""
    import time

    dataset = loading.load(tracked).dataset
    every = query.Filters(statuses=tuple(Status))
    moved = logbook.log(dataset, every, None, None, date.fromisoformat(AS_OF))
    moved.movements = moved.movements * 300
    started = time.perf_counter()
    table.log(moved, io.StringIO())
    table.summary(overview.summarise(dataset, date.fromisoformat(AS_OF), every), io.StringIO())
    assert time.perf_counter() - started < 5
