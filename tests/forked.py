"""Real `hmic` processes without the interpreter's start-up, for tests whose point is what happens
between processes (racing writers, SIGKILL inside a save) and that need many of them.

`start(args, env)` forks this test process, which has already imported hmic, and runs the console
script's own entry point (`hmic_cli.console.main`, as the installed `hmic` does) in the child with
`sys.argv = ["hmic", *args]` and exactly the environment `env`. The child is a real process: it
opens, locks and replaces the tracker with its own file descriptors and locks, it can be killed
at any moment, and it ends with `os._exit` as a real run does. What it skips is only Python's start-up
and the imports of pydantic, Typer and Rich (about 0.45 s of CPU of a real `hmic`'s 0.5 s, measured:
see tests/inprocess.py), which cannot touch a tracker. The installed console script itself is run by
the tests that need it (tests/test_subprocess.py, test_ci_recipes' pre-commit, the merge driver).
"""

from __future__ import annotations

import locale
import os
import selectors
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from hmic_cli import console

EXIT_NOT_RUN = 70  # the child failed before `hmic` could end it (never seen; a test would see it)


class Forked:
    """A forked `hmic`, answering as much of `subprocess.Popen` as the tests use."""

    def __init__(self, args, env: dict[str, str], stderr: Path | None = None,
                 preexec: Callable[[], None] | None = None, pipes: bool = False) -> None:
        """`stderr`: a file for the child's stderr (else /dev/null, as stdout). `pipes`: stdout and
        stderr are pipes instead (read them with `communicate`). `preexec` runs in the child first (a
        resource limit), as `subprocess.Popen(preexec_fn=...)`."""
        self.args = ["hmic", *(str(a) for a in args)]
        self.returncode: int | None = None
        self._pipes = (os.pipe(), os.pipe()) if pipes else None
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            try:
                if preexec is not None:
                    preexec()
                _become_hmic(self.args, env, stderr, self._pipes)
            except BaseException:  # shown on the child's stderr, so that the test's failure says why
                os.write(2, traceback.format_exc().encode())
            finally:
                os._exit(EXIT_NOT_RUN)
        if self._pipes:
            for _, write in self._pipes:
                os.close(write)

    def communicate(self, timeout: float) -> tuple[bytes, bytes]:
        """Everything the child writes on stdout and stderr, once it has ended (killed after
        `timeout` seconds: then TimeoutError)."""
        assert self._pipes, "started without pipes"
        chunks: dict[int, list[bytes]] = {read: [] for read, _ in self._pipes}
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            for read in chunks:
                selector.register(read, selectors.EVENT_READ)
            while selector.get_map():
                left = deadline - time.monotonic()
                if left <= 0:
                    self.send_signal(signal.SIGKILL)
                    self.wait()
                    raise TimeoutError(f"{' '.join(self.args)} still running after {timeout} s")
                for key, _ in selector.select(left):
                    data = os.read(key.fd, 65536)
                    if data:
                        chunks[key.fd].append(data)
                    else:
                        selector.unregister(key.fd)
                        os.close(key.fd)
        self.wait(timeout=max(deadline - time.monotonic(), 1))
        out, err = (b"".join(chunks[read]) for read, _ in self._pipes)
        return out, err

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"hmic (pid {self.pid}) still running after {timeout} s")
            time.sleep(0.001)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, signum)


def _become_hmic(argv: list[str], env: dict[str, str], stderr: Path | None, pipes) -> None:
    """In the child: standard streams on /dev/null (stderr to `stderr` if given, or both on pipes),
    the signals a new process starts with, then the console script's entry point, which ends the
    process itself."""
    null = os.open(os.devnull, os.O_RDWR)
    err = os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600) if stderr else null
    out = null
    if pipes:
        (out_read, out), (err_read, err) = pipes
        os.close(out_read)
        os.close(err_read)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(err, 2)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as Python starts a process
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = argv
    # the streams a new interpreter makes (the locale's encoding; stderr backslash-escapes what it cannot
    # encode); `hmic`'s main() then sets them up as it does in any process
    encoding = locale.getpreferredencoding(False)
    sys.stdin = open(0, encoding=encoding, closefd=False)  # noqa: SIM115 (the process ends with os._exit)
    sys.stdout = open(1, "w", encoding=encoding, closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", buffering=1, encoding=encoding, errors="backslashreplace",  # noqa: SIM115
                      closefd=False)
    console.main()


def start(args, env: dict[str, str], stderr: Path | None = None) -> Forked:
    return Forked(args, env, stderr)


def run(args, env: dict[str, str], preexec: Callable[[], None] | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess:
    """`hmic ARGS` forked, to its end, as `subprocess.run([hmic, *args], env=env, capture_output=True,
    stdin=subprocess.DEVNULL, preexec_fn=preexec, timeout=timeout)` would (stdout and stderr as bytes;
    TimeoutError after `timeout` seconds, the child killed)."""
    child = Forked(args, env, preexec=preexec, pipes=True)
    out, err = child.communicate(timeout)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)
