"""Bar charts drawn on the server as accessible SVG: no script, no style attribute (the CSP
forbids both), colours from classes in reports.css.

Each chart has ``role="img"``, a ``<title>`` and a ``<desc>`` (what it shows and its largest
figures) named by ``aria-labelledby``, a text label on every bar and its value beside it; the
page shows the same numbers in a table next to the chart, with links to the records.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 720
LABEL_WIDTH = 250
BAR_LEFT = LABEL_WIDTH + 8
BAR_MAX = WIDTH - BAR_LEFT - 70
BAR_HEIGHT = 14
ROW_GAP = 10
LEGEND_HEIGHT = 26
MAX_LABEL_CHARS = 38


@dataclass(frozen=True)
class Row:
    label: str
    values: list[int]


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def describe(series: list[str], rows: list[Row]) -> str:
    """A sentence for screen readers: the total of each series and the three largest rows."""
    if not rows:
        return _("Chưa có số liệu.")
    parts = []
    for i, name in enumerate(series):
        total = sum(r.values[i] for r in rows)
        parts.append(f"{name}: {_number(total)}")
    top = sorted(rows, key=lambda r: -sum(r.values))[:3]
    largest = ", ".join(f"{r.label} ({_number(sum(r.values))})" for r in top if sum(r.values))
    text = _("Tổng cộng – %(totals)s.") % {"totals": "; ".join(parts)}
    if largest:
        text += " " + _("Lớn nhất: %(largest)s.") % {"largest": largest}
    return text


def bar_chart(chart_id: str, title: str, series: list[str], rows: list[Row]) -> SafeString:
    """Horizontal bars, one group per row, one bar per series."""
    n = max(len(series), 1)
    group = n * BAR_HEIGHT + ROW_GAP
    top = LEGEND_HEIGHT if n > 1 else 6
    height = top + max(len(rows), 1) * group + 6
    peak = max((v for r in rows for v in r.values), default=0) or 1
    parts: list[str] = [
        format_html(
            '<svg class="rp-chart" id="{id}" role="img" aria-labelledby="{id}-t {id}-d" '
            'viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>',
            id=chart_id,
            w=WIDTH,
            h=height,
            title=title,
            desc=describe(series, rows),
        )
    ]
    if n > 1:
        x = BAR_LEFT
        for i, name in enumerate(series):
            parts.append(
                format_html(
                    '<rect class="rp-s{i}" x="{x}" y="6" width="12" height="12"/>'
                    '<text class="rp-text" x="{tx}" y="16">{name}</text>',
                    i=i,
                    x=x,
                    tx=x + 16,
                    name=name,
                )
            )
            x += 24 + 7 * len(name)
    if not rows:
        parts.append(
            format_html(
                '<text class="rp-text" x="{x}" y="{y}">{t}</text>',
                x=BAR_LEFT,
                y=top + 14,
                t=_("Chưa có số liệu."),
            )
        )
    for index, row in enumerate(rows):
        y = top + index * group
        parts.append(
            format_html(
                '<text class="rp-text rp-label" x="{x}" y="{y}" text-anchor="end">{label}</text>',
                x=LABEL_WIDTH,
                y=y + n * BAR_HEIGHT / 2 + 5,
                label=_short(row.label),
            )
        )
        for i, value in enumerate(row.values):
            width = round(BAR_MAX * value / peak, 1)
            by = y + i * BAR_HEIGHT
            parts.append(
                format_html(
                    '<rect class="rp-s{i}" x="{x}" y="{y}" width="{w}" height="{h}"/>'
                    '<text class="rp-text rp-value" x="{vx}" y="{vy}">{v}</text>',
                    i=i,
                    x=BAR_LEFT,
                    y=by + 1,
                    w=width,
                    h=BAR_HEIGHT - 2,
                    vx=BAR_LEFT + width + 6,
                    vy=by + BAR_HEIGHT - 2,
                    v=_number(value),
                )
            )
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308  (every value is escaped)
