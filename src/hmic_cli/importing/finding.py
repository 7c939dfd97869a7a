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
from dataclasses import replace
from datetime import date

from hmic_cli.importing import phrases
from hmic_cli.importing.blocks import Block, blocks
from hmic_cli.importing.deadlines import Deadline, deadline_in
from hmic_cli.importing.found import CHECK, Candidate, Decision, Findings, Found, finish, repeats, short
from hmic_cli.importing.leads import THIS_CAUSE, LeadIn, family, lead_type
from hmic_cli.importing.outline import depth, status_line
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
from hmic_cli.importing.reading_rules import closes_ahead, issued_on, not_an_item, past_lead_in
from hmic_cli.importing.sentences import recommending
from hmic_cli.importing.tidy import strip_numbering, tidy
from hmic_cli.vocabulary import TYPE_WORDS, RecType

__all__ = ["Found", "Findings", "find"]

REC, AFI, COC, ACC = "recommendation", "area-for-improvement", "cause-of-concern", "accelerated-cause-of-concern"
CAUSES = (COC, ACC)
WORDS = {REC: "a recommendation", AFI: "an area for improvement", COC: "a cause of concern",
         ACC: "an accelerated cause of concern"}
PLURAL = {kind: TYPE_WORDS[RecType(kind)][1] for kind in (REC, AFI, COC, ACC)}  # vocabulary's words
_RECOMMENDS = re.compile(r"\brecommends?\s+that\b", re.I)
_LABEL = re.compile(r"^(?P<kind>recommendation|area\s+for\s+(?:improvement|development)|cause\s+(?:of|for)\s+concern)"
                    r"\s+\d{1,3}\b", re.I)
_CLAUSE_FRAME = re.compile(r"\b(?:make\s+sure|ensure|see\s+to\s+it)(?:\s+that)?\s*:?\s*$", re.I)
_RUN_TOGETHER = re.compile(r";\s*(?:(?:and|or)\s*)?(?=[a-z])")


