"""Every issuer (issue 32): one register for HMICFRS, a coroner, the IOPC and internal audit, each in its own
words; due dates from an issuer's priority rule; one action answering many asks; supersede chains; themes by
issuer; stale items. Through the CLI (CliRunner) and a real `hmic` process; outputs read back with json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import flat

AS_OF = "2025-06-01"
PROJECT = """data = "tracker.json"
sign_off = true

[issuers.internal-audit.priorities]
1 = "1 month"
2 = "3 months"
3 = "28 days"
"""


@pytest.fixture
def register(invoke, tmp_path, monkeypatch):
    """A tracker with an HMICFRS report, a coroner's report, an IOPC recommendation and an internal audit report,
    in a folder whose hmic.toml gives internal audit's priorities their deadlines."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HMIC_USER", "Ann Clerk")
    monkeypatch.delenv("HMIC_DATA", raising=False)
    assert invoke("init", "--empty", "tracker.json", "--no-config").exit_code == 0
    (tmp_path / "hmic.toml").write_text(PROJECT, encoding="utf-8")

    def ok(*args):
        result = invoke(*args)
        assert result.exit_code == 0, result.stderr
        return result

    ok("report", "add", "--id", "peel-2025", "--title", "PEEL 2025", "--force", "Kent", "--published", "2025-03-01")
    ok("report", "add", "--id", "pfd-smith", "--title", "Regulation 28 report", "--force", "Kent",
       "--published", "2025-04-01", "--issuer", "coroner")
    ok("report", "add", "--id", "iopc-learning", "--title", "IOPC learning", "--force", "Kent",
       "--published", "2025-05-01", "--issuer", "iopc")
    ok("report", "add", "--id", "ia-custody", "--title", "Internal audit: custody", "--force", "Kent",
       "--published", "2025-01-31", "--issuer", "internal-audit")
    for rid, report, deadline, extra in (("HMI-3", "peel-2025", "six-months", ()), ("PFD-1", "pfd-smith", "none", ()),
                                         ("IOPC-1", "iopc-learning", "three-months", ()),
                                         ("IA-12", "ia-custody", "none", ("--priority", "1")),
                                         ("IA-13", "ia-custody", "none", ("--priority", "3"))):
        ok("add", "--id", rid, "--report", report, "--deadline", deadline, "--theme", "record-keeping",
           "--text", f"Text of {rid}.", "--on", "2025-05-20", *extra)
    return tmp_path / "tracker.json"


def _json(invoke, *args) -> dict:
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _items(invoke, *args) -> dict:
    return {r["id"]: r for r in _json(invoke, "list", "--all", "--as-of", AS_OF, *args)["recommendations"]}


def test_each_issuer_is_shown_in_its_own_words(invoke, register):
    shown = {rid: flat(invoke("show", rid, "--as-of", AS_OF).stdout) for rid in ("HMI-3", "PFD-1", "IOPC-1", "IA-12")}
    assert "Type recommendation" in shown["HMI-3"] and "Issuer HMICFRS" in shown["HMI-3"]
    assert "Type matter of concern" in shown["PFD-1"] and "Issuer Coroner" in shown["PFD-1"]
    assert "Type learning recommendation" in shown["IOPC-1"] and "Issuer IOPC" in shown["IOPC-1"]
    assert "Type finding" in shown["IA-12"] and "Priority 1" in shown["IA-12"]
    table = flat(invoke("list", "--all", "--as-of", AS_OF).stdout)
    assert "Matter of concern (Coroner): Text of PFD-1." in table
    assert "Finding (Internal audit), priority 1: Text of IA-12." in table
    assert "Learning recommendation (IOPC): Text of IOPC-1." in table
    markdown = invoke("list", "--all", "--as-of", AS_OF, "--format", "markdown").stdout
    assert "Matter of concern (Coroner): Text of PFD-1." in markdown
    items = _items(invoke)  # JSON keeps the codes
    assert {items[i]["type"] for i in items} == {"recommendation"}
    document = json.loads(register.read_text())
    assert {r["id"]: r.get("issuer") for r in document["reports"]} == {
        "peel-2025": None, "pfd-smith": "coroner", "iopc-learning": "iopc", "ia-custody": "internal-audit"}


