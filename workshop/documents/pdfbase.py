"""What every PDF shares: the A4 page with its header and footer ("Página 3 de 12" and the time it
was generated), headings that feed the outline and the table of contents, tables with zebra rows,
figures, key-figure bands and callouts. The builders compose these; `style.py` holds the look.
"""
from __future__ import annotations

import io
from typing import Optional, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.doctemplate import _ktAllow as _kt_allow
from reportlab.platypus.tableofcontents import TableOfContents

from . import charts, safe, style
from .branding import Branding, Logo
from .data import Meta
from .data import Table as DataTable

S = style.styles


#: Text made safe for Paragraph markup: the one function every user string takes into a PDF paragraph.
esc = safe.markup


#: Styles of headings: a paragraph in one of them is kept on the page of what follows it.
HEADING_STYLES = ("h1", "h2", "h3")


def P(text, name: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped) in one of the shared styles (a heading style keeps with next)."""
    p = Paragraph(esc(text), S()[name])
    if name in HEADING_STYLES:
        p.keepWithNext = 1
    return p


def PM(markup: str, name: str = "body") -> Paragraph:
    """A paragraph of markup the caller has escaped."""
    return Paragraph(markup, S()[name])


def bullet(text: str) -> Paragraph:
    """A bulleted line of plain text."""
    return Paragraph(esc(text), S()["bullet"], bulletText="•")


class PlainText(Flowable):
    """Long plain text in one size — lists of names — laid out line by line with cached word widths.

    Platypus' Paragraph measures every word again each time it wraps or splits; the named votes of
    a big session are thousands of names repeated round after round, so this flowable keeps the
    width of each word once. Entries are (lead, text): the lead in bold, each entry on a new line,
    continuation lines indented by `hang`.
    """

    _widths: dict[tuple[str, float], dict[str, float]] = {}

    def __init__(self, entries, size: float = 7.5, leading: float = 10, colour: str = style.MUTED,
                 hang: float = 10, lines=None):
        super().__init__()
        self.entries, self.size, self.leading, self.colour, self.hang = entries, size, leading, colour, hang
        self._lines = lines  # [(indent, [(text, bold)])]
        self._for_width = None

    def _width(self, word: str, bold: bool) -> float:
        font = style.FONT_BOLD if bold else style.FONT
        cache = self._widths.setdefault((font, self.size), {})
        width = cache.get(word)
        if width is None:
            width = cache[word] = style.text_width(word, self.size, bold)
        return width

    def _layout(self, width: float):
        space = self._width(" ", False)
        lines = []
        for lead, text in self.entries:
            words = [(x, True) for x in lead.split()] + [(x, False) for x in text.split()]
            indent, current, used = 0.0, [], 0.0
            for word, bold in words:
                w = self._width(word, bold)
                if current and indent + used + space + w > width:
                    lines.append((indent, current))
                    indent, current, used = self.hang, [], 0.0
                current.append((word, bold))
                used += (space if len(current) > 1 else 0) + w
            if current:
                lines.append((indent, current))
        return lines

    def wrap(self, aw, ah):
        if self._lines is None or (self._for_width is not None and abs(self._for_width - aw) > 0.5):
            self._lines = self._layout(aw)
            self._for_width = aw
        self.width = aw
        self.height = len(self._lines) * self.leading
        return aw, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        n = int(ah // self.leading)
        if n <= 0 or n >= len(self._lines):
            return [] if n <= 0 else [self]
        first = PlainText(self.entries, self.size, self.leading, self.colour, self.hang, self._lines[:n])
        rest = PlainText(self.entries, self.size, self.leading, self.colour, self.hang, self._lines[n:])
        first._for_width = rest._for_width = aw
        return [first, rest]

    def draw(self):
        canvas = self.canv
        canvas.setFillColor(style.rl(self.colour))
        y = self.height - self.leading + (self.leading - self.size) / 2 + 1
        for indent, words in self._lines:
            text = canvas.beginText(indent, y)
            bold = None
            chunk = []
            for word, is_bold in words:
                if is_bold != bold and chunk:
                    text.setFont(style.FONT_BOLD if bold else style.FONT, self.size)
                    text.textOut(" ".join(chunk) + " ")
                    chunk = []
                bold = is_bold
                chunk.append(word)
            if chunk:
                text.setFont(style.FONT_BOLD if bold else style.FONT, self.size)
                text.textOut(" ".join(chunk))
            canvas.drawText(text)
            y -= self.leading


#: The longest heading the table of contents and the PDF outline repeat (the page has it whole).
ENTRY_MAX = 160


def entry_text(text: str) -> str:
    """A heading as the table of contents and the outline give it: plain, one line's worth at most."""
    return safe.clip(text, ENTRY_MAX)


