"""Which body issued a report, from its text: `detect_issuer(text)` gives a slug or None.

Slugs: hmicfrs, hmics, hmi-prisons, hmi-probation, hmcpsi, iopc, coroner, internal-audit.
Only the top of the text is read (the first 4,000 characters): the issuer names itself in a report's
title, letterhead or opening lines, while the body may name other inspectorates in passing. Each
issuer is known by its own name, written out or as its initials; a coroner by a "Regulation 28"
report or "report to prevent future deaths"; an internal audit by "internal audit" with an audit
opinion or assurance wording. The earliest name found wins (the letterhead comes first); None when
none is found.
"""

from __future__ import annotations

import re

TOP = 4000
_ISSUERS = (
    ("hmics", r"\bHMICS\b|His\s+Majesty['’]?s\s+Inspectorate\s+of\s+Constabulary\s+in\s+Scotland"
              r"|HM\s+Inspectorate\s+of\s+Constabulary\s+in\s+Scotland"),
    ("hmicfrs", r"\bHMICFRS\b|Inspectorate\s+of\s+Constabulary\s+and\s+Fire\s+(?:&|and)\s+Rescue\s+Services"),
    ("hmi-prisons", r"\bHMI\s*Prisons\b|\bHMIP\b|Inspectorate\s+of\s+Prisons|Chief\s+Inspector\s+of\s+Prisons"),
    ("hmi-probation", r"\bHMI\s*Probation\b|Inspectorate\s+of\s+Probation|Chief\s+Inspector\s+of\s+Probation"),
    ("hmcpsi", r"\bHMCPSI\b|Crown\s+Prosecution\s+Service\s+Inspectorate"),
    ("iopc", r"\bIOPC\b|Independent\s+Office\s+for\s+Police\s+Conduct"),
    ("coroner", r"\bRegulation\s+28\b|\breports?\s+to\s+prevent\s+future\s+deaths\b|\bH\.?M\.?\s+(?:Senior\s+|Area\s+"
                r"|Assistant\s+)?Coroner\b"),
    ("internal-audit", r"\binternal\s+audit\b"),
    ("hmicfrs", r"\bHMIC\b|Inspectorate\s+of\s+Constabulary\b(?!\s+in\s+Scotland)"),
)
_PATTERNS = [(slug, re.compile(pattern, re.I if slug in ("coroner", "internal-audit") else 0))
             for slug, pattern in _ISSUERS]


def detect_issuer(text: str) -> str | None:
    """The slug of the body that issued the report `text` (see the module docstring), or None."""
    top = text[:TOP]
    best: tuple[int, int, str] | None = None
    for rank, (slug, pattern) in enumerate(_PATTERNS):
        found = pattern.search(top)
        if found and (best is None or (found.start(), rank) < best[:2]):
            best = (found.start(), rank, slug)
    return best[2] if best else None
