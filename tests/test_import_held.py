"""Already held (issue 22, item 4) and report metadata (item 5): an import never adds what the tracker
holds under the same report (its id, or its force and publication date), whatever id it is given or
however an item was edited since; a later report repeating an open item is linked to it."""

from __future__ import annotations

import json

import pytest

from hmic_cli.importing.held import wording
from hmic_cli.models import RECOMMENDATION_FIELDS, Report

REPORT_TEXT = """Northshire Police: custody inspection

Recommendations

Within three months, the force should review how custody officers record detainees' risk assessments.

Within six months, the force should make sure that every detainee's cell is checked at least once an hour.

Immediately, the force should stop holding children in police cells overnight.
"""
FLAGS = ["--title", "Custody inspection", "--force", "Northshire Police", "--published", "2024-05-01"]


@pytest.fixture
def empty(invoke, tmp_path):
    path = tmp_path / "tracker.json"
    assert invoke("init", "--empty", path).exit_code == 0
    return path


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "custody.txt"
    path.write_text(REPORT_TEXT, encoding="utf-8")
    return path


def added(invoke, source, tracker, *extra):
    result = invoke("import", source, *FLAGS, "--into", tracker, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_wording_is_compared_after_folding_case_quotes_dashes_and_spaces():
    assert wording("The force’s  custody—officers should “check”.") == wording('the force\'s custody - officers '
                                                                               'should "check"')
    assert wording("Review custody.") != wording("Review custody training.")


def test_the_same_report_under_another_id_adds_nothing_and_names_what_is_held(invoke, empty, report):
    first = added(invoke, report, empty, "--report", "northshire-custody-2024", "--prefix", "NC")
    assert first["count"] == 3
    before = empty.read_bytes()
    again = invoke("import", report, *FLAGS, "--report", "custody-again", "--into", empty, "--format", "json")
    assert again.exit_code == 0, again.stderr
    assert empty.read_bytes() == before  # no items, and no second report either
    assert json.loads(again.stdout)["count"] == 0
    assert [h["id"] for h in json.loads(again.stdout)["held"]] == ["NC-1", "NC-2", "NC-3"]
    for n in (1, 2, 3):
        assert f"already held as NC-{n}" in again.stderr
    assert "Nothing to add" in again.stderr


def test_after_edit_text_a_re_import_still_finds_the_item_held(invoke, empty, report):
    added(invoke, report, empty, "--report", "northshire-custody-2024", "--prefix", "NC")
    edited = invoke("--data", empty, "edit", "NC-2", "--text", "Hourly cell checks for every detainee.")
    assert edited.exit_code == 0, edited.stderr
    item = {r["id"]: r for r in json.loads(empty.read_text())["recommendations"]}["NC-2"]
    assert item["quote"].startswith("Within six months, the force should make sure")  # the source's words kept
    before = empty.read_bytes()
    again = invoke("import", report, *FLAGS, "--report", "northshire-custody-2024", "--into", empty)
    assert again.exit_code == 0 and "already held as NC-2" in again.stderr
    assert empty.read_bytes() == before


def test_a_text_differing_only_in_quotes_dashes_and_case_is_held(invoke, empty, report, tmp_path):
    added(invoke, report, empty, "--report", "northshire-custody-2024", "--prefix", "NC")
    retyped = tmp_path / "retyped.txt"
    retyped.write_text(REPORT_TEXT.replace("detainees'", "detainees’").replace("WITHIN", "within")
                       .replace("the force should stop", "the force should   stop"), encoding="utf-8")
    before = empty.read_bytes()
    again = invoke("import", retyped, *FLAGS, "--report", "other-id", "--into", empty)
    assert again.exit_code == 0 and empty.read_bytes() == before


def test_a_second_import_without_report_id_finds_the_same_report(invoke, empty, report):
    first = added(invoke, report, empty)
    assert first["report"]["id"] == "northshire-police-custody-inspection-2024"  # each word once
    before = empty.read_bytes()
    assert invoke("import", report, *FLAGS, "--into", empty).exit_code == 0
    assert empty.read_bytes() == before


@pytest.mark.parametrize(("published", "inspectorate"), [
    ("2017-07-18", "HMIC"), ("2017-07-19", "HMICFRS"), ("2014-01-28", "HMIC"), ("2024-05-01", "HMICFRS")])
def test_the_inspectorate_follows_the_publication_date(invoke, empty, report, published, inspectorate):
    result = invoke("import", report, "--title", "T", "--force", "F", "--published", published, "--into", empty,
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["report"]["inspectorate"] == inspectorate
    assert invoke("--data", empty, "report", "add", "--id", "r2", "--title", "T2", "--force", "F",
                  "--published", published).exit_code == 0
    assert json.loads(empty.read_text())["reports"][-1]["inspectorate"] == inspectorate


@pytest.mark.skipif("carried_forward_from" not in RECOMMENDATION_FIELDS, reason="needs schema v2 (team)")
def test_a_later_report_repeating_an_open_item_is_carried_forward(invoke, empty, report, tmp_path):
    added(invoke, report, empty, "--report", "northshire-custody-2024", "--prefix", "NC")
    later = tmp_path / "revisit.txt"
    later.write_text(REPORT_TEXT, encoding="utf-8")
    result = invoke("import", later, "--title", "Custody revisit", "--force", "Northshire Police", "--published",
                    "2025-06-01", "--report", "northshire-custody-2025", "--prefix", "NR", "--into", empty,
                    "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = {r["id"]: r for r in json.loads(result.stdout)["recommendations"]}
    assert found["NR-1"]["carried_forward_from"] == "NC-1"
    listed = json.loads(invoke("--data", empty, "list", "--report", "northshire-custody-2025", "--format",
                               "json").stdout)
    assert {r["id"]: r["carried_forward_from"] for r in listed["recommendations"]}["NR-2"] == "NC-2"
    assert "Carried forward  from NC-1" in invoke("--data", empty, "show", "NR-1").stdout
    board = tmp_path / "board.xlsx"
    assert invoke("--data", empty, "report", "--format", "xlsx", "--output", board).exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(board)["Recommendations"]
    heading = [c.value for c in sheet[1]]
    column = heading.index("Carried forward from")
    carried = {row[0]: row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert carried["NR-3"] == "NC-3" and carried["NC-3"] is None


def test_a_version_1_tracker_takes_imports_without_the_version_2_fields(invoke, tmp_path, report):
    """Neither `carried_forward_from` nor `reports[].prefix` is written to a schema_version 1 file."""
    from pathlib import Path

    v1 = json.loads((Path(__file__).parent / "fixtures" / "bundled-v1.json").read_text(encoding="utf-8"))
    v1["reports"], v1["recommendations"] = [], []
    tracker = tmp_path / "v1.json"
    tracker.write_text(json.dumps(v1, indent=2), encoding="utf-8")
    added(invoke, report, tracker, "--report", "northshire-custody-2024", "--prefix", "NC")
    later = invoke("import", report, "--title", "Revisit", "--force", "Northshire Police", "--published",
                   "2025-06-01", "--report", "revisit-2025", "--into", tracker)
    assert later.exit_code == 0, later.stderr
    doc = json.loads(tracker.read_text())
    assert doc["schema_version"] == 1 and len(doc["recommendations"]) == 6
    assert not any("carried_forward_from" in r for r in doc["recommendations"])
    assert not any("prefix" in r for r in doc["reports"])
    assert invoke("validate", tracker).exit_code == 0


@pytest.mark.skipif("prefix" not in Report.__dataclass_fields__, reason="needs schema v2 (team)")
def test_the_prefix_is_stored_on_the_report_and_add_continues_it(invoke, empty, report):
    added(invoke, report, empty, "--report", "northshire-custody-2024", "--prefix", "CUST")
    assert json.loads(empty.read_text())["reports"][0]["prefix"] == "CUST"
    result = invoke("--data", empty, "add", "--report", "northshire-custody-2024", "--text", "A fourth.",
                    "--deadline", "none", "--theme", "custody")
    assert result.exit_code == 0 and "CUST-4" in result.stderr


def test_init_empty_with_the_peel_areas_as_themes(invoke, tmp_path):
    from hmic_cli import theme_sets
    from hmic_cli.cli.write import ThemeSet

    path = tmp_path / "peel.json"
    result = invoke("init", "--empty", "--themes", "peel", path)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(path.read_text())
    labels = [t["label"] for t in doc["themes"]]
    assert "Leadership and force management" in labels and "Protecting vulnerable people" in labels
    assert "domestic-abuse" not in [t["id"] for t in doc["themes"]] and doc["recommendations"] == []
    assert invoke("validate", path).exit_code == 0
    assert [t.value for t in ThemeSet] == list(theme_sets.NAMES)
    assert invoke("init", "--themes", "peel", tmp_path / "x.json").exit_code == 2


def test_ascii_wording_takes_a_quick_way_to_the_same_fold():
    """`wording`'s ASCII path gives what the general one (NFKC, casefold, the three substitutions) gives."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from hmic_cli.importing.held import _folded

    alphabet = st.sampled_from(list("aAzZ09 -\t\n\x0b\x1c\x1f'\"`.;:,!?_()") + ["--", " - ", "\u00a0"])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(alphabet, max_size=30).map("".join))
    def same(text: str) -> None:
        assert wording.__wrapped__(text) == _folded(text)

    same()


def test_holdings_of_one_force_answer_as_the_whole_tracker_does(tmp_path):
    """`Holdings.of(dataset, force, report)` folds only what an import of that force can meet, and
    answers `held_as` and `carried_from` for it as the holdings of every item do."""
    import sys
    from datetime import timedelta

    from hmic_cli.importing.held import Holdings
    from hmic_cli.store.loading import load
    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import write

    path = tmp_path / "many.json"
    write(600, path, seed=3)  # several reports of several forces
    dataset = load(path).dataset
    reports = {r.id: r for r in dataset.reports}
    whole = Holdings.of(dataset)
    asked = 0
    for rec in dataset.recommendations[::7]:
        report = reports[rec.report]
        other = next(r.force for r in dataset.reports if r.force != report.force)
        for report_id, force, published in ((rec.report, report.force, report.published),
                                            ("new-report", report.force, report.published),
                                            ("new-report", report.force, report.published + timedelta(days=400)),
                                            (rec.report, other, report.published)):  # its id, another force
            mine = Holdings.of(dataset, force, report_id)
            texts = [rec.text, "A wording no item has."]
            assert mine.held_as(texts, report_id, force, published) == whole.held_as(texts, report_id, force,
                                                                                     published)
            assert mine.carried_from(texts, force, published) == whole.carried_from(texts, force, published)
            asked += 1
    assert asked > 200
    assert len(Holdings.of(dataset, reports["report-1"].force, "report-1").by_report) < len(whole.by_report)
