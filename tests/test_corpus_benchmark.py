"""The corpus benchmark (benchmarks/corpus.py) over ../shared/corpus: `hmic import` finds what a reader
counts in real reports, with precision and recall of at least 0.95 and every found item's deadline,
due date and type right. The corpus is not part of this repository; without it the test skips."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.skipif(not (CORPUS / "expected.json").is_file(), reason=f"no labelled corpus at {CORPUS}")
@pytest.mark.skipif(shutil.which("hmic") is None, reason="hmic is not installed on PATH")
def test_corpus_precision_and_recall_are_at_least_095():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), "--corpus", str(CORPUS),
                           "--require", "0.95", "--verbose"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    overall = done.stdout.strip().splitlines()[-1].split()
    assert overall[0] == "overall"
    precision, recall = float(overall[6]), float(overall[7])
    assert precision >= 0.95 and recall >= 0.95, done.stdout
