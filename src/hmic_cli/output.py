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
import re
import sys
from pathlib import Path
from typing import Any

from hmic_cli import defaults, formats
from hmic_cli.errors import DataError, OutputLost, Problem, UsageError

PEOPLE = frozenset({"table", "text"})  # formats for people; the others are for programs and files

# What GitHub's runner would read as a workflow command: a line whose text, after whitespace, starts
# with `::`, and the older `##[` anywhere in a line (its legacy parser searches the whole line). A
# bare CR ends a line for the runner too. The runner compares with .NET's culture-aware string
# functions, under which zero-width and other format characters (U+200B, U+FEFF, U+00AD...) are
# ignored: they count as part of the leading "whitespace" here, and the break hmic puts in is a
# visible ASCII space, which no collation ignores.
_IGNORED = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
_COMMAND_LINE = re.compile(rf"(?:^|(?<=[\r\n]))((?:[^\S\r\n]|[{_IGNORED}])*)::")
_LEGACY = re.compile(r"##\[")
_OWN_COMMAND = re.compile(r"::(?:error|warning|notice)[ :]")


def in_github_actions() -> bool:
    return os.environ.get(defaults.GITHUB_ACTIONS_ENV, "").strip().lower() == "true"


def neutralise(text: str, own_commands: bool = False) -> str:
    """`text` with every would-be workflow command broken by a space: a line's leading `::` becomes
    `: :`, and `##[` becomes `# #[` wherever it is.

    With `own_commands` (the `github` format), hmic's own `::error`/`::warning`/`::notice` lines at the
    start of a line are kept: that format escapes CR and LF in data, so data never starts a line there.
    """
    def mark(match: re.Match) -> str:
        if own_commands and not match.group(1) and _OWN_COMMAND.match(text, match.start()):
            return match.group(0)
        return match.group(1) + ": :"

    return _LEGACY.sub("# #[", _COMMAND_LINE.sub(mark, text))


def neutralise_bytes(data: bytes, own_commands: bool = False) -> bytes:
    """As `neutralise`, for a text format written as bytes (iCalendar). Bytes that are not UTF-8
    (a zip such as xlsx) are left as they are."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return neutralise(text, own_commands).encode("utf-8")


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
JSON_FORMATS = frozenset({"json"})


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


def note(message: str) -> None:
    """A message for the user, on stderr; never fails for a lost stderr. Every message goes out here
    and is made inert here, whatever it quotes (an owner, a reason, a file name, an error's text):
    controls and bidirectional characters shown escaped (`sanitize.inert`: `\\x1b`, `\\u202e`; the
    message's own line breaks kept), and inert to GitHub's runner."""
    from hmic_cli.sanitize import inert

    message = inert(message)
    if in_github_actions():
        message = neutralise(message)
    try:
        sys.stderr.write(message + "\n")
    except (OSError, ValueError, AttributeError):
        pass
