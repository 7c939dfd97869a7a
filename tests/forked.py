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
PIPE = "pipe"  # a stream the test reads (`Forked.stdout`, `Forked.stderr`, or `communicate`)
CLOSED = "closed"  # a stream closed before the process starts, as `>&-` in a shell


class Forked:
    """A forked `hmic`, answering as much of `subprocess.Popen` as the tests use.

    `stdout`, `stderr`: None (/dev/null), PIPE, CLOSED, a Path (a file written anew) or an open file
    descriptor (int). Standard input is /dev/null. `preexec` runs in the child first (a resource
    limit, a working folder), as `subprocess.Popen(preexec_fn=...)`."""

    def __init__(self, args, env: dict[str, str], stdout=None, stderr=None,
                 preexec: Callable[[], None] | None = None) -> None:
        self.args = ["hmic", *(str(a) for a in args)]
        self.returncode: int | None = None
        pipes = {fd: os.pipe() for fd, spec in ((1, stdout), (2, stderr)) if spec == PIPE}
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            try:
                if preexec is not None:
                    preexec()
                _become_hmic(self.args, env, {1: stdout, 2: stderr}, pipes)
            except BaseException:  # shown on the child's stderr, so that the test's failure says why
                os.write(2, traceback.format_exc().encode())
            finally:
                os._exit(EXIT_NOT_RUN)
        for _, write in pipes.values():
            os.close(write)
        self.stdout = os.fdopen(pipes[1][0], "rb") if 1 in pipes else None
        self.stderr = os.fdopen(pipes[2][0], "rb") if 2 in pipes else None

    def communicate(self, timeout: float) -> tuple[bytes | None, bytes | None]:
        """Everything the child writes on its piped streams, once it has ended (killed after
        `timeout` seconds: then TimeoutError)."""
        streams = [s for s in (self.stdout, self.stderr) if s is not None]
        chunks: dict[int, list[bytes]] = {s.fileno(): [] for s in streams}
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            for stream in streams:
                selector.register(stream.fileno(), selectors.EVENT_READ)
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
        self.wait(timeout=max(deadline - time.monotonic(), 1))
        read = [None if s is None else b"".join(chunks[s.fileno()]) for s in (self.stdout, self.stderr)]
        for stream in streams:
            stream.close()
        return read[0], read[1]

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


def _become_hmic(argv: list[str], env: dict[str, str], specs: dict[int, object], pipes: dict) -> None:
    """In the child: the standard streams as asked, the signals a new process starts with, then the
    console script's entry point, which ends the process itself."""
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    for fd, spec in sorted(specs.items(), key=lambda item: item[1] == CLOSED):  # closed last: no open reuses it
        if spec == PIPE:
            read, write = pipes[fd]
            os.close(read)
            os.dup2(write, fd)
        elif spec == CLOSED:
            os.close(fd)
        elif isinstance(spec, Path):
            os.dup2(os.open(spec, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        else:
            os.dup2(null if spec is None else spec, fd)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # as Python starts a process
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ.clear()
    os.environ.update(env)
    sys.argv = argv
    # the streams a new interpreter makes (the locale's encoding; stderr backslash-escapes what it cannot
    # encode; None for a closed one); `hmic`'s main() then sets them up as it does in any process
    encoding = locale.getpreferredencoding(False)
    sys.stdin = open(0, encoding=encoding, closefd=False)  # noqa: SIM115 (the process ends with os._exit)
    sys.stdout = None if specs[1] == CLOSED else open(1, "w", encoding=encoding, closefd=False)  # noqa: SIM115
    sys.stderr = None if specs[2] == CLOSED else open(2, "w", buffering=1, encoding=encoding,  # noqa: SIM115
                                                      errors="backslashreplace", closefd=False)
    console.main()


def start(args, env: dict[str, str], stdout=None, stderr=None,
          preexec: Callable[[], None] | None = None) -> Forked:
    return Forked(args, env, stdout, stderr, preexec)


def run(args, env: dict[str, str], preexec: Callable[[], None] | None = None, stdout=PIPE,
        timeout: float = 120) -> subprocess.CompletedProcess:
    """`hmic ARGS` forked, to its end, as `subprocess.run([hmic, *args], env=env, capture_output=True,
    stdin=subprocess.DEVNULL, preexec_fn=preexec, timeout=timeout)` would (stdout and stderr as bytes;
    TimeoutError after `timeout` seconds, the child killed). `stdout` as for `Forked`."""
    child = Forked(args, env, stdout=stdout, stderr=PIPE, preexec=preexec)
    out, err = child.communicate(timeout)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)
