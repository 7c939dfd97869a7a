"""Places in a JSON document: paths as users read them, and their line:column in the text.

Nothing here walks the whole document in Python. The standard library's C scanner
(`json.scanner`) reads one top-level value or one array element at a time, which gives each
element's (start, end) offsets at C speed; line numbers come from counting newlines (also C).
Only an element that an error report points into is mapped key by key (`json-source-map`, pure
Python), so reporting a few problems in a file of a million records stays fast.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from json.decoder import scanstring
from json.scanner import make_scanner

_WS = re.compile(r"[ \t\n\r]*")
_SCAN = make_scanner(json.JSONDecoder())
# an "id" key: in a valid dataset, inside the recommendations array only a recommendation has one
# (history entries may not), and a quote inside a string is escaped, so each match is one item's id.
# The key is read as JSON defines it: `i` and `d` may each be written as a \u escape (`"\u0069d"`
# is the key "id"), and those are the only spellings (a letter has no other escape; the hex digits
# of these two are all decimal, so case cannot vary).
_KEY = r'"(?:i|\\u0069)(?:d|\\u0064)"[ \t\n\r]*:[ \t\n\r]*"'
_ID_KEY = re.compile(_KEY)
_ID_VALUE = re.compile(_KEY + r'([^"\\]*)(["\\])')


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


def _expect(text: str, i: int, char: str) -> int:
    if text[i:i + 1] != char:
        raise ValueError(f"expected {char!r} at offset {i} (line:column {line_col(text, i)})")
    return i + 1


def _value_end(text: str, i: int) -> int:
    """The end of the value at `i`; a big array is read element by element (never built whole)."""
    if text.startswith("[", i):
        return walk_array(text, i)[1]
    try:
        return _SCAN(text, i)[1]
    except StopIteration:
        raise ValueError(f"no JSON value at offset {i} (line:column {line_col(text, i)})") from None


def members(text: str, stop_at: str | None = None, at: int = 0) -> dict[str, tuple[int, int, int]]:
    """The top-level object's members (or those of the object at offset `at`): key -> (key offset, value
    start, value end), offsets in `text`.

    A key given twice maps to its last occurrence, as a JSON parser reads it. With `stop_at`, the
    walk ends at that key's first occurrence, whose value is not read (its end is given as -1).
    """
    found: dict[str, tuple[int, int, int]] = {}
    i = _expect(text, _WS.match(text, at).end(), "{")
    i = _WS.match(text, i).end()
    if text.startswith("}", i):
        return found
    while True:
        key_at = i
        key, i = scanstring(text, _expect(text, i, '"'))
        i = _WS.match(text, _expect(text, _WS.match(text, i).end(), ":")).end()
        if key == stop_at:
            found[key] = (key_at, i, -1)
            return found
        end = _value_end(text, i)
        found[key] = (key_at, i, end)
        i = _WS.match(text, end).end()
        if text.startswith("}", i):
            return found
        i = _WS.match(text, _expect(text, i, ",")).end()


def walk_array(text: str, i: int) -> tuple[list[tuple[int, int]], int]:
    """(start, end) of each element of the array whose `[` is at `i`, and the array's end."""
    i = _WS.match(text, _expect(text, i, "[")).end()
    spans: list[tuple[int, int]] = []
    if text.startswith("]", i):
        return spans, i + 1
    match = _WS.match
    append = spans.append
    scan = _SCAN
    while True:
        try:
            end = scan(text, i)[1]
        except StopIteration:
            raise ValueError(f"no JSON value at offset {i} (line:column {line_col(text, i)})") from None
        append((i, end))
        i = match(text, end).end()
        char = text[i:i + 1]
        if char == ",":
            i = match(text, i + 1).end()
        elif char == "]":
            return spans, i + 1
        else:
            raise ValueError(f"expected ',' or ']' at offset {i} (line:column {line_col(text, i)})")


def array_start(text: str, key: str) -> int:
    """Offset of the `[` of the top-level array `key` (its first occurrence); KeyError if absent."""
    found = members(text, stop_at=key)
    if key not in found:
        raise KeyError(key)
    start = found[key][1]
    if not text.startswith("[", start):
        raise ValueError(f"'{key}' is not an array")
    return start