class Heading(Paragraph):
    """A heading that adds itself to the PDF outline and, if there is one, the table of contents.

    A heading taller than the frame (10,000 characters in a title) splits like any paragraph; only
    its first part is an entry of the outline and the contents."""

    def __init__(self, text, style=None, bulletText=None, frags=None, *, level: int = 0,
                 key: Optional[str] = None, name: Optional[str] = None, **kw):
        if frags is None:  # made by a builder, from plain text
            style = S()[name or ("h1" if level == 0 else "h2" if level == 1 else "h3")]
            self.plain = text
            text = esc(text)
        else:  # a part made by split()
            self.plain = ""
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kw)
        self.level, self.key = level, key
        #: Never the last thing on a page: Platypus moves it with the next flowable.
        self.keepWithNext = 1 if frags is None else 0

    def split(self, aw, ah):
        parts = super().split(aw, ah)
        if parts and parts[0] is not self:
            parts[0].plain, parts[0].key, parts[0].level = self.plain, self.key, self.level
        return parts


def heading(text: str, level: int, key: str, name: Optional[str] = None) -> list[Flowable]:
    """A heading kept with what follows (never alone at the foot of a page): room for it and a few
    lines first (CondPageBreak), and the heading travels with the next flowable (keepWithNext)."""
    room = {0: 90, 1: 70}.get(level, 50)
    return [CondPageBreak(room), Heading(text, level=level, key=key, name=name)]


class Rule(Flowable):
    """A thin horizontal line across the frame (it underlines what is above it: kept with what follows)."""

    def __init__(self, colour: str = style.LINE, thickness: float = 0.6, space: float = 4):
        super().__init__()
        self.colour, self.thickness, self.space = colour, thickness, space
        self.keepWithNext = 1

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.thickness + 2 * self.space

    def draw(self):
        self.canv.setStrokeColor(style.rl(self.colour))
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.space, self.width, self.space)


def figure(fig: charts.Figure) -> Flowable:
    return charts.to_drawing(fig)


# --- Tables -------------------------------------------------------------------------------------


def _base_table_style(n_rows: int, header: bool = True, zebra: bool = True) -> list:
    cmds = [
        ("FONT", (0, 0), (-1, -1), style.FONT, 8),
        ("TEXTCOLOR", (0, 0), (-1, -1), style.rl(style.INK)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, style.rl(style.LINE)),
    ]
    if header:
        cmds += [("BACKGROUND", (0, 0), (-1, 0), style.rl(style.BRAND)),
                 ("TEXTCOLOR", (0, 0), (-1, 0), style.rl(style.WHITE)),
                 ("FONT", (0, 0), (-1, 0), style.FONT_BOLD, 7.5),
                 ("VALIGN", (0, 0), (-1, 0), "BOTTOM")]
    if zebra and n_rows > (1 if header else 0):
        cmds.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1),
                     [style.rl(style.WHITE), style.rl(style.ZEBRA)]))
    return cmds


_SIZED: dict = {}


def _sized(name: str, size: float):
    """A cell style at another font size (cached)."""
    if size == 8:
        return S()[name]
    key = (name, size)
    if key not in _SIZED:
        from reportlab.lib.styles import ParagraphStyle

        base = S()[name]
        _SIZED[key] = ParagraphStyle(f"{name}-{size}", parent=base, fontSize=size, leading=size * 1.28)
    return _SIZED[key]


#: The most characters a table cell of a PDF prints: a longer text (10,000 characters typed as a
#: name) is cut with "…" — a table row is laid out again at every page it splits over, and the
#: DOCX, XLSX and CSV keep the whole text.
CELL_MAX = 1_000


def _cell(text: str, name: str, plain_limit: float, size: float) -> object:
    """Short text stays a string (fast); longer text becomes a wrapping Paragraph."""
    text = safe.text(text)
    if len(text) > CELL_MAX:
        text = safe.clip(text, CELL_MAX)
    if "\n" not in text and style.text_width(text, size) <= plain_limit:
        return text
    return Paragraph(esc(text), _sized(name, size))


PAD = 10  # left + right padding of a cell


def column_widths(table: DataTable, width: float, size: float = 8) -> list[float]:
    """Widths from the table's weights, widened where a header word or a short value would not fit."""
    weights = table.widths or [1] * len(table.headers)
    widths = [width * w / sum(weights) for w in weights]
    need = []
    for i, head in enumerate(table.headers):
        words = [style.text_width(word, 7.5, True) for word in str(head).split()] or [0]
        cells = [style.text_width(str(row[i]), size) for row in table.rows[:200]
                 if i < len(row) and len(str(row[i])) <= 14]
        need.append(max(words + cells) + PAD + 1)
    if sum(need) >= width:
        return [n * width / sum(need) for n in need]
    short = [i for i in range(len(widths)) if widths[i] < need[i]]
    if not short:
        return widths
    extra = sum(need[i] - widths[i] for i in short)
    for i in short:
        widths[i] = need[i]
    slack = {i: widths[i] - need[i] for i in range(len(widths)) if i not in short and widths[i] > need[i]}
    total_slack = sum(slack.values())
    for i, room in slack.items():
        widths[i] -= extra * room / total_slack
    return widths


def data_table(table: DataTable, width: float = style.FRAME_WIDTH, total_first: bool = False,
               total_last: bool = False, font_size: float = 8) -> Flowable:
    """A data.Table as a zebra table: brand header, numbers right-aligned, sector rows marked in colour."""
    col_widths = column_widths(table, width, font_size)
    numeric = set(table.numeric)
    head = [Paragraph(esc(h), S()["cell_head_right" if i in numeric else "cell_head"])
            for i, h in enumerate(table.headers)]
    rows = [head]
    for row in table.rows:
        rows.append([_cell(c, "cell_right" if i in numeric else "cell", col_widths[i] - PAD, font_size)
                     for i, c in enumerate(row)])
    # A row taller than a page (10,000 characters in a cell) splits across pages instead of failing.
    t = Table(rows, colWidths=col_widths, repeatRows=1, splitInRow=1)
    cmds = _base_table_style(len(rows))
    for i in numeric:
        cmds.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
    if font_size != 8:
        cmds.append(("FONT", (0, 1), (-1, -1), style.FONT, font_size))
    for r, sector in enumerate(table.row_sectors, start=1):
        if sector:
            colour = style.rl(style.SECTOR_COLOURS.get(sector, style.MUTED))
            if len(table.headers) and table.headers[0] and r < len(rows):
                cmds.append(("LINEBEFORE", (0, r), (0, r), 3, colour))
    if total_first and len(rows) > 1:
        cmds += [("FONT", (0, 1), (-1, 1), style.FONT_BOLD, font_size),
                 ("BACKGROUND", (0, 1), (-1, 1), style.rl(style.BRAND_SOFT))]
    if total_last and len(rows) > 1:
        cmds += [("FONT", (0, -1), (-1, -1), style.FONT_BOLD, font_size),
                 ("BACKGROUND", (0, -1), (-1, -1), style.rl(style.BRAND_SOFT)),
                 ("LINEABOVE", (0, -1), (-1, -1), 0.8, style.rl(style.BRAND))]
    t.setStyle(TableStyle(cmds))
    return t


def kv_table(rows: Sequence[tuple[str, str]], width: float = style.FRAME_WIDTH, key_share: float = 0.24) -> Flowable:
    """Label / value pairs, the labels in small muted capitals-like bold."""
    data = [[Paragraph(esc(k), S()["kv_key"]), Paragraph(esc(safe.clip(v, CELL_MAX)), S()["kv_value"])]
            for k, v in rows]
    t = Table(data, colWidths=[width * key_share, width * (1 - key_share)], splitInRow=1)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), style.FONT, 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, style.rl(style.LINE)),
    ]))
    return t


