"""Markdown to plain text lines, one output line for each input line (so line numbers still match).

Rules: `#` heading markers and setext underlines go, leaving the heading as a line of its own;
list items (`-`, `*`, `+`, `1.`, `1)`) become "- " lines, indented two spaces per nesting level;
emphasis markers (a `*` or `_` run opening or closing a word) and backticks go,
links keep their text and images are dropped;
fenced code, HTML comments and horizontal rules become blank lines; a blockquote keeps its words;
table rows keep their cells as `| a | b |` and the header's underline as `|---|---|` (see `tables`).
"""

from __future__ import annotations

import re

_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*)|$)")
_CLOSING_HASHES = re.compile(r"(?:^|(?<=\s))#+$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_LINK = re.compile(r"\[([^\[\]]+)\](?:\([^()]*\)|\[[^\[\]]*\])")
_CODE = re.compile(r"`+")
_EMPHASIS_RUN = re.compile(r"(?<![*_])[*_]+")  # a whole run of * or _, matched once from its start
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")


def _emphasis(found: re.Match) -> str:
    """"" for a run that opens emphasis (not after a word, before a non-space) or closes it (after a
    non-space, not before a word); the run itself otherwise (snake_case, a lone "*" between spaces)."""
    text, start, end = found.string, found.start(), found.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    opens = not (before.isalnum() or before == "_") and after != "" and not after.isspace()
    closes = before != "" and not before.isspace() and not (after.isalnum() or after == "_")
    return "" if opens or closes else found.group(0)


def inline(text: str) -> str:
    """Markdown inline markup reduced to its words."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub("", text)
    text = _EMPHASIS_RUN.sub(_emphasis, text) if ("*" in text or "_" in text) else text
    text = _TAG.sub("", text)
    return text.replace("\\", "") if "\\" in text else text


def _without_comments(text: str) -> str:
    """HTML comments replaced by their newlines (one linear scan; an unclosed one runs to the end)."""
    parts: list[str] = []
    start = 0
    while (opening := text.find("<!--", start)) >= 0:
        closing = text.find("-->", opening + 4)
        end = len(text) if closing < 0 else closing + 3
        parts.append(text[start:opening])
        parts.append("\n" * text.count("\n", opening, end))
        start = end
    parts.append(text[start:])
    return "".join(parts)


def heading_levels(markdown: str) -> dict[int, int]:
    """{line number (1-based): level} of the ATX headings ("## Custody" is 2) outside fenced code; the text
    `markdown_to_text` gives keeps its lines, so the numbers hold there too."""
    levels: dict[int, int] = {}
    fenced = False
    for number, line in enumerate(_without_comments(markdown).split("\n"), start=1):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _ATX.match(_QUOTE.sub("", line)):
            levels[number] = len(_QUOTE.sub("", line).strip().split(" ", 1)[0])
    return levels


def markdown_to_text(markdown: str) -> str:
    """The words of a Markdown document, line for line (see the module docstring for the rules)."""
    source = _without_comments(markdown)
    lines = source.split("\n")
    out: list[str] = []
    fenced = False
    indents: list[int] = []  # the marker columns of the open list levels
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            out.append("")
            continue
        if fenced:
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip() and not _ITEM.match(line):
            out.append("")  # the underline of the heading above
            continue
        if _RULE.match(line):
            out.append("")
            indents = []
            continue
        line = _QUOTE.sub("", line)
        heading = _ATX.match(line)
        if heading:
            words = _CLOSING_HASHES.sub("", (heading.group(1) or "").rstrip())  # "## Title ##": the closing run goes
            out.append(inline(words).strip())
            indents = []
            continue
        item = _ITEM.match(line)
        if item:
            column = len(item.group(1).expandtabs(4))
            while indents and indents[-1] > column:
                indents.pop()
            if not indents or indents[-1] < column:
                indents.append(column)
            depth = len(indents) - 1
            out.append("  " * depth + "- " + inline(item.group(2)).strip())
            continue
        if not line.strip():
            out.append("")
            continue
        if line.lstrip().startswith("|"):
            cells = [inline(cell).strip() for cell in line.strip().strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                out.append("|" + "|".join("---" for _ in cells) + "|")  # the header's underline
            else:
                out.append("| " + " | ".join(cells) + " |")
            continue
        if indents and line.startswith(" "):  # a wrapped list item: keep it under its item
            out.append("  " * len(indents) + inline(line.strip()))
            continue
        indents = []
        out.append(inline(line.strip()))
    return "\n".join(out).rstrip("\n") + "\n" if any(out) else ""
