"""The terminal tells the board paper's story: `list` marks waived and revised items and shows a closed
item's day and lateness instead of days left; `summary` and `check` agree on what is overdue and waived."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import board_paper_tracker as bpt  # noqa: E402

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "HMIC_DATA": None}


def data(tmp_path) -> Path:
    path = tmp_path / "tracker.json"
    path.write_text(json.dumps(bpt.current()), encoding="utf-8")
    return path


def row(text: str, rec_id: str) -> str:
    """The table row of `rec_id`: its first line and the lines under it, up to the next row."""
    match = re.search(rf"^ {re.escape(rec_id)} .*?(?=^ MID-|\Z)", text, re.M | re.S)
    assert match, rec_id
    return match.group(0)


def test_list_marks_waivers_revisions_and_closed_items(invoke, tmp_path):
    result = invoke("--data", data(tmp_path), "list", "--all", "--as-of", bpt.AS_OF.isoformat(), env=ENV)
    assert result.exit_code == 0, result.stderr
    assert "Waived to 2026-11-10" in row(result.stdout, "MID-23")
    assert "Waiver ended 2026-10-26" in row(result.stdout, "MID-37")
    assert "Due date revised (was 2026-08-01)" in row(result.stdout, "MID-11")
    closed = row(result.stdout, "MID-34")  # signed off on 12 Oct 2026, after its due date of 2 Nov 2024
    first = closed.splitlines()[0]
    assert "Closed 2026-10-12, late" in closed and not re.search(r"-\d{3,}", first), first  # no "-709" days left
    on_time = row(result.stdout, "MID-10")  # due 3 Dec 2026
    assert "Closed 2026-10-12" in on_time and "late" not in on_time


def test_summary_and_check_count_overdue_alike(invoke, tmp_path):
    path = data(tmp_path)
    summary = invoke("--data", path, "summary", "--as-of", bpt.AS_OF.isoformat(), env=ENV).stdout
    check = invoke("--data", path, "check", "--as-of", bpt.AS_OF.isoformat(), "--format", "text", env=ENV).stdout
    overdue, failing, waived = map(int, re.search(r"Of the (\d+) overdue: (\d+) failing check, (\d+) waived",
                                                  summary).groups())
    assert overdue == failing + waived and waived > 0
    assert re.match(rf"FAIL: {failing} of \d+ recommendations overdue; {waived} waived", check), check


def test_show_says_statuses_types_and_deadlines_in_words(invoke, data_copy):
    assert invoke("--data", data_copy, "update", "NCP-6", "--status", "in-progress", "--note", "Started.",
                  "--on", "2014-03-01").exit_code == 0
    shown = invoke("--data", data_copy, "show", "NCP-6", "--as-of", "2014-03-02", env=ENV).stdout
    facts = dict(re.findall(r"^(Type|Deadline|Due date|Status) +(.+?)\s*$", shown, re.M))
    assert facts == {"Type": "recommendation", "Deadline": "within six months",
                     "Due date": "2014-07-28 (148 days left)", "Status": "in progress"}
    assert re.search(r"^2014-03-01 +in progress +Started\.", shown, re.M)
    assert "in-progress" not in shown and "six-months" not in shown


def test_an_edit_in_the_history_is_said_in_words(invoke, data_copy):
    args = ("--data", data_copy)
    assert invoke(*args, "edit", "NCP-6", "--deadline", "twelve-months", "--due", "2015-01-28", "--reason", "Board.",
                  "--on", "2014-03-01").exit_code == 0
    shown = " ".join(invoke(*args, "show", "NCP-6", env=ENV).stdout.split())
    assert "deadline: within six months -> within twelve months" in shown and "six-months" not in shown
