"""Headings other issuers use for the items they make, mapped to hmic's core types.

* HMI Prisons' "Priority concerns" and "Key concerns" (also "... and recommendations"): each concern
  is a `cause-of-concern` (the prison answers each with actions, as a force answers a cause of
  concern), with the priority label "priority concern" or "key concern".
* HMI Prisons' "Concern: ..." label on a concern's first line (then "Recommendation: ..."): a cause of
  concern, keeping the priority of the "Priority concerns" or "Key concerns" section it sits in.
* A coroner's "MATTERS OF CONCERN" or "CORONER'S CONCERNS" (a Regulation 28 report): each concern is a `recommendation`
  (the addressee must respond to each within 56 days; there is no cause of concern above them).
  The standard paragraph under "ACTION SHOULD BE TAKEN" is not an item (another heading: it ends
  the section).
* HMICFRS's "Accelerated cause of concern" (one raised before the report is published):
  `accelerated-cause-of-concern`, read as a cause of concern is.
* An internal audit's "Findings and recommendations" / "Management actions": `recommendation`.

HMICS's "Recommendation N" and "Area for development N" are known headings already (`patterns`):
an area for development is an `area-for-improvement`.
"""

from __future__ import annotations

import re

COC, ACC, REC = "cause-of-concern", "accelerated-cause-of-concern", "recommendation"
_NUMBER = r"(?:\s+(?P<number>\d{1,3}))?"
_TABLE = (
    (re.compile(rf"^(?P<label>priority)\s+concerns?(?:\s+and\s+recommendations?)?{_NUMBER}\s*:?$", re.I), COC,
     "priority concern"),
    (re.compile(rf"^(?P<label>key)\s+concerns?(?:\s+and\s+recommendations?)?{_NUMBER}\s*:?$", re.I), COC,
     "key concern"),
    (re.compile(r"^(?:\d{1,2}\.?\s+)?(?P<label>matters?\s+of\s+concern|coroner['’]?s\s+concerns)\s*:?$", re.I),
     REC, None),
    (re.compile(r"^(?P<label>concern)$", re.I), COC, None),
    (re.compile(rf"^(?:an?\s+)?(?P<label>accelerated)\s+causes?\s+(?:of|for)\s+concern{_NUMBER}"
                r"(?:\s*[:\-–—(].*)?$", re.I),
     ACC, None),
    (re.compile(r"^(?:(?:detailed|audit|key)\s+)?(?P<label>findings?\s+and\s+recommendations?|management\s+actions?"
                r"|agreed\s+actions?)\s*:?$", re.I), REC, None),
    (re.compile(rf"^(?P<label>(?:[A-Z][\w-]*\s+){{1,4}})causes?\s+(?:of|for)\s+concern{_NUMBER}\s*:?$"), COC, None),
)


def issuer_heading(text: str) -> tuple[str, int | None, str | None] | None:
    """(type, number, priority label) when a line is a heading in another issuer's words (see the module
    docstring), else None."""
    if len(text) > 100:
        return None
    for pattern, kind, priority in _TABLE:
        found = pattern.match(text)
        if found:
            number = found.groupdict().get("number")
            return kind, int(number) if number else None, priority
    return None