def test_internal_audit_due_dates_come_from_the_project_files_priority_rule(invoke, register):
    items = _items(invoke)
    assert items["IA-12"]["due_date"] == "2025-02-28"  # published 31 Jan + 1 month, clamped to the month's end
    assert items["IA-13"]["due_date"] == "2025-02-28"  # + 28 days (the project file's rule, not the bundled 6 months)
    assert items["PFD-1"]["due_date"] is None  # a coroner's item has no priority rule
    project = register.parent / "hmic.toml"
    project.write_text(PROJECT.replace('3 = "28 days"', '3 = "2 months"'), encoding="utf-8")
    assert _items(invoke)["IA-13"]["due_date"] == "2025-03-31"  # the rule as the file says it now


def test_a_priority_the_issuer_does_not_have_is_refused_and_nothing_is_written(invoke, register):
    before = register.read_bytes()
    result = invoke("add", "--report", "ia-custody", "--deadline", "none", "--theme", "training", "--text", "x",
                    "--priority", "9")
    assert result.exit_code == 2 and "not a priority of Internal audit" in result.stderr
    assert invoke("edit", "IA-12", "--priority", "high").exit_code == 2  # the file's priorities replace the bundled
    assert register.read_bytes() == before
    moved = invoke("edit", "IA-12", "--priority", "2")  # 2025-02-28 -> 2025-04-30: a revision, not a side effect
    assert moved.exit_code == 2 and "would move IA-12's due date from 2025-02-28 to 2025-04-30" in moved.stderr
    assert "--due 2025-04-30 --reason" in moved.stderr and register.read_bytes() == before
    assert invoke("edit", "IA-12", "--priority", "2", "--due", "2025-04-30", "--reason", "Re-graded.").exit_code == 0
    assert _items(invoke)["IA-12"]["due_date"] == "2025-04-30"
    rec = json.loads(register.read_text())["recommendations"][3]
    entry = next(e for e in rec["history"] if "edit" in e and e["edit"]["field"] == "priority")
    assert entry["edit"] == {"field": "priority", "from": "1", "to": "2"} and entry["by"] == "Ann Clerk"
    assert rec["due_revisions"][-1] | {"on": None} == {"on": None, "previous": "2025-02-28", "due": "2025-04-30",
                                                       "reason": "Re-graded.", "by": "Ann Clerk"}


def test_a_priority_change_may_keep_the_due_date(invoke, register):
    assert invoke("edit", "IA-12", "--priority", "2", "--due", "2025-02-28").exit_code == 0
    rec = json.loads(register.read_text())["recommendations"][3]
    assert (rec["priority"], rec["due"], rec.get("due_revisions")) == ("2", "2025-02-28", None)
    assert _items(invoke)["IA-12"]["due_date"] == "2025-02-28"


def test_an_unknown_issuer_is_exit_2_and_a_project_file_may_define_one(invoke, register):
    before = register.read_bytes()
    result = invoke("report", "add", "--id", "x", "--title", "X", "--force", "Kent", "--published", "2025-01-01",
                    "--issuer", "ombudsman")
    assert result.exit_code == 2 and "unknown issuer 'ombudsman'" in result.stderr
    assert invoke("report", "edit", "peel-2025", "--issuer", "ombudsman").exit_code == 2
    assert register.read_bytes() == before
    project = register.parent / "hmic.toml"
    project.write_text(PROJECT + '\n[issuers.ombudsman]\ntypes = { recommendation = "ruling" }\nresponse_days = 28\n',
                       encoding="utf-8")
    assert invoke("report", "edit", "peel-2025", "--issuer", "ombudsman").exit_code == 0
    assert "Type ruling" in flat(invoke("show", "HMI-3").stdout)


