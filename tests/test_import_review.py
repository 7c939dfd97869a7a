"""What import says about each item and how a person corrects it before anything is written:
--explain, the preview's Type column and JSON reasons, --review-file then --accepted, --review."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

REPORT = """Midshire Police: custody review

Published: 4 April 2030

Cause of concern

The force does not check detainees often enough.

The force should:
- review its cell checks;
- train its custody staff.

Areas for improvement

- The force should improve its handovers.

Annex

The inspection looked at:
- how cells are checked;
- how staff are trained.
"""


@pytest.fixture
def files(invoke, tmp_path):
    report = tmp_path / "custody.txt"
    report.write_text(REPORT, encoding="utf-8")
    tracker = tmp_path / "tracker.json"
    assert invoke("init", "--empty", tracker).exit_code == 0
    return report, tracker


def held(tracker) -> list[dict]:
    return json.loads(tracker.read_text())["recommendations"]


def test_explain_names_the_rule_for_each_item_and_each_block_not_taken(invoke, files):
    report, tracker = files
    before = tracker.read_bytes()
    result = invoke("import", report, "--explain", "--into", tracker)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "item 1 [high]: a cause of concern (cause-of-concern)" in out
    assert "item 4 [high]: an area for improvement (under-heading)" in out
    assert "not taken: a lead-in ('The inspection looked at:') naming no kind of item" in out
    assert "not taken: in the list under 'The inspection looked at:'" in out
    assert tracker.read_bytes() == before


def test_the_preview_shows_types_in_words_and_carries_the_reasons_in_json(invoke, files):
    report, tracker = files
    table = invoke("import", report, "--data", tracker)
    assert table.exit_code == 0, table.stderr
    assert "Type" in table.stdout and "cause of concern" in table.stdout and "area for" in table.stdout
    assert "cause-of-concern" not in table.stdout
    doc = json.loads(invoke("import", report, "--data", tracker, "--format", "json").stdout)
    first, second = doc["recommendations"][:2]
    assert first["rule"] == "cause-of-concern" and first["confidence"] == "high"
    assert "under the heading 'Cause of concern'" in first["because"]
    assert "listed under the lead-in 'The force should:'" in second["because"]


def test_the_preview_marks_items_to_check(invoke, tmp_path):
    report = tmp_path / "register.txt"
    report.write_text("Register entry 7\n\nPublished: 1 May 2030\n\n"
                      "All forces should publish their custody figures each month.\n", encoding="utf-8")
    result = invoke("import", report, "--force", "Midshire Police")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(invoke("import", report, "--force", "Midshire Police", "--format", "json").stdout)
    (item,) = doc["recommendations"]
    assert item["confidence"] == "check" and item["rule"] == "bare-direction"
    assert f"{item['id']} ?" in result.stdout and "? marks 1 item to check" in result.stdout


def test_review_file_then_accepted_brings_exactly_the_ticked_items_as_edited(invoke, files, tmp_path):
    report, tracker = files
    review = tmp_path / "review.md"
    result = invoke("import", report, "--into", tracker, "--review-file", review)
    assert result.exit_code == 0, result.stderr
    assert held(tracker) == []  # nothing written to the tracker
    text = review.read_text()
    assert "- Title: Midshire Police: custody review" in text and "- Published: 2030-04-04" in text
    lines = [line for line in text.splitlines() if line.startswith("- [")]
    assert len(lines) == 4 and all(line.startswith("- [x] MPCR-") for line in lines)
    assert "| cause of concern |" in lines[0] and "| parent: MPCR-1 |" in lines[1]
    lines_out = text.replace(lines[2], lines[2].replace("- [x]", "- [ ]"))
    edited = lines[3].replace("| area for improvement |", "| recommendation |").replace("parent: -", "parent: MPCR-1")
    review.write_text(lines_out.replace(lines[3], edited), encoding="utf-8")

    result = invoke("import", "--accepted", review, "--into", tracker)
    assert result.exit_code == 0, result.stderr
    items = held(tracker)
    assert [i["type"] for i in items] == ["cause-of-concern", "recommendation", "recommendation"]
    assert [i.get("parent") for i in items] == [None, "MPCR-1", "MPCR-1"]
    assert "train its custody staff" not in json.dumps(items).lower()
    assert items[2]["text"] == "The force should improve its handovers."

    again = invoke("import", "--accepted", review, "--into", tracker)
    assert again.exit_code == 0 and len(held(tracker)) == 3


@pytest.mark.parametrize("change, message", [
    (("| cause of concern |", "| worry |"), "'worry' is not a type"),
    (("parent: MPCR-1", "parent: MPCR-9"), "parent MPCR-9 is not a ticked item"),
    (("due: -", "due: soon"), "due date 'soon' is not a date"),
])
def test_a_wrong_line_in_a_review_file_is_a_usage_error_naming_it(invoke, files, tmp_path, change, message):
    report, tracker = files
    review = tmp_path / "review.md"
    assert invoke("import", report, "--into", tracker, "--review-file", review).exit_code == 0
    review.write_text(review.read_text().replace(*change, 1), encoding="utf-8")
    before = tracker.read_bytes()
    result = invoke("import", "--accepted", review, "--into", tracker)
    assert result.exit_code == 2 and message in result.stderr and "line " in result.stderr
    assert tracker.read_bytes() == before


def test_the_review_walk_accepts_rejects_retypes_reparents_and_joins():
    from hmic_cli.importing import find
    from hmic_cli.importing.reviewing import walk

    found = find("Cause of concern\n\nThe force does not check cells.\n\nThe force should:\n- review its checks;\n"
                 "- and do so weekly;\n- train staff.\n- audit the logs.\n")
    answers = iter(["a", "a", "j", "r", "t", "a", "p", "0", "a"])
    shown = []
    kept = walk(found, lambda prompt: next(answers), shown.append, everything=True)
    assert [k.type for k in kept] == ["cause-of-concern", "recommendation", "area-for-improvement"]
    assert kept[1].text.endswith("And do so weekly.") and kept[1].parent == 0
    assert kept[2].parent is None and kept[2].text == "Audit the logs."


def test_review_on_something_that_is_not_a_terminal_is_a_usage_error(invoke, files):
    report, tracker = files
    result = invoke("import", report, "--into", tracker, "--review")
    assert result.exit_code == 2 and "terminal" in result.stderr and held(tracker) == []


def waited_for_read(pid: int, deadline: float) -> None:
    """Return once process `pid` sleeps in a read (Linux's /proc; elsewhere half a second)."""
    import time

    stat = f"/proc/{pid}/stat"
    if not os.path.exists(stat):
        time.sleep(0.5)
        return
    asleep = 0
    while asleep < 3 and time.monotonic() < deadline:
        with open(stat, encoding="ascii") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
        asleep = asleep + 1 if state == "S" else 0
        time.sleep(0.05)


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")
def test_ctrl_c_in_review_writes_nothing_and_exits_130(files):
    import pty
    import select
    import signal
    import time

    report, tracker = files
    before = tracker.read_bytes()
    hmic = os.path.join(os.path.dirname(sys.executable), "hmic")
    fd, child_end = pty.openpty()
    child = subprocess.Popen([hmic, "import", str(report), "--into", str(tracker), "--review"], stdin=child_end,
                             stdout=child_end, stderr=child_end, start_new_session=True, close_fds=True,
                             env={k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))})
    os.close(child_end)
    pid = child.pid
    seen = b""
    deadline = time.monotonic() + 60
    try:
        while b"[y/N]" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if ready:
                try:
                    seen += os.read(fd, 1024)
                except OSError:
                    break
        assert b"Walk through every item" in seen, seen
        # The prompt is written just before the read that waits for an answer: a signal landing in between
        # is only seen once the read returns (as a person could never type that fast). Wait for the read.
        waited_for_read(pid, deadline)
        os.kill(pid, signal.SIGINT)
        while child.poll() is None and time.monotonic() < deadline:  # read on: a full terminal blocks its writes
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(fd, 4096)
                except OSError:
                    pass
        code = child.poll()
        assert code is not None, ("hmic did not end on Ctrl-C", seen[-500:])
    finally:
        try:
            os.kill(pid, signal.SIGKILL)  # never left running, whatever failed
        except ProcessLookupError:
            pass
        os.close(fd)
    assert code == 130
    assert tracker.read_bytes() == before


