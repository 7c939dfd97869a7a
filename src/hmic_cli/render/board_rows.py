"""The board pack's long tables (overdue, due soon, awaiting sign-off, movements), row by row in Python.

A Jinja macro call per cell costs about 0.2 ms; at 100,000 records a pack can hold tens of thousands
of such rows, so they are written here with f-strings, every text from the data escaped
(`markupsafe.escape`) and made inert (`cell_text`), each date's `<time>` made once."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from markupsafe import Markup, escape

from hmic_cli import boardpack, waivers
from hmic_cli.headline import people_date
from hmic_cli.render.present import RAG_WORDS, days_wording, transition
from hmic_cli.sanitize import cell_text

_URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]+\Z", re.IGNORECASE)


def clean(value) -> str:
    return cell_text(str(value)) if value is not None else ""


def text(value) -> str:
    """Data text, inert and HTML-escaped."""
    return str(escape(clean(value)))


@lru_cache(maxsize=4096)
def _time(day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{people_date(day)}</time>'


def time_tag(day: date | None, empty: str = "-") -> Markup:
    """`<time datetime="2026-10-31">31 Oct 2026</time>`: for people and for machines."""
    return Markup(_time(day)) if day is not None else Markup(escape(empty))


def rag_tag(rag) -> Markup:
    return Markup(f'<span class="rag rag-{rag.value}">{RAG_WORDS[rag]}</span>')


def waiver_text(item, as_of: date) -> str:
    """'waived until 31 Oct 2026 — reason', or 'waiver expired ...' once its day has passed."""
    waiver = item.rec.waiver
    if waiver is None:
        return ""
    state = "waived until" if waivers.runs(waiver, as_of) else "waiver expired"
    by = f" ({clean(waiver.by)})" if waiver.by else ""
    return f"{state} {people_date(waiver.until)} — {clean(waiver.reason)}{by}"


def evidence(value) -> Markup:
    """A link for an http(s) URL (the URL shown in full, wrapping anywhere); other evidence as text."""
    value = clean(value)
    if _URL.match(value.strip()):
        url = escape(value.strip())
        return Markup(f'<a href="{url}" class="url">{url}</a>')
    return Markup(escape(value))


_EMPTY = ' class="empty"'


def _empty(flag: bool) -> str:
    return " empty" if flag else ""


def update_cell(item) -> str:
    last = boardpack.latest(item)
    if last is None:
        return ""
    by = f", {text(last.by)}" if last.by else ""
    proposed = getattr(last, "proposed_by", None)  # a sign-off (version 2): who proposed it, and when
    if proposed:
        on = getattr(last, "proposed_on", None)
        by += f"; proposed by {text(proposed)}" + (f" on {_time(on)}" if on else "")
    return f'{text(last.note)} <span class="note">{_time(last.on)}{by}</span>'


def item_rows(table: str, items, as_of: date) -> Markup:
    """The rows of an item table: ID (the row header), due date (and its revision), standing, RAG,
    status, owner, the text with its waiver and carried-forward notes, the latest update."""
    rows = []
    for i in items:
        rec = i.rec
        rid = text(rec.id)
        due = _time(i.due_date) if i.due_date else "-"
        if rec.due_revisions:
            was = _time(i.original_due_date) if i.original_due_date else "none"
            due += f' <span class="revised note">revised {len(rec.due_revisions)}×, was {was}</span>'
        notes = ""
        if rec.waiver:
            waived = " waived" if waivers.runs(rec.waiver, as_of) else ""
            notes += f' <span class="note{waived}">{escape(waiver_text(i, as_of))}</span>'
        carried = boardpack.carried_from(i)
        if carried:
            notes += f' <span class="note carried">carried forward from {text(carried)}</span>'
        standing = days_wording(i.days_left) if i.outstanding else rec.status.value
        update = update_cell(i)
        rows.append(
            f'<tr id="{table}-{rid}" data-id="{rid}"><th scope="row" class="id">{rid}</th>\n'
            f'<td data-label="Due date">{due}</td>\n'
            f'<td data-label="Standing">{standing}</td>\n'
            f'<td data-label="RAG"><span class="rag rag-{i.rag.value}">{RAG_WORDS[i.rag]}</span></td>\n'
            f'<td data-label="Status" class="nowrap">{rec.status.value}</td>\n'
            f'<td data-label="Owner">{text(rec.owner) if rec.owner else "no owner"}</td>\n'
            f'<td data-label="Recommendation" class="free">{text(rec.text)}{notes}</td>\n'
            f'<td data-label="Latest update" class="free{_empty(not update)}">{update}</td></tr>')
    return Markup("\n".join(rows))


def movement_rows(pack) -> Markup:
    """The rows of the movements table, newest first, each with its item's latest update."""
    by_id = {i.rec.id: i for i in pack.items}
    rows = []
    for m in pack.movements:
        entry = m.entry
        before = f'<span class="nowrap">{m.previous.value}</span> ' if m.previous else ""
        if entry.status is None:  # a version 2 edit entry
            change = text(transition(m))  # what changed, as `log` says it
        else:
            change = f'{before}→ <span class="nowrap">{entry.status.value}</span>'
        rows.append(
            f'<tr><td data-label="On">{_time(entry.on)}</td><th scope="row" class="id">{text(m.id)}</th>'
            f'<td data-label="Change">{change}</td>\n'
            f'<td data-label="Note" class="free">{text(entry.note)}</td>'
            f'<td data-label="By"{_EMPTY if not entry.by else ""}>{text(entry.by)}</td>'
            f'<td data-label="Evidence" class="free{_empty(not entry.evidence)}">{evidence(entry.evidence)}</td>\n'
            f'<td data-label="Latest update" class="free">{update_cell(by_id[m.id])}</td></tr>')
    return Markup("\n".join(rows))
