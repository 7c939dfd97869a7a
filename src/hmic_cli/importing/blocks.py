"""Plain text cut into blocks: list items, paragraphs and headings, each with its first line.

Rules:

* Page furniture is dropped: page-number lines ("7", "Page 2 of 9", "- 7 -") and running headers
  or footers (the same short unpunctuated line, digits aside, three or more times). A paragraph
  broken by furniture (and the blank lines round it) carries on when it did not end a sentence and
  the text after starts in lower case.
* A list item starts at a list marker (see `patterns`) and takes the lines after it that are
  indented deeper or carry on its sentence. Several items run together on one line are split:
  at every further glyph ("• a. • b.", "•a.•b."), and at a dash or asterisk after a sentence's end followed by
  a capital ("- Do a. - Do b."), or at every one when there are three or more, each before a capital.
* A paragraph takes the lines after it until a blank line, a list item or a known heading; a line
  carries on the one before when that did not end a sentence and was not a short title-like line
  (under 45 characters), or when it starts in lower case.
* A heading is a known heading line ("Recommendations:"), or a one-line block of at most twelve
  words with no closing punctuation that does not start in lower case and does not direct someone
  ("The service should review its rota" is a sentence whose full stop was lost).
* A numbered line at the margin that is a known heading ("2. Areas for improvement": a chapter's number
  read as a list marker) is that heading.
* Dotted paragraph numbers ("4.12 ") are removed from a paragraph's text.
* Tables (see `tables`) become "cell" blocks: never headings, never carried on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from hmic_cli.importing import tables
from hmic_cli.importing.patterns import (
    GLYPHS,
    KIND_WORDS,
    PARA_NUMBER,
    bullet,
    furniture_key,
    heading,
    is_furniture,
    join_wrapped,
    terminal,
    word_count,
)
from hmic_cli.importing.phrases import actor_directs

SHORT_LINE = 45
_RUN_GLYPH = re.compile(r"(?<!\s)(?:\s*[•▪●■►➢◦‣]|\s+[·○□✓])\s*(?=\S)")
_FIRST_GLYPH = re.compile(r"\s[•▪●■►➢◦‣]\s+(?=\S)")
_INLINE_LABEL = re.compile(rf"^(?P<label>(?:{KIND_WORDS}|accelerated\s+causes?\s+(?:of|for)\s+concern|concern))"
                           r"\s*:\s+(?=\S)", re.I)
_MODAL = re.compile(r"\b(?:should|must|recommend)", re.I)


@dataclass
class Block:
    """A list item ("bullet"), paragraph ("para") or heading ("heading") and where it starts."""

    kind: str
    text: str  # the words as written, list marker removed, wrapped lines joined by one space
    line: int  # 1-based
    indent: int = 0  # the list marker's column; 0 for paragraphs and headings
    raw: list[str] = field(default_factory=list)  # the source lines, stripped, marker kept
    marker: str = ""  # a list item's marker ("•", "-", "1.", "(a)")
    type: str | None = None  # a table cell's item type, from its column's header
    deadline_text: str = ""  # a table cell's deadline wording, from its row's deadline column
    row: int = 0  # a table cell's row (cells of one row share it)
    offset: int = 0  # a paragraph's first line's indent (an indented line with no list marker)
    priority: str = ""  # a table cell's priority, from its row's priority column

    @property
    def lead_in(self) -> bool:
        return self.text.rstrip().endswith(":")


def running_lines(lines: list[str]) -> set[str]:
    """Keys (see `furniture_key`) of short unpunctuated lines seen three or more times."""
    counts = Counter(furniture_key(line) for line in lines if _may_be_running(line))
    return {key for key, count in counts.items() if count >= 3}


def _may_be_running(line: str) -> bool:
    text = line.strip()
    return (bool(text) and len(text) <= 120 and not terminal(text) and bullet(line) is None
            and heading(text) is None and not _MODAL.search(text))


def split_runs(line: str) -> list[tuple[int, str, str]]:
    """The pieces of one line as (indent, marker, text); marker "" for text before any marker."""
    marked = bullet(line)
    if marked is None:
        first = _FIRST_GLYPH.search(line)
        if not first:
            return [(0, "", line.strip())]
        head = line[:first.start()].strip()
        return [(0, "", head)] + split_runs(line[first.start():].strip())
    indent, marker, rest = marked
    if marker in GLYPHS:
        parts = _RUN_GLYPH.split(rest)
    elif marker in "-–—*":
        mark = re.escape(marker)
        after_stop = re.compile(rf"(?<=[.;!?])\s+{mark}\s*(?=[A-Z“‘\"'(])")
        parts = after_stop.split(rest)
        if len(parts) == 1:
            many = re.compile(rf"(?<!\s)\s+{mark}\s*(?=[A-Z])")
            if len(many.findall(rest)) >= 2:
                parts = many.split(rest)
    else:
        parts = [rest]
    return [(indent, marker, part.strip()) for part in parts if part.strip()]


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.last_line = ""

    def close(self) -> None:
        if self.current is not None:
            self.blocks.append(self.current)
        self.current = None

    def start(self, kind: str, text: str, number: int, indent: int, raw: str, marker: str = "") -> None:
        self.close()
        if kind == "para":
            text = PARA_NUMBER.sub("", text)
        self.current = Block(kind, text, number, indent, [raw], marker=marker)
        self.last_line = text

    def extend(self, text: str, raw: str) -> None:
        assert self.current is not None
        self.current.text = join_wrapped(self.current.text, text)
        self.current.raw.append(raw)
        self.last_line = text


def _indented_item(current: Block, offset: int, previous: str) -> bool:
    """An indented line with no marker that opens an item of its own: after a lead-in's ":" (the first), or
    at the same indent as the paragraph before it that ended a clause (the next)."""
    if current.kind != "para" or offset == 0:
        return False
    if previous.rstrip().endswith(":"):
        return True
    return current.offset == offset and terminal(previous)


def _carries_on(previous: str, text: str, gap: str | None) -> bool:
    if gap == "hard":
        return False
    if text[:1].islower():
        return not terminal(previous) or gap is None
    if gap == "soft" or terminal(previous):
        return False
    return len(previous.strip()) >= SHORT_LINE


def blocks(text: str) -> list[Block]:
    """The blocks of a plain text report, in order (see the module docstring for the rules)."""
    lines = text.split("\n")
    running = running_lines(lines)
    table_runs = tables.runs(lines)
    build = _Builder()
    gap: str | None = None
    skip_to = 0
    for number, line in enumerate(lines, start=1):
        if number <= skip_to:
            continue
        if number - 1 in table_runs:
            build.close()
            end = table_runs[number - 1]
            for cell in tables.cells(lines[number - 1:end], number):
                build.blocks.append(Block("cell", cell.text, cell.line, raw=[cell.text], type=cell.type,
                                          deadline_text=cell.deadline, row=cell.row, priority=cell.priority))
            skip_to, gap = end, "hard"
            continue
        stripped = line.strip()
        if not stripped:
            gap = gap or "hard"
            continue
        if is_furniture(stripped) or furniture_key(stripped) in running:
            gap = "soft"
            continue
        pieces = split_runs(line)
        indent, marker, first = pieces[0]
        current = build.current
        offset = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if current is not None and not marker and heading(stripped) is None and not _indented_item(current, offset,
                                                                                                    build.last_line):
            deeper = current.kind == "bullet" and len(line) - len(line.lstrip()) > current.indent and gap is None
            if deeper or _carries_on(build.last_line, first, gap):
                build.extend(first, stripped)
                pieces = pieces[1:]
        for indent, marker, piece in pieces:
            if marker:
                build.start("bullet", piece, number, indent, f"{marker} {piece}", marker)
            else:
                build.start("para", piece, number, 0, stripped)
                build.current.offset = offset
        gap = None
    build.close()
    for block in build.blocks:
        if (block.kind == "para" and _is_heading(block)) or (block.kind == "bullet" and _numbered_heading(block)):
            block.kind = "heading"
    return _inline_labels(build.blocks)


def _inline_labels(parsed: list[Block]) -> list[Block]:
    """A paragraph opening with a kind of item's label and a colon ("Recommendations: The force should ...",
    "Cause of concern: The force does not ...") is that heading, then the rest as a paragraph."""
    out: list[Block] = []
    for block in parsed:
        found = _INLINE_LABEL.match(block.text) if block.kind in ("para", "bullet") else None
        if found is None:
            out.append(block)
            continue
        label = found.group("label")
        out.append(Block("heading", label, block.line, raw=[label]))
        out.append(replace(block, text=block.text[found.end():], raw=[block.text[found.end():]] + block.raw[1:]))
    return out


_CHAPTER_MARKER = re.compile(r"\d{1,2}\.?\Z")


def _numbered_heading(block: Block) -> bool:
    """'2. Recommendations': a known heading on one line at the margin, numbered as a list would be."""
    return (block.indent == 0 and len(block.raw) == 1 and bool(_CHAPTER_MARKER.match(block.marker))
            and heading(block.text) is not None)


def _is_heading(block: Block) -> bool:
    if len(block.raw) != 1:
        return False
    if heading(block.text) is not None:
        return True
    return (not terminal(block.text) and word_count(block.text) <= 12 and not block.text[:1].islower()
            and not actor_directs(block.text))  # "The service should ..." is a sentence with its full stop lost
