"""Items under items (issue 20): a cause of concern with recommendations, a recommendation with
actions; roll-up of progress and RAG; early completion refused; `list --tree`; history that can
be back-filled; version 1 files that need migrating first."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

REPORT = "northamptonshire-child-protection-2014"
V1 = Path(__file__).parent / "fixtures" / "bundled-v1.json"
AS_OF = "2014-03-01"  # the immediate items (due 2014-01-28) are overdue, the six-month ones green


@pytest.fixture
def family(invoke, data_copy, monkeypatch):
    """CoC-1 over NCP-2 (immediate) and NCP-6 (six months); NCP-6 has two actions due soon and later."""
    monkeypatch.setenv("HMIC_USER", "DI Patel")

    def ok(*args):
        result = invoke("--data", data_copy, *args)
        assert result.exit_code == 0, result.stderr
        return result

    ok("add", "--report", REPORT, "--type", "cause-of-concern", "--id", "CoC-1", "--deadline", "six-months",
       "--theme", "multi-agency", "--text", "Arrangements to protect children are not good enough.", "--on", AS_OF)
    ok("edit", "NCP-2", "--parent", "CoC-1", "--on", AS_OF)
    ok("edit", "NCP-6", "--parent", "CoC-1", "--on", AS_OF)
    ok("add", "--parent", "NCP-6", "--text", "Agree the referral form with the council.", "--owner", "DS Khan",
       "--due", "2014-03-20", "--on", AS_OF)
    ok("add", "--parent", "NCP-6", "--text", "Train the MASH staff on the form.", "--owner", "DS Khan",
       "--due", "2014-06-30", "--on", AS_OF)
    return data_copy


def _items(invoke, data, *args) -> dict:
    result = invoke("--data", data, "list", "--all", "--as-of", AS_OF, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return {r["id"]: r for r in json.loads(result.stdout)["recommendations"]}


def test_actions_take_their_parents_report_and_themes_and_a_due_date_makes_them_by_date(invoke, family):
    items = _items(invoke, family)
    action = items["NCP-6.1"]
    assert action["type"] == "action" and action["parent"] == "NCP-6"
    assert action["report"] == REPORT and action["themes"] == items["NCP-6"]["themes"]
    assert action["deadline"] == "by-date" and action["due"] == "2014-03-20"
    assert items["NCP-6.2"]["id"] == "NCP-6.2"


def test_progress_and_rag_roll_up(invoke, family):
    items = _items(invoke, family)
    assert items["CoC-1"]["children"] == ["NCP-2", "NCP-6"]
    assert items["CoC-1"]["progress"] == {"closed": 0, "total": 2}
    assert items["NCP-6"]["rag"] == "green" and items["NCP-6.1"]["rag"] == "amber"
    assert items["NCP-6"]["rolled_up_rag"] == "amber"  # an action due within 30 days
    assert items["CoC-1"]["rag"] == "green" and items["CoC-1"]["rolled_up_rag"] == "red"  # NCP-2 is overdue
    assert items["NCP-6.2"]["children"] == [] and items["NCP-6.2"]["progress"] is None
    assert invoke("--data", family, "update", "NCP-6.1", "--status", "complete", "--on", AS_OF).exit_code == 0
    items = _items(invoke, family)
    assert items["NCP-6"]["progress"] == {"closed": 1, "total": 2} and items["NCP-6"]["rolled_up_rag"] == "green"
    assert _items(invoke, family, "--type", "action").keys() == {"NCP-6.1", "NCP-6.2"}


def test_a_parent_cannot_close_while_a_child_is_outstanding(invoke, family):
    before = family.read_bytes()
    for args in (["update", "CoC-1", "--status", "complete"],
                 ["update", "CoC-1", "--status", "awaiting-sign-off", "--evidence", "x"],
                 ["update", "NCP-6", "--status", "complete"]):
        refused = invoke("--data", family, *args, "--on", AS_OF)
        assert refused.exit_code == 2
        assert family.read_bytes() == before
    message = invoke("--data", family, "update", "CoC-1", "--status", "complete", "--on", AS_OF).stderr
    assert "NCP-2 (open)" in message and "NCP-6 (open)" in message and "NCP-6.1 (open)" in message
    for child in ("NCP-6.1", "NCP-6.2", "NCP-6", "NCP-2"):
        assert invoke("--data", family, "update", child, "--status", "complete", "--on", AS_OF).exit_code == 0
    assert invoke("--data", family, "update", "CoC-1", "--status", "complete", "--on", AS_OF).exit_code == 0


def test_list_tree_indents_children_under_their_parents(invoke, family):
    result = invoke("--data", family, "list", "--tree", "--as-of", AS_OF, "--sort", "id")
    row = re.compile(r"^ ( *)(└ )?([A-Za-z0-9.-]+) +(immediately|within six months|by a set date) ")
    rows = [(len(m.group(1)) // 2 + bool(m.group(2)), m.group(3)) for line in result.stdout.splitlines()
            if (m := row.match(line))]
    at = rows.index((0, "CoC-1"))
    assert rows[at:at + 5] == [(0, "CoC-1"), (1, "NCP-2"), (1, "NCP-6"), (2, "NCP-6.1"), (2, "NCP-6.2")]
    assert sorted(r[1] for r in rows) == sorted({r[1] for r in rows}) and len(rows) == 12  # each item once


def test_show_lists_children_and_the_roll_up(invoke, family):
    shown = invoke("--data", family, "show", "NCP-6", "--as-of", AS_OF).stdout
    assert "Parent    CoC-1" in shown or "CoC-1" in shown.split("Parent")[1].splitlines()[0]
    assert "NCP-6.1 (open, amber)" in shown and "0 of 2 children closed" in shown
    doc = json.loads(invoke("--data", family, "show", "CoC-1", "--as-of", AS_OF, "--format", "json").stdout)
    assert [c["id"] for c in doc["children_detail"]] == ["NCP-2", "NCP-6"]
    assert doc["rolled_up_rag"] == "red"


@pytest.mark.parametrize(("args", "says"), [
    (["edit", "CoC-1", "--parent", "NCP-6"], "a cause of concern has no parent"),
    (["edit", "NCP-6", "--parent", "NCP-6.1"], "the parent of a recommendation is a cause of concern"),
    (["edit", "NCP-6", "--parent", "NCP-6"], "its own parent"),
    (["edit", "CoC-1", "--type", "recommendation"], "the parent of a recommendation is a cause of concern"),
    (["add", "--type", "action", "--report", REPORT, "--text", "x", "--due", "2014-05-01", "--theme", "training"],
     "an action needs a parent"),
    (["edit", "NCP-1", "--parent", "NOPE"], "no recommendation with id 'NOPE'"),
])
def test_links_that_break_the_structure_are_refused(invoke, family, args, says):
    before = family.read_bytes()
    refused = invoke("--data", family, *args, "--on", AS_OF)
    assert refused.exit_code == 2 and says in refused.stderr, refused.stderr
    assert family.read_bytes() == before


def test_check_judges_each_item_once_on_its_own_due_date(invoke, family):
    doc = json.loads(invoke("--data", family, "check", "--as-of", AS_OF, "--format", "json").stdout)
    failing = [i["id"] for i in doc["failing"]]
    assert len(failing) == len(set(failing))
    assert "NCP-2" in failing and "CoC-1" not in failing and "NCP-6.1" not in failing  # roll-up is not a failure
    assert doc["counts"]["checked"] == 12


def test_back_filling_before_a_later_edit(invoke, data_copy, monkeypatch):
    monkeypatch.setenv("HMIC_USER", "DI Patel")
    assert invoke("--data", data_copy, "edit", "NCP-4", "--owner", "DI Patel").exit_code == 0
    done = invoke("--data", data_copy, "update", "NCP-4", "--status", "in-progress", "--on", "2019-05-20",
                  "--note", "Training review started")
    assert done.exit_code == 0, done.stderr
    item = json.loads(data_copy.read_text())["recommendations"][3]
    assert item["status"] == "in-progress"
    assert [e["on"] for e in item["history"]] == sorted(e["on"] for e in item["history"])
    assert item["history"][1]["status"] == "in-progress" and "status" not in item["history"][2]
    assert item["history"][2]["edit"] == {"field": "owner", "from": None, "to": "DI Patel"}
    log = invoke("--data", data_copy, "log", "--since", "2019-01-01", "--id" if False else "--theme", "training")
    assert "owner: - -> DI Patel" in log.stdout and "open -> open" not in log.stdout and "open → open" not in log.stdout
    refused = invoke("--data", data_copy, "update", "NCP-4", "--status", "open", "--on", "2019-05-01")
    assert refused.exit_code == 2 and "last status entry" in refused.stderr
    assert invoke("--data", data_copy, "validate").exit_code == 0


def test_a_version_1_tracker_is_told_to_migrate_for_what_needs_version_2(invoke, tmp_path):
    tracker = tmp_path / "v1.json"
    shutil.copyfile(V1, tracker)
    before = tracker.read_bytes()
    for args in (["add", "--parent", "NCP-1", "--text", "x", "--due", "2014-05-01"],
                 ["edit", "NCP-1", "--parent", "NCP-2"]):
        refused = invoke("--data", tracker, *args)
        assert refused.exit_code == 2 and "hmic migrate" in refused.stderr, refused.stderr
        assert tracker.read_bytes() == before
    # what version 1 can hold is written as version 1 writes it
    assert invoke("--data", tracker, "edit", "NCP-1", "--owner", "DI Patel", "--by", "Lead").exit_code == 0
    doc = json.loads(tracker.read_text())
    assert doc["schema_version"] == 1 and doc["recommendations"][0]["history"][-1]["status"] == "open"


def test_require_evidence_and_approvers_from_the_environment(invoke, data_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hmic.toml").write_text('data = "recommendations.json"\nrequire_evidence = true\nsign_off = true\n'
                                        'approvers = ["ACC Grey"]\n')
    monkeypatch.setenv("HMIC_USER", "DI Patel")
    before = data_copy.read_bytes()
    refused = invoke("update", "NCP-1", "--status", "superseded")
    assert refused.exit_code == 2 and "require_evidence" in refused.stderr
    assert data_copy.read_bytes() == before
    assert invoke("update", "NCP-1", "--status", "awaiting-sign-off", "--evidence", "https://x/1").exit_code == 0
    monkeypatch.setenv("HMIC_APPROVERS", "Ch Supt Rowe, ACC Grey")  # the environment over the file
    monkeypatch.setenv("HMIC_USER", "Ch Supt Rowe")
    assert invoke("sign-off", "NCP-1").exit_code == 0
    monkeypatch.delenv("HMIC_APPROVERS")
    proposed = invoke("update", "NCP-2", "--status", "awaiting-sign-off", "--evidence", "e", "--by", "DI Patel")
    assert proposed.exit_code == 0
    outsider = invoke("sign-off", "NCP-2")
    assert outsider.exit_code == 2 and "not one of this tracker's approvers (ACC Grey)" in outsider.stderr


def test_a_version_1_file_using_a_version_2_field_is_told_to_set_version_2(invoke, tmp_path):
    """Not 'hmic migrate', which reads the file as version 1 and refuses it for the same field (issue 34)."""
    doc = json.loads(V1.read_text())
    doc["recommendations"][1]["parent"] = "NCP-1"
    bad = tmp_path / "v1.json"
    bad.write_text(json.dumps(doc, indent=2))
    result = invoke("validate", bad)
    assert result.exit_code == 3 and "unknown field 'parent'" in result.stdout + result.stderr
    said = result.stdout + result.stderr
    assert '"schema_version": 2' in said and "hmic migrate" not in said


def test_the_roll_up_reaches_every_level(invoke, family):
    """A grandchild's RAG reaches the grandparent through a green child (not only one level down)."""
    assert invoke("--data", family, "update", "NCP-2", "--status", "complete", "--on", AS_OF).exit_code == 0
    items = _items(invoke, family)
    assert items["CoC-1"]["rag"] == "green" and items["NCP-2"]["rag"] == "closed"
    assert items["NCP-6"]["rag"] == "green" and items["NCP-6.1"]["rag"] == "amber"
    assert items["CoC-1"]["rolled_up_rag"] == "amber"  # from NCP-6.1, two levels down


def test_a_superseded_child_counts_as_closed_in_progress(invoke, family):
    assert invoke("--data", family, "update", "NCP-6.1", "--status", "superseded", "--on", AS_OF).exit_code == 0
    items = _items(invoke, family)
    assert items["NCP-6"]["progress"] == {"closed": 1, "total": 2}
    assert items["NCP-6"]["rolled_up_rag"] == "green"  # the superseded action no longer rolls up


def test_a_change_that_makes_an_item_its_own_childs_child_is_a_usage_error(invoke, family):
    """README: a refused change is exit 2 with the file untouched (not exit 3, as for a broken file)."""
    before = family.read_bytes()
    refused = invoke("--data", family, "edit", "NCP-6", "--parent", "NCP-6.1", "--on", AS_OF)
    assert refused.exit_code == 2, refused.stderr
    assert "NCP-6.1" in refused.stderr and "nothing was written" in refused.stderr
    assert family.read_bytes() == before
