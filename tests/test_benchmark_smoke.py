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
    assert {"sign-off", "migrate", "config", "init", "import --updates 1,000 rows", "diff json", "merge",
            "remind markdown", "report html", "report xlsx", "log table since"} <= set(commands)
    for name, row in commands.items():  # every row ran, and finished with 0 or 1
        assert "skipped" not in row, row
        assert row["seconds"] > 0 and row["ratio"] > 0 and row["rss_ratio"] > 0, name
    from hmic_cli.cli.app import app

    named = {r.name or r.callback.__name__ for r in app.registered_commands} | {
        g.name for g in app.registered_groups}
    assert not named - {command_of(row["command"]) for row in commands.values()}  # every command is benchmarked
    assert report["million"] == []
    assert "| update |" in result.stdout and "PASS" in result.stdout


def command_of(line: str) -> str:
    """The hmic command a benchmark row runs: the word after the executable (`-m hmic_cli`) and `--data FILE`."""
    words = line.split()
    words = words[words.index("hmic_cli") + 1:] if "hmic_cli" in words else words[1:]
    return words[2] if words[0] == "--data" else words[0]
