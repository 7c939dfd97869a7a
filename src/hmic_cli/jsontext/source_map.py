"""line:column of any place in a JSON text that parses: `SourceMap`, built lazily (objects' members and
arrays' elements walked at C speed by `locate`, each once; a value of another shape mapped by
json-source-map), with a line index once more than one place is asked for."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Sequence

from hmic_cli.jsontext.locate import _WS, elements_at, line_col, members, pointer, walk_array

_NEWLINE = re.compile("\n")


class SourceMap:
    """line:column (1-based) of the values and keys of a JSON text that parses.

    Built lazily: the top level is walked once (at C speed), and only an element that a place is
    asked for is mapped in full, so a few errors in a large file cost little.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._members: dict[str, tuple[int, int, int]] | None = None
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._entries: dict[tuple[str, int], dict] = {}
        self._objects: dict[tuple, dict | None] = {}  # an object's members, by its place
        self._arrays: dict[tuple, list[tuple[int, int]]] = {}  # an array's element spans, by its place
        self._lines: list[int] | None = None  # where each line starts, once more than one place is asked for
        self._asked = 0
        self._known: dict[str, dict[int, tuple[int, int]]] = {}  # elements found by `place_elements`

    def place_elements(self, key: str, indexes: Sequence[int]) -> None:
        """Find the elements `indexes` of the top-level array `key` in one pass (`locate.elements_at`: for
        `recommendations`, from their "id" keys), so that asking for places inside them walks nothing else."""
        wanted = sorted(set(indexes))
        try:
            self._known[key] = dict(zip(wanted, elements_at(self._text, key, wanted), strict=True))
        except (KeyError, IndexError, ValueError):
            self._known.pop(key, None)

    def position(self, loc: Sequence[str | int], key: bool = False) -> tuple[int, int] | None:
        """Where `loc` starts; the nearest enclosing value if `loc` is not in the text."""
        loc = list(loc)
        while True:
            offset = self._offset(loc, key)
            if offset is not None:
                return self._line_col(offset)
            if not loc:
                return None
            loc.pop()
            key = False

    def _offset(self, loc: list, key: bool) -> int | None:
        text = self._text
        if not loc:
            return _WS.match(text, 0).end()
        known = self._known.get(loc[0]) if len(loc) > 1 and isinstance(loc[1], int) else None
        if known and loc[1] in known:
            return self._inside(*known[loc[1]], (loc[0], loc[1]), loc[2:], key)
        if self._members is None:
            try:
                self._members = members(text)
            except (ValueError, RecursionError):
                self._members = {}
        top = self._members.get(loc[0]) if isinstance(loc[0], str) else None
        if top is None:
            return None
        if len(loc) == 1:
            return top[0] if key else top[1]
        if not isinstance(loc[1], int) or not text.startswith("[", top[1]):
            return self._inside(top[1], top[2], ("", loc[0]), loc[1:], key)
        spans = self._spans.get(loc[0])
        if spans is None:
            spans = self._spans[loc[0]] = walk_array(text, top[1])[0]
        if not 0 <= loc[1] < len(spans):
            return None
        start, end = spans[loc[1]]
        return self._inside(start, end, (loc[0], loc[1]), loc[2:], key)

    def _line_col(self, offset: int) -> tuple[int, int]:
        """line_col, from the second place asked for on by a line index made once (each count from the
        start of the text would make many places quadratic in the file's size)."""
        self._asked += 1
        if self._asked == 1:
            return line_col(self._text, offset)
        if self._lines is None:
            self._lines = [0] + [m.end() for m in _NEWLINE.finditer(self._text)]
        line = bisect_right(self._lines, offset)
        return line, offset - self._lines[line - 1] + 1

    def _inside(self, start: int, end: int, cache_key: tuple, rest: list, key: bool) -> int | None:
        """Offset of `rest` within the value text[start:end]: objects' members and arrays' elements walked
        at C speed (each once), a value of another shape mapped by json-source-map."""
        if not rest:
            return start
        text = self._text
        if isinstance(rest[0], str) and text.startswith("{", start):
            if cache_key not in self._objects:
                try:
                    self._objects[cache_key] = members(text, at=start)
                except (ValueError, RecursionError):
                    self._objects[cache_key] = None
            fields = self._objects[cache_key]
            if fields is not None:
                member = fields.get(rest[0])
                if member is None:
                    return None
                if len(rest) == 1:
                    return member[0] if key else member[1]
                return self._inside(member[1], member[2], (*cache_key, rest[0]), rest[1:], key)
        if isinstance(rest[0], int) and text.startswith("[", start):
            spans = self._arrays.get(cache_key)
            if spans is None:
                try:
                    spans = self._arrays[cache_key] = walk_array(text, start)[0]
                except (ValueError, RecursionError):
                    spans = self._arrays[cache_key] = []
            if not 0 <= rest[0] < len(spans):
                return None
            first, last = spans[rest[0]]
            return first if len(rest) == 1 else self._inside(first, last, (*cache_key, rest[0]), rest[1:], key)
        return self._mapped(start, end, cache_key, rest, key)

    def _mapped(self, start: int, end: int, cache_key: tuple, rest: list, key: bool) -> int | None:
        """Offset of `rest` within the value text[start:end], mapped by json-source-map."""
        entries = self._entries.get(cache_key)
        if entries is None:
            entries = self._entries[cache_key] = source_entries(self._text[start:end])
        entry = entries.get(pointer(rest))
        if entry is None:
            return None
        where = entry.key_start if key and entry.key_start is not None else entry.value_start
        return start + where.position


def source_entries(text: str) -> dict:
    """`json_source_map.calculate(text)` with its pointers naming keys as JSON defines them: that
    library keeps a key's escapes (`"st\\u0061tus"` gives `/st\\u0061tus`); each such segment is
    decoded, so the pointer is `/status`. Where a key occurs twice, the later occurrence is kept
    (the one a parser keeps, which the duplicate-key report points at)."""
    from json_source_map import calculate

    entries = calculate(text)
    if not any("\\" in pointer for pointer in entries):
        return entries
    decoded = {}
    for raw, entry in entries.items():
        pointer = raw
        if "\\" in raw:
            try:
                pointer = "/".join(_segment(part) if "\\" in part else part for part in raw.split("/"))
            except ValueError:
                pass
        decoded[pointer] = entry
    return decoded


def _segment(raw: str) -> str:
    return json.loads(f'"{raw}"').replace("~", "~0").replace("/", "~1")