def test_init_with_the_fire_themes(invoke, tmp_path):
    path = tmp_path / "fire.json"
    assert invoke("init", "--empty", "--themes", "fire", path).exit_code == 0
    labels = [t["label"] for t in json.loads(path.read_text())["themes"]]
    assert {"Prevention", "Protection", "Response", "Culture and values", "Efficiency"} <= set(labels)
    report = tmp_path / "fire.txt"
    report.write_text("Northshire Fire and Rescue Service: inspection\n\nPublished: 1 May 2030\n\n"
                      "Areas for improvement\n\n- The service should target its prevention work at those most at "
                      "risk.\n- The service should carry out more fire safety audits of high-risk buildings.\n",
                      encoding="utf-8")
    doc = json.loads(invoke("import", report, "--data", path, "--format", "json").stdout)
    assert [r["themes"] for r in doc["recommendations"]] == [["prevention"], ["protection"]]


def test_a_text_with_no_title_line_takes_its_title_from_the_file_name(invoke, tmp_path):
    report = tmp_path / "midshire-custody-2030.txt"
    report.write_text("Recommendations\n\n- Within three months, Midshire Police should audit its cells.\n",
                      encoding="utf-8")
    doc = json.loads(invoke("import", report, "--published", "2030-01-01", "--format", "json").stdout)
    assert doc["report"]["title"] == "Midshire custody 2030"


# 10. a later letter restating an earlier cause of concern in other words is linked to it
def test_a_cause_of_concern_restated_in_other_words_is_carried_forward(invoke, tmp_path):
    tracker = tmp_path / "tracker.json"
    assert invoke("init", "--empty", tracker).exit_code == 0
    first = tmp_path / "first.txt"
    first.write_text("Midshire Police: PEEL 2028\n\nPublished: 1 March 2028\n\nCause of concern\n\n"
                     "The force does not identify vulnerable victims when they first contact it.\n", encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text("Midshire Police: revisit letter\n\nPublished: 1 March 2030\n\nAt our last inspection we raised "
                      "a concern about how the force treats callers.\n\nCause of concern\n\n"
                      "The force is still failing to identify vulnerable victims at first contact.\n",
                      encoding="utf-8")
    unrelated = tmp_path / "third.txt"
    unrelated.write_text("Midshire Police: revisit letter two\n\nPublished: 2 March 2030\n\nAt our last inspection "
                         "we looked at custody.\n\nCause of concern\n\nThe force does not supervise its "
                         "custody officers' handovers well enough.\n", encoding="utf-8")
    for report in (first, second, unrelated):
        assert invoke("import", report, "--into", tracker).exit_code == 0
    items = held(tracker)
    assert [i.get("carried_forward_from") for i in items] == [None, items[0]["id"], None]


def test_import_with_no_source_and_no_review_file_is_a_usage_error(invoke):
    result = invoke("import")
    assert result.exit_code == 2 and "--accepted" in result.stderr
