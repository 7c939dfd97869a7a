"""Tidying the words of a found item for its `text` (the `quote` keeps them as written).

Rules, in order: a leading label ("Recommendation 3:", "Area for improvement 2 –") and list or
paragraph numbering ("1.", "1)", "(a)", "4.12") go; status words go ("[Complete]", "(Open)",
"Status: open", a trailing "– Achieved"); footnote markers go: "[12]", superscript digits, one or
two digits glued to the end of a lower-case word ("arrangements12") or after a sentence's closing
punctuation ("custody.3"); a trailing "; and", ";" or "," becomes "."; runs of spaces become one
and spaces before punctuation go; the first letter is made a capital.
"""

from __future__ import annotations

import re

from hmic_cli.importing.patterns import KIND_WORDS, PARA_NUMBER, bullet

STATUS = (r"(?:complete|completed|open|closed|achieved|not\s+achieved|partially\s+achieved|partly\s+achieved"
          r"|in\s+progress|ongoing|outstanding|done|discharged|superseded|met|not\s+met|partially\s+met)")
_LABEL = re.compile(rf"^(?:{KIND_WORDS}|AFI)\s+\d{{1,3}}\s*(?:[:.)\-–—]\s*|\s+(?=[A-Z]))", re.I)  # "AFI 2:"
_STATUS_BRACKET = re.compile(rf"(?<!\s)\s*[\[(]\s*(?:status\s*[:\-–—]?\s*)?{STATUS}\s*[\])]", re.I)
_STATUS_WORD = re.compile(rf"(?<!\s)\s*[\[(]?\bstatus\s*[:\-–—]\s*{STATUS}\b[\])]?\.?", re.I)
_STATUS_TAIL = re.compile(rf"(?<=[.;!?])\s+[-–—]\s+{STATUS}\s*$", re.I)
_FOOT_BRACKET = re.compile(r"\[\d{1,3}\]")
_SUPERSCRIPT = re.compile(r"[¹²³⁰⁴⁵⁶⁷⁸⁹]+")
_FOOT_GLUED = re.compile(r"(?<=[a-z]{3})\d{1,2}(?=[\s,;:.!?)\]”’\"]|$)")
_FOOT_AFTER = re.compile(r"(?<=[a-z)\]”’\"'][.,;:!?])\d{1,2}(?=\s|$)|(?<=[a-z][”’\"])\d{1,2}(?=[\s.,;]|$)")
_FRAGMENT_TAIL = re.compile(r"(?<!\s)\s*(?:[;,.](?:\s*(?:and|or))?|\s(?:and|or))\s*$", re.I)
_TAIL = re.compile(r"(?<!\s)\s*[;,](?:\s*(?:and|or))?\s*$", re.I)
_SPACES = re.compile(r"\s+")  # any run of spaces (ideographic, no-break, tabs) is one space in `text`
_BEFORE_PUNCT = re.compile(r"(?<!\s)\s+(?=[.,;:!?](?:\s|$))")


def strip_numbering(text: str) -> str:
    """`text` without a leading label, list marker or paragraph number (repeatedly: "1. (a) x")."""
    for _ in range(3):
        before = text
        text = _LABEL.sub("", text.strip())
        text = PARA_NUMBER.sub("", text)
        marked = bullet(text)
        if marked and (marked[1][0].isdigit() or marked[1].startswith("(") or marked[1][-1] in ".)"):
            text = marked[2]
        if text == before:
            break
    return text.strip()


def clean(text: str) -> str:
    """Status words, footnote markers and stray spacing removed; numbering kept."""
    text = _STATUS_BRACKET.sub("", text)
    text = _STATUS_WORD.sub("", text)
    text = _STATUS_TAIL.sub("", text)
    text = _FOOT_BRACKET.sub("", text)
    text = _SUPERSCRIPT.sub("", text)
    text = _FOOT_GLUED.sub("", text)
    text = _FOOT_AFTER.sub("", text)
    text = _SPACES.sub(" ", text)
    return _BEFORE_PUNCT.sub("", text).strip()


def capitalise(text: str) -> str:
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1:]
        if char.isdigit():
            break
    return text


def tidy(text: str) -> str:
    """The tidied text of an item (see the module docstring)."""
    text = clean(strip_numbering(text))
    if _TAIL.search(text):
        text = _TAIL.sub(".", text)
    return capitalise(text)


def fragment(text: str) -> str:
    """A list item inside a larger item: tidied, without its closing punctuation or "and"."""
    text = clean(strip_numbering(text))
    return _FRAGMENT_TAIL.sub("", text)
