"""Finding the recommendations, areas for improvement and causes of concern in a report's text.

How a report is read (blocks come from `blocks`; phrases from `patterns`, `phrases`, `deadlines`):

* Known headings set the type of what follows: "Recommendations", "Areas for improvement" (or
  "for development"), "Causes of concern" or "for concern" (and labels such as "Recommendation 3");
  any other heading ends the section, except a sub-heading: numbered deeper ("5.1 Custody" under
  "5 Recommendations", see `outline`), or a topic heading after which the section's list goes on
  (its next number, or its first direction when the heading had nothing under it yet). Status
  lines ("2 of 6 implemented", "Completed") are neither headings nor items. In a cause-of-concern
  section the first paragraph (or each list item) is a cause of concern, unless it is a direction
  ("The service should make sure ...": a recommendation, marked check); the recommendations after
  it get `parent` set to it. "To address this cause of concern ..." ties a lead-in to the last
  cause found.
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
  (`phrases.actor_directs`: "Police Scotland should review ..."). A sentence in which the
  inspectorate recommends ("We recommend that ...") inside a paragraph of findings is an item of
  that sentence alone (see `sentences`).
* Tables (see `tables`): a cell in a column headed by a kind of item is an item of that type, with
  its row's deadline cell; a row's cause of concern is the parent of its recommendations.
* A closing statement (`phrases.closes`) marks the items found since the last one closed: they are
  returned apart (`Findings.closed`), not as open items. An item a later item of the same type
  gives again, whole or at greater length (a summary's list), is dropped; so is an item under a
  summary's heading ("Summary of recommendations") that a later item gives in other words
  (`found.restated`).
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
from hmic_cli.importing.deadlines import Deadline, date_cell, deadline_in
from hmic_cli.importing.found import CHECK, Candidate, Decision, Findings, Found, finish, repeats, restated, short
from hmic_cli.importing.lead_reading import CAUSES, PLURAL, REC, WORDS, LeadReading
from hmic_cli.importing.leads import LeadIn
from hmic_cli.importing.outline import chapter, depth, judgement_heading, status_line
from hmic_cli.importing.patterns import heading, item_type, terminal, word_count
from hmic_cli.importing.phrases import (
    actor_directs,
    directive,
    modal_in,
)
from hmic_cli.importing.reading_rules import closes_ahead, issued_on, not_an_item
from hmic_cli.importing.sentences import recommending
from hmic_cli.importing.tidy import strip_numbering, tidy

__all__ = ["Found", "Findings", "find"]

_RECOMMENDS = re.compile(r"\brecommends?\s+that\b", re.I)
_LABEL = re.compile(r"^(?P<kind>recommendation|area\s+for\s+(?:improvement|development)|cause\s+(?:of|for)\s+concern"
                    r"|afi)\s+\d{1,3}\b", re.I)
_SHOULD = re.compile(r"^[^.;:]*?\b(?:should|must)\b", re.I)  # a recommendation's modal ("needs to" also states a cause)
_SUMMARY = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:summary|list)\s+of\b", re.I)


class _Reader(LeadReading):
    def __init__(self, has_headings: bool, levels: dict[int, int] | None = None) -> None:
        self.levels = levels or {}  # a heading's line: its level, where the source says (Markdown "##")
        self.items: list[Candidate] = []
        self.decisions: list[Decision] = []
        self.section: str | None = None
        self.section_text = ""
        self.section_priority: str | None = None
        self.concern_priority: str | None = None  # "priority concern" / "key concern" until another heading
        self.section_deadline: Deadline | None = None
        self.section_depth = 0  # the numbered depth of the section's heading ("4 Recommendations": 1)
        self.chapter: int | None = None  # the section heading's chapter number ("2. Recommendations": 2)
        self.next_number: int | None = None  # the number the section's numbered list would give its next item
        self.suspended: tuple | None = None  # a section a topic heading interrupted, kept for a list that goes on
        self.section_first = 0  # the index the section's first item would have
        self.judgements = ""  # the heading of the inspector's summary of judgements the reader is under, if any
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
        number = _number(block.marker) if block.kind == "bullet" and self.section else None
        self.next_number = number + 1 if number is not None else None
        item.in_summary = bool(self.section and _SUMMARY.match(self.section_text.strip()))
        self.items.append(item)
        self.decide(block, "item", f"{WORDS[kind]} ({rule}): {because}", len(self.items) - 1)
        if kind in CAUSES:
            self.parent = len(self.items) - 1
            self.awaiting_cause = False
        return item

    def on_heading(self, block: Block) -> None:
        known = heading(block.text)
        level = self.levels.get(block.line) or depth(block.raw[0] if block.raw else block.text)
        if known is None and self.section and 0 < self.section_depth < level:
            self.decide(block, "heading", f"a sub-heading (numbered deeper than '{short(self.section_text)}'): "
                        "the section carries on")
            return
        if known is None:  # a lead-in naming a kind of item carries on under subheadings
            self.leads = [lead for lead in self.leads if lead.mode == "each" and lead.indent < 0 and lead.named]
            if self.section:
                self.decide(block, "heading", f"another heading: ends the section under '{short(self.section_text)}'"
                            + (f" unless item {self.next_number} of its list comes next" if self.next_number else
                               " unless a direction comes next" if len(self.items) == self.section_first else ""))
                if self.next_number or len(self.items) == self.section_first:
                    self.suspended = (self.section, self.section_text, self.section_deadline, self.parent,
                                      self.section_priority, self.concern_priority, self.section_depth, self.chapter)
            else:
                self.decide(block, "heading", "a heading naming no kind of item")
            self.section, self.section_deadline, self.parent, self.awaiting_cause = None, None, None, False
            self.chapter = None
            self.judgements = block.text if judgement_heading(block.text) else ""
            self.section_priority = self.concern_priority = None
            return
        self.leads.clear()
        self.suspended = self.next_number = None
        self.section_first = len(self.items)
        self.judgements = ""
        if known.type != REC or (known.number is None and len(self.items) - 1 != self.parent):
            self.parent = None  # a plain "Recommendations" heading keeps only a cause with nothing under it yet
        self.section, self.section_text, self.section_priority = known.type, block.text, known.priority
        number = chapter(block.raw[0] if block.raw else block.text)
        # "Recommendation 1" under "2. Recommendations" opens a section inside the same chapter
        self.section_depth, self.chapter = level, number if number is not None or level else self.chapter
        if known.priority:
            self.concern_priority = known.priority
        elif known.type in CAUSES and known.text.lower() != "concern":
            self.concern_priority = None
        self.section_deadline = deadline_in(block.text)
        self.awaiting_cause = known.type in CAUSES
        self.decide(block, "heading", f"opens a section of {PLURAL[known.type]}"
                    + (f" ('{known.priority}')" if known.priority else ""))

    def continues(self, block: Block) -> bool:
        """After a topic heading inside a section of items: the block goes on with the section's list: a direction
        numbered next in its numbered list or, when the section has no item yet, a first item that directs."""
        if block.kind == "bullet":
            wanted = (self.next_number,) if self.next_number is not None else (None, 1)
            return _number(block.marker) in wanted and directive(block.text)
        return self.next_number is None and block.kind == "para" and actor_directs(block.text)

    def cell(self, block: Block) -> None:
        if not tidy(block.text).strip(" .:;") or heading(block.text) is not None:
            self.decide(block, "not taken", "an empty cell or a heading cell")
            return
        when = block.deadline_text if block.type not in CAUSES else ""
        inherited = (deadline_in(when) or date_cell(when)) if when else None
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
        if self.suspended is not None:
            if self.continues(block):  # a topic sub-heading inside the list
                (self.section, self.section_text, self.section_deadline, self.parent, self.section_priority,
                 self.concern_priority, self.section_depth, self.chapter) = self.suspended
            self.suspended = None
        while self.leads and not self.covered(self.leads[-1], block):
            self.leads.pop()
        if self.leads:
            self.under_lead(self.leads[-1], block)
            return
        if block.kind == "cell" and block.type:
            self.cell(block)
            return
        if self.next_chapter(block):
            self.on_heading(replace(block, kind="heading"))
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
        elif self.judgements and self.section is None and not self.alone(block, bare=False):
            self.decide(block, "not taken", f"in the inspector's summary of judgements ('{short(self.judgements)}'): "
                        "a judgement, not an item")
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
        elif self.section in CAUSES and self.awaiting_cause and actor_directs(block.text) and _SHOULD.match(block.text):
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

    def next_chapter(self, block: Block) -> bool:
        """'3. Next steps' in a section that '2. Recommendations' opened: the next chapter's title, not an item."""
        text = block.text
        return (block.kind == "bullet" and self.section is not None and self.chapter is not None
                and block.indent == 0 and _number(block.marker) == self.chapter + 1 and not terminal(text)
                and word_count(text) <= 8 and not text[:1].islower() and not directive(text)
                and not actor_directs(text) and not modal_in(text))

    def alone(self, block: Block, bare: bool = True) -> bool:
        """A paragraph (or cell) that reads as a recommendation where it is (see the module docstring); with
        `bare` False, not by naming who is to act alone."""
        if phrases.quoted(block.text, block.kind != "bullet"):
            return False
        if bare and not self.has_headings and actor_directs(block.text):
            return True
        if block.kind == "bullet" or not modal_in(block.text):
            return False
        body = strip_numbering(block.text)
        opening = deadline_in(body)
        return bool(_RECOMMENDS.search(body) or (opening and opening.start <= 1))


def _number(marker: str) -> int | None:
    digits = marker.strip("().")
    return int(digits) if digits.isdigit() else None


def read(text: str, levels: dict[int, int] | None = None) -> _Reader:
    """The reader after reading `text` (its headings' `levels` by line, when the source gives them): its
    candidates and each block's decision."""
    parsed = blocks(text)
    has_headings = any(b.kind == "heading" and heading(b.text) is not None for b in parsed)
    reader = _Reader(has_headings, levels)
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


def find(text: str, published: date | None = None, levels: dict[int, int] | None = None) -> Findings:
    """The items in a report's plain text, in order; [] when it has none (see the module docstring). `levels`:
    the headings' levels by line where the source has them (a Markdown file's "##")."""
    reader = read(text, levels)
    issued = issued_on(text)
    dropped = repeats(reader.items)
    for index in dropped:
        reader.items[index].because += "; left out: a later item gives it again in full"
    for index in restated(reader.items) - dropped:
        reader.items[index].because += "; left out: a summary's item that a later item gives again in other words"
        dropped.add(index)
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
