"""Values in a force's tracker as people write them: statuses, types and RAG ratings in words, dates as
real cells, Excel serial numbers or text. Each reader returns the value or raises `Unreadable`
saying what it could not read and what it accepts (the caller names the cell)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from hmic_cli.dates import parse_day
from hmic_cli.vocabulary import Rag, RecType, Status


class Unreadable(ValueError):
    """A cell's value that cannot be read as its column's kind."""


def words(value: object) -> str:
    """A cell's text folded for comparing: lower case, punctuation and dashes as spaces, spaces collapsed."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(value).lower()).split())


def text(value: object) -> str | None:
    """A cell as text (numbers without a stray `.0`), None when blank."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    shown = str(value).strip()
    return shown or None


_STATUS_WORDS = {
    Status.complete: ("complete", "completed", "closed", "discharged", "done", "achieved", "met", "implemented",
                      "signed off", "closed complete", "fully met", "delivered"),
    Status.in_progress: ("in progress", "on track", "ongoing", "started", "underway", "under way", "in hand",
                         "progressing", "partially met", "partially complete", "off track", "behind", "delayed",
                         "at risk", "work in progress", "wip"),
    Status.open: ("not started", "open", "new", "outstanding", "not yet started", "to do", "todo", "not met"),
    Status.awaiting_sign_off: ("pending sign off", "pending signoff", "proposed for closure", "awaiting sign off",
                               "awaiting signoff", "awaiting closure", "for closure", "recommended for closure",
                               "submitted for closure", "pending closure", "awaiting approval", "ready for closure",
                               "proposed closed", "proposed complete"),
    Status.superseded: ("superseded", "no further action", "nfa", "not applicable", "n a", "withdrawn", "replaced",
                        "no longer applicable", "closed superseded"),
}
STATUSES = {w: status for status, names in _STATUS_WORDS.items() for w in names} | {
    words(s.value): s for s in Status}
STATUS_HELP = ("Complete/Completed/Closed/Discharged, In progress/On track/Ongoing, Not started/Open, "
               "Pending sign off/Proposed for closure, Superseded/No further action/Not applicable")


def status(value: object) -> Status | None:
    """A status in words (`Completed`, `On track`, `Proposed for closure`, ...); None when blank."""
    shown = text(value)
    if shown is None:
        return None
    found = STATUSES.get(words(shown))
    if found is None:
        raise Unreadable(f"status {shown!r} is not one hmic knows: use {STATUS_HELP}")
    return found


_TYPES = {
    RecType.recommendation: ("recommendation", "rec", "r", "recommendations"),
    RecType.area_for_improvement: ("area for improvement", "areas for improvement", "afi", "afis",
                                   "area for improvement afi", "improvement"),
    RecType.cause_of_concern: ("cause of concern", "causes of concern", "coc", "concern"),
    RecType.accelerated_cause_of_concern: ("accelerated cause of concern", "accelerated causes of concern", "acoc"),
}
TYPES = {w: t for t, names in _TYPES.items() for w in names}


def rec_type(value: object) -> RecType | None:
    shown = text(value)
    if shown is None:
        return None
    found = TYPES.get(words(shown))
    if found is None:
        raise Unreadable(f"type {shown!r} is not one hmic knows: use Recommendation, Area for improvement (AFI) "
                         "or Cause of concern")
    return found


RAGS = {"red": Rag.red, "r": Rag.red, "amber": Rag.amber, "a": Rag.amber, "green": Rag.green, "g": Rag.green,
        "blue": Rag.closed, "b": Rag.closed, "closed": Rag.closed, "complete": Rag.closed,
        "completed": Rag.closed, "grey": Rag.closed, "gray": Rag.closed}


def rag(value: object) -> Rag | None:
    shown = text(value)
    if shown is None:
        return None
    found = RAGS.get(words(shown))
    if found is None:
        raise Unreadable(f"RAG {shown!r} is not one hmic knows: use Red, Amber, Green or Blue (closed)")
    return found


# What trackers put in a date column for "no date": a blank cell means the same.
NO_DATE = frozenset({"tbc", "tba", "n a", "na", "none", "not set", "no date", "not applicable", "nil"})
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug makes the epoch the 30th)
LAST_SERIAL = 2958465  # 9999-12-31
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")


def day(value: object, today: date | None = None) -> date | None:
    """A date cell: a real date, an Excel serial number (a number in a date column, or its digits in a
    CSV), or text as people type it (`31/03/2025`, `31 March 2025`, `March 2025` = the month's last
    day; numeric dates day first). Blank, `TBC`, `N/A`: None (no due date)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value)
    shown = str(value).strip()
    if not shown or words(shown) in NO_DATE or shown in ("-", "—", "–"):
        return None
    if _SERIAL.fullmatch(shown):
        return _serial(float(shown))
    return _typed_day(shown, today)


@lru_cache(maxsize=4096)  # a tracker's dates repeat: each distinct text is read once
def _typed_day(shown: str, today: date | None) -> date:
    try:
        return parse_day(shown, today, month_end_ok=True)
    except ValueError as exc:
        raise Unreadable(f"{exc} (a month alone, March 2025, is its last day; blank or TBC: no date)") from None


def _serial(number: float) -> date:
    """An Excel serial date; a fraction is a time of day on it (the day is what counts)."""
    if not 1 <= number < LAST_SERIAL + 1:
        raise Unreadable(f"{number!r} is not a date (as an Excel date serial it is out of range)")
    return EXCEL_EPOCH + timedelta(days=int(number))
