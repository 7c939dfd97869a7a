"""The duplicate-key pass (issue 10, "one parse where one will do"): in the `hmic` process it runs in
a forked child beside validation for a large file. A repeated key must be caught on that path as on
the in-process one, and a child that fails or dies must never let a duplicate through."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys

import pytest

from hmic_cli.errors import DataError
from hmic_cli.jsontext import duplicate_keys
from hmic_cli.store import loading
from tests import forked
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import write  # noqa: E402

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")


def _repeating(folder, records: int):
    """A valid tracker of `records` items, and a copy whose last item repeats a key."""
    clean = folder / "tracker.json"
    write(records, clean, seed=3)
    text = clean.read_text(encoding="utf-8")
    last = json.loads(text)["recommendations"][-1]["id"]
    at = text.rfind(f'"id": "{last}"')
    broken = folder / "broken.json"
    broken.write_text(text[:at] + '"deadline": "immediately", ' + text[at:], encoding="utf-8")
    return clean, broken, last


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """Over the fork threshold, for a real `hmic` process (where the threshold cannot be lowered)."""
    clean, broken, last = _repeating(tmp_path_factory.mktemp("large"), 7000)
    assert clean.stat().st_size > duplicate_keys.FORK_MIN_BYTES
    return clean, broken, last


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """For the library, with the threshold lowered (`forking`): the same shape, a twentieth of the size."""
    return _repeating(tmp_path_factory.mktemp("small"), 350)


@pytest.fixture
def forking(monkeypatch):
    monkeypatch.setattr(duplicate_keys, "FORK", True)
    monkeypatch.setattr(duplicate_keys, "FORK_MIN_BYTES", 0)


def gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True  # reaped: no zombie left behind
    return False


@needs_fork
def test_the_forked_pass_finds_a_repeated_key(forking):
    body = b'{"a": 1, "b": {"c": 2, "c": 3}}'
    aside = duplicate_keys.Aside(body)
    pid = aside._pid
    assert pid > 0  # it did fork
    (problem,) = aside.found()
    assert problem.path == "b.c" and "duplicate key 'c'" in problem.message
    assert gone(pid)


@needs_fork
def test_the_forked_pass_passes_a_clean_file(forking):
    aside = duplicate_keys.Aside(b'{"a": [{"b": 1}, {"b": 2}]}')
    pid = aside._pid
    assert pid > 0 and aside.found() == [] and gone(pid)


@needs_fork
def test_a_child_that_dies_leaves_the_pass_to_the_parent(forking):
    aside = duplicate_keys.Aside(b'{"a": 1, "a": 2}' + b" " * (1 << 16))
    os.kill(aside._pid, signal.SIGKILL)  # before or after its verdict: either way none may be lost
    found = aside.found()
    assert [p.path for p in found] == ["a"]


@needs_fork
def test_cancel_stops_and_reaps_the_child(forking):
    aside = duplicate_keys.Aside(b"[" + b"{}," * 2_000_000 + b"{}]")
    pid = aside._pid
    aside.cancel()
    assert gone(pid)


@needs_fork
def test_load_uses_the_child_and_refuses_the_duplicate(forking, small, monkeypatch):
    clean, broken, last = small
    forks = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    assert len(loading.load(clean, check_keys=True).dataset.recommendations) == 350
    with pytest.raises(DataError) as caught:
        loading.load(broken, check_keys=True)
    assert len(forks) == 2  # the pass ran in a child each time
    (problem,) = caught.value.problems
    assert problem.path == "recommendations[349].deadline"
    text = broken.read_text(encoding="utf-8")
    assert problem.line == text.count("\n", 0, text.rfind('"deadline": "immediately", "id"')) + 1


def test_library_callers_do_not_fork(monkeypatch):
    monkeypatch.setattr(duplicate_keys, "FORK_MIN_BYTES", 0)
    assert duplicate_keys.FORK is False
    assert duplicate_keys.Aside(b'{"a": 1, "a": 2}')._pid == 0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this platform")
@pytest.mark.parametrize("args", [["check", "--as-of", "2015-01-01"],
                                  ["update", "{id}", "--status", "complete", "--note", "Done."]])
def test_hmic_refuses_a_large_file_with_a_repeated_key(large, args, tmp_path):
    """A real process running the console script's entry point (forked from this one: tests/forked.py),
    whose main() turns the forked pass on: exit 3 with the place, and nothing written."""
    _, broken, last = large
    target = tmp_path / "broken.json"
    shutil.copyfile(broken, target)
    before = target.read_bytes()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HMIC_", "GITHUB_"))} | {"NO_COLOR": "1"}
    result = forked.run(["--data", target, *(a.format(id=last) for a in args)], env)
    err = result.stderr.decode()
    assert result.returncode == 3, err
    assert "recommendations[6999].deadline: duplicate key 'deadline'" in err
    assert "Traceback" not in err
    assert target.read_bytes() == before


@needs_fork
def test_the_child_keeps_no_descriptor_of_the_parent_but_its_pipe(forking):
    """Killed mid-write, the parent must not leave its lock file or the reader of its stdout held open
    by the child: the child closes every descriptor but its own pipe."""
    import select

    read_end, write_end = os.pipe()
    aside = duplicate_keys.Aside(b"[" + b'{"a": 1},' * 3_000_000 + b"{}]")  # a second or so of parsing
    os.close(write_end)
    ready, _, _ = select.select([read_end], [], [], 0.2)
    assert ready and os.read(read_end, 1) == b""  # EOF at once: the child holds no copy of write_end
    pid = aside._pid
    assert pid and os.waitpid(pid, os.WNOHANG) == (0, 0)  # the EOF came while the child was still parsing
    aside.cancel()
    assert gone(pid)
    os.close(read_end)
