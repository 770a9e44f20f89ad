"""The programme report as DOCX (python-docx), for editing: the same `report_data.ReportFacts`,
sections, wording, tables and charts (as pictures) as the PDF (report_pdf.py), built with the
minutes' `Writer`. Its properties name the programme's institution as author, the report and the
programme as title, the time it was made and its language.
"""
from __future__ import annotations

from docx.shared import Mm, Pt

from . import style
from .minutes_docx import Writer, _cant_split, _cell_border, _cell_margins, _rgb, _shade
from .pdfbase import band_layout
from .report_data import ReportFacts
from .report_pdf import (
    items_chart,
    phases_table,
    sector_chart,
    sector_table,
    status_chart,
)
from .safe import clip

W = style.FRAME_WIDTH
#: Word's numbers are a little smaller than the PDF's (the minutes' key figures are 16 pt too).
DOCX_FIGURE_SIZE = 16.0
VERDANA_ALLOWANCE = 1.08


def _points_to_mm(points: float) -> float:
    return points / 72 * 25.4


def figure_band(wr: Writer, figures) -> None:
    """Key figures side by side, each number on one line (no space Word may break at) in a column
    sized to it, as in the PDF."""
    if not figures:
        return
    # Laid out as if 8 % larger: Word draws the numbers in Verdana, a little wider than Vera.
    widths, size = band_layout(figures, W, DOCX_FIGURE_SIZE * VERDANA_ALLOWANCE)
    size /= VERDANA_ALLOWANCE
    t = wr.doc.add_table(rows=1, cols=len(figures))
    t.autofit = False
    _cell_margins(t, top=80, bottom=80, left=120, right=80)
    _cant_split(t.rows[0])
    for cell, width, (value, name) in zip(t.rows[0].cells, widths, figures):
        cell.width = Mm(_points_to_mm(width))
        _shade(cell, style.BRAND_SOFT)
        _cell_border(cell, "top", style.BRAND, 16)
        p = cell.paragraphs[0]
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = True
        run = p.add_run(value)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(round(size * 2) / 2), _rgb(style.BRAND_DARK)
        p2 = cell.add_paragraph()
        run = p2.add_run(name)
        run.font.size, run.font.color.rgb = Pt(7.5), _rgb(style.MUTED)
    for column, width in zip(t.columns, widths):
        column.width = Mm(_points_to_mm(width))
    wr.para(after=2)


def _bullets(wr: Writer, lines: list[str]) -> None:
    for line in lines:
        p = wr.doc.add_paragraph(style="List Bullet")
        run = p.add_run(line)
        run.font.size = Pt(8.5)
        p.paragraph_format.space_after = Pt(1)


def build(facts: ReportFacts) -> bytes:
    """The programme report as DOCX bytes."""
    t = facts.meta.text
    wr = Writer(facts.meta)
    core = wr.doc.core_properties
    core.author = core.last_modified_by = clip(facts.author or facts.meta.author)

    # Title page.
    wr.para((facts.institution or facts.name).upper(), size=9, colour=style.BRAND, bold=True, after=6)
    wr.doc.add_paragraph(t.gettext("Programme report"), style="Title")
    wr.para(facts.name, size=14, after=8)
    for line in (t.gettext("Process and results of the initiatives"),
                 t.gettext("Institution: %(institution)s", institution=facts.institution) if facts.institution else "",
                 t.gettext("Period: %(period)s", period=facts.period) if facts.period else ""):
        if line:
            wr.para(line, size=10, colour=style.MUTED, after=2)
    wr.page_break()

    # 1. Presentation.
    wr.heading("1. " + t.gettext("Introduction"), 0)
    if facts.presentation:
        wr.para(facts.presentation, size=10, after=8)
    if facts.is_empty:
        wr.callout([[(t.gettext("This programme has no initiatives yet."), {})]])
    wr.heading(t.gettext("Key figures"), 2)
    figure_band(wr, facts.figures)
    if facts.sector_line:
        wr.para(facts.sector_line, size=7.5, colour=style.MUTED)
    if facts.own_words:
        wr.heading(t.gettext("The programme in its own words"), 2)
        wr.callout([[(facts.own_words, {"size": 9})], [(facts.own_words_note, {"size": 7.5, "colour": style.MUTED})]])

    # 2. Programme figures.
    wr.heading("2. " + t.gettext("Programme figures"), 0)
    if facts.initiatives:
        wr.heading(t.gettext("Results by initiative"), 2)
        wr.table(facts.overview, total_last=True)
        wr.heading(t.gettext("Roadmaps"), 2)
        wr.table(facts.roadmap_table)
        wr.heading(t.gettext("Participants by sector"), 2)
        wr.picture(sector_chart(facts.by_sector, W, t))
        wr.heading(t.gettext("Items agreed by initiative"), 2)
        wr.picture(items_chart(facts, W))
        wr.heading(t.gettext("Participants by sector and initiative"), 2)
        wr.table(sector_table(facts), total_last=True)
        wr.para(t.gettext("Distinct people: someone who attended several sessions of an initiative counts once; "
                          "the programme total counts once someone who took part in several initiatives."),
                size=7.5, colour=style.MUTED)
    else:
        wr.para(t.gettext("This programme has no initiatives yet."), italic=True, colour=style.MUTED)

    # 3. One summary per initiative.
    if facts.initiatives:
        wr.page_break()
        wr.heading("3. " + t.gettext("Initiative summaries"), 0)
        for i, summary in enumerate(facts.initiatives, start=1):
            if i > 1:
                wr.page_break()
            wr.heading(f"3.{i} {summary.name}", 1)
            facts_line = " · ".join(x for x in (summary.value_chain, summary.region) if x)
            if facts_line:
                wr.para(facts_line, size=8.5, colour=style.MUTED)
            if summary.summary:
                wr.para(summary.summary)
            lines = []
            state = facts.roadmaps.get(summary.id)
            if state is not None:
                lines.append([(state.text, {"bold": True, "colour": style.OK if state.validated else style.WARN})])
            lines += [[(summary.process_text, {})], [(summary.achievements_text, {"bold": True})],
                      [(summary.budget_text, {})]]
            wr.callout(lines)
            wr.heading(t.gettext("Participants by sector"), 2)
            wr.picture(sector_chart(summary.by_sector, W * 0.6, t))
            wr.heading(t.gettext("Items by status"), 2)
            wr.picture(status_chart(summary, facts, W * 0.6))
            if summary.phases:
                wr.heading(t.gettext("Sessions per phase"), 2)
                wr.table(phases_table(summary, t))
            for heading_text, items in ((t.gettext("Action lines agreed"), summary.agreed_lines),
                                        (t.gettext("Policy reforms agreed"), summary.agreed_reforms)):
                if items:
                    wr.heading(f"{heading_text} ({t.number(len(items))})", 2)
                    _bullets(wr, items)
    return wr.bytes()
