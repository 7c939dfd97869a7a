"""The board paper's words: statuses, item types and dates as a board reads them, never the data's codes.

"in progress", "area for improvement", "3 March 2025": the JSON and CSV keep the codes
("in-progress", "area-for-improvement", "2025-03-03"); everything a person reads says these.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from hmic_cli.vocabulary import DEADLINE_WORDS, STATUS_WORDS, TYPE_WORDS, RecType, Status

__all__ = ["DEADLINE_WORDS", "STATUS_WORDS", "TYPE_WORDS"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# The notes hmic writes itself (an import, `add` without --note, an edit): never an owner's progress.
SYSTEM_NOTE = re.compile(r"\s*(Imported from |Added to the tracker\.|Made in the report|From the report\.|"
                         r"(Owner|Parent|Type|Deadline|Due date|Waiver) (set|cleared|changed|revised)|Owner cleared|"
                         r"Text edited\.|Themes? (added|removed))", re.IGNORECASE)


@lru_cache(maxsize=8192)  # a paper repeats a few hundred days many thousand times
def long_date(day: date | None, empty: str = "none") -> str:
    """'3 March 2025': a date as people write it in a paper."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else empty


def status_word(status: Status) -> str:
    return STATUS_WORDS[status]


def type_word(kind: RecType) -> str:
    return TYPE_WORDS[kind][0]


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """'1 cause of concern', '14 areas for improvement'."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


_FIRST_WORD_PLURAL = (" of ", " for ")  # "matter of concern" -> "matters of concern"


def plural(words: str) -> str:
    """An issuer's item word for many: 'matters of concern', 'areas for development', 'findings'."""
    for joint in _FIRST_WORD_PLURAL:
        if joint in words:
            head, tail = words.split(joint, 1)
            return f"{plural(head)}{joint}{tail}"
    if words.endswith(("s", "x", "ch", "sh")):
        return words + "es"
    return words + "s"


def type_count(n: int, kind: RecType, issuer=None) -> str:
    """'14 areas for improvement'; in `issuer`'s own words when it has them ('2 matters of concern')."""
    if issuer is not None and kind.value in issuer.types:
        one = issuer.types[kind.value]
        return counted(n, one, plural(one))
    one, many = TYPE_WORDS[kind]
    return counted(n, one, many)


def joined(parts: list[str]) -> str:
    """'a, b and c'."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def is_system_note(note: str | None) -> bool:
    return not note or bool(SYSTEM_NOTE.match(note))


def progress_label(key: str, label: str, heading: str) -> str:
    """A progress row's label in words: a deadline class as people say it; untriaged as 'no theme yet'."""
    if heading == "Deadline":
        return DEADLINE_WORDS.get(key, label)
    if heading == "Theme" and key == "untriaged":
        return "No theme yet"
    return label


def short_text(value: str, limit: int = 160) -> str:
    """The first `limit` characters of an item's text, cut at a word, on one line."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rsplit(" ", 1)[0] + "…"
