"""The ids a spreadsheet's Ref column gives its rows: a Ref that is an id is kept; a bare number or a
Ref that is not an id becomes `PREFIX-REF`; Refs that restart per report are prefixed by report."""

from __future__ import annotations

import re

from hmic_cli.errors import Problem
from hmic_cli.importing.sheet_rows import Row
from hmic_cli.models import ITEM_ID


def id_from_ref(ref: str, prefix: str) -> str | None:
    """The Ref as an id when it is one (not a bare number); else `PREFIX-REF` cleaned; None if unusable."""
    if re.fullmatch(ITEM_ID, ref) and not re.fullmatch(r"[\d.]+", ref):
        return ref
    cleaned = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", ref)).strip("-._")
    candidate = f"{prefix}-{cleaned}" if cleaned else ""
    return candidate if re.fullmatch(ITEM_ID, candidate) else None


def row_ids(rows: list[Row], prefixes: dict, problems: list[Problem]) -> tuple[dict[int, str | None], dict]:
    """Row number -> the id its Ref gives (None: to be numbered). Refs that restart per report (the same
    Ref under two reports) are all prefixed with their report's prefix; any other repeat is a problem."""
    raw: dict[int, str] = {}
    reports_of: dict[str, set] = {}
    for row in rows:
        if row.ref is not None and (item_id := id_from_ref(row.ref, prefixes[row.report])):
            raw[row.number] = item_id
            reports_of.setdefault(item_id, set()).add(row.report)
    ids: dict[int, str | None] = {}
    first: dict[str, Row] = {}
    for row in rows:
        if row.ref is None:
            ids[row.number] = None
            continue
        item_id = raw.get(row.number)
        if item_id and len(reports_of[item_id]) > 1 and not item_id.startswith(prefixes[row.report] + "-"):
            item_id = id_from_ref(f"{prefixes[row.report]}-{row.ref}", prefixes[row.report])
        if item_id is None:
            problems.append(Problem(f"Ref {row.ref!r} cannot be made an id (letters, digits, '.', '_' or '-', "
                                    "at most 32)", row.cells["id"]))
            continue
        if item_id in first:
            problems.append(Problem(f"Ref {row.ref!r} gives id {item_id}, as row {first[item_id].number} does",
                                    row.cells["id"]))
            continue
        first[item_id] = row
        ids[row.number] = item_id
    return ids, first
