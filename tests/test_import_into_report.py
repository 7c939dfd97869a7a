"""`import --report ID` into a report the tracker already holds: the report keeps its issuer. `--issuer` naming
another is exit 2 (naming both, and how to change the report's), nothing written; an issuer only read from the
text is a warning. The texts are written for these tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests import inprocess

AUDIT = """# Internal audit report: Evidence property management

Midshire Police internal audit, issued 3 March 2031.

## Findings and recommendations

| Ref | Finding | Priority |
|---|---|---|
| 1 | The force should reconcile the property store records with the system monthly. | High |
| 2 | The force should review access rights to the property store every quarter. | Low |
"""


def _tracker(invoke, tmp_path) -> Path:
    tracker = tmp_path / "t.json"
    assert invoke("init", "--empty", str(tracker), "--no-config").exit_code == 0
    result = invoke("report", "add", "--data", str(tracker), "--id", "peel-2031", "--title", "PEEL 2031",
                    "--force", "Midshire Police", "--published", "2031-03-03")
    assert result.exit_code == 0, result.stderr
    (tmp_path / "audit.md").write_text(AUDIT, encoding="utf-8")
    return tracker


def test_a_given_issuer_other_than_the_reports_is_refused_naming_both(invoke, tmp_path):
    tracker = _tracker(invoke, tmp_path)
    before = tracker.read_bytes()
    result = invoke("import", str(tmp_path / "audit.md"), "--report", "peel-2031", "--issuer", "internal-audit",
                    "--into", str(tracker))
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "HMICFRS (hmicfrs)" in said and "Internal audit (internal-audit)" in said
    assert "hmic report edit peel-2031 --issuer internal-audit" in said
    assert "Traceback" not in result.stderr
    assert tracker.read_bytes() == before
    preview = invoke("import", str(tmp_path / "audit.md"), "--report", "peel-2031", "--issuer", "internal-audit",
                     "--data", str(tracker))
    assert preview.exit_code == 2  # the preview says so too


def test_the_same_issuer_given_is_taken(invoke, tmp_path):
    tracker = _tracker(invoke, tmp_path)
    result = invoke("import", str(tmp_path / "audit.md"), "--report", "peel-2031", "--issuer", "hmicfrs",
                    "--into", str(tracker))
    assert result.exit_code == 0, result.stderr
    data = json.loads(tracker.read_text(encoding="utf-8"))
    assert [r.get("issuer") for r in data["reports"]] == [None]
    assert len(data["recommendations"]) == 2 and "warning" not in result.stderr


def test_an_issuer_read_from_the_text_warns_and_the_report_keeps_its_own(tmp_path):
    """A real `hmic` process: the warning on stderr, exit 0, the report's issuer unchanged."""
    env = {**os.environ, "HMIC_USER": "Ann Clerk", "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("HMIC_DATA", None)
    hmic = [sys.executable, "-m", "hmic_cli"]
    tracker = tmp_path / "t.json"

    def run(*args):
        return subprocess.run([*hmic, *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)

    def setup(*args):  # the tracker and its report, in this process: the real process is for the import
        return inprocess.run(args, env, cwd=tmp_path)

    assert setup("init", "--empty", str(tracker), "--no-config").returncode == 0
    assert setup("report", "add", "--data", str(tracker), "--id", "peel-2031", "--title", "PEEL 2031", "--force",
                 "Midshire Police", "--published", "2031-03-03").returncode == 0
    (tmp_path / "audit.md").write_text(AUDIT, encoding="utf-8")
    result = run("import", "audit.md", "--report", "peel-2031", "--into", str(tracker))
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert "warning: the text reads as Internal audit (internal-audit)'s, but report peel-2031 is HMICFRS" in said
    data = json.loads(tracker.read_text(encoding="utf-8"))
    assert "issuer" not in data["reports"][0] and len(data["reports"]) == 1
    assert {r["report"] for r in data["recommendations"]} == {"peel-2031"}
