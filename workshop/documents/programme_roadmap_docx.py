"""The programme roadmap as DOCX (python-docx), for editing: the same `ProgrammeRoadmapFacts`,
sections, tables and wording as the PDF (programme_roadmap_pdf), with the same chart as a picture.
Core properties (title, author = the programme's institution, created now, language) are set by
minutes_docx.Writer.
"""
from __future__ import annotations

from docx.shared import Pt

from . import style
from .minutes_docx import Writer
from .programme_data import ProgrammeRoadmapFacts
from .programme_roadmap_pdf import _horizon_chart, index_table, item_fields, reforms_table, totals_table


def build(facts: ProgrammeRoadmapFacts) -> bytes:
    t = facts.meta.text
    wr = Writer(facts.meta)
    # Title block (the PDF's cover).
    wr.para((facts.institution or facts.name).upper(), size=8, colour=style.BRAND, bold=True, after=2)
    wr.doc.add_paragraph(t.gettext("Programme roadmap"), style="Title")
    wr.para(facts.name, size=12, after=4)
    for line in (t.gettext("Institution: %(institution)s", institution=facts.institution) if facts.institution
                 else "",
                 t.gettext("Start year: %(year)s", year=str(facts.start_year)) if facts.start_year else "",
                 t.ngettext("%(num)s agreed item of %(initiatives)s", "%(num)s agreed items of %(initiatives)s",
                            len(facts.items), initiatives=t.ngettext("%(num)s initiative", "%(num)s initiatives",
                                                                     len(facts.initiatives)))):
        if line:
            wr.para(line, size=9, colour=style.MUTED, after=1)

    # 1. Introduction.
    wr.heading("1. " + t.gettext("Introduction"), 0)
    if facts.description:
        wr.para(facts.description, size=10)
    wr.para(t.gettext("This roadmap gathers every action line and policy reform agreed in the initiatives of the "
                      "programme, who must lead each one, how it will be measured and what it is estimated to cost."))
    if facts.is_empty:
        wr.callout([[(t.gettext("No action line or reform has been agreed in this programme yet."), {})]])
    wr.heading(t.gettext("Key figures"), 2)
    wr.stats(facts.figures)
    wr.heading(t.gettext("Horizons"), 2)
    wr.kv(facts.horizons)
    if not facts.start_year:
        wr.para(t.gettext("The programme has no start year set: horizons are given without years."), size=7.5,
                colour=style.MUTED)
    wr.para(facts.budget_note, size=7.5, colour=style.MUTED)

    # 2. Totals.
    wr.heading("2. " + t.gettext("Totals"), 0)
    for n, totals in enumerate(facts.totals, start=1):
        wr.heading(f"2.{n} {totals.title}", 1)
        wr.table(totals_table(totals, facts), total_last=True)
        if totals.code == "horizon" and facts.items:
            wr.heading(t.gettext("Agreed items by horizon"), 2)
            wr.picture(_horizon_chart(facts, t))

    # 3. Policy reforms by the institution that must act.
    wr.page_break()
    wr.heading("3. " + t.gettext("Policy reforms by the institution that must act"), 0)
    if facts.reforms_by_lead:
        wr.para(t.gettext("Each policy reform is listed under its lead institution: the ministry, agency or "
                          "government that must act for it to happen."))
    else:
        wr.para(t.gettext("No policy reform has been agreed yet."), italic=True, colour=style.MUTED)
    for n, group in enumerate(facts.reforms_by_lead, start=1):
        wr.heading(f"3.{n} {group.lead}", 1)
        line = t.ngettext("%(num)s reform · estimated budget %(budget)s", "%(num)s reforms · estimated budget "
                          "%(budget)s", len(group.items), budget=t.money(group.budget_pen))
        if group.not_estimated:
            line += " · " + t.ngettext("%(num)s not estimated", "%(num)s not estimated", group.not_estimated)
        wr.para(line, size=8.5, colour=style.MUTED)
        wr.table(reforms_table(group.items, facts), size=7)

    # 4. Every agreed item, by initiative.
    wr.page_break()
    wr.heading("4. " + t.gettext("Agreed action lines and reforms by initiative"), 0)
    for n, block in enumerate(facts.initiatives, start=1):
        wr.heading(f"4.{n} {block.name}", 1)
        if block.region:
            wr.para(block.region, size=8.5, colour=style.MUTED)
        if not block.items:
            wr.para(t.gettext("This initiative has no agreed action lines or reforms yet."), italic=True,
                    colour=style.MUTED)
        for r in block.items:
            head = wr.runs([(r.code + "  ", {"bold": True, "colour": style.KIND_COLOURS[r.kind]}),
                            (r.title, {"bold": True})], after=1, size=9.5)
            head.paragraph_format.keep_with_next = True
            meta = wr.para(f"{r.kind_label} · {r.axis} · {r.horizon_label}", size=8, colour=style.MUTED, after=2)
            meta.paragraph_format.keep_with_next = True
            if r.description:
                wr.para(r.description, size=8).paragraph_format.keep_with_next = True
            wr.kv(item_fields(r, facts))

    # Annex.
    wr.page_break()
    wr.heading(t.gettext("Annex. All agreed items"), 0)
    if facts.items:
        wr.table(index_table(facts), size=7)
    else:
        wr.para(t.gettext("No action line or reform has been agreed in this programme yet."), italic=True,
                colour=style.MUTED)
    wr.doc.paragraphs[-1].paragraph_format.space_after = Pt(0)
    return wr.bytes()

