"""Issue 34: nothing lost in the team's round trips. Spreadsheets read with real readers (a CSV's encoding
and Excel's quoting, a workbook's real cells, Excel's date rules), each case checked end to end through
`hmic import` and read back with json."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

HEAD = "Ref,Recommendation,Owner,Status\r\n"
ROW = '1,"The force should improve \u00a3 ""crime"" recording, quickly",DI Patel,Open\r\n'
WORDING = 'The force should improve \u00a3 "crime" recording, quickly'


@pytest.fixture
def empty(invoke, tmp_path):
    path = tmp_path / "tracker.json"
    assert invoke("init", "--empty", path).exit_code == 0
    return path


def _import(invoke, empty, source, *extra):
    return invoke("import", source, "--into", empty, "--title", "Crime data integrity", "--force", "Northshire",
                  "--published", "2024-01-10", *extra)


def _items(path):
    return json.loads(path.read_text(encoding="utf-8"))["recommendations"]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
def test_a_csv_as_excel_saves_it_keeps_every_cell_whole(invoke, empty, tmp_path, encoding):
    """Windows-1252 (Excel's "CSV (Comma delimited)"), UTF-8 with or without a BOM and UTF-16 (with a BOM,
    and without one), each with a doubled quote and a comma inside a quoted cell."""
    source = tmp_path / "register.csv"
    source.write_bytes((HEAD + ROW).encode(encoding))
    result = _import(invoke, empty, source)
    assert result.exit_code == 0, result.stderr
    [item] = _items(empty)
    assert item["text"] == WORDING and item["owner"] == "DI Patel"


def test_a_cell_over_128_kib_is_read_not_a_traceback(invoke, empty, tmp_path):
    long = "The force should " + "improve " * 20000
    source = tmp_path / "long.csv"
    source.write_text(HEAD + f'1,"{long.strip()}",DI Patel,Open\r\n', encoding="utf-8")
    result = _import(invoke, empty, source)
    assert result.exit_code == 0, result.stderr
    assert _items(empty)[0]["text"] == long.strip()


def _dated_book(tmp_path, serials, date1904=False):
    book = Workbook()
    if date1904:
        book.epoch = __import__("openpyxl").utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.append(["Ref", "Recommendation", "Target date"])
    for n, serial in enumerate(serials, start=1):
        sheet.append([f"NS-{n}", f"The force should make improvement {n}.", serial])
    path = tmp_path / "dated.xlsx"
    book.save(path)
    return path


def test_excel_serial_dates_follow_excels_own_rules(invoke, empty, tmp_path):
    """59 is 28 February 1900 as Excel shows it; 61 is 1 March 1900; 45747 is 31 March 2025."""
    result = _import(invoke, empty, _dated_book(tmp_path, [59, 61, 45747]))
    assert result.exit_code == 0, result.stderr
    assert [i["due"] for i in _items(empty)] == ["1900-02-28", "1900-03-01", "2025-03-31"]


def test_excels_29_february_1900_is_refused_naming_its_cell(invoke, empty, tmp_path):
    before = empty.read_bytes()
    result = _import(invoke, empty, _dated_book(tmp_path, [60]))
    assert result.exit_code == 2
    assert "Sheet!C2" in result.stderr and "29 February 1900" in result.stderr
    assert empty.read_bytes() == before


def test_a_1904_workbook_counts_from_1904(invoke, empty, tmp_path):
    result = _import(invoke, empty, _dated_book(tmp_path, [44285], date1904=True))
    assert result.exit_code == 0, result.stderr
    assert _items(empty)[0]["due"] == "2025-03-31"


def test_a_workbook_claiming_16384_columns_costs_what_it_holds(invoke, empty, tmp_path):
    """The file claims A1:XFD1048576; openpyxl would pad every row to 16,384 cells (5 GB uncapped)."""
    import zipfile

    path = _dated_book(tmp_path, [45747] * 50)
    claimed = tmp_path / "claimed.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(claimed, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b'<dimension ref="A1:C51"/>', b'<dimension ref="A1:XFD1048576"/>')
                assert b"XFD1048576" in data
            out.writestr(info, data)
    from hmic_cli.importing import sheet_reading

    sheet = sheet_reading.read(str(claimed), None, {})
    assert len(sheet.rows) == 50 and max(len(r) for r in sheet.rows) == 3
    result = _import(invoke, empty, claimed)
    assert result.exit_code == 0, result.stderr
    assert len(_items(empty)) == 50


# Owners' updates: only what changed since the pack was made, once.

def _pack(invoke, data, out):
    result = invoke("--data", data, "report", "--format", "xlsx", "--output", out, "--as-of", "2014-03-01")
    assert result.exit_code == 0, result.stderr
    return out


def _fill(path, rows: dict[str, dict]) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["Recommendations"]
    heading = {cell.value: cell.column for cell in sheet[1]}
    for row in sheet.iter_rows(min_row=2):
        for name, value in (rows.get(row[0].value) or {}).items():
            sheet.cell(row=row[0].row, column=heading[name], value=value)
    book.save(path)


def _item(path, item_id):
    return next(r for r in json.loads(path.read_text(encoding="utf-8"))["recommendations"] if r["id"] == item_id)


def test_an_untouched_status_never_sets_back_an_update_made_after_the_pack(invoke, data_copy, tmp_path):
    pack = _pack(invoke, data_copy, tmp_path / "board.xlsx")
    assert invoke("--data", data_copy, "update", "NCP-1", "--status", "in-progress", "--on", "2014-03-05",
                  "--note", "Started after the pack").exit_code == 0
    _fill(pack, {"NCP-1": {"Update": "Training booked.", "Updated by": "DCI Patel", "Updated on": "2014-03-10"}})
    result = invoke("import", pack, "--updates", "--into", data_copy)
    assert result.exit_code == 0, result.stderr
    item = _item(data_copy, "NCP-1")
    assert item["status"] == "in-progress"
    assert item["history"][-1] == {"on": "2014-03-10", "status": "in-progress", "note": "Training booked.",
                                   "by": "DCI Patel"}


def test_a_status_the_owner_changed_is_applied(invoke, data_copy, tmp_path):
    pack = _pack(invoke, data_copy, tmp_path / "board.xlsx")
    _fill(pack, {"NCP-2": {"Status": "In progress", "Updated on": "2014-03-10"}})
    assert invoke("import", pack, "--updates", "--into", data_copy).exit_code == 0
    assert _item(data_copy, "NCP-2")["status"] == "in-progress"


def test_the_same_workbook_again_on_a_later_day_adds_nothing(invoke, data_copy, tmp_path):
    """An undated row is dated on the day it is imported; imported again a day later it is the same update."""
    from datetime import date, timedelta

    pack = _pack(invoke, data_copy, tmp_path / "board.xlsx")
    _fill(pack, {"NCP-2": {"Update": "Audit under way.", "Updated by": "DS Green"}})
    assert invoke("import", pack, "--updates", "--into", data_copy).exit_code == 0
    today, yesterday = date.today().isoformat(), (date.today() - timedelta(days=1)).isoformat()
    document = json.loads(data_copy.read_text(encoding="utf-8"))
    entry = next(r for r in document["recommendations"] if r["id"] == "NCP-2")["history"][-1]
    assert entry["on"] == today and entry["note"] == "Audit under way."
    # As if that import had run yesterday (the pack made the day before), and the same file comes back today.
    entry["on"] = yesterday
    data_copy.write_text(json.dumps(document, indent=2), encoding="utf-8")
    _fill(pack, {"NCP-2": {"Pack made": f"{(date.today() - timedelta(days=2)).isoformat()}, entry "
                                        f"{len(_item(data_copy, 'NCP-2')['history']) - 1}"}})
    before = data_copy.read_bytes()
    result = invoke("import", pack, "--updates", "--into", data_copy)
    assert result.exit_code == 0, result.stderr
    assert "Nothing to add" in result.stderr and data_copy.read_bytes() == before


def test_owners_updates_for_an_item_with_an_edit_entry(invoke, data_copy, tmp_path):
    """The README's own workflow: set owners, send the pack round (was an AttributeError)."""
    assert invoke("--data", data_copy, "edit", "NCP-1", "--owner", "DCI Patel", "--on", "2014-02-27").exit_code == 0
    pack = _pack(invoke, data_copy, tmp_path / "board.xlsx")
    _fill(pack, {"NCP-1": {"Update": "Policy drafted.", "Updated on": "2014-02-27"}})
    result = invoke("import", pack, "--updates", "--into", data_copy)
    assert result.exit_code == 0, result.stderr
    assert _item(data_copy, "NCP-1")["history"][-1]["note"] == "Policy drafted."
    again = invoke("import", pack, "--updates", "--into", data_copy)
    assert again.exit_code == 0 and "Nothing to add" in again.stderr


