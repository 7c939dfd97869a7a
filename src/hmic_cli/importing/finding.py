"""Finding the recommendations, areas for improvement and causes of concern in a report's text.

How a report is read (blocks come from `blocks`; phrases from `patterns`, `phrases`, `deadlines`):

* Known headings set the type of what follows: "Recommendations", "Areas for improvement" (or
  "for development"), "Causes of concern" (and labels such as "Recommendation 3"); any other
  heading ends the section. In a cause-of-concern section the first paragraph (or each list item)
  is a cause of concern; the recommendations after it get `parent` set to it. "To address this
  cause of concern ..." ties a lead-in to the last cause found.
* A lead-in is a block ending with ":". It NAMES the items (see `phrases.names_items`: "The force
  should immediately:", "... recommendations are:", "HMI ... made three recommendations in this
  report:"), or is a frame ("The service should make sure:"): then each list item under it (and
  each directive paragraph after it; run-together "...;ensure ...; andensure ..." split) is an item
  of its own with the lead-in's deadline and type; a lead-in naming a kind of item carries on
  across subheadings. A list ends where its marker changes kind (bullets, then "2." paragraphs).
  A lead-in giving examples ("... which include:") names nothing. Any other lead-in that is itself
  a recommendation ("... should put in place arrangements to ensure that:"), or that elaborates the
  direction before it in its paragraph ("This work should include:"), is ONE item whose text is
  the paragraph followed by its list items as "(a) ...; (b) ...". A paragraph whose last sentence
  is a frame gives its earlier sentences as an item and the frame's list as items.
* Inside a section, list items are items unless they open with a quotation mark; paragraphs are
  items when they read as directions (a modal such as "should", "must", "needs to", "recommends",
  or an opening imperative such as "Ensure"), and never when they quote or report speech.
  Outside any section a paragraph is found when it opens with deadline wording or a label, or says
  "recommends that", and has a modal; and, in a text with no item headings at all (a register
  entry, a page of bare recommendations), when it opens with an actor's direction
  (`phrases.actor_directs`: "Police Scotland should review ...").
* Tables (see `tables`): a cell in a column headed by a kind of item is an item of that type, with
  its row's deadline cell; a row's cause of concern is the parent of its recommendations.
* A closing statement (`phrases.closes`) marks the items found since the last one closed: they are
  returned apart (`Findings.closed`), not as open items. An item a later item of the same type
  gives again, whole or at greater length (a summary's list), is dropped.
* Deadlines: the item's own wording first, else its lead-in's, else its section heading's or table
  row's, else "none" (see `deadlines`). Relative spans other than 3, 6 or 12 months need
  `published`; without it a UsageError names --published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from hmic_cli.importing import phrases
from hmic_cli.importing.blocks import Block, blocks
from hmic_cli.importing.deadlines import Deadline, deadline_in
from hmic_cli.importing.patterns import heading, item_type
from hmic_cli.importing.phrases import (
    KINDS_MENTIONED,
    actor_directs,
    directive,
    elaborates,
    is_frame,
    last_sentence,
    modal_in,
    names_items,
)
from hmic_cli.importing.tidy import fragment, strip_numbering, tidy

REC, AFI, COC = "recommendation", "area-for-improvement", "cause-of-concern"
_RECOMMENDS = re.compile(r"\brecommends?\s+that\b", re.I)
_LABEL = re.compile(r"^(?P<kind>recommendation|area\s+for\s+(?:improvement|development)|cause\s+of\s+concern)"
                    r"\s+\d{1,3}\b", re.I)
_THIS_CAUSE = re.compile(r"\b(?:this|the\s+above)\s+cause\s+of\s+concern\b", re.I)
_CLAUSE_FRAME = re.compile(r"\b(?:make\s+sure|ensure|see\s+to\s+it)(?:\s+that)?\s*:?\s*$", re.I)
_RUN_TOGETHER = re.compile(r";\s*(?:(?:and|or)\s*)?(?=[a-z])")


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
    closed: bool = False  # the text says it is closed (a revisit letter)


@dataclass
class _Item:
    type: str
    lead: Block
    parent: int | None
    inherited: Deadline | None  # from the lead-in, section or table row
    parts: list[Block] = field(default_factory=list)  # list items inside a whole-recommendation lead-in
    closed: bool = False
    frame: str = ""  # the lead-in that opens its text ("The service should make sure")


@dataclass
class _LeadIn:
    mode: str  # "each" | "inside"
    indent: int  # -1 for a paragraph lead-in: every list item after it is under it
    type: str = REC
    deadline: Deadline | None = None
    parent: int | None = None
    item: _Item | None = None
    family: str | None = None  # the marker family of its list ("glyph", "number", "letter", "roman")
    first_indent: int = 0  # the indent of its list's first item
    named: bool = False  # it names a kind of item ("The report detailed 5 areas for development:")
    frame: str = ""  # who and a modal ("The service should make sure:"), to open items that are not directions


def _family(marker: str) -> str:
    core = marker.strip("()").rstrip(".)")
    if not core or not core[0].isalnum():
        return "glyph"
    if core.isdigit():
        return "number"
    if re.fullmatch(r"[ivx]+", core):
        return "roman"
    return "letter" if core.islower() else "upper"


def _lead_type(text: str, default: str) -> str:
    if re.search(r"\bareas?\s+for\s+(?:improvement|development)\b", text, re.I):
        return AFI
    if re.search(r"\brecommend", text, re.I):
        return REC
    if re.search(r"\bcauses?\s+of\s+concern\b", text, re.I) and not _THIS_CAUSE.search(text):
        return COC
    return default


class _Reader:
    def __init__(self, has_headings: bool) -> None:
        self.items: list[_Item] = []
        self.section: str | None = None
        self.section_deadline: Deadline | None = None
        self.has_headings = has_headings
        self.parent: int | None = None
        self.awaiting_cause = False
        self.leads: list[_LeadIn] = []
        self.open_from = 0  # items before this one were closed by a closing statement
        self.row_cause: tuple[int, int] | None = None  # (table row, cause of concern index)

    def add(self, kind: str, block: Block, inherited: Deadline | None, parent: int | None = None) -> _Item:
        item = _Item(kind, block, parent if kind == REC else None, inherited)
        self.items.append(item)
        if kind == COC:
            self.parent = len(self.items) - 1
            self.awaiting_cause = False
        return item

    def on_heading(self, block: Block) -> None:
        known = heading(block.text)
        if known is None:  # a lead-in naming a kind of item carries on under subheadings
            self.leads = [lead for lead in self.leads if lead.mode == "each" and lead.indent < 0 and lead.named]
            self.section, self.section_deadline, self.parent, self.awaiting_cause = None, None, None, False
            return
        self.leads.clear()
        if known.type != REC or (known.number is None and len(self.items) - 1 != self.parent):
            self.parent = None  # a plain "Recommendations" heading keeps only a cause with nothing under it yet
        self.section = known.type
        self.section_deadline = deadline_in(block.text)
        self.awaiting_cause = known.type == COC

    def covered(self, lead: _LeadIn, block: Block) -> bool:
        if block.kind == "bullet":
            if block.indent > lead.indent and lead.family is None:
                lead.family, lead.first_indent = _family(block.marker), block.indent
                return True
            nested = block.indent > lead.first_indent
            return block.indent > lead.indent and (nested or _family(block.marker) == lead.family)
        return (lead.mode == "each" and lead.indent < 0 and block.kind == "para" and not block.lead_in
                and not phrases.quoted(block.text, True) and directive(block.text))

    def lead_in(self, block: Block, kind: str, deadline: Deadline | None, parent: int | None,
                in_scope: bool) -> None:
        """Open the lead-in `block`: a naming one, or one that is itself an item."""
        before, last = last_sentence(block.text) if block.kind == "para" else ("", block.text)
        if before and directive(before):
            alone = in_scope or self.alone(replace(block, text=before))
            if elaborates(last) and alone:
                item = self.add(kind, block, deadline, parent)
                self.leads.append(_LeadIn("inside", -1, item=item))
                return
            if alone and is_frame(last):
                self.add(kind, replace(block, text=before), deadline, parent)
                own = deadline_in(before) or deadline
                self.leads.append(_LeadIn("each", -1, kind, own, parent, frame=last))
                return
        text = block.text
        if phrases.gives_examples(text):
            return
        naming = names_items(text) or is_frame(last)
        if naming and (in_scope or KINDS_MENTIONED.search(text) or modal_in(text)):
            kind = _lead_type(text, kind)
            if _THIS_CAUSE.search(text) and self.parent is not None:
                parent = self.parent
            own = deadline_in(text)
            self.leads.append(_LeadIn("each", block.indent if block.kind == "bullet" else -1, kind,
                                      own or deadline, parent, named=bool(KINDS_MENTIONED.search(text)),
                                      frame=last if is_frame(last) else ""))
            return
        if in_scope:
            item = self.add(kind, block, deadline, parent)
            self.leads.append(_LeadIn("inside", block.indent if block.kind == "bullet" else -1, item=item))

    def under_lead(self, lead: _LeadIn, block: Block) -> None:
        if lead.mode == "inside":
            lead.item.parts.append(block)
            return
        parent = self.parent if lead.type == COC else lead.parent
        if block.lead_in:
            self.lead_in(block, lead.type, lead.deadline, parent, in_scope=True)
            return
        pieces = _RUN_TOGETHER.split(block.text) if block.kind == "para" else [block.text]
        if len(pieces) > 1 and all(directive(p) for p in pieces):
            for piece in pieces:
                self.add(lead.type, replace(block, text=piece, raw=[piece]), lead.deadline, parent)
            return
        item = self.add(lead.type, block, lead.deadline, parent)
        if lead.frame and _CLAUSE_FRAME.search(lead.frame) and not directive(block.text):
            item.frame = lead.frame

    def cell(self, block: Block) -> None:
        if not tidy(block.text).strip(" .:;") or heading(block.text) is not None:
            return
        inherited = deadline_in(block.deadline_text) if block.deadline_text and block.type != COC else None
        parent = None
        if block.type == REC and self.row_cause is not None:
            parent = self.row_cause[1]
        self.add(block.type, block, inherited, parent)
        if block.type == COC:
            self.row_cause = (block.row, len(self.items) - 1)

    def on_block(self, block: Block) -> None:
        while self.leads and not self.covered(self.leads[-1], block):
            self.leads.pop()
        if self.leads:
            self.under_lead(self.leads[-1], block)
            return
        if block.kind == "cell" and block.type:
            self.cell(block)
            return
        if phrases.closes(block.text):
            for item in self.items[self.open_from:]:
                item.closed = True
            self.open_from = len(self.items)
            return
        label = _LABEL.match(block.text)
        section = self.section
        if section == COC and not self.awaiting_cause:
            section = REC
        kind = item_type(label.group("kind")) if label else (section or REC)
        if block.lead_in:
            self.lead_in(block, kind, self.section_deadline, self.parent,
                         in_scope=bool(label) or self.section is not None or self.alone(block))
            return
        if label or self.alone(block):
            self.add(kind, block, self.section_deadline, self.parent)
        elif self.section is None or phrases.quoted(block.text, block.kind != "bullet"):
            return
        elif self.section == COC and (block.kind == "bullet" or self.awaiting_cause):
            self.add(COC, block, None)
        elif block.kind == "bullet" or directive(block.text):
            self.add(kind, block, self.section_deadline, self.parent)

    def alone(self, block: Block) -> bool:
        """A paragraph (or cell) that reads as a recommendation where it is (see the module docstring)."""
        if phrases.quoted(block.text, block.kind != "bullet"):
            return False
        if not self.has_headings and actor_directs(block.text):
            return True
        if block.kind == "bullet" or not modal_in(block.text):
            return False
        body = strip_numbering(block.text)
        opening = deadline_in(body)
        return bool(_RECOMMENDS.search(body) or (opening and opening.start <= 1))


def _finish(item: _Item, published: date | None) -> Found:
    lead = item.lead
    if item.parts:
        letters = "abcdefghijklmnopqrstuvwxyz"
        pieces = [f"({letters[i] if i < 26 else i + 1}) {fragment(part.text)}" for i, part in enumerate(item.parts)]
        text = tidy(lead.text) + " " + "; ".join(pieces) + "."
        quote = "\n".join([lead.text] + [" ".join(part.raw) for part in item.parts])
        wording = lead.text + " " + " ".join(part.text for part in item.parts)
    elif item.frame:
        opening = re.sub(r"\s*:\s*$", "", item.frame)
        text = tidy(opening + " " + fragment(lead.text)) + "."
        quote, wording = item.frame + "\n" + " ".join(lead.raw), lead.text
    else:
        text, quote, wording = tidy(lead.text), lead.text, lead.text
    own = deadline_in(wording)
    chosen = own or item.inherited
    deadline, due = ("none", None) if chosen is None else chosen.resolve(published, f"line {lead.line}")
    return Found(item.type, text, quote, deadline, due, item.parent, lead.line, item.closed)


class Findings(list):
    """The open items found (a list of Found), with `closed`: those the text says are closed."""

    closed: list[Found]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _repeats(items: list[_Item]) -> set[int]:
    """Items that a later item of the same type gives again, whole or in full (a summary's list, then the
    body's): the earlier, shorter one goes."""
    by_start: dict[tuple, list[int]] = {}
    for index, item in enumerate(items):
        words = _words(strip_numbering(item.lead.text))
        if len(words) >= 6:
            by_start.setdefault((item.type, tuple(words[:6])), []).append(index)
    dropped: set[int] = set()
    for group in by_start.values():
        if len(group) < 2 or len(group) > 50:
            continue  # a long run of items opening alike: they are items, not a summary's repeats
        texts = {i: " ".join(_words(strip_numbering(items[i].lead.text))) for i in group}
        for i in group:
            for j in group:
                if i != j and j not in dropped and texts[j].startswith(texts[i]) and (
                        len(texts[j]) > len(texts[i]) or j > i) and not items[i].parts:
                    dropped.add(i)
                    break
    return dropped


def find(text: str, published: date | None = None) -> Findings:
    """The items in a report's plain text, in order; [] when it has none (see the module docstring)."""
    parsed = blocks(text)
    has_headings = any(b.kind == "heading" and heading(b.text) is not None for b in parsed)
    reader = _Reader(has_headings)
    for block in parsed:
        if block.kind == "heading":
            reader.on_heading(block)
        else:
            reader.on_block(block)
    dropped = _repeats(reader.items)
    kept = [(index, item) for index, item in enumerate(reader.items)
            if index not in dropped and tidy(item.lead.text).strip(" .:;")]
    result, closed = Findings(), []
    index_of: dict[int, int] = {}
    for old, item in kept:
        found = _finish(item, published)
        if found.closed:
            closed.append(found)
            continue
        index_of[old] = len(result)
        result.append(found)
    for found in result:
        found.parent = index_of.get(found.parent) if found.parent is not None else None
    result.closed = closed
    return result
