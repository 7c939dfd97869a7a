"""The inspectorate's cycle (issue 31): the 56-day response and `respond`, the inspectorate's own status,
verified closure and `reopen`, extensions an approver decides, `list --format hmicfrs`, and the schema.

Through real `hmic` processes in a team's folder (the project file is found from the working folder), and
Typer's CliRunner; outputs read back with json, csv, python-docx and lxml. Every refusal is checked to leave
the tracker's bytes as they were."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_team import clean_env, hmic

pytestmark = pytest.mark.skipif(shutil.which("hmic") is None, reason="no hmic on PATH")
REPORT = "northamptonshire-child-protection-2014"  # published 2014-01-28 (the bundled sample)


@pytest.fixture
def folder(tmp_path):
    """`hmic init tracker.json` in a fresh folder; HMIC_USER = DI Patel."""
    where = tmp_path / "force"
    where.mkdir()
    env = clean_env(tmp_path)
    assert hmic("init", "tracker.json", cwd=where, env=env).returncode == 0
    return where, env


def settings(where: Path, **keys) -> None:
    """Put `keys` at the top of hmic.toml (before its [owners] table)."""
    toml = where / "hmic.toml"
    lines = [f"{k} = {json.dumps(v) if not isinstance(v, bool) else str(v).lower()}" for k, v in keys.items()]
    toml.write_text("\n".join(lines) + "\n" + toml.read_text())


def ok(*args, cwd, env) -> subprocess.CompletedProcess:
    done = hmic(*args, cwd=cwd, env=env)
    assert done.returncode == 0, done.stderr
    return done


def refused(*args, cwd, env, says: str) -> subprocess.CompletedProcess:
    """Exit 2, the message on stderr, no traceback and the tracker's bytes unchanged."""
    before = (cwd / "tracker.json").read_bytes()
    done = hmic(*args, cwd=cwd, env=env)
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert says in done.stderr and "Traceback" not in done.stderr
    assert (cwd / "tracker.json").read_bytes() == before
    return done


def item(where: Path, item_id: str) -> dict:
    return next(r for r in json.loads((where / "tracker.json").read_text())["recommendations"] if r["id"] == item_id)


def report_json(where: Path, env, as_of: str) -> dict:
    return json.loads(ok("reports", "--format", "json", "--as-of", as_of, cwd=where, env=env).stdout)["reports"][0]


# --- the response and its clock --------------------------------------------------------------------------------

def test_no_clock_runs_unless_asked_and_the_bundled_sample_behaves_as_before(folder):
    where, env = folder
    shown = report_json(where, env, "2015-01-01")
    assert shown["response_due"] is None and shown["state"] == "not required"
    verdict = json.loads(hmic("check", "--as-of", "2014-01-01", "--format", "json", cwd=where, env=env).stdout)
    assert verdict["verdict"] == "pass" and "responses_late" not in verdict  # nothing new for an old tracker


def test_response_due_56_days_on_warns_then_fails_until_responded(folder):
    where, env = folder
    ok("report", "edit", REPORT, "--response-days", "56", cwd=where, env=env)
    assert report_json(where, env, "2014-02-01")["response_due"] == "2014-03-25"  # 28 Jan + 56 days
    never = ("check", "--fail-on", "never")
    soon = hmic(*never, "--as-of", "2014-03-01", "--warn-within", "30", cwd=where, env=env)
    assert soon.returncode == 0 and f"response due: {REPORT}" in soon.stdout
    quiet = hmic(*never, "--as-of", "2014-02-01", "--warn-within", "30", cwd=where, env=env)
    assert quiet.returncode == 0 and "response" not in quiet.stdout  # 52 days away: outside the window
    # no item selected (none awaits sign-off): the missed response fails alone, under the default policy
    late = hmic("check", "--status", "awaiting-sign-off", "--as-of", "2014-03-26", "--format", "json",
                cwd=where, env=env)
    assert late.returncode == 1
    document = json.loads(late.stdout)
    assert [r["id"] for r in document["responses_late"]] == [REPORT] and document["failing"] == []
    reported = hmic(*never, "--as-of", "2014-03-26", cwd=where, env=env)  # policy never: reported, never failed
    assert reported.returncode == 0 and f"response missed: {REPORT}" in reported.stdout
    refused("report", "edit", REPORT, "--responded", "2014-01-01", cwd=where, env=env, says="before the report")
    ok("report", "edit", REPORT, "--responded", "2014-03-24", "--response-url", "https://pcc.example/r",
       cwd=where, env=env)
    after = hmic("check", "--status", "awaiting-sign-off", "--as-of", "2014-03-26", cwd=where, env=env)
    assert after.returncode == 0 and "response" not in after.stdout
    shown = report_json(where, env, "2014-03-26")
    assert shown["state"] == "responded" and shown["response_url"] == "https://pcc.example/r"


