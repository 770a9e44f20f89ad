"""Session minutes as DOCX (python-docx), for editing: the same `SessionFacts`, sections and wording
as the PDF, with the charts as pictures drawn from the same figures (charts.to_png).
"""
from __future__ import annotations

import io
from typing import Optional, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor

from . import charts, docx_props, style
from .data import ItemFacts, RoundFacts, SessionFacts, Table
from .text import Text

FRAME_MM = (style.FRAME_WIDTH / 72) * 25.4


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(style.hex6(hex_colour))


def _shade(cell, hex_colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), style.hex6(hex_colour))
    tc_pr.append(shd)


def _cell_border(cell, side: str, hex_colour: str, eighths: int = 24) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(eighths))
    edge.set(qn("w:color"), style.hex6(hex_colour))
    borders.append(edge)


def _table_borders(table, inside: bool = True) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        if side in ("bottom",) or (side == "insideH" and inside):
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:color"), style.hex6(style.LINE))
        else:
            edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tbl_pr.append(borders)


def _cell_margins(table, top: int = 35, bottom: int = 35, left: int = 90, right: int = 90) -> None:
    """Padding inside every cell, in twentieths of a point."""
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(value))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _field(paragraph, instruction: str, size: float) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    r_pr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    r_pr.append(sz)
    run.append(r_pr)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


