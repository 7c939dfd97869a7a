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
from collections.abc import Iterable

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


class Clashes:
    """The ids of one array, to refuse a new id that folds to an existing one (`check`)."""

    def __init__(self, ids: Iterable[str]) -> None:
        self._folded: dict[str, str] = {}
        for existing in ids:
            self._folded.setdefault(fold(existing), existing)

    def check(self, new: str, kind: str) -> None:
        """Refuse `new` (exit 2) when an id already there differs from it only once folded; then count
        it. An id already there exactly is left to the command's own refusal and to validation."""
        key = fold(new)
        existing = self._folded.get(key)
        if existing is not None and existing != new:
            raise UsageError(f"{kind} id '{new}' differs from the existing '{existing}' only by case or "
                             "Unicode form: the two would be read as one",
                             f"use '{existing}' to refer to it, or give a clearly different id")
        self._folded.setdefault(key, new)
