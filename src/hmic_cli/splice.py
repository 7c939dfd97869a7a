"""Changing one value of a JSON text while every other byte stays as it was."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from json_source_map import calculate

from hmic_cli.locate import pointer


def edit_value(text: str, loc: Sequence[str | int], change: Callable[[object], object]) -> str:
    """`text` with the value at `loc` parsed, passed through `change`, and re-serialised in the
    file's indent at the value's own indentation; every other character stays as it was."""
    entry = calculate(text).get(pointer(loc))
    if entry is None:
        raise KeyError(pointer(loc))
    start, end = entry.value_start.position, entry.value_end.position
    value = change(json.loads(text[start:end]))
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start]
    indent = indent[: len(indent) - len(indent.lstrip())]
    rendered = json.dumps(value, indent=indent_unit(text), ensure_ascii=False).replace("\n", "\n" + indent)
    return text[:start] + rendered + text[end:]


_FIRST_INDENT = re.compile(r"\n([ \t]+)\S")


def indent_unit(text: str) -> str:
    """The file's indent step (that of its first indented line); two spaces for a one-line file."""
    match = _FIRST_INDENT.search(text)
    return match.group(1) if match else "  "


def append_values(text: str, key: str, values: list) -> str:
    """`text` with `values` appended to the top-level array `key`, each in the file's indent; every
    other character stays as it was."""
    entry = calculate(text).get(pointer((key,)))
    if entry is None:
        raise KeyError(key)
    start, end = entry.value_start.position, entry.value_end.position  # end: just after "]"
    unit = indent_unit(text)
    line_start = text.rfind("\n", 0, start) + 1
    outer = text[line_start:start]
    outer = outer[: len(outer) - len(outer.lstrip())]
    inner = outer + unit
    body = text[start + 1:end - 1]
    rendered = [inner + json.dumps(v, indent=unit, ensure_ascii=False).replace("\n", "\n" + inner) for v in values]
    if body.strip():
        head = text[: end - 1].rstrip()
        return head + ",\n" + ",\n".join(rendered) + "\n" + outer + "]" + text[end:]
    return text[:start] + "[\n" + ",\n".join(rendered) + "\n" + outer + "]" + text[end:]
