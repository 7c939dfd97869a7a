"""Reading a report into plain text lines: the first step of `hmic import SOURCE`.

Rules:

* The kind comes from the extension: `.txt` text, `.md`/`.markdown` Markdown, `.html`/`.htm` HTML,
  `.pdf` PDF. `-` means text given on standard input (sniffed: HTML if it starts with a tag such as
  `<html>`, Markdown if it has `# heading` lines, else plain text). Any other extension is a UsageError.
* At most `MAX_BYTES` (50 MiB) are read, counted while reading rather than trusted from `st_size`.
* Text files must be UTF-8 (a UTF-8 or UTF-16 byte-order mark is honoured); anything else, or NUL
  bytes, is a DataError saying where the first bad byte is and how to fix it.
* Missing, unreadable, folder, encrypted or damaged files are DataErrors (exit 3) naming the file.
* The result keeps list structure: each list item is a line starting with "- " (two spaces of
  indent per nesting level); headings and paragraphs are lines of their own.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from hmic_cli.errors import DataError, Problem, UsageError
from hmic_cli.importing.html_charset import html_encoding
from hmic_cli.importing.html_text import html_text_and_levels
from hmic_cli.importing.markdown_text import heading_levels, markdown_to_text
from hmic_cli.importing.pdf_text import pdf_to_text

MAX_BYTES = 50 * 1024 * 1024
KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html", ".pdf": "pdf"}
STDIN_NAME = "<stdin>"
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html|<head|<body|<(?:h[1-6]|p|ul|ol|div|article)\b)", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
# What a PDF's or a web page's text carries that no reader sees: ligatures ("ﬁ") for their letters; soft
# hyphens, zero-width spaces and joiners, word joiners and stray byte order marks dropped (a soft hyphen
# inside "should" hid a lead-in's "should:", and its list became one item)
_UNSEEN = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                         "\ufb05": "st", "\ufb06": "st", "\u00ad": None, "\u200b": None, "\u200c": None,
                         "\u200d": None, "\u2060": None, "\ufeff": None})
# A list's bullet as a font draws it: a Word file's Symbol and Wingdings bullets come out of its PDF as private-use
# characters (U+F0B7 and the like); others are drawn as diamonds and arrows. At the start of a line, each is "•".
_DRAWN_BULLET = re.compile("(?m)^([ \t]*)[\uf0b7\uf0a7\uf0a8\uf076\uf06e\uf0d8\uf0fc\uf0e0"
                           "\u25c6\u2756\u27a4\u2219\u2043](?=[ \t])")


def letters(text: str) -> str:
    """The report's text as its reader sees it (see `_UNSEEN`, `_DRAWN_BULLET`); lines and their order unchanged."""
    return _DRAWN_BULLET.sub("\\1•", text.translate(_UNSEEN))


@dataclass(frozen=True)
class Source:
    """A report read as plain text: `text` lines, the `kind` it was read as and a `name` for notes."""

    text: str
    kind: str  # "text" | "markdown" | "html" | "pdf"
    name: str
    levels: dict[int, int] = field(default_factory=dict)  # a Markdown heading's line: its level ("##" is 2)

    def __post_init__(self) -> None:  # every kind of report read alike: ligatures as letters, soft hyphens gone
        object.__setattr__(self, "text", letters(self.text))


