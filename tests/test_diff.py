"""`hmic diff` between two states of a tracker, and the board pack's "since the last meeting" section,
in real git repositories whose commits carry fixed dates."""

from __future__ import annotations

import json

import pytest

from tests.gitrepo import Repo, clone, find, item, needs_git, progress, tracker

pytestmark = needs_git

# Old state on 2024-04-01 (the first commit's date), new state judged on 2024-05-01.
START = tracker(
    item("A1", "immediate"),                      # closed late (due 2024-01-01)
    item("A2", "six-months"),                     # moves open -> in-progress (due 2024-07-01: green both days)
    item("A3", due="2024-12-31"),                 # due date revised, with a reason
    item("A4", due="2030-01-01"),                 # owner set
    item("A5", "none"),                           # waiver added
    item("A6", "none", waiver={"until": "2024-05-01", "reason": "Awaiting the council's plan."}),  # extended
    item("A7", "none", waiver={"until": "2024-04-15", "reason": "New system goes live."}),  # runs out
    item("A8", due="2024-04-20"),                 # amber on 04-01, overdue on 05-01
    item("A9", due="2024-05-20"),                 # green on 04-01, amber on 05-01
    item("A10", due="2030-01-01"),                # removed
    item("A12", due="2030-01-01"),                # untouched
)
EXPECTED = {("A1", "closed"), ("A2", "status"), ("A3", "due-revised"), ("A4", "owner"), ("A5", "waiver-added"),
            ("A6", "waiver-extended"), ("A7", "waiver-expired"), ("A8", "became-overdue"), ("A9", "became-amber"),
            ("A10", "removed"), ("A11", "added")}


@pytest.fixture
def history(tmp_path) -> Repo:
    """Four commits between two meetings, each recording some of the changes."""
    repo = Repo(tmp_path)
    repo.write(START)
    repo.commit("Tracker as at the April meeting", "2024-04-01")
    doc = repo.read()
    progress(find(doc, "A1"), "2024-04-10", "complete", "Done.", evidence="https://intranet/a1")
    progress(find(doc, "A2"), "2024-04-10", "in-progress", "Started.")
    repo.write(doc)
    repo.commit("Progress on A1 and A2", "2024-04-10")
    doc = repo.read()
    a3 = find(doc, "A3")
    a3["due_revisions"] = [{"on": "2024-04-20", "previous": "2024-12-31", "due": "2025-06-30",
                            "reason": "The council's system is late."}]
    a3["due"] = "2025-06-30"
    a4 = find(doc, "A4")
    a4["owner"] = "Alice"
    progress(a4, "2024-04-20", "open", "Owner set to Alice.")
    find(doc, "A5")["waiver"] = {"until": "2024-12-31", "reason": "Agreed with the PCC."}
    repo.write(doc)
    repo.commit("Revision, owner, waiver", "2024-04-20")
    doc = repo.read()
    find(doc, "A6")["waiver"] = {"until": "2024-09-01", "reason": "The council's plan slipped to August."}
    doc["recommendations"] = [r for r in doc["recommendations"] if r["id"] != "A10"]
    doc["recommendations"].append(item("A11", due="2031-01-01"))
    repo.write(doc)
    repo.commit("Extension, removal, addition", "2024-04-25")
    return repo


def kinds(document: dict) -> set[tuple[str, str]]:
    return {(c["id"], c["kind"]) for c in document["changes"]}