def test_the_project_files_response_days_runs_every_reports_clock(folder):
    where, env = folder
    settings(where, response_days=56)
    assert report_json(where, env, "2014-02-01")["response_due"] == "2014-03-25"
    gate = ("check", "--status", "awaiting-sign-off", "--as-of")
    assert hmic(*gate, "2014-03-25", cwd=where, env=env).returncode == 0  # due today: not yet missed
    assert hmic(*gate, "2014-03-26", cwd=where, env=env).returncode == 1


def test_respond_drafts_markdown_html_and_docx_one_row_per_item(folder):
    docx = pytest.importorskip("docx")
    lxml = pytest.importorskip("lxml.html")
    where, env = folder
    ok("edit", "NCP-1", "--response", "Strategy discussions are recorded on the force system.", cwd=where, env=env)
    markdown = ok("respond", REPORT, "--marking", "OFFICIAL", cwd=where, env=env)
    rows = [line for line in markdown.stdout.splitlines() if line.startswith("| NCP-")]
    assert len(rows) == 9 and "recorded on the force system" in rows[0] and "No response yet" in rows[1]
    assert markdown.stdout.startswith("**OFFICIAL**")
    assert "8 of 9 items have no response yet: NCP-2, NCP-3" in markdown.stderr
    ok("respond", REPORT, "--format", "docx", "--output", "response.docx", "--marking", "OFFICIAL-SENSITIVE",
       cwd=where, env=env)
    document = docx.Document(str(where / "response.docx"))
    (table,) = document.tables
    assert len(table.rows) == 1 + 9  # a header row, then one row per item
    assert [c.text for c in table.rows[1].cells][:1] == ["NCP-1"]
    assert table.rows[2].cells[3].text == "No response yet"
    section = document.sections[0]
    assert section.header.paragraphs[0].text == section.footer.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)
    ok("respond", REPORT, "--format", "html", "--output", "response.html", cwd=where, env=env)
    page = lxml.fromstring((where / "response.html").read_bytes())
    assert len(page.xpath("//tbody/tr")) == 9 and page.xpath("//h1")


def test_respond_refuses_an_unknown_report_and_a_v1_tracker_refuses_a_clock(folder, tmp_path):
    where, env = folder
    done = hmic("respond", "no-such-report", cwd=where, env=env)
    assert done.returncode == 2 and "no report with id" in done.stderr
    old = tmp_path / "v1.json"
    document = json.loads((where / "tracker.json").read_text()) | {"schema_version": 1}
    old.write_text(json.dumps(document, indent=2))
    before = old.read_bytes()
    done = hmic("--data", old, "report", "edit", REPORT, "--response-days", "56", cwd=where, env=env)
    assert done.returncode == 2 and "hmic migrate" in done.stderr and old.read_bytes() == before


# --- the inspectorate's status ---------------------------------------------------------------------------------

def test_inspectorate_status_recorded_filtered_exported_beside_the_forces(folder):
    where, env = folder
    refused("update", "NCP-3", "--inspectorate", "no-further-action-needed", "--on", "2014-06-01",
            cwd=where, env=env, says="--note")
    refused("update", "NCP-3", cwd=where, env=env, says="--status")
    ok("update", "NCP-3", "--inspectorate", "no-further-action-needed", "--on", "2014-06-01", "--note",
       "Addressed by the national programme", cwd=where, env=env)
    ok("update", "NCP-2", "--status", "complete", "--note", "Done", "--on", "2014-05-01", cwd=where, env=env)
    rec = item(where, "NCP-3")
    assert rec["inspectorate_status"] == {"status": "no-further-action-needed", "on": "2014-06-01",
                                          "note": "Addressed by the national programme"}
    assert rec["status"] == "open" and rec["history"][-1]["by"] == "DI Patel"  # NFA is not the force's superseded
    listed = json.loads(ok("list", "--inspectorate", "awaiting-review", "--format", "json", cwd=where, env=env).stdout)
    assert [r["id"] for r in listed["recommendations"]] == ["NCP-2"]  # closed by the force, not by the inspectorate
    superseded = json.loads(ok("list", "--status", "superseded", "--format", "json", cwd=where, env=env).stdout)
    assert superseded["count"] == 0
    rows = list(csv.DictReader(io.StringIO(ok("list", "--all", "--format", "hmicfrs", cwd=where, env=env).stdout)))
    by_ref = {r["Reference"]: r for r in rows}
    assert by_ref["NCP-3"]["Inspectorate status"] == "no further action needed"
    assert by_ref["NCP-3"]["Inspectorate status date"] == "2014-06-01"
    assert by_ref["NCP-2"]["Force status"] == "complete" and by_ref["NCP-2"]["Inspectorate status"] == "awaiting review"
    assert by_ref["NCP-6"]["Deadline"] == "within six months" and by_ref["NCP-1"]["Type"] == "recommendation"
    assert not any("-" in r["Force status"] for r in rows)  # words, never codes


