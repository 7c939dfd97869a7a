"""Calendar arithmetic for deadlines and parsing of dates as people type them.

`parse_day` is the one parser of a day given by a person: every date option (through
`cli.options.day`) and every date cell of an imported spreadsheet. Numeric dates are always read
day first, as in the UK (`07/08/2014` is 7 August 2014); nothing is guessed: a date without a year,
or (unless the caller asks for the month's end) without a day, is refused rather than completed.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

# Months after the report's publication that each deadline class gives (`by-date` and `none` give none).
MONTHS_AFTER = {
    "immediate": 0,
    "three-months": 3,
    "six-months": 6,
    "twelve-months": 12,
}

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")  # day first: 31/07/2014, 31.7.14
_YEAR_FIRST = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")  # 2014/07/31 (a year first is never ambiguous)
_DURATION = re.compile(r"(\d{1,5})\s*([dwmy])", re.IGNORECASE)
_OFFSET = re.compile(r"([+-])\s*(\d{1,5})\s*([dwmy])", re.IGNORECASE)
_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}
_MONTHS = {name: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
    ("december", "dec")), start=1) for name in names}
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\b[,.]?\s*",
                      re.IGNORECASE)
_WORD_TOKENS = re.compile(r"(\d{1,4})(?:st|nd|rd|th)?|([a-z]+)", re.IGNORECASE)
FORMS = "2014-07-31, 31/07/2014, 31 July 2014, today, yesterday, or an offset such as +30d or -2w"


@lru_cache(maxsize=4096)
def add_months(start: date, months: int) -> date:
    """`start` plus calendar months, clamping to the month's end (31 Aug + 6 = 28 Feb).

    Cached: every item of a report shares its publication date, so a few hundred distinct calls
    serve 100,000 items; without the cache `list --format json` at 100,000 records takes 1.12x
    as long (relativedelta is slow).
    """
    return start + relativedelta(months=months)


def due_on(due: date | None, deadline: str, published: date | None) -> date | None:
    """The one due-date rule (`list`, `check` and the record guard): `due` when given, else the report's
    publication plus the deadline's calendar months (None for `none`, or with no publication date)."""
    if due is not None:
        return due
    months = MONTHS_AFTER.get(deadline)
    return None if months is None or published is None else add_months(published, months)


def month_end(year: int, month: int) -> date:
    return date(year, month, 1) + relativedelta(day=31)


class Duration(NamedTuple):
    """A span as the user wrote it (`30d`, shown back in JSON) and as calendar arithmetic."""

    text: str
    delta: relativedelta

    def __str__(self) -> str:
        return self.text


def duration(value: str) -> Duration:
    """`value` read once into a `Duration` (ValueError when it is not one)."""
    return Duration(value, parse_duration(value))


def parse_duration(value: str) -> relativedelta:
    """`30d`, `6w`, `3m`, `1y` (a bare number is days)."""
    text = value.strip()
    if text.isdecimal() and len(text) <= 5:
        text += "d"
    match = _DURATION.fullmatch(text)
    if not match:
        raise ValueError(f"{value!r} is not a duration: use a number and a unit, e.g. 30d, 6w, 3m or 1y")
    return relativedelta(**{_UNITS[match.group(2).lower()]: int(match.group(1))})


class DateError(ValueError):
    """A value that is not a day: the message says why and which forms are read."""


def parse_day(value: str, today: date | None = None, *, month_end_ok: bool = False) -> date:
    """A day as people type it: ISO 8601 (`2014-07-31`), day first (`31/07/2014`, `31.7.14`: numeric
    dates are never read month first), with the month in words (`31 July 2014`, `31 Jul 2014`,
    `Thursday 31st July 2014`, `July 31, 2014`), `today`, `yesterday`, `tomorrow`, or an offset from
    today (`+30d`, `-2w`, `+3m`, `+1y`). With `month_end_ok`, `March 2025` is the month's last day
    (as trackers and reports mean it); otherwise a date without its day is refused. A two-digit
    year is 20YY. Raises `DateError` (a ValueError) saying what is wrong."""
    text = " ".join(str(value).split())
    today = today or date.today()
    word = text.lower()
    try:
        if word in ("today", "yesterday", "tomorrow"):
            return today + relativedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[word])
        if offset := _OFFSET.fullmatch(text):
            sign, amount, unit = offset.groups()
            step = relativedelta(**{_UNITS[unit.lower()]: int(amount)})
            return today + step if sign == "+" else today - step
        if m := _ISO_DAY.fullmatch(text):
            return _day(value, int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _YEAR_FIRST.fullmatch(text):
            return _day(value, int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _NUMERIC.fullmatch(text):
            year = int(m.group(4)) + (2000 if len(m.group(4)) == 2 else 0)
            return _day(value, year, int(m.group(3)), int(m.group(1)))
        return _in_words(value, text, month_end_ok)
    except OverflowError:
        raise DateError(f"{value!r} is out of range") from None


def _day(value: str, year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise DateError(f"{value!r} is not a date: there is no month {month} (numeric dates are read day first, "
                        "as 31/07/2014)")
    try:
        return date(year, month, day)
    except ValueError:
        name = date(2000, month, 1).strftime("%B")
        raise DateError(f"{value!r} is not a date: {name} {year} has no day {day}") from None


def _in_words(value: str, text: str, month_end_ok: bool) -> date:
    """`31 July 2014`, `July 31, 2014`, `31-Jul-14` (Excel's d-mmm-yy), `March 2025`."""
    rest = _WEEKDAY.sub("", text.replace(",", " ").replace("-", " ").strip())
    tokens = _WORD_TOKENS.findall(rest)
    if "".join(n + w for n, w in tokens).lower() != re.sub(r"(?<=\d)(st|nd|rd|th)\b|[\s.]", "", rest.lower()):
        raise DateError(f"{value!r} is not a date: use {FORMS}")
    numbers = [n for n, w in tokens if n]
    words = [w.lower() for n, w in tokens if w]
    if len(words) != 1 or words[0] not in _MONTHS or not 1 <= len(numbers) <= 2:
        raise DateError(f"{value!r} is not a date: use {FORMS}")
    month = _MONTHS[words[0]]
    if len(numbers) == 1:
        if len(numbers[0]) != 4:
            raise DateError(f"{value!r} has no year: give the year too, e.g. {numbers[0]} {words[0].title()} "
                            f"{date.today().year}")
        if not month_end_ok:
            raise DateError(f"{value!r} has no day: give the day too, e.g. 1 or "
                            f"{month_end(int(numbers[0]), month).day} {words[0].title()} {numbers[0]}")
        return month_end(int(numbers[0]), month)
    day_text, year_text = numbers  # `31 July 2014` and `July 31, 2014` alike: the day comes before the year
    if len(day_text) > 2 or len(year_text) not in (2, 4):
        raise DateError(f"{value!r} is not a date: use {FORMS}")
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    return _day(value, year, month, int(day_text))
