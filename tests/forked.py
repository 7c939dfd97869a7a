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

import os
import signal
import sys
import time
from pathlib import Path

from hmic_cli import console

EXIT_NOT_RUN = 70  # the child failed before `hmic` could end it (never seen; a test would see it)


class Forked:
    """A forked `hmic`, answering as much of `subprocess.Popen` as the tests use."""

    def __init__(self, args, env: dict[str, str], stderr: Path | None = None) -> None:
        argv = ["hmic", *(str(a) for a in args)]
        self.returncode: int | None = None
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            try:
                _become_hmic(argv, env, stderr)
            finally:
                os._exit(EXIT_NOT_RUN)

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


def _become_hmic(argv: list[str], env: dict[str, str], stderr: Path | None) -> None:
    """In the child: standard streams on /dev/null (stderr to `stderr` if given), the signals a new
    process starts with, then the console script's entry point, which ends the process itself."""
    null = os.open(os.devnull, os.O_RDWR)
    err = os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600) if stderr else null
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.dup2(err, 2)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as Python starts a process
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = argv
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 (the process ends with os._exit)
    sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
    console.main()


def start(args, env: dict[str, str], stderr: Path | None = None) -> Forked:
    return Forked(args, env, stderr)
