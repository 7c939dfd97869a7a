"""The board is asked to decide the cycle's asks: extension requests awaiting approval, and the published
responses due (`response_days`), in every format of the board paper (read back with real parsers)."""

from __future__ import annotations

import io
import json

from bs4 import BeautifulSoup
from docx import Document

AS_OF = "2025-04-20"


def _tracker(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HMIC_USER", "Ann Clerk")
    monkeypatch.delenv("HMIC_DATA", raising=False)
    assert invoke("init", "--empty", "tracker.json", "--no-config").exit_code == 0
    (tmp_path / "hmic.toml").write_text('data = "tracker.json"\nmax_revisions = 0\n', encoding="utf-8")

    def ok(*args):
        result = invoke(*args)
        assert result.exit_code == 0, result.stderr
        return result

    ok("report", "add", "--id", "peel-2025", "--title", "PEEL 2025", "--force", "Kent", "--published", "2025-03-01",
       "--response-days", "56")
    ok("add", "--id", "R1", "--report", "peel-2025", "--deadline", "six-months", "--theme", "record-keeping",
       "--text", "Audit crime recording.", "--owner", "DI Patel", "--on", "2025-03-02")
    ok("add", "--id", "R2", "--report", "peel-2025", "--deadline", "six-months", "--theme", "record-keeping",
       "--text", "Review the custody suite.", "--on", "2025-03-02")
    ok("edit", "R2", "--response", "A review is under way.", "--on", "2025-03-03")
    ok("edit", "R1", "--due", "2025-12-31", "--reason", "Waiting for the new system", "--category", "resources",
       "--on", "2025-04-01", "--by", "DI Patel")
    return tmp_path / "tracker.json"


def test_extension_requests_and_responses_due_are_decisions_in_every_format(invoke, tmp_path, monkeypatch):
    _tracker(invoke, tmp_path, monkeypatch)
    html = invoke("report", "--as-of", AS_OF, "--format", "html")
    assert html.exit_code == 0, html.stderr
    asks = " ".join(BeautifulSoup(html.stdout, "html.parser").get_text(" ").split())
    assert "approve or refuse the 1 extension request awaiting a decision (R1 to 31 December 2025)" in asks
    assert "note the published response is due: PEEL 2025 (due 26 April 2025)" in asks
    out = tmp_path / "paper.docx"
    assert invoke("report", "--as-of", AS_OF, "--format", "docx", "--output", str(out)).exit_code == 0
    text = " ".join(p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert "extension request" in text and "PEEL 2025 (due 26 April 2025)" in text


def test_a_missed_response_says_by_how_many_days(invoke, tmp_path, monkeypatch):
    _tracker(invoke, tmp_path, monkeypatch)
    html = invoke("report", "--as-of", "2025-05-06", "--format", "html")
    asks = " ".join(BeautifulSoup(html.stdout, "html.parser").get_text(" ").split())
    assert "PEEL 2025 (missed by 10 days)" in asks
    assert invoke("report", "edit", "peel-2025", "--responded", "2025-04-25").exit_code == 0
    html = invoke("report", "--as-of", "2025-05-06", "--format", "html")
    assert "published response" not in BeautifulSoup(html.stdout, "html.parser").get_text(" ")


def test_a_response_decision_names_only_outstanding_items_without_a_response(invoke, tmp_path, monkeypatch):
    _tracker(invoke, tmp_path, monkeypatch)
    assert invoke("update", "R1", "--status", "superseded", "--on", "2025-04-02").exit_code == 0
    html = invoke("report", "--as-of", AS_OF, "--format", "html")
    decision = BeautifulSoup(html.stdout, "html.parser").find(id="decision-responses")
    said = " ".join(decision.get_text(" ").split())
    assert said.endswith("PEEL 2025 (due 26 April 2025).")  # R1 is closed, R2 has its response: none to name
    assert "R1" not in said and "R2" not in said


def test_an_item_becomes_an_action_answering_others_in_one_edit(invoke, tmp_path, monkeypatch):
    tracker = _tracker(invoke, tmp_path, monkeypatch)
    result = invoke("edit", "R2", "--type", "action", "--answers", "R1", "--on", "2025-04-02")
    assert result.exit_code == 0, result.stderr
    rec = next(r for r in json.loads(tracker.read_text())["recommendations"] if r["id"] == "R2")
    assert rec["type"] == "action" and rec["answers"] == ["R1"]