class _Reader:
    def __init__(self, has_headings: bool) -> None:
        self.items: list[Candidate] = []
        self.decisions: list[Decision] = []
        self.section: str | None = None
        self.section_text = ""
        self.section_priority: str | None = None
        self.concern_priority: str | None = None  # "priority concern" / "key concern" until another heading
        self.section_deadline: Deadline | None = None
        self.section_depth = 0  # the numbered depth of the section's heading ("4 Recommendations": 1)
        self.has_headings = has_headings
        self.parent: int | None = None
        self.awaiting_cause = False
        self.leads: list[LeadIn] = []
        self.open_from = 0  # items before this one were closed by a closing statement
        self.closed_ahead = False  # a closing statement came before the items it closes
        self.row_cause: tuple[int, int] | None = None  # (table row, cause of concern index)

    def decide(self, block: Block, decision: str, reason: str, item: int | None = None) -> None:
        self.decisions.append(Decision(block, decision, reason, item))

    def add(self, kind: str, block: Block, inherited: Deadline | None, parent: int | None = None, *,
            rule: str, because: str, check: bool = False, deadline_from: str = "") -> Candidate:
        parent = parent if kind not in CAUSES else None
        if parent is not None and parent < len(self.items):
            because += f"; answers the cause of concern on line {self.items[parent].lead.line}"
        item = Candidate(kind, block, parent, inherited, rule=rule, because=because,
                         confidence=CHECK if check else "high", deadline_from=deadline_from,
                         priority=self.concern_priority if kind in CAUSES else None)
        self.items.append(item)
        self.decide(block, "item", f"{WORDS[kind]} ({rule}): {because}", len(self.items) - 1)
        if kind in CAUSES:
            self.parent = len(self.items) - 1
            self.awaiting_cause = False
        return item

    def on_heading(self, block: Block) -> None:
        known = heading(block.text)
        level = depth(block.raw[0] if block.raw else block.text)
        if known is None and self.section and 0 < self.section_depth < level:
            self.decide(block, "heading", f"a sub-heading (numbered deeper than '{short(self.section_text)}'): "
                        "the section carries on")
            return
        if known is None:  # a lead-in naming a kind of item carries on under subheadings
            self.leads = [lead for lead in self.leads if lead.mode == "each" and lead.indent < 0 and lead.named]
            if self.section:
                self.decide(block, "heading", f"another heading: ends the section under '{short(self.section_text)}'")
            else:
                self.decide(block, "heading", "a heading naming no kind of item")
            self.section, self.section_deadline, self.parent, self.awaiting_cause = None, None, None, False
            self.section_priority = self.concern_priority = None
            return
        self.leads.clear()
        if known.type != REC or (known.number is None and len(self.items) - 1 != self.parent):
            self.parent = None  # a plain "Recommendations" heading keeps only a cause with nothing under it yet
        self.section, self.section_text, self.section_priority = known.type, block.text, known.priority
        self.section_depth = level
        if known.priority:
            self.concern_priority = known.priority
        elif known.type in CAUSES and known.text.lower() != "concern":
            self.concern_priority = None
        self.section_deadline = deadline_in(block.text)
        self.awaiting_cause = known.type in CAUSES
        self.decide(block, "heading", f"opens a section of {PLURAL[known.type]}"
                    + (f" ('{known.priority}')" if known.priority else ""))

    def covered(self, lead: LeadIn, block: Block) -> bool:
        if block.kind == "bullet":
            if block.indent > lead.indent and lead.family is None:
                lead.family, lead.first_indent = family(block.marker), block.indent
                return True
            nested = block.indent > lead.first_indent
            return block.indent > lead.indent and (nested or family(block.marker) == lead.family)
        if lead.mode == "each" and lead.indent < 0 and block.kind == "para" and block.offset > 0 and lead.frame:
            return True  # an indented line with no marker under a frame
        return (lead.mode == "each" and lead.indent < 0 and block.kind == "para" and not block.lead_in
                and not phrases.quoted(block.text, True) and directive(block.text))

    def lead_in(self, block: Block, kind: str, deadline: Deadline | None, parent: int | None,
                in_scope: bool, why: str = "") -> None:
        """Open the lead-in `block`: a naming one, or one that is itself an item."""
        said = f"'{short(block.text)}'"
        if elaborates(block.text) and self.items and self.items[-1].lead.line < block.line:
            self.leads.append(LeadIn("inside", block.indent if block.kind == "bullet" else -1, item=self.items[-1]))
            self.decide(block, "part of item", f"a sub-list lead-in ({said}): its list belongs to the item before")
            return
        before, last = last_sentence(block.text)
        if block.kind != "para" and not elaborates(last):
            before, last = "", block.text  # a list item's own lead-in sentence stays whole unless it elaborates
        where = why or (f"under '{short(self.section_text)}'" if self.section else "")
        if before and directive(before):
            alone = in_scope or self.alone(replace(block, text=before))
            if elaborates(last) and alone:
                item = self.add(kind, block, deadline, parent, rule="direction-with-list",
                                because=f"a direction {where} whose list says what it includes".replace("  ", " "))
                self.leads.append(LeadIn("inside", block.indent if block.kind == "bullet" else -1, item=item))
                return
            if alone and is_frame(last):
                self.add(kind, replace(block, text=before), deadline, parent, rule="sentences-before-frame",
                         because=f"the sentences before the frame '{short(last)}'", check=True)
                own = deadline_in(before) or deadline
                self.leads.append(LeadIn("each", -1, kind, own, parent, frame=last, text=last))
                return
        text = block.text
        if phrases.gives_examples(text):
            self.decide(block, "not taken", f"a lead-in giving examples ({said}): its list is not items")
            self.leads.append(LeadIn("examples", block.indent if block.kind == "bullet" else -1, text=text))
            return
        naming = names_items(last) or is_frame(last)  # what the lead-in's own sentence says of the list after it
        if naming and (in_scope or KINDS_MENTIONED.search(text) or modal_in(last)):
            kind = lead_type(last, lead_type(text, kind))
            if THIS_CAUSE.search(text) and self.parent is not None:
                parent = self.parent
            own = deadline_in(text)
            self.leads.append(LeadIn("each", block.indent if block.kind == "bullet" else -1, kind,
                                      own or deadline, parent, named=bool(KINDS_MENTIONED.search(text)),
                                      frame=last if is_frame(last) else "", text=text,
                                      closed=self.closed_ahead and past_lead_in(text)))
            self.decide(block, "lead-in", f"names {PLURAL[kind]}: each item under it is one")
            return
        if in_scope:
            item = self.add(kind, block, deadline, parent, rule="direction-with-list",
                            because=f"a direction {where} ending in a list of what it includes".replace("  ", " "))
            self.leads.append(LeadIn("inside", block.indent if block.kind == "bullet" else -1, item=item))
            return
        self.decide(block, "not taken", f"a lead-in ({said}) naming no kind of item and giving no direction: "
                    "its list is not items (a scope or background list)")
        self.leads.append(LeadIn("examples", block.indent if block.kind == "bullet" else -1, text=text))

    def under_lead(self, lead: LeadIn, block: Block) -> None:
        if lead.mode == "examples":
            self.decide(block, "not taken", f"in the list under '{short(lead.text)}'")
            return
        if lead.mode == "inside":
            lead.item.parts.append(block)
            self.decide(block, "part of item", f"part of the item on line {lead.item.lead.line}")
            return
        parent = self.parent if lead.type in CAUSES else lead.parent
        if block.lead_in:
            self.lead_in(block, lead.type, lead.deadline, parent, in_scope=True,
                         why=f"under the lead-in '{short(lead.text)}'")
            return
        because = f"listed under the lead-in '{short(lead.text)}'"
        where = f"the lead-in '{short(lead.text)}'"
        pieces = _RUN_TOGETHER.split(block.text) if block.kind == "para" else [block.text]
        if len(pieces) > 1 and all(directive(p) for p in pieces):
            for piece in pieces:
                item = self.add(lead.type, replace(block, text=piece, raw=[piece]), lead.deadline, parent,
                                rule="run-together-list", because=because, deadline_from=where)
                item.closed = lead.closed
            return
        check = not lead.named and not lead.frame and not directive(block.text)
        item = self.add(lead.type, block, lead.deadline, parent, rule="under-lead-in", because=because, check=check,
                        deadline_from=where)
        item.closed = lead.closed
        if lead.frame and _CLAUSE_FRAME.search(lead.frame) and not directive(block.text):
            item.frame = lead.frame

    def cell(self, block: Block) -> None:
        if not tidy(block.text).strip(" .:;") or heading(block.text) is not None:
            self.decide(block, "not taken", "an empty cell or a heading cell")
            return
        inherited = deadline_in(block.deadline_text) if block.deadline_text and block.type not in CAUSES else None
        parent = None
        if block.type == REC and self.row_cause is not None:
            parent = self.row_cause[1]
        item = self.add(block.type, block, inherited, parent, rule="table-column",
                        because=f"in a table column headed as {PLURAL[block.type]}",
                        deadline_from="its row's deadline cell")
        item.priority = block.priority or None
        if block.type in CAUSES:
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
            self.decide(block, "closing", f"a closing statement: the {len(self.items) - self.open_from} items "
                        "before it are closed")
            self.open_from = len(self.items)
            return
        if closes_ahead(block.text) and len(self.items) == self.open_from:
            self.closed_ahead = True
            self.decide(block, "closing", "a closing statement before the items it closes: the items it quotes "
                        "after it (under 'We identified ...' or 'We made ...') are closed")
        reason = not_an_item(block.text)
        if reason:
            self.decide(block, "not taken", reason)
            return
        self.on_text(block)

    def on_text(self, block: Block) -> None:
        label = _LABEL.match(block.text)
        section = self.section
        if section in CAUSES and not self.awaiting_cause:
            section = REC
        kind = item_type(label.group("kind")) if label else (section or REC)
        where = f"under the heading '{short(self.section_text)}'"
        if block.lead_in:
            self.lead_in(block, kind, self.section_deadline, self.parent,
                         in_scope=bool(label) or self.section is not None or self.alone(block))
            return
        said = recommending(block.text) if block.kind == "para" and not label else []
        if said and len(said) < len(phrases.sentences(block.text)) and not phrases.quoted(block.text, True):
            for sentence in said:
                self.add(kind if self.section not in CAUSES else REC, replace(block, text=sentence, raw=[sentence]),
                         self.section_deadline, self.parent, rule="recommending-sentence",
                         because="a sentence in which the inspectorate recommends, inside a paragraph of findings",
                         deadline_from=where)
            return
        if label:
            self.add(kind, block, self.section_deadline, self.parent, rule="numbered-label",
                     because=f"opens with the label '{label.group(0)}'", deadline_from=where)
        elif self.alone(block):
            bare = not self.has_headings and actor_directs(block.text)
            self.add(kind, block, self.section_deadline, self.parent, rule="bare-direction" if bare else "direction",
                     because="names who is to act and what, in a text with no item headings" if bare
                     else "a direction opening with deadline wording or saying 'recommends that'", check=bare,
                     deadline_from=where)
        elif self.section is None:
            self.decide(block, "not taken", "outside any section of items, and not a direction on its own")
        elif phrases.quoted(block.text, block.kind != "bullet"):
            self.decide(block, "not taken", "quotes or reports speech")
        elif self.section in CAUSES and self.awaiting_cause and actor_directs(block.text):
            self.add(REC, block, self.section_deadline, None, rule="direction-not-cause",
                     because=f"a direction {where}: a cause of concern states a shortcoming, so this is a "
                     "recommendation answering a cause not quoted here", check=True,
                     deadline_from=f"the heading '{short(self.section_text)}'")
            self.awaiting_cause = True
        elif self.section in CAUSES and (block.kind == "bullet" or self.awaiting_cause):
            if block.kind == "bullet" and not self.awaiting_cause and modal_in(block.text) and self.parent is not None:
                self.add(REC, block, self.section_deadline, self.parent, rule="direction-under-cause",
                         because=f"a direction after the cause of concern {where}")
            else:
                first = "the first paragraph" if block.kind == "para" else "a list item"
                self.add(self.section, block, None, rule="cause-of-concern", because=f"{first} {where}")
        elif block.kind == "bullet" or directive(block.text):
            plain = block.kind == "para" and not modal_in(block.text)
            self.add(kind, block, self.section_deadline, self.parent, rule="under-heading",
                     because=("a list item " if block.kind == "bullet" else "a direction ") + where
                     + (" (an imperative with no 'should')" if plain else ""),
                     check=kind == REC and section != self.section,
                     deadline_from=f"the heading '{short(self.section_text)}'")
        else:
            self.decide(block, "not taken", f"{where}, but not a direction")

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


