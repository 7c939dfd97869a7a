"""Deadline wording in a recommendation, and the deadline class and due date it gives.

Rules (the earliest phrase in the text wins):

* immediate: "with immediate effect", "immediately" opening a clause ("Immediately the force
  should", "..., immediately,", "that immediately") or after a modal ("should immediately",
  "must immediately", "to immediately"), "immediately:" and "immediate recommendations/action";
* "within / in / over the next N months|weeks|days|years" (N in digits or words, "a"/"one"):
  3, 6 and 12 months (or one year) are three-months, six-months and twelve-months; any other span
  is by-date, due that long after the publication date, which must then be known;
* "by / not later than / no later than [the end of] [31] March 2015" (or "by 31/03/2015", day
  first) is by-date, due on that day or on the last day of the month; "by the end of 2015" is due
  on 31 December 2015;
* in a table's deadline column, a cell that is only a date ("31 March 2025", "30/06/2025") is
  by-date too, and a cell that is only a span ("6 months", "28 days") is that span from publication,
  as "within 6 months" (`date_cell`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from hmic_cli.dates import add_months
from hmic_cli.errors import UsageError

CLASSES = {3: "three-months", 6: "six-months", 12: "twelve-months"}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
           "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20, "twenty-four": 24, "twenty four": 24,
           "thirty": 30, "thirty-six": 36}
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(sorted((re.escape(w) for w in NUMBERS), key=len, reverse=True)) + ")"
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_IMMEDIATE = re.compile(
    r"\bwith\s+immediate\s+effect\b|\bimmediate\s+(?:recommendations?|actions?)\b"
    r"|(?:^|(?<=[,;:(])|(?<=\bthat)|(?<=\band)|(?<=\bshould)|(?<=\bmust)|(?<=\bto)|(?<=\balso))"
    r"\s*immediately\b|\bimmediately\s*:",
    re.I,
)
_SPAN = re.compile(
    rf"\b(?<!last\s)(?<!past\s)(?:within|in|over)\s+(?:the\s+(?:next|coming)\s+)?{_NUMBER}\s+"
    r"(?P<unit>day|week|month|year)s?\b(?!\s+ago)(?!\s+(?:since|before|earlier))",
    re.I,
)
_BY = re.compile(
    r"\b(?:by|not\s+later\s+than|no\s+later\s+than)\s+(?:the\s+end\s+of\s+)?"
    rf"(?:(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH},?\s+(?P<year>\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})|(?P<dmy>\d{1,2}[/.]\d{1,2}[/.]\d{4}))\b",
    re.I,
)
_BARE_DATE = re.compile(r"^\s*(?:(?:target|due|deadline|completion)(?:\s+date)?\s*[:\-–—]?\s*)?"
                        r"(?P<date>.{1,30}?)[.\s]*$", re.I)
_YEAR_END = re.compile(r"\b(?:by|not\s+later\s+than|no\s+later\s+than)\s+the\s+end\s+of\s+(?P<year>\d{4})\b", re.I)


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase found in text: its class, or the span or date it names."""

    phrase: str
    kind: str  # "immediate" | "span" | "date"
    months: int = 0
    days: int = 0
    due: date | None = None
    start: int = 0  # where the phrase starts in the text it was found in

    def resolve(self, published: date | None, where: str = "") -> tuple[str, date | None]:
        """(deadline class, due date); a span other than 3, 6 or 12 months needs `published`."""
        if self.kind == "immediate":
            return "immediate", None
        if self.kind == "date":
            return "by-date", self.due
        if not self.days and self.months in CLASSES:
            return CLASSES[self.months], None
        if published is None:
            at = f" ({where})" if where else ""
            raise UsageError(f"'{self.phrase}'{at} sets a deadline counted from publication, "
                             "but the report's publication date is not known",
                             "give the date with --published YYYY-MM-DD")
        try:
            if self.days:
                return "by-date", published + timedelta(days=self.days)
            return "by-date", add_months(published, self.months)
        except (ValueError, OverflowError):
            raise UsageError(f"'{self.phrase}' counted from {published.isoformat()} falls after 9999-12-31",
                             "check the report's publication date (--published)") from None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span(found: re.Match) -> Deadline | None:
    word = found.group("n").lower()
    count = int(word) if word.isdigit() else NUMBERS[word]
    unit = found.group("unit").lower()
    if count == 0:
        return None
    if unit == "year":
        return Deadline(found.group(0), "span", months=12 * count)
    if unit == "month":
        return Deadline(found.group(0), "span", months=count)
    return Deadline(found.group(0), "span", days=count * (7 if unit == "week" else 1))


def _by(found: re.Match) -> Deadline | None:
    try:
        if found.group("iso"):
            return Deadline(found.group(0), "date", due=date.fromisoformat(found.group("iso")))
        if found.group("dmy"):  # a British day/month/year ("31/03/2025")
            day, month, year = (int(part) for part in re.split(r"[/.]", found.group("dmy")))
            return Deadline(found.group(0), "date", due=date(year, month, day))
        year, month = int(found.group("year")), MONTHS[found.group("month").lower()]
        day = found.group("day")
        due = date(year, month, int(day)) if day else _month_end(year, month)
    except ValueError:
        return None  # "31 February" names no day
    return Deadline(found.group(0), "date", due=due)


def deadline_in(text: str) -> Deadline | None:
    """The first deadline phrase in `text`, or None when it has none."""
    found: list[tuple[int, Deadline]] = []
    for pattern, make in ((_IMMEDIATE, lambda m: Deadline(m.group(0).strip(), "immediate")), (_SPAN, _span),
                          (_BY, _by), (_YEAR_END, lambda m: Deadline(m.group(0), "date",
                                                                     due=date(int(m.group("year")), 12, 31)))):
        for match in pattern.finditer(text):
            made = make(match)
            if made is not None:
                found.append((match.start(), made))
                break
    if not found:
        return None
    start, made = min(found, key=lambda pair: pair[0])
    return replace(made, start=start + len(text[start:]) - len(text[start:].lstrip()))


def date_cell(text: str) -> Deadline | None:
    """A deadline column's cell that is only a date ("31 March 2025", "June 2025", "30/06/2025", "Target date:
    2025-06-30"): by-date, due that day (or the month's last day); or only a span ("6 months"): that span from
    publication; None for anything else."""
    span = _SPAN.fullmatch("within " + text.strip().rstrip("."))
    if span:  # "6 months" in a timescale column: within 6 months
        return replace(deadline_in(span.group(0)), phrase=text.strip())
    found = _BARE_DATE.match(text)
    if not found:
        return None
    made = _BY.fullmatch("by " + found.group("date").strip())
    return replace(_by(made), phrase=text.strip()) if made and _by(made) else None


def strip_deadlines(text: str) -> str:
    """`text` without its deadline phrases (to see what a lead-in says apart from when)."""
    for pattern in (_IMMEDIATE, _SPAN, _BY, _YEAR_END):
        text = pattern.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()
