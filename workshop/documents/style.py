"""The look shared by every document: font, colours, sizes and paragraph styles.

The font is Bitstream Vera Sans, which ships inside reportlab (reportlab/fonts/Vera*.ttf): it has
every Spanish letter and sign (á é í ó ú ü ñ ¿ ¡ € – — “ ” …), so nothing needs installing,
and it is embedded (subset) in every PDF and used to draw the charts' PNGs for the DOCX.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# --- Type -------------------------------------------------------------------------------------

FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"
FONT_FILES = {"regular": "Vera.ttf", "bold": "VeraBd.ttf", "italic": "VeraIt.ttf", "bolditalic": "VeraBI.ttf"}
FONT = "MesaSans"
FONT_BOLD = "MesaSans-Bold"
FONT_ITALIC = "MesaSans-Italic"
FONT_BOLD_ITALIC = "MesaSans-BoldItalic"
#: Word documents name a font rather than embed one; Verdana is Vera's close, everywhere-installed kin.
DOCX_FONT = "Verdana"
XLSX_FONT = "Calibri"

BODY_SIZE = 9
SMALL_SIZE = 7.5


def font_path(variant: str = "regular") -> Path:
    return FONT_DIR / FONT_FILES[variant]


@lru_cache(maxsize=None)
def register_fonts() -> str:
    """Register the Vera family with reportlab once; returns the regular face's name."""
    names = {"regular": FONT, "bold": FONT_BOLD, "italic": FONT_ITALIC, "bolditalic": FONT_BOLD_ITALIC}
    for variant, name in names.items():
        pdfmetrics.registerFont(TTFont(name, str(font_path(variant))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    # reportlab.graphics starts every drawing in Helvetica; start it in ours, so that no PDF refers
    # to a font it does not embed (Mesa draws nothing else with reportlab.graphics).
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = FONT
    return FONT


def text_width(text: str, size: float, bold: bool = False) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, size)


def fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """`text` cut with an ellipsis so that it fits `width` points."""
    if text_width(text, size, bold) <= width:
        return text
    text = text[:int(width / (size * 0.25)) + 1]  # no glyph of Vera is narrower than a quarter em
    while text and text_width(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


# --- Colours (the app's palette, static/css/mesa.css) ------------------------------------------

INK = "#14212b"
MUTED = "#52606d"
LINE = "#d5dde5"
ZEBRA = "#f2f5f8"
BRAND = "#0b5563"
BRAND_DARK = "#073b45"
BRAND_SOFT = "#e3f1f3"
ACCENT = "#b45309"
OK = "#17643a"
OK_SOFT = "#e4f4ea"
BAD = "#a12622"
BAD_SOFT = "#fbe9e8"
WARN = "#8a5a00"
WARN_SOFT = "#fdf3dc"
WHITE = "#ffffff"

SECTOR_COLOURS = {"public": "#1d4ed8", "private": "#b45309", "academic": "#7e22ce", "civil_society": "#15803d"}
CHOICE_COLOURS = {"approve": "#17643a", "neutral": "#a3adb6", "reject": "#a12622"}
SCORE_COLOURS = {"1": "#a12622", "2": "#e39a90", "3": "#c3cad0", "4": "#7cbd93", "5": "#17643a"}
SERIES_COLOURS = {"impact": "#0b5563", "feasibility": "#c2660f"}
KIND_COLOURS = {"action_line": "#0b5563", "policy_reform": "#b45309"}
#: The part of a bar that stands for sectors whose figures are withheld (anonymous rounds, small cells).
WITHHELD = "#d0d6dc"
OUTCOME_COLOURS = {"agreed": OK, "rejected": BAD, "deferred": WARN, "no_quorum": MUTED}
OUTCOME_SOFT = {"agreed": OK_SOFT, "rejected": BAD_SOFT, "deferred": WARN_SOFT, "no_quorum": ZEBRA}


def rl(hex_colour: str) -> colors.Color:
    """A reportlab colour from '#rrggbb'."""
    return colors.HexColor(hex_colour)


def hex6(hex_colour: str) -> str:
    """'RRGGBB' (for python-docx and openpyxl)."""
    return hex_colour.lstrip("#").upper()


# --- Page -------------------------------------------------------------------------------------

PAGE_SIZE = A4
MARGIN_LEFT = 24 * mm
MARGIN_RIGHT = 22 * mm
MARGIN_TOP = 27 * mm
MARGIN_BOTTOM = 24 * mm
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT

# --- Paragraph styles -------------------------------------------------------------------------


@lru_cache(maxsize=None)
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of every PDF, by name."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=BODY_SIZE, leading=13.2, textColor=rl(INK),
                          spaceAfter=5)
    s = {"body": base}

    def add(name, parent="body", **kw):
        s[name] = ParagraphStyle(name, parent=s[parent], **kw)

    add("cover_kicker", fontName=FONT_BOLD, fontSize=10, leading=14, textColor=rl(BRAND), spaceAfter=10)
    add("cover_title", fontName=FONT_BOLD, fontSize=30, leading=36, textColor=rl(BRAND_DARK), spaceAfter=14)
    add("cover_subtitle", fontSize=15, leading=20, textColor=rl(INK), spaceAfter=8)
    add("cover_meta", fontSize=10, leading=15, textColor=rl(MUTED), spaceAfter=2)
    add("doc_kicker", fontName=FONT_BOLD, fontSize=8, leading=11, textColor=rl(BRAND), spaceAfter=2)
    add("doc_title", fontName=FONT_BOLD, fontSize=21, leading=26, textColor=rl(BRAND_DARK), spaceAfter=4)
    add("doc_subtitle", fontSize=12, leading=16, textColor=rl(INK), spaceAfter=10)
    add("h1", fontName=FONT_BOLD, fontSize=15, leading=19, textColor=rl(BRAND_DARK), spaceBefore=6, spaceAfter=8)
    add("h2", fontName=FONT_BOLD, fontSize=11.5, leading=15, textColor=rl(INK), spaceBefore=10, spaceAfter=5)
    add("h3", fontName=FONT_BOLD, fontSize=9.5, leading=13, textColor=rl(BRAND), spaceBefore=7, spaceAfter=3)
    add("lead", fontSize=10, leading=15, spaceAfter=8)
    add("small", fontSize=SMALL_SIZE, leading=10, textColor=rl(MUTED), spaceAfter=3)
    add("caption", fontSize=SMALL_SIZE, leading=10, textColor=rl(MUTED), spaceBefore=2, spaceAfter=8)
    add("note", fontName=FONT_ITALIC, fontSize=8.5, leading=12, textColor=rl(MUTED))
    add("meta", fontSize=8.5, leading=12, textColor=rl(MUTED), spaceAfter=4)
    add("cell", fontSize=8, leading=10.2, spaceAfter=0)
    add("cell_small", fontSize=7, leading=9, spaceAfter=0)
    add("cell_bold", parent="cell", fontName=FONT_BOLD)
    add("cell_right", parent="cell", alignment=TA_RIGHT)
    add("cell_center", parent="cell", alignment=TA_CENTER)
    add("cell_head", parent="cell", fontName=FONT_BOLD, textColor=rl(WHITE), fontSize=7.5, leading=9.5)
    add("cell_head_right", parent="cell_head", alignment=TA_RIGHT)
    add("kv_key", parent="cell", fontName=FONT_BOLD, textColor=rl(MUTED))
    add("kv_value", parent="cell", fontSize=8.5, leading=11)
    add("quote", fontSize=8.5, leading=12, leftIndent=9, textColor=rl(INK), spaceAfter=1)
    add("quote_meta", fontSize=7, leading=9.5, leftIndent=9, textColor=rl(MUTED), spaceAfter=5)
    add("decision", fontName=FONT_BOLD, fontSize=9.5, leading=13, spaceAfter=2)
    add("figure_big", fontName=FONT_BOLD, fontSize=20, leading=23, textColor=rl(BRAND_DARK), alignment=TA_LEFT,
        spaceAfter=0)
    add("figure_label", fontSize=7.5, leading=9.5, textColor=rl(MUTED), spaceAfter=0)
    add("named_group", fontName=FONT_BOLD, fontSize=8, leading=11, textColor=rl(INK), spaceBefore=2, spaceAfter=1)
    add("bullet", fontSize=8.5, leading=12, leftIndent=12, bulletIndent=2, spaceAfter=2)
    add("toc1", fontName=FONT_BOLD, fontSize=10, leading=16)
    add("toc2", fontSize=9, leading=13, leftIndent=14)
    add("header", fontSize=7.5, leading=9, textColor=rl(MUTED))
    return s