@pytest.mark.parametrize(("table", "key", "line"), [
    ('[issuers.internal-audit.priorities]\n1 = "1 month"\n2 = "soon"\n', "issuers.internal-audit.priorities.2", 5),
    ("[issuers.coroner]\nresponse_days = -1\n", "issuers.coroner.response_days", 4),
    ('[issuers.coroner]\n\ncolour = "red"\n', "issuers.coroner.colour", 5),
    ('[issuers.coroner.types]\nwish = "a wish"\n', "issuers.coroner.types.wish", 4),
    ('[issuers.Bad_Name]\nresponse_days = 5\n', "issuers.Bad_Name", 3),
])
def test_a_bad_issuer_table_names_the_file_the_line_and_the_key(invoke, register, table, key, line):
    project = register.parent / "hmic.toml"
    text = 'data = "tracker.json"\n\n' + table
    project.write_text(text, encoding="utf-8")
    result = invoke("list")
    assert result.exit_code == 2, result.stdout
    message = flat(result.stderr)
    assert f"hmic.toml:{line}: key '{key}'" in message, message


def test_one_action_answering_three_items_under_three_issuers(invoke, register, monkeypatch):
    before = register.read_bytes()
    refused = invoke("add", "--answers", "HMI-3,PFD-1", "--text", "x", "--due", "2025-12-31")
    assert refused.exit_code == 2 and "only an action answers" in refused.stderr  # a recommendation answers nothing
    assert register.read_bytes() == before
    assert invoke("add", "--type", "action", "--answers", "HMI-3,PFD-1,IA-12", "--id", "ACT-1", "--owner", "DI Patel",
                  "--text", "Install an electronic cell-check system.", "--due", "2025-06-20",
                  "--on", "2025-05-20").exit_code == 0
    items = _items(invoke)
    for rid in ("HMI-3", "PFD-1", "IA-12"):
        assert items[rid]["answered_by"] == ["ACT-1"]
        assert items[rid]["progress"] == {"closed": 0, "total": 1}
    assert items["HMI-3"]["rag"] == "green" and items["HMI-3"]["rolled_up_rag"] == "amber"  # the action is due soon
    assert items["IA-12"]["rolled_up_rag"] == "red"  # its own RAG is worse
    assert items["IOPC-1"]["answered_by"] == [] and items["IOPC-1"]["progress"] is None
    shown = flat(invoke("show", "ACT-1").stdout)
    assert "Answers HMI-3 (open), PFD-1 (open), IA-12 (open)" in shown
    assert "Answered by ACT-1 (open)" in flat(invoke("show", "PFD-1").stdout)
    # wide enough that no owner's name wraps beside the text (a wrapped name lands between its words)
    tree = flat(invoke("list", "--all", "--tree", "--as-of", AS_OF, env={"COLUMNS": "200"}).stdout)
    assert "answers HMI-3, PFD-1, IA-12" in tree and "answered by ACT-1" in tree

    # sign-off is on: the action is proposed, then signed off; that closes it and moves each answered item on
    assert invoke("update", "ACT-1", "--status", "awaiting-sign-off", "--evidence", "https://intranet/cells",
                  "--by", "DI Patel").exit_code == 0
    assert _items(invoke)["HMI-3"]["status"] == "open"  # proposing the action is not closing it
    assert invoke("sign-off", "ACT-1", "--by", "Supt Rowe").exit_code == 0
    items = _items(invoke)
    for rid in ("HMI-3", "PFD-1", "IA-12"):
        assert items[rid]["status"] == "awaiting-sign-off"
        assert items[rid]["history"][-1]["by"] == "Supt Rowe"  # who closed the action: the write's author
        assert items[rid]["progress"] == {"closed": 1, "total": 1}
    assert items["IOPC-1"]["status"] == "open"
    # each is signed off on its own, under its own rules: not by its proposer, and by someone else
    assert invoke("sign-off", "PFD-1", "--by", "Supt Rowe").exit_code == 2
    assert invoke("sign-off", "PFD-1", "--by", "ACC Smith").exit_code == 0
    items = _items(invoke)
    assert items["PFD-1"]["status"] == "complete"
    assert items["HMI-3"]["status"] == items["IA-12"]["status"] == "awaiting-sign-off"


