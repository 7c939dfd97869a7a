"""Progress back-filled before the entry that opened an item (opening.py): every reading of the history
takes it at its date, not at its place (the opening entry stays first whatever the dates after it)."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup


@pytest.fixture
def tracker(invoke, tmp_path, monkeypatch):
    """R-1 and R-2 came into the tracker on 1 Nov 2026; R-1's progress is back-filled to May and June."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HMIC_DATA", raising=False)
    path = tmp_path / "t.json"

    def ok(*args):
        result = invoke("--data", path, *args)
        assert result.exit_code == 0, result.stderr
        return result

    assert invoke("init", "--empty", path, "--no-config").exit_code == 0
    ok("report", "add", "--id", "r1", "--title", "PEEL", "--force", "Kent", "--published", "2026-01-10")
    for rid in ("R-1", "R-2", "R-3"):
        ok("add", "--id", rid, "--report", "r1", "--deadline", "three-months", "--theme", "custody",
           "--text", f"Do {rid}.", "--on", "2026-11-01")
    ok("update", "R-1", "--status", "in-progress", "--note", "Started.", "--on", "2026-05-01")
    ok("update", "R-1", "--status", "complete", "--note", "Done.", "--evidence", "https://x/1", "--on", "2026-06-01")
    ok("update", "R-3", "--status", "in-progress", "--note", "Started long ago.", "--on", "2026-05-01")
    return path


def test_a_past_board_paper_takes_back_filled_progress_at_its_date(invoke, tracker):
    html = invoke("--data", tracker, "report", "--as-of", "2026-07-01", "--since", "2026-06-15",
                  "--format", "html").stdout
    asks = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
    owners = asks[asks.index("assign an owner"):asks.index("The reports")]
    assert "R-2" in owners and "R-1" not in owners  # R-1 was closed on 1 June, R-2 open and overdue
    # on 15 June, as on 1 July, R-1 was complete and R-2 (and R-3, in progress) overdue: no change
    assert "Overdue 2 none waived = no change since 15 Jun" in asks


def test_stale_reads_every_entry_at_its_date(invoke, tracker):
    """R-2 and R-3 came in on 1 November, inside a 60-day window; R-3's own progress is older. Recording old
    progress never makes an item stale when recording none does not."""
    def stale(days: str) -> list[str]:
        listed = invoke("--data", tracker, "list", "--all", "--stale", days, "--as-of", "2026-12-07",
                        "--format", "json")
        return [r["id"] for r in json.loads(listed.stdout)["recommendations"]]

    assert stale("60") == []
    assert stale("20") == ["R-2", "R-3"]  # R-1 is complete: never stale


def test_an_item_is_not_added_before_its_report_was_published(invoke, tracker):
    before = tracker.read_bytes()
    result = invoke("--data", tracker, "add", "--report", "r1", "--deadline", "immediate", "--theme", "custody",
                    "--text", "Too early.", "--on", "2026-01-09")
    assert result.exit_code == 2 and "before report r1 was published (2026-01-10)" in result.stderr
    assert tracker.read_bytes() == before
