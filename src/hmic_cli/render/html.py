"""The board paper as one self-contained HTML page (Jinja2, autoescaped; the template is package data).

No script, no remote asset, no web font: the page works offline, in an e-mail attachment, from a
shared drive, and prints as a board paper (its own `@page` rules: A4, page numbers, the protective
marking on every page, table headers repeated). The trend chart is inline SVG (`chart.py`); a table
of the same numbers follows it, on screen and in print. An evidence link is made only for an
`http(s)` URL; every other evidence is text.
"""

from __future__ import annotations

from typing import BinaryIO

from markupsafe import Markup

from hmic_cli.board_paper import Paper
from hmic_cli.board_words import long_date, progress_label
from hmic_cli.headline import change_text
from hmic_cli.render.board_rows import (
    ITEM_COLUMNS,
    ItemRows,
    change_rows,
    clean,
    named_items,
    rag_tag,
    time_tag,
)
from hmic_cli.render.chart import trend_chart
from hmic_cli.render.present import people_date, rag_meaning, short_date
from hmic_cli.vocabulary import Rag

__all__ = ["board_pack", "css_string", "time_tag"]


def css_string(text: str) -> Markup:
    """`text` as a CSS string for `content:` (every character but letters, digits and spaces escaped,
    so nothing in it can end the string or the style element). The space after each escape ends it
    and is not part of the text, as CSS says."""
    return Markup('"' + "".join(ch if ch.isalnum() and ch.isascii() or ch == " " else f"\\{ord(ch):06x} "
                         for ch in text) + '"')


def since_label(pack) -> str:
    return short_date(pack.since) if pack.since.year == pack.as_of.year else people_date(pack.since)


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("hmic_cli", "render/templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["clean"] = clean
    env.filters["time"] = time_tag
    env.filters["css_string"] = css_string
    env.globals.update(rag_tag=rag_tag, change_text=change_text, rag_meaning=rag_meaning, people_date=people_date,
                       long_date=long_date, Rag=Rag, change_rows=change_rows,
                       named_items=named_items, ITEM_COLUMNS=ITEM_COLUMNS,
                       progress_label=progress_label)
    return env


def board_pack(paper: Paper, out: BinaryIO) -> None:
    pack = paper.pack
    template = _environment().get_template("board.html.j2")
    chunks = template.generate(paper=paper, pack=pack, item_rows=ItemRows(), chart=trend_chart(pack.trend),
                               compact_chart=trend_chart(pack.trend, True), since=since_label(pack))
    for chunk in chunks:  # streamed: the page (138 MB at 100,000 records) is never held whole, nor twice
        out.write(chunk.encode("utf-8"))
