"""Places in a JSON document: paths as users read them, and their line:column in the text."""

from __future__ import annotations

from collections.abc import Sequence

from json_source_map import calculate


def dotted(loc: Sequence[str | int]) -> str:
    """('recommendations', 3, 'deadline') -> 'recommendations[3].deadline'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def pointer(loc: Sequence[str | int]) -> str:
    """('recommendations', 3) -> '/recommendations/3' (RFC 6901)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in loc)


class SourceMap:
    """line:column (1-based) of every value and key of a JSON text that parses."""

    def __init__(self, text: str) -> None:
        self._entries = calculate(text)

    def position(self, loc: Sequence[str | int], key: bool = False) -> tuple[int, int] | None:
        """Where `loc` starts; the nearest enclosing value if `loc` is not in the text."""
        loc = list(loc)
        while True:
            entry = self._entries.get(pointer(loc))
            if entry is not None:
                where = entry.key_start if key and entry.key_start is not None else entry.value_start
                return where.line + 1, where.column + 1
            if not loc:
                return None
            loc.pop()
            key = False


def id_lines(text: str) -> dict[str, int]:
    """The line of each recommendation's `id` key."""
    import json

    smap = SourceMap(text)
    out = {}
    for i, rec in enumerate(json.loads(text).get("recommendations", [])):
        where = smap.position(("recommendations", i, "id"), key=True)
        if where and isinstance(rec, dict):
            out[rec.get("id")] = where[0]
    return out
