"""Who is who: the one rule for comparing people's names, used by every "who" comparison (sign-off,
the record guard, remind, owners' updates, spreadsheet imports).

Two names are the same person when they fold alike: Unicode compatibility forms (NFKC: a
non-breaking space, full-width letters, ligatures), invisible format characters (zero-width spaces)
dropped, case folded (casefold: "ß" is "ss") and runs of spaces as one. "DI  Patel", "di patel" and
"DI\u00a0Patel" are one person; "DI Patel" and "DS Patel" are not."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping


def key(name: str) -> str:
    """A name folded for comparing (never shown)."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(unicodedata.normalize("NFKC", text.casefold()).split())


def same(a: str | None, b: str | None) -> bool:
    """Whether two names are the same person (a blank name is nobody)."""
    if not a or not b:
        return False
    ka = key(a)
    return bool(ka) and ka == key(b)


def among(name: str | None, names: Iterable[str | None]) -> bool:
    """Whether `name` is one of `names`."""
    return any(same(name, other) for other in names)


def lookup(mapping: Mapping[str, str], name: str) -> str | None:
    """The value a mapping of names (the project file's [owners]) gives `name`, by the same rule."""
    if name in mapping:
        return mapping[name]
    wanted = key(name)
    return next((v for n, v in mapping.items() if key(n) == wanted), None)