#: Key figures: the size of a label, and a cell's left + right padding (the number's size is the
#: `figure_big` style's).
FIGURE_LABEL_SIZE, FIGURE_PAD = 7.5, 9 + 6 + 2


def band_layout(figures: Sequence[tuple[str, str]], width: float, size: float) -> tuple[list[float], float]:
    """Column widths and the number's font size of a key-figure band `width` wide (the PDF's and the
    DOCX's alike).

    A figure is one unbreakable line ("S/ 96 millones", "16 / 24": no space it may break at). The
    columns are equal when every number fits its share; a number that does not gets the width it
    needs and the others share the rest equally. Only when the numbers cannot all fit at `size` do
    they shrink, together."""
    if not figures:
        return [], size

    def needs(at: float) -> list[float]:
        return [max(style.text_width(value, at, bold=True),
                    max((style.text_width(w, FIGURE_LABEL_SIZE) for w in label.split()), default=0)) + FIGURE_PAD
                for value, label in figures]

    need = needs(size)
    if sum(need) > width:
        content = sum(n - FIGURE_PAD for n in need)
        size = size * (width - FIGURE_PAD * len(figures)) / content * 0.98
        need = needs(size)
    wide: set[int] = set()
    while True:  # give the widest numbers what they need until the others fit their equal share
        rest = width - sum(need[i] for i in wide)
        share = rest / (len(figures) - len(wide)) if len(wide) < len(figures) else 0
        more = {i for i in range(len(figures)) if i not in wide and need[i] > share}
        if not more:
            break
        wide |= more
    return [need[i] if i in wide else share for i in range(len(figures))], size


def stat_band(figures: Sequence[tuple[str, str]], width: float = style.FRAME_WIDTH) -> Flowable:
    """Key figures side by side: a big number over a short label, on the brand's soft tint. A figure
    never wraps ("S/ 16,2" over "millones"): its spaces do not break and its box is sized to it
    (`band_layout`)."""
    if not figures:
        return Spacer(1, 1)
    figures = [(value.replace(" ", "\u00a0"), label) for value, label in figures]
    base = S()["figure_big"]
    widths, size = band_layout(figures, width, base.fontSize)
    big = base if size == base.fontSize else ParagraphStyle(
        f"figure_big_{size:.2f}", parent=base, fontSize=size, leading=size * 1.15)
    cells = [[[Paragraph(esc(value), big), Spacer(1, 2), Paragraph(esc(label), S()["figure_label"])]
              for value, label in figures]]
    t = Table(cells, colWidths=widths)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), style.FONT, 8),
        ("BACKGROUND", (0, 0), (-1, -1), style.rl(style.BRAND_SOFT)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 9), ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("LINEBEFORE", (1, 0), (-1, -1), 0.8, style.rl(style.WHITE)),
        ("LINEABOVE", (0, 0), (-1, 0), 2, style.rl(style.BRAND)),
    ]))
    return t


def callout(flowables: list, tone: str = "neutral", width: float = style.FRAME_WIDTH) -> Flowable:
    """A tinted box with a coloured bar on its left (tone: agreed, rejected, deferred, no_quorum, neutral)."""
    bar = style.OUTCOME_COLOURS.get(tone, style.BRAND)
    tint = style.OUTCOME_SOFT.get(tone, style.BRAND_SOFT)
    t = Table([[flowables]], colWidths=[width], splitInRow=1)
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), style.FONT, 8),
        ("BACKGROUND", (0, 0), (-1, -1), style.rl(tint)),
        ("LINEBEFORE", (0, 0), (0, -1), 3, style.rl(bar)),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
    ]))
    return t


def side_by_side(left: Flowable, right: Flowable, width: float = style.FRAME_WIDTH, split: float = 0.5) -> Flowable:
    t = Table([[left, right]], colWidths=[width * split, width * (1 - split)], splitInRow=1)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), style.FONT, 8),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return t


def toc() -> TableOfContents:
    t = TableOfContents()
    t.levelStyles = [S()["toc1"], S()["toc2"]]
    t.dotsMinLevel = 0
    return t


# --- Branding: the programme's logos and acknowledgement ----------------------------------------


