"""The board pack as one self-contained HTML page (Jinja2, autoescaped; the template is package data).

No script, no remote asset, no web font: the page works offline, in an e-mail attachment, from a
shared drive, and prints as a board paper (its own `@page` rules: A4, page numbers, the protective
marking on every page, table headers repeated). The trend chart is inline SVG (`chart.py`); a table
of the same numbers follows it, on screen and in print. An evidence link is made only for an
`http(s)` URL; every other evidence is text.
"""

from __future__ import annotations

import re
from datetime import date
from typing import BinaryIO

from markupsafe import Markup, escape

from hmic_cli import boardpack
from hmic_cli.boardpack import BoardPack
from hmic_cli.headline import change_text
from hmic_cli.render.chart import trend_chart
from hmic_cli.render.present import RAG_WORDS, days_wording, people_date, rag_meaning, short_date
from hmic_cli.sanitize import cell_text
from hmic_cli.vocabulary import Rag

_URL = re.compile(r"https?://[^\s<>\"'\x00-\x1f\x7f]+\Z", re.IGNORECASE)


def _clean(value) -> str:
    return cell_text(str(value)) if value is not None else ""


def time_tag(day: date | None, empty: str = "-") -> Markup:
    """`<time datetime="2026-10-31">31 Oct 2026</time>`: for people and for machines."""
    if day is None:
        return Markup(escape(empty))
    return Markup(f'<time datetime="{day.isoformat()}">{people_date(day)}</time>')


def rag_tag(rag) -> Markup:
    return Markup(f'<span class="rag rag-{rag.value}">{RAG_WORDS[rag]}</span>')


def waiver_text(item, as_of: date) -> str:
    """'waived until 31 Oct 2026 — reason', or 'waiver expired ...' once its day has passed."""
    waiver = item.rec.waiver
    if waiver is None:
        return ""
    state = "waived until" if as_of <= waiver.until else "waiver expired"
    by = f" ({_clean(waiver.by)})" if waiver.by else ""
    return f"{state} {people_date(waiver.until)} — {_clean(waiver.reason)}{by}"


def evidence(text) -> Markup:
    """A link for an http(s) URL (the URL shown in full, wrapping anywhere); other evidence as text."""
    text = _clean(text)
    if _URL.match(text.strip()):
        url = text.strip()
        return Markup(f'<a href="{escape(url)}" class="url">{escape(url)}</a>')
    return Markup(escape(text))


def css_string(text: str) -> Markup:
    """`text` as a CSS string for `content:` (every character but letters, digits and spaces escaped,
    so nothing in it can end the string or the style element). The space after each escape ends it
    and is not part of the text, as CSS says."""
    return Markup('"' + "".join(ch if ch.isalnum() and ch.isascii() or ch == " " else f"\\{ord(ch):06x} "
                         for ch in text) + '"')


def since_label(pack: BoardPack) -> str:
    return short_date(pack.since) if pack.since.year == pack.as_of.year else people_date(pack.since)


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("hmic_cli", "render/templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["clean"] = _clean
    env.filters["time"] = time_tag
    env.filters["css_string"] = css_string
    env.globals.update(rag_tag=rag_tag, days=days_wording, waiver_text=waiver_text, evidence=evidence,
                       latest=boardpack.latest, carried_from=boardpack.carried_from, change_text=change_text,
                       rag_meaning=rag_meaning, people_date=people_date, Rag=Rag)
    return env


def board_pack(pack: BoardPack, out: BinaryIO) -> None:
    env = _environment()
    env.tests["waived_now"] = pack.waived
    template = env.get_template("board.html.j2")
    page = template.render(pack=pack, chart=trend_chart(pack.trend), compact_chart=trend_chart(pack.trend, True),
                           since=since_label(pack))
    out.write(page.encode("utf-8"))
