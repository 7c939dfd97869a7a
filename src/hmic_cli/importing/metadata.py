"""What a report says about itself: its publication date, force and title, for `hmic import`.

Rules (each flag given on the command line wins over what is read here):

* published: a "Published (on): 4 April 2025" / "Date published" / "Publication date" line, else a
  "Sent on 21 May 2024" line (a letter's date), else a dateline: a line near the top that is only a
  date ("22 June 2007", "Tuesday 6 June 2019"). The date may be on the line after its label. Dates
  are "4 April 2025", "April 4, 2025", "2025-04-04" or "04/04/2025" (day first).
* force: the first police force or fire and rescue service named in full near the top (the title
  line first), e.g. "PEEL 2018/19 – West Mercia Police"; else a force area that the title names
  alone ("Merseyside – National child protection inspection") as that force's full name.
* title: the first line near the top that reads as a title (not a date, a known heading, or web
  page furniture such as "Skip to main content" or a cookie notice).
"""

from __future__ import annotations

import re
from datetime import date

from hmic_cli.importing.deadlines import MONTHS
from hmic_cli.importing.patterns import heading

TOP = 40  # non-empty lines at the top where a report states its title, force and dates
_DAY_MONTH_YEAR = r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4}"
_MONTH_DAY_YEAR = r"[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
_DATE = (rf"(?:(?:[A-Za-z]+day,?\s+)?(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR})"
         r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})")
_PUBLISHED_LABEL = re.compile(
    r"^(?:date\s+(?:of\s+)?published|date\s+of\s+publication|publication\s+date|published|first\s+published)"
    r"(?:\s+on)?\s*[:\-–—]?\s*(?:on\s+)?", re.I)
_SENT_LABEL = re.compile(r"^(?:sent|dated|date\s+sent)(?:\s+on)?\s*[:\-–—]?\s*", re.I)
_ONLY_DATE = re.compile(rf"^(?P<date>{_DATE})\.?$", re.I)
_STARTS_DATE = re.compile(rf"^(?P<date>{_DATE})\b", re.I)

FORCES = (
    "Avon and Somerset Constabulary", "Bedfordshire Police", "Cambridgeshire Constabulary", "Cheshire Constabulary",
    "City of London Police", "Cleveland Police", "Cumbria Constabulary", "Derbyshire Constabulary",
    "Devon and Cornwall Police", "Dorset Police", "Durham Constabulary", "Dyfed-Powys Police", "Essex Police",
    "Gloucestershire Constabulary", "Greater Manchester Police", "Gwent Police",
    "Hampshire and Isle of Wight Constabulary", "Hampshire Constabulary", "Hertfordshire Constabulary",
    "Humberside Police", "Kent Police", "Lancashire Constabulary", "Leicestershire Police", "Lincolnshire Police",
    "Merseyside Police", "Metropolitan Police Service", "Norfolk Constabulary", "North Wales Police",
    "North Yorkshire Police", "Northamptonshire Police", "Northumbria Police", "Nottinghamshire Police",
    "South Wales Police", "South Yorkshire Police", "Staffordshire Police", "Suffolk Constabulary", "Surrey Police",
    "Sussex Police", "Thames Valley Police", "Warwickshire Police", "West Mercia Police", "West Midlands Police",
    "West Yorkshire Police", "Wiltshire Police", "British Transport Police", "Police Scotland",
    "Police Service of Northern Ireland", "Civil Nuclear Constabulary", "Ministry of Defence Police",
)
_SUFFIXES = r"(?:Constabulary|Police(?:\s+Service)?|Police\s+Force|Fire\s+(?:and|&)\s+Rescue\s+(?:Service|Authority))"
_KNOWN = re.compile("|".join(re.escape(name) for name in sorted(FORCES, key=len, reverse=True)))
# not a force: "the National Police Chiefs' Council", "a Police and Crime Commissioner", "the Police Federation"
_NOT_A_FORCE_AFTER = (r"(?![\s-]+(?:Chiefs|Chief\s+Officers|and\s+Crime|Federation|Staff|Superintendents|Authority"
                      r"|Council)\b)")
_NAMED = re.compile(rf"\b(?:[A-Z][\w'’-]*\s+(?:(?:and|of|&)\s+)?){{1,4}}{_SUFFIXES}\b{_NOT_A_FORCE_AFTER}")
_AREAS = {re.sub(r"\s+(?:Constabulary|Police(?:\s+Service)?)$", "", name): name for name in FORCES
          if not name.startswith(("Police ", "British", "Civil", "Ministry"))}
