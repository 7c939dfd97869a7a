"""`hmic config`: each setting, its value and where it comes from."""

from __future__ import annotations

import json
from typing import TextIO

from hmic_cli.render.json_format import dump
from hmic_cli.render.table import Column, Grid, console, put
from hmic_cli.sanitize import one_line


def _shown(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict) and any(isinstance(v, dict) for v in value.values()):  # [issuers.NAME] tables
        return "; ".join(f"{k}: " + ", ".join(f"{key} {_shown(v)}" for key, v in table.items())
                         for k, table in value.items()) or "-"
    if isinstance(value, dict):
        return ", ".join(f"{k} <{v}>" for k, v in value.items()) or "-"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "-"
    return str(value)


def as_table(view, out: TextIO) -> None:
    con = console(out)
    from rich.text import Text

    con.print(Text("Project file: " + (one_line(str(view.file)) if view.file else "none found "
                                       "(hmic.toml or [tool.hmic] in pyproject.toml, here or above)")))
    rows = [[key, one_line(_shown(value)), one_line(origin)] for key, value, origin in view.rows]
    put(con, Grid([Column("Key"), Column("Value", wrap=True), Column("Origin", wrap=True)], rows))


def as_json(view, out: TextIO) -> None:
    dump({"file": str(view.file) if view.file else None,
          "settings": {key: {"value": json.loads(json.dumps(value, default=str)), "origin": origin}
                       for key, value, origin in view.rows}}, out)

