"""`hmic merge` as git's merge driver, configured in real repositories: branches that record progress on
the same and on different items merge cleanly with every entry kept; a true conflict stops `git merge`
with the tracker still valid."""

from __future__ import annotations

import json
import subprocess

import pytest

from hmic_cli import merging
from tests.gitrepo import HMIC, Repo, find, item, needs_git, progress, tracker

pytestmark = needs_git


@pytest.fixture
def repo(tmp_path) -> Repo:
    repo = Repo(tmp_path)
    (tmp_path / ".gitattributes").write_text("tracker.json merge=hmic\n", encoding="utf-8")
    repo.git("config", "merge.hmic.name", "hmic tracker merge")
    repo.git("config", "merge.hmic.driver", f"{HMIC} merge %O %A %B")
    repo.write(tracker(item("C1", due="2030-01-01"), item("C2", due="2030-01-01"), item("C3", due="2030-01-01"),
                       item("C4", due="2030-01-01", owner="Alice")))
    repo.commit("Tracker", "2024-03-01")
    return repo


def on_branch(repo: Repo, branch: str, change, day: str, base: str = "main") -> None:
    repo.git("checkout", "-q", "-B", branch, base)
    doc = repo.read()
    change(doc)
    repo.write(doc)
    repo.commit(f"Progress on {branch}", day)


def merge(repo: Repo, branch: str) -> subprocess.CompletedProcess:
    repo.git("checkout", "-q", "main")
    return repo.git("merge", "--no-edit", branch, day="2024-04-01", check=False)


def ours_change(doc):
    progress(find(doc, "C1"), "2024-03-10", "in-progress", "Ours: plan agreed.", by="Alice")
    progress(find(doc, "C2"), "2024-03-11", "in-progress", "Ours: C2 started.")
    find(doc, "C3")["owner"] = "Bob"
    doc["recommendations"].append(item("C5", due="2031-01-01"))


def theirs_change(doc):
    progress(find(doc, "C1"), "2024-03-12", "complete", "Theirs: delivered.", evidence="https://intranet/c1")
    progress(find(doc, "C4"), "2024-03-09", "in-progress", "Theirs: C4 started.")
    find(doc, "C2")["waiver"] = {"until": "2024-12-31", "reason": "Agreed with the PCC."}
    doc["recommendations"].append(item("C6", due="2031-06-30"))


