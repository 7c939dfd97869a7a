"""Real `hmic update` processes racing on one file, and killed mid-write."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import time
from datetime import date

import pytest

from hmic_cli import edits, writing
from hmic_cli.loading import load
from hmic_cli.models import Status

HMIC = shutil.which("hmic")
pytestmark = pytest.mark.skipif(HMIC is None, reason="hmic is not installed on PATH")


def env() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith("HMIC_")} | {"HMIC_LOCK_TIMEOUT": "120"}


def test_sixteen_concurrent_updates_are_all_kept(data_copy):
    jobs = []
    for n in range(16):
        rec_id = f"NCP-{n % 8 + 1}" if n < 8 else "NCP-9"  # 8 on different items, 8 on the same item
        args = [HMIC, "--data", str(data_copy), "update", rec_id, "--status", "in-progress",
                "--note", f"update {n}", "--on", "2014-03-01"]
        jobs.append(subprocess.Popen(args, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = [(job.wait(timeout=300), job.stderr.read()) for job in jobs]
    assert all(code == 0 for code, _ in results), results
    dataset = load(data_copy, check_keys=True).dataset
    notes = {entry.note for rec in dataset.recommendations for entry in rec.history}
    assert {f"update {n}" for n in range(16)} <= notes
    nine = next(r for r in dataset.recommendations if r.id == "NCP-9")
    assert len(nine.history) == 1 + 8
    assert not list(data_copy.parent.glob(".*.tmp"))  # no temporary file left behind


def test_sigkill_at_random_points_never_leaves_a_broken_file(data_copy, tmp_path):
    """50 updates killed at random moments: the file is always the old content or the new."""
    rng = random.Random(20141)
    outcomes = {"old": 0, "new": 0}
    landed: list[str] = []  # the notes of the updates that were saved, in order
    scratch = tmp_path / "scratch.json"
    scratch.write_bytes(data_copy.read_bytes())
    started = time.monotonic()
    subprocess.run([HMIC, "--data", str(scratch), "update", "NCP-4", "--status", "complete"], env=env(), check=True,
                   capture_output=True)
    duration = time.monotonic() - started  # kill points spread over one whole run
    for n in range(50):
        old = data_copy.read_bytes()
        expected = tmp_path / "expected.json"
        expected.write_bytes(old)
        status = Status.in_progress if n % 2 == 0 else Status.awaiting_sign_off
        change = edits.StatusUpdate("NCP-4", status, note=f"attempt {n}", on=date(2014, 3, 1))
        writing.apply(expected, "update", edits.update(change, date.today()))
        job = subprocess.Popen([HMIC, "--data", str(data_copy), "update", "NCP-4", "--status", status.value,
                                "--note", f"attempt {n}", "--on", "2014-03-01"],
                               env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, duration))
        job.send_signal(signal.SIGKILL)
        job.wait(timeout=60)
        now = data_copy.read_bytes()
        assert now in (old, expected.read_bytes()), f"attempt {n}: neither the old nor the new content"
        load(data_copy, check_keys=True)  # parses and validates
        outcomes["old" if now == old else "new"] += 1
        if now != old:
            landed.append(f"attempt {n}")
        for leftover in data_copy.parent.glob(f".{data_copy.name}.*.tmp"):
            leftover.unlink()  # a kill between mkstemp and rename leaves a temp file; never the target
    print("sigkill outcomes:", json.dumps(outcomes))
    # The file parses, validates and holds exactly the updates that landed, in order: none lost, none doubled.
    four = next(r for r in load(data_copy, check_keys=True).dataset.recommendations if r.id == "NCP-4")
    assert [entry.note for entry in four.history[1:]] == landed
    if landed:
        assert four.status.value == ("in-progress" if int(landed[-1].split()[1]) % 2 == 0 else "awaiting-sign-off")
