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
    """Render `result` in format `name` of `command` to `output`, or to stdout. `source` (the tracker as
    read) goes to the formats that declare they need it; a terminal gets the format's terminal renderer."""
    fmt = formats.get(command, name)
    render = fmt.renderer(terminal=output is None and _isatty(sys.stdout))
    if fmt.needs_source:
        render = functools.partial(render, source=source)
    guard = in_github_actions()
    if output is not None:
        from hmic_cli.store.atomic import write_output

        data = _rendered(render, result, fmt, str(output))
        write_output(output, guarded(data, fmt) if guard else data)
        return
    if fmt.binary and sys.stdout.isatty():
        raise UsageError(f"--format {name} writes a binary file, not text for a terminal",
                         f"give --output FILE, e.g. --output board.{name}")
    if fmt.binary:  # made whole first: a library's temporary file failing is not a lost stdout
        data = _rendered(render, result, fmt, "standard output")
        try:
            write_bytes(guarded(data, fmt) if guard else data)
        except OSError as exc:
            raise lost(exc) from None
        return
    try:
        _to_stdout(fmt, render, result, guard)
    except OSError as exc:
        raise lost(exc) from None


def _rendered(render, result: Any, fmt: formats.Format, where: str) -> bytes:
    """The output as bytes (text formats in UTF-8), made in memory. A write the system refuses on
    the way (a full disk or a file-size limit on a temporary file the XLSX writer keeps its rows
    in) is exit 3 with one line, nothing written (README, "Rules")."""
    buffer: Any = io.BytesIO() if fmt.binary else io.StringIO()
    try:
        render(result, buffer)
    except OSError as exc:
        raise DataError(where, [Problem(f"the {fmt.name} output could not be made: {exc.strerror or exc} "
                                        "(writing a temporary file)")], "nothing was written") from None
    data = buffer.getvalue()
    return data if fmt.binary else data.encode("utf-8")


# Formats that are JSON: inside GitHub Actions a would-be `##[` in them is broken with JSON's own
# escape (`#\u0023[`), so that a JSON parser reads back the data unchanged. (`::` never starts a
# line of hmic's JSON: every line starts with indentation and a bracket, a quote or a literal.)
JSON_FORMATS = frozenset({"json", "sarif"})  # formats whose text is JSON


def guarded(data: bytes, fmt: formats.Format) -> bytes:
    """Output bytes made inert to GitHub's runner (`neutralise`; JSON by its own escape)."""
    if fmt.name in JSON_FORMATS:
        return data.replace(b"##[", b"#\\u0023[")
    return neutralise_bytes(data, fmt.workflow_commands)


def _to_stdout(fmt: formats.Format, render, result: Any, guard: bool) -> None:
    stream = sys.stdout
    for_people = fmt.name in PEOPLE
    if not guard and (for_people or is_utf8(stream)):
        render(result, stream)
        stream.flush()
        return
    capture = _Capture(stream) if for_people else _Capture(stream, "utf-8")
    render(result, capture)
    text = capture.getvalue()
    if guard:
        text = guarded(text.encode("utf-8"), fmt).decode("utf-8")
    if for_people:
        stream.write(text)
        stream.flush()
    else:
        write_bytes(text.encode("utf-8"))


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
