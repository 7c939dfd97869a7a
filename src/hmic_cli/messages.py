"""What hmic says on stderr (`note`), and text made inert to GitHub's runner: inside GitHub Actions no
line that hmic did not mean as a workflow command may start one (`neutralise`; `output` applies it to
every format)."""

from __future__ import annotations

import os
import re
import sys

from hmic_cli import defaults
from hmic_cli.sanitize import inert

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


def note(message: str) -> None:
    """A message for the user, on stderr; never fails for a lost stderr. Every message goes out here
    and is made inert here, whatever it quotes (an owner, a reason, a file name, an error's text):
    controls and bidirectional characters shown escaped (`sanitize.inert`: `\\x1b`, `\\u202e`; the
    message's own line breaks kept), and inert to GitHub's runner."""
    message = inert(message)
    if in_github_actions():
        message = neutralise(message)
    try:
        sys.stderr.write(message + "\n")
    except (OSError, ValueError, AttributeError):
        pass
