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


def _percent(p) -> str:
    return "n/a" if p.percent is None else f"{p.percent}%"


def themes(rows: list, as_of, out: TextIO) -> None:
    out.write(f"## Themes as of {as_of.isoformat()}\n\n")
    table(("Theme", "ID", "Total", "Outstanding", "Overdue", "Complete"),
          ((p.label, p.key, p.total, p.outstanding, p.overdue, _percent(p)) for p in rows), out)


def summary(s, out: TextIO) -> None:
    from hmic_cli.render.text import text_bar

    out.write(f"## Summary as of {s.as_of.isoformat()}\n\n")
    for r in s.reports:
        published = r.published.isoformat() + (" (estimated)" if r.published_note else "")
        out.write(f"- {escape(r.title)} — {escape(r.inspectorate)}, {escape(r.force)}, published {published}\n")
    o = s.overall
    out.write(f"\n**{_percent(o)} complete** ({o.complete} of {o.counted}), **{o.overdue} overdue**, "
              f"{o.outstanding} outstanding.\n\n")
    table(tuple(s.by_status), [tuple(s.by_status.values())], out)
    for title, rows in (("By deadline", s.by_deadline), ("By theme", s.by_theme)):
        out.write(f"\n### {title}\n\n")
        table(("", "Total", "Complete", "Overdue", "Progress"),
              ((p.label, p.total, p.complete, p.overdue, text_bar(p.fraction)) for p in rows), out)
    if s.overdue:
        out.write("\n### Overdue\n\n")
        table(LIST_HEADER, (item_row(i) for i in s.overdue), out)


def log(result, out: TextIO) -> None:
    from hmic_cli.render.text import transition

    if result.changes:
        table(("On", "ID", "Change", "Note", "Evidence", "By"),
              ((c.entry.on.isoformat(), c.id, transition(c), c.entry.note, c.entry.evidence, c.entry.by)
               for c in result.changes), out)
