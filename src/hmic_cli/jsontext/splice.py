"""Changing values of a JSON text while every other byte stays as it was.

Values are found with `locate` (the C scanner, one element at a time), never by mapping the
whole document; what is written is re-serialised in the file's own indent and line endings. The
caller strips (and puts back) a UTF-8 byte-order mark.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from hmic_cli.jsontext import locate
from hmic_cli.jsontext.source_map import source_entries

_FIRST_INDENT = re.compile(r"\n([ \t]+)\S")


def indent_unit(text: str) -> str:
    """The file's indent step (that of its first indented line); two spaces for a one-line file."""
    match = _FIRST_INDENT.search(text)
    return match.group(1) if match else "  "


def newline(text: str) -> str:
    """The file's line ending: CRLF when its first line ends so, else LF."""
    at = text.find("\n")
    return "\r\n" if at > 0 and text[at - 1] == "\r" else "\n"


def _line_indent(text: str, offset: int) -> str:
    """The whitespace that starts the line `offset` is on."""
    line_start = text.rfind("\n", 0, offset) + 1
    head = text[line_start:offset]
    return head[: len(head) - len(head.lstrip(" \t"))]


def render(value: object, text: str, at: int) -> str:
    """`value` as JSON for the place `at` in `text`: the file's indent step and line ending, each
    new line indented like the line `at` is on."""
    rendered = json.dumps(value, indent=indent_unit(text), ensure_ascii=False)
    return rendered.replace("\n", newline(text) + _line_indent(text, at))


def _span(text: str, loc: Sequence[str | int]) -> tuple[int, int]:
    """(start, end) of the value at `loc`; KeyError (the JSON pointer) when it is not there."""
    loc = tuple(loc)
    if not loc:
        start = locate._WS.match(text, 0).end()
        return start, locate._value_end(text, start)
    try:
        if len(loc) >= 2 and isinstance(loc[1], int):
            start, end = locate.element_span(text, loc[0], loc[1])
        else:
            found = locate.members(text)
            _, start, end = found[loc[0]]
    except (KeyError, IndexError, ValueError):
        raise KeyError(locate.pointer(loc)) from None
    depth = 2 if len(loc) >= 2 and isinstance(loc[1], int) else 1
    if len(loc) > depth:  # a value inside one element: map just that element
        entry = source_entries(text[start:end]).get(locate.pointer(loc[depth:]))
        if entry is None:
            raise KeyError(locate.pointer(loc))
        start, end = start + entry.value_start.position, start + entry.value_end.position
    return start, end


def edit_value(text: str, loc: Sequence[str | int], change: Callable[[object], object]) -> str:
    """`text` with the value at `loc` parsed, passed through `change`, and re-serialised in the
    file's indent at the value's own indentation; every other character stays as it was.

    `loc` is a path such as ("recommendations", 12): the element is found without reading the
    rest of the file (see `locate.element_span`).
    """
    start, end = _span(text, loc)
    value = change(json.loads(text[start:end]))
    return "".join((text[:start], render(value, text, start), text[end:]))  # one copy of the text, not two


def edit_elements(text: str, key: str, changes: dict[int, Callable[[object], object]]) -> tuple[str, dict]:
    """`text` with elements of the top-level array `key` changed, as `edit_value` changes one, and the
    new values by index: their places found in one pass (`locate.elements_at`) and the new text made
    once, so that a thousand owners' updates cost one copy of the file, not a thousand (at 100,000
    records: 55 s of joining the whole text again for each, before)."""
    indexes = sorted(changes)
    try:
        spans = locate.elements_at(text, key, indexes)
    except (KeyError, IndexError):
        raise KeyError(locate.pointer((key, indexes[-1]))) from None  # as `edit_value`: the JSON pointer
    pieces, values, at = [], {}, 0
    for index, (start, end) in zip(indexes, spans, strict=True):
        values[index] = changes[index](json.loads(text[start:end]))
        pieces += [text[at:start], render(values[index], text, start)]
        at = end
    pieces.append(text[at:])
    return "".join(pieces), values


def append_values(text: str, key: str, values: Sequence[object], count: int | None = None) -> str:
    """`text` with `values` appended to the top-level array `key`, in the file's own style.

    After existing elements, each new one goes where a further element would: after the same
    separator as between the last two (or as before the first), indented like the last element,
    on one line when the last element is on one line (a file of one item per line stays so),
    else in the file's indent step. An empty array is opened onto its own lines (indented one
    step deeper than the line of its key), unless the file is all on one line. Line endings
    (LF or CRLF) are the file's. Every other character stays as it was. `count`, the number of
    elements the array has (when the caller knows it), lets a long array be read from its end
    (`locate.array_tail`).
    """
    if not values:
        return text
    start, spans, end = locate.array_tail(text, key, count)
    close = end - 1  # the array's "]"
    nl = newline(text)
    if spans:
        last_start, last_end = spans[-1]
        if len(spans) > 1:
            sep = text[spans[-2][1]:last_start]
        else:
            sep = "," + text[start + 1:last_start]
        if "," not in sep:
            sep = "," + sep
        one_line = "\n" not in text[last_start:last_end]
        pieces = [_one_line(v) if one_line else render(v, text, last_start) for v in values]
        return "".join((text[:last_end], *(sep + piece for piece in pieces), text[last_end:]))
    if "\n" not in text:
        inside = ", ".join(_one_line(v) for v in values)
        return text[:start + 1] + inside + text[close:]
    outer = _line_indent(text, start)
    inner = outer + indent_unit(text)
    unit = indent_unit(text)
    pieces = [json.dumps(v, indent=unit, ensure_ascii=False).replace("\n", nl + inner) for v in values]
    body = nl + inner + ("," + nl + inner).join(pieces) + nl + outer
    return text[:start + 1] + body + text[close:]


def _one_line(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
