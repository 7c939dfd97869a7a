"""The process's standard streams: set up once at start (closed descriptors, encodings) and flushed
once at the end (a lost stdout is exit 3, a reader gone exit 141)."""

from __future__ import annotations

import errno
import io
import sys

from hmic_cli.cli.failing import fail
from hmic_cli.output import is_utf8, lost
from hmic_cli.sanitize import InertStream


def flushed(code: int) -> int:
    """Flush stdout and stderr before `os._exit`; output that cannot be written is exit 3 (141 for a
    reader gone), never a traceback or an "Exception ignored" at exit."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        error = lost(exc)
        fail(error)
        code = error.exit_code
    try:
        sys.stderr.flush()
    except OSError:
        pass
    return code


def setup_streams() -> None:
    """Once, at start: a closed stdin, stdout or stderr (`>&-`) gets /dev/null on its descriptor (so
    no file hmic opens lands there); a closed stdout then refuses writes (exit 3), a closed stderr
    swallows them. A stdout that cannot encode every character (ASCII, cp1252) shows `?` instead of
    failing: formats for programs bypass it as UTF-8 bytes (`output.emit`). Whatever reaches stderr
    shows C1 and bidirectional controls escaped (`sanitize.InertStream`)."""
    import os

    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            devnull = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if devnull != fd:
                os.dup2(devnull, fd)
                os.close(devnull)
            if name == "stdout":
                sys.stdout = _ClosedStdout()
            elif name == "stderr":
                sys.stderr = open(fd, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
            else:
                sys.stdin = open(fd, encoding="utf-8", errors="surrogateescape", closefd=False)
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    sys.stderr = InertStream(sys.stderr)  # Click's usage errors quote arguments; no raw bidi or C1 gets out
    if not is_utf8(sys.stdout) and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")


class _ClosedStdout(io.TextIOBase):
    """What stdout is when the shell closed it: every write fails as the closed descriptor would."""

    encoding = "utf-8"

    def __init__(self) -> None:
        super().__init__()
        self.buffer = _ClosedBuffer()

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


class _ClosedBuffer(io.RawIOBase):
    def write(self, data) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def writable(self) -> bool:
        return True