def test_accelerated_cause_of_concern_is_a_type_add_knows(folder):
    where, env = folder
    ok("add", "--report", REPORT, "--type", "accelerated-cause-of-concern", "--text", "Safeguarding referrals are "
       "not made in time.", "--deadline", "immediate", "--theme", "referrals", "--id", "ACOC-1", cwd=where, env=env)
    ok("add", "--parent", "ACOC-1", "--type", "recommendation", "--text", "Refer within a day.", "--deadline",
       "three-months", cwd=where, env=env)
    assert item(where, "ACOC-1")["type"] == "accelerated-cause-of-concern"
    assert hmic("check", "--fail-on", "never", cwd=where, env=env).returncode == 0


# --- verified closure ------------------------------------------------------------------------------------------

def test_closed_items_are_implemented_until_verified_by_another_after_n_days_and_reopen_keeps_history(folder):
    where, env = folder
    settings(where, verify_after_days=90)
    ok("edit", "NCP-1", "--owner", "DI Patel", cwd=where, env=env)
    ok("update", "NCP-1", "--status", "complete", "--note", "Done", "--on", "2014-03-01", cwd=where, env=env)
    summary = json.loads(ok("summary", "--format", "json", cwd=where, env=env).stdout)["cycle"]
    assert (summary["implemented"], summary["verified"]) == (1, 0)
    refused("verify", "NCP-1", "--note", "Held", cwd=where, env=env, says="an owner cannot verify")
    refused("verify", "NCP-1", "--note", "Held", "--by", "Supt Rowe", "--on", "2014-05-29", cwd=where, env=env,
            says="verified from 2014-05-30")
    refused("verify", "NCP-2", "--note", "Held", "--by", "Supt Rowe", cwd=where, env=env, says="not complete")
    ok("verify", "NCP-1", "--note", "Audit shows it held", "--evidence", "https://x.example/audit", "--by",
       "Supt Rowe", "--on", "2014-05-30", cwd=where, env=env)
    rec = item(where, "NCP-1")
    assert rec["verified"] == {"on": "2014-05-30", "by": "Supt Rowe", "note": "Audit shows it held",
                               "evidence": "https://x.example/audit"}
    verdict = json.loads(hmic("check", "--format", "json", "--fail-on", "never", cwd=where, env=env).stdout)
    assert (verdict["counts"]["implemented"], verdict["counts"]["verified"]) == (0, 1)
    shutil.copyfile(where / "tracker.json", where / "before.json")
    refused("reopen", "NCP-2", "--reason", "x", cwd=where, env=env, says="not closed")
    ok("reopen", "NCP-1", "--reason", "June audit found lapses", cwd=where, env=env)
    rec = item(where, "NCP-1")
    assert rec["status"] == "in-progress" and "verified" not in rec
    assert [e.get("status") for e in rec["history"] if e.get("status")] == ["open", "complete", "in-progress"]
    assert rec["history"][-1]["by"] == "DI Patel" and rec["history"][-1]["note"] == "Reopened: June audit found lapses"
    diff = json.loads(ok("diff", "before.json", "tracker.json", "--format", "json", cwd=where, env=env).stdout)
    assert [(c["id"], c["kind"]) for c in diff["changes"] if c["kind"] == "reopened"] == [("NCP-1", "reopened")]
    assert json.loads(ok("summary", "--format", "json", cwd=where, env=env).stdout)["cycle"]["reopened"] == 1


# --- extensions ------------------------------------------------------------------------------------------------

