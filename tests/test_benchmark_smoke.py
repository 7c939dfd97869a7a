"""The benchmark and its generator stay runnable (tiny sizes; no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

from hmic_cli.store.loading import load
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import write  # noqa: E402


def test_generated_datasets_are_valid_and_varied(tmp_path):
    path = tmp_path / "gen.json"
    write(300, path, seed=7)
    dataset = load(path, check_keys=True).dataset  # every record validates
    assert len(dataset.recommendations) == 300
    assert len(dataset.reports) >= 2
    assert len(Counter(r.status for r in dataset.recommendations)) >= 4
    assert len(Counter(r.deadline for r in dataset.recommendations)) == 5
    assert any(len(r.history) > 1 for r in dataset.recommendations)


def test_benchmark_quick_run_prints_figures_and_writes_json(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--skip-million",
                             "--out", str(out), "--workdir", str(tmp_path / "work")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "ratio" in result.stdout
    report = json.loads(out.read_text())
    names = [r["name"][0] for r in report["results"]]
    assert names == ["A", "B", "C", "E"]
    for figure in report["results"]:
        if "skipped" not in figure:
            assert figure["seconds"] > 0 and figure["reference_seconds"] > 0 and figure["ratio"] > 0
    commands = {row["name"]: row for row in report["commands"]}
    measured = {"list table", "list json", "list csv", "list markdown", "show ID", "log table", "log json",
                "summary table", "summary json", "themes table", "themes json", "validate", "update", "schema"}
    measured |= {f"check {fmt}" for fmt in ("text", "json", "junit", "github", "markdown")}
    for name in measured:  # every command this hmic has ran, and finished with 0 or 1
        assert "skipped" not in commands[name], commands[name]
        assert commands[name]["ratio"] > 0 and commands[name]["rss_ratio"] > 0
    for row in commands.values():  # commands not merged yet are skipped with a reason
        assert "skipped" in row or row["seconds"] > 0
    assert report["million"] == []
    assert "| update |" in result.stdout and "PASS" in result.stdout