def test_without_sign_off_completing_the_action_proposes_what_it_answers(invoke, register):
    (register.parent / "hmic.toml").write_text(PROJECT.replace("sign_off = true\n", ""), encoding="utf-8")
    invoke("update", "HMI-3", "--status", "complete", "--note", "Done already")
    assert invoke("add", "--type", "action", "--answers", "HMI-3,IOPC-1", "--id", "ACT-1", "--text", "x",
                  "--due", "2025-12-31").exit_code == 0
    result = invoke("update", "ACT-1", "--status", "complete", "--by", "DI Patel")
    assert result.exit_code == 0 and "awaiting sign-off now: IOPC-1" in flat(result.stderr)
    items = _items(invoke)
    assert items["HMI-3"]["status"] == "complete"  # a closed item stays as it is
    assert items["IOPC-1"]["status"] == "awaiting-sign-off" and items["IOPC-1"]["history"][-1]["by"] == "DI Patel"


def test_answers_are_checked(invoke, register):
    before = register.read_bytes()
    for answers, said in (("NOPE-1", "NOPE-1"), ("HMI-3,ACT-9", "ACT-9")):
        result = invoke("add", "--type", "action", "--answers", answers, "--text", "x", "--due", "2025-12-31")
        assert result.exit_code == 2 and said in result.stderr
    assert register.read_bytes() == before
    document = json.loads(register.read_text())
    document["recommendations"].append({**document["recommendations"][0], "id": "ACT-2", "type": "action",
                                        "answers": ["HMI-3", "GHOST"]})
    document["recommendations"][1]["superseded_by"] = "HMI-3"
    document["recommendations"][0]["superseded_by"] = "PFD-1"
    register.write_text(json.dumps(document, indent=2))
    result = invoke("validate", "--format", "json")
    problems = [p["message"] for p in json.loads(result.stdout)["files"][0]["problems"]]
    assert result.exit_code == 3
    assert any("GHOST" in p for p in problems)
    assert any("circle" in p for p in problems)


def test_supersede_records_both_ends_and_show_prints_the_chain(invoke, register):
    invoke("report", "add", "--id", "ia-2026", "--title", "Internal audit: follow-up", "--force", "Kent",
           "--published", "2026-01-31", "--issuer", "internal-audit")
    assert invoke("add", "--id", "IA2-1", "--report", "ia-2026", "--deadline", "none", "--priority", "2",
                  "--theme", "record-keeping", "--text", "Re-issued.").exit_code == 0
    before = register.read_bytes()
    assert invoke("supersede", "IA-12", "--by", "IA2-1").exit_code == 2  # --reason is required
    assert invoke("supersede", "IA-12", "--by", "IA-12", "--reason", "x").exit_code == 2
    assert register.read_bytes() == before
    assert invoke("supersede", "IA-12", "--by", "IA2-1", "--reason", "re-issued in 2026").exit_code == 0
    assert invoke("add", "--id", "IA3-1", "--report", "ia-2026", "--deadline", "none", "--theme", "training",
                  "--text", "Again.").exit_code == 0
    assert invoke("supersede", "IA2-1", "--by", "IA3-1", "--reason", "merged").exit_code == 0
    before = register.read_bytes()
    assert invoke("supersede", "IA3-1", "--by", "IA-12", "--reason", "circle").exit_code == 2
    assert register.read_bytes() == before
    items = _items(invoke)
    assert items["IA-12"]["superseded_by"] == "IA2-1" and items["IA-12"]["status"] == "superseded"
    assert items["IA2-1"]["carried_forward_from"] == "IA-12" and items["IA2-1"]["superseded_by"] == "IA3-1"
    assert items["IA-12"]["history"][-1]["by"] == "Ann Clerk"
    chain = "Chain IA-12 (superseded) -> IA2-1 (superseded) -> IA3-1 (open)"
    assert chain in flat(invoke("show", "IA-12").stdout)
    assert chain in flat(invoke("show", "IA3-1").stdout)
    links = _json(invoke, "show", "IA3-1")["links"]
    assert [c["id"] for c in links["chain"]] == ["IA-12", "IA2-1", "IA3-1"]