# merge: a side it cannot read faithfully is refused; a conflict leaves the history as the fields are.

def _merge_files(tmp_path, base: dict, ours: str, theirs: str):
    paths = []
    for name, text in (("base", json.dumps(base, indent=2)), ("ours", ours), ("theirs", theirs)):
        path = tmp_path / f".merge_{name}_XXXX"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_merge_refuses_a_side_with_a_key_given_twice(invoke, tmp_path, side):
    from tests.gitrepo import item, tracker

    base = tracker(item("E1", due="2030-01-01"))
    good = json.dumps(base, indent=2)
    doubled = good.replace('"due": "2030-01-01"', '"due": "2030-01-01", "due": "2031-06-30"', 1)
    assert doubled != good
    b, o, t = _merge_files(tmp_path, base, doubled if side == "ours" else good, doubled if side == "theirs" else good)
    before = o.read_bytes()
    result = invoke("merge", b, o, t, "trackers/northshire.json")
    assert result.exit_code == 1, result.stderr
    assert o.read_bytes() == before
    assert "duplicate key 'due'" in result.stderr and f"trackers/northshire.json ({side.upper()})" in result.stderr
    assert "XXXX" not in result.stderr  # the tracker is named, not git's temporary file


def test_a_conflict_on_an_owner_leaves_the_history_ending_on_the_owner_kept(tmp_path):
    from hmic_cli import merging
    from tests.gitrepo import item, tracker

    base = tracker(item("E1", due="2030-01-01", owner="Alice"))
    base["schema_version"] = 2
    sides = []
    for owner, day in (("Bob", "2024-03-01"), ("Carol", "2024-03-05")):
        doc = json.loads(json.dumps(base))
        rec = doc["recommendations"][0]
        rec["owner"] = owner
        rec["history"].append({"on": day, "edit": {"field": "owner", "from": "Alice", "to": owner},
                               "note": f"Owner now {owner}."})
        sides.append(json.dumps(doc, indent=2).encode())
    outcome = merging.merge_bytes(json.dumps(base).encode(), *sides)
    merged = json.loads(outcome.data)["recommendations"][0]
    assert any("owner" in c for c in outcome.conflicts)
    edits = [e for e in merged["history"] if "edit" in e]
    assert merged["owner"] == "Bob" and edits[-1]["edit"]["to"] == "Bob"
    from hmic_cli.store.loading import validate_json

    validate_json(outcome.data)


