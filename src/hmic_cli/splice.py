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
