"""`hmic check --against REV`, the record's guard: one test per way of rewriting the past, an honest
progress commit that passes, and each finding at its line in every `check` format."""

from __future__ import annotations

import json
import re

import pytest

from tests.gitrepo import Repo, find, item, needs_git, progress, tracker

pytestmark = needs_git

REPORTS = [{"id": "peel-2024", "title": "PEEL 2024", "inspectorate": "HMICFRS", "force": "Example Police",
            "published": "2024-01-01", "source": "tests"},
           {"id": "spare-2023", "title": "Spare", "inspectorate": "HMICFRS", "force": "Example Police",
            "published": "2023-06-01", "source": "tests"}]
THEMES = [{"id": "training", "label": "Training", "description": ""},
          {"id": "custody", "label": "Custody", "description": ""}]


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Repo:
    repo = Repo(tmp_path)
    b1 = item("B1", due="2030-01-01")
    progress(b1, "2024-02-01", "in-progress", "Plan agreed.", by="Alice")
    repo.write(tracker(b1, item("B2", due="2030-01-01"), item("B3", "six-months"),
                       item("B4", due="2030-01-01", waiver={"until": "2024-06-01", "reason": "Awaiting the council."}),
                       reports=REPORTS, themes=THEMES))
    repo.commit("Tracker", "2024-03-01")
    monkeypatch.chdir(tmp_path)  # the project file (hmic.toml), when a test writes one, is found from here
    return repo


def check(invoke, repo: Repo, fmt: str = "json", *extra: str, **kwargs):
    return invoke("--data", repo.tracker, "check", "--against", "HEAD", "--fail-on", "never",
                  "--as-of", "2024-03-15", "--format", fmt, *extra, **kwargs)


def findings(invoke, repo: Repo) -> list[dict]:
    result = check(invoke, repo)
    document = json.loads(result.stdout)
    assert (result.exit_code == 1) == bool(document["rewrites"]), result.stderr
    assert document["against"] == "HEAD"
    return document["rewrites"]


def line_of(repo: Repo, pattern: str) -> int:
    lines = repo.tracker.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if re.search(pattern, line))


def test_an_honest_progress_commit_passes(repo, invoke):
    (repo.path / "hmic.toml").write_text("require_evidence = true\n", encoding="utf-8")
    doc = repo.read()
    progress(find(doc, "B1"), "2024-03-10", "complete", "Delivered.", by="Alice", evidence="https://intranet/b1")
    progress(find(doc, "B2"), "2024-03-10", "in-progress", "Started.")
    b3 = find(doc, "B3")
    b3.update(deadline="by-date", due="2024-09-30", due_revisions=[
        {"on": "2024-03-10", "previous": "2024-07-01", "due": "2024-09-30", "reason": "Agreed at the board."}])
    find(doc, "B4")["waiver"] = {"until": "2024-09-01", "reason": "The council's plan slipped to August."}
    doc["recommendations"].append(item("B5", due="2031-01-01"))
    doc["themes"].append({"id": "leadership", "label": "Leadership", "description": ""})
    repo.write(doc)
    result = check(invoke, repo)
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["rewrites"] == []
    assert "the record since HEAD is intact" in result.stderr


def test_a_history_entry_changed(repo, invoke):
    doc = repo.read()
    find(doc, "B1")["history"][1]["note"] = "Plan agreed last year."
    repo.write(doc)
    (found,) = findings(invoke, repo)
    assert (found["kind"], found["id"], found["path"]) == ("history-changed", "B1", "recommendations[0].history[1]")
    assert found["line"] == line_of(repo, r"Plan agreed last year") - 3  # the entry's opening brace
    assert "Plan agreed. → Plan agreed last year." in found["message"]


def test_a_history_entry_removed(repo, invoke):
    doc = repo.read()
    del find(doc, "B1")["history"][0]
    repo.write(doc)
    (found,) = findings(invoke, repo)
    assert (found["kind"], found["id"]) == ("history-removed", "B1")
    assert found["line"] == line_of(repo, r'"history": \[')


def test_an_item_removed(repo, invoke):
    doc = repo.read()
    doc["recommendations"] = [r for r in doc["recommendations"] if r["id"] != "B2"]
    repo.write(doc)
    (found,) = findings(invoke, repo)
    assert (found["kind"], found["id"]) == ("item-removed", "B2")
    assert found["line"] == line_of(repo, r'"recommendations": \[')


def test_a_report_removed(repo, invoke):
    doc = repo.read()
    doc["reports"] = doc["reports"][:1]
    repo.write(doc)
    (found,) = findings(invoke, repo)
    assert (found["kind"], found["id"]) == ("report-removed", "spare-2023")


def test_a_theme_removed(repo, invoke):
    doc = repo.read()
    doc["themes"] = doc["themes"][:1]
    repo.write(doc)
    (found,) = findings(invoke, repo)
    assert (found["kind"], found["id"]) == ("theme-removed", "custody")


def test_a_due_date_moved_without_a_revision(repo, invoke):
    doc = repo.read()
    find(doc, "B2")["due"] = "2031-06-30"
    repo.write(doc)
    (found,) = findings(invoke, repo)
    assert (found["kind"], found["id"]) == ("due-moved", "B2")
    assert "2030-01-01 to 2031-06-30" in found["message"]
    assert found["line"] == line_of(repo, r'"due": "2031-06-30"')


def test_a_deadline_class_changed_moves_the_due_date_too(repo, invoke):
    doc = repo.read()
    find(doc, "B3")["deadline"] = "twelve-months"  # 2024-07-01 -> 2025-01-01, no revision
    repo.write(doc)
    (found,) = findings(invoke, repo)
    assert found["kind"] == "due-moved" and "2024-07-01 to 2025-01-01" in found["message"]


def test_an_item_closed_without_the_evidence_the_project_file_requires(repo, invoke):
    doc = repo.read()
    progress(find(doc, "B1"), "2024-03-10", "complete", "Delivered.", by="Alice")
    repo.write(doc)
    assert findings(invoke, repo) == []  # no policy: a closure needs nothing
    (repo.path / "hmic.toml").write_text("require_evidence = true\n", encoding="utf-8")
    (found,) = findings(invoke, repo)
    assert (found["kind"], found["id"], found["path"]) == ("closed-without-evidence", "B1",
                                                           "recommendations[0].history[2]")


def test_an_item_closed_without_the_sign_off_the_project_file_requires(repo, invoke):
    (repo.path / "hmic.toml").write_text("sign_off = true\n", encoding="utf-8")
    doc = repo.read()
    progress(find(doc, "B2"), "2024-03-10", "complete", "Done.", by="Bob", evidence="https://intranet/b2")
    repo.write(doc)
    (found,) = findings(invoke, repo)
    assert (found["kind"], found["id"]) == ("closed-without-sign-off", "B2")
    assert "no proposal was signed off" in found["message"]


def test_a_waiver_extended_without_a_reason(repo, invoke):
    doc = repo.read()
    find(doc, "B4")["waiver"]["until"] = "2024-12-31"
    repo.write(doc)
    (found,) = findings(invoke, repo)
    assert (found["kind"], found["id"]) == ("waiver-extended-without-reason", "B4")
    assert found["line"] == line_of(repo, r'"until": "2024-12-31"')


def test_entries_inserted_before_later_ones_are_not_a_rewrite(repo, invoke):
    """Back-filled progress (schema 2 keeps history in date order) adds to the record."""
    doc = repo.read()
    find(doc, "B1")["history"].insert(1, {"on": "2024-01-15", "status": "open", "note": "Owner briefed."})
    repo.write(doc)
    assert findings(invoke, repo) == []


@pytest.fixture
def rewritten(repo) -> Repo:
    doc = repo.read()
    find(doc, "B1")["history"][1]["note"] = "Plan agreed last year."
    repo.write(doc)
    return repo


def test_every_format_places_the_finding_at_its_line(rewritten, invoke, tmp_path):
    import junitparser

    line = line_of(rewritten, r"Plan agreed last year") - 3
    summary = tmp_path / "summary.md"
    text = check(invoke, rewritten, "text")
    assert text.exit_code == 1
    assert f"tracker.json:{line}:" in text.stdout and "history-changed" in text.stdout
    markdown = check(invoke, rewritten, "markdown").stdout
    assert f"| {line} | history-changed | B1 |" in markdown
    github = check(invoke, rewritten, "github", env={"GITHUB_STEP_SUMMARY": str(summary)}).stdout
    assert re.search(rf"^::error file=[^,]*tracker\.json,line={line},col=\d+,title=B1", github, re.M), github
    assert "history-changed" in summary.read_text(encoding="utf-8")
    junit = junitparser.JUnitXml.fromstring(check(invoke, rewritten, "junit").stdout.encode())
    cases = [case for suite in junit for case in suite if case.result]
    assert len(cases) == 1 and f"tracker.json:{line}:" in cases[0].result[0].message
    sarif = json.loads(check(invoke, rewritten, "sarif").stdout)
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "record-rewritten"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == line


def test_the_gate_and_the_guard_combine(rewritten, invoke):
    """--against adds to the policy's verdict: overdue items still fail without --fail-on never."""
    result = invoke("--data", rewritten.tracker, "check", "--against", "HEAD", "--as-of", "2024-08-01",
                    "--format", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [i["id"] for i in document["failing"]] == ["B3"] and len(document["rewrites"]) == 1


def test_an_unknown_revision_is_a_usage_error(repo, invoke):
    result = invoke("--data", repo.tracker, "check", "--against", "origin/nowhere")
    assert result.exit_code == 2 and "unknown revision" in result.stderr


def test_the_readme_pull_request_recipe_runs_the_guard():
    yaml = pytest.importorskip("yaml")
    from tests.test_ci_recipes import is_github_workflow, recipe, triggers

    workflow = yaml.safe_load(recipe(is_github_workflow))
    assert "pull_request" in triggers(workflow)
    jobs = [job for job in workflow["jobs"].values()
            if any("check --against" in step.get("run", "") for step in job["steps"])]
    assert len(jobs) == 1, "one job runs the record's guard"
    (job,) = jobs
    assert "pull_request" in job.get("if", "")
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "the base revision must be fetched"
    run = next(s["run"] for s in job["steps"] if "check --against" in s.get("run", ""))
    assert "github.base_ref" in run or "github.event.pull_request.base.sha" in run


def test_a_tracker_new_since_the_revision_has_no_past_to_rewrite(repo, invoke):
    added = repo.path / "second.json"
    added.write_text(repo.tracker.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke("--data", added, "check", "--against", "HEAD", "--fail-on", "never", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rewrites"] == []
    assert "does not exist at HEAD" in result.stderr


@pytest.mark.parametrize(("approver", "approvers", "passes"), [
    ("Erin", "", True),                          # anyone but the owner and the proposer
    ("Alice", "", False),                        # the owner signed off her own item
    ("Bob", "", False),                          # the proposer signed off his own proposal
    ("Frank", 'approvers = ["Erin"]\n', False),  # not among the approvers
])
def test_a_schema_2_sign_off_is_checked_against_the_policy(repo, invoke, approver, approvers, passes):
    (repo.path / "hmic.toml").write_text("sign_off = true\n" + approvers, encoding="utf-8")
    doc = repo.read()
    doc["schema_version"] = 2
    b2 = find(doc, "B2")
    b2["owner"] = "Alice"
    repo.write(doc)
    repo.commit("Schema 2", "2024-03-02")
    doc = repo.read()
    b2 = find(doc, "B2")
    progress(b2, "2024-03-05", "awaiting-sign-off", "Proposed.", by="Bob", evidence="https://intranet/b2")
    progress(b2, "2024-03-10", "complete", "Signed off.", by=approver, proposed_by="Bob", proposed_on="2024-03-05")
    repo.write(doc)
    found = findings(invoke, repo)
    assert (found == []) is passes, found
    if not passes:
        assert [f["kind"] for f in found] == ["closed-without-sign-off"]


AUDIT = {"id": "audit-2024", "title": "Audit 2024", "inspectorate": "Internal audit", "force": "Example Police",
         "published": "2024-01-01", "source": "tests", "issuer": "internal-audit"}


@pytest.fixture
def audit(tmp_path, monkeypatch) -> Repo:
    """A schema 2 tracker whose internal audit findings take their due dates from their priorities."""
    repo = Repo(tmp_path)
    doc = tracker(item("IA-1", "none", report="audit-2024", priority="1"),
                  item("IA-2", "none", report="audit-2024", priority="3"), reports=[AUDIT], themes=THEMES)
    doc["schema_version"] = 2
    repo.write(doc)
    repo.commit("Tracker", "2024-03-01")
    monkeypatch.chdir(tmp_path)
    return repo


@pytest.mark.parametrize("change", ["priority", "issuer", "published"])
def test_a_due_date_moved_by_the_priority_rule_is_caught(audit, invoke, change):
    """The guard derives due dates by the one rule `list` uses: a priority, an issuer or a publication date
    changed without a revision moves IA-1's due date (one month from publication under priority 1)."""
    doc = audit.read()
    if change == "priority":
        find(doc, "IA-1")["priority"] = "3"
    elif change == "issuer":
        doc["reports"][0]["issuer"] = "other"  # no priorities: IA-1 and IA-2 have no due date at all
    else:
        doc["reports"][0]["published"] = "2024-02-01"
    audit.write(doc)
    found = findings(invoke, audit)
    moved = sorted((f["id"], f["message"]) for f in found if f["kind"] == "due-moved")
    listed = json.loads(invoke("--data", audit.tracker, "list", "--all", "--format", "json",
                               "--as-of", "2024-03-15").stdout)
    assert moved and all(f"{rec_id}: the due date moved from " in message for rec_id, message in moved)
    if change == "priority":
        assert [rec_id for rec_id, _ in moved] == ["IA-1"]
        assert "2024-02-01 to " in moved[0][1]
    else:
        assert [rec_id for rec_id, _ in moved] == ["IA-1", "IA-2"]
    ia1 = next(i for i in listed["recommendations"] if i["id"] == "IA-1")  # the guard's new date is `list`'s
    assert f"to {ia1['due_date'] or 'none'} without" in dict(moved)["IA-1"]