def test_a_chain_is_counted_once(invoke, register):
    from hmic_cli.chains import count_once
    from hmic_cli.store.loading import load

    document = json.loads(register.read_text())
    recs = document["recommendations"]
    recs[0]["superseded_by"] = "IOPC-1"  # HMI-3 re-issued as IOPC-1, both still open (as an import might leave them)
    register.write_text(json.dumps(document, indent=2))
    assert count_once(load(register).dataset.recommendations) == (5, 4)
    summary = _json(invoke, "summary")
    assert summary["overall"]["outstanding"] == 5 and summary["outstanding_counting_chains_once"] == 4
    assert "(4 counting each re-issued chain once)" in flat(invoke("summary").stdout)


def test_themes_by_issuer(invoke, register):
    invoke("add", "--id", "PFD-2", "--report", "pfd-smith", "--deadline", "none", "--theme", "training",
           "--text", "Train staff.")
    found = _json(invoke, "themes", "--by-issuer")
    rows = {r["theme"]: r for r in found["themes"]}
    assert rows["record-keeping"]["recurring"] is True
    assert {i["issuer"]: i["items"] for i in rows["record-keeping"]["issuers"]} == {
        "internal-audit": 2, "hmicfrs": 1, "coroner": 1, "iopc": 1}
    assert rows["training"]["recurring"] is False and found["recurring"] == 1
    table = flat(invoke("themes", "--by-issuer").stdout)
    assert "recurring: 4 issuers" in table and "Internal audit" in table
    assert invoke("themes", "--by-issuer", "--format", "markdown").exit_code == 2


def test_list_stale_counts_an_answering_actions_progress(invoke, register):
    stale = lambda as_of: [r["id"] for r in _json(invoke, "list", "--stale", "10", "--as-of", as_of)  # noqa: E731
                           ["recommendations"]]
    assert stale("2025-05-25") == []  # every item was added on 20 May
    assert set(stale("2025-06-20")) == {"HMI-3", "PFD-1", "IOPC-1", "IA-12", "IA-13"}
    invoke("add", "--type", "action", "--answers", "PFD-1", "--id", "ACT-1", "--text", "x", "--due", "2025-12-31",
           "--on", "2025-05-20")
    invoke("update", "ACT-1", "--status", "in-progress", "--note", "Started", "--on", "2025-06-15")
    invoke("update", "IOPC-1", "--status", "in-progress", "--note", "Started", "--on", "2025-06-16")
    assert set(stale("2025-06-20")) == {"HMI-3", "IA-12", "IA-13"}