def _image(logo: Logo) -> Optional[ImageReader]:
    """One reader per logo and document: its pixels are decoded once, however many pages print it."""
    reader = getattr(logo, "_reader", None)
    if reader is None:
        try:
            reader = ImageReader(io.BytesIO(logo.data))
        except Exception:  # noqa: BLE001 - an unreadable logo is left out, never an error
            return None
        logo._reader = reader
    return reader


def _draw_logo(canvas, logo: Logo, x: float, y: float, max_w: float, max_h: float, align: str = "left") -> float:
    """Draw `logo` in the box whose bottom-left (or bottom-right, align="right") is (x, y); its width."""
    image = _image(logo)
    if image is None:
        return 0
    w, h = logo.fit(max_w, max_h)
    left = x - w if align == "right" else x
    canvas.drawImage(image, left, y + (max_h - h) / 2, w, h, mask="auto")
    return w


#: Height of the funders' band at the foot of a cover: acknowledgement and logos.
FUNDERS_LOGO_H = 14 * mm


def _funders_band_height(brand: Branding) -> float:
    return (FUNDERS_LOGO_H + 6 * mm if brand.funders else 0) + (12 * mm if brand.acknowledgement else 0)


def _draw_funders(canvas, brand: Branding, left: float, bottom: float, width: float) -> None:
    """The acknowledgement over the funders' logos, in a row from `left`, the row's foot at `bottom`."""
    y = bottom
    if brand.funders:
        x = left
        room = (width - 6 * mm * (len(brand.funders) - 1)) / len(brand.funders)
        for logo in brand.funders:
            x += _draw_logo(canvas, logo, x, y, min(45 * mm, room), FUNDERS_LOGO_H) + 6 * mm
        y += FUNDERS_LOGO_H + 4 * mm
    if brand.acknowledgement:
        lines = simpleSplit(brand.acknowledgement, style.FONT, 8, width)[:3]
        canvas.setFont(style.FONT, 8)
        canvas.setFillColor(style.rl(style.MUTED))
        for i, line in enumerate(reversed(lines)):
            canvas.drawString(left, y + i * 10, line)


class FundersBand(Flowable):
    """The acknowledgement and the funders' logos as a flowable, for a document without a cover (the
    minutes' first page); nothing when the programme has neither."""

    def __init__(self, brand: Branding):
        super().__init__()
        self.brand = brand

    def wrap(self, aw, ah):
        self.width = aw
        lines = len(simpleSplit(self.brand.acknowledgement, style.FONT, 8, aw)[:3]) if self.brand.acknowledgement else 0
        self.height = (FUNDERS_LOGO_H + 4 * mm if self.brand.funders else 0) + lines * 10
        return aw, self.height

    def draw(self):
        _draw_funders(self.canv, self.brand, 0, 0, self.width)


def funders_band(meta: Meta) -> list[Flowable]:
    """[a small space, the funders' band] when the programme has funders' logos or an acknowledgement."""
    brand = meta.branding
    if not (brand.funders or brand.acknowledgement):
        return []
    return [Spacer(1, 8), FundersBand(brand)]


# --- Page and document -----------------------------------------------------------------------------


