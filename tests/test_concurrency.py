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
from pathlib import Path

import pytest

from hmic_cli import edits, writing
from hmic_cli.loading import load
from hmic_cli.models import Status

HMIC = shutil.which("hmic")
pytestmark = pytest.mark.skipif(HMIC is None, reason="hmic is not installed on PATH")


def env() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith("HMIC_")} | {"HMIC_LOCK_TIMEOUT": "120",
                                                                                 "HMIC_USER": WRITER}


WRITER = "Concurrency Test"  # every write records `by`: the expected file is written with the same name


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
    """50 updates of the bundled tracker killed at random moments: always the old content or the new."""
    outcomes = kill_updates(data_copy, "NCP-4", 50, tmp_path, seed=20141)
    print("sigkill outcomes:", json.dumps(outcomes))


def test_sigkill_on_a_20k_record_tracker_never_leaves_a_broken_file(tmp_path):
    """Issue 10: the same at 20,000 records, where the duplicate-key pass runs in a forked child
    and the write splices one item into a 17 MB file."""
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import write

    big = tmp_path / "big.json"
    write(20_000, big, seed=5)
    item = load(big).dataset.recommendations[12_345].id
    outcomes = kill_updates(big, item, 12, tmp_path, seed=2026)
    print("sigkill outcomes at 20k:", json.dumps(outcomes))


def kill_updates(data: Path, item: str, attempts: int, tmp_path: Path, seed: int) -> dict[str, int]:
    """`attempts` real `hmic update`s of `item`, killed at a random moment of a run (odd attempts) or
    within 10 ms of the moment the save begins (even ones, where a non-atomic write would be caught
    half-done): after each the file is the old content or exactly what the update would write, it
    parses and validates, and in the end it holds exactly the updates that landed, in order."""
    rng = random.Random(seed)
    outcomes = {"old": 0, "new": 0}
    landed: list[str] = []  # the notes of the updates that were saved, in order
    scratch = tmp_path / "scratch.json"
    scratch.write_bytes(data.read_bytes())
    started = time.monotonic()
    subprocess.run([HMIC, "--data", str(scratch), "update", item, "--status", "complete"], env=env(), check=True,
                   capture_output=True)
    duration = time.monotonic() - started  # kill points spread over one whole run
    before = len(next(r for r in load(data).dataset.recommendations if r.id == item).history)
    today = date.today()  # on or after every generated history entry
    for n in range(attempts):
        old = data.read_bytes()
        expected = tmp_path / "expected.json"
        expected.write_bytes(old)
        status = Status.in_progress if n % 2 == 0 else Status.awaiting_sign_off
        change = edits.StatusUpdate(item, status, note=f"attempt {n}", on=today, by=WRITER)
        writing.apply(expected, "update", edits.update(change, today))
        job = subprocess.Popen([HMIC, "--data", str(data), "update", item, "--status", status.value,
                                "--note", f"attempt {n}", "--on", today.isoformat()],
                               env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if n % 2:
            time.sleep(rng.uniform(0.0, duration))
        else:
            wait_for_the_write(job, data, rng.uniform(0.0, 0.01))
        job.send_signal(signal.SIGKILL)
        job.wait(timeout=60)
        now = data.read_bytes()
        assert now in (old, expected.read_bytes()), f"attempt {n}: neither the old nor the new content"
        load(data, check_keys=True)  # parses and validates
        outcomes["old" if now == old else "new"] += 1
        if now != old:
            landed.append(f"attempt {n}")
        for leftover in data.parent.glob(f".{data.name}.*.tmp"):
            leftover.unlink()  # a kill between mkstemp and rename leaves a temp file; never the target
    found = next(r for r in load(data, check_keys=True).dataset.recommendations if r.id == item)
    assert [entry.note for entry in found.history[before:]] == landed
    if landed:
        assert found.status.value == ("in-progress" if int(landed[-1].split()[1]) % 2 == 0 else "awaiting-sign-off")
    return outcomes


def wait_for_the_write(job: subprocess.Popen, data: Path, delay: float) -> None:
    """Return `delay` seconds after the save of `data` begins (a temporary file beside it appears, or
    the file itself changes), or when the job ends."""
    before = data.stat()
    while job.poll() is None:
        now = data.stat()
        if (now.st_mtime_ns, now.st_size, now.st_ino) != (before.st_mtime_ns, before.st_size, before.st_ino) \
                or any(data.parent.glob(f".{data.name}.*.tmp")):
            time.sleep(delay)
            return
        time.sleep(0.0005)