class Writer:
    """A python-docx document with Mesa's styles and a few building blocks."""

    def __init__(self, meta):
        self.meta = meta
        self.doc = Document()
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = Mm(24)
        section.right_margin = Mm(22)
        section.top_margin = Mm(27)
        section.bottom_margin = Mm(24)
        section.header_distance = Mm(12)
        section.footer_distance = Mm(10)
        self._styles()
        self._header_footer(section)
        # python-docx's template says "python-docx", 2013: the document's own properties instead.
        docx_props.properties(self.doc, meta)

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = style.DOCX_FONT
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), style.DOCX_FONT)
        normal.font.size = Pt(9)
        normal.font.color.rgb = _rgb(style.INK)
        normal.paragraph_format.space_after = Pt(4)
        normal.paragraph_format.line_spacing = 1.15
        for name, size, colour, before, after in (("Title", 22, style.BRAND_DARK, 0, 4),
                                                  ("Heading 1", 15, style.BRAND_DARK, 14, 6),
                                                  ("Heading 2", 11.5, style.INK, 10, 4),
                                                  ("Heading 3", 9.5, style.BRAND, 8, 3)):
            s = styles[name]
            s.font.name = style.DOCX_FONT
            rpr = s.element.get_or_add_rPr()
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                rpr.append(fonts)
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(attr), style.DOCX_FONT)
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                if fonts.get(qn(attr)) is not None:
                    del fonts.attrib[qn(attr)]
            s.font.size = Pt(size)
            s.font.bold = True
            s.font.italic = False
            s.font.color.rgb = _rgb(colour)
            s.paragraph_format.space_before = Pt(before)
            s.paragraph_format.space_after = Pt(after)
            s.paragraph_format.keep_with_next = True
        title = styles["Title"]
        title_ppr = title.element.get_or_add_pPr()
        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)

    def _header_footer(self, section) -> None:
        t = self.meta.text
        header = section.header.paragraphs[0]
        footer = section.footer.paragraphs[0]
        for p in (header, footer):
            stops = p.paragraph_format.tab_stops
            for position in (Inches(3.25), Inches(6.5)):  # the template's centre and right stops
                stops.add_tab_stop(position, WD_TAB_ALIGNMENT.CLEAR)
            stops.add_tab_stop(Mm(FRAME_MM), WD_TAB_ALIGNMENT.RIGHT)
        header.text = ""
        docx_props.header_logo(header, self.meta)
        run = header.add_run(self.meta.header_left)
        run.font.size, run.font.color.rgb = Pt(7), _rgb(style.MUTED)
        run = header.add_run("\t" + self.meta.doc_title.upper())
        run.font.size, run.font.bold, run.font.color.rgb = Pt(7), True, _rgb(style.BRAND)
        footer.text = ""
        run = footer.add_run(self.meta.generated + "\t")
        run.font.size, run.font.color.rgb = Pt(7), _rgb(style.MUTED)
        before, _, rest = t.gettext("Page %(page)s of %(pages)s").partition("%(page)s")
        middle, _, after = rest.partition("%(pages)s")
        for text, field in ((before, "PAGE"), (middle, "NUMPAGES"), (after, None)):
            if text:
                r = footer.add_run(text)
                r.font.size, r.font.color.rgb = Pt(7), _rgb(style.MUTED)
            if field:
                _field(footer, field, 7)

    # --- blocks ---------------------------------------------------------------------------------

    def para(self, text: str = "", size: Optional[float] = None, colour: Optional[str] = None, bold: bool = False,
             italic: bool = False, after: Optional[float] = None, indent_mm: float = 0):
        p = self.doc.add_paragraph()
        if text:
            run = p.add_run(text)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = Pt(size)
            if colour:
                run.font.color.rgb = _rgb(colour)
        if after is not None:
            p.paragraph_format.space_after = Pt(after)
        if indent_mm:
            p.paragraph_format.left_indent = Mm(indent_mm)
        return p

    def runs(self, parts: Sequence[tuple[str, dict]], after: Optional[float] = None, size: Optional[float] = None):
        """A paragraph of runs: [(text, {"bold": True, "colour": "#..."}), ...]."""
        p = self.doc.add_paragraph()
        for text, fmt in parts:
            run = p.add_run(text)
            run.bold = fmt.get("bold", False)
            run.italic = fmt.get("italic", False)
            if fmt.get("colour"):
                run.font.color.rgb = _rgb(fmt["colour"])
            if fmt.get("size") or size:
                run.font.size = Pt(fmt.get("size") or size)
        if after is not None:
            p.paragraph_format.space_after = Pt(after)
        return p

    def heading(self, text: str, level: int):
        return self.doc.add_heading(text, level=level + 1)

    def table(self, table: Table, total_first: bool = False, total_last: bool = False, size: float = 7.5,
              width_mm: float = FRAME_MM):
        weights = table.widths or [1] * len(table.headers)
        widths = [Mm(width_mm * w / sum(weights)) for w in weights]
        numeric = set(table.numeric)
        t = self.doc.add_table(rows=1, cols=len(table.headers))
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        t.autofit = False
        _table_borders(t)
        _cell_margins(t)
        head = t.rows[0]
        _repeat_header(head)
        for i, (cell, text) in enumerate(zip(head.cells, table.headers)):
            cell.width = widths[i]
            _shade(cell, style.BRAND)
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            if i in numeric:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = p.add_run(text)
            run.bold, run.font.size, run.font.color.rgb = True, Pt(size), _rgb(style.WHITE)
        last = len(table.rows) - 1
        for r, values in enumerate(table.rows):
            row = t.add_row()
            _cant_split(row)
            cells = row.cells
            strong = (total_first and r == 0) or (total_last and r == last)
            for i, (cell, text) in enumerate(zip(cells, values)):
                cell.width = widths[i]
                p = cell.paragraphs[0]
                p.paragraph_format.space_after = Pt(0)
                if i in numeric:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                run = p.add_run(str(text))
                run.font.size = Pt(size)
                run.bold = strong
                if strong:
                    _shade(cell, style.BRAND_SOFT)
                elif r % 2 == 1:
                    _shade(cell, style.ZEBRA)
            sector = table.row_sectors[r] if r < len(table.row_sectors) else None
            if sector:
                _cell_border(cells[0], "left", style.SECTOR_COLOURS.get(sector, style.MUTED), 24)
        for i, column in enumerate(t.columns):
            column.width = widths[i]
        self.para(after=2)
        return t

    def kv(self, rows: Sequence[tuple[str, str]]):
        t = self.doc.add_table(rows=0, cols=2)
        t.autofit = False
        _table_borders(t)
        _cell_margins(t, left=0)
        widths = (Mm(FRAME_MM * 0.24), Mm(FRAME_MM * 0.76))
        for key, value in rows:
            cells = t.add_row().cells
            cells[0].width, cells[1].width = widths
            for cell, text, bold, colour in ((cells[0], key, True, style.MUTED), (cells[1], value, False, style.INK)):
                p = cell.paragraphs[0]
                p.paragraph_format.space_after = Pt(1)
                run = p.add_run(text)
                run.bold, run.font.size, run.font.color.rgb = bold, Pt(8.5), _rgb(colour)
        for column, width in zip(t.columns, widths):
            column.width = width
        self.para(after=2)

    def stats(self, figures: Sequence[tuple[str, str]]):
        if not figures:
            return
        t = self.doc.add_table(rows=1, cols=len(figures))
        t.autofit = False
        _cell_margins(t, top=80, bottom=80, left=120, right=80)
        _cant_split(t.rows[0])
        for cell, (value, name) in zip(t.rows[0].cells, figures):
            cell.width = Mm(FRAME_MM / len(figures))
            _shade(cell, style.BRAND_SOFT)
            _cell_border(cell, "top", style.BRAND, 16)
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            run = p.add_run(value)
            run.bold, run.font.size, run.font.color.rgb = True, Pt(16), _rgb(style.BRAND_DARK)
            p2 = cell.add_paragraph()
            run = p2.add_run(name)
            run.font.size, run.font.color.rgb = Pt(7.5), _rgb(style.MUTED)
        self.para(after=2)

    def callout(self, lines: Sequence[Sequence[tuple[str, dict]]], tone: str = "neutral"):
        t = self.doc.add_table(rows=1, cols=1)
        t.autofit = False
        _cell_margins(t, top=70, bottom=50, left=160, right=120)
        _cant_split(t.rows[0])
        cell = t.rows[0].cells[0]
        cell.width = Mm(FRAME_MM)
        _shade(cell, style.OUTCOME_SOFT.get(tone, style.BRAND_SOFT))
        _cell_border(cell, "left", style.OUTCOME_COLOURS.get(tone, style.BRAND), 24)
        first = True
        for parts in lines:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            p.paragraph_format.space_after = Pt(2)
            for text, fmt in parts:
                run = p.add_run(text)
                run.bold = fmt.get("bold", False)
                run.font.size = Pt(fmt.get("size", 8.5))
                if fmt.get("colour"):
                    run.font.color.rgb = _rgb(fmt["colour"])
        self.para(after=2)

    def picture(self, fig: charts.Figure):
        png = charts.to_png(fig, dpi=200)
        self.doc.add_picture(io.BytesIO(png), width=Mm(fig.width / 72 * 25.4))
        self.doc.paragraphs[-1].paragraph_format.space_after = Pt(4)

    def page_break(self):
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _round(wr: Writer, rf: RoundFacts, t: Text) -> None:
    wr.heading(rf.heading, 2)
    mode = f"{rf.mode}. {rf.rule}" + (f" {rf.state_note}" if rf.state_note else "")
    wr.para(mode, size=8, colour=style.MUTED)
    wr.table(rf.table, total_first=rf.method in ("approve", "score", "impact_feasibility"))
    if rf.withheld_note:
        wr.para(rf.withheld_note, size=7.5, colour=style.MUTED)
    if rf.chart is not None and rf.total:
        wr.picture(charts.render(rf.chart, style.FRAME_WIDTH))
    lines = [[(t.gettext("Computed result: %(result)s", result=rf.result_text), {"bold": True})]]
    if rf.explanation:
        lines.append([(rf.explanation, {})])
    lines += [[(line, {})] for line in rf.item_lines]
    wr.callout(lines, rf.tone)
    if rf.named_votes:
        wr.heading(t.gettext("Named votes"), 2)
        for title, entries in rf.named_votes:
            if title:
                wr.para(title, size=8, bold=True, after=1)
            for lead, text in entries:
                wr.runs([(lead + " ", {"bold": True, "size": 7.5, "colour": style.MUTED}),
                         (text, {"size": 7.5, "colour": style.MUTED})], after=2)


