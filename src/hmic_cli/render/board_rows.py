"""The board paper's long tables (exceptions, changes, the register appendix), row by row in Python.

A Jinja macro call per cell costs about 0.2 ms; at 100,000 records the appendix holds tens of thousands
of rows, so they are written here with f-strings, every text from the data escaped
(`markupsafe.escape`) and made inert (`cell_text`), each date's `<time>` made once."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from markupsafe import Markup, escape

from hmic_cli.board_words import long_date, short_text
from hmic_cli.render.present import RAG_WORDS
from hmic_cli.sanitize import cell_text

_URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]+\Z", re.IGNORECASE)

# The columns of every item table: the same in the exceptions and the appendix (and in the Word paper).
ITEM_COLUMNS = ("ID", "Item", "Owner", "Due and status", "Latest progress", "Expected closure")


def clean(value) -> str:
    return cell_text(str(value)) if value is not None else ""


def text(value) -> str:
    """Data text, inert and HTML-escaped as markupsafe escapes it (`&#34;`, `&#39;`), in str's own
    replace: at 100,000 records a million cells, about three times quicker than `escape` and `Markup`
    (and a fifth quicker again looking for the five characters before replacing them: most texts have none)."""
    if value is None:
        return ""
    if value.__class__ is not str:
        value = str(value)
    if not value.isprintable():  # a control character (or a tab or line break): made inert first
        value = cell_text(value)
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
        return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
                .replace("'", "&#39;"))
    return value


common = lru_cache(maxsize=8192)(text)  # the values rows repeat: report titles, owners, types, closure words


@lru_cache(maxsize=4096)
def _time(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{long_date(day)}</time>'


def time_tag(day: date | None, empty: str = "-") -> Markup:
    """`<time datetime="2026-10-31">31 October 2026</time>`: for people and for machines."""
    return Markup(_time(day)) if day is not None else Markup(escape(empty))


def rag_tag(rag) -> Markup:
    return Markup(f'<span class="rag rag-{rag.value}">{RAG_WORDS[rag]}</span>')


def is_url(value: str | None) -> bool:
    return bool(value) and bool(_URL.match(value.strip()))


def evidence(value) -> str:
    """A link for an http(s) URL (the URL shown in full, wrapping anywhere); other evidence as text (HTML)."""
    value = "" if value is None else str(value)
    if not value.isprintable():  # as `clean`, which leaves printable text as it is (most evidence)
        value = cell_text(value)
    if _URL.match(value.strip()):
        url = text(value.strip())
        return f'<a href="{url}" class="url">{url}</a>'
    return text(value)


def update_cell(update) -> str:
    if update is None:
        return '<span class="none">no progress recorded</span>'
    by = f", {common(update.by)}" if update.by else ""
    said = f'{text(update.note)} <span class="note">{_time(update.on)}{by}</span>'
    if update.evidence:
        said += f' <span class="note">Evidence: {evidence(update.evidence)}</span>'
    return said


class ItemRows:
    """The rows of the item tables (`ITEM_COLUMNS`), for one page: the ID as the row header; the item's report
    and type above its text; an action under its parent.

    A row's cells are written once per page: an item in an exception table is written again in the register
    appendix with only its `<tr>` changed: at 100,000 records (benchmarks/generate.py, as of 2015-01-01) 95,000
    rows' cells are written instead of 139,000. The appendix comes `last`: its rows are not kept, and those
    kept from the exceptions are let go as it uses them, so the page's rows are never all held at once."""

    def __init__(self) -> None:
        self._cells: dict[int, tuple[str, str]] = {}  # id(row) -> (the escaped id, the row's cells)

    def __call__(self, table: str, rows, last: bool = False) -> Markup:
        made = self._cells
        out = []
        for r in rows:
            found = made.pop(id(r), None) if last else made.get(id(r))
            if found is None:
                found = _cells(r)
                if not last:
                    made[id(r)] = found
            rid, cells = found
            child = ' class="child"' if r.child else ""
            out.append(f'<tr id="{table}-{rid}" data-id="{rid}"{child}>{cells}')
        return Markup("\n".join(out))


_RAG_SPANS = {rag: f'<span class="rag rag-{rag.value}">{word}</span>' for rag, word in RAG_WORDS.items()}


def _cells(r) -> tuple[str, str]:
    i = r.item
    rec = i.rec
    rid = text(rec.id)
    notes = "".join([f' <span class="note">{text(n)}</span>' for n in r.notes]) if r.notes else ""
    due = _time(i.due_date) if i.due_date is not None else "no due date"
    return rid, (
        f'<th scope="row" class="id">{rid}</th>\n'
        f'<td data-label="Item" class="free"><span class="source">{common(r.report)}: '
        f'<span class="kind">{common(r.kind)}</span></span> {text(rec.text)}{notes}</td>\n'
        f'<td data-label="Owner">{common(rec.owner or "no owner")}</td>\n'
        f'<td data-label="Due and status">{due} {_RAG_SPANS[i.rag]}'
        f' <span class="note">{r.standing}; {r.status}</span></td>\n'
        f'<td data-label="Latest progress" class="free">{update_cell(r.update)}</td>\n'
        f'<td data-label="Expected closure">{common(r.expected)}</td></tr>')


def change_rows(group) -> Markup:
    """The rows of one group of changes: the item, its report, its text and what changed."""
    return Markup("\n".join(
        f'<tr><th scope="row" class="id">{text(c.id)}</th><td data-label="Report">{text(c.report)}</td>'
        f'<td data-label="Item" class="free">{text(c.text)}</td>'
        f'<td data-label="What changed" class="free">{text(c.detail)}</td></tr>' for c in group.lines))


def named_items(rows) -> Markup:
    """The items a decision names: 'MID-3 (PEEL 2023–25): the force should ...' in a list."""
    return Markup("\n".join(
        f'<li><span class="id">{text(r.id)}</span> ({text(short_text(r.report, 40))}, {common(r.kind)}): '
        f'{text(short_text(r.text, 100))}'
        f' <span class="note">{text(r.owner)}; {text(r.standing)}</span></li>' for r in rows))

