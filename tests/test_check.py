"""`hmic check`, the CI gate: exit codes, and every format read back with a real parser."""

from __future__ import annotations

import json
import re

import pytest
from junitparser import Failure, JUnitXml

from tests.conftest import ROOT

DAY_BEFORE = "2014-01-27"
MONTH_AFTER = "2014-02-28"
IMMEDIATE = [f"NCP-{i}" for i in range(1, 6)]


def failing_ids(result) -> list[str]:
    return [r["id"] for r in json.loads(result.stdout)["failing"]]


def close_item(document: dict, index: int, status: str = "complete") -> None:
    rec = document["recommendations"][index]
    rec["status"] = status
    rec["history"].append({"on": "2014-02-10", "status": status, "note": "Done.", "evidence": "minutes 12"})


def test_day_before_the_report_passes(invoke):
    result = invoke("check", "--as-of", DAY_BEFORE)
    assert result.exit_code == 0
    assert result.stdout.startswith("PASS: 0 of 9 recommendations overdue")


def test_a_month_after_fails_with_exactly_the_five_immediate_items(invoke):
    result = invoke("check", "--as-of", MONTH_AFTER, "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["verdict"] == "fail" and doc["fail_on"] == "overdue" and doc["as_of"] == MONTH_AFTER
    assert failing_ids(result) == IMMEDIATE
    assert doc["counts"] == {"checked": 9, "failing": 5, "warnings": 0, "waived": 0, "overdue": 5,
                             "outstanding": 9, "closed": 0}
    assert "FAIL: 5 of 9" in result.stderr


def test_text_format_lists_the_failing_items_plainly_when_piped(invoke):
    result = invoke("check", "--as-of", MONTH_AFTER)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("FAIL: 5 of 9 recommendations overdue as of 2014-02-28")
    assert [line.split()[0] for line in lines[1:]] == IMMEDIATE
    assert all("31 days overdue" in line for line in lines[1:])


def test_fail_on_never_and_outstanding(invoke):
    assert invoke("check", "--as-of", MONTH_AFTER, "--fail-on", "never").exit_code == 0
    outstanding = invoke("check", "--as-of", DAY_BEFORE, "--fail-on", "outstanding", "-f", "json")
    assert outstanding.exit_code == 1 and len(failing_ids(outstanding)) == 9


def test_complete_and_superseded_items_pass(invoke, bundled, write_data):
    close_item(bundled, 0)
    close_item(bundled, 1, "superseded")
    path = write_data(bundled)
    result = invoke("--data", path, "check", "--as-of", MONTH_AFTER, "--fail-on", "outstanding", "-f", "json")
    assert result.exit_code == 1
    assert set(failing_ids(result)) == {f"NCP-{i}" for i in range(3, 10)}
    assert json.loads(result.stdout)["counts"]["closed"] == 2


def test_filters_narrow_what_is_checked(invoke):
    result = invoke("check", "--as-of", MONTH_AFTER, "--due", "six-months")
    assert result.exit_code == 0
    assert invoke("check", "--as-of", MONTH_AFTER, "--theme", "training", "-f", "json").stdout.count('"id"') == 1


def test_each_exit_code_is_reachable_and_means_what_the_docs_say(invoke, write_data, tmp_path):
    assert invoke("check", "--as-of", DAY_BEFORE).exit_code == 0  # nothing to fail on
    assert invoke("check", "--as-of", MONTH_AFTER).exit_code == 1  # items to fail on
    assert invoke("check", "--fail-on", "sometimes").exit_code == 2  # unknown value
    assert invoke("check", "--theme", "nope").exit_code == 2  # unknown id
    assert invoke("--data", write_data("{"), "check").exit_code == 3  # not JSON
    assert invoke("--data", tmp_path / "missing.json", "check").exit_code == 3  # missing file
    for page in (ROOT / "README.md", ROOT / "docs" / "reference" / "output.md"):
        text = page.read_text(encoding="utf-8")
        for code, words in ((0, "nothing to fail on"), (1, "found items to fail on"), (2, "usage error"),
                            (3, "data error")):
            assert re.search(rf"^\| {code} \|.*{words}", text, flags=re.MULTILINE), (page.name, code)


def test_duplicate_keys_fail_the_check_with_exit_3(invoke, write_data):
    from hmic_cli.store.loading import bundled_path

    text = bundled_path().read_text(encoding="utf-8")
    text = text.replace('"status": "open",', '"status": "open", "status": "open",', 1)
    result = invoke("--data", write_data(text), "check")
    assert result.exit_code == 3
    assert "duplicate key 'status'" in result.stderr


def test_junit_reads_back_with_a_junit_parser(invoke, tmp_path):
    target = tmp_path / "junit.xml"
    result = invoke("check", "--as-of", MONTH_AFTER, "--format", "junit", "--output", target)
    assert result.exit_code == 1 and result.stdout == ""
    xml = JUnitXml.fromfile(str(target))
    suites = list(xml)
    assert len(suites) == 1 and suites[0].name == "northamptonshire-child-protection-2014"
    assert (suites[0].tests, suites[0].failures) == (9, 5)
    failed = {case.name.split(":")[0] for case in suites[0] if any(isinstance(r, Failure) for r in case.result)}
    assert failed == set(IMMEDIATE)
    case = next(iter(suites[0]))
    assert "31 days overdue" in case.result[0].message and "2014-01-28" in case.result[0].message
    assert "\x1b" not in target.read_text()


def test_github_annotations_point_at_each_failing_items_line(invoke, data_copy, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    result = invoke("--data", data_copy.name, "check", "--as-of", MONTH_AFTER, "--format", "github")
    assert result.exit_code == 1
    lines = data_copy.read_text().splitlines()
    annotations = result.stdout.splitlines()
    assert len(annotations) == 5
    for rec_id, annotation in zip(IMMEDIATE, annotations, strict=True):
        match = re.fullmatch(r"::error file=([^,]+),line=(\d+),title=([^:]+)::(.+)", annotation)
        assert match, annotation
        assert match.group(1) == data_copy.name
        assert f'"id": "{rec_id}"' in lines[int(match.group(2)) - 1]
        assert match.group(3) == f"{rec_id} 31 days overdue"


def test_github_step_summary_is_appended(runner, tmp_path):
    from hmic_cli.cli import app

    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    result = runner.invoke(app, ["check", "--as-of", MONTH_AFTER, "-f", "github"],
                           env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    text = summary.read_text()
    assert text.startswith("earlier step\n")
    assert "hmic check: fail" in text and text.count("| NCP-") == 5


def test_markdown_summary_to_stdout(invoke):
    out = invoke("check", "--as-of", MONTH_AFTER, "-f", "markdown").stdout
    assert out.startswith("## ❌ hmic check: fail")
    assert "| 9 | 5 | 0 | 0 | 5 | 9 | 0 |" in out
    assert out.count("| NCP-") == 5


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "markdown"])
def test_every_format_passes_cleanly(invoke, fmt):
    result = invoke("check", "--as-of", DAY_BEFORE, "--format", fmt)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout


def test_junit_escapes_markup_and_quotes_in_every_place(invoke, bundled, write_data):
    """XML specials in a text, a title, a waiver reason and an id's report survive as text: the
    document parses, and what a reader gets back is exactly what the data says."""
    from lxml import etree

    nasty = 'a < b & "c" \'d\' ]]> <x/> &amp;'
    bundled["reports"][0]["title"] = nasty
    bundled["recommendations"][0]["text"] = nasty
    bundled["recommendations"][1]["waiver"] = {"until": "2014-12-31", "reason": nasty}
    result = invoke("--data", str(write_data(bundled)), "check", "--as-of", "2014-07-10", "--format", "junit")
    assert result.exit_code == 1
    root = etree.fromstring(result.stdout.encode("utf-8"))
    title = root.find("testsuite/properties/property[@name='title']")
    assert title.get("value") == nasty
    failure = root.find("testsuite/testcase[@name='NCP-1']/failure")
    assert nasty in failure.text
    skipped = root.find("testsuite/testcase[@name='NCP-2']/skipped")
    assert skipped.get("message").endswith(nasty) and nasty in skipped.text


def test_an_item_id_can_hold_nothing_junit_would_have_to_escape():
    """JUnit writes ids (names, and the summary of a passing item) unescaped, because the model's id
    pattern allows no character XML treats specially: this guards that reasoning."""
    import re

    from hmic_cli.models import ITEM_ID, SLUG

    for special in '&<>"\'\n\r\t\x00\x1b\u202e ':
        assert re.fullmatch(ITEM_ID, f"A{special}1") is None
        assert re.fullmatch(SLUG, f"a{special}1") is None
