"""`hmic respond`: the draft response to a report, as Markdown, one HTML page or a Word document.

Each holds a heading, the report and its response clock, then one table row per item: its reference,
type, text, the action taken or proposed (or "No response yet"), owner and due date. Statuses and types
are words. The HTML is made with Jinja2 (autoescaped); the DOCX with python-docx, the marking in its
header and footer."""

from __future__ import annotations

from typing import BinaryIO, TextIO

from hmic_cli.cycle import Draft, DraftRow, words
from hmic_cli.render.present import people_date

MISSING = "No response yet"
HEADERS = ("Ref", "Type", "Recommendation", "Action taken or proposed", "Owner", "Due date")


def _title(draft: Draft) -> str:
    return f"Response to {draft.clock.report.title}"


def _facts(draft: Draft) -> list[str]:
    """The lines under the title: report, publication, the response clock, items without a response."""
    clock, report = draft.clock, draft.clock.report
    lines = [f"{report.inspectorate}: {report.title} ({report.force}), published {people_date(report.published)}."]
    if clock.due is not None:
        lines.append(f"Response due {people_date(clock.due)} ({clock.days} days after publication)"
                     + (f"; published {people_date(clock.responded)}." if clock.responded else "."))
    missing = len(draft.missing)
    lines.append(f"{len(draft.rows)} items; {missing} without a response yet." if missing
                 else f"{len(draft.rows)} items, each with a response.")
    lines.append(f"Drafted on {people_date(draft.as_of)}.")
    return lines


def cells(row: DraftRow) -> tuple[str, ...]:
    return (row.id, words(row.type).capitalize(), row.text, row.response or MISSING, row.owner or "",
            people_date(row.due_date) if row.due_date else "no due date")


def _md(text: str) -> str:
    """A table cell's text for Markdown: pipes escaped, lines joined."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def markdown(draft: Draft, out: TextIO) -> None:
    if draft.marking:
        out.write(f"**{_md(draft.marking)}**\n\n")
    out.write(f"# {_md(_title(draft))}\n\n")
    for line in _facts(draft):
        out.write(_md(line) + "\n\n")
    out.write("| " + " | ".join(HEADERS) + " |\n|" + "---|" * len(HEADERS) + "\n")
    for row in draft.rows:
        out.write("| " + " | ".join(_md(c) for c in cells(row)) + " |\n")
    if draft.marking:
        out.write(f"\n**{_md(draft.marking)}**\n")


_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>body{font-family:Arial,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #555;padding:.4em;text-align:left;vertical-align:top}.missing{font-style:italic}
.marking{text-align:center;font-weight:bold}</style></head><body>
{% if marking %}<header class="marking">{{ marking }}</header>{% endif %}
<h1>{{ title }}</h1>
{% for line in facts %}<p>{{ line }}</p>
{% endfor %}<table><thead><tr>{% for h in headers %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead><tbody>
{% for row in rows %}<tr>{% for c in row.cells %}<td{% if loop.index == 4 and row.missing %} class="missing"
{%- endif %}>{{ c }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table>
{% if marking %}<footer class="marking">{{ marking }}</footer>{% endif %}
</body></html>
"""


def html(draft: Draft, out: TextIO) -> None:
    from jinja2 import Environment

    template = Environment(autoescape=True).from_string(_PAGE)
    rows = [{"cells": cells(r), "missing": r.response is None} for r in draft.rows]
    out.write(template.render(title=_title(draft), facts=_facts(draft), headers=HEADERS, rows=rows,
                              marking=draft.marking))


def docx(draft: Draft, out: BinaryIO) -> None:
    from docx import Document

    document = Document()
    if draft.marking:
        section = document.sections[0]
        for part in (section.header, section.footer):
            part.paragraphs[0].text = draft.marking
    document.add_heading(_xml_safe(_title(draft)), level=1)
    for line in _facts(draft):
        document.add_paragraph(_xml_safe(line))
    document.add_heading("Recommendations and the action taken or proposed", level=2)
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = header
    for row in draft.rows:
        for cell, text in zip(table.add_row().cells, cells(row), strict=True):
            cell.text = _xml_safe(text)
    document.save(out)


def _xml_safe(text: str) -> str:
    """Text Word can hold: XML 1.0 forbids most control characters (python-docx would raise on them)."""
    return "".join(c if c in "\t\n" or ord(c) >= 0x20 else " " for c in text)
