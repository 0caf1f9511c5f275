"""Server-rendered SVG bar charts: no script, no CDN, readable by screen readers.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` listing every value,
and uses presentation attributes only (the panel's CSP allows no inline styles).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from web.services.visible import visible

BAR = "#b3261e"
BAR_ALT = "#1a5fb4"
TEXT = "#1d2327"
GRID = "#d8dee2"


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")  # Vietnamese thousands separator
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return float(top)
    return float(value)


def bar_chart(
    rows: Sequence[tuple[str, float]],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    chart_id: str = "chart",
    color: str = BAR,
) -> Markup:
    """Horizontal bars, one per (label, value), largest scale rounded up to a nice number."""
    label_w = min(220, max(80, 8 * max((len(label) for label, _ in rows), default=6)))
    value_w = 70
    bar_h, gap, top = 22, 8, 8
    height = top + len(rows) * (bar_h + gap) + 4
    plot_w = max(60, width - label_w - value_w)
    top_value = _nice_max(max((v for _, v in rows), default=0.0))
    desc = "; ".join(f"{label}: {_fmt(v)} {unit}".strip() for label, v in rows)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="100%" '
        f'viewBox="0 0 {width} {max(height, 30)}" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(visible(title))}</title>',
        f'<desc id="{chart_id}-desc">{escape(visible(desc))}</desc>',
    ]
    if not rows:
        out.append(f'<text x="0" y="20" fill="{TEXT}" font-size="14">—</text>')
    for i, (label, value) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = 0 if top_value <= 0 else round(plot_w * value / top_value, 1)
        out.append(
            f'<g><text x="{label_w - 6}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" font-size="13" '
            f'fill="{TEXT}">{escape(visible(label))}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="{color}" rx="2"/>'
            f'<text x="{label_w + w + 5:.1f}" y="{y + bar_h * 0.7:.1f}" font-size="13" '
            f'fill="{TEXT}">{escape(_fmt(value))}</text></g>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def column_chart(
    rows: Sequence[tuple[str, float]],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    height: int = 200,
    chart_id: str = "chart",
    color: str = BAR_ALT,
) -> Markup:
    """Vertical columns over time (one per month), with the value above each column."""
    left, bottom, top = 8, 24, 18
    n = max(1, len(rows))
    slot = (width - left) / n
    col_w = max(6.0, slot * 0.6)
    plot_h = height - bottom - top
    top_value = _nice_max(max((v for _, v in rows), default=0.0))
    desc = "; ".join(f"{label}: {_fmt(v)} {unit}".strip() for label, v in rows)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="100%" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(visible(title))}</title>',
        f'<desc id="{chart_id}-desc">{escape(visible(desc))}</desc>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="{GRID}"/>',
    ]
    for i, (label, value) in enumerate(rows):
        h = 0 if top_value <= 0 else round(plot_h * value / top_value, 1)
        x = left + i * slot + (slot - col_w) / 2
        y = height - bottom - h
        cx = x + col_w / 2
        out.append(
            f'<g><rect x="{x:.1f}" y="{y:.1f}" width="{col_w:.1f}" height="{h}" fill="{color}" rx="2"/>'
            f'<text x="{cx:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="12" '
            f'fill="{TEXT}">{escape(_fmt(value))}</text>'
            f'<text x="{cx:.1f}" y="{height - 6}" text-anchor="middle" font-size="12" '
            f'fill="{TEXT}">{escape(visible(label))}</text></g>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def text_bar(value: float, top_value: float, *, width: int = 20) -> str:
    """The chart as text, for documents that cannot hold SVG (the DOCX export)."""
    if top_value <= 0 or value <= 0:
        return ""
    return "█" * max(1, round(width * value / top_value))
