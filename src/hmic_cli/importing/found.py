"""What item finding produces: each item found (`Found`) with the rule that took it, the reason for its
type, deadline and parent (`because`) and a confidence, and each block's decision (`Decision`) for
`hmic import --explain`; and how a candidate becomes an item (`finish`) and how repeats go (`repeats`).

Confidence is `high` when the item's type comes from a heading, a label, a table column or a lead-in
naming its kind, and its words read as a direction (or it sits in a list under such a heading); it is
`check` when the item was taken with no heading or label saying what it is (a bare direction, a plain
imperative with no modal, the sentences before a frame), or when a cause of concern's recommendations
were tied to it by position alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hmic_cli.importing.blocks import Block
from hmic_cli.importing.deadlines import Deadline, deadline_in
from hmic_cli.importing.tidy import fragment, strip_numbering, tidy

HIGH, CHECK = "high", "check"


@dataclass
class Found:
    """One item found in a report (see `finding`'s docstring for how each field is decided)."""

    type: str  # "recommendation" | "area-for-improvement" | "cause-of-concern" | "accelerated-cause-of-concern"
    text: str  # tidied
    quote: str  # as written, list marker removed
    deadline: str  # "immediate" | "three-months" | "six-months" | "twelve-months" | "by-date" | "none"
    due: date | None
    parent: int | None  # index in the returned list of the cause of concern it answers
    line: int  # 1-based line in the text where it starts
    closed: bool = False  # the text says it is closed (a revisit letter)
    rule: str = ""  # the rule that took it ("under-heading", "inline-label", ...)
    because: str = ""  # why it was taken, and what gave its type, deadline and parent, in words
    confidence: str = HIGH  # "high" | "check"
    priority: str | None = None  # the issuer's own priority label ("High", "Priority concern"), when it gives one


@dataclass
class Candidate:
    """An item while the text is read."""

    type: str
    lead: Block
    parent: int | None
    inherited: Deadline | None  # from the lead-in, section or table row
    parts: list[Block] = field(default_factory=list)  # list items inside a whole-recommendation lead-in
    closed: bool = False
    frame: str = ""  # the lead-in that opens its text ("The service should make sure")
    rule: str = ""
    because: str = ""
    confidence: str = HIGH
    priority: str | None = None
    deadline_from: str = ""  # where an inherited deadline comes from ("the lead-in 'By May 2025, ...'")
    in_summary: bool = False  # found under a summary's heading ("Summary of recommendations")


@dataclass
class Decision:
    """What the reader did with one block, for --explain: `item` is the candidate's index when it took one."""

    block: Block
    decision: str  # "item" | "heading" | "lead-in" | "not taken" | "part of item" | "closing"
    reason: str
    item: int | None = None


class Findings(list):
    """The open items found (a list of Found), with `closed`: those the text says are closed, and
    `decisions`: each block's decision (see `Decision`)."""

    closed: list[Found]
    decisions: list[Decision]


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def finish(item: Candidate, published: date | None) -> Found:
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
    because = item.because
    if own:
        because += f"; deadline from its own words '{own.phrase}'"
    elif chosen is not None and item.deadline_from:
        because += f"; deadline from {item.deadline_from}"
    return Found(item.type, text, quote, deadline, due, item.parent, lead.line, item.closed, item.rule, because,
                 item.confidence, item.priority)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def repeats(items: list[Candidate]) -> set[int]:
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


_PLAIN = {"the", "a", "an", "its", "their", "his", "her", "our", "of", "to", "and", "or", "for", "in", "on", "at",
          "it", "that", "this", "these", "all", "be", "by", "with", "should", "must", "force", "forces", "service",
          "services", "constabulary", "we", "recommend", "recommends", "recommendation", "within", "months",
          "immediately"}
_RESTATED_LIMIT = 200_000  # summary items x later items compared; past it a summary is left as found


def restated(items: list[Candidate]) -> set[int]:
    """Items of a summary's list ("Summary of recommendations") that a later item of the same type, outside the
    summary, gives again in other words: every distinctive word of the summary's item (three or more) is in it.
    The summary's item goes; the later one, with its deadline and detail, stays."""
    summary = [i for i, item in enumerate(items) if item.in_summary]
    later = [i for i, item in enumerate(items) if not item.in_summary]
    if not summary or len(summary) * len(later) > _RESTATED_LIMIT:
        return set()
    words = {i: set(_words(strip_numbering(items[i].lead.text))) for i in later}
    dropped: set[int] = set()
    for i in summary:
        own = set(_words(strip_numbering(items[i].lead.text))) - _PLAIN
        if len(own) >= 3 and any(j > i and items[j].type == items[i].type and own <= words[j] for j in later):
            dropped.add(i)
    return dropped