def test_progress_on_the_same_and_different_items_merges_cleanly(repo):
    on_branch(repo, "theirs", theirs_change, "2024-03-12")
    on_branch(repo, "main", ours_change, "2024-03-11", base="main")
    result = merge(repo, "theirs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert repo.git("status", "--porcelain").stdout.strip() == ""  # committed: nothing left to resolve
    doc = repo.read()
    c1 = find(doc, "C1")
    assert [e["note"] for e in c1["history"]] == ["Made in the report.", "Ours: plan agreed.", "Theirs: delivered."]
    assert c1["status"] == "complete" and c1["history"][-1]["evidence"] == "https://intranet/c1"
    assert find(doc, "C2")["status"] == "in-progress" and find(doc, "C2")["waiver"]["until"] == "2024-12-31"
    assert find(doc, "C3")["owner"] == "Bob"
    assert [e["note"] for e in find(doc, "C4")["history"]] == ["Made in the report.", "Theirs: C4 started."]
    assert [r["id"] for r in doc["recommendations"]] == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert repo.hmic("validate", repo.tracker).returncode == 0


def test_entries_are_merged_in_date_order_and_the_same_entry_once(repo):
    shared = {"on": "2024-03-05", "status": "in-progress", "note": "Agreed at the board."}

    def ours(doc):
        find(doc, "C1")["history"].append(dict(shared))
        progress(find(doc, "C1"), "2024-03-20", "in-progress", "Ours later.")

    def theirs(doc):
        find(doc, "C1")["history"].append(dict(shared))  # the same entry, recorded on both branches
        progress(find(doc, "C1"), "2024-03-10", "in-progress", "Theirs between.")

    on_branch(repo, "theirs", theirs, "2024-03-10")
    on_branch(repo, "main", ours, "2024-03-20")
    assert merge(repo, "theirs").returncode == 0
    history = find(repo.read(), "C1")["history"]
    assert [e["note"] for e in history] == ["Made in the report.", "Agreed at the board.", "Theirs between.",
                                            "Ours later."]
    assert [e["on"] for e in history] == sorted(e["on"] for e in history)


def test_a_true_conflict_stops_git_merge_with_the_tracker_valid(repo):
    def ours(doc):
        find(doc, "C4")["owner"] = "Carol"
        progress(find(doc, "C2"), "2024-03-10", "in-progress", "Ours: C2 started.")

    def theirs(doc):
        find(doc, "C4")["owner"] = "Dan"
        progress(find(doc, "C3"), "2024-03-11", "in-progress", "Theirs: C3 started.")

    on_branch(repo, "theirs", theirs, "2024-03-11")
    on_branch(repo, "main", ours, "2024-03-10")
    result = merge(repo, "theirs")
    assert result.returncode != 0, "git stops the merge"
    assert "CONFLICT" in result.stdout
    assert "C4.owner: changed on both sides" in result.stderr + result.stdout
    assert "UU tracker.json" in repo.git("status", "--porcelain").stdout
    text = repo.tracker.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text
    doc = json.loads(text)  # still valid JSON
    assert find(doc, "C4")["owner"] == "Carol"  # OURS's value for the conflicting field
    assert find(doc, "C3")["status"] == "in-progress"  # every other change merged
    assert find(doc, "C2")["status"] == "in-progress"
    assert repo.hmic("validate", repo.tracker).returncode == 0


def test_status_set_on_the_same_day_differently_is_a_conflict(repo):
    on_branch(repo, "theirs", lambda d: progress(find(d, "C1"), "2024-03-10", "complete", "Theirs."), "2024-03-10")
    on_branch(repo, "main", lambda d: progress(find(d, "C1"), "2024-03-10", "superseded", "Ours."), "2024-03-10")
    result = merge(repo, "theirs")
    assert result.returncode != 0
    assert "C1.status: set on the same day" in result.stderr + result.stdout
    c1 = find(repo.read(), "C1")
    assert c1["status"] == "superseded" and c1["history"][-1]["note"] == "Ours."
    assert repo.hmic("validate", repo.tracker).returncode == 0


def test_removed_on_one_side_and_unchanged_on_the_other_is_removed(repo):
    def drop(doc):
        doc["recommendations"] = [r for r in doc["recommendations"] if r["id"] != "C3"]

    on_branch(repo, "theirs", drop, "2024-03-10")
    on_branch(repo, "main", lambda d: progress(find(d, "C1"), "2024-03-10", "in-progress"), "2024-03-10")
    assert merge(repo, "theirs").returncode == 0
    assert [r["id"] for r in repo.read()["recommendations"]] == ["C1", "C2", "C4"]


def test_a_merge_that_would_be_invalid_keeps_ours_item_and_says_so():
    base = tracker(item("D1", due="2030-01-01"))
    ours, theirs = json.loads(json.dumps(base)), json.loads(json.dumps(base))
    for doc, day, due in ((ours, "2024-03-01", "2030-06-30"), (theirs, "2024-03-02", "2031-01-31")):
        rec = find(doc, "D1")
        rec["due_revisions"] = [{"on": day, "previous": "2030-01-01", "due": due, "reason": "Moved."}]
        rec["due"] = due
    raw = [json.dumps(d, indent=2).encode() for d in (base, ours, theirs)]
    outcome = merging.merge_bytes(*raw)
    merged = json.loads(outcome.data)
    assert find(merged, "D1") == find(ours, "D1")
    assert any("D1.due: changed on both sides" in c for c in outcome.conflicts)
    assert any("OURS's version kept" in c for c in outcome.conflicts)


def test_ours_not_json_is_refused_exit_1_and_nothing_is_written(tmp_path, invoke):
    base = tmp_path / "base.json"
    base.write_text(json.dumps(tracker(item("E1", due="2030-01-01"))), encoding="utf-8")
    ours = tmp_path / "ours.json"
    ours.write_text("{ broken", encoding="utf-8")
    result = invoke("merge", base, ours, base)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert ours.read_text(encoding="utf-8") == "{ broken"


def test_the_docs_give_the_driver_lines():
    from tests.conftest import ROOT

    page = (ROOT / "docs" / "tasks" / "between-meetings.md").read_text(encoding="utf-8")
    assert "merge=hmic" in page
    assert 'git config merge.hmic.driver "hmic merge %O %A %B"' in page


def test_ours_text_is_kept_for_what_the_merge_does_not_change():
    """Only the items the merge changes are rewritten: OURS's layout (here one item per line, CRLF) and
    every unchanged item's bytes stay as they were."""
    base = tracker(*(item(f"F{n}", due="2030-01-01") for n in range(1, 6)))
    theirs = json.loads(json.dumps(base))
    progress(find(theirs, "F2"), "2024-03-01", "in-progress", "Theirs.")
    head = json.dumps({k: v for k, v in base.items() if k != "recommendations"}, indent=2)[:-2]
    ours_text = (head + ',\n  "recommendations": [\n'
                 + ",\n".join("    " + json.dumps(r) for r in base["recommendations"]) + "\n  ]\n}\n")
    ours = ours_text.replace("\n", "\r\n").encode()
    outcome = merging.merge_bytes(json.dumps(base).encode(), ours, json.dumps(theirs).encode())
    assert outcome.conflicts == []
    before, after = ours.split(b"\r\n"), outcome.data.split(b"\r\n")
    assert len(before) == len(after)
    changed = [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1 and b'"F2"' in after[changed[0]] and b"Theirs." in after[changed[0]]
    assert b"\n" not in outcome.data.replace(b"\r\n", b"")


def test_progress_back_filled_on_both_sides_keeps_the_opening_entry_first():
    """An item added on 2024-03-01 takes progress back-filled to February on each branch: the merge keeps the
    entry that opened it first (opening.py) and the progress after it in date order, so the status is the
    last progress, and the merged file is valid."""
    base = tracker(item("D1", due="2030-01-01"))
    find(base, "D1")["history"] = [{"on": "2024-03-01", "status": "open", "note": "Added to the tracker."}]
    ours, theirs = json.loads(json.dumps(base)), json.loads(json.dumps(base))
    progress(find(ours, "D1"), "2024-02-10", "in-progress", "Ours: started in February.")
    progress(find(theirs, "D1"), "2024-02-20", "in-progress", "Theirs: board agreed the plan.")
    outcome = merging.merge_bytes(*[json.dumps(d, indent=2).encode() for d in (base, ours, theirs)])
    assert outcome.conflicts == []
    merged = find(json.loads(outcome.data), "D1")
    assert [e["on"] for e in merged["history"]] == ["2024-03-01", "2024-02-10", "2024-02-20"]
    assert merged["status"] == "in-progress"