def _canvas_class(meta: Meta, cover: bool):
    """A canvas that knows the page count when it saves, to print "Página X de Y" on every page."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.setTitle(safe.clip(meta.title or meta.doc_title))  # plain text in the PDF's properties
            self.setAuthor(safe.clip(meta.author))
            self.setSubject(safe.clip(meta.subject or meta.header_left))
            self.setCreator("Mesa")
            self.setProducer("Mesa")

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                page = self._pageNumber
                if not (cover and page == 1):
                    self.setFont(style.FONT, 7)
                    self.setFillColor(style.rl(style.MUTED))
                    self.drawRightString(style.PAGE_SIZE[0] - style.MARGIN_RIGHT, 12 * mm,
                                         meta.text.gettext("Page %(page)s of %(pages)s",
                                                           page=meta.text.number(page),
                                                           pages=meta.text.number(total)))
                super().showPage()
            super().save()

    return NumberedCanvas


def _decorate(meta: Meta, header: bool):
    width, height = style.PAGE_SIZE

    def on_page(canvas, doc):
        canvas.saveState()
        if header:
            y = height - 14 * mm
            left = style.MARGIN_LEFT
            if meta.branding.institution is not None:  # the institution's logo, small, before the header's text
                left += _draw_logo(canvas, meta.branding.institution, left, y - 2, 28 * mm, 7 * mm) + 3 * mm
            canvas.setFont(style.FONT, 7)
            canvas.setFillColor(style.rl(style.MUTED))
            canvas.drawString(left, y, style.fit(meta.header_left, width * 0.55 - (left - style.MARGIN_LEFT), 7))
            canvas.setFont(style.FONT_BOLD, 7)
            canvas.setFillColor(style.rl(style.BRAND))
            canvas.drawRightString(width - style.MARGIN_RIGHT, y, meta.doc_title.upper())
            canvas.setStrokeColor(style.rl(style.LINE))
            canvas.setLineWidth(0.6)
            canvas.line(style.MARGIN_LEFT, y - 4, width - style.MARGIN_RIGHT, y - 4)
        elif meta.branding.institution is not None:  # a first page without a cover: the logo at its top right
            _draw_logo(canvas, meta.branding.institution, width - style.MARGIN_RIGHT, height - 24 * mm,
                       45 * mm, 14 * mm, align="right")
        canvas.setStrokeColor(style.rl(style.LINE))
        canvas.setLineWidth(0.6)
        canvas.line(style.MARGIN_LEFT, 16 * mm, width - style.MARGIN_RIGHT, 16 * mm)
        canvas.setFont(style.FONT, 7)
        canvas.setFillColor(style.rl(style.MUTED))
        canvas.drawString(style.MARGIN_LEFT, 12 * mm, meta.generated)
        canvas.restoreState()

    return on_page


def _cover_page(meta: Meta):
    width, height = style.PAGE_SIZE

    def on_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(style.rl(style.BRAND_DARK))
        canvas.rect(0, height - 16 * mm, width, 16 * mm, stroke=0, fill=1)
        canvas.setFillColor(style.rl(style.BRAND))
        canvas.rect(0, 0, 9 * mm, height - 16 * mm, stroke=0, fill=1)
        # The four sectors of the quadruple helix, as a band of colour.
        band = (width - 9 * mm) / 4
        for i, colour in enumerate(style.SECTOR_COLOURS.values()):
            canvas.setFillColor(style.rl(colour))
            canvas.rect(9 * mm + i * band, height - 18.5 * mm, band, 2.5 * mm, stroke=0, fill=1)
        brand = meta.branding
        if brand.institution is not None:  # the institution's logo under the band, on the right
            _draw_logo(canvas, brand.institution, width - style.MARGIN_RIGHT, height - 46 * mm, 60 * mm, 22 * mm,
                       align="right")
        left = style.MARGIN_LEFT + 6 * mm
        _draw_funders(canvas, brand, left, 24 * mm, width - style.MARGIN_RIGHT - left)
        canvas.setFont(style.FONT, 7.5)
        canvas.setFillColor(style.rl(style.MUTED))
        canvas.drawString(left, 14 * mm, meta.generated)
        canvas.restoreState()

    return on_page


class KeepWithNext(KeepTogether):
    """What Platypus groups for a heading (keepWithNext) and the flowable after it. The group moves
    to the next page when not even the start of that flowable fits under the heading (a chart, a
    card kept together); when it does — a long table — it starts here and splits as usual, rather
    than leaving the rest of the page blank."""

    def split(self, aW, aH):  # noqa: N803 - reportlab's names
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H > aH and len(self._content) > 1:
            *lead, last = self._content
            used = 0.0
            for f in lead:
                _w, h = f.wrapOn(self.canv, aW, aH)
                used += h + f.getSpaceBefore() + f.getSpaceAfter()
            room = aH - used - last.getSpaceBefore()
            if room > 0:
                last.wrapOn(self.canv, aW, room)
                parts = last.splitOn(self.canv, aW, room)  # some flowables (a contents table) need the canvas
                if parts and not isinstance(parts[0], ActionFlowable):  # a break first: it does not fit
                    return list(self._content)
        return super().split(aW, aH)


class MesaDoc(BaseDocTemplate):
    """A4 with the shared margins. Templates: 'cover', 'first' (no running header) and 'body'."""

    def __init__(self, buffer, meta: Meta, cover: bool = False):
        super().__init__(buffer, pagesize=style.PAGE_SIZE, leftMargin=style.MARGIN_LEFT,
                         rightMargin=style.MARGIN_RIGHT, topMargin=style.MARGIN_TOP,
                         bottomMargin=style.MARGIN_BOTTOM, title=safe.clip(meta.title or meta.doc_title),
                         author=safe.clip(meta.author), subject=safe.clip(meta.subject or meta.header_left),
                         creator="Mesa",
                         lang=meta.lang, initialFontName=style.FONT, initialFontSize=style.BODY_SIZE,
                         keepTogetherClass=KeepWithNext)
        self.meta, self.cover = meta, cover
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        # The cover's text stays clear of the funders' band at its foot.
        lift = max(10 * mm, _funders_band_height(meta.branding) + 14 * mm - self.bottomMargin)
        cover_frame = Frame(self.leftMargin + 6 * mm, self.bottomMargin + lift, self.width - 6 * mm,
                            self.height - 20 * mm - lift, id="cover", leftPadding=0, rightPadding=0)
        templates = [PageTemplate("body", [frame], onPage=_decorate(meta, header=True))]
        if cover:
            templates.insert(0, PageTemplate("cover", [cover_frame], onPage=_cover_page(meta)))
        else:
            templates.insert(0, PageTemplate("first", [frame], onPage=_decorate(meta, header=False)))
        self.addPageTemplates(templates)
        self._outline_levels: list[int] = []

    def handle_keepWithNext(self, flowables):  # noqa: N802 - reportlab's name
        """Platypus' own, except that what follows a heading may be a block kept together (an item's
        card, a round): Platypus leaves such a block out of the group, and the heading stays behind."""
        i, n = 0, len(flowables)
        while i < n and flowables[i].getKeepWithNext() and _kt_allow(flowables[i]):
            i += 1
        if i and i < n and (_kt_allow(flowables[i]) or type(flowables[i]) is KeepTogether):
            group = KeepWithNext(flowables[:i + 1])
            for f in group._content[:-1]:
                edits = getattr(self, "_multiBuildEdits", None)
                if edits:  # multiBuild lays the story out again: undo this on the next pass
                    if "keepWithNext" in f.__dict__:
                        edits((setattr, f, "keepWithNext", f.__dict__["keepWithNext"]))
                    else:
                        edits((delattr, f, "keepWithNext"))
                f.__dict__["keepWithNext"] = 0
            del flowables[:i + 1]
            flowables.insert(0, group)
        elif i:
            super().handle_keepWithNext(flowables)

    def afterFlowable(self, flowable):  # noqa: N802 - reportlab's name
        if isinstance(flowable, Heading) and flowable.key:
            key = flowable.key
            self.canv.bookmarkPage(key)
            level = min(flowable.level, (self._outline_levels[-1] + 1) if self._outline_levels else 0)
            entry = entry_text(flowable.plain)
            self.canv.addOutlineEntry(entry, key, level=level, closed=level > 0)  # plain text, no markup
            self._outline_levels.append(level)
            if flowable.level <= 1:  # the table of contents lays its entries out as paragraph markup
                self.notify("TOCEntry", (flowable.level, esc(entry), self.page, key))

    def handle_documentBegin(self):  # noqa: N802
        self._outline_levels = []
        super().handle_documentBegin()


def render(story: list, meta: Meta, cover: bool = False, with_toc: bool = False) -> bytes:
    """Lay out `story` on Mesa's pages and return the PDF's bytes."""
    buffer = io.BytesIO()
    doc = MesaDoc(buffer, meta, cover=cover)
    if cover:
        story = story  # the builder starts with the cover and a NextPageTemplate('body')
    else:
        story = [NextPageTemplate("body")] + story
    canvasmaker = _canvas_class(meta, cover)
    if with_toc:
        doc.multiBuild(story, canvasmaker=canvasmaker)
    else:
        doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()


__all__ = ["P", "PM", "PlainText", "funders_band", "FundersBand",
           "Heading", "heading", "Rule", "figure", "data_table", "kv_table", "stat_band",
           "callout",
           "side_by_side", "toc", "render", "esc", "KeepTogether", "PageBreak", "Spacer", "NextPageTemplate",
           "CondPageBreak", "Table", "TableStyle"]
