"""`hmic import FILE.xlsx|FILE.csv` (issue 22, item 1): three layouts forces use, written here with
openpyxl and csv, imported into an empty tracker with every row accounted for; statuses and dates as
forces write them; every unreadable value named by its cell (exit 2, nothing written); a second
import adds nothing; the result validates."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from tests.conftest import flat

STATUS_WORDS = {  # what forces write -> the status hmic stores
    "Complete": "complete", "Completed": "complete", "Closed": "complete", "Discharged": "complete",
    "In progress": "in-progress", "On track": "in-progress", "Ongoing": "in-progress",
    "Not started": "open", "Open": "open",
    "Pending sign off": "awaiting-sign-off", "Proposed for closure": "awaiting-sign-off",
    "Superseded": "superseded", "No further action": "superseded", "Not applicable": "superseded",
}
TODAY = date.today()


@pytest.fixture
def empty(invoke, tmp_path):
    path = tmp_path / "tracker.json"
    assert invoke("init", "--empty", path).exit_code == 0
    return path


def items_of(path) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads(path.read_text(encoding="utf-8"))["recommendations"]}


def register(tmp_path, rows=None):
    """Layout 1: a recommendations register with title rows above the headings, dates in every form."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Register"
    sheet.append(["Northshire Police: HMICFRS recommendations register"])
    sheet.append([])
    sheet.append(["Ref", "Recommendation", "Owner", "Target date", "Status", "Latest update"])
    dates = [datetime(2025, 3, 31), 45747, "31/03/2025", "31 March 2025", "March 2025", None, "07/08/2025",
             "31 Mar 2025", date(2025, 1, 2), "TBC", "2025-03-31", "1/4/25", "30.06.2025", "September 2025"]
    for n, (word, when) in enumerate(zip(STATUS_WORDS, dates, strict=True), start=1):
        update = None if word in ("Not started", "Open") else f"Update {n}: {word.lower()}."
        sheet.append([f"NS-{n}", f"The force should carry out improvement number {n} to its service.",
                      f"Supt {n}", when, word, update])
    for row in rows or []:
        sheet.append(row)
    path = tmp_path / "register.xlsx"
    book.save(path)
    return path


EXPECTED_DUE = ["2025-03-31", "2025-03-31", "2025-03-31", "2025-03-31", "2025-03-31", None, "2025-08-07",
                "2025-03-31", "2025-01-02", None, "2025-03-31", "2025-04-01", "2025-06-30", "2025-09-30"]


def test_a_register_imports_whole_with_statuses_and_dates_as_forces_write_them(invoke, empty, tmp_path):
    path = register(tmp_path)
    args = ["import", path, "--title", "PEEL 2023", "--force", "Northshire Police", "--published", "1 June 2023",
            "--into", empty, "--format", "json"]
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["rows"] == 14 and doc["count"] == 14 and doc["held"] == [] and doc["problems"] == []
    assert {c["heading"]: c["field"] for c in doc["columns"]} == {
        "Ref": "id", "Recommendation": "text", "Owner": "owner", "Target date": "due", "Status": "status",
        "Latest update": "update"}
    held = items_of(empty)
    assert list(held) == [f"NS-{n}" for n in range(1, 15)]  # every row accounted for, Ref as id
    assert [held[f"NS-{n}"]["status"] for n in range(1, 15)] == list(STATUS_WORDS.values())
    assert [held[f"NS-{n}"].get("due") for n in range(1, 15)] == EXPECTED_DUE
    assert held["NS-6"]["deadline"] == "none" and held["NS-1"]["deadline"] == "by-date"
    assert held["NS-2"]["history"][-1]["note"] == "Update 2: completed." and held["NS-2"]["owner"] == "Supt 2"
    assert held["NS-8"]["history"][0]["on"] == "2023-06-01"
    report = json.loads(empty.read_text())["reports"][0]
    assert report["inspectorate"] == "HMICFRS" and report["id"] == "northshire-police-peel-2023"
    assert invoke("validate", empty).exit_code == 0

    before = empty.read_bytes()
    again = invoke(*args)
    assert again.exit_code == 0, again.stderr
    assert empty.read_bytes() == before
    assert json.loads(again.stdout)["count"] == 0
    assert "already held as NS-10" in again.stderr and "4 more already held" in again.stderr
    assert "Nothing to add" in again.stderr and json.loads(again.stdout)["held"][13]["id"] == "NS-14"