def test_a_version_1_tracker_refuses_the_new_fields_pointing_at_migrate(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    v1 = tmp_path / "v1.json"
    v1.write_text((Path(__file__).parent / "fixtures" / "bundled-v1.json").read_text())
    before = v1.read_bytes()
    result = invoke("--data", v1, "report", "add", "--id", "pfd", "--title", "PFD", "--force", "Kent",
                    "--published", "2025-01-01", "--issuer", "coroner")
    assert result.exit_code == 2 and "hmic migrate" in flat(result.stderr)
    edited = invoke("--data", v1, "report", "edit", "northamptonshire-child-protection-2014", "--issuer", "coroner")
    assert edited.exit_code == 2 and "hmic migrate" in flat(edited.stderr)
    assert v1.read_bytes() == before
    assert invoke("--data", v1, "list", "--all").exit_code == 0  # a version 1 file loads unchanged
    assert invoke("migrate", v1).exit_code == 0
    assert invoke("--data", v1, "report", "add", "--id", "pfd", "--title", "PFD", "--force", "Kent",
                  "--published", "2025-01-01", "--issuer", "coroner").exit_code == 0


def test_a_real_process_shows_the_issuers_words(register):
    env = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "200", "HMIC_USER": "Ann Clerk"}
    result = subprocess.run([sys.executable, "-m", "hmic_cli", "show", "PFD-1"], cwd=register.parent, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "matter of concern" in result.stdout and "Coroner" in result.stdout


def test_merge_and_diff_know_the_new_fields(invoke, register, tmp_path):
    base = tmp_path / "base.json"
    base.write_bytes(register.read_bytes())
    theirs = tmp_path / "theirs.json"
    assert invoke("supersede", "IOPC-1", "--by", "HMI-3", "--reason", "re-issued").exit_code == 0  # ours
    theirs_side = json.loads(base.read_text())
    theirs_side["reports"][1]["issuer"] = "hmi-prisons"  # theirs: the coroner's report was HMI Prisons'
    theirs_side["recommendations"][3]["priority"] = "2"
    theirs_side["recommendations"].append({**theirs_side["recommendations"][0], "id": "ACT-1", "type": "action",
                                           "answers": ["PFD-1", "IA-12"], "history": []})
    theirs.write_text(json.dumps(theirs_side, indent=2))
    assert invoke("merge", base, register, theirs).exit_code == 0
    merged = json.loads(register.read_text())
    recs = {r["id"]: r for r in merged["recommendations"]}
    assert recs["IOPC-1"]["superseded_by"] == "HMI-3" and recs["HMI-3"]["carried_forward_from"] == "IOPC-1"
    assert recs["IA-12"]["priority"] == "2" and recs["ACT-1"]["answers"] == ["PFD-1", "IA-12"]
    assert merged["reports"][1]["issuer"] == "hmi-prisons"
    changes = _json(invoke, "diff", base, register, "--as-of", AS_OF)["changes"]
    kinds = {(c["id"], c["kind"]): (c["from"], c["to"]) for c in changes}
    assert kinds[("IOPC-1", "superseded")] == (None, "HMI-3")
    assert kinds[("IA-12", "priority")] == ("1", "2")
    assert kinds[("PFD-1", "issuer")] == ("coroner", "hmi-prisons")
    assert ("ACT-1", "added") in kinds


def test_import_sets_the_new_reports_issuer(invoke, register, tmp_path):
    text = tmp_path / "pfd.txt"
    text.write_text("Recommendations\n\nWithin six months, the force should review custody checks.\n")
    result = invoke("import", text, "--into", register, "--title", "PFD Jones", "--force", "Kent",
                    "--published", "2025-02-01", "--issuer", "coroner")
    assert result.exit_code == 0, result.stderr
    report = json.loads(register.read_text())["reports"][-1]
    assert report["issuer"] == "coroner" and report["inspectorate"] == "Coroner"
    before = register.read_bytes()
    assert invoke("import", text, "--into", register, "--title", "PFD Other", "--force", "Kent",
                  "--published", "2025-02-01", "--issuer", "bogus").exit_code == 2
    assert register.read_bytes() == before


def test_clearing_the_answers_of_an_action_without_a_parent_is_refused(invoke, register):
    assert invoke("add", "--type", "action", "--answers", "PFD-1", "--id", "ACT-1", "--text", "x",
                  "--due", "2025-12-31").exit_code == 0
    before = register.read_bytes()
    result = invoke("edit", "ACT-1", "--answers", "")
    assert result.exit_code == 2 and "no parent" in result.stderr
    assert register.read_bytes() == before
    assert invoke("edit", "ACT-1", "--parent", "HMI-3").exit_code == 0
    assert invoke("edit", "ACT-1", "--answers", "").exit_code == 0
    assert "answers" not in json.loads(register.read_text())["recommendations"][-1]


def _by_issuer_result():
    from datetime import date

    from hmic_cli.issuer_themes import ByIssuer, IssuerCount, ThemeIssuers

    return ByIssuer(date(2025, 6, 1), [
        ThemeIssuers("record-keeping", "Record keeping", (IssuerCount("internal-audit", "Internal audit", 2, 1),
                                                          IssuerCount("coroner", "Coroner", 1, 1))),
        ThemeIssuers("training", "Training", (IssuerCount("hmicfrs", "HMICFRS", 3, 0),))])


def test_themes_by_issuer_exact_output(monkeypatch):
    import io

    from hmic_cli import formats

    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    out = io.StringIO()
    formats.get("themes-by-issuer", "json").renderer()(_by_issuer_result(), out)
    assert json.loads(out.getvalue()) == {"as_of": "2025-06-01", "count": 2, "recurring": 1, "themes": [
        {"theme": "record-keeping", "label": "Record keeping", "recurring": True, "issuers": [
            {"issuer": "internal-audit", "label": "Internal audit", "items": 2, "outstanding": 1},
            {"issuer": "coroner", "label": "Coroner", "items": 1, "outstanding": 1}]},
        {"theme": "training", "label": "Training", "recurring": False, "issuers": [
            {"issuer": "hmicfrs", "label": "HMICFRS", "items": 3, "outstanding": 0}]}]}
    out = io.StringIO()
    formats.get("themes-by-issuer", "table").renderer()(_by_issuer_result(), out)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    assert lines[0] == "Themes by issuer as of 2025-06-01 (1 asked about by more than one issuer)"
    assert lines[1].split() == ["Theme", "ID", "Issuer", "Items", "Outstanding"]
    assert set(lines[2]) == {"─"}
    assert lines[3].split() == ["Record", "keeping", "record-keeping", "Internal", "audit", "2", "1", "recurring:",
                                "2", "issuers"]
    assert lines[4].split() == ["Coroner", "1", "1"]
    assert lines[5].split() == ["Training", "training", "HMICFRS", "3", "0"]
    assert len(lines) == 6


def test_a_new_issuer_never_moves_a_due_date_or_strands_a_priority(invoke, register):
    """`report edit --issuer` is checked against the report's items before anything is written: a priority the
    new issuer lacks, or a due date its priority rule would move, is exit 2 naming the items."""
    before = register.read_bytes()
    moved = invoke("report", "edit", "ia-custody", "--issuer", "other")  # no priorities: the dates would go
    assert moved.exit_code == 2, moved.stderr
    assert "would move the due dates of IA-12 (2025-02-28 to none), IA-13 (2025-02-28 to none)" in flat(moved.stderr)
    project = register.parent / "hmic.toml"
    project.write_text(PROJECT + '\n[issuers.audit-firm.priorities]\nA = "1 month"\n', encoding="utf-8")
    stranded = invoke("report", "edit", "ia-custody", "--issuer", "audit-firm")
    assert stranded.exit_code == 2 and "has no priority for IA-12 (1), IA-13 (3)" in flat(stranded.stderr)
    assert register.read_bytes() == before
    for rid, due in (("IA-12", "2025-02-28"), ("IA-13", "2025-02-28")):  # kept as they are: then the issuer may go
        assert invoke("edit", rid, "--priority", "", "--due", due).exit_code == 0
    assert invoke("report", "edit", "ia-custody", "--issuer", "other").exit_code == 0
    assert {i: r["due_date"] for i, r in _items(invoke).items() if i.startswith("IA")} == {
        "IA-12": "2025-02-28", "IA-13": "2025-02-28"}


def test_the_inspectorate_named_follows_a_new_issuer(invoke, register):
    reports = {r["id"]: r for r in json.loads(register.read_text())["reports"]}
    assert reports["peel-2025"]["inspectorate"] == "HMICFRS"
    assert invoke("report", "edit", "peel-2025", "--issuer", "hmics").exit_code == 0
    reports = {r["id"]: r for r in json.loads(register.read_text())["reports"]}
    assert (reports["peel-2025"]["issuer"], reports["peel-2025"]["inspectorate"]) == ("hmics", "HMICS")


def test_each_issuer_with_a_response_window_runs_its_clock(invoke, register):
    """A coroner's and the IOPC's 56 days run without a report's own response_days; the project file's
    [issuers.NAME] response_days replaces the bundled window; HMICFRS and internal audit have none."""
    clocks = {r["id"]: (r["response_days"], r["response_due"], r["state"])
              for r in _json(invoke, "reports", "--as-of", AS_OF)["reports"]}
    assert clocks["pfd-smith"][:2] == (56, "2025-05-27") and clocks["iopc-learning"][:2] == (56, "2025-06-26")
    assert clocks["peel-2025"] == (None, None, "not required") and clocks["ia-custody"][0] is None
    checked = invoke("check", "--as-of", AS_OF, "--fail-on", "never", "--format", "json")
    assert "pfd-smith" in checked.stdout  # the coroner's response, due 27 May, is missed on 1 June
    project = register.parent / "hmic.toml"
    project.write_text(PROJECT + "\n[issuers.coroner]\nresponse_days = 90\n", encoding="utf-8")
    clock = next(r for r in _json(invoke, "reports", "--as-of", AS_OF)["reports"] if r["id"] == "pfd-smith")
    assert (clock["response_days"], clock["response_due"]) == (90, "2025-06-30")