def _decision(wr: Writer, item: ItemFacts, t: Text) -> None:
    """The item's decision — the table's latest — and, when there were several, every one of them."""
    if not item.decision:
        wr.para(t.gettext("No decision was recorded on this item."), italic=True, colour=style.MUTED)
        return
    d = item.decision
    lines = [[(t.gettext("Decision recorded: %(outcome)s", outcome=d.outcome_label), {"bold": True, "size": 9.5})]]
    if d.override_note:
        lines.append([(d.override_note, {"bold": True})])
    if d.reason:
        lines.append([(t.gettext("Reason:") + " ", {"bold": True}), (d.reason, {})])
    if d.recorded_note:
        lines.append([(d.recorded_note, {"size": 7.5, "colour": style.MUTED})])
    wr.callout(lines, d.outcome)
    if len(item.decisions) > 1:
        wr.heading(t.gettext("Decision history"), 2)
        wr.para(item.history_note, size=7.5, colour=style.MUTED)
        for n, past in enumerate(item.decisions, start=1):
            wr.runs([(f"{n}. ", {"bold": True}), (past.line, {})], size=8.5, after=1)
            if past.reason:
                wr.runs([(t.gettext("Reason:") + " ", {"bold": True}), (past.reason, {})], size=8.5, after=3)