_AREAS["Metropolitan"] = "Metropolitan Police Service"
_AREA = re.compile(r"(?:^|[–—:-]\s*)(" + "|".join(re.escape(a) for a in sorted(_AREAS, key=len, reverse=True))
                   + r")(?:\s*(?:[–—:-]|\(|$))")
_FURNITURE = re.compile(r"\b(?:skip\s+to|cookies?|main\s+menu|printable\s+version|related\s+downloads|sign\s+in"
                        r"|search\s+this\s+site|accessibility|correspondence|letter\s+information)\b", re.I)
_NOT_TITLE = re.compile(r"\b(?:should|must|recommends?)\b"
                        r"|^this\s+(?:recommendation|area\s+for\s+\w+|cause\s+(?:of|for)\s+concern)"
                        r"\s+(?:is|has|was)\b"
                        # the issuer's name at the top of its report ("HM Inspectorate of Constabulary in Scotland")
                        r"|^(?:(?:his|her)\s+majesty['’]?s|hm)\s+inspectorate\s+of\s+(?:constabulary(?:\s+and\s+fire\s+"
                        r"(?:and|&)\s+rescue\s+services)?|prisons|probation)(?:\s+in\s+scotland)?$"
                        r"|^independent\s+office\s+for\s+police\s+conduct$", re.I)
_NOT_FORCE_START = re.compile(r"^(?:The|A|An|Each|Every|All|Our|His|Her|HM|HMIC\w*|Inspection|Report|Dear)\s+")


def parse_date(text: str) -> date | None:
    """A date written as the module docstring says, or None."""
    value = re.sub(r"^[A-Za-z]+day,?\s+", "", text.strip().rstrip(".")).replace(",", " ")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
        numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
        if numeric:
            return date(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
        words = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", value).replace(".", " ").split()
        if len(words) != 3:
            return None
        day, month, year = words if words[0].isdigit() else (words[1], words[0], words[2])
        return date(int(year), MONTHS[month.lower()], int(day))
    except (KeyError, ValueError):
        return None


def _labelled(lines: list[str], label: re.Pattern) -> date | None:
    for index, line in enumerate(lines):
        found = label.match(line)
        if not found:
            continue
        rest = line[found.end():].strip()
        if not rest and index + 1 < len(lines):
            rest = lines[index + 1]
        dated = _STARTS_DATE.match(rest)
        if dated and (when := parse_date(dated.group("date"))):
            return when
    return None


def _published(lines: list[str]) -> date | None:
    for label in (_PUBLISHED_LABEL, _SENT_LABEL):
        if when := _labelled(lines, label):
            return when
    for line in lines[:TOP]:
        only = _ONLY_DATE.match(line)
        if only and (when := parse_date(only.group("date"))):
            return when
        if len(line) > 200 or line.endswith("."):
            break  # the body has begun: dates after it are the text's, not the report's
    return None


def _force(lines: list[str], title: str | None) -> str | None:
    ordered = ([title] if title else []) + lines[:TOP]
    for line in ordered:
        known = _KNOWN.search(line)
        if known:
            return known.group(0)
    for line in ordered:
        for found in _NAMED.finditer(line):
            name = _NOT_FORCE_START.sub("", found.group(0)).strip()
            if name and name[0].isupper() and "Inspector" not in name:
                return name
    for line in ordered[:3]:
        area = _AREA.search(line)
        if area:
            return _AREAS[area.group(1)]
    return None


def _title(lines: list[str]) -> str | None:
    for line in lines[:10]:
        if (len(line) < 200 and not line.endswith((".", ":", ";")) and heading(line) is None
                and not _FURNITURE.search(line) and not _ONLY_DATE.match(line) and not _PUBLISHED_LABEL.match(line)
                and "|" not in line and not _NOT_TITLE.search(line)
                and len(line.split()) >= 2):
            return line
    return None


def metadata(text: str) -> dict:
    """{"published", "force", "title"}: what the text says of each (see the module docstring); keys it
    does not say are left out."""
    lines = [line.strip() for line in text[:200_000].split("\n", 2000)[:2000] if line.strip()]
    lines = [line[:500] for line in lines]
    found: dict = {}
    title = _title(lines)
    if title:
        found["title"] = title
    published = _published(lines)
    if published:
        found["published"] = published
    force = _force(lines, title)
    if force:
        found["force"] = force
    return found
