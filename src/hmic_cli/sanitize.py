"""Making text from a data file inert before it reaches a terminal."""

from __future__ import annotations

import re

# Every bidirectional control ("Trojan Source"): ARABIC LETTER MARK, LRM and RLM, the embeddings and
# overrides LRE..RLO with PDF, the isolates LRI..PDI. Shown escaped like the other controls.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C0 controls (but newline), DEL, C1 controls, and the bidirectional controls.
_UNSAFE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI}]")
_UNSAFE_CELL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI}]")
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """Control characters shown escaped (`\\x1b`), newlines kept: safe for a terminal."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """As `inert`, with newlines escaped too: for messages and single-line cells."""
    return _UNSAFE_LINE.sub(_escape, text)


def cell_text(text: str) -> str:
    """As `inert`, keeping tab, CR and LF, which a CSV cell quotes: for exports a terminal may show."""
    return _UNSAFE_CELL.sub(_escape, text)


# What no message of hmic's means to send, and what Click's and Rich's usage errors may still quote raw
# from an argument (Rich escapes C0 controls itself): C1 controls and the bidirectional controls.
_UNSAFE_STREAM = re.compile(f"[\x80-\x9f{BIDI}]")


class InertStream:
    """A text stream (the `hmic` process's stderr) that shows C1 and bidirectional controls escaped in
    everything written to it, whoever writes: hmic's own messages are made inert by `messages.note`,
    this covers the usage errors Click and Rich print. Everything else is the wrapped stream's."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_UNSAFE_STREAM.sub(_escape, text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
