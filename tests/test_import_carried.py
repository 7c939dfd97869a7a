"""Import proposes carried-forward links: an item found that re-issues an outstanding item of an earlier report
of the same force is shown as "carried forward from OLD" in the preview (table and JSON); with `--link-carried`
the earlier item is superseded by the new one (both ends, as `hmic supersede` records them), in the same write.
The texts are written for these tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests import inprocess

REPORT_TEXT = """Northshire Police: custody inspection

Recommendations

Within three months, the force should review how custody officers record detainees' risk assessments.

Within six months, the force should make sure that every detainee's cell is checked at least once an hour.
"""
REVISIT_TEXT = REPORT_TEXT + """
Within six months, the force should train every custody sergeant in the new risk assessment form.
"""
LATER = ["--title", "Custody revisit", "--force", "Northshire Police", "--published", "2025-06-01",
         "--report", "northshire-custody-2025", "--prefix", "NR"]


def _tracker(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("HMIC_USER", "Ann Clerk")
    tracker = tmp_path / "tracker.json"
    assert invoke("init", "--empty", tracker, "--no-config").exit_code == 0
    (tmp_path / "custody.txt").write_text(REPORT_TEXT, encoding="utf-8")
    (tmp_path / "revisit.txt").write_text(REVISIT_TEXT, encoding="utf-8")
    first = invoke("import", tmp_path / "custody.txt", "--title", "Custody inspection", "--force", "Northshire Police",
                   "--published", "2024-05-01", "--report", "northshire-custody-2024", "--prefix", "NC",
                   "--into", tracker)
    assert first.exit_code == 0, first.stderr
    return tracker


def _items(tracker) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads(tracker.read_text(encoding="utf-8"))["recommendations"]}


def test_the_preview_proposes_each_carried_forward_link_in_table_and_json(invoke, tmp_path, monkeypatch):
    tracker = _tracker(invoke, tmp_path, monkeypatch)
    before = tracker.read_bytes()
    shown = invoke("--data", tracker, "import", tmp_path / "revisit.txt", *LATER, "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    proposals = json.loads(shown.stdout)["carried_forward"]
    assert proposals == [
        {"id": "NR-1", "carried_forward_from": "NC-1", "match": "same-wording",
         "earlier_report": "Custody inspection", "superseded": False},
        {"id": "NR-2", "carried_forward_from": "NC-2", "match": "same-wording",
         "earlier_report": "Custody inspection", "superseded": False},
    ]  # NR-3 is new wording: nothing to propose
    table = invoke("--data", tracker, "import", tmp_path / "revisit.txt", *LATER, env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.stderr
    said = " ".join(table.stdout.split())
    assert "Carried forward (2)" in said
    assert "NR-1 carried forward from NC-1 (Custody inspection): the same wording (proposed)" in said
    assert "import with --link-carried" in said
    accepted = invoke("--data", tracker, "import", tmp_path / "revisit.txt", *LATER, "--link-carried",
                      env={"COLUMNS": "200"})
    assert accepted.exit_code == 0, accepted.stderr
    said = " ".join(accepted.stdout.split())
    assert "(accepted: NC-1 superseded by NR-1)" in said and "import with --link-carried" not in said
    assert tracker.read_bytes() == before  # a preview writes nothing, with --link-carried too


def test_without_link_carried_the_earlier_item_stays_open(invoke, tmp_path, monkeypatch):
    tracker = _tracker(invoke, tmp_path, monkeypatch)
    result = invoke("import", tmp_path / "revisit.txt", *LATER, "--into", tracker)
    assert result.exit_code == 0, result.stderr
    items = _items(tracker)
    assert items["NR-1"]["carried_forward_from"] == "NC-1"  # where it came from, as imports always said
    assert items["NC-1"]["status"] == "open" and "superseded_by" not in items["NC-1"]


def test_link_carried_supersedes_the_earlier_item_as_supersede_does(invoke, tmp_path, monkeypatch):
    tracker = _tracker(invoke, tmp_path, monkeypatch)
    result = invoke("import", tmp_path / "revisit.txt", *LATER, "--link-carried", "--into", tracker,
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [p["superseded"] for p in json.loads(result.stdout)["carried_forward"]] == [True, True]
    assert "superseded NC-1 by NR-1, NC-2 by NR-2" in " ".join(result.stderr.split())
    items = _items(tracker)
    for old, new in (("NC-1", "NR-1"), ("NC-2", "NR-2")):
        assert items[new]["carried_forward_from"] == old
        assert items[old]["superseded_by"] == new and items[old]["status"] == "superseded"
        last = items[old]["history"][-1]
        assert last["status"] == "superseded" and last["by"] == "Ann Clerk"
        assert last["note"] == f"Superseded by {new}: re-issued in Custody revisit (imported)"
    assert "superseded_by" not in items["NR-3"] and "carried_forward_from" not in items["NR-3"]
    assert invoke("--data", tracker, "validate").exit_code == 0
    again = invoke("import", tmp_path / "revisit.txt", *LATER, "--link-carried", "--into", tracker)
    assert again.exit_code == 0, again.stderr  # all held now: nothing added, nothing superseded twice
    assert _items(tracker) == items


def test_link_carried_in_a_real_process_and_show_prints_the_chain(tmp_path):
    env = {**os.environ, "HMIC_USER": "Ann Clerk", "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("HMIC_DATA", None)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "hmic_cli", *map(str, args)], capture_output=True, text=True,
                              env=env, cwd=tmp_path, timeout=120)

    def setup(*args):  # the earlier report's import, in this process: the real process is for the link
        return inprocess.run(args, env, cwd=tmp_path)

    tracker = tmp_path / "tracker.json"
    assert setup("init", "--empty", tracker, "--no-config").returncode == 0
    (tmp_path / "custody.txt").write_text(REPORT_TEXT, encoding="utf-8")
    (tmp_path / "revisit.txt").write_text(REVISIT_TEXT, encoding="utf-8")
    assert setup("import", "custody.txt", "--title", "Custody inspection", "--force", "Northshire Police",
                 "--published", "2024-05-01", "--report", "northshire-custody-2024", "--prefix", "NC",
                 "--into", tracker).returncode == 0
    done = run("import", "revisit.txt", *LATER, "--link-carried", "--into", tracker)
    assert done.returncode == 0, done.stderr
    shown = run("--data", tracker, "show", "NC-1")
    assert shown.returncode == 0, shown.stderr
    assert "NR-1" in shown.stdout and "superseded" in shown.stdout


def test_a_restated_cause_of_concern_is_proposed_and_accepted(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("HMIC_USER", "Ann Clerk")
    tracker = tmp_path / "tracker.json"
    assert invoke("init", "--empty", tracker, "--no-config").exit_code == 0
    first = tmp_path / "first.txt"
    first.write_text("Midshire Police: PEEL 2028\n\nPublished: 1 March 2028\n\nCause of concern\n\n"
                     "The force does not identify vulnerable victims when they first contact it.\n", encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text("Midshire Police: revisit letter\n\nPublished: 1 March 2030\n\nAt our last inspection we "
                      "raised a concern about how the force treats callers.\n\nCause of concern\n\n"
                      "The force is still failing to identify vulnerable victims at first contact.\n",
                      encoding="utf-8")
    assert invoke("import", first, "--into", tracker).exit_code == 0
    old = next(iter(_items(tracker)))
    preview = invoke("--data", tracker, "import", second, "--format", "json")
    assert preview.exit_code == 0, preview.stderr
    [proposal] = json.loads(preview.stdout)["carried_forward"]
    assert proposal["carried_forward_from"] == old and proposal["match"] == "restated"
    assert invoke("import", second, "--link-carried", "--into", tracker).exit_code == 0
    items = _items(tracker)
    assert items[old]["superseded_by"] == proposal["id"] and items[old]["status"] == "superseded"


def test_the_review_file_flow_takes_link_carried_too(invoke, tmp_path, monkeypatch):
    tracker = _tracker(invoke, tmp_path, monkeypatch)
    review = tmp_path / "review.md"
    written = invoke("--data", tracker, "import", tmp_path / "revisit.txt", *LATER, "--review-file", review)
    assert written.exit_code == 0, written.stderr
    result = invoke("import", "--accepted", review, "--link-carried", "--into", tracker)
    assert result.exit_code == 0, result.stderr
    items = _items(tracker)
    new = items["NC-1"]["superseded_by"]  # the review file keeps no --prefix: the new ids are the report's own
    assert items[new]["carried_forward_from"] == "NC-1" and items[new]["report"] == "northshire-custody-2025"
    assert items["NC-1"]["status"] == "superseded"
