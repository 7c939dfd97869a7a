"""The console every terminal renderer prints through: colour only on a terminal, the width it has,
no trailing spaces, a lost reader reported rather than turned into an exit code of Rich's."""

from __future__ import annotations

import errno
import re
from typing import TextIO

from rich.console import Console

from hmic_cli.defaults import clamp_width


def console(out: TextIO) -> Console:
    """A console on `out`: colour only on a terminal (NO_COLOR/FORCE_COLOR honoured), width from it or COLUMNS
    (clamped to a sane range, see `defaults.clamp_width`).

    Lines reach `out` without trailing spaces (Rich pads to the width; a pipe or a file need not keep it).
    """
    con = Console(file=_Trimmed(out), highlight=False, markup=False, emoji=False, soft_wrap=False)
    con.width = clamp_width(con.width)
    con.on_broken_pipe = _broken_pipe  # Rich would exit 1 (a failed check); `output` decides instead
    return con


def _broken_pipe() -> None:
    raise BrokenPipeError(errno.EPIPE, "Broken pipe")


_CODES_AT_END = re.compile(r"(?:\x1b\[[0-9;]*m)+$")


def _trim(line: str) -> str:
    """A line without its trailing spaces, keeping colour codes that close it (line by line: a regex
    over the whole output backtracks on every run of padding)."""
    if "\x1b" not in line:
        return line.rstrip(" ")
    codes = _CODES_AT_END.search(line)
    return line[:codes.start()].rstrip(" ") + codes.group() if codes else line.rstrip(" ")


class _Trimmed:
    """A text stream that drops spaces at the ends of lines (before any closing colour codes)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._pending = ""

    def write(self, text: str) -> int:
        text = self._pending + text
        cut = text.rfind("\n") + 1
        self._pending = text[cut:]
        if cut and (" \n" in text or "\x1b" in text):
            self._out.write("\n".join(map(_trim, text[:cut].split("\n"))))
        elif cut:  # no line ends in a space (a hand-laid table's lines): nothing to trim, line by line
            self._out.write(text[:cut])
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._out.write(self._pending)
            self._pending = ""
        self._out.flush()

    def isatty(self) -> bool:
        return self._out.isatty()

    def fileno(self) -> int:
        return self._out.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._out, "encoding", None) or "utf-8"
