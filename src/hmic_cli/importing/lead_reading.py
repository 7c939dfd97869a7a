"""Reading a lead-in and the list under it (see `finding`'s docstring for the rules): a mixin of the reader,
which supplies `add`, `decide`, `alone` and the reader's state (`items`, `leads`, `section`, `parent`, ...).
The kinds of item and their words are here too, shared by the reader."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from hmic_cli.importing import phrases
from hmic_cli.importing.blocks import Block
from hmic_cli.importing.deadlines import Deadline, deadline_in
from hmic_cli.importing.found import short
from hmic_cli.importing.leads import THIS_CAUSE, LeadIn, family, lead_type
from hmic_cli.importing.phrases import (
    KINDS_MENTIONED,
    directive,
    elaborates,
    is_frame,
    last_sentence,
    modal_in,
    names_items,
)
from hmic_cli.importing.reading_rules import past_lead_in
from hmic_cli.vocabulary import TYPE_WORDS, RecType

if TYPE_CHECKING:
    from hmic_cli.importing.found import Candidate

REC, AFI, COC, ACC = "recommendation", "area-for-improvement", "cause-of-concern", "accelerated-cause-of-concern"
CAUSES = (COC, ACC)
WORDS = {REC: "a recommendation", AFI: "an area for improvement", COC: "a cause of concern",
         ACC: "an accelerated cause of concern"}
PLURAL = {kind: TYPE_WORDS[RecType(kind)][1] for kind in (REC, AFI, COC, ACC)}  # vocabulary's words

CLAUSE_FRAME = re.compile(r"\b(?:make\s+sure|ensure|see\s+to\s+it)(?:\s+that)?\s*:?\s*$", re.I)
RUN_TOGETHER = re.compile(r";\s*(?:(?:and|or)\s*)?(?=[a-z])")


class LeadReading:
    """The reader's methods for lead-ins and their lists."""

    items: list[Candidate]
    leads: list[LeadIn]
    section: str | None
    section_text: str
    parent: int | None
    closed_ahead: bool

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
        pieces = RUN_TOGETHER.split(block.text) if block.kind == "para" else [block.text]
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
        if lead.frame and CLAUSE_FRAME.search(lead.frame) and not directive(block.text):
            item.frame = lead.frame
