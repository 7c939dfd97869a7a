"""`hmic migrate`: the bundled dataset as it was (schema_version 1), kept as work had been done on it
(progress, owners, revised due dates, waivers), upgraded in place; every read command answers the
same before and after."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

V1 = Path(__file__).parent / "fixtures" / "bundled-v1.json"
AS_OF = "2015-03-01"
WORK = [
    ["edit", "NCP-1", "--owner", "DI Patel", "--on", "2014-02-03", "--by", "Lead"],
    ["edit", "NCP-2", "--owner", "DS Khan", "--on", "2014-02-03", "--by", "Lead"],
    ["update", "NCP-1", "--status", "in-progress", "--note", "Audit begun", "--on", "2014-02-10", "--by", "DI Patel"],
    ["update", "NCP-1", "--status", "awaiting-sign-off", "--evidence", "https://intranet/ncp-1", "--on", "2014-04-01",
     "--by", "DI Patel"],
    ["update", "NCP-1", "--status", "complete", "--note", "Signed off at the board", "--on", "2014-04-20",
     "--by", "ACC Grey"],
    ["update", "NCP-3", "--status", "in-progress", "--on", "2014-03-01", "--by", "DS Khan"],
    ["edit", "NCP-6", "--due", "2014-12-31", "--reason", "Agreed at the March board", "--on", "2014-03-15",
     "--by", "Lead"],
    ["waive", "NCP-4", "--until", "2015-06-30", "--reason", "Training plan awaits the college", "--on", "2014-05-01",
     "--by", "ACC Grey"],
    ["update", "NCP-9", "--status", "superseded", "--note", "Replaced by the 2015 report", "--on", "2015-01-10",
     "--by", "Lead"],
]
READS = [
    ["list"], ["list", "--all", "--format", "json"], ["list", "--all", "--format", "csv"],
    ["list", "--format", "markdown"], ["list", "--sort", "owner", "--all"],
    ["themes"], ["themes", "--format", "json"],
    ["summary"], ["summary", "--format", "json"], ["summary", "--format", "markdown"],
    ["log", "--since", "2014-01-01"], ["log", "--format", "json"], ["log", "--format", "csv"],
    ["check"], ["check", "--format", "json", "--warn-within", "60"], ["check", "--format", "junit"],
    ["check", "--format", "markdown"], ["check", "--fail-on", "outstanding", "--format", "github"],
    ["validate"],
] + [["show", f"NCP-{n}"] for n in range(1, 10)] + [["show", f"NCP-{n}", "--format", "json"] for n in range(1, 10)]


def answers(invoke, tracker: Path) -> list[tuple]:
    out = []
    for args in READS:
        extra = [] if args[0] in ("validate",) else ["--as-of", AS_OF]
        result = invoke("--data", tracker, *args, *extra)
        out.append((tuple(args), result.exit_code, result.stdout, result.stderr))
    return out


@pytest.fixture
def worked(invoke, tmp_path) -> Path:
    tracker = tmp_path / "tracker.json"
    shutil.copyfile(V1, tracker)
    for args in WORK:
        result = invoke("--data", tracker, *args)
        assert result.exit_code == 0, (args, result.stderr)
    assert json.loads(tracker.read_text())["schema_version"] == 1
    return tracker


def test_every_read_command_answers_the_same_before_and_after_migrating(invoke, worked, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    before_bytes = worked.read_bytes()
    before = answers(invoke, worked)
    assert sum(code == 0 for _, code, _, _ in before) > len(READS) // 2  # the reads ran, not all failed
    migrated = invoke("--data", worked, "migrate", worked)
    assert migrated.exit_code == 0, migrated.stderr
    after_bytes = worked.read_bytes()
    assert json.loads(after_bytes)["schema_version"] == 2
    # one value changed, every other byte as it was
    assert after_bytes.replace(b'"schema_version": 2', b'"schema_version": 1', 1) == before_bytes
    after = answers(invoke, worked)
    for old, new in zip(before, after, strict=True):
        assert old == new, old[0]
    again = invoke("migrate", worked)
    assert again.exit_code == 0 and "already schema_version 2" in again.stderr
    assert worked.read_bytes() == after_bytes


def test_after_migrating_what_needs_version_2_can_be_written(invoke, worked, monkeypatch):
    monkeypatch.setenv("HMIC_USER", "DI Patel")
    assert invoke("--data", worked, "add", "--parent", "NCP-3", "--text", "Audit", "--due", "2015-01-01").exit_code == 2
    assert invoke("migrate", worked).exit_code == 0
    added = invoke("--data", worked, "add", "--parent", "NCP-3", "--text", "Audit", "--due", "2015-01-01")
    assert added.exit_code == 0, added.stderr
    assert json.loads(worked.read_text())["recommendations"][-1]["parent"] == "NCP-3"


def test_migrate_refuses_a_broken_file_and_writes_nothing(invoke, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text(V1.read_text().replace('"status": "open"', '"status": "opened"', 1))
    before = broken.read_bytes()
    result = invoke("migrate", broken)
    assert result.exit_code == 3 and broken.read_bytes() == before


@pytest.mark.parametrize("version", [1, 2])
def test_schema_of_each_version_validates_files_of_that_version(invoke, bundled, version):
    schema = json.loads(invoke("schema", "--version", str(version)).stdout)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    v1 = json.loads(V1.read_text())
    ok, other = (v1, bundled) if version == 1 else (bundled, v1)
    assert validator.is_valid(ok)
    assert not validator.is_valid(other)  # schema_version is 1 in one, 2 in the other
    with_parent = json.loads(json.dumps(ok))
    with_parent["recommendations"][1]["parent"] = "NCP-1"
    assert validator.is_valid(with_parent) == (version == 2)
