"""Charts for the programme's pages, drawn by Mesa as SVG documents (no script, no CDN, nothing
fetched; served by `/programmes/{id}/charts/<name>.svg` and shown as images, so the dashboard
refreshes one by changing its address). Styles are presentation attributes: Mesa's
Content-Security-Policy, sent with the SVG too, allows no inline `<style>`.

Each chart is horizontal stacked bars: one row per label (written above its bar), one segment per
series, the row's total at its end and a legend naming every series (colour is never the only cue: the legend and the
table beside each chart give the figures). Text is escaped; the SVG scales to its box."""
from __future__ import annotations

from typing import Sequence

from markupsafe import escape

SECTOR_COLOURS = {"public": "#1d4ed8", "private": "#b45309", "academic": "#7e22ce", "civil_society": "#15803d"}
STATUS_COLOURS = {"agreed": "#17643a", "deferred": "#c58a12", "rejected": "#a12622", "candidate": "#a3adb6",
                  "merged": "#6b7785"}
SESSION_COLOURS = {"closed": "#0b5563", "live": "#c0262d", "scheduled": "#7fb3bd", "draft": "#c3cad0"}
KIND_COLOURS = {"action_line": "#0b5563", "policy_reform": "#b45309"}

WIDTH = 400
ROW_H = 44
BAR_H = 20
FONT = 13
LEGEND_ROW = 20


def _ink_on(fill: str) -> str:
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#14212b" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def _clip(text: str, width: float, size: float = FONT) -> str:
    """`text` cut to what fits in `width` (an average glyph is about 0.56 em)."""
    limit = max(4, int(width / (size * 0.6)))
    return text if len(text) <= limit else text[:limit - 1] + "…"


INK = "#14212b"
TEXT = f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif" font-size="{FONT}"'


def _legend(entries: Sequence[tuple[str, str]], colours: dict[str, str]) -> tuple[list[str], float]:
    """The legend's swatches and names, wrapped onto as many rows as the width needs."""
    parts, x, y = [], 0.0, 0.0
    for key, name in entries:
        w = 22 + len(str(name)) * FONT * 0.56
        if x and x + w > WIDTH:
            x, y = 0.0, y + LEGEND_ROW
        parts.append(f'<rect x="{x:.1f}" y="{y + 4:.1f}" width="12" height="12" rx="2" fill="{colours[key]}"/>'
                     f'<text x="{x + 16:.1f}" y="{y + 15:.1f}" fill="{INK}">{escape(name)}</text>')
        x += w + 10
    return parts, y + LEGEND_ROW + 6


def stacked_bars(rows: Sequence[tuple[str, Sequence[tuple[str, float, str]]]],
                 legend: Sequence[tuple[str, str]], colours: dict[str, str], *, title: str,
                 number=lambda v: str(v)) -> tuple[str, float]:
    """rows: (label, [(series key, value, value text)…]); legend: [(series key, name)…]. Returns the
    SVG and its height (its width is WIDTH)."""
    legend_parts, legend_h = _legend(legend, colours)
    height = legend_h + ROW_H * max(1, len(rows)) - 4
    top = max((sum(v for _, v, _ in segs) for _, segs in rows), default=0) or 1
    bar_w = WIDTH - 60
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" '
             f'height="{height:.0f}" role="img" aria-label="{escape(title)}" {TEXT}><title>{escape(title)}</title>',
             *legend_parts]
    for n, (label, segs) in enumerate(rows):
        y = legend_h + n * ROW_H
        parts.append(f'<text x="0" y="{y + 13:.1f}" fill="{INK}"><title>{escape(label)}</title>'
                     f'{escape(_clip(label, WIDTH))}</text>')
        y += 18
        parts.append(f'<rect x="0" y="{y:.1f}" width="{bar_w}" height="{BAR_H}" fill="#f2f5f8"/>')
        cursor = 0.0
        for key, value, text in segs:
            if not value:
                continue
            w = bar_w * value / top
            fill = colours[key]
            parts.append(f'<rect x="{cursor:.1f}" y="{y:.1f}" width="{w:.1f}" height="{BAR_H}" fill="{fill}">'
                         f'<title>{escape(dict(legend).get(key, key))}: {escape(text)}</title></rect>')
            if w >= len(text) * FONT * 0.62 + 6:
                parts.append(f'<text x="{cursor + w / 2:.1f}" y="{y + 15:.1f}" text-anchor="middle" '
                             f'font-size="{FONT - 1}" font-weight="700" fill="{_ink_on(fill)}">{escape(text)}</text>')
            cursor += w
        total = sum(v for _, v, _ in segs)
        parts.append(f'<text x="{cursor + 6:.1f}" y="{y + 15:.1f}" font-weight="700" fill="{INK}">'
                     f'{escape(number(total))}</text>')
    parts.append("</svg>")
    return "".join(parts), height
