"""The board pack as one self-contained HTML page (Jinja2, autoescaped; the template is package data).

No script, no remote asset, no web font: the page works offline, in an e-mail attachment, from a
shared drive, and prints as a board paper (its own `@page` rules: A4, page numbers, the protective
marking on every page, table headers repeated). The trend chart is inline SVG (`chart.py`); a table
of the same numbers follows it, on screen and in print. An evidence link is made only for an
`http(s)` URL; every other evidence is text.
"""

from __future__ import annotations

from typing import BinaryIO

from markupsafe import Markup

from hmic_cli.boardpack import BoardPack
from hmic_cli.headline import change_text
from hmic_cli.render.board_rows import clean, evidence, item_rows, movement_rows, rag_tag, time_tag
from hmic_cli.render.chart import trend_chart
from hmic_cli.render.present import people_date, rag_meaning, short_date
from hmic_cli.vocabulary import Rag

__all__ = ["board_pack", "css_string", "evidence", "time_tag"]


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
    env.filters["clean"] = clean
    env.filters["time"] = time_tag
    env.filters["css_string"] = css_string
    env.globals.update(rag_tag=rag_tag, change_text=change_text, rag_meaning=rag_meaning, people_date=people_date,
                       Rag=Rag)
    return env


def board_pack(pack: BoardPack, out: BinaryIO) -> None:
    env = _environment()
    env.tests["waived_now"] = pack.waived
    env.globals.update(item_rows=lambda table, items: item_rows(table, items, pack.as_of),
                       movement_rows=movement_rows)
    template = env.get_template("board.html.j2")
    page = template.render(pack=pack, chart=trend_chart(pack.trend), compact_chart=trend_chart(pack.trend, True),
                           since=since_label(pack))
    out.write(page.encode("utf-8"))