def test_a_second_revision_waits_for_an_approver_under_max_revisions_1(folder):
    where, env = folder
    settings(where, max_revisions=1, approvers=["ACC Smith", "Supt Rowe"])
    refused("edit", "NCP-4", "--due", "2014-06-30", "--reason", "Trainers", cwd=where, env=env, says="--category")
    ok("edit", "NCP-4", "--due", "2014-06-30", "--reason", "Trainers", "--category", "resources", cwd=where, env=env)
    done = ok("edit", "NCP-4", "--due", "2014-09-30", "--reason", "Council delay", "--category",
              "partner-dependency", cwd=where, env=env)
    assert "awaiting approval" in done.stderr
    rec = item(where, "NCP-4")
    assert rec["due"] == "2014-06-30" and rec["extension_request"]["due"] == "2014-09-30"  # the date stays
    refused("edit", "NCP-4", "--due", "2014-10-30", "--reason", "Again", "--category", "other", cwd=where, env=env,
            says="already has an extension")
    refused("approve", "NCP-4", cwd=where, env=env, says="cannot approve their own request")
    refused("approve", "NCP-4", "--by", "PC Jones", cwd=where, env=env, says="not one of this tracker's approvers")
    refused("approve", "NCP-4", "--reject", "--by", "ACC Smith", cwd=where, env=env, says="--reason")
    ok("approve", "NCP-4", "--by", "ACC Smith", cwd=where, env=env)
    rec = item(where, "NCP-4")
    assert rec["due"] == "2014-09-30" and "extension_request" not in rec
    assert rec["due_revisions"][-1] | {"on": "-"} == {
        "on": "-", "previous": "2014-06-30", "due": "2014-09-30", "reason": "Council delay", "by": "ACC Smith",
        "approved_on": rec["due_revisions"][-1]["on"], "category": "partner-dependency", "requested_by": "DI Patel"}
    ok("edit", "NCP-4", "--due", "2014-12-31", "--reason", "Scope grew", "--category", "scope-change",
       cwd=where, env=env)
    ok("approve", "NCP-4", "--reject", "--reason", "Not agreed", "--by", "Supt Rowe", cwd=where, env=env)
    rec = item(where, "NCP-4")
    assert rec["due"] == "2014-09-30" and "extension_request" not in rec
    assert rec["history"][-1]["note"] == "Extension rejected: Not agreed" and rec["history"][-1]["by"] == "Supt Rowe"
    delays = json.loads(ok("summary", "--format", "json", cwd=where, env=env).stdout)["cycle"]["delays"]
    assert delays["resources"] == 1 and delays["partner-dependency"] == 1 and delays["scope-change"] == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_check_against_fails_a_due_date_moved_without_an_approval(folder):
    where, env = folder
    settings(where, max_revisions=1)
    git_env = env | {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                     "GIT_COMMITTER_EMAIL": "t@x"}
    for args in (("init", "-q"), ("add", "."), ("commit", "-qm", "start")):
        subprocess.run(["git", *args], cwd=where, env=git_env, check=True)
    ok("edit", "NCP-4", "--due", "2014-06-30", "--reason", "Trainers", "--category", "resources", cwd=where, env=env)
    assert hmic("check", "--against", "HEAD", "--fail-on", "never", cwd=where, env=env).returncode == 0  # the first
    subprocess.run(["git", "commit", "-qam", "first revision"], cwd=where, env=git_env, check=True)
    document = json.loads((where / "tracker.json").read_text())  # a second revision written by hand, unapproved
    rec = next(r for r in document["recommendations"] if r["id"] == "NCP-4")
    rec["due_revisions"].append({"on": rec["due_revisions"][-1]["on"], "previous": "2014-06-30", "due": "2014-12-31",
                                 "reason": "Quietly moved", "category": "other"})
    rec["due"] = "2014-12-31"
    (where / "tracker.json").write_text(json.dumps(document, indent=2))
    done = hmic("check", "--against", "HEAD", "--fail-on", "never", "--format", "json", cwd=where, env=env)
    assert done.returncode == 1
    assert [f["kind"] for f in json.loads(done.stdout)["rewrites"]] == ["due-unapproved"]
    subprocess.run(["git", "checkout", "-q", "tracker.json"], cwd=where, env=git_env, check=True)
    ok("edit", "NCP-4", "--due", "2014-12-31", "--reason", "Asked properly", "--category", "other", cwd=where, env=env)
    ok("approve", "NCP-4", "--by", "ACC Smith", cwd=where, env=env)
    assert hmic("check", "--against", "HEAD", "--fail-on", "never", cwd=where, env=env).returncode == 0


# --- the schema ------------------------------------------------------------------------------------------------

