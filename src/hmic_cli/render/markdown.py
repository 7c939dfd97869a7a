"""Markdown output: pipe tables for reports, PR comments and job summaries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TextIO

from hmic_cli.cycle import figure_lines
from hmic_cli.query import Item, Selection
from hmic_cli.render.link_rows import issuer_said
from hmic_cli.render.present import text_bar, transition
from hmic_cli.sanitize import inert
from hmic_cli.vocabulary import word

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
    return (rec.id, item.rag.value, word(rec.deadline), item.due_date.isoformat() if item.due_date else "-",
            "" if item.days_left is None else item.days_left, word(rec.status), ", ".join(rec.themes),
            rec.owner or "", rec.text)


LIST_HEADER = ("ID", "RAG", "Deadline", "Due date", "Days left", "Status", "Themes", "Owner", "Text")


def list_items(selection: Selection, out: TextIO) -> None:
    if selection.items:
        said = issuer_said(selection.items)
        rows = (item_row(i) for i in selection.items)
        if said:  # the text says the item's type in its issuer's words, and what it answers
            rows = ((*row[:-1], said(i) + row[-1]) for i, row in zip(selection.items, rows, strict=True))
        table(LIST_HEADER, rows, out)


def check(verdict, out: TextIO) -> None:
    """A summary for PR comments and GitHub job summaries: verdict, counts, failing items."""
    counts = verdict.counts()
    icon = "✅" if verdict.passed else "❌"
    out.write(f"## {icon} hmic check: {'pass' if verdict.passed else 'fail'}\n\n")
    out.write(escape(verdict.describe()) + "\n\n")
    table(("Checked", "Failing", "Warnings", "Waived", "Overdue", "Outstanding", "Closed"),
          [(counts["checked"], counts["failing"], counts["warnings"], counts["waived"], counts["overdue"],
            counts["outstanding"], counts["closed"])], out)
    for title, items in (("Failing recommendations", verdict.failing),
                         (f"Due within {verdict.warn_within} days (warnings)", verdict.warnings)):
        if items:
            out.write(f"\n### {title}\n\n")
            table(LIST_HEADER, (item_row(i) for i in items), out)
    if verdict.rewrites:
        out.write(f"\n### Changes that rewrite the record since {escape(verdict.against)}\n\n")
        table(("Line", "Kind", "ID", "Finding"),
              ((f.line or "", f.kind, f.id, f.message) for f in verdict.rewrites), out)
    if verdict.waived:
        out.write("\n### Waived\n\n")
        table(("ID", "Due date", "Waived until", "Reason", "By"),
              ((i.rec.id, i.due_date.isoformat() if i.due_date else "-", i.rec.waiver.until.isoformat(),
                i.rec.waiver.reason, i.rec.waiver.by or "") for i in verdict.waived), out)


def _percent(p) -> str:
    return "n/a" if p.percent is None else f"{p.percent}%"


def themes(result, out: TextIO) -> None:
    out.write(f"## Themes as of {result.as_of.isoformat()}\n\n")
    table(("Theme", "ID", "Total", "Outstanding", "Overdue", "Complete"),
          ((p.label, p.key, p.total, p.outstanding, p.overdue, _percent(p)) for p in result.rows), out)


def summary(s, out: TextIO) -> None:
    out.write(f"## Summary as of {s.as_of.isoformat()}\n\n")
    for r in s.reports:
        published = r.published.isoformat() + (" (estimated)" if r.published_note else "")
        out.write(f"- {escape(r.title)} — {escape(r.inspectorate)}, {escape(r.force)}, published {published}\n")
    o = s.overall
    out.write(f"\n**{_percent(o)} complete** ({o.complete} of {o.counted}), **{o.overdue} overdue**, "
              f"{o.outstanding} outstanding.\n\n")
    table(tuple(word(status) for status in s.by_status), [tuple(s.by_status.values())], out)
    out.write("\n")
    table(tuple(r.upper() if r != "closed" else "Closed" for r in s.by_rag), [tuple(s.by_rag.values())], out)
    for line in figure_lines(s.cycle):  # issue 31
        out.write(f"\n{escape(line)}.\n")
    for title, rows in (("By deadline", s.by_deadline), ("By theme", s.by_theme), ("By owner", s.by_owner)):
        out.write(f"\n### {title}\n\n")
        said = word if rows is s.by_deadline else str  # deadline classes in words; labels and names as they are
        table(("", "Total", "Complete", "Overdue", "Progress"),
              ((said(p.label), p.total, p.complete, p.overdue, text_bar(p.fraction)) for p in rows), out)
    if s.overdue:
        out.write("\n### Overdue\n\n")
        table(LIST_HEADER, (item_row(i) for i in s.overdue), out)


def log(result, out: TextIO) -> None:
    if result.movements:
        table(("On", "ID", "Change", "Note", "Evidence", "By"),
              ((c.entry.on.isoformat(), c.id, transition(c), c.entry.note, c.entry.evidence, c.entry.by)
               for c in result.movements), out)