def inspections(tmp_path):
    """Layout 2: several inspections in one sheet, refs restarting per inspection, RAG, revised dates and
    the owners' update columns."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    sheet.append(["Inspection", "Rec No", "Type", "Recommendation / AFI", "Lead", "Due", "Revised date",
                  "RAG", "Status", "Progress", "Evidence", "Updated by", "Updated on", "Notes"])
    rows = [
        ["Custody 2024", 1, "Recommendation", "Custody staff should check detainees every hour.", "Insp A",
         "30/09/2024", "31/12/2024", "Green", "In progress", "New rota.", "Rota v2", "Insp A", "01/10/2024", "x"],
        ["Custody 2024", 2, "AFI", "The force should improve custody record keeping.", None, None, None,
         "Red", "Open", None, None, None, None, None],
        ["Vetting 2023", 1, "Cause of concern", "The force does not vet all staff in time.", "Supt B",
         "March 2024", None, "Blue", "Discharged", "All vetted.", "Audit report", "Supt B", "2024-03-20", None],
        ["Vetting 2023", 2, "Recommendation", "Vetting decisions should be recorded.", "Supt B",
         "31 March 2024", None, "Complete", "Completed", "Recorded.", None, None, "20 March 2024", None],
    ]
    for row in rows:
        sheet.append(row)
    path = tmp_path / "plan.xlsx"
    book.save(path)
    return path


def test_a_sheet_with_an_inspection_column_makes_one_report_each_and_lists_rag_that_differs(invoke, empty, tmp_path):
    assert invoke("--data", empty, "report", "add", "--id", "vetting-2023", "--title", "Vetting 2023", "--force",
                  "Northshire Police", "--published", "2023-05-10").exit_code == 0
    result = invoke("import", plan := inspections(tmp_path), "--force", "Northshire Police", "--published",
                    "2024-03-31", "--prefix", "CU", "--as-of", "2024-11-01", "--into", empty, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert {c["heading"]: c["field"] for c in doc["columns"]}["Notes"] is None  # not used, and said so
    assert {r["title"]: r["new"] for r in doc["reports"]} == {"Custody 2024": True, "Vetting 2023": False}
    held = items_of(empty)
    # Rec No restarts per inspection: the new report's items take --prefix, the held report's its own
    assert sorted(held) == ["CU-1", "CU-2", "V-1", "V-2"]
    by_text = {r["text"]: r for r in held.values()}
    custody = by_text["Custody staff should check detainees every hour."]
    assert custody["report"] != "vetting-2023" and custody["status"] == "in-progress"
    assert custody["due"] == "2024-12-31" and custody["due_revisions"][0]["previous"] == "2024-09-30"
    assert custody["history"][-1] == {"on": "2024-10-01", "status": "in-progress", "note": "New rota.",
                                      "by": "Insp A", "evidence": "Rota v2"}
    assert by_text["The force should improve custody record keeping."]["type"] == "area-for-improvement"
    concern = by_text["The force does not vet all staff in time."]
    assert concern["type"] == "cause-of-concern" and concern["report"] == "vetting-2023"
    assert concern["status"] == "complete" and concern["due"] == "2024-03-31"
    # Row 3 says Red but has no due date (green); row 2 is due 60 days after the as-of day: green, as it says.
    assert [(r["cell"], r["sheet"], r["derived"]) for r in doc["rag_differs"]] == [
        ("'Action plan'!H3", "red", "green")]
    assert "RAG differs" in result.stderr and "'Action plan'!H3" in result.stderr
    assert invoke("validate", empty).exit_code == 0
    before = empty.read_bytes()
    again = invoke("import", plan, "--force", "Northshire Police", "--published", "2024-03-31", "--prefix", "CU",
                   "--into", empty)
    assert again.exit_code == 0 and empty.read_bytes() == before
    assert again.stderr.count("already held as") == 4


def test_a_csv_of_areas_for_improvement_with_month_dates(invoke, empty, tmp_path):
    """Layout 3: a CSV (Excel's cp1252 "CSV (Comma delimited)"), areas for improvement, "March 2025" dates."""
    path = tmp_path / "afis.csv"
    with open(path, "w", newline="", encoding="cp1252") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ID", "Area for improvement", "Responsible officer", "Target", "Status", "Update"])
        writer.writerow(["AFI 1", "The force should improve its £-value reporting.", "CFO", "March 2025",
                         "Not started", ""])
        writer.writerow(["AFI 2", "The force should improve its use of data.", "", "Sept 2025", "Ongoing",
                         "Dashboard live"])
        writer.writerow(["", "", "", "", "", ""])
        writer.writerow(["AFI 3", "The force should improve wellbeing support.", "HR", "", "Not applicable", ""])
    result = invoke("import", path, "--title", "PEEL 2025", "--force", "Northshire Police", "--published",
                    "2025-01-10", "--prefix", "NP", "--into", empty, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["rows"] == 4 and doc["count"] == 3 and doc["blank"] == 1
    held = items_of(empty)
    assert list(held) == ["NP-AFI-1", "NP-AFI-2", "NP-AFI-3"]  # "AFI 1" is not an id: prefixed and cleaned
    assert [r["type"] for r in held.values()] == ["area-for-improvement"] * 3
    assert [r.get("due") for r in held.values()] == ["2025-03-31", "2025-09-30", None]
    assert [r["status"] for r in held.values()] == ["open", "in-progress", "superseded"]
    assert "£" in held["NP-AFI-1"]["text"]
    assert invoke("validate", empty).exit_code == 0
    before = empty.read_bytes()
    assert invoke("import", path, "--title", "PEEL 2025", "--force", "Northshire Police", "--published",
                  "2025-01-10", "--prefix", "NP", "--into", empty).exit_code == 0
    assert empty.read_bytes() == before


def test_every_unreadable_value_is_named_by_its_cell_and_nothing_is_written(invoke, empty, tmp_path):
    path = register(tmp_path, rows=[
        ["NS-15", "The force should do fifteen things.", None, "31/02/2025", "Done-ish", None],
        ["NS-16", None, "Supt X", "2025-01-01", "Open", None],
        ["NS-17", "The force should do seventeen things.", None, "next spring", "Open", None],
    ])
    before = empty.read_bytes()
    result = invoke("import", path, "--title", "PEEL 2023", "--force", "Northshire Police", "--published",
                    "2023-06-01", "--into", empty, "--format", "json")
    assert result.exit_code == 2
    assert empty.read_bytes() == before
    problems = {p["cell"]: p["message"] for p in json.loads(result.stdout)["problems"]}
    assert set(problems) == {"Register!D18", "Register!E18", "Register!B19", "Register!D20"}
    assert "February 2025 has no day 31" in problems["Register!D18"]
    assert "'Done-ish'" in problems["Register!E18"]
    message = flat(result.stderr)
    for cell in problems:
        assert cell in message
    assert "nothing was written" in message


def test_a_column_left_out_with_map_is_not_read(invoke, empty, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Recommendation", "Target date", "RAG", "Narrative"])
    sheet.append(["K-1", "The force should improve response times.", "31/12/2030", "Purple", "Started."])
    path = tmp_path / "k.xlsx"
    book.save(path)
    base = ["import", path, "--title", "Response", "--force", "Kent Police", "--published", "2024-01-01",
            "--into", empty]
    refused = invoke(*base)
    assert refused.exit_code == 2 and "Sheet!D2" in refused.stderr
    done = invoke(*base, "--map", "RAG=-", "--map", "narrative=update", "--format", "json")
    assert done.exit_code == 0, done.stderr
    assert items_of(empty)["K-1"]["history"][-1]["note"] == "Started."
    columns = {c["heading"]: c["field"] for c in json.loads(done.stdout)["columns"]}
    assert columns["RAG"] is None and columns["Narrative"] == "update"


@pytest.mark.parametrize(("extra", "says"), [
    (["--map", "Nonexistent=due"], "does not have"),
    (["--map", "Ref=colour"], "unknown field 'colour'"),
    (["--map", "Ref"], "is not HEADING=FIELD"),
    (["--sheet", "Elsewhere"], "has no sheet 'Elsewhere'"),
])
def test_bad_mapping_or_sheet_is_exit_2(invoke, empty, tmp_path, extra, says):
    path = register(tmp_path)
    before = empty.read_bytes()
    result = invoke("import", path, "--title", "T", "--force", "F", "--published", "2023-06-01", "--into", empty,
                    *extra)
    assert result.exit_code == 2 and says in flat(result.stderr)
    assert empty.read_bytes() == before


def test_a_sheet_without_report_details_names_the_flags(invoke, empty, tmp_path):
    result = invoke("import", register(tmp_path), "--into", empty)
    assert result.exit_code == 2
    assert "--title" in result.stderr and "--force" in result.stderr and "--published" in result.stderr


def test_the_preview_writes_nothing_and_shows_the_mapping(invoke, empty, tmp_path):
    before = empty.read_bytes()
    result = invoke("--data", empty, "import", register(tmp_path), "--title", "PEEL 2023", "--force",
                    "Northshire Police", "--published", "2023-06-01")
    assert result.exit_code == 0, result.stderr
    assert empty.read_bytes() == before
    out = flat(result.stdout)
    assert "Target date due" in out and "headings in row 3" in out and "14 items to add" in out
    assert "Preview only" in result.stderr


def test_a_sheet_without_refs_is_numbered_and_held_by_its_wording_on_a_second_import(invoke, empty, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Area for improvement", "Lead", "Due date", "Status"])
    sheet.append(["The force should improve how it records use of force.", "Insp C", "30/11/2030", "Open"])
    sheet.append(["The force should review its “stop and search” scrutiny.", None, None, "In progress"])
    path = tmp_path / "no-refs.xlsx"
    book.save(path)
    args = ["import", path, "--title", "PEEL 2025", "--force", "Northshire Police", "--published", "2025-02-01",
            "--prefix", "NP", "--into", empty]
    assert invoke(*args).exit_code == 0
    assert list(items_of(empty)) == ["NP-1", "NP-2"]
    sheet["A3"] = 'the force should review its "stop and search" scrutiny'  # retyped: quotes and case differ
    book.save(path)
    before = empty.read_bytes()
    again = invoke(*args)
    assert again.exit_code == 0 and empty.read_bytes() == before
    assert "already held as NP-1" in again.stderr and "already held as NP-2" in again.stderr


def test_an_old_excel_file_is_asked_for_as_xlsx(invoke, empty, tmp_path):
    old = tmp_path / "tracker.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = invoke("import", old, "--into", empty)
    assert result.exit_code == 2 and "save it as .xlsx" in flat(result.stderr)


@pytest.mark.parametrize("heading", ["Target date (dd/mm/yyyy)", "Due date [DD/MM/YYYY]"])
def test_a_heading_with_a_bracketed_part_is_read_as_its_field(invoke, empty, tmp_path, heading):
    """"Target date (dd/mm/yyyy)" is the due date: the bracketed part of a heading is not read."""
    path = tmp_path / "register.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ref", "Recommendation", heading, "Status"])
        writer.writerow(["R1", "The force should review its referral process.", "31/03/2025", "Open"])
    result = invoke("import", path, "--title", "PEEL 2025", "--force", "Northshire Police", "--published",
                    "2025-01-10", "--prefix", "NP", "--into", empty)
    assert result.exit_code == 0, result.stderr
    assert [r.get("due") for r in items_of(empty).values()] == ["2025-03-31"]
