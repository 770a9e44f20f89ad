"""Charts drawn once as a few primitives, then rendered by reportlab.graphics (PDF) or Pillow (DOCX).

A `Figure` holds rectangles, lines and text in points with the origin at the bottom left, as
reportlab draws. `to_drawing()` turns it into a `reportlab.graphics.shapes.Drawing` for Platypus;
`to_png()` paints the same figure with Pillow and the same TTF font, for python-docx (reportlab's
own bitmap renderer needs an extra C backend that Mesa does not install).

The chart builders below lay out what the documents need: shares per sector (approve / score),
means per sector (impact × feasibility), stacked values (dots, ranking, items per initiative),
plain bars (attendance) and the roadmap's horizon × axis grid. Every sector is labelled by name.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Optional, Sequence

from . import style
from .text import decimal, whole_percent

# --- Primitives -------------------------------------------------------------------------------


@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: Optional[str]
    stroke: Optional[str] = None
    stroke_width: float = 0.5


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = style.LINE
    width: float = 0.5
    dash: Optional[tuple[float, float]] = None


@dataclass
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float = 7
    colour: str = style.INK
    anchor: str = "start"  # start | middle | end
    bold: bool = False


@dataclass
class Figure:
    width: float
    height: float
    shapes: list = field(default_factory=list)

    def rect(self, *a, **kw):
        self.shapes.append(Rect(*a, **kw))

    def line(self, *a, **kw):
        self.shapes.append(Line(*a, **kw))

    def text(self, *a, **kw):
        self.shapes.append(Text(*a, **kw))


def to_drawing(fig: Figure):
    """The figure as a reportlab Drawing (a Platypus flowable)."""
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.graphics.shapes import Line as RLine
    from reportlab.graphics.shapes import Rect as RRect

    style.register_fonts()
    drawing = Drawing(fig.width, fig.height)
    for s in fig.shapes:
        if isinstance(s, Rect):
            drawing.add(RRect(s.x, s.y, s.w, s.h, fillColor=style.rl(s.fill) if s.fill else None,
                              strokeColor=style.rl(s.stroke) if s.stroke else None, strokeWidth=s.stroke_width))
        elif isinstance(s, Line):
            drawing.add(RLine(s.x1, s.y1, s.x2, s.y2, strokeColor=style.rl(s.colour), strokeWidth=s.width,
                              strokeDashArray=list(s.dash) if s.dash else None))
        else:
            drawing.add(String(s.x, s.y, s.text, fontName=style.FONT_BOLD if s.bold else style.FONT,
                               fontSize=s.size, fillColor=style.rl(s.colour), textAnchor=s.anchor))
    return drawing


_PIL_FONTS: dict = {}


def _pil_font(size_px: int, bold: bool):
    from PIL import ImageFont

    key = (size_px, bold)
    if key not in _PIL_FONTS:
        _PIL_FONTS[key] = ImageFont.truetype(str(style.font_path("bold" if bold else "regular")), size_px)
    return _PIL_FONTS[key]


def to_png(fig: Figure, dpi: int = 200) -> bytes:
    """The figure painted as a PNG (white background) with Pillow."""
    from PIL import Image, ImageDraw

    k = dpi / 72.0
    width, height = max(1, round(fig.width * k)), max(1, round(fig.height * k))
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)

    def y(v: float) -> float:
        return (fig.height - v) * k

    for s in fig.shapes:
        if isinstance(s, Rect):
            box = [s.x * k, y(s.y + s.h), (s.x + s.w) * k, y(s.y)]
            if box[2] - box[0] < 0.5 or box[3] - box[1] < 0.5:
                continue
            outline = max(1, round(s.stroke_width * k)) if s.stroke else 0
            draw.rectangle(box, fill=s.fill, outline=s.stroke, width=outline)
        elif isinstance(s, Line):
            w = max(1, round(s.width * k))
            if s.dash:
                _dashed(draw, s.x1 * k, y(s.y1), s.x2 * k, y(s.y2), s.dash[0] * k, s.dash[1] * k, s.colour, w)
            else:
                draw.line([s.x1 * k, y(s.y1), s.x2 * k, y(s.y2)], fill=s.colour, width=w)
        else:
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[s.anchor]
            draw.text((s.x * k, y(s.y)), s.text, fill=s.colour, font=_pil_font(round(s.size * k), s.bold),
                      anchor=anchor)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()


def _dashed(draw, x1, y1, x2, y2, on, off, colour, width):
    import math

    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return
    dx, dy = (x2 - x1) / length, (y2 - y1) / length
    pos = 0.0
    while pos < length:
        end = min(length, pos + on)
        draw.line([x1 + dx * pos, y1 + dy * pos, x1 + dx * end, y1 + dy * end], fill=colour, width=width)
        pos = end + off


# --- Builders ---------------------------------------------------------------------------------

LABEL_SIZE = 7.5
VALUE_SIZE = 7
ROW = 15.0
BAR = 10.0
PAD = 4.0


@dataclass
class Row:
    """One bar of a chart: its label, an optional colour swatch (a sector's) and its parts."""

    label: str
    parts: Sequence[tuple[float, str]]  # (value, colour)
    swatch: Optional[str] = None
    note: str = ""  # printed after the bar (e.g. "n = 12", "35 %")
    strong: bool = False  # bold label (the Total row)


def on_colour(fill: str) -> str:
    """White on dark fills, ink on light ones (relative luminance), so labels inside bars stay legible."""
    r, g, b = (int(fill.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))

    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return style.INK if luminance > 0.35 else style.WHITE


def _label_column(rows: Sequence[Row], width: float) -> float:
    widest = max((style.text_width(r.label, LABEL_SIZE, r.strong) + (9 if r.swatch else 0) for r in rows), default=0)
    return min(max(widest + 8, 60), width * 0.36)


def _draw_label(fig: Figure, row: Row, x_right: float, base_y: float, label_w: float):
    x = 0.0
    if row.swatch:
        fig.rect(x, base_y + 0.5, 6, 6, fill=row.swatch)
        x += 9
    fig.text(x, base_y + 1, style.fit(row.label, label_w - x - 6, LABEL_SIZE, row.strong), size=LABEL_SIZE,
             bold=row.strong)


def _legend(fig: Figure, entries: Sequence[tuple[str, str]], x: float, y: float, width: float) -> None:
    """Swatch + name pairs in one line (wrapping when needed), starting at (x, y)."""
    cx, cy = x, y
    for name, colour in entries:
        w = 10 + style.text_width(name, LABEL_SIZE) + 12
        if cx + w > x + width and cx > x:
            cx, cy = x, cy - 11
        fig.rect(cx, cy, 7, 7, fill=colour)
        fig.text(cx + 10, cy + 0.8, name, size=LABEL_SIZE, colour=style.MUTED)
        cx += w


def _legend_height(entries, width) -> float:
    lines, cx = 1, 0.0
    for name, _ in entries:
        w = 10 + style.text_width(name, LABEL_SIZE) + 12
        if cx + w > width and cx > 0:
            lines, cx = lines + 1, 0.0
        cx += w
    return 11 * lines + 4


def share_bars(rows: Sequence[Row], legend: Sequence[tuple[str, str]], width: float,
               threshold: Optional[float] = None, threshold_label: str = "", lang: str = "es") -> Figure:
    """100 % stacked bars (each row's parts as shares of its own sum), with an optional threshold;
    percentages written in `lang`."""
    label_w = _label_column(rows, width)
    note_w = max((style.text_width(r.note, VALUE_SIZE) for r in rows), default=0) + 8
    plot_w = width - label_w - note_w
    legend_h = _legend_height(legend, width - label_w) if legend else 0
    top_pad = 10 if threshold is not None else 2
    height = len(rows) * ROW + legend_h + top_pad + 14
    fig = Figure(width, height)
    y0 = legend_h + 14  # axis baseline
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = label_w + plot_w * tick
        fig.line(x, y0 - 2, x, y0 + len(rows) * ROW, colour=style.LINE, width=0.4)
        fig.text(x, y0 - 9, whole_percent(tick, lang), size=6, colour=style.MUTED, anchor="middle")
    for i, row in enumerate(rows):
        base = y0 + (len(rows) - 1 - i) * ROW + (ROW - BAR) / 2
        _draw_label(fig, row, label_w, base + 1, label_w)
        total = sum(v for v, _ in row.parts)
        x = label_w
        if total <= 0:
            fig.rect(label_w, base, plot_w, BAR, fill=style.ZEBRA)
        for value, colour in row.parts:
            if total <= 0 or value <= 0:
                continue
            w = plot_w * value / total
            fig.rect(x, base, w, BAR, fill=colour)
            share = value / total
            text = whole_percent(share, lang)
            if w > style.text_width(text, 6) + 4:
                fig.text(x + w / 2, base + 2.8, text, size=6, colour=on_colour(colour), anchor="middle")
            x += w
        fig.text(label_w + plot_w + 5, base + 2.5, row.note, size=VALUE_SIZE, colour=style.MUTED)
    if threshold is not None:
        x = label_w + plot_w * threshold
        fig.line(x, y0, x, y0 + len(rows) * ROW + 3, colour=style.INK, width=0.9, dash=(2.5, 1.5))
        fig.text(x, y0 + len(rows) * ROW + 5, threshold_label, size=6, colour=style.INK, anchor="middle")
    if legend:
        _legend(fig, legend, label_w, 2, width - label_w)
    return fig


def value_bars(rows: Sequence[Row], width: float, legend: Sequence[tuple[str, str]] = (),
               scale_max: Optional[float] = None, ticks: Optional[Sequence[float]] = None) -> Figure:
    """Bars of absolute values; parts stack. `scale_max` fixes the axis (else the largest bar)."""
    label_w = _label_column(rows, width)
    note_w = max((style.text_width(r.note, VALUE_SIZE) for r in rows), default=0) + 8
    plot_w = width - label_w - note_w
    top = scale_max or max((sum(v for v, _ in r.parts) for r in rows), default=0) or 1
    legend_h = _legend_height(legend, width - label_w) if legend else 0
    axis_h = 12 if ticks else 2
    height = len(rows) * ROW + legend_h + axis_h + 4
    fig = Figure(width, height)
    y0 = legend_h + axis_h
    fig.line(label_w, y0, label_w, y0 + len(rows) * ROW, colour=style.MUTED, width=0.5)
    for tick in ticks or ():
        x = label_w + plot_w * tick / top
        fig.line(x, y0 - 2, x, y0 + len(rows) * ROW, colour=style.LINE, width=0.4)
        fig.text(x, y0 - 9, f"{tick:g}", size=6, colour=style.MUTED, anchor="middle")
    for i, row in enumerate(rows):
        base = y0 + (len(rows) - 1 - i) * ROW + (ROW - BAR) / 2
        _draw_label(fig, row, label_w, base + 1, label_w)
        x = label_w
        for value, colour in row.parts:
            if value <= 0:
                continue
            w = plot_w * value / top
            fig.rect(x, base, w, BAR, fill=colour)
            x += w
        fig.text(x + 4, base + 2.5, row.note, size=VALUE_SIZE, colour=style.INK)
    if legend:
        _legend(fig, legend, label_w, 2, width - label_w)
    return fig


def grouped_bars(groups: Sequence[tuple[str, Optional[str], Sequence[Optional[float]]]],
                 series: Sequence[tuple[str, str]], width: float, scale_max: float = 5,
                 ticks: Sequence[float] = (1, 2, 3, 4, 5), fmt=lambda v: f"{v:.2f}") -> Figure:
    """Several series per group (e.g. impact and feasibility means per sector), values 0..scale_max;
    `fmt` writes a value (the documents pass one with the language's decimal mark)."""
    rows = [Row(label, (), swatch) for label, swatch, _ in groups]
    label_w = _label_column(rows, width)
    plot_w = width - label_w - 34
    n = len(series)
    bar = 6.0
    group_h = n * bar + 6
    legend_h = _legend_height(series, width - label_w)
    height = len(groups) * group_h + legend_h + 16
    fig = Figure(width, height)
    y0 = legend_h + 12
    for tick in ticks:
        x = label_w + plot_w * tick / scale_max
        fig.line(x, y0 - 2, x, y0 + len(groups) * group_h, colour=style.LINE, width=0.4)
        fig.text(x, y0 - 9, f"{tick:g}", size=6, colour=style.MUTED, anchor="middle")
    fig.line(label_w, y0, label_w, y0 + len(groups) * group_h, colour=style.MUTED, width=0.5)
    for i, (label, swatch, values) in enumerate(groups):
        top = y0 + (len(groups) - i) * group_h - 3
        _draw_label(fig, Row(label, (), swatch, strong=swatch is None), label_w, top - n * bar / 2 - 2, label_w)
        for j, value in enumerate(values):
            y = top - (j + 1) * bar
            if value is None:
                continue
            w = plot_w * value / scale_max
            fig.rect(label_w, y + 0.6, w, bar - 1.2, fill=series[j][1])
            fig.text(label_w + w + 3, y + 1.3, fmt(value),
                     size=5.8, colour=style.INK)
    _legend(fig, series, label_w, 2, width - label_w)
    return fig


def wrap(text: str, width: float, size: float, bold: bool = False, max_lines: int = 2) -> list[str]:
    """Words of `text` in lines that fit `width`; the last line ends in an ellipsis if cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if style.text_width(trial, size, bold) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = style.fit(lines[-1] + " …", width, size, bold)
    return [style.fit(line, width, size, bold) for line in lines] or [""]


def horizon_grid(axes: Sequence[str], horizons: Sequence[str],
                 cells: dict[tuple[int, int], Sequence[tuple[str, str]]], width: float,
                 legend: Sequence[tuple[str, str]] = ()) -> Figure:
    """The roadmap's timeline: horizons as columns (short → long, then "no horizon" if any), axes as
    rows, item codes in cells."""
    axis_w = min(max((style.text_width(a, LABEL_SIZE, True) for a in axes), default=60) + 12, width * 0.26)
    axis_lines = [wrap(a, axis_w - 8, LABEL_SIZE, True, max_lines=3) for a in axes]
    col_w = (width - axis_w) / max(1, len(horizons))
    chip_h, chip_gap = 11.0, 3.0
    chip_w = 30.0
    per_line = max(1, int((col_w - 6) // (chip_w + chip_gap)))
    row_heights = []
    for a in range(len(axes)):
        most = max((len(cells.get((a, h), ())) for h in range(len(horizons))), default=0)
        lines = max(1, -(-most // per_line))
        row_heights.append(max(lines * (chip_h + chip_gap) + 9, len(axis_lines[a]) * 9.5 + 8))
    head_h = 20.0
    legend_h = _legend_height(legend, width) if legend else 0
    height = sum(row_heights) + head_h + legend_h + 4
    fig = Figure(width, height)
    top = height
    # Column heads: an arrow-like band of time.
    # Short, medium and long term darken as time goes on; a fourth column ("no horizon") is grey.
    shades = [("#cfe6ea", style.BRAND_DARK), ("#9ccbd3", style.BRAND_DARK), ("#5fa3b0", style.WHITE),
              (style.LINE, style.INK)]
    for h, name in enumerate(horizons):
        x = axis_w + h * col_w
        shade, ink = shades[min(h, 3)]
        fig.rect(x + 1, top - head_h + 2, col_w - 2, head_h - 4, fill=shade)
        fig.text(x + col_w / 2, top - head_h + 8, style.fit(name, col_w - 6, LABEL_SIZE, True), size=LABEL_SIZE,
                 bold=True, anchor="middle", colour=ink)
    y = top - head_h
    for a, axis in enumerate(axes):
        rh = row_heights[a]
        fill = style.ZEBRA if a % 2 == 0 else style.WHITE
        fig.rect(0, y - rh, width, rh, fill=fill)
        for k, text in enumerate(axis_lines[a]):
            fig.text(4, y - 12 - k * 9.5, text, size=LABEL_SIZE, bold=True)
        for h in range(len(horizons)):
            x0 = axis_w + h * col_w + 4
            for k, (code, colour) in enumerate(cells.get((a, h), ())):
                line, col = divmod(k, per_line)
                cx = x0 + col * (chip_w + chip_gap)
                cy = y - 5 - (line + 1) * (chip_h + chip_gap) + chip_gap
                fig.rect(cx, cy, chip_w, chip_h, fill=colour)
                fig.text(cx + chip_w / 2, cy + 3.2, code, size=6.5, bold=True, colour=style.WHITE, anchor="middle")
        y -= rh
    for h in range(1, len(horizons)):
        x = axis_w + h * col_w
        fig.line(x, top - head_h, x, y, colour=style.LINE, width=0.6)
    fig.line(0, y, width, y, colour=style.LINE, width=0.6)
    if legend:
        _legend(fig, legend, axis_w, 2, width - axis_w)
    return fig


def render(spec, width: float) -> Figure:
    """The Figure for a `data.Chart` spec (kinds: shares, values, grouped)."""
    if spec.kind == "shares":
        rows = [Row(label, parts, swatch, note, strong) for label, parts, swatch, note, strong in spec.rows]
        return share_bars(rows, spec.legend, width, spec.threshold, spec.threshold_label, spec.fmt_lang)
    if spec.kind == "values":
        rows = [Row(label, parts, swatch, note, strong) for label, parts, swatch, note, strong in spec.rows]
        return value_bars(rows, width, spec.legend)
    if spec.kind == "grouped":
        return grouped_bars(spec.rows, spec.series, width, fmt=lambda v: decimal(v, spec.fmt_lang, 2))
    raise ValueError(f"unknown chart kind {spec.kind!r}")
