"""Ids mean one thing: resolved exactly, and never added beside one that reads the same.

An id given on the command line (`show`, `update`, `edit`, `waive`, `--report`, `--theme`...) names
the entry whose id is exactly that text: `update Ncp-1` does not change `NCP-1`, and a Kelvin sign
(U+212A) or a long s (U+017F) never stands in for `K` or `s`. Folding (Unicode compatibility form
and case, `fold`) serves two things only: suggesting the id that was probably meant, and refusing
a new id that would differ from an existing one by nothing a reader can rely on seeing.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence

from hmic_cli.errors import UsageError


def fold(text: str) -> str:
    """`text` in NFKC and case-folded, twice (the first folding can make a new compatibility form:
    the Unicode standard's "NFKC_Casefold" closure). ASCII text only needs lower-casing."""
    if text.isascii():
        return text.lower()
    once = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold()).casefold()
    return unicodedata.normalize("NFKC", once)


def suggestions(wanted: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Ids the user may have meant: those equal to `wanted` once folded first, then close spellings."""
    known = list(known)
    key = fold(wanted)
    same = [k for k in known if fold(k) == key]
    close = difflib.get_close_matches(wanted, known, n=n, cutoff=0.5)
    return list(dict.fromkeys(same + close))[:n]


def resolve(known: dict, wanted: str, kind: str = "recommendation"):
    """`known[wanted]` (exactly), or a usage error that suggests the ids meant (folded, close)."""
    if wanted in known:
        return known[wanted]
    close = suggestions(wanted, known)
    hint = f"did you mean {' or '.join(close)}?" if close else "run 'hmic list --all' to see every id"
    raise UsageError(f"no {kind} with id '{wanted}' (ids are matched exactly, case included)", hint)


def refuse_clashes(existing: Sequence[str], new: Sequence[str], kind: str) -> None:
    """Exit 2 when a new id differs from an existing one, or from another new one, only once folded.

    An id equal to an existing one exactly is left to the command's own refusal and to validation
    ("duplicate id"). The existing ids are folded at C speed when they are all ASCII, as every valid
    item, report and theme id is (100,000 ids: a few milliseconds); the pairs are sought only when
    some folded form is shared."""
    wanted: dict[str, str] = {}
    for new_id in new:
        other = wanted.setdefault(fold(new_id), new_id)
        if other != new_id:
            _refuse(new_id, other, kind)
    folded = map(str.lower, existing) if all(map(str.isascii, existing)) else map(fold, existing)
    if wanted.keys() & set(folded):
        for old in existing:
            new_id = wanted.get(fold(old))
            if new_id is not None and new_id != old:
                _refuse(new_id, old, kind)


def _refuse(new_id: str, existing: str, kind: str) -> None:
    raise UsageError(f"{kind} id '{new_id}' differs from the existing '{existing}' only by case or "
                     "Unicode form: the two would be read as one",
                     f"use '{existing}' to refer to it, or give a clearly different id")
