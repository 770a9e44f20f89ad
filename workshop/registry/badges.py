"""The badge sheet: A4 pages of eight name badges (2 × 4, 90 × 62 mm, with cut marks), each with the
person's name, organisation and sector and the QR code of their personal invitation link.

The QR code is drawn as vector squares from segno's matrix (the library the join QR uses), so it
scans sharp at any print size. Every text goes through `safe.markup` into a paragraph that is
shrunk, then cut, to fit its box: a 120-character name or `<b>` prints as typed and stays inside
the badge.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import segno
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Paragraph

from ..documents import safe, style

BADGE_W, BADGE_H = 90 * mm, 62 * mm
COLUMNS, ROWS = 2, 4
PER_PAGE = COLUMNS * ROWS
PAD = 5 * mm
QR_SIZE = 34 * mm


@dataclass
class Badge:
    name: str
    organisation: str
    sector: str
    sector_label: str
    link: str


@dataclass
class Sheet:
    title: str
    programme: str
    caption: str
    badges: list[Badge]
    author: str = "Mesa"


def _styles() -> dict[str, ParagraphStyle]:
    style.register_fonts()
    return {
        "programme": ParagraphStyle("badge-programme", fontName=style.FONT, fontSize=7, leading=8.5,
                                    textColor=colors.HexColor(style.MUTED)),
        "name": ParagraphStyle("badge-name", fontName=style.FONT_BOLD, fontSize=15, leading=17.5,
                               textColor=colors.HexColor(style.INK)),
        "organisation": ParagraphStyle("badge-org", fontName=style.FONT, fontSize=9, leading=11,
                                       textColor=colors.HexColor(style.INK)),
        "caption": ParagraphStyle("badge-caption", fontName=style.FONT, fontSize=6.5, leading=8,
                                  textColor=colors.HexColor(style.MUTED), alignment=1),
    }


def _fit(c, text: str, base: ParagraphStyle, x: float, top: float, width: float, height: float,
         min_size: float = 6) -> float:
    """Draw `text` from `top` down in at most `height`: smaller type first, then cut with an
    ellipsis. Returns the height used."""
    text = " ".join(text.split())[:400]
    size = base.fontSize
    while True:
        st = ParagraphStyle(base.name + "-fit", parent=base, fontSize=size, leading=size * base.leading / base.fontSize)
        para = Paragraph(safe.markup(text), st)
        _, used = para.wrap(width, height)
        if used <= height:
            para.drawOn(c, x, top - used)
            return used
        if size > min_size:
            size = max(min_size, size - 1)
            continue
        text = text[: max(1, int(len(text) * 0.85))].rstrip() + "…" if len(text) > 1 else text
        if len(text) <= 2:
            return 0.0


#: segno picks the best of the eight QR masks by scoring each (30 ms a code in pure Python: 15 s for
#: a programme's 500 badges); every mask is valid and scanners read them alike, so the sheet uses one.
QR_MASK = 2


def _qr(c, link: str, x: float, y: float, size: float) -> None:
    """The QR code of `link`, `size` points square (its quiet zone included), lower-left at x, y:
    one filled path of the dark modules, run by run, written in module units under a transform (a
    few hundred rectangles a code: reportlab's own number formatting of each would take longer than
    the whole badge)."""
    code = segno.make(link, error="m", mask=QR_MASK, micro=False)
    matrix = code.matrix
    border = 2
    module = size / (len(matrix) + 2 * border)
    c.setFillColor(colors.white)
    c.rect(x, y, size, size, stroke=0, fill=1)
    runs = []
    for r, row in enumerate(matrix):
        col, width = 0, len(row)
        while col < width:
            if row[col]:
                start = col
                while col < width and row[col]:
                    col += 1
                runs.append(f"{start} {r} {col - start} 1 re")
            else:
                col += 1
    c.saveState()
    c.translate(x + border * module, y + size - border * module)
    c.scale(module, -module)  # rows down from the top, one unit a module
    c.setFillColor(colors.black)
    c.addLiteral("\n".join(runs) + "\nf")
    c.restoreState()


def _badge(c, badge: Badge, sheet: Sheet, x: float, y: float, st: dict[str, ParagraphStyle]) -> None:
    c.setStrokeColor(colors.HexColor(style.LINE))
    c.setLineWidth(0.5)
    c.setDash(2, 2)
    c.rect(x, y, BADGE_W, BADGE_H, stroke=1, fill=0)
    c.setDash()
    colour = colors.HexColor(style.SECTOR_COLOURS.get(badge.sector, style.BRAND))
    c.setFillColor(colour)
    c.rect(x, y + BADGE_H - 3 * mm, BADGE_W, 3 * mm, stroke=0, fill=1)
    text_w = BADGE_W - QR_SIZE - 3 * PAD
    top = y + BADGE_H - 3 * mm - PAD
    top -= _fit(c, sheet.programme, st["programme"], x + PAD, top, text_w, 18) + 2 * mm
    top -= _fit(c, badge.name, st["name"], x + PAD, top, text_w, 22 * mm, min_size=9) + 2 * mm
    _fit(c, badge.organisation, st["organisation"], x + PAD, top, text_w, max(8.0, top - (y + PAD + 7 * mm)))
    # the sector as a coloured tag at the foot
    style.register_fonts()
    label = style.fit(badge.sector_label, text_w - 4 * mm, 8, bold=True)
    c.setFillColor(colour)
    c.roundRect(x + PAD, y + PAD, style.text_width(label, 8, bold=True) + 4 * mm, 5.5 * mm, 1.5 * mm, stroke=0,
                fill=1)
    c.setFillColor(colors.white)
    c.setFont(style.FONT_BOLD, 8)
    c.drawString(x + PAD + 2 * mm, y + PAD + 1.8 * mm, label)
    qx, qy = x + BADGE_W - PAD - QR_SIZE, y + PAD + 5 * mm
    _qr(c, badge.link, qx, qy, QR_SIZE)
    _fit(c, sheet.caption, st["caption"], qx, qy - 0.5 * mm, QR_SIZE, 5 * mm)


def build(sheet: Sheet) -> bytes:
    """The PDF of the sheet's badges, eight per A4 page."""
    st = _styles()
    out = io.BytesIO()
    c = pdfcanvas.Canvas(out, pagesize=A4, pageCompression=1, invariant=1)
    c.setTitle(sheet.title)
    c.setAuthor(sheet.author)
    c.setSubject(sheet.programme)
    page_w, page_h = A4
    left = (page_w - COLUMNS * BADGE_W) / 2
    bottom = (page_h - ROWS * BADGE_H) / 2
    for start in range(0, len(sheet.badges), PER_PAGE):
        for n, badge in enumerate(sheet.badges[start:start + PER_PAGE]):
            col, row = n % COLUMNS, n // COLUMNS
            _badge(c, badge, sheet, left + col * BADGE_W, bottom + (ROWS - 1 - row) * BADGE_H, st)
        c.showPage()
    c.save()
    return out.getvalue()