def element_spans(text: str, key: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each element of the top-level array `key` in a JSON text.

    `text[start:end]` is the element's JSON exactly; 100,000 recommendations take about a third of
    the time of validating them (one C scan per element).
    """
    return walk_array(text, array_start(text, key))[0]


def element_span(text: str, key: str, index: int) -> tuple[int, int]:
    """(start, end) of element `index` of the top-level array `key` (IndexError if there is none):
    `elements_at` for one index.

    For `recommendations` in a valid dataset whose items start with their "id" (every writer
    hmic knows), the element is found from the index-th "id" key (a regular-expression search)
    and only it is scanned; otherwise the elements before it are scanned one by one. The text
    must be a valid dataset (as every caller's is: loaded and validated first): in one where
    some item has no "id" at all, a later item could be taken for it.
    """
    return elements_at(text, key, [index])[0]


def elements_at(text: str, key: str, indexes: Sequence[int]) -> list[tuple[int, int]]:
    """(start, end) of the elements `indexes` (ascending and distinct, else ValueError) of the top-level array `key`,
    found in one pass over the text whatever their number (IndexError if one is not there); as
    `element_span` says, from their "id" keys for `recommendations`."""
    if any(i < 0 for i in indexes) or any(b <= a for a, b in zip(indexes, indexes[1:], strict=False)):
        raise ValueError(f"element indexes must be ascending, distinct and not negative: {list(indexes)}")
    start = array_start(text, key)
    if key == "recommendations":
        spans = _by_id_keys(text, start, indexes)
        if spans is not None:
            return spans
    spans = walk_array(text, start)[0]
    return [spans[i] for i in indexes]


def _by_id_keys(text: str, array_at: int, indexes: Sequence[int]) -> list[tuple[int, int]] | None:
    """The spans of the recommendations whose "id" keys are the index-th after the array's `[` (ascending
    indexes, one regular-expression pass), when each key is its object's first and each object sits in
    the array as an element; else None (the caller then scans element by element)."""
    matches = _ID_KEY.finditer(text, array_at)
    found = []
    at = -1
    for index in indexes:
        match = None
        while at < index:
            match = next(matches, None)
            at += 1
            if match is None:
                return None
        span = _element_at(text, array_at, index, match)
        if span is None:
            return None
        found.append(span)
    return found


def _element_at(text: str, array_at: int, index: int, match: re.Match) -> tuple[int, int] | None:
    brace = text.rfind("{", array_at, match.start())
    if brace < 0 or text[brace + 1:match.start()].strip(" \t\n\r"):
        return None  # "id" is not the first key: find the element the slow way
    at = _skip_back(text, brace)
    if index == 0 and at != array_at:
        return None
    if index > 0 and not (text[at] == "," and text[_skip_back(text, at)] == "}"):
        return None
    try:
        value, end = _SCAN(text, brace)
    except (StopIteration, RecursionError):
        return None
    after = _WS.match(text, end).end()
    if not isinstance(value, dict) or text[after:after + 1] not in (",", "]"):
        return None
    return brace, end


def array_tail(text: str, key: str, count: int | None = None) -> tuple[int, list[tuple[int, int]], int]:
    """The offset of the top-level array `key`'s `[`, the spans of its last two elements (fewer if it
    has fewer) and the array's end: what appending to it needs.

    Given `count`, its number of elements in a valid dataset, a `recommendations` array is read as
    `element_span` reads one: from the last two "id" keys, scanning those two elements only. At
    100,000 records that takes 0.05 s where scanning every element takes 0.5 s. Otherwise (or
    when a check fails) the elements are scanned one by one.
    """
    start = array_start(text, key)
    if key == "recommendations" and count:
        spans = _by_id_keys(text, start, range(max(0, count - 2), count))
        if spans is not None:
            after = _WS.match(text, spans[-1][1]).end()
            if text.startswith("]", after):
                return start, spans, after + 1
    spans, end = walk_array(text, start)
    return start, spans[-2:], end


def _skip_back(text: str, i: int) -> int:
    """Offset of the last non-whitespace character before `i` (-1 if none)."""
    i -= 1
    while i >= 0 and text[i] in " \t\n\r":
        i -= 1
    return i


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def id_lines(text: str) -> dict[str, int]:
    """id -> line of its `"id"` key, for each recommendation of a valid dataset.

    One regular-expression search from the start of the `recommendations` array: in a valid
    dataset each match there is one item's id key, in order (a report's or theme's id after the
    array cannot displace an item's: the first occurrence of an id wins).
    """
    try:
        start = array_start(text, "recommendations")
    except (KeyError, ValueError):
        return {}
    found: dict[str, int] = {}
    line, at = 1, 0
    count = text.count
    for match in _ID_VALUE.finditer(text, start):
        key_at = match.start()
        line += count("\n", at, key_at)
        at = key_at
        item_id = match.group(1)
        if match.group(2) == "\\":  # an escape in the id: decode the whole string
            try:
                item_id = scanstring(text, match.start(1))[0]
            except ValueError:
                continue
        if item_id not in found:
            found[item_id] = line
    return found
