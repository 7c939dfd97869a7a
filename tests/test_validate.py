"""`hmic validate`, `schema` and `init`, and data errors through every command."""

from __future__ import annotations

import json

import jsonschema
import pytest

from hmic_cli.store.loading import bundled_path


def test_bundled_file_is_valid(invoke):
    result = invoke("validate")
    assert result.exit_code == 0
    assert result.stdout.strip().endswith(": valid")


def test_every_problem_is_listed_with_path_and_line_column(invoke, bundled, write_data):
    bundled["reports"][0]["published"] = "2014-02-30"
    bundled["recommendations"][1]["colour"] = "red"
    bundled["recommendations"][3]["deadline"] = "soon"
    del bundled["recommendations"][4]["text"]
    path = write_data(bundled)
    result = invoke("validate", path)
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    text = path.read_text().splitlines()
    by_path = {line.split(": ")[1]: line for line in lines[:-1]}
    assert set(by_path) == {"reports[0].published", "recommendations[1].colour",
                            "recommendations[3].deadline", "recommendations[4].text"}
    assert "not a real date" in by_path["reports[0].published"]
    assert "unknown field 'colour'" in by_path["recommendations[1].colour"]
    assert "missing required field 'text'" in by_path["recommendations[4].text"]
    # line:column point at the offending text in the file
    line, column = map(int, by_path["recommendations[3].deadline"].split(":")[1:3])
    assert text[line - 1][column - 1:].startswith('"soon"')
    line, column = map(int, by_path["recommendations[1].colour"].split(":")[1:3])
    assert text[line - 1][column - 1:].startswith('"colour"')
    assert lines[-1].endswith("4 problems")


def test_validate_json_format(invoke, bundled, write_data):
    bundled["recommendations"][0]["themes"] = ["domestic-abuse", "nope"]
    bundled["recommendations"].append(dict(bundled["recommendations"][1]))
    result = invoke("validate", write_data(bundled), "--format", "json")
    assert result.exit_code == 3
    doc = json.loads(result.stdout)
    assert doc["valid"] is False
    (report,) = doc["files"]
    assert report["valid"] is False and report["count"] == len(report["problems"])
    found = {(p["path"], p["message"]) for p in report["problems"]}
    assert ("recommendations[0].themes[1]", "unknown theme id 'nope'") in found
    assert ("recommendations[9].id", "duplicate id 'NCP-2'") in found
    assert all(isinstance(p["line"], int) for p in report["problems"])


@pytest.mark.parametrize(("mutate", "fragment"), [
    (lambda d: d["recommendations"][0].update(report="other"), "unknown report id 'other'"),
    (lambda d: d["themes"].append(dict(d["themes"][0])), "duplicate id 'domestic-abuse'"),
    (lambda d: d["recommendations"][0].update(status="complete"), "last history entry says 'open'"),
    (lambda d: d["recommendations"][0]["history"].extend([  # progress back-filled after the opening entry may
        {"on": "2014-05-01", "status": "in-progress", "note": "x"},  # be dated before it, never before other
        {"on": "2014-04-01", "status": "open", "note": "y"}]), "history goes backwards"),  # progress
    (lambda d: d["recommendations"][0].update(deadline="by-date"), "needs a 'due' date"),
    (lambda d: d.update(schema_version=3), "schema_version"),
    (lambda d: d["recommendations"][0].update(themes=[]), "themes"),
    (lambda d: d["recommendations"][0].update(id="has space"), "recommendations[0].id"),
    (lambda d: d["recommendations"][0]["history"][0].update(on="2014-13-01"), "not a real date"),
])
def test_cross_reference_and_consistency_errors(invoke, bundled, write_data, mutate, fragment):
    mutate(bundled)
    result = invoke("--data", write_data(bundled), "list")
    assert result.exit_code == 3
    assert fragment in result.stderr
    assert result.stdout == ""


def test_duplicate_json_keys_are_reported_by_validate(invoke, write_data):
    text = bundled_path().read_text(encoding="utf-8")
    text = text.replace('"deadline": "six-months",', '"deadline": "six-months",\n      "deadline": "immediate",', 1)
    path = write_data(text)
    result = invoke("validate", path)
    assert result.exit_code == 3
    (line,) = [x for x in result.stdout.splitlines() if "duplicate key" in x]
    assert "recommendations[5].deadline" in line
    row = int(line.split(":")[1])
    assert '"deadline": "immediate"' in path.read_text().splitlines()[row - 1]


@pytest.mark.parametrize(("content", "fragment"), [
    ("", "the file is empty"),
    ('{"schema_version": 1,', "not valid JSON"),
    ('{"schema_version": 1} xx', "unexpected text after the end"),
    ("[1, 2]", "Input should be an object"),
    (b"\xff\xfe{\x00}\x00", "UTF-16"),
    (b'{"a": "\xe9"}', "not UTF-8"),
])
def test_broken_files_exit_3_with_a_message_and_no_traceback(invoke, write_data, content, fragment):
    result = invoke("--data", write_data(content), "list")
    assert result.exit_code == 3
    assert fragment in result.stderr
    assert "Traceback" not in result.output


def test_missing_file_and_folder(invoke, tmp_path):
    missing = invoke("--data", tmp_path / "nope.json", "list")
    assert missing.exit_code == 3 and "no such file" in missing.stderr and "hmic init" in missing.stderr
    folder = invoke("--data", tmp_path, "list")
    assert folder.exit_code == 3 and "is a folder" in folder.stderr


def test_schema_is_accepted_by_jsonschema_and_validates_the_bundled_file(invoke, bundled):
    schema = json.loads(invoke("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(bundled)) == []
    bundled["recommendations"][0]["deadline"] = "soon"
    bundled["recommendations"][1]["extra"] = 1
    assert len(list(validator.iter_errors(bundled))) == 2


def test_init_copies_the_bundled_data_and_refuses_to_overwrite(invoke, tmp_path):
    target = tmp_path / "tracker.json"
    first = invoke("init", target)
    assert first.exit_code == 0
    assert target.read_bytes() == bundled_path().read_bytes()
    target.write_text("mine")
    again = invoke("init", target)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert target.read_text() == "mine"
    assert invoke("init", target, "--force").exit_code == 0
    assert target.read_bytes() == bundled_path().read_bytes()


def test_show_one_item_in_full(invoke):
    result = invoke("show", "NCP-6", "--as-of", "2014-07-30")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "Missing children (missing-children)" in out
    assert "2014-07-28 (2 days overdue)" in out
    assert "youngters" in out  # the source's wording is kept
    doc = json.loads(invoke("show", "NCP-6", "--format", "json").stdout)
    assert doc["id"] == "NCP-6" and doc["due_date"] == "2014-07-28"
    folded = invoke("show", "ncp-6")  # ids resolve exactly; a case-folded match is only suggested
    assert folded.exit_code == 2 and "NCP-6" in folded.stderr


def test_show_unknown_id_suggests_the_closest(invoke):
    result = invoke("show", "NCP-10")
    assert result.exit_code == 2
    assert "no recommendation with id 'NCP-10'" in result.stderr
    assert "did you mean NCP-1" in result.stderr
