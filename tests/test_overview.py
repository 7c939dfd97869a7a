"""`hmic themes`, `summary` and `log`: numbers checked against counts made here independently."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import pytest
from rich.console import Console

from hmic_cli.store.loading import bundled_path
from hmic_cli.vocabulary import DEADLINE_WORDS

AFTER_SIX_MONTHS = "2014-07-29"


def test_summary_on_the_bundled_data_after_six_months(invoke):
    doc = json.loads(invoke("summary", "--as-of", AFTER_SIX_MONTHS, "--format", "json").stdout)
    assert doc["overall"]["percent_complete"] == 0
    assert doc["overall"]["overdue"] == 9 and len(doc["overdue"]) == 9
    assert doc["by_status"]["open"] == 9
    assert [(d["id"], d["total"]) for d in doc["by_deadline"]] == [("immediate", 5), ("six-months", 4)]
    assert doc["reports"][0]["id"] == "northamptonshire-child-protection-2014"


def record_two_complete(invoke, data_copy):
    for rec_id, on in (("NCP-2", "2014-03-01"), ("NCP-6", "2014-05-01")):
        result = invoke("--data", data_copy, "update", rec_id, "--status", "complete", "--on", on,
                        "--note", f"{rec_id} done", "--evidence", f"report-{rec_id}")
        assert result.exit_code == 0, result.stderr


def expected_progress(path) -> tuple[dict, dict, int]:
    """Complete % by deadline and by theme label, counted straight from the file."""
    doc = json.loads(path.read_text())
    labels = {t["id"]: t["label"] for t in doc["themes"]}
    totals, done = Counter(), Counter()
    for rec in doc["recommendations"]:
        for key in [rec["deadline"], *(labels[t] for t in rec["themes"])]:
            totals[key] += 1
            done[key] += rec["status"] == "complete"
    complete = sum(r["status"] == "complete" for r in doc["recommendations"])
    return ({k: round(100 * done[k] / totals[k]) for k in totals}, totals,
            round(100 * complete / len(doc["recommendations"])))


def test_percentages_and_bars_move_when_items_are_completed(invoke, data_copy):
    record_two_complete(invoke, data_copy)
    percents, totals, overall = expected_progress(data_copy)
    assert overall == 22  # 2 of 9
    doc = json.loads(invoke("--data", data_copy, "summary", "--as-of", AFTER_SIX_MONTHS, "-f", "json").stdout)
    assert doc["overall"]["percent_complete"] == overall
    assert doc["overall"]["overdue"] == 7
    got = {p["id"]: p["percent_complete"] for p in doc["by_deadline"]}
    got |= {p["label"]: p["percent_complete"] for p in doc["by_theme"]}
    assert got == percents
    markdown = invoke("--data", data_copy, "summary", "--as-of", AFTER_SIX_MONTHS, "-f", "markdown").stdout
    for label, percent in percents.items():
        filled = round(percent / 5)
        bar = "█" * filled + "░" * (20 - filled) + f" {percent:3d}%"
        said = DEADLINE_WORDS.get(label, label)  # deadline classes in words, theme labels as they are
        assert f"| {said} | {totals[label]} |" in markdown and bar in markdown, label
    assert f"**{overall}% complete**" in markdown


def test_themes_counts(invoke, data_copy):
    record_two_complete(invoke, data_copy)
    doc = json.loads(invoke("--data", data_copy, "themes", "--as-of", AFTER_SIX_MONTHS, "-f", "json").stdout)
    rows = {t["id"]: t for t in doc["themes"]}
    assert len(rows) == 9
    assert (rows["multi-agency"]["total"], rows["multi-agency"]["outstanding"]) == (3, 2)
    assert (rows["information-sharing"]["outstanding"], rows["information-sharing"]["overdue"]) == (0, 0)
    assert rows["custody"]["overdue"] == 1
    before = json.loads(invoke("themes", "--as-of", "2014-01-01", "-f", "json").stdout)
    assert all(t["overdue"] == 0 for t in before["themes"])
    table = invoke("--data", data_copy, "themes", "--as-of", AFTER_SIX_MONTHS).stdout
    assert "Multi-agency working" in table and "information-sharing" in table


@pytest.fixture
def logged(invoke, data_copy):
    for rec_id, status, on in (("NCP-1", "in-progress", "2014-02-01"), ("NCP-1", "complete", "2014-02-28"),
                               ("NCP-5", "in-progress", "2014-02-14"), ("NCP-9", "awaiting-sign-off", "2014-03-01"),
                               ("NCP-3", "in-progress", "2014-01-31")):
        assert invoke("--data", data_copy, "update", rec_id, "--status", status, "--on", on,
                      "--note", f"{rec_id} {status}", "--by", "Lead").exit_code == 0
    return data_copy


EXPECTED_FEB = [("2014-02-28", "NCP-1", "in-progress", "complete"), ("2014-02-14", "NCP-5", "open", "in-progress"),
                ("2014-02-01", "NCP-1", "open", "in-progress")]


def test_log_period_boundaries_included_newest_first_in_every_format(invoke, logged):
    args = ["--data", logged, "log", "--since", "2014-02-01", "--until", "2014-02-28"]
    doc = json.loads(invoke(*args, "-f", "json").stdout)
    assert [(c["on"], c["id"], c["from"], c["to"]) for c in doc["changes"]] == EXPECTED_FEB
    assert doc["changes"][0]["note"] == "NCP-1 complete" and doc["changes"][0]["by"] == "Lead"
    rows = list(csv.DictReader(io.StringIO(invoke(*args, "-f", "csv").stdout)))
    assert [(r["on"], r["id"], r["from"], r["to"]) for r in rows] == EXPECTED_FEB
    markdown = invoke(*args, "-f", "markdown").stdout.splitlines()[2:]
    assert [line.split(" | ")[1] for line in markdown] == [e[1] for e in EXPECTED_FEB]
    assert "| in-progress → complete |" in markdown[0]
    table = invoke(*args).stdout
    positions = [re.search(rf"{on} +{rec_id}\b", table).start() for on, rec_id, _, _ in EXPECTED_FEB]
    assert positions == sorted(positions)
    assert "2014-01-31" not in table and "2014-03-01" not in table


def test_log_filters_and_open_ended_periods(invoke, logged):
    args = ["--data", logged, "log", "--since", "2014-02-01", "--theme", "custody", "-f", "json"]
    doc = json.loads(invoke(*args).stdout)
    assert [(c["id"], c["to"]) for c in doc["changes"]] == [("NCP-9", "awaiting-sign-off")]
    everything = json.loads(invoke("--data", logged, "log", "-f", "json").stdout)
    assert everything["count"] == 9 + 5  # the nine "made in the report" entries too
    empty = invoke("--data", logged, "log", "--since", "2015-01-01")
    assert empty.exit_code == 0 and empty.stdout == "" and "No history entries" in empty.stderr
    backwards = invoke("--data", logged, "log", "--since", "2014-03-01", "--until", "2014-02-01")
    assert backwards.exit_code == 2


@pytest.mark.parametrize("width", [80, 120])
def test_summary_terminal_rendering_fits_the_width_and_shows_every_theme(monkeypatch, width, data_copy, invoke):
    """A recorded Rich console of fixed width, as a colour terminal would see it."""
    from hmic_cli import overview, query
    from hmic_cli.dates import parse_day
    from hmic_cli.render import table
    from hmic_cli.store import loading

    record_two_complete(invoke, data_copy)
    recorded = Console(width=width, record=True, force_terminal=True, color_system="truecolor",
                       file=io.StringIO())
    monkeypatch.setattr(table, "console", lambda out: recorded)
    dataset = loading.load(data_copy).dataset
    every = query.Filters(statuses=tuple(query.Status))
    table.summary(overview.summarise(dataset, parse_day(AFTER_SIX_MONTHS), every), recorded.file)
    text = recorded.export_text(styles=False)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    for theme in dataset.themes:
        assert theme.label in text
    assert "22% complete (2 of 9)" in text
    assert "\x1b[" in recorded.file.getvalue()  # the colour path (Rich progress bars) was rendered


COMMANDS = {
    "list": ["table", "json", "csv", "markdown"],
    "themes": ["table", "json", "markdown"],
    "summary": ["table", "json", "markdown"],
    "log": ["table", "json", "csv", "markdown"],
    "check": ["text", "json", "junit", "github", "markdown"],
    "show NCP-1": ["table", "json"],
}


@pytest.mark.parametrize(("command", "fmt"), [(c, f) for c, fs in COMMANDS.items() for f in fs])
@pytest.mark.parametrize("width", ["40", "200"])
def test_every_command_and_format_runs_on_tracked_data(runner, logged, command, fmt, width):
    from hmic_cli.cli import app

    args = ["--data", str(logged), *command.split(), "--format", fmt, "--as-of", AFTER_SIX_MONTHS]
    result = runner.invoke(app, args, env={"COLUMNS": width})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == (1 if command == "check" else 0), result.stderr
    assert result.stdout.strip()
    assert bundled_path().exists()
