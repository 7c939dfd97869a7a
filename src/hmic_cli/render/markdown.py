"""Markdown output: pipe tables for reports, PR comments and job summaries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TextIO

from hmic_cli.query import Item, Selection
from hmic_cli.sanitize import inert

_ACTIVE = re.compile(r"([\\`*_\[\]<>|#!~])")


def escape(text: object) -> str:
    """Text shown literally in a Markdown table cell: no markup, links, HTML or line breaks."""
    value = inert(str(text if text is not None else ""))
    value = _ACTIVE.sub(r"\\\1", value)
    return value.replace("\r\n", "\n").replace("\n", "<br>")


def table(header: Sequence[str], rows: Iterable[Sequence[object]], out: TextIO) -> None:
    out.write("| " + " | ".join(header) + " |\n")
    out.write("|" + "|".join("---" for _ in header) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(escape(v) for v in row) + " |\n")


def item_row(item: Item) -> tuple:
    rec = item.rec
    return (rec.id, rec.deadline.value, item.due_date.isoformat(), item.days_left, rec.status.value,
            ", ".join(rec.themes), rec.text)


LIST_HEADER = ("ID", "Deadline", "Due date", "Days left", "Status", "Themes", "Text")


def list_items(selection: Selection, out: TextIO) -> None:
    if selection.items:
        table(LIST_HEADER, (item_row(i) for i in selection.items), out)


def check(verdict, out: TextIO) -> None:
    """A summary for PR comments and GitHub job summaries: verdict, counts, failing items."""
    counts = verdict.counts()
    icon = "✅" if verdict.passed else "❌"
    out.write(f"## {icon} hmic check: {'pass' if verdict.passed else 'fail'}\n\n")
    out.write(escape(verdict.describe()) + "\n\n")
    table(("Checked", "Failing", "Overdue", "Outstanding", "Closed"),
          [(counts["checked"], counts["failing"], counts["overdue"], counts["outstanding"], counts["closed"])], out)
    if verdict.failing:
        out.write("\n### Failing recommendations\n\n")
        table(LIST_HEADER, (item_row(i) for i in verdict.failing), out)
