"""A tracker's items as pieces of its text, without parsing them: the record guard compares two
versions of a tracker item by item and parses only the items whose text differs.

Each item is found by its "id" key (`locate._ID_VALUE`: in a valid tracker only an item has one inside
the `recommendations` array, and it is the item's first key as hmic writes it). An item's piece is the
text from its "id" key to the next item's: two versions of an item with the same piece are the same
item, byte for byte. When the text is not laid out so (an "id" key that is not its object's first, no
`recommendations` array), `chunks` says None and the caller parses the whole text."""

from __future__ import annotations

import json

from hmic_cli.jsontext.locate import _ID_VALUE, _SCAN, _WS, array_start


def chunks(text: str) -> tuple[dict, dict[str, tuple[int, str]]] | None:
    """(the document without its items, {item id: (offset of the item's `{`, its piece)}, in the array's
    order), or None when the text cannot be cut so."""
    try:
        start = array_start(text, "recommendations")
    except (KeyError, ValueError, RecursionError):
        return None
    found: dict[str, tuple[int, str]] = {}
    previous: tuple[str, int, int] | None = None  # id, brace, where its piece starts
    for match in _ID_VALUE.finditer(text, start):
        if match.group(2) != '"':
            return None  # an id with an escape in it: read the whole text
        brace = text.rfind("{", start, match.start())
        if brace < 0 or text[brace + 1:match.start()].strip(" \t\n\r"):
            return None
        if previous is not None:
            found[previous[0]] = (previous[1], text[previous[2]:match.start()])
        previous = (match.group(1), brace, match.start())
    if previous is None:
        return None
    try:
        end = _SCAN(text, previous[1])[1]
    except (StopIteration, RecursionError):
        return None
    close = _WS.match(text, end).end()
    if text[close:close + 1] != "]":
        return None
    found[previous[0]] = (previous[1], text[previous[2]:close])
    try:
        head = json.loads(text[:start] + "[]" + text[close + 1:])
    except (ValueError, RecursionError):
        return None
    return head, found


def parsed(text: str, brace: int) -> dict:
    """The item whose `{` is at `brace`."""
    return _SCAN(text, brace)[0]