def kind_of(path: str) -> str:
    """The kind of report a path names, from its extension; a UsageError for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix in KINDS:
        return KINDS[suffix]
    shown = f"extension '{suffix}'" if suffix else "no extension"
    raise UsageError(f"{path}: cannot tell what kind of report this is ({shown})",
                     "give a .txt, .md, .html or .pdf file, or '-' to read text from standard input")


def read_source(path: str, stdin_text: str | None = None) -> Source:
    """Read the report at `path` (or `-` for `stdin_text`, else standard input) as a Source."""
    if str(path) == "-":
        return _from_stdin(stdin_text)
    path = str(path)
    kind = kind_of(path)
    raw = _read_bytes(path)
    name = Path(path).name
    if kind == "pdf":
        return Source(pdf_to_text(raw, path), "pdf", name)
    if kind == "html":
        return _html(_decode_html(raw, path), name)
    text = decode_text(raw, path)
    if kind == "markdown":
        return Source(markdown_to_text(text), "markdown", name, heading_levels(text))
    return Source(text, "text", name)


def read_stdin() -> str:
    """Standard input as text: its bytes decoded strictly as UTF-8 (a BOM honoured), at most MAX_BYTES + 1
    of them; undecodable bytes are a DataError naming standard input and UTF-8."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text-only stream (an embedding program's): already text
        return sys.stdin.read(MAX_BYTES + 1)
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise DataError(STDIN_NAME, [Problem(f"standard input is larger than {MAX_BYTES:,} bytes")],
                        "save the report to a file and import a smaller part of it")
    return decode_text(raw, "standard input")


def _from_stdin(stdin_text: str | None) -> Source:
    if stdin_text is None:
        stdin_text = read_stdin()
    if len(stdin_text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise DataError(STDIN_NAME, [Problem(f"standard input is larger than {MAX_BYTES:,} bytes")],
                        "save the report to a file and import a smaller part of it")
    text = normalise_newlines(stdin_text.lstrip("\ufeff"))
    _refuse_binary(text, STDIN_NAME)
    if _HTML_START.match(text):
        return _html(text, STDIN_NAME)
    if _MD_HEADING.search(text):
        return Source(markdown_to_text(text), "markdown", STDIN_NAME, heading_levels(text))
    return Source(text, "text", STDIN_NAME)


def _html(markup: str, name: str) -> Source:
    text, levels = html_text_and_levels(markup)
    return Source(text, "html", name, levels)


def _read_bytes(path: str) -> bytes:
    """At most MAX_BYTES of the file, or a DataError that says why they cannot be had."""
    try:
        if os.path.isdir(path):
            raise DataError(path, [Problem("is a folder, not a report")], "give the path of a report file")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DataError(path, [Problem("no such file")], "check the path of the report to import") from None
    except PermissionError:
        raise DataError(path, [Problem("permission denied: the report cannot be read")],
                        "check the file's permissions") from None
    except OSError as exc:
        raise DataError(path, [Problem(f"cannot be read: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_BYTES:
        raise DataError(path, [Problem(f"the report is larger than {MAX_BYTES:,} bytes, the most hmic reads")],
                        "import a smaller extract of the report")
    return raw


def normalise_newlines(text: str) -> str:
    """Unix newlines; form feeds (page breaks in text dumps) become blank lines."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")


def decode_text(raw: bytes, name: str, encoding: str = "utf-8") -> str:
    """Strictly decoded text (BOMs honoured), or a DataError pointing at the first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif raw.startswith(b"\xef\xbb\xbf"):
        encoding, raw = "utf-8", raw[3:]
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = raw[exc.start:exc.start + 1].hex()
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        raise DataError(name, [Problem(f"is not {encoding.upper()} text: byte 0x{bad} (offset {exc.start}) "
                                       "cannot be decoded", line=line, column=column)],
                        "save the report as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8) and try again") from None
    except LookupError:
        raise DataError(name, [Problem(f"declares an unknown character set '{encoding}'")],
                        "save the report as UTF-8 and try again") from None
    text = normalise_newlines(text.lstrip("\ufeff"))
    _refuse_binary(text, name)
    return text


def _refuse_binary(text: str, name: str) -> None:
    where = text.find("\x00")
    if where >= 0:
        line = text.count("\n", 0, where) + 1
        column = where - text.rfind("\n", 0, where)
        raise DataError(name, [Problem("looks like a binary file, not text (it holds a NUL character)",
                                       line=line, column=column)],
                        "export the report as text, Markdown, HTML or PDF")


def _decode_html(raw: bytes, name: str) -> str:
    """HTML bytes as text, in the encoding a browser would use (see `html_charset`)."""
    return decode_text(raw, name, html_encoding(raw, name))
