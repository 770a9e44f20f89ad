"""Charts for the programme's pages, drawn by Mesa as inline SVG (no script, no CDN, nothing fetched).

Each chart is horizontal stacked bars: one row per label, one segment per series, the row's total
at its end and a legend naming every series (colour is never the only cue: the legend and the
table beside each chart give the figures). Text is escaped; the SVG scales to its box."""
from __future__ import annotations

from typing import Sequence

from markupsafe import Markup, escape

SECTOR_COLOURS = {"public": "#1d4ed8", "private": "#b45309", "academic": "#7e22ce", "civil_society": "#15803d"}
STATUS_COLOURS = {"agreed": "#17643a", "deferred": "#c58a12", "rejected": "#a12622", "candidate": "#a3adb6",
                  "merged": "#6b7785"}
SESSION_COLOURS = {"closed": "#0b5563", "live": "#c0262d", "scheduled": "#7fb3bd", "draft": "#c3cad0"}
KIND_COLOURS = {"action_line": "#0b5563", "policy_reform": "#b45309"}

WIDTH = 560
LABEL_W = 150
ROW_H = 26
BAR_H = 18


def _ink_on(fill: str) -> str:
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#14212b" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def _clip(text: str, limit: int = 22) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def stacked_bars(rows: Sequence[tuple[str, Sequence[tuple[str, float, str]]]],
                 legend: Sequence[tuple[str, str]], colours: dict[str, str], *, title: str,
                 number=lambda v: str(v)) -> Markup:
    """rows: (label, [(series key, value, value text)…]); legend: [(series key, name)…]."""
    legend_h = 22
    height = legend_h + ROW_H * max(1, len(rows)) + 6
    top = max((sum(v for _, v, _ in segs) for _, segs in rows), default=0) or 1
    bar_w = WIDTH - LABEL_W - 60
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    x = 0.0
    for key, name in legend:
        parts.append(f'<rect x="{x:.1f}" y="4" width="12" height="12" rx="2" fill="{colours[key]}"/>'
                     f'<text x="{x + 16:.1f}" y="14" class="chart-legend">{escape(name)}</text>')
        x += 26 + 6.6 * len(str(name))
    for n, (label, segs) in enumerate(rows):
        y = legend_h + n * ROW_H
        parts.append(f'<text x="{LABEL_W - 8}" y="{y + 14}" text-anchor="end" class="chart-label">'
                     f'<title>{escape(label)}</title>{escape(_clip(label))}</text>')
        parts.append(f'<rect x="{LABEL_W}" y="{y + 1}" width="{bar_w}" height="{BAR_H}" fill="#f2f5f8"/>')
        cursor = float(LABEL_W)
        for key, value, text in segs:
            if not value:
                continue
            w = bar_w * value / top
            fill = colours[key]
            parts.append(f'<rect x="{cursor:.1f}" y="{y + 1}" width="{w:.1f}" height="{BAR_H}" fill="{fill}">'
                         f'<title>{escape(dict(legend).get(key, key))}: {escape(text)}</title></rect>')
            if w >= 8 * len(text) + 6:
                parts.append(f'<text x="{cursor + w / 2:.1f}" y="{y + 14}" text-anchor="middle" '
                             f'class="chart-value" fill="{_ink_on(fill)}">{escape(text)}</text>')
            cursor += w
        total = sum(v for _, v, _ in segs)
        parts.append(f'<text x="{cursor + 6:.1f}" y="{y + 14}" class="chart-total">{escape(number(total))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
