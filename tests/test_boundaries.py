"""Boundary days, from hand-made trackers: each test pins a rule on the day it changes, and on the
day either side, so that an off-by-one (`<=` made `<`) or a rule lost in one path fails here.

The trackers are built here item by item (due dates given explicitly with `by-date`), so the
expected values are read off the fixture, never off hmic's own output."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

AS_OF = date(2024, 6, 1)


def day(offset: int) -> str:
    """The as-of day moved by `offset` days, as ISO text."""
    return (AS_OF + timedelta(days=offset)).isoformat()


def rec(rec_id: str, due: str | None, status: str = "open", **extra) -> dict:
    entry = {"id": rec_id, "report": "r", "text": f"Item {rec_id}.",
             "deadline": "by-date" if due else "none", "themes": ["t"], "status": status,
             "history": [{"on": "2024-01-01", "status": "open", "note": "Recorded."}]}
    if due:
        entry["due"] = due
    if status != "open":
        entry["history"].append({"on": "2024-01-02", "status": status, "note": "Moved."})
    return entry | extra


def tracker(*recs: dict) -> dict:
    return {"schema_version": 1,
            "reports": [{"id": "r", "title": "A report", "inspectorate": "HMIC", "force": "A Police",
                         "published": "2024-01-01", "source": "made by hand for a test"}],
            "themes": [{"id": "t", "label": "A theme", "description": ""}],
            "recommendations": list(recs)}


@pytest.fixture
def hmic(invoke, write_data):
    """Run hmic on a hand-made tracker: `hmic(tracker(...), "check", ...)`."""
    def run(document: dict, *args: str):
        return invoke("--data", write_data(document), *args)

    return run


def by_id(rows: list[dict], key: str = "id") -> dict[str, dict]:
    return {row[key]: row for row in rows}


# --- amber: outstanding and due within the amber window (`--amber-days`, default 30), edge included ---

def test_amber_window_includes_its_last_day(hmic):
    doc = tracker(rec("EDGE", day(30)), rec("PAST-EDGE", day(31)), rec("TODAY", day(0)), rec("LATE", day(-1)),
                  rec("NODUE", None))
    result = hmic(doc, "list", "--as-of", AS_OF.isoformat(), "--format", "json")
    assert result.exit_code == 0, result.stderr
    rag = {r["id"]: (r["days_left"], r["rag"]) for r in json.loads(result.stdout)["recommendations"]}
    assert rag == {"EDGE": (30, "amber"), "PAST-EDGE": (31, "green"), "TODAY": (0, "amber"), "LATE": (-1, "red"),
                   "NODUE": (None, "green")}


def test_amber_edge_follows_amber_days(hmic):
    doc = tracker(rec("EDGE", day(7)), rec("PAST-EDGE", day(8)))
    result = hmic(doc, "list", "--as-of", AS_OF.isoformat(), "--amber-days", "7", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = result.stdout.splitlines()
    header = rows[0].split(",")
    rag = {line.split(",")[0]: line.split(",")[header.index("rag")] for line in rows[1:]}
    assert rag == {"EDGE": "amber", "PAST-EDGE": "green"}


def test_summary_counts_the_amber_edge_day_as_amber(hmic):
    doc = tracker(rec("EDGE", day(30)), rec("PAST-EDGE", day(31)))
    result = hmic(doc, "summary", "--as-of", AS_OF.isoformat(), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["by_rag"] == {"red": 0, "amber": 1, "green": 1, "closed": 0}


# --- waivers: the item passes up to and including the waiver's `until`, and fails the day after ---

def waived_tracker() -> dict:
    waiver = {"until": AS_OF.isoformat(), "reason": "Agreed with HMICFRS", "by": "Chief Constable"}
    return tracker(rec("W", day(-10), waiver=waiver), rec("OK", day(100)))


def test_a_waiver_holds_on_its_last_day(hmic):
    result = hmic(waived_tracker(), "check", "--as-of", AS_OF.isoformat(), "--format", "json")
    assert result.exit_code == 0, result.stdout
    doc = json.loads(result.stdout)
    assert doc["verdict"] == "pass"
    assert [r["id"] for r in doc["waived"]] == ["W"] and doc["failing"] == []
    assert doc["waived"][0]["waiver_state"] == "active"


def test_a_waiver_has_run_out_the_day_after(hmic):
    result = hmic(waived_tracker(), "check", "--as-of", day(1), "--format", "json")
    assert result.exit_code == 1, result.stdout
    doc = json.loads(result.stdout)
    assert [r["id"] for r in doc["failing"]] == ["W"] and doc["waived"] == []
    assert doc["failing"][0]["waiver_state"] == "expired"


@pytest.mark.parametrize(("as_of", "code"), [(day(0), 0), (day(1), 1)])
def test_junit_skips_a_waived_item_until_the_last_day_only(hmic, as_of, code):
    from lxml import etree

    result = hmic(waived_tracker(), "check", "--as-of", as_of, "--format", "junit")
    assert result.exit_code == code
    case = etree.fromstring(result.stdout.encode()).find(".//testcase[@name='W']")
    assert [child.tag for child in case] == (["skipped"] if code == 0 else ["failure"])


# --- --warn-within DAYS: outstanding items due from the as-of day to DAYS later, both included ---

def warn_tracker() -> dict:
    return tracker(rec("EDGE", day(7)), rec("PAST-EDGE", day(8)), rec("TODAY", day(0)),
                   rec("DONE", day(3), status="complete"), rec("NODUE", None))


def test_warn_within_includes_its_last_day(hmic):
    result = hmic(warn_tracker(), "check", "--as-of", AS_OF.isoformat(), "--warn-within", "7", "--format", "json")
    doc = json.loads(result.stdout)
    assert [r["id"] for r in doc["warnings"]] == ["TODAY", "EDGE"]
    assert doc["counts"]["warnings"] == 2 and doc["failing"] == []


def test_warn_within_the_edge_day_in_github_and_text(hmic):
    github = hmic(warn_tracker(), "check", "--as-of", AS_OF.isoformat(), "--warn-within", "7", "--format", "github")
    warned = [line.split("title=")[1].split()[0] for line in github.stdout.splitlines()
              if line.startswith("::warning")]
    assert warned == ["TODAY", "EDGE"]
    text = hmic(warn_tracker(), "check", "--as-of", AS_OF.isoformat(), "--warn-within", "7")
    assert [line.split()[1] for line in text.stdout.splitlines() if line.startswith("  warning:")] == ["TODAY", "EDGE"]


def test_warn_within_zero_warns_of_today_only(hmic):
    result = hmic(warn_tracker(), "check", "--as-of", AS_OF.isoformat(), "--warn-within", "0", "--format", "json")
    assert [r["id"] for r in json.loads(result.stdout)["warnings"]] == ["TODAY"]


# --- check's exit code: warnings alone never fail the gate ---

@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "markdown"])
def test_warnings_alone_exit_0_in_every_format(hmic, fmt):
    result = hmic(warn_tracker(), "check", "--as-of", AS_OF.isoformat(), "--warn-within", "30", "--format", fmt)
    assert result.exit_code == 0, (fmt, result.stdout, result.stderr)
    assert "PASS: 0 of 5 recommendations overdue; 3 due within 30 days" in result.stdout + result.stderr


def test_a_failure_beside_warnings_exits_1(hmic):
    doc = warn_tracker()
    doc["recommendations"].append(rec("LATE", day(-1)))
    result = hmic(doc, "check", "--as-of", AS_OF.isoformat(), "--warn-within", "30", "--format", "json")
    assert result.exit_code == 1
    assert [r["id"] for r in json.loads(result.stdout)["failing"]] == ["LATE"]


# --- --fail-on outstanding: every outstanding item fails, with a due date or without ---

def test_fail_on_outstanding_fails_items_without_a_due_date(hmic):
    doc = tracker(rec("NODUE", None), rec("LATER", day(365)), rec("DONE", None, status="complete"),
                  rec("GONE", day(10), status="superseded"))
    result = hmic(doc, "check", "--as-of", AS_OF.isoformat(), "--fail-on", "outstanding", "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert {r["id"] for r in doc["failing"]} == {"NODUE", "LATER"}
    assert doc["counts"] == {"checked": 4, "failing": 2, "warnings": 0, "waived": 0, "overdue": 0,
                             "outstanding": 2, "closed": 2}


def test_fail_on_outstanding_with_only_an_item_without_a_due_date(hmic):
    result = hmic(tracker(rec("NODUE", None)), "check", "--as-of", AS_OF.isoformat(), "--fail-on", "outstanding")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("FAIL: 1 of 1 recommendations outstanding")
    assert result.stdout.splitlines()[1].split()[0] == "NODUE"


def test_fail_on_overdue_never_fails_an_item_without_a_due_date(hmic):
    result = hmic(tracker(rec("NODUE", None)), "check", "--as-of", "9999-12-31")
    assert result.exit_code == 0, result.stdout


# --- overdue itself: due yesterday is overdue, due today is not ---

def test_overdue_starts_the_day_after_the_due_date(hmic):
    doc = tracker(rec("TODAY", day(0)), rec("YESTERDAY", day(-1)))
    result = hmic(doc, "check", "--as-of", AS_OF.isoformat(), "--format", "json")
    assert result.exit_code == 1
    assert [r["id"] for r in json.loads(result.stdout)["failing"]] == ["YESTERDAY"]