# The record guard parses only the items whose text differs: it must find exactly what parsing all finds.

def _variants():
    from tests.gitrepo import item, progress, tracker

    base = tracker(item("G1", due="2030-01-01"), item("G2", due="2030-01-01"), item("G3", deadline="six-months"),
                   item("G4", due="2030-01-01", owner="Alice"))
    out = []

    def variant(change):
        doc = json.loads(json.dumps(base))
        change(doc)
        out.append(doc)

    variant(lambda d: d["recommendations"].pop(1))  # an item removed
    variant(lambda d: d["recommendations"][0]["history"][0].update(note="Rewritten."))  # an entry rewritten
    variant(lambda d: d["recommendations"][3].update(due="2031-01-01"))  # a due date moved without a revision
    variant(lambda d: d["reports"][0].update(published="2024-02-01"))  # derived due dates move with it
    variant(lambda d: progress(d["recommendations"][2], "2024-02-01", "complete"))  # closed
    variant(lambda d: d["recommendations"].append(item("G5", status="complete")))  # added closed
    variant(lambda d: d["themes"].clear())  # a theme removed
    variant(lambda d: d["recommendations"].reverse())  # the same items in another order
    return base, out


@pytest.mark.parametrize("indent", [None, 2])
def test_the_guard_on_texts_finds_what_the_guard_on_documents_finds(indent):
    from hmic_cli import guard

    base, variants = _variants()
    policy = guard.Policy(require_evidence=True, sign_off=True)
    old = json.dumps(base, indent=indent)
    kinds = set()
    for doc in variants:
        new = json.dumps(doc, indent=indent)
        found = [f.as_dict() for f in guard.guard_texts(old, new, policy)]
        assert found == [f.as_dict() for f in guard.guard(json.loads(old), json.loads(new), new, policy)]
        kinds |= {f["kind"] for f in found}
    assert {"item-removed", "history-changed", "due-moved", "closed-without-sign-off", "theme-removed"} <= kinds
    # an "id" key that is not its item's first: the whole text is parsed, with the same findings
    moved = json.dumps({**base, "recommendations": [{"text": r["text"], **r} for r in base["recommendations"]]})
    assert guard.guard_texts(old, moved, policy) == guard.guard(base, json.loads(moved), moved, policy)


def test_merged_cells_read_as_a_reader_sees_them(invoke, empty, tmp_path):
    """A Report heading merged over two heading rows, and one report's title merged beside its rows."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Report", "Recommendation"])
    sheet.append([None, None, None])
    sheet.merge_cells("B1:B2")
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("C1:C2")
    for n in range(1, 4):
        sheet.append([f"NS-{n}", "Crime data integrity" if n == 1 else None, f"The force should do thing {n}."])
    sheet.merge_cells("B3:B5")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    result = invoke("import", path, "--into", empty, "--force", "Northshire", "--published", "2024-01-10")
    assert result.exit_code == 0, result.stderr
    reports = json.loads(empty.read_text(encoding="utf-8"))["reports"]
    assert [r["title"] for r in reports] == ["Crime data integrity"]
    assert {i["report"] for i in _items(empty)} == {reports[0]["id"]} and len(_items(empty)) == 3
