"""The board pack's trend as an inline SVG line chart: no script, no chart library, vector when printed.

Two drawings of the same numbers: a wide one (screens and print) and a compact one for a phone, whose
text stays legible at 320 px. Every label is placed inside the drawing (the first x label starts at
the axis, the last ends at the right edge), so none is cut. Colours come from CSS classes, with a
`forced-colors` rule in the page, so the chart keeps its text and lines in Windows High Contrast; the
two lines also differ by dash and marker, not by colour alone.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from hmic_cli.render.present import month_label, people_date

WIDE = (720, 270, 8)  # width, height, most x labels
COMPACT = (340, 250, 2)


def trend_chart(points, compact: bool = False) -> Markup:
    """An SVG of outstanding and overdue counts over `points` (TrendPoint); every text escaped."""
    width, height, most_labels = COMPACT if compact else WIDE
    font = 13 if compact else 11
    peak = max([p.outstanding for p in points] + [1])
    step = _nice_step(peak)
    y_max = step * -(-peak // step)
    left = 12 + int(font * 0.62 * len(str(y_max)))
    right, top, bottom = 14, 12, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(points)

    def x(k: int) -> float:
        return left + (plot_w * k / (n - 1) if n > 1 else plot_w / 2)

    def y(v: int) -> float:
        return top + plot_h - plot_h * v / y_max

    name = "trend-compact" if compact else "trend-wide"
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{name}-title" class="chart {name}" font-size="{font}">',
             f'<title id="{name}-title">Outstanding and overdue recommendations at each month end, from '
             f'{escape(people_date(points[0].on))} to {escape(people_date(points[-1].on))} (the numbers follow '
             f'in a table)</title>']
    for v in range(0, y_max + 1, step):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 5}" y="{y(v) + font * 0.35:.1f}" text-anchor="end">{v}</text>')
    base = top + plot_h + font + 6
    parts.extend(_x_labels(points, x, base, font, most_labels))
    for kind, values in (("outstanding", [p.outstanding for p in points]), ("overdue", [p.overdue for p in points])):
        coords = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in enumerate(values))
        parts.append(f'<polyline points="{coords}" class="{kind}"/>')
        if n <= 24:  # markers: a circle for outstanding, a square for overdue
            for k, v in enumerate(values):
                parts.append(_marker(kind, x(k), y(v)))
    legend_y = height - 8
    parts.append(f'<line x1="{left}" x2="{left + 22}" y1="{legend_y - 4}" y2="{legend_y - 4}" class="outstanding"/>')
    parts.append(_marker("outstanding", left + 11, legend_y - 4))
    parts.append(f'<text x="{left + 28}" y="{legend_y}">Outstanding</text>')
    gap = left + (font * 8 + 40)
    parts.append(f'<line x1="{gap}" x2="{gap + 22}" y1="{legend_y - 4}" y2="{legend_y - 4}" class="overdue"/>')
    parts.append(_marker("overdue", gap + 11, legend_y - 4))
    parts.append(f'<text x="{gap + 28}" y="{legend_y}">Overdue</text>')
    parts.append("</svg>")
    return Markup("\n".join(parts))


def _marker(kind: str, cx: float, cy: float) -> str:
    if kind == "outstanding":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" class="{kind} marker"/>'
    return f'<rect x="{cx - 3:.1f}" y="{cy - 3:.1f}" width="6" height="6" class="{kind} marker"/>'


def _x_labels(points, x, base: float, font: int, most: int) -> list[str]:
    """Month labels ('Jan 2014') and the last point's full date, none overlapping, none past an edge."""
    n = len(points)
    label_w = font * 0.6 * 11  # about 11 characters ('29 Jul 2014')
    last = people_date(points[-1].on)
    chosen = [n - 1]
    every = max(1, -(-n // most)) if most > 2 else max(1, n - 1)
    for k in range(0, n - 1, every):
        if x(n - 1) - x(k) >= label_w * 1.1:
            chosen.append(k)
    parts = []
    for k in sorted(set(chosen)):
        text = last if k == n - 1 else month_label(points[k].on)
        anchor = "end" if k == n - 1 and n > 1 else ("start" if k == 0 else "middle")
        parts.append(f'<text x="{x(k):.1f}" y="{base:.1f}" text-anchor="{anchor}">{escape(text)}</text>')
    return parts


def _nice_step(peak: int) -> int:
    """A round gridline step giving at most about five lines up to `peak`."""
    raw = max(1, -(-peak // 5))
    magnitude = 10 ** (len(str(raw)) - 1)
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude
