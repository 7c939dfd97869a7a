"""`import` of another issuer's report: who wrote it is read from the text (unless `--issuer` says), and each
item's priority label is kept in the issuer's words, its due date then following the issuer's priority rule.
The texts are written for these tests."""

from __future__ import annotations

import json

AUDIT = """# Internal audit report: Evidence property management

Midshire Police internal audit, issued 3 March 2031.

Internal Audit

## Findings and recommendations

| Ref | Finding | Priority |
|---|---|---|
| 1 | The force should reconcile the property store records with the system monthly. | High |
| 2 | The force should review access rights to the property store every quarter. | Low |
"""

V1 = {"schema_version": 1, "reports": [], "themes": [{"id": "record-keeping", "label": "Record keeping",
                                                       "description": "Records."}], "recommendations": []}


def _import(invoke, tmp_path, tracker, *extra):
    source = tmp_path / "audit.md"
    source.write_text(AUDIT, encoding="utf-8")
    result = invoke("import", str(source), "--force", "Midshire Police", "--published", "2031-03-03",
                    "--into", str(tracker), *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(tracker.read_text(encoding="utf-8"))


def test_the_issuer_is_read_from_the_text_and_priorities_give_due_dates(invoke, tmp_path):
    tracker = tmp_path / "t.json"
    assert invoke("init", "--empty", str(tracker), "--no-config").exit_code == 0
    data = _import(invoke, tmp_path, tracker)
    assert [r["issuer"] for r in data["reports"]] == ["internal-audit"]
    assert [r.get("priority") for r in data["recommendations"]] == ["high", "low"]
    shown = invoke("list", "--data", str(tracker), "--as-of", "2031-03-04", "--format", "json")
    due = {r["id"]: r["due_date"] for r in json.loads(shown.stdout)["recommendations"]}
    assert sorted(due.values()) == ["2031-04-03", "2031-09-03"]  # high: one month; low: six months


def test_issuer_flag_wins_over_the_text(invoke, tmp_path):
    tracker = tmp_path / "t.json"
    assert invoke("init", "--empty", str(tracker), "--no-config").exit_code == 0
    data = _import(invoke, tmp_path, tracker, "--issuer", "other")
    assert [r["issuer"] for r in data["reports"]] == ["other"]


def test_a_version_1_tracker_takes_the_items_without_the_issuer_it_cannot_hold(invoke, tmp_path):
    tracker = tmp_path / "v1.json"
    tracker.write_text(json.dumps(V1), encoding="utf-8")
    data = _import(invoke, tmp_path, tracker, "--theme", "record-keeping")
    assert data["schema_version"] == 1
    assert "issuer" not in data["reports"][0]
    assert all("priority" not in r for r in data["recommendations"])
    assert len(data["recommendations"]) == 2
