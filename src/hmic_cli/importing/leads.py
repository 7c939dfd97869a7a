"""A lead-in while a report is read: a sentence ending in ":" that opens a list (see `finding`), the
family of its list's markers, and the type of item it names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hmic_cli.importing.deadlines import Deadline
from hmic_cli.importing.found import Candidate

REC, AFI, COC = "recommendation", "area-for-improvement", "cause-of-concern"
THIS_CAUSE = re.compile(r"\b(?:this|the\s+above)\s+cause\s+(?:of|for)\s+concern\b", re.I)


@dataclass
class LeadIn:
    mode: str  # "each" | "inside" | "examples" (a list that is not items)
    indent: int  # -1 for a paragraph lead-in: every list item after it is under it
    type: str = REC
    deadline: Deadline | None = None
    parent: int | None = None
    item: Candidate | None = None
    family: str | None = None  # the marker family of its list ("glyph", "number", "letter", "roman")
    first_indent: int = 0  # the indent of its list's first item
    named: bool = False  # it names a kind of item ("The report detailed 5 areas for development:")
    frame: str = ""  # who and a modal ("The service should make sure:"), to open items that are not directions
    text: str = ""  # its words, for reasons
    closed: bool = False  # it quotes items a closing statement before it closed ("We identified ...:")


def family(marker: str) -> str:
    core = marker.strip("()").rstrip(".)")
    if not core or not core[0].isalnum():
        return "glyph"
    if core.isdigit():
        return "number"
    if re.fullmatch(r"[ivx]+", core):
        return "roman"
    return "letter" if core.islower() else "upper"


def lead_type(text: str, default: str) -> str:
    if re.search(r"\bareas?\s+for\s+(?:improvement|development)\b", text, re.I):
        return AFI
    if re.search(r"\brecommend", text, re.I):
        return REC
    if re.search(r"\bcauses?\s+(?:of|for)\s+concern\b", text, re.I) and not THIS_CAUSE.search(text):
        return COC
    return default