def test_since_ref_reports_each_kind_once_and_nothing_else(history, invoke):
    result = invoke("--data", history.tracker, "diff", "--since-ref", "HEAD~3", "--as-of", "2024-05-01",
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    pairs = [(c["id"], c["kind"]) for c in document["changes"]]
    assert len(pairs) == len(set(pairs)), "an item appears at most once per kind"
    assert set(pairs) == EXPECTED
    assert document["old"]["as_of"] == "2024-04-01"  # the revision's commit date
    assert document["new"]["as_of"] == "2024-05-01"
    assert document["old"]["commit"] == history.git("rev-parse", "HEAD~3").stdout.strip()
    assert document["counts"] == {kind: sum(k == kind for _, k in EXPECTED) for kind in document["counts"]}
    changes = {(c["id"], c["kind"]): c for c in document["changes"]}
    closed = changes["A1", "closed"]
    assert (closed["from"], closed["to"], closed["late"], closed["on"]) == ("open", "complete", True, "2024-04-10")
    revised = changes["A3", "due-revised"]
    assert (revised["from"], revised["to"], revised["reason"]) == ("2024-12-31", "2025-06-30",
                                                                   "The council's system is late.")
    assert (changes["A4", "owner"]["from"], changes["A4", "owner"]["to"]) == (None, "Alice")
    extended = changes["A6", "waiver-extended"]
    assert (extended["from"], extended["to"]) == ("2024-05-01", "2024-09-01")
    assert changes["A7", "waiver-expired"]["from"] == "2024-04-15"
    assert changes["A8", "became-overdue"]["days_overdue"] == 11
    assert changes["A9", "became-amber"]["days_left"] == 19


def test_unchanged_items_never_appear_and_a_closure_is_not_also_a_status_move(history, invoke):
    result = invoke("--data", history.tracker, "diff", "--since-ref", "HEAD~3", "--as-of", "2024-05-01",
                    "--format", "json")
    ids = [c["id"] for c in json.loads(result.stdout)["changes"]]
    assert "A12" not in ids
    assert ("A1", "status") not in kinds(json.loads(result.stdout))


def test_one_commit_back_shows_only_that_commit(history, invoke):
    result = invoke("--data", history.tracker, "diff", "--since-ref", "HEAD~1", "--as-of", "2024-04-25",
                    "--format", "json")
    # old: HEAD~1 on its commit date (2024-04-20, A8's due day); new: 2024-04-25, when A8 is overdue
    assert kinds(json.loads(result.stdout)) == {("A6", "waiver-extended"), ("A10", "removed"), ("A11", "added"),
                                                ("A8", "became-overdue")}


def test_old_as_of_overrides_the_commit_date(history, invoke):
    # judged on the same day, nothing became overdue or amber and no waiver ran out
    result = invoke("--data", history.tracker, "diff", "--since-ref", "HEAD~3", "--as-of", "2024-05-01",
                    "--old-as-of", "2024-05-01", "--format", "json")
    found = {k for _, k in kinds(json.loads(result.stdout))}
    assert not found & {"became-overdue", "became-amber", "waiver-expired"}
    assert "closed" in found


def test_two_files(history, invoke, tmp_path):
    old = tmp_path / "old.json"
    old.write_text(history.git("show", "HEAD~3:tracker.json").stdout, encoding="utf-8")
    result = invoke("diff", old, history.tracker, "--as-of", "2024-05-01", "--old-as-of", "2024-04-01",
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert kinds(json.loads(result.stdout)) == EXPECTED
    same_day = invoke("diff", old, history.tracker, "--as-of", "2024-05-01", "--format", "json")
    assert json.loads(same_day.stdout)["old"]["as_of"] == "2024-05-01"  # default: the as-of day


def test_markdown_and_table_name_every_change(history, invoke):
    for fmt in ("markdown", "table"):
        result = invoke("--data", history.tracker, "diff", "--since-ref", "HEAD~3", "--as-of", "2024-05-01",
                        "--format", fmt)
        assert result.exit_code == 0
        for rec_id, _ in EXPECTED:
            assert rec_id in result.stdout, (fmt, rec_id)
    markdown = invoke("--data", history.tracker, "diff", "--since-ref", "HEAD~3", "--as-of", "2024-05-01",
                      "--format", "markdown").stdout
    assert "### Closed (1)" in markdown and "late" in markdown
    assert "The council's system is late." in markdown


def test_nothing_changed_says_so(history, invoke):
    result = invoke("--data", history.tracker, "diff", "--since-ref", "HEAD", "--as-of", "2024-04-25",
                    "--format", "json")
    assert json.loads(result.stdout)["changes"] == []
    assert "No changes" in result.stderr


@pytest.mark.parametrize(("args", "words"), [
    (["--since-ref", "no-such-branch"], "unknown revision"),
    (["--since-ref", "--all"], "not a revision"),
])
def test_bad_revision_is_a_usage_error(history, invoke, args, words):
    result = invoke("--data", history.tracker, "diff", *args)
    assert result.exit_code == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_file_absent_at_the_revision_and_no_repository(history, invoke, tmp_path_factory):
    other = history.path / "other.json"
    other.write_text(history.tracker.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke("--data", other, "diff", "--since-ref", "HEAD")
    assert result.exit_code == 2 and "does not exist at HEAD" in result.stderr
    outside = tmp_path_factory.mktemp("plain") / "t.json"
    outside.write_text(history.tracker.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke("--data", outside, "diff", "--since-ref", "HEAD")
    assert result.exit_code == 2 and "not in a git repository" in result.stderr


def test_without_files_or_revision_is_a_usage_error(invoke):
    result = invoke("diff")
    assert result.exit_code == 2 and "--since-ref" in result.stderr


def test_board_pack_has_a_since_the_last_meeting_section(history, invoke, tmp_path):
    lxml = pytest.importorskip("lxml.html")
    out = tmp_path / "pack.html"
    result = invoke("--data", history.tracker, "report", "--since-ref", "HEAD~3", "--as-of", "2024-05-01",
                    "--output", out)
    assert result.exit_code == 0, result.stderr
    page = lxml.fromstring(out.read_bytes())
    (section,) = page.xpath('//section[@id="changes"]')  # the paper's one section of changes
    found = {(h.get("id").removeprefix("changes-"), th.text_content()) for h in section.xpath(".//h3")
             for th in h.getnext().xpath(".//tbody/tr/th")}
    # became overdue or amber is in the paper's exceptions, not its changes
    groups = {"closed": "closed", "status": "moved", "due-revised": "due", "owner": "owners", "waiver-added": "waivers",
              "waiver-extended": "waivers", "waiver-expired": "waivers", "removed": "removed", "added": "added"}
    assert found == {(groups[k], i) for i, k in EXPECTED if k in groups}
    assert "tracker.json" not in section.text_content()
    plain = invoke("--data", history.tracker, "report", "--as-of", "2024-05-01", "--output", tmp_path / "p.html")
    assert plain.exit_code == 0
    assert b"changes-removed" not in (tmp_path / "p.html").read_bytes()  # without --since-ref: the histories only


def test_a_broken_tracker_at_the_revision_is_a_data_error_naming_it(history, invoke):
    doc = history.read()
    history.tracker.write_text("{ not json", encoding="utf-8")
    history.commit("Broken", "2024-04-26")
    history.write(doc)
    result = invoke("--data", history.tracker, "diff", "--since-ref", "HEAD")
    assert result.exit_code == 3
    assert "at HEAD" in result.stderr and "Traceback" not in result.stderr


def test_clone_keeps_start_intact():
    assert clone(START) == START


def test_a_tracker_in_a_subfolder_is_found_at_the_revision_from_anywhere(tmp_path, invoke, monkeypatch):
    repo = Repo(tmp_path)
    (tmp_path / "data").mkdir()
    target = tmp_path / "data" / "tracker.json"
    target.write_text(json.dumps(START, indent=2), encoding="utf-8")
    repo.commit("Tracker in data/", "2024-04-01")
    doc = json.loads(target.read_text(encoding="utf-8"))
    find(doc, "A4")["owner"] = "Alice"
    target.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "data")
    result = invoke("--data", "tracker.json", "diff", "--since-ref", "HEAD", "--as-of", "2024-04-01",
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert kinds(document) == {("A4", "owner")}
    assert document["old"]["source"].startswith("data/tracker.json at HEAD")


@pytest.mark.parametrize(("until", "kind"), [("2024-09-01", {("A6", "waiver-extended")}), ("2024-04-25", set()),
                                             ("2024-05-01", set())])
def test_only_a_later_until_is_a_waiver_extended(write_data, invoke, until, kind):
    """A waiver shortened (or kept) between the two files is not reported as extended."""
    old = write_data(tracker(item("A6", "none", waiver={"until": "2024-05-01", "reason": "Plan due."})), "old.json")
    new = write_data(tracker(item("A6", "none", waiver={"until": until, "reason": "Plan due."})), "new.json")
    result = invoke("diff", old, new, "--old-as-of", "2024-04-01", "--as-of", "2024-04-02", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert kinds(json.loads(result.stdout)) == kind
