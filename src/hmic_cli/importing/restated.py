"""A cause of concern a later letter gives again in other words ("At our last inspection we found that
the force ..."), linked by `carried_forward_from` to the earlier report's outstanding item.

Only when the text refers back to an earlier inspection (`refers_back`: "the last inspection", "our
previous inspection", "since our 2029 inspection") and only for a cause of concern that no exact
wording matched: it is linked to the outstanding item of the same force, from an earlier report,
that shares the most distinctive words with it, when they share at least four and at least 60% of
the shorter one's (words compared by `triage.stem`, common words left out). The earlier items are
those of the one force the import is for, compared once per cause of concern: linear in the tracker.
"""

from __future__ import annotations

import re
from datetime import date

from hmic_cli.triage import _stems

REFERS_BACK = re.compile(r"\b(?:the|our|its|your)\s+(?:last|previous|earlier|(?:19|20)\d\d)\s+(?:peel\s+)?"
                         r"inspection\b|\bsince\s+(?:we\s+last\s+inspected|our\s+(?:last\s+)?(?:19|20)?\d*\s*"
                         r"inspection)", re.I)
MIN_SHARED, MIN_SHARE = 4, 0.6


def refers_back(text: str) -> bool:
    return bool(REFERS_BACK.search(text[:500_000]))


def restated_from(text: str, earlier: dict[str, tuple[date, str]], published: date | None) -> str | None:
    """The id of the earlier outstanding item (wording -> (published, id)) that `text` restates, or None."""
    if published is None:
        return None
    mine = _stems(text)
    best: tuple[float, str] | None = None
    for wording, (when, item_id) in earlier.items():
        if when >= published:
            continue
        theirs = _stems(wording)
        shared = len(mine & theirs)
        share = shared / min(len(mine), len(theirs)) if mine and theirs else 0.0
        if shared >= MIN_SHARED and share >= MIN_SHARE and (best is None or share > best[0]):
            best = (share, item_id)
    return best[1] if best else None
