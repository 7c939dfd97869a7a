"""`hmic list` through the CLI, read back with real parsers."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import flat

SIX_MONTHS_DUE = "2014-07-28"  # 2014-01-28 + six calendar months


def ids(result) -> list[str]:
    return [r["id"] for r in json.loads(result.stdout)["recommendations"]]


def test_six_months_json_lists_four_with_due_dates_six_calendar_months_on(invoke):
    result = invoke("list", "--due", "six-months", "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["count"] == 4
    assert ids(result) == ["NCP-6", "NCP-7", "NCP-8", "NCP-9"]
    assert {r["due_date"] for r in doc["recommendations"]} == {SIX_MONTHS_DUE}
    assert doc["filters"]["due"] == ["six-months"]
    for rec in doc["recommendations"]:
        assert set(rec) >= {"id", "text", "deadline", "due_date", "days_left", "overdue", "outstanding"}


def test_six_months_table_shows_the_four_items(invoke):
    result = invoke("list", "--due", "six-months")
    assert result.exit_code == 0
    for rec_id in ("NCP-6", "NCP-7", "NCP-8", "NCP-9"):
        assert rec_id in result.stdout
    assert "NCP-1" not in result.stdout
    assert "\x1b[" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 120


def test_table_never_cuts_the_text(invoke):
    result = invoke("list", "--all", "--as-of", "2014-03-01")
    words = " ".join(result.stdout.split())
    assert "consider the welfare of children involved." in words


@pytest.mark.parametrize(("args", "expected"), [
    (["--theme", "missing-children"], ["NCP-6", "NCP-7"]),
    (["--due", "six-months", "--theme", "multi-agency"], ["NCP-8"]),
    (["--theme", "custody", "--theme", "training"], ["NCP-4", "NCP-9"]),
    (["--due", "immediate", "--due", "six-months"], [f"NCP-{i}" for i in range(1, 10)]),
    (["--all"], [f"NCP-{i}" for i in range(1, 10)]),
    (["--overdue", "--as-of", "2014-07-29"], [f"NCP-{i}" for i in range(1, 10)]),
    (["--overdue", "--as-of", "2014-07-28"], [f"NCP-{i}" for i in range(1, 6)]),
    (["--due-before", "2014-02-01"], [f"NCP-{i}" for i in range(1, 6)]),
    (["--status", "complete"], []),
    (["--type", "recommendation", "--report", "northamptonshire-child-protection-2014", "--theme",
      "custody"], ["NCP-9"]),
    (["--type", "cause-of-concern"], []),
])
def test_filters(invoke, args, expected):
    result = invoke("list", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert sorted(ids(result), key=lambda i: int(i.split("-")[1])) == expected


def test_days_left_and_overdue_are_derived_from_as_of(invoke):
    doc = json.loads(invoke("list", "--as-of", "2014-07-30", "--format", "json", "--sort", "id").stdout)
    first, sixth = doc["recommendations"][0], doc["recommendations"][5]
    assert (first["days_left"], first["overdue"]) == (-183, True)
    assert (sixth["days_left"], sixth["overdue"]) == (-2, True)
    assert doc["as_of"] == "2014-07-30"


def test_sort_by_id_is_natural_and_due_is_soonest_first(invoke):
    assert ids(invoke("list", "--sort", "id", "-f", "json")) == [f"NCP-{i}" for i in range(1, 10)]
    dues = [r["due_date"] for r in json.loads(invoke("list", "-f", "json").stdout)["recommendations"]]
    assert dues == sorted(dues)


def test_csv_reads_back(invoke):
    result = invoke("list", "--all", "--format", "csv", "--as-of", "2014-07-29")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 9
    assert rows[0]["id"] == "NCP-1" and rows[0]["due_date"] == "2014-01-28"
    assert rows[0]["days_left"] == "-182"  # a plain number stays a number
    assert rows[5]["themes"] == "missing-children;information-sharing"


def test_markdown_is_a_pipe_table(invoke):
    lines = invoke("list", "--due", "six-months", "--format", "markdown").stdout.splitlines()
    assert lines[0].startswith("| ID | RAG | Deadline | Due date |")
    assert lines[1].startswith("|---|")
    assert len(lines) == 2 + 4
    assert all(line.count(" | ") == 8 for line in lines[2:])


def test_output_file_gets_the_result_and_stdout_stays_empty(invoke, tmp_path):
    target = tmp_path / "out.json"
    result = invoke("list", "--format", "json", "--output", target)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text())["count"] == 9


def test_empty_result_says_so_on_stderr_and_exits_0(invoke):
    result = invoke("list", "--status", "complete", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["recommendations"] == []
    assert "No recommendations match" in result.stderr
    table = invoke("list", "--status", "complete")
    assert table.exit_code == 0 and table.stdout == ""
    assert "No recommendations match" in table.stderr


@pytest.mark.parametrize(("args", "fragment"), [
    (["--theme", "nope"], "valid theme ids: domestic-abuse"),
    (["--report", "nope"], "valid report ids: northamptonshire-child-protection-2014"),
    (["--due", "soon"], "six-months"),
    (["--status", "done"], "in-progress"),
    (["--as-of", "2014-02-30"], "not a date"),
    (["--due-before", "someday"], "not a date"),
    (["--sort", "colour"], "due"),
    (["--format", "xml"], "markdown"),
    (["--bogus"], "No such option"),
])
def test_usage_errors_exit_2_and_name_the_valid_values(invoke, args, fragment):
    result = invoke("list", *args)
    assert result.exit_code == 2
    assert fragment in flat(result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_data_option_and_env_var_select_the_file(invoke, runner, data_copy, bundled):
    bundled["recommendations"] = bundled["recommendations"][:2]
    data_copy.write_text(__import__("json").dumps(bundled))
    assert invoke("--data", data_copy, "list", "-f", "json").stdout.count('"id": "NCP-') == 2
    from hmic_cli.cli import app

    result = runner.invoke(app, ["list", "-f", "json"], env={"HMIC_DATA": str(data_copy)})
    assert json.loads(result.stdout)["count"] == 2


def test_an_output_file_that_cannot_be_written_is_exit_3(invoke, tmp_path):
    result = invoke("list", "--format", "json", "--output", tmp_path / "no-such-folder" / "out.json")
    assert result.exit_code == 3
    assert "cannot write in" in result.stderr and "nothing was written" in result.stderr
    assert result.stdout == ""
