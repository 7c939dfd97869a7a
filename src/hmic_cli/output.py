"""Where results go: stdout, or the file given by --output, rendered by the format the registry names.

The rules every command shares (README, "Rules"):
- formats for people (`table`, `text`) follow stdout's encoding, a character it cannot show becomes `?`
  (`setup_streams`); every other format is UTF-8 bytes whatever stdout's encoding;
- a stdout that cannot be written (closed, a full disk) is exit 3 with a one-line message; a reader
  that went away (`| head`) is exit 141, silently, as for any program killed by SIGPIPE;
- inside GitHub Actions no line that hmic did not mean as a workflow command may start one.
"""

from __future__ import annotations

import codecs
import errno
import functools
import io
import os
import sys
from pathlib import Path
from typing import Any

from hmic_cli import formats
from hmic_cli.errors import DataError, OutputLost, Problem, UsageError
from hmic_cli.messages import in_github_actions, neutralise_bytes

PEOPLE = frozenset({"table", "text"})  # formats for people; the others are for programs and files


def emit(command: str, name: str, result: Any, output: Path | None = None, source: Any = None) -> None:
    """The one way a command's result leaves hmic: rendered in format `name` of `command` (with
    `source`, the tracker as read, for the formats that declare they need it; a terminal gets the
    format's terminal renderer), made inert to GitHub's runner inside Actions, and written to `output`
    (atomically, `store.atomic.write_output`) or to stdout. Every command calls it once."""
    fmt = formats.get(command, name)
    terminal = output is None and _isatty(sys.stdout)
    if fmt.binary and terminal:
        raise UsageError(f"--format {name} writes a binary file, not text for a terminal",
                         f"give --output FILE, e.g. --output board.{name}")
    render = fmt.renderer(terminal=terminal)
    if fmt.needs_source:
        render = functools.partial(render, source=source)
    actions = in_github_actions()
    if output is None and not fmt.binary and not actions and (fmt.name in PEOPLE or is_utf8(sys.stdout)):
        try:  # the common case, streamed as it is rendered: no copy in memory
            render(result, sys.stdout)
            sys.stdout.flush()
        except OSError as exc:
            raise lost(exc) from None
        return
    data = _made(render, result, fmt, output)  # made whole first: a failure here is not a lost stdout
    if actions:
        data = guarded(data, fmt)
    if output is not None:
        # lazy: hmic_cli.store.atomic adds 0.3 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli.store.atomic import write_output

        write_output(output, data if isinstance(data, bytes) else data.encode("utf-8"))
        return
    try:
        if isinstance(data, str):  # for people: encoded for the stream (`?` for what it cannot show)
            sys.stdout.write(data)
            sys.stdout.flush()
        else:
            write_bytes(data)
    except OSError as exc:
        raise lost(exc) from None


def _made(render, result: Any, fmt: formats.Format, output: Path | None) -> bytes | str:
    """The output made in memory: bytes (text formats in UTF-8), or text for people bound for a stdout
    that is not UTF-8 (rendered as for that stream). A write the system refuses on the way (a full disk
    or a file-size limit on a temporary file the XLSX writer keeps its rows in) is exit 3 with one
    line, nothing written (README, "Rules")."""
    for_stream = output is None and fmt.name in PEOPLE
    if fmt.binary:
        buffer: Any = io.BytesIO()
    elif output is not None:
        buffer = io.StringIO()
    else:  # answers like the stdout it stands in for (a terminal? which encoding?)
        buffer = _Capture(sys.stdout, None if for_stream else "utf-8")
    try:
        render(result, buffer)
    except OSError as exc:
        where = "standard output" if output is None else str(output)
        raise DataError(where, [Problem(f"the {fmt.name} output could not be made: {exc.strerror or exc} "
                                        "(writing a temporary file)")], "nothing was written") from None
    data = buffer.getvalue()
    return data if fmt.binary or for_stream else data.encode("utf-8")


# Formats that are JSON: inside GitHub Actions a would-be `##[` in them is broken with JSON's own
# escape (`#\u0023[`), so that a JSON parser reads back the data unchanged. (`::` never starts a
# line of hmic's JSON: every line starts with indentation and a bracket, a quote or a literal.)
JSON_FORMATS = frozenset({"json", "sarif"})  # formats whose text is JSON


def guarded(data: bytes | str, fmt: formats.Format) -> bytes | str:
    """Output made inert to GitHub's runner (`neutralise`; JSON by its own escape)."""
    if isinstance(data, str):
        return guarded(data.encode("utf-8"), fmt).decode("utf-8")
    if fmt.name in JSON_FORMATS:
        return data.replace(b"##[", b"#\\u0023[")
    return neutralise_bytes(data, fmt.workflow_commands)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, OSError, ValueError):
        return False


def write_text(text: str) -> None:
    """Machine text (JSON) on stdout as UTF-8, whatever stdout's encoding; errors as `emit`."""
    try:
        if is_utf8(sys.stdout):
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise lost(exc) from None


def write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


class _Capture(io.StringIO):
    """A buffer that answers like the stdout it stands in for (a terminal? which encoding?)."""

    def __init__(self, stream, encoding: str | None = None) -> None:
        super().__init__()
        self._stream = stream
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding or getattr(self._stream, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        try:
            return self._stream.isatty()
        except (OSError, ValueError):
            return False


def is_utf8(stream) -> bool:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def lost(exc: OSError) -> OutputLost:
    """The error for a stdout that could not be written; after a broken pipe, stdout is pointed at
    /dev/null so that no later flush (ours, or the interpreter's at exit) fails again."""
    if exc.errno == errno.EPIPE:
        silence_stdout()
        return OutputLost("the reader of standard output went away", broken_pipe=True)
    return OutputLost(f"cannot write to standard output: {exc.strerror or exc}")


def silence_stdout() -> None:
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
