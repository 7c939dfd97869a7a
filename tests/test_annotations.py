"""GitHub's annotation limits (`check --format github`) and SARIF 2.1.0 (`check --format sarif`),
the latter validated against the OASIS schema vendored in tests/schemas/."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.gitrepo import item, tracker

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
AS_OF = "2024-06-01"


def forty_overdue(write_data, warnings: int = 0, waived: int = 0) -> Path:
    """40 overdue items (X1 the most overdue ... X40 the least), `warnings` due soon, `waived` waived."""
    start = date(2024, 1, 1)
    items = [item(f"X{n}", due=(start + timedelta(days=n)).isoformat()) for n in range(1, 41)]
    items += [item(f"W{n}", due=(date(2024, 6, 1) + timedelta(days=n)).isoformat()) for n in range(1, warnings + 1)]
    items += [item(f"V{n}", due="2024-02-01", waiver={"until": "2024-12-31", "reason": f"Agreed with the PCC ({n})."})
              for n in range(1, waived + 1)]
    return write_data(tracker(*items))


def annotations(stdout: str, kind: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith(f"::{kind} ")]


def test_forty_overdue_give_ten_errors_one_notice_and_a_summary_of_all(write_data, invoke, tmp_path):
    data = forty_overdue(write_data)
    summary = tmp_path / "summary.md"
    result = invoke("--data", data, "check", "--as-of", AS_OF, "--format", "github",
                    env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    errors = annotations(result.stdout, "error")
    assert len(errors) == 10
    shown = [re.search(r"title=(X\d+) ", line).group(1) for line in errors]
    assert shown == [f"X{n}" for n in range(1, 11)], "the most overdue first"
    (notice,) = annotations(result.stdout, "notice")
    assert "30 more errors" in notice and "summary lists all 40" in notice
    assert len(result.stdout.splitlines()) == 11
    rows = re.findall(r"^\| (X\d+) \|", summary.read_text(encoding="utf-8"), re.M)
    assert sorted(rows) == sorted(f"X{n}" for n in range(1, 41))


def test_warnings_are_capped_separately(write_data, invoke):
    data = forty_overdue(write_data, warnings=12)
    result = invoke("--data", data, "check", "--as-of", AS_OF, "--warn-within", "30", "--format", "github")
    assert len(annotations(result.stdout, "error")) == 10
    warnings = annotations(result.stdout, "warning")
    assert [re.search(r"title=(W\d+) ", w).group(1) for w in warnings] == [f"W{n}" for n in range(1, 11)]
    (notice,) = annotations(result.stdout, "notice")
    assert "30 more errors and 2 more warnings" in notice


def test_ten_or_fewer_need_no_notice(write_data, invoke):
    data = write_data(tracker(*(item(f"Y{n}", due="2024-01-01") for n in range(1, 11))))
    result = invoke("--data", data, "check", "--as-of", AS_OF, "--format", "github")
    assert len(annotations(result.stdout, "error")) == 10
    assert annotations(result.stdout, "notice") == []


@pytest.fixture
def sarif_schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def sarif_of(invoke, data: Path, *extra: str) -> dict:
    result = invoke("--data", data, "check", "--as-of", AS_OF, "--format", "sarif", *extra)
    assert result.exit_code == 1, result.stderr  # used on trackers with overdue items only
    return json.loads(result.stdout)


def test_sarif_validates_against_the_2_1_0_schema(write_data, invoke, sarif_schema):
    jsonschema = pytest.importorskip("jsonschema")
    data = forty_overdue(write_data, warnings=3, waived=2)
    log = sarif_of(invoke, data, "--warn-within", "30")
    jsonschema.validators.validator_for(sarif_schema)(sarif_schema).validate(log)
    assert log["version"] == "2.1.0"


def test_the_schema_catches_a_broken_log(sarif_schema):
    """The vendored schema is the real thing: a log without `runs`, or with a bad level, fails it."""
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.validators.validator_for(sarif_schema)(sarif_schema)
    assert not validator.is_valid({"version": "2.1.0"})
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "hmic"}},
                                         "results": [{"message": {"text": "x"}, "level": "fatal"}]}]}
    assert not validator.is_valid(bad)


def test_sarif_has_one_result_per_failing_item_at_its_line_and_waivers_suppressed(write_data, invoke):
    data = forty_overdue(write_data, waived=2)
    log = sarif_of(invoke, data)
    (run,) = log["runs"]
    results = run["results"]
    failing = [r for r in results if "suppressions" not in r]
    assert sorted(r["properties"]["id"] for r in failing) == sorted(f"X{n}" for n in range(1, 41))
    lines = data.read_text(encoding="utf-8").splitlines()
    for r in results:
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith("data.json")
        line = lines[location["region"]["startLine"] - 1]
        assert f'"id": "{r["properties"]["id"]}"' in line
        assert r["level"] == "error" and run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
    suppressed = {r["properties"]["id"]: r["suppressions"] for r in results if "suppressions" in r}
    assert set(suppressed) == {"V1", "V2"}
    (v1,) = suppressed["V1"]
    assert v1["kind"] == "external" and "Agreed with the PCC (1)." in v1["justification"]
    assert "2024-12-31" in v1["justification"]


def test_sarif_of_a_passing_tracker_has_no_results(write_data, invoke, sarif_schema):
    data = write_data(tracker(item("Z1", due="2030-01-01")))
    result = invoke("--data", data, "check", "--as-of", AS_OF, "--format", "sarif")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["runs"][0]["results"] == []


def test_commas_and_colons_in_annotation_properties_are_escaped(write_data, invoke, tmp_path, monkeypatch):
    """GitHub splits properties at ',' and the message at '::': a file name holding either (here
    'old, v2: draft.json') must come through escaped, whole, with the line and title after it intact."""
    monkeypatch.chdir(tmp_path)
    data = write_data(tracker(item("X1", due="2020-01-01")), name="old, v2: draft.json")
    result = invoke("--data", data, "check", "--as-of", AS_OF, "--format", "github")
    assert result.exit_code == 1, result.stderr
    [error] = annotations(result.stdout, "error")
    properties, message = error[len("::error "):].split("::", 1)
    fields = dict(part.split("=", 1) for part in properties.split(","))
    assert set(fields) == {"file", "line", "title"}, properties
    assert fields["file"] == "old%2C v2%3A draft.json"
    assert fields["title"] == "X1 1613 days overdue" and fields["line"].isdigit()
    assert message.startswith("X1 ")
