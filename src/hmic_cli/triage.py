"""Giving imported items themes from the tracker's own vocabulary (labels and descriptions).

A theme matches an item when the item's text holds the theme's label as a phrase, or a word of the
label, or at least two distinctive words of its description. Words are compared by a crude stem
(lower case, common suffixes off). Words common to many themes ("children", "force") or too short
say nothing and are ignored. Nothing matched: the caller gives the item `untriaged`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset("""about above after again against also among and any are around been before being between both
but can could did does doing down during each few for from further had has have having her here hers him his how
including into its itself just more most must need needs not now off once only other our out over own same she
should some such than that the their them then there these they this those through too under until very was were
what when where which while who whom why will with within would you your make made sure ensure force forces police
officers officer staff case cases risk harm including involved""".split())


@lru_cache(maxsize=65536)  # words repeat: a 10,000-row import stems 60,000 words, a few thousand distinct
def stem(word: str) -> str:
    word = word.lower().strip("'-")
    for suffix in ("ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s", "al"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text.lower()) if len(w) >= 4 and w not in _STOP}


class Matcher:
    """Built once per import from the tracker's themes: (id, label, description) triples."""

    def __init__(self, themes: list[tuple[str, str, str]]) -> None:
        described = {tid: _stems(desc) for tid, _, desc in themes}
        common = Counter(s for stems in described.values() for s in stems)
        limit = max(2, len(themes) // 3)
        self.themes = [(tid, label.lower(), _stems(label), {s for s in described[tid] if common[s] < limit})
                       for tid, label, _ in themes]

    def match(self, text: str) -> list[str]:
        lowered = text.lower()
        words = _stems(text)
        found = []
        for tid, label, label_stems, keywords in self.themes:
            if (label in lowered or (label_stems and label_stems <= words)
                    or len(keywords & words) >= 2):
                found.append(tid)
        return found
