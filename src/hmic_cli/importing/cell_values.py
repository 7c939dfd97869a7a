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
    folded = words(shown)
    found = STATUSES.get(folded)
    if found is None and _AWAITING.search(folded):
        found = Status.awaiting_sign_off  # "Complete - awaiting sign off": done, not yet signed off
    if found is None:
        raise Unreadable(f"status {shown!r} is not one hmic knows: use {STATUS_HELP}")
    return found


# A status that names sign-off (or closure, approval) still to come, however it is worded around that:
# "Complete - awaiting sign off", "Completed (pending sign-off)", "Closed, awaiting approval".
_AWAITING = re.compile(r"\b(?:awaiting|pending|for|submitted for|proposed for|ready for|recommended for)\s+"
                       r"(?:sign\s?off|signoff|closure|approval|discharge)\b")


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
# Excel's 1900 date system: serial 1 is 1 January 1900 and 60 is 29 February 1900, a day that never was
# (Lotus 1-2-3's leap-year bug, kept by Excel), so from 61 (1 March 1900) on the count runs from 30 December
# 1899. The 1904 system (old Excel for Mac; a workbook says which it uses) counts from 1 January 1904 = 0.
EXCEL_EPOCH = date(1899, 12, 30)
EPOCH_1904 = date(1904, 1, 1)
LEAP_BUG = 60
LAST_SERIAL = 2958465  # 9999-12-31 in the 1900 system
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")


def day(value: object, today: date | None = None, date1904: bool = False) -> date | None:
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
        return excel_day(value, date1904)
    shown = str(value).strip()
    if not shown or words(shown) in NO_DATE or shown in ("-", "—", "–"):
        return None
    if _SERIAL.fullmatch(shown):
        return excel_day(float(shown), date1904)
    return _typed_day(shown, today)


@lru_cache(maxsize=4096)  # a tracker's dates repeat: each distinct text is read once
def _typed_day(shown: str, today: date | None) -> date:
    try:
        return parse_day(shown, today, month_end_ok=True)
    except ValueError as exc:
        raise Unreadable(f"{exc} (a month alone, March 2025, is its last day; blank or TBC: no date)") from None


def excel_day(number: float, date1904: bool = False) -> date:
    """An Excel serial date as Excel shows it (a fraction is a time of day on it: the day is what counts)."""
    last = LAST_SERIAL - (EPOCH_1904 - EXCEL_EPOCH).days if date1904 else LAST_SERIAL
    if not (0 if date1904 else 1) <= number < last + 1:
        raise Unreadable(f"{number!r} is not a date (as an Excel date serial it is out of range)")
    whole = int(number)
    if date1904:
        return EPOCH_1904 + timedelta(days=whole)
    if whole == LEAP_BUG:
        raise Unreadable("60 is Excel's 29 February 1900, a day that never was: give the date as text")
    return EXCEL_EPOCH + timedelta(days=whole + (1 if whole < LEAP_BUG else 0))
