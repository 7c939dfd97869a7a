"""Issue 34/35: one name rule (people.py) on every path that asks "who": a spreadsheet import, owners'
updates, sign-off, the record guard and remind, each given the same look-alike names."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hmic_cli import guard, people, reminders
from hmic_cli.store import loading

OWNER = "DI Patel"
# The owner's name as people and programs write it: case, doubled spaces, a non-breaking space, full-width
# letters, a zero-width space.
LOOK_ALIKES = ["di  patel", "DI\u00a0Patel", "\uff24\uff29 Patel", "DI Pa\u200btel", " DI PATEL "]
APPROVER, APPROVER_AS_TYPED = "Supt Rowe", "supt\u00a0 ROWE"


def test_the_rule_folds_look_alikes_and_keeps_other_people_apart():
    assert all(people.same(OWNER, name) for name in LOOK_ALIKES)
    assert not people.same(OWNER, "DS Patel") and not people.same(OWNER, "") and not people.same(None, None)
    assert people.lookup({OWNER: "p@example.org"}, LOOK_ALIKES[1]) == "p@example.org"


@pytest.fixture
def team(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("init", "--empty", "--no-config", "tracker.json").exit_code == 0
    (tmp_path / "hmic.toml").write_text(
        f'data = "tracker.json"\nsign_off = true\napprovers = ["{APPROVER}", "{OWNER}"]\n\n'
        f'[owners]\n"{OWNER}" = "patel@example.org"\n"{APPROVER}" = "rowe@example.org"\n', encoding="utf-8")
    return tmp_path


def _sheet(tmp_path, owner: str, by: str, status: str = "Complete - awaiting sign off"):
    path = tmp_path / "register.csv"
    path.write_text("Ref,Recommendation,Owner,Status,Evidence,Updated by,Updated on\r\n"
                    f"1,The force should improve its crime recording.,{owner},{status},Audit report v2,{by},"
                    "01/03/2024\r\n", encoding="utf-8")
    return path


def _import(invoke, path):
    return invoke("import", path, "--into", "tracker.json", "--title", "Crime data integrity", "--force",
                  "Northshire", "--published", "2024-01-10", "--by", "Board Secretary")


@pytest.mark.parametrize("look_alike", LOOK_ALIKES)
def test_every_path_treats_a_look_alike_as_the_owner(invoke, team, look_alike):
    # spreadsheet import: the owner as the sheet writes it, proposed for sign-off by the owner's look-alike
    result = _import(invoke, _sheet(team, look_alike, look_alike))
    assert result.exit_code == 0, result.stderr
    tracker = team / "tracker.json"
    before = json.loads(tracker.read_text(encoding="utf-8"))
    [item] = before["recommendations"]
    assert item["status"] == "awaiting-sign-off" and all(e.get("by") for e in item["history"])
    # remind: the owner is an approver but is not asked to sign off their own item; the other approver is
    dataset = loading.load(tracker).dataset
    found = reminders.digests(dataset, date(2024, 3, 2), date(2024, 4, 1), {OWNER: "patel@example.org"},
                              approvers=(APPROVER, OWNER))
    asked = {d.owner: [i.rec.id for i in d.awaiting] for d in found.digests}
    assert asked == {APPROVER: [item["id"]]}
    # sign-off: the owner's look-alike cannot sign it off; the approver written another way can
    refused = invoke("sign-off", item["id"], "--by", OWNER if look_alike != OWNER else look_alike)
    assert refused.exit_code == 2 and "cannot sign off their own item" in refused.stderr
    assert invoke("sign-off", item["id"], "--by", APPROVER_AS_TYPED).exit_code == 0
    # the record guard: that sign-off passes; the same closure signed by the owner's look-alike does not
    text = tracker.read_text(encoding="utf-8")
    policy = guard.Policy(sign_off=True, approvers=(APPROVER, OWNER))
    assert guard.guard(before, json.loads(text), text, policy) == []
    document = json.loads(text)
    document["recommendations"][0]["history"][-1]["by"] = look_alike
    selfsigned = json.dumps(document, indent=2)
    kinds = [f.kind for f in guard.guard(before, json.loads(selfsigned), selfsigned, policy)]
    assert kinds == ["closed-without-sign-off"]


def test_a_complete_row_under_sign_off_is_refused_naming_its_cell(invoke, team):
    before = (team / "tracker.json").read_bytes()
    result = _import(invoke, _sheet(team, OWNER, OWNER, status="Complete"))
    assert result.exit_code == 2 and "register.csv!D2" in result.stderr and "signs items off" in result.stderr
    assert (team / "tracker.json").read_bytes() == before


def test_a_row_proposed_for_sign_off_without_evidence_is_refused(invoke, team):
    path = _sheet(team, OWNER, OWNER, status="Pending sign off")
    path.write_text(path.read_text(encoding="utf-8").replace("Audit report v2", ""), encoding="utf-8")
    result = _import(invoke, path)
    assert result.exit_code == 2 and "needs an Evidence cell" in result.stderr


@pytest.mark.parametrize("look_alike", ["ds  green", "DS\u00a0Green", "\uff24\uff33 Green"])
def test_owners_updates_then_sign_off_treat_a_look_alike_as_the_proposer(invoke, team, look_alike):
    from openpyxl import load_workbook

    assert _import(invoke, _sheet(team, OWNER, OWNER, status="In progress")).exit_code == 0
    pack = team / "board.xlsx"
    assert invoke("report", "--format", "xlsx", "--output", pack, "--as-of", "2024-03-02").exit_code == 0
    book = load_workbook(pack)
    sheet = book["Recommendations"]
    heading = {cell.value: cell.column for cell in sheet[1]}
    for name, value in (("Status", "Pending sign off"), ("Evidence", "Audit report v3"),
                        ("Updated by", look_alike), ("Updated on", "05/03/2024")):
        sheet.cell(row=2, column=heading[name], value=value)
    book.save(pack)
    result = invoke("import", pack, "--updates", "--into", "tracker.json")
    assert result.exit_code == 0, result.stderr
    [item] = json.loads((team / "tracker.json").read_text(encoding="utf-8"))["recommendations"]
    assert item["status"] == "awaiting-sign-off" and item["history"][-1]["by"] == look_alike
    refused = invoke("sign-off", item["id"], "--by", "DS Green")
    assert refused.exit_code == 2 and "cannot sign off their own proposal" in refused.stderr
