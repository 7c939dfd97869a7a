"""Building a tracker (init --empty, import, add, edit, waive, report add, theme add) and the gate's
warnings and waivers, through the CLI; every refusal leaves the file's bytes unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import HMIC, JUNIT_XSD

NEWS = Path(__file__).resolve().parent / "import_samples" / "fenmoor-news.txt"  # written for the tests

NCP = ["--data"]


def ids(result) -> list[str]:
    return [r["id"] for r in json.loads(result.stdout)["recommendations"]]


@pytest.fixture
def empty(invoke, tmp_path):
    path = tmp_path / "t.json"
    assert invoke("init", "--empty", path).exit_code == 0
    return path


def test_import_of_a_news_report_finds_the_nine_and_is_idempotent(invoke, empty):
    args = ["import", NEWS, "--published", "2014-01-28", "--title", "Revisit", "--force", "Northamptonshire Police",
            "--report", "ncp-2014", "--prefix", "NCP", "--into", empty, "--format", "json"]
    first = invoke(*args)
    assert first.exit_code == 0, first.stderr
    doc = json.loads(first.stdout)
    assert doc["count"] == 9
    assert [r["deadline"] for r in doc["recommendations"]] == ["immediate"] * 5 + ["six-months"] * 4
    assert {r["due_date"] for r in doc["recommendations"][5:]} == {"2014-07-28"}
    before = empty.read_bytes()
    again = invoke(*args)
    assert again.exit_code == 0 and "Nothing to add" in again.stderr
    assert empty.read_bytes() == before
    listed = invoke("--data", empty, "list", "--due", "six-months", "--format", "json")
    assert ids(listed) == ["NCP-6", "NCP-7", "NCP-8", "NCP-9"]
    assert invoke("validate", empty).exit_code == 0


def test_import_of_a_text_with_nothing_to_find_is_exit_3(invoke, tmp_path, empty):
    source = tmp_path / "nothing.txt"
    source.write_text("The weather in the county was mild all week.\n\nNobody said anything of note.\n")
    result = invoke("import", source, "--published", "2020-01-01", "--into", empty)
    assert result.exit_code == 3 and "no recommendations" in result.stderr


def test_add_edit_waive_report_and_theme(invoke, empty):
    assert invoke("--data", empty, "report", "add", "--id", "kent-custody-2025", "--title", "Custody",
                  "--force", "Kent Police", "--published", "2025-04-04").exit_code == 0
    assert invoke("--data", empty, "theme", "add", "detention", "--label", "Detention").exit_code == 0
    added = invoke("--data", empty, "add", "--report", "kent-custody-2025", "--text", "Review cell checks.",
                   "--deadline", "six-months", "--theme", "detention", "--owner", "Ch Insp A", "--on", "2025-04-05")
    assert added.exit_code == 0, added.stderr
    assert "KC-1" in added.stderr
    revised = invoke("--data", empty, "edit", "KC-1", "--due", "2025-12-31", "--reason", "agreed at the board",
                     "--on", "2025-05-01")
    assert revised.exit_code == 0, revised.stderr
    item = json.loads(invoke("--data", empty, "list", "--as-of", "2025-06-01", "--format", "json").stdout)[
        "recommendations"][0]
    assert item["due_date"] == "2025-12-31" and item["original_due_date"] == "2025-10-04"
    assert item["owner"] == "Ch Insp A" and item["status"] == "open"
    assert item["history"][-1]["edit"] == {"field": "due", "from": "2025-10-04", "to": "2025-12-31"}
    assert "agreed at the board" in item["history"][-1]["note"]
    assert invoke("--data", empty, "validate").exit_code == 0


@pytest.mark.parametrize("args", [
    ["edit", "NCP-1"],  # a no-op
    ["edit", "NCP-404", "--owner", "x"],  # unknown id
    ["edit", "NCP-1", "--due", "2014-09-01"],  # a revision without a reason
    ["edit", "NCP-1", "--add-theme", "no-such-theme"],
    ["add", "--report", "no-such-report", "--text", "x", "--deadline", "immediate", "--theme", "custody"],
    ["add", "--report", "northamptonshire-child-protection-2014", "--text", "x", "--deadline", "by-date",
     "--theme", "custody"],
    ["add", "--report", "northamptonshire-child-protection-2014", "--text", "x", "--deadline", "immediate",
     "--theme", "custody", "--due", "2014-02-30"],
    ["waive", "NCP-1", "--until", "2014-12-31"],  # no reason
    ["update", "NCP-1", "--status", "open"],  # a no-op
])
def test_refusals_are_exit_2_and_leave_the_bytes(invoke, data_copy, args):
    before = data_copy.read_bytes()
    result = invoke("--data", data_copy, *args)
    assert result.exit_code == 2, result.output
    assert data_copy.read_bytes() == before


def test_warnings_and_waivers_in_github_format(invoke, data_copy):
    result = invoke("--data", data_copy, "check", "--as-of", "2014-07-10", "--warn-within", "30", "--format", "github")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert sum(line.startswith("::error ") for line in lines) == 5
    assert sum(line.startswith("::warning ") for line in lines) == 4
    assert invoke("--data", data_copy, "waive", "NCP-1", "--until", "2014-12-31", "--reason", "board agreed",
                  "--on", "2014-05-01").exit_code == 0
    june = json.loads(invoke("--data", data_copy, "check", "--as-of", "2014-06-01", "--format", "json").stdout)
    assert len(june["failing"]) == 4 and [w["id"] for w in june["waived"]] == ["NCP-1"]
    january = json.loads(invoke("--data", data_copy, "check", "--as-of", "2015-01-02", "--format", "json").stdout)
    assert len(january["failing"]) == 9
    assert next(f for f in january["failing"] if f["id"] == "NCP-1")["waiver_state"] == "expired"


def test_rag_due_within_completed_on_and_late(invoke, data_copy):
    assert invoke("--data", data_copy, "update", "NCP-1", "--status", "complete", "--on", "2014-03-01").exit_code == 0
    window = invoke("--data", data_copy, "list", "--as-of", "2014-07-10", "--due-within", "30d", "--format", "json")
    assert ids(window) == ["NCP-6", "NCP-7", "NCP-8", "NCP-9"]
    every = {r["id"]: r for r in json.loads(invoke("--data", data_copy, "list", "--all", "--as-of", "2014-07-10",
                                                   "--format", "json").stdout)["recommendations"]}
    assert every["NCP-2"]["rag"] == "red" and every["NCP-6"]["rag"] == "amber"
    assert every["NCP-1"]["rag"] == "closed"
    assert every["NCP-1"]["completed_on"] == "2014-03-01" and every["NCP-1"]["late"] is True


def test_junit_names_are_ids_and_survive_a_text_edit(invoke, data_copy):
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    first = invoke("--data", data_copy, "check", "--as-of", "2014-07-10", "--format", "junit").stdout
    invoke("--data", data_copy, "edit", "NCP-2", "--text", "A different wording.", "--on", "2014-03-01")
    second = invoke("--data", data_copy, "check", "--as-of", "2014-07-10", "--format", "junit").stdout
    names = [etree.fromstring(x.encode()).xpath("//testcase/@name") for x in (first, second)]
    assert names[0] == names[1] and "NCP-2" in names[0]
    assert schema.validate(etree.fromstring(second.encode())), schema.error_log


def test_ics_events_have_stable_uids(invoke):
    from icalendar import Calendar

    runs = [invoke("list", "--format", "ics", "--as-of", "2014-02-01").stdout_bytes for _ in range(2)]
    events = [c for c in Calendar.from_ical(runs[0]).walk("VEVENT")]
    assert len(events) == 9
    uids = [str(e["uid"]) for e in events]
    assert uids == [str(e["uid"]) for e in Calendar.from_ical(runs[1]).walk("VEVENT")]
    assert str(events[0]["dtstart"].dt) == "2014-01-28"


def test_theme_ids_complete_from_the_data_file():
    import os
    import subprocess

    hmic = HMIC
    env = dict(os.environ, _HMIC_COMPLETE="complete_bash", COMP_WORDS="hmic list --theme ", COMP_CWORD="3")
    env.pop("HMIC_DATA", None)
    out = subprocess.run([hmic], env=env, capture_output=True, text=True, timeout=60).stdout
    assert "missing-children" in out and "custody" in out


@pytest.mark.parametrize(("until", "warned"), [("2014-04-30", True), ("2014-05-01", False), ("2014-12-31", False)])
def test_a_waiver_until_a_day_already_past_is_recorded_with_a_warning(invoke, data_copy, until, warned):
    """CONTRACT: `waive --until` already past is recorded, with a warning on stderr (not the last day itself)."""
    result = invoke("--data", data_copy, "waive", "NCP-1", "--until", until, "--reason", "board agreed",
                    "--on", "2014-05-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert ("hmic: warning: " in result.stderr and f"{until} is already past" in result.stderr) == warned, result.stderr
    recorded = json.loads(data_copy.read_text(encoding="utf-8"))["recommendations"][0]
    assert recorded["id"] == "NCP-1" and recorded["waiver"]["until"] == until


def test_a_deadline_that_moves_the_due_date_is_a_revision(invoke, data_copy):
    """NCP-6 is due six months from publication (2014-07-28): a new deadline class moves that date, so it
    is recorded as a revision (--due and --reason) or the date is kept; never moved as a side effect."""
    before = data_copy.read_bytes()
    moved = invoke("--data", data_copy, "edit", "NCP-6", "--deadline", "twelve-months", "--on", "2014-03-01")
    assert moved.exit_code == 2 and "would move NCP-6's due date from 2014-07-28 to 2015-01-28" in moved.stderr
    assert data_copy.read_bytes() == before
    revised = invoke("--data", data_copy, "edit", "NCP-6", "--deadline", "twelve-months", "--due", "2015-01-28",
                     "--reason", "Agreed at the board.", "--on", "2014-03-01")
    assert revised.exit_code == 0, revised.stderr
    rec = json.loads(data_copy.read_text())["recommendations"][5]
    assert (rec["deadline"], rec["due"]) == ("twelve-months", "2015-01-28")
    assert rec["due_revisions"][-1]["previous"] == "2014-07-28"
    kept = invoke("--data", data_copy, "edit", "NCP-7", "--deadline", "immediate", "--due", "2014-07-28",
                  "--on", "2014-03-01")
    assert kept.exit_code == 0, kept.stderr
    rec = json.loads(data_copy.read_text())["recommendations"][6]
    assert (rec["deadline"], rec["due"], rec.get("due_revisions")) == ("immediate", "2014-07-28", None)
