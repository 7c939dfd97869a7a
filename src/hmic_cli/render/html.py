"""The board pack as one self-contained HTML page (Jinja2, autoescaped; the template is package data).

No script, no remote asset, no web font: the page works offline, in an e-mail attachment, from a
shared drive, and prints well (an `@media print` block). The trend chart is an inline SVG drawn here
from the numbers, so it needs no JavaScript or chart library, scales without blurring and prints
as vector lines; a table of the same numbers follows it for screen readers and for copying.
"""

from __future__ import annotations

from typing import BinaryIO

from markupsafe import Markup, escape

from hmic_cli.boardpack import BoardPack, TrendPoint
from hmic_cli.sanitize import cell_text


def _change(movement) -> str:
    from hmic_cli.render.text import transition

    return cell_text(transition(movement))


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("hmic_cli", "render/templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["clean"] = lambda value: cell_text(str(value)) if value is not None else ""
    env.filters["iso"] = lambda value: value.isoformat() if value else "-"
    env.filters["change"] = _change  # a movement as `log` shows it (an edit entry: what changed)
    return env


def board_pack(pack: BoardPack, out: BinaryIO) -> None:
    template = _environment().get_template("board.html.j2")
    page = template.render(pack=pack, chart=trend_chart(pack.trend), max_bar=100)
    out.write(page.encode("utf-8"))


def trend_chart(points: list[TrendPoint], width: int = 720, height: int = 260) -> Markup:
    """An SVG line chart of outstanding and overdue counts; every text in it escaped."""
    left, right, top, bottom = 44, 16, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([p.outstanding for p in points] + [1])
    step = _nice_step(peak)
    y_max = step * -(-peak // step)
    n = len(points)

    def x(k: int) -> float:
        return left + (plot_w * k / (n - 1) if n > 1 else plot_w / 2)

    def y(v: int) -> float:
        return top + plot_h - plot_h * v / y_max

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="trend-title" class="chart">',
             '<title id="trend-title">Outstanding and overdue recommendations over time</title>']
    for v in range(0, y_max + 1, step):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>')
    every = max(1, -(-n // 8))
    for k in range(0, n, every):
        label = escape(points[k].on.isoformat()[:7] if k < n - 1 else points[k].on.isoformat())
        parts.append(f'<text x="{x(k):.1f}" y="{height - bottom + 18}" text-anchor="middle">{label}</text>')
    if (n - 1) % every:
        parts.append(f'<text x="{x(n - 1):.1f}" y="{height - bottom + 32}" text-anchor="end">'
                     f'{escape(points[-1].on.isoformat())}</text>')
    for name, values in (("outstanding", [p.outstanding for p in points]), ("overdue", [p.overdue for p in points])):
        coords = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in enumerate(values))
        parts.append(f'<polyline points="{coords}" class="{name}"/>')
        if n == 1:
            parts.append(f'<circle cx="{x(0):.1f}" cy="{y(values[0]):.1f}" r="3" class="{name}"/>')
    legend_y = height - 6
    parts.append(f'<line x1="{left}" x2="{left + 18}" y1="{legend_y - 4}" y2="{legend_y - 4}" class="outstanding"/>')
    parts.append(f'<text x="{left + 22}" y="{legend_y}">outstanding</text>')
    parts.append(f'<line x1="{left + 120}" x2="{left + 138}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
                 f'class="overdue"/>')
    parts.append(f'<text x="{left + 142}" y="{legend_y}">overdue</text>')
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _nice_step(peak: int) -> int:
    """A round gridline step giving at most about five lines up to `peak`."""
    raw = max(1, -(-peak // 5))
    magnitude = 10 ** (len(str(raw)) - 1)
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude
