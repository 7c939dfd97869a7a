"""Owners' updates by spreadsheet (issue 22, item 2): the board pack's XLSX, its owners' columns filled
in with openpyxl, brought back with `import --updates --into`; refusals name the cell and write nothing;
a second run adds nothing."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from openpyxl import load_workbook

from tests.conftest import flat

OWNERS_COLUMNS = ["Update", "Evidence", "Updated by", "Updated on"]


@pytest.fixture
def pack(invoke, data_copy, tmp_path):
    """The board pack of a copy of the bundled tracker, with NCP-1 and NCP-2 proposed as done in 2014."""
    assert invoke("--data", data_copy, "update", "NCP-3", "--status", "in-progress", "--on", "2014-02-01",
                  "--note", "Started").exit_code == 0
    out = tmp_path / "board.xlsx"
    result = invoke("--data", data_copy, "report", "--format", "xlsx", "--output", out, "--as-of", "2014-03-01")
    assert result.exit_code == 0, result.stderr
    return out


def fill(path, rows: dict[str, dict]) -> None:
    book = load_workbook(path)
    sheet = book["Recommendations"]
    heading = {cell.value: cell.column for cell in sheet[1]}
    for row in sheet.iter_rows(min_row=2):
        values = rows.get(row[0].value)
        for name, value in (values or {}).items():
            sheet.cell(row=row[0].row, column=heading[name], value=value)
    book.save(path)


def test_the_board_pack_has_the_owners_columns_blank(pack):
    sheet = load_workbook(pack)["Recommendations"]
    headings = [c.value for c in sheet[1]]
    assert headings[-4:] == OWNERS_COLUMNS and "ID" in headings and "Status" in headings
    assert all(sheet.cell(row=2, column=headings.index(h) + 1).value is None for h in OWNERS_COLUMNS)


def test_owners_updates_round_trip_into_the_history_and_the_log(invoke, data_copy, pack):
    fill(pack, {
        "NCP-1": {"Status": "Complete", "Update": "Strategy discussions now on the force system.",
                  "Evidence": "https://intranet.example/ncp-1", "Updated by": "DCI Patel",
                  "Updated on": datetime(2014, 3, 10)},
        "NCP-2": {"Update": "MASH referral audit under way.", "Updated by": "DS Green", "Updated on": "12/03/2014"},
        "NCP-3": {"Status": "Proposed for closure", "Evidence": "Training review v3", "Updated on": "14 March 2014"},
    })
    result = invoke("import", pack, "--updates", "--into", data_copy)
    assert result.exit_code == 0, result.stderr
    assert "Recorded 3 updates" in result.stderr
    items = {r["id"]: r for r in json.loads(data_copy.read_text())["recommendations"]}
    assert items["NCP-1"]["status"] == "complete"
    assert items["NCP-1"]["history"][-1] == {"on": "2014-03-10", "status": "complete",
                                             "note": "Strategy discussions now on the force system.",
                                             "by": "DCI Patel", "evidence": "https://intranet.example/ncp-1"}
    assert items["NCP-2"]["history"][-1]["status"] == "open"  # the status cell was left as it was
    assert items["NCP-2"]["history"][-1]["on"] == "2014-03-12"  # a date typed day first
    assert items["NCP-3"]["status"] == "awaiting-sign-off"
    assert items["NCP-4"]["history"] == json.loads(data_copy.read_text())["recommendations"][3]["history"]
    assert invoke("validate", data_copy).exit_code == 0

    log = json.loads(invoke("--data", data_copy, "log", "--since", "2014-03-01", "--until", "2014-03-31",
                            "--format", "json").stdout)
    moved = {(m["id"], m["from"], m["to"], m["by"], m["evidence"]) for m in log["changes"]}
    assert {("NCP-1", "open", "complete", "DCI Patel", "https://intranet.example/ncp-1"),
            ("NCP-2", "open", "open", "DS Green", None)} <= moved
    # a row with no Updated by records who brought the updates in: every write records `by` (issue 34)
    [ncp3] = [m for m in moved if m[0] == "NCP-3"]
    assert ncp3[1:3] == ("in-progress", "awaiting-sign-off") and ncp3[3] and ncp3[4] == "Training review v3"
    table = flat(invoke("--data", data_copy, "log", "--since", "2014-03-01", "--until", "2014-03-31").stdout)
    assert "DS Green" in table and "DCI Patel" in table and "NCP-2" in table

    before = data_copy.read_bytes()
    again = invoke("import", pack, "--updates", "--into", data_copy)
    assert again.exit_code == 0 and "Nothing to add" in again.stderr and "3 already recorded" in again.stderr
    assert data_copy.read_bytes() == before


@pytest.mark.parametrize(("rows", "column", "says"), [
    ({"NCP-1": {"ID": "NCP-99", "Update": "Done"}}, "ID", "no item with id 'NCP-99'"),
    ({"NCP-1": {"Status": "Sorted", "Update": "Done"}}, "Status", "status 'Sorted'"),
    ({"NCP-1": {"Update": "Done", "Updated on": "31/02/2014"}}, "Updated on", "has no day 31"),
    ({"NCP-1": {"Update": "Done", "Updated on": datetime(2099, 1, 1)}}, "Updated on", "after today"),
    ({"NCP-3": {"Update": "Back-dated", "Updated on": "2014-01-15"}}, "Updated on", "before its report was published"),
])
def test_a_bad_row_refuses_the_whole_file_naming_the_cell(invoke, data_copy, pack, rows, column, says):
    from openpyxl.utils import get_column_letter

    headings = [c.value for c in load_workbook(pack)["Recommendations"][1]]
    cell = "Recommendations!" + get_column_letter(headings.index(column) + 1)
    good = {"NCP-2": {"Update": "A good row that must not be written either.", "Updated on": "2014-03-02"}}
    fill(pack, good | rows)
    before = data_copy.read_bytes()
    result = invoke("import", pack, "--updates", "--into", data_copy)
    assert result.exit_code == 2, result.stderr
    message = flat(result.stderr)
    assert cell in message and says in message and "nothing was written" in message
    assert data_copy.read_bytes() == before


def test_updates_need_a_tracker_and_the_board_pack(invoke, pack, tmp_path, data_copy):
    assert invoke("import", pack, "--updates").exit_code == 2
    csv_file = tmp_path / "x.csv"
    csv_file.write_text("ID,Status\n")
    assert invoke("import", csv_file, "--updates", "--into", data_copy).exit_code == 2


@pytest.mark.parametrize(("row", "accepted", "says"), [
    ({"Status": "Complete", "Update": "All done", "Evidence": "https://intranet/audit"}, False,
     "NCP-1 cannot be set complete with an owners' update"),
    ({"Status": "Awaiting sign-off", "Update": "Please sign off"}, False, "needs an Evidence cell"),
    ({"Status": "Awaiting sign-off", "Update": "Please sign off", "Evidence": "https://intranet/audit"}, True, ""),
])
def test_a_tracker_that_signs_items_off_refuses_an_owners_row_that_closes_one(invoke, data_copy, pack, monkeypatch,
                                                                               row, accepted, says):
    """The team's rules hold for owners' updates as for `hmic update`: with `sign_off = true` a row may
    propose an item for sign-off (with evidence), never set it complete."""
    (data_copy.parent / "hmic.toml").write_text('sign_off = true\n')
    monkeypatch.chdir(data_copy.parent)
    fill(pack, {"NCP-1": row})
    before = data_copy.read_bytes()
    result = invoke("import", pack, "--updates", "--into", data_copy)
    if accepted:
        assert result.exit_code == 0, result.stderr
        item = json.loads(data_copy.read_text())["recommendations"][0]
        assert item["status"] == "awaiting-sign-off" and item["history"][-1]["evidence"] == "https://intranet/audit"
        return
    assert result.exit_code == 2, result.stderr
    message = flat(result.stderr)
    assert says in message and "Recommendations!" in message and "nothing was written" in message
    assert data_copy.read_bytes() == before


@pytest.mark.parametrize(("toml", "rows", "accepted", "says"), [
    ("require_evidence = true\n", {"NCP-1": {"Status": "Complete", "Update": "Done"}}, False,
     "requires evidence to close an item"),
    ("require_evidence = true\n", {"NCP-1": {"Status": "Complete", "Update": "Done", "Evidence": "audit.pdf"},
                                   "NCP-2": {"Status": "Complete", "Update": "Done", "Evidence": "audit.pdf"}},
     True, ""),
    ("", {"NCP-1": {"Status": "Complete", "Update": "Done"}}, False, "NCP-2 (open)"),
    ("", {"NCP-1": {"Status": "Complete", "Update": "Done"}, "NCP-2": {"Status": "Complete", "Update": "Done"}}, True,
     ""),
])
def test_owners_rows_follow_evidence_and_children_rules(invoke, data_copy, pack, monkeypatch, toml, rows, accepted,
                                                        says):
    """`require_evidence`, and a parent closed only with its children (closed by the same file counts)."""
    assert invoke("--data", data_copy, "edit", "NCP-2", "--type", "action", "--parent", "NCP-1",
                  "--on", "2014-02-02").exit_code == 0
    (data_copy.parent / "hmic.toml").write_text(toml)
    monkeypatch.chdir(data_copy.parent)
    fill(pack, rows)
    before = data_copy.read_bytes()
    result = invoke("import", pack, "--updates", "--into", data_copy)
    if accepted:
        assert result.exit_code == 0, result.stderr
        statuses = {r["id"]: r["status"] for r in json.loads(data_copy.read_text())["recommendations"]}
        assert all(statuses[i] == "complete" for i in rows)
        return
    assert result.exit_code == 2, result.stderr
    assert says in flat(result.stderr) and data_copy.read_bytes() == before


def test_a_child_the_file_closes_and_reopens_still_holds_its_parent_open(invoke, data_copy, pack):
    """Children count as closed by the file only when the file leaves them closed (their last row)."""
    assert invoke("--data", data_copy, "edit", "NCP-2", "--type", "action", "--parent", "NCP-1",
                  "--on", "2014-02-02").exit_code == 0
    fill(pack, {"NCP-1": {"Status": "Complete", "Update": "Done", "Updated on": "2014-03-05"},
                "NCP-2": {"Status": "Complete", "Update": "Done", "Updated on": "2014-03-02"}})
    book = load_workbook(pack)
    sheet = book["Recommendations"]
    heading = {cell.value: cell.column for cell in sheet[1]}
    again = sheet.max_row + 1
    for name, value in {"ID": "NCP-2", "Status": "In progress", "Update": "Reopened: the audit found gaps",
                        "Updated on": "2014-03-04"}.items():
        sheet.cell(row=again, column=heading[name], value=value)
    book.save(pack)
    before = data_copy.read_bytes()
    result = invoke("import", pack, "--updates", "--into", data_copy)
    assert result.exit_code == 2, result.stderr
    assert "NCP-1 cannot be completed" in flat(result.stderr) and "NCP-2" in flat(result.stderr)
    assert data_copy.read_bytes() == before