def build(facts: SessionFacts) -> bytes:
    """The minutes as DOCX bytes."""
    t = facts.meta.text
    wr = Writer(facts.meta)
    # Title block.
    docx_props.cover_logos(wr.doc, facts.meta)
    kicker = " · ".join(x for x in (facts.programme, facts.institution) if x)
    wr.para(kicker.upper(), size=8, colour=style.BRAND, bold=True, after=2)
    wr.doc.add_paragraph(t.gettext("Session minutes"), style="Title")
    wr.para(facts.title, size=12, after=8)
    wr.kv([(t.gettext("Initiative"), facts.initiative),
           (t.gettext("Phase"), f"{facts.phase_number} · {facts.phase_name}"),
           (t.gettext("Date"), facts.date), (t.pgettext("session schedule", "Time"), facts.time),
           (t.gettext("Place"), facts.place), (t.gettext("Facilitation"), facts.facilitators),
           (t.gettext("Status"), facts.status_label)])
    wr.stats([(v, k) for k, v in facts.summary if k != t.gettext("Decisions")][:6])
    decisions = dict(facts.summary).get(t.gettext("Decisions"))
    if decisions and decisions != "0":
        wr.para(t.gettext("Decisions: %(decisions)s.", decisions=decisions), size=8.5, colour=style.MUTED)
    docx_props.funders(wr.doc, facts.meta)
    if facts.is_empty:
        wr.callout([[(t.gettext("This session has no participants, votes or decisions yet. The minutes fill in as "
                                "the session goes on."), {})]], "neutral")

    # 1. Attendance.
    n = 1
    wr.heading(f"{n}. " + t.gettext("Attendance"), 0)
    if not facts.attendance_total:
        wr.para(t.gettext("No participant has joined this session yet."), italic=True, colour=style.MUTED)
    else:
        rows = [[s.label, t.number(s.count), s.share, t.number(s.organisations)] for s in facts.by_sector]
        rows.append([t.gettext("Total"), t.number(facts.attendance_total), t.percent(1),
                     t.number(len({r[0].casefold() for r in facts.by_organisation.rows}))])
        wr.table(Table([t.gettext("Sector"), t.gettext("People"), "%", t.gettext("Organisations")], rows,
                       [s.code for s in facts.by_sector] + [None], [2.2, 1, 1, 1.5], [1, 2, 3]),
                 total_last=True, width_mm=FRAME_MM * 0.7)
        wr.heading(t.gettext("Participants by sector"), 2)
        wr.picture(charts.value_bars(
            [charts.Row(s.label, [(s.count, s.colour)], s.colour, f"{t.number(s.count)} · {s.share}")
             for s in facts.by_sector], style.FRAME_WIDTH * 0.8))
        wr.para(t.gettext("Each person is counted once, even after reconnecting from another phone."), size=7.5,
                colour=style.MUTED)
        if facts.by_sex is not None and facts.by_sex.answered:  # in aggregate, small groups withheld
            wr.heading(t.gettext("Participation by sex"), 2)
            wr.table(facts.by_sex.table(t), width_mm=FRAME_MM * 0.5)
            wr.para(facts.by_sex.note, size=7.5, colour=style.MUTED)
        wr.heading(t.gettext("Attendance by organisation"), 1)
        wr.table(facts.by_organisation)

    # 2. Agenda.
    n += 1
    wr.heading(f"{n}. " + t.gettext("Agenda"), 0)
    if facts.agenda.rows:
        wr.table(facts.agenda)
    else:
        wr.para(t.gettext("This session's agenda is empty."), italic=True, colour=style.MUTED)

    # 3. Items discussed.
    n += 1
    wr.heading(f"{n}. " + t.gettext("Items discussed"), 0)
    if not facts.items:
        wr.para(t.gettext("No item has been discussed in this session yet."), italic=True, colour=style.MUTED)
    for i, item in enumerate(facts.items, start=1):
        wr.heading(f"{n}.{i} {item.code} · {item.title}", 1)
        wr.para(" · ".join([item.kind_label] + [x for x in (item.axis, item.horizon_label) if x]), size=8,
                colour=style.MUTED)
        if item.description:
            wr.para(item.description)
        if not item.rounds and not item.also_in:
            wr.para(t.gettext("This item was not put to a vote in the session."), italic=True, colour=style.MUTED)
        for rf in item.rounds:
            _round(wr, rf, t)
        for line in item.also_in:
            wr.para(line, size=8, colour=style.MUTED)
        _decision(wr, item, t)
        if item.comments_total:
            wr.heading(t.gettext("Most up-voted comments"), 2)
            wr.para(item.comments_note, size=7.5, colour=style.MUTED)
            for c in item.comments:
                who = ", ".join(x for x in (c.author, c.organisation, c.sector_label) if x)
                wr.para(f"“{c.body}”", size=8.5, after=0, indent_mm=3)
                wr.para(f"{who} · {c.at} · {c.note}", size=7, colour=style.MUTED, after=5, indent_mm=3)

    # 4. Prioritisation rounds.
    if facts.multi_rounds:
        n += 1
        wr.heading(f"{n}. " + t.gettext("Prioritisation rounds"), 0)
        for rf in facts.multi_rounds:
            _round(wr, rf, t)

    # 5. Proposals.
    n += 1
    wr.heading(f"{n}. " + t.gettext("Items proposed in the session"), 0)
    if facts.proposals:
        wr.table(Table([t.gettext("Title"), t.gettext("Kind"), t.gettext("Proposed by"),
                        t.pgettext("time of day", "Time"), t.gettext("Status")],
                       [[p.title, p.kind_label, p.author, p.at, p.state_label] for p in facts.proposals],
                       [], [4, 1.6, 3, 0.8, 1.5], []))
    else:
        wr.para(t.gettext("No new items were proposed."), italic=True, colour=style.MUTED)

    # 6. Timeline.
    n += 1
    wr.heading(f"{n}. " + t.gettext("Timeline of the session"), 0)
    if facts.timeline:
        wr.table(Table([t.pgettext("time of day", "Time"), t.gettext("Event")],
                       [[when, text] for when, text in facts.timeline], [], [1.3, 8], []), size=7)
    else:
        wr.para(t.gettext("No events recorded yet."), italic=True, colour=style.MUTED)

    # Annex.
    if facts.people:
        wr.page_break()
        wr.heading(t.gettext("Annex. List of attendees"), 0)
        wr.table(Table(["#", t.gettext("Name"), t.gettext("Organisation"), t.gettext("Sector")],
                       [[str(i), p.name, p.organisation, p.sector_label] for i, p in enumerate(facts.people, start=1)],
                       [p.sector for p in facts.people], [0.45, 3, 4.4, 1.5], [0]), size=7)
    return wr.bytes()
