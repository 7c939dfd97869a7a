"""Small rules about what a block of a report is NOT, and about when its items were issued.

* `not_an_item`: a cost or resource note ("This recommendation should be cost neutral."), the force's
  or commissioner's own commentary between quoted items ("Force response: ...", "We have
  introduced ...", "Our update: ..."), a status line ("This recommendation is complete." on its own),
  and page furniture labels ("Publication type: ...") are not items; the reason is returned in words.
* `closes_ahead`: a closing statement that comes before the items it closes ("we have been able to
  close the force's remaining causes of concern", "we are satisfied that the causes of concern have
  been addressed"); the items it then quotes under a past-tense lead-in (`past_lead_in`: "We
  identified three causes of concern, which were that the force:", "We made the following
  recommendations") are closed, not open.
* `issued_on`: "On 3 May 2024, we issued ..." (or "gave", "made", "wrote to"): the day the items
  were issued, from which relative deadlines ("within 28 days") count.
"""

from __future__ import annotations

import re
from datetime import date

_ITEM = r"(?:recommendations?|causes?\s+(?:of|for)\s+concern|areas?\s+for\s+(?:improvement|development))"
_NOTES = (
    (re.compile(rf"^(?:this|the|each|these)\s+{_ITEM}\s+(?:should|will|would|is|are|can)\s+(?:be\s+)?"
                r"(?:cost[\s-]+neutral|cost|funded|resourced|delivered\s+within|achievable\s+within|met\s+from)", re.I),
     "a cost or resource note, not an item"),
    (re.compile(r"^(?:the\s+)?(?:force|service|pcc|commissioner|police\s+and\s+crime\s+commissioner|fire\s+authority"
                r"|chief\s+constable|our|management)['’]?s?\s+(?:response|update|comments?|progress|position)\s*[:\-–—]",
                re.I), "the force's or commissioner's own commentary"),
    (re.compile(r"^(?:response|update|progress(?:\s+update)?|current\s+position|action\s+taken)"
                r"\s*[:\-–—]", re.I), "a response or progress note, not an item"),
    (re.compile(rf"^we\s+(?:have|are|will|were|had)\s+(?!.*\b(?:recommend|should|must|{_ITEM}))", re.I),
     "commentary in the first person (what was done or is planned), not an item"),
    (re.compile(rf"^this\s+{_ITEM}\s+(?:is|has\s+been|was)\s+(?:now\s+)?(?:complete|completed|closed|discharged|"
                r"achieved|met)\W*$", re.I), "a status line: the item's history, not an item"),
    (re.compile(r"^(?:publication\s+type|content\s+type|part\s+of|published\s+by|last\s+updated|isbn|print\s+this"
                r"|share\s+this)\b", re.I), "page furniture"),
)
_AHEAD = re.compile(
    r"\b(?:close|closed|closing|discharge|discharged|lift|lifted|remove|removed)\s+(?:all\s+)?(?:of\s+)?"
    r"(?:the|its|their|both|these)?\s*(?:force['’]s\s+|service['’]s\s+)?(?:remaining\s+|outstanding\s+|two\s+|three\s+)?"
    rf"{_ITEM}"
    rf"|\bsatisfied\s+that\s+(?:the|all|both|its)\s+(?:\w+\s+){{0,2}}?{_ITEM}\s+(?:\w+\s+){{0,2}}?(?:have|has)\s+been"
    r"\s+(?:addressed|met|resolved)", re.I)
_PAST_LEAD = re.compile(r"\b(?:we|hmicfrs|hmic|the\s+inspectorate)\s+(?:identified|made|issued|gave|set\s+out|raised"
                        r"|said|found)\b", re.I)
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december")
_ISSUED = re.compile(
    rf"\bOn\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTHS})\s+(?P<year>\d{{4}}),?\s+"
    r"(?:we|hmicfrs|hmic|the\s+inspectorate|i)\s+(?:issued|gave|made|wrote|sent|raised|set\s+out)\b", re.I)


def not_an_item(text: str) -> str | None:
    """Why a block is not an item, in words (see the module docstring), or None."""
    for pattern, reason in _NOTES:
        if pattern.search(text.strip()):
            return reason
    return None


def closes_ahead(text: str) -> bool:
    return bool(_AHEAD.search(text))


def past_lead_in(text: str) -> bool:
    return bool(_PAST_LEAD.search(text))


def issued_on(text: str) -> tuple[date, str] | None:
    """(the day the items were issued, the words that say so) from "On 3 May 2024, we issued ...", or None."""
    found = _ISSUED.search(text[:200_000])
    if not found:
        return None
    month = _MONTHS.split("|").index(found.group("month").lower()) + 1
    try:
        return date(int(found.group("year")), month, int(found.group("day"))), found.group(0)
    except ValueError:
        return None
