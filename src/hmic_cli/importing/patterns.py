"""The shapes of lines in an inspection report: list markers, headings and page furniture.

* A list marker opens a line: a glyph (•, ▪, ● ...), a dash (`- x`, `-x`, `– x`), `* x`, `+ x`,
  a number (`1.`, `1)`, `(1)`) or a letter or roman numeral (`a.`, `a)`, `(a)`, `(iv)`). Dotted
  paragraph numbers (`4.12`) are numbering, not list markers.
* A known heading is a short line naming a kind of item, e.g. "Recommendations", "Area for
  improvement", "Causes of concern", "Immediate recommendations", "Recommendation 3", "Learning
  recommendation 2" (the IOPC's),
  "4. Recommendations (within six months)"; a line with a verb ("... recommendations are:") is a lead-in,
  and a plural with a number ("Recommendations 12") is a contents line.
* A word hyphenated across a line break is joined whole (`join_wrapped`).
* Page furniture: a bare page number, "Page 3", "Page 3 of 12", "3 of 12", "- 3 -", and a contents
  line ("Recommendations .......... 7").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hmic_cli.importing.issuer_headings import issuer_heading

GLYPHS = "•·▪◦‣●○■□►➢✓"
_BULLET = re.compile(
    rf"""^(?P<indent>[ \t]*)(?P<marker>
        [{GLYPHS}]
      | [-–—](?=\s+\S|[^\s\-–—\d])
      | [*+](?=\s)
      | \(\d{{1,3}}\) | \d{{1,3}}[.)](?=\s)
      | \((?:[a-z]|[ivx]{{1,5}}|[A-Z])\) | [a-z][.)](?=\s)
    )\s*(?P<rest>\S.*)$""",
    re.X,
)
PARA_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})+\.?\s+(?=\S)")
_FURNITURE = re.compile(r"^(?:\d{1,4}|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}\s*(?:of|/)\s*\d{1,4}"
                        r"|[-–—]\s*\d{1,4}\s*[-–—]|\[\s*\d{1,4}\s*\])$", re.I)
_LEADER = re.compile(r"(?:\.\s?){4}$|…{2}$|(?:_\s?){4}$")
TERMINAL = re.compile(r"[.!?;:…][\"'”’)\]]*\d{0,2}\s*$")
KIND_WORDS = r"recommendations?|areas?\s+for\s+(?:improvement|development)|causes?\s+(?:of|for)\s+concern"
_HEADING = re.compile(
    rf"""^(?:\d{{1,2}}(?:\.\d{{1,2}})*\.?\s+|(?:section|chapter|part)\s+\d{{1,2}}\s*[:.\-–—]?\s*)?
    (?P<pre>(?:(?:summary|list)\s+of\s+(?:the\s+|our\s+)?|our\s+|the\s+|hmic\w*['’]?s?\s+|key\s+|main\s+
       |further\s+|new\s+|other\s+|immediate\s+|urgent\s+|priority\s+|learning\s+)*)
    (?P<kind>{KIND_WORDS})
    (?:\s+(?P<number>\d{{1,3}}))?
    (?P<post>\s*(?:[-–—(,].*|(?:to\s+be|for|within|in|due|with|by)\b.*)?)
    \s*:?$""",
    re.I | re.X,
)
_VERB = re.compile(r"\b(?:are|is|were|was|should|must|will|include|includes|has|have|had)\b", re.I)
WORDS = re.compile(r"\S+")


@dataclass(frozen=True)
class Heading:
    """A known heading: the type of item it introduces and its number when it labels one item."""

    type: str  # "recommendation" | "area-for-improvement" | "cause-of-concern" | "accelerated-cause-of-concern"
    number: int | None
    text: str
    priority: str | None = None  # another issuer's own label for the items under it ("priority concern")


def item_type(kind: str) -> str:
    """The item type a kind word names ("Areas for improvement" -> "area-for-improvement")."""
    word = kind.lower()
    if word.startswith("recommend"):
        return "recommendation"
    if word.startswith("area") or word == "afi":  # "AFI 2": an area for improvement's label
        return "area-for-improvement"
    return "cause-of-concern"


def bullet(line: str) -> tuple[int, str, str] | None:
    """(indent column, marker, text) when the line opens a list item, else None."""
    found = _BULLET.match(line)
    if not found:
        return None
    rest = found.group("rest")
    marker = found.group("marker")
    if marker in "-–—" and rest[:1] in "-–—":
        return None  # a rule line such as "----"
    return len(found.group("indent").expandtabs(4)), marker, rest


def heading(line: str) -> Heading | None:
    """The known heading a line is, if it is one (see the module docstring)."""
    text = line.strip()
    if not text or len(text) > 100 or text.endswith(".") and not text.endswith("..."):
        return None
    found = _HEADING.match(text)
    if not found or _VERB.search(found.group("post") or ""):
        other = issuer_heading(text)
        return Heading(other[0], other[1], text, other[2]) if other else None
    number = found.group("number")
    kind = found.group("kind").lower()
    if number and (kind.endswith("s") or kind.startswith(("areas", "causes"))):
        return None  # "Recommendations 12" is a contents line, not a label
    return Heading(item_type(found.group("kind")), int(number) if number else None, text)


def is_furniture(line: str) -> bool:
    """A page number or contents line: "12", "Page 3", "Page 3 of 12", "3 of 12", "- 3 -", "Summary .... 4"."""
    text = line.strip()
    return bool(_FURNITURE.match(text) or _contents(text))


def _contents(text: str) -> bool:
    """A contents line: words, a leader of dots (or underscores) and a page number."""
    words = text.rstrip("0123456789")
    if words == text or len(text) - len(words) > 4:
        return False
    return bool(_LEADER.search(words.rstrip()[-8:]))


def furniture_key(line: str) -> str:
    """A line with digits and spacing normalised, to spot running headers and footers."""
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))


def terminal(line: str) -> bool:
    """True when a line ends a sentence or clause (., !, ?, ;, :, maybe then a quote or footnote)."""
    return bool(TERMINAL.search(line))


def word_count(text: str) -> int:
    return len(WORDS.findall(text))


_COMPOUND_FIRST = {"well", "self", "multi", "non", "cross", "long", "short", "high", "low", "anti", "post", "pre",
                   "full", "part", "front", "first", "second", "third", "ex", "co", "risk", "mid", "over", "under"}
_HYPHENATED_END = re.compile(r"([A-Za-z]+)-$")


def join_wrapped(previous: str, line: str) -> str:
    """`line` joined onto the line it carries on: a word hyphenated across the break is made whole
    ("custo-" + "dy" -> "custody"), a compound keeps its hyphen ("well-" + "known"), else one space."""
    end = _HYPHENATED_END.search(previous[-40:])
    if end and line[:1].islower():
        if end.group(1).lower() in _COMPOUND_FIRST:
            return previous + line
        return previous[:-1] + line
    return previous + " " + line