def read(text: str) -> _Reader:
    """The reader after reading `text`: its candidates and each block's decision."""
    parsed = blocks(text)
    has_headings = any(b.kind == "heading" and heading(b.text) is not None for b in parsed)
    reader = _Reader(has_headings)
    for block in parsed:
        status = status_line(block.text) if block.kind != "cell" else None
        if status:
            reader.decide(block, "not taken", status)
            continue
        if block.kind == "heading":
            reader.on_heading(block)
        else:
            reader.on_block(block)
    return reader


def find(text: str, published: date | None = None) -> Findings:
    """The items in a report's plain text, in order; [] when it has none (see the module docstring)."""
    reader = read(text)
    issued = issued_on(text)
    dropped = repeats(reader.items)
    for index in dropped:
        reader.items[index].because += "; left out: a later item gives it again in full"
    kept = [(index, item) for index, item in enumerate(reader.items)
            if index not in dropped and tidy(item.lead.text).strip(" .:;")]
    result, closed = Findings(), []
    index_of: dict[int, int] = {}
    for old, item in kept:
        found = finish(item, issued[0] if issued else published)
        phrase = deadline_in(found.quote) if issued else None
        if phrase is not None and phrase.kind == "span" and found.deadline == "by-date":
            found.because += f" (counted from {issued[0].isoformat()}: '{issued[1]}')"
        if found.closed:
            closed.append(found)
            continue
        index_of[old] = len(result)
        result.append(found)
    for found in result:
        found.parent = index_of.get(found.parent) if found.parent is not None else None
    result.closed = closed
    result.decisions = reader.decisions
    for decision in reader.decisions:
        decision.item = index_of.get(decision.item) if decision.item is not None else None
    return result
