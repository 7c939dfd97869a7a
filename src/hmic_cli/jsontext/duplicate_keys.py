"""Duplicate keys in a JSON text: pydantic would silently keep the last value of a repeated key.

`find(text)` lists each duplicate with its place. `Aside(body)` starts the same test in a forked
child while the caller validates the file, and `Aside.found()` then gives its verdict: the
`hmic` process (only it: `cli.main` sets `FORK`) has two passes over the text
to make, the pydantic validation and this one, and neither releases the GIL, so on a machine
with a second core the pass costs no wall time. At 100,000 records (84 MB) it is 0.5-0.8 s, 45-65%
of validating the file (measured in-process); with it aside, `check --format json` went from
1.30x to 0.95-1.19x `list --format json` (`benchmarks/run.py`, README "Performance").
"""

from __future__ import annotations

import json
import os
import signal

from hmic_cli.errors import Problem

# Whether the pass may run in a forked child beside validation (`Aside`). Off for library callers, whose
# threads a fork could catch mid-lock; `cli.main` turns it on for the single-threaded `hmic` process
# where `os.fork` exists (not macOS, where forking a process that has loaded system frameworks is unsafe).
FORK = False

# Below this size the pass takes less than a fork costs to set up (about 2 ms): run it in-process.
FORK_MIN_BYTES = 4 * 1024 * 1024

_NONE, _SOME, _UNSURE = b"0", b"1", b"?"
_MAX_FD = 1 << 16


def any_duplicates(text: str | bytes) -> bool:
    """Whether some object repeats a key. Also a syntax check (json.JSONDecodeError).

    One pass of the C parser whose per-object hook only compares the number of pairs with the
    number of distinct keys and returns None, so no tree is kept. At 100,000 records (CPU time as
    a share of validating the file with pydantic, same process): this pass 0.44-0.54; the C parser
    without any hook 0.32-0.38 (but it cannot see duplicates); `jiter` with its own duplicate
    check 0.48; scanning element by element with the same hook 0.72. Shrinking long strings
    first costs more than it saves: the time is in the tokens. A test from the validated model
    cannot stand in for the pass: it cannot tell a key written with its default value
    ("owner": null) from an absent one, so no count of keys it gives is exact.
    """
    found: list[bool] = []

    def flag(pairs: list) -> None:
        if len(pairs) > 1 and len(dict(pairs)) != len(pairs):
            found.append(True)

    json.loads(text, object_pairs_hook=flag)
    return bool(found)


def find(text: str) -> list[Problem]:
    """Each duplicate key with its dotted place and line:column; [] when there is none."""
    if not any_duplicates(text):
        return []
    tree = json.loads(text, object_pairs_hook=_Obj.from_pairs)
    found: list[tuple[tuple, str]] = []
    _walk(tree, (), found)
    # lazy: hmic_cli.jsontext.locate adds 1.2 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.jsontext.locate import dotted

    # lazy: hmic_cli.jsontext.source_map adds 1.6 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.jsontext.source_map import SourceMap

    smap = SourceMap(text)
    out = []
    for loc, key in found:
        line, column = smap.position(loc + (key,), key=True) or (None, None)
        out.append(Problem(f"duplicate key '{key}' (the later value would win silently)",
                           dotted(loc + (key,)), line, column))
    return out


class Aside:
    """`any_duplicates(body)` in a forked child, started now; `found()` waits for its verdict.

    Runs in-process instead (at `found()`) where forking is not the policy or not possible, for
    a small body, and whenever the child gives no clear answer (it failed, was killed, or the
    text does not parse: the in-process pass then raises what it raises).
    """

    def __init__(self, body: bytes) -> None:
        self._body = body
        self._pid = 0
        self._pipe = -1
        if FORK and len(body) >= FORK_MIN_BYTES:
            self._start()

    def _start(self) -> None:
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the child: one byte of verdict, then gone without any clean-up of the parent's
            try:
                # Keep only the pipe: a writer's lock file or a stdout pipe must not outlive the parent
                # in this child if the parent is killed.
                os.closerange(0, write_end)
                os.closerange(write_end + 1, _MAX_FD)
                verdict = _SOME if any_duplicates(self._body) else _NONE
            except BaseException:
                verdict = _UNSURE
            try:
                os.write(write_end, verdict)
            finally:
                os._exit(0)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def found(self) -> list[Problem]:
        """The duplicates (with places, worked out in-process only when there are some)."""
        verdict = self._verdict()
        if verdict == _NONE:
            return []
        return find(self._body.decode("utf-8"))

    def _verdict(self) -> bytes:
        if not self._pid:
            return _UNSURE
        try:
            verdict = os.read(self._pipe, 1)
        except OSError:
            verdict = b""
        except BaseException:  # Ctrl-C while waiting: no child left behind
            self._reap(kill=True)
            raise
        self._reap(kill=False)
        return verdict if verdict in (_NONE, _SOME) else _UNSURE

    def cancel(self) -> None:
        """Stop the child, when the file turned out invalid before its verdict was needed."""
        if self._pid:
            self._reap(kill=True)

    def _reap(self, kill: bool) -> None:
        pid, self._pid = self._pid, 0
        if kill:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(self._pipe)
        self._pipe = -1


class _Obj(dict):
    dups: tuple = ()

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, object]]) -> _Obj:
        obj = cls(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            obj.dups = tuple(k for k, _ in pairs if k in seen or seen.add(k))
        return obj


def _walk(node: object, loc: tuple, found: list) -> None:
    if isinstance(node, _Obj):
        found.extend((loc, key) for key in node.dups)
        for key, value in node.items():
            _walk(value, loc + (key,), found)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _walk(value, loc + (i,), found)
