"""Finding the recommendations, areas for improvement and causes of concern in a report's text.

How a report is read (blocks come from `blocks`; phrases from `patterns` and `deadlines`):

* Known headings set the type of what follows: "Recommendations", "Areas for improvement",
  "Causes of concern" (and numbered labels such as "Recommendation 3"); any other heading ends the
  section. In a cause-of-concern section the first paragraph (or each list item) is a cause of
  concern; recommendations after it, under a "Recommendations" heading or a lead-in, get `parent`
  set to it. "To address this cause of concern ..." ties a lead-in to the last cause found.
* A lead-in is a block ending with ":". It NAMES the items when what it says apart from deadline
  wording ends with a modal ("The force should immediately:", "HMIC recommends that within six
  months the force should:"), a verb of listing ("... recommendations are:", "... include:"), "the
  following [recommendations]", "recommends that" or an item word ("Our recommendations:"), and it
  mentions recommendations, areas for improvement or causes of concern, or ends with a modal, or sits
  in a section. Then each list item under it (and each directive paragraph straight after it) is an
  item of its own, with the lead-in's deadline and type. Any other lead-in that is itself a
  recommendation ("The force should put in place arrangements to ensure that:") is ONE item whose
  text is the lead-in followed by its list items as "(a) ...; (b) ...".
* Inside a section, list items are items unless they open with a quotation mark; paragraphs are
  items when they read as directions (a modal such as "should", "must", "needs to", "recommends",
  or an opening imperative such as "Ensure"), and never when they quote or report speech.
  Outside any section only a paragraph that reads as a recommendation on its own is found: one
  that opens with deadline wording or a "Recommendation N:" label, or says "recommends that", and
  has a modal. So narrative, quotes and commentary are left alone.
* Deadlines: the item's own wording first, else its lead-in's, else its section heading's, else
  "none" (see `deadlines` for the phrases). Relative spans other than 3, 6 or 12 months need
  `published`; without it a UsageError names --published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hmic_cli.importing.blocks import Block, blocks
from hmic_cli.importing.deadlines import Deadline, deadline_in, strip_deadlines
from hmic_cli.importing.patterns import heading, item_type
from hmic_cli.importing.tidy import fragment, strip_numbering, tidy

REC, AFI, COC = "recommendation", "area-for-improvement", "cause-of-concern"
_MODAL = r"(?:should|must|shall|needs?\s+to|ought\s+to|(?:is|are)\s+(?:required|expected)\s+to)"
_ADVERBS = r"(?:\s+(?:also|now|urgently|promptly|immediately|as\s+a\s+(?:matter\s+of\s+)?priority|without\s+delay))*"
_ITEM_WORDS = r"(?:recommendations?|areas?\s+for\s+improvement|causes?\s+of\s+concern|actions?|steps|improvements?)"
_NAMING_TAIL = re.compile(
    rf"(?:\b{_MODAL}{_ADVERBS}|\b(?:are|is|were|include|as\s+follows)|\bthe\s+following(?:\s+\w+)?(?:\s+{_ITEM_WORDS})?"
    rf"|^following(?:\s+{_ITEM_WORDS})?|\brecommends?\s+that|\b{_ITEM_WORDS})$", re.I)
_KINDS_MENTIONED = re.compile(r"\brecommend|\bareas?\s+for\s+improvement\b|\bcauses?\s+of\s+concern\b", re.I)
_DIRECTIVE = re.compile(rf"\b{_MODAL}\b|\brecommend(?:s|ed)?\b", re.I)
_NOT_DIRECTIVE = re.compile(r"\b(?:should|must)\s+(?:not\s+)?have\s+(?:been|had|done|made|taken)\b", re.I)
_IMPERATIVE = re.compile(
    r"^(?:ensure|make|place|review|develop|introduce|continue|establish|improve|put|consider|implement|provide|take"
    r"|undertake|set|adopt|conduct|carry|create|strengthen|reduce|increase|work|agree|appoint|publish|monitor"
    r"|assess|evaluate|identify|record|train|update|use|clarify|prioriti[sz]e|embed|give|build|extend|commission"
    r"|seek|audit|revise|remove|refer|share|check|act|adopt|allocate|complete|design|focus|raise)\b", re.I)
_QUOTED = re.compile(r"^[“\"‘'«]")
_REPORTED = re.compile(r"\b(?:said|says|told|added|explained|commented|according\s+to)\b", re.I)
_FIRST_DIRECTION = re.compile(rf"\b{_MODAL}\b|\brecommend", re.I)
_RECOMMENDS = re.compile(r"\brecommends?\s+that\b", re.I)
_LABEL = re.compile(r"^(?P<kind>recommendation|area\s+for\s+improvement|cause\s+of\s+concern)\s+\d{1,3}\b", re.I)
_THIS_CAUSE = re.compile(r"\b(?:this|the\s+above)\s+cause\s+of\s+concern\b", re.I)
_PUBLISHED = re.compile(
    r"^\s*(?:date\s+)?published(?:\s+on)?\s*[:\-–—]?\s*(?:on\s+)?(?:\w+day,?\s+)?"
    r"(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}|[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b", re.I | re.M)


@dataclass
class Found:
    """One item found in a report (see the module docstring for how each field is decided)."""

    type: str  # "recommendation" | "area-for-improvement" | "cause-of-concern"
    text: str  # tidied
    quote: str  # as written, list marker removed
    deadline: str  # "immediate" | "three-months" | "six-months" | "twelve-months" | "by-date" | "none"
    due: date | None
    parent: int | None  # index in the returned list of the cause of concern it answers
    line: int  # 1-based line in the text where it starts


@dataclass
class _Item:
    type: str
    lead: Block
    parent: int | None
    inherited: Deadline | None  # from the lead-in or section
    parts: list[Block] = field(default_factory=list)  # list items inside a whole-recommendation lead-in


@dataclass
class _LeadIn:
    mode: str  # "each" | "inside"
    indent: int  # -1 for a paragraph lead-in: every list item after it is under it
    type: str = REC
    deadline: Deadline | None = None
    parent: int | None = None
    item: _Item | None = None


def _directive(text: str) -> bool:
    body = strip_numbering(text)
    return bool((_DIRECTIVE.search(body) and not _NOT_DIRECTIVE.search(body)) or _IMPERATIVE.match(body))


def _quoted(block: Block) -> bool:
    """Opens with a quotation mark, or (a paragraph) reports speech before any direction is given."""
    if _QUOTED.match(block.text):
        return True
    if block.kind != "para":
        return False
    reported = _REPORTED.search(block.text)
    direction = _FIRST_DIRECTION.search(block.text)
    return bool(reported and (direction is None or reported.start() < direction.start()))


def names_items(text: str) -> bool:
    """True for a lead-in that introduces items one per list item (see the module docstring)."""
    said = strip_deadlines(strip_numbering(text).rstrip().rstrip(":")).rstrip(" ,;–—-")
    return bool(_NAMING_TAIL.search(said))


def _lead_type(text: str, default: str) -> str:
    if re.search(r"\bareas?\s+for\s+improvement\b", text, re.I):
        return AFI
    if re.search(r"\brecommend", text, re.I):
        return REC
    if re.search(r"\bcauses?\s+of\s+concern\b", text, re.I) and not _THIS_CAUSE.search(text):
        return COC
    return default


class _Reader:
    def __init__(self) -> None:
        self.items: list[_Item] = []
        self.section: str | None = None
        self.section_deadline: Deadline | None = None
        self.parent: int | None = None
        self.awaiting_cause = False
        self.leads: list[_LeadIn] = []

    def add(self, kind: str, block: Block, inherited: Deadline | None, parent: int | None = None) -> _Item:
        item = _Item(kind, block, parent if kind == REC else None, inherited)
        self.items.append(item)
        if kind == COC:
            self.parent = len(self.items) - 1
            self.awaiting_cause = False
        return item

    def on_heading(self, block: Block) -> None:
        self.leads.clear()
        known = heading(block.text)
        if known is None:
            self.section, self.section_deadline, self.parent, self.awaiting_cause = None, None, None, False
            return
        if known.type != REC or (known.number is None and len(self.items) - 1 != self.parent):
            self.parent = None  # a plain "Recommendations" heading keeps only a cause with nothing under it yet
        self.section = known.type
        self.section_deadline = deadline_in(block.text)
        self.awaiting_cause = known.type == COC

    def covered(self, lead: _LeadIn, block: Block) -> bool:
        if block.kind == "bullet":
            return block.indent > lead.indent
        return (lead.mode == "each" and lead.indent < 0 and not block.lead_in and not _quoted(block)
                and _directive(block.text))

    def lead_in(self, block: Block, kind: str, deadline: Deadline | None, parent: int | None,
                in_scope: bool) -> None:
        """Open the lead-in `block`: a naming one, or one that is itself an item."""
        text = block.text
        if names_items(text) and (in_scope or _KINDS_MENTIONED.search(text) or re.search(_MODAL, text, re.I)):
            kind = _lead_type(text, kind)
            if _THIS_CAUSE.search(text) and self.parent is not None:
                parent = self.parent
            own = deadline_in(text)
            self.leads.append(_LeadIn("each", block.indent if block.kind == "bullet" else -1, kind,
                                      own or deadline, parent))
            return
        if in_scope:
            item = self.add(kind, block, deadline, parent)
            self.leads.append(_LeadIn("inside", block.indent if block.kind == "bullet" else -1, item=item))

    def on_block(self, block: Block) -> None:
        while self.leads and not self.covered(self.leads[-1], block):
            self.leads.pop()
        if self.leads:
            lead = self.leads[-1]
            if lead.mode == "inside":
                lead.item.parts.append(block)
                return
            parent = self.parent if lead.type == COC else lead.parent
            if block.lead_in:
                self.lead_in(block, lead.type, lead.deadline, parent, in_scope=True)
            else:
                self.add(lead.type, block, lead.deadline, parent)
            return
        label = _LABEL.match(block.text)
        kind = item_type(label.group("kind")) if label else (self.section or REC)
        if block.lead_in:
            self.lead_in(block, kind, self.section_deadline, self.parent,
                         in_scope=bool(label) or self.section is not None or self._alone(block))
            return
        if label or self._alone(block):
            self.add(kind, block, self.section_deadline, self.parent)
        elif self.section is None or _quoted(block):
            return
        elif self.section == COC and (block.kind == "bullet" or self.awaiting_cause):
            self.add(COC, block, None)
        elif block.kind == "bullet" or _directive(block.text):
            self.add(REC if self.section == COC else self.section, block, self.section_deadline, self.parent)

    @staticmethod
    def _alone(block: Block) -> bool:
        """A paragraph that reads as a recommendation wherever it is."""
        if block.kind != "para" or _quoted(block) or not re.search(rf"\b{_MODAL}\b", block.text, re.I):
            return False
        body = strip_numbering(block.text)
        opening = deadline_in(body)
        return bool(_RECOMMENDS.search(body) or (opening and opening.start <= 1))


def _finish(item: _Item, published: date | None, index_of: dict[int, int]) -> Found:
    lead = item.lead
    if item.parts:
        letters = "abcdefghijklmnopqrstuvwxyz"
        pieces = [f"({letters[i] if i < 26 else i + 1}) {fragment(part.text)}" for i, part in enumerate(item.parts)]
        text = tidy(lead.text) + " " + "; ".join(pieces) + "."
        quote = "\n".join([lead.text] + [" ".join(part.raw) for part in item.parts])
        wording = lead.text + " " + " ".join(part.text for part in item.parts)
    else:
        text, quote, wording = tidy(lead.text), lead.text, lead.text
    own = deadline_in(wording)
    chosen = own or item.inherited
    deadline, due = ("none", None) if chosen is None else chosen.resolve(published, f"line {lead.line}")
    parent = index_of.get(item.parent) if item.parent is not None else None
    return Found(item.type, text, quote, deadline, due, parent, lead.line)


def find(text: str, published: date | None = None) -> list[Found]:
    """The items in a report's plain text, in order; [] when it has none (see the module docstring)."""
    reader = _Reader()
    for block in blocks(text):
        if block.kind == "heading":
            reader.on_heading(block)
        else:
            reader.on_block(block)
    kept = [(index, item) for index, item in enumerate(reader.items) if tidy(item.lead.text).strip(" .:;")]
    index_of = {old: new for new, (old, _) in enumerate(kept)}
    return [_finish(item, published, index_of) for _, item in kept]


def metadata(text: str) -> dict:
    """What a report says about itself: "published" (a date) from a "Published (on): 4 April 2025"
    line, and "title" when the first line is a heading-like line of under 200 characters."""
    from hmic_cli.importing.deadlines import MONTHS

    found: dict = {}
    match = _PUBLISHED.search(text[:20000])
    if match:
        value = match.group("date").replace(",", "").replace(".", "")
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                found["published"] = date.fromisoformat(value)
            else:
                words = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", value).split()
                if words[0].isdigit():
                    day, month, year = words
                else:
                    month, day, year = words
                found["published"] = date(int(year), MONTHS[month.lower()], int(day))
        except (KeyError, ValueError):
            pass
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if first and len(first) < 200 and not first.endswith((".", ":", ";")) and heading(first) is None:
        found["title"] = first
    return found