def test_schema_validate_and_merge_know_the_new_fields(folder, invoke, tmp_path):
    where, env = folder
    schema = json.loads(invoke("schema").stdout)
    props = schema["$defs"]["Recommendation"]["properties"]
    assert {"response", "inspectorate_status", "verified", "extension_request"} <= set(props)
    assert "response_days" in schema["$defs"]["Report"]["properties"]
    assert "response_days" not in json.dumps(json.loads(invoke("schema", "--version", "1").stdout))
    document = json.loads((where / "tracker.json").read_text())
    document["recommendations"][0]["inspectorate_status"] = {"status": "finished", "on": "2014-06-01"}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, indent=2))
    result = invoke("validate", bad)
    assert result.exit_code == 3 and "recommendations[0].inspectorate_status.status" in result.stdout
    base = where / "tracker.json"
    ours, theirs = tmp_path / "ours.json", tmp_path / "theirs.json"
    shutil.copyfile(base, ours)
    shutil.copyfile(base, theirs)
    ok("--data", ours, "edit", "NCP-1", "--response", "Our words.", cwd=where, env=env)
    ok("--data", theirs, "update", "NCP-2", "--inspectorate", "being-progressed", "--on", "2014-06-01",
       cwd=where, env=env)
    merged = hmic("merge", base, ours, theirs, cwd=where, env=env)
    assert merged.returncode == 0, merged.stderr
    result = json.loads(ours.read_text())["recommendations"]
    assert result[0]["response"] == "Our words." and result[1]["inspectorate_status"]["status"] == "being-progressed"


def test_show_puts_the_inspectorates_status_beside_the_forces(folder):
    where, env = folder
    ok("update", "NCP-2", "--status", "complete", "--note", "Done", "--on", "2014-05-01", cwd=where, env=env)
    ok("update", "NCP-3", "--inspectorate", "disputed", "--on", "2014-06-01", "--note", "The force disagrees",
       cwd=where, env=env)
    ok("edit", "NCP-3", "--response", "We will audit the referrals.", cwd=where, env=env)
    closed = ok("show", "NCP-2", cwd=where, env=env).stdout
    assert "awaiting review (the force has closed it; the inspectorate has not)" in closed
    shown = ok("show", "NCP-3", cwd=where, env=env).stdout
    assert "disputed on 2014-06-01: The force disagrees" in shown and "We will audit the referrals." in shown
    document = json.loads(ok("show", "NCP-3", "--format", "json", cwd=where, env=env).stdout)
    assert document["inspectorate"] == "disputed" and document["status"] == "open"


def test_import_sets_a_new_reports_response_days(folder):
    where, env = folder
    source = where / "report.txt"
    source.write_text("Recommendations\n\nWithin six months, the force should write a plan for its custody suites.\n",
                      encoding="utf-8")
    ok("import", source, "--into", "tracker.json", "--report", "westshire-custody-2025", "--title", "Custody",
       "--force", "Westshire Police", "--published", "2025-03-04", "--response-days", "56", cwd=where, env=env)
    shown = json.loads(ok("reports", "--report", "westshire-custody-2025", "--format", "json", "--as-of",
                          "2025-03-05", cwd=where, env=env).stdout)["reports"]
    assert [(r["id"], r["response_due"], r["items"]) for r in shown] == [("westshire-custody-2025", "2025-04-29", 1)]


def test_a_response_due_past_9999_is_the_last_day_there_is(bundled, write_data, invoke):
    bundled["reports"][0] |= {"published": "9998-12-31", "response_days": 3660}
    path = write_data(bundled)
    result = invoke("--data", path, "reports", "--format", "json", "--as-of", "9999-01-01")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["reports"][0]["response_due"] == "9999-12-31"
    assert invoke("--data", path, "check", "--as-of", "9999-01-01", "--fail-on", "never").exit_code == 0


def test_a_version_1_file_loads_unchanged_and_refuses_the_new_fields(bundled, write_data, invoke):
    old = bundled | {"schema_version": 1}
    path = write_data(old)
    assert invoke("validate", path).exit_code == 0
    assert invoke("--data", path, "reports", "--format", "json").exit_code == 0
    for array, extra in (("recommendations", {"response": "x"}), ("reports", {"response_days": 56}),
                         ("recommendations", {"type": "accelerated-cause-of-concern"})):
        changed = json.loads(json.dumps(old))
        changed[array][0].update(extra)
        result = invoke("validate", write_data(changed, "changed.json"))
        # not `hmic migrate`: it reads the file as version 1 first, and refuses it for this very field
        assert result.exit_code == 3 and '"schema_version": 2' in result.stdout, (extra, result.stdout)
