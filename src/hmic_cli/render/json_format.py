"""JSON output: stable, documented, faithful to the data (control characters escaped)."""

from __future__ import annotations

import json
from typing import TextIO

from hmic_cli.query import Item, Selection


def item_dict(item: Item) -> dict:
    """A recommendation's stored fields plus its derived `due_date`, `days_left`, `overdue`, `outstanding`."""
    out = item.rec.model_dump(mode="json")
    out["due_date"] = item.due_date.isoformat()
    out["days_left"] = item.days_left
    out["overdue"] = item.overdue
    out["outstanding"] = item.outstanding
    return out


def dump(document: object, out: TextIO) -> None:
    json.dump(document, out, indent=2, ensure_ascii=True)
    out.write("\n")


def list_items(selection: Selection, out: TextIO) -> None:
    dump({
        "as_of": selection.as_of.isoformat(),
        "filters": selection.filters.as_dict(),
        "sort": selection.sort,
        "count": len(selection.items),
        "recommendations": [item_dict(i) for i in selection.items],
    }, out)


def problems(results: list, out: TextIO) -> None:
    dump({
        "valid": not any(found for _, found in results),
        "files": [{
            "file": file,
            "valid": not found,
            "count": len(found),
            "problems": [
                {"path": p.path, "line": p.line, "column": p.column, "message": p.message} for p in found
            ],
        } for file, found in results],
    }, out)


def show_item(item: Item, theme_labels: dict[str, str], out: TextIO) -> None:
    document = item_dict(item)
    document["report_detail"] = item.report.model_dump(mode="json")
    document["theme_labels"] = {t: theme_labels.get(t, t) for t in item.rec.themes}
    dump(document, out)


def check(verdict, out: TextIO) -> None:
    dump({
        "verdict": "pass" if verdict.passed else "fail",
        "as_of": verdict.as_of.isoformat(),
        "fail_on": verdict.policy.value,
        "filters": verdict.filters_used(),
        "counts": verdict.counts(),
        "failing": [item_dict(i) for i in verdict.failing],
    }, out)
