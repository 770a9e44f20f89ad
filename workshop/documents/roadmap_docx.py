"""The roadmap of an initiative as DOCX (python-docx), for editing: the same `RoadmapFacts`, sections
and wording as the PDF (`roadmap_pdf`), built with the minutes' DOCX blocks (`minutes_docx.Writer`).
The mark ("Borrador" or "Versión 2 validada el …") is in the header and footer of every page.
"""
from __future__ import annotations

from . import charts, style
from .data import Table
from .minutes_docx import FRAME_MM, Writer
from .roadmap_facts import RoadmapFacts
from .roadmap_pdf import card_rows, decisions_table, evidence_table, history_table

W = style.FRAME_WIDTH


def build(facts: RoadmapFacts) -> bytes:
    t = facts.meta.text
    base = facts.base
    wr = Writer(facts.meta)
    kicker = " · ".join(x for x in (base.programme, base.institution) if x)
    wr.para(kicker.upper(), size=8, colour=style.BRAND, bold=True, after=2)
    wr.doc.add_paragraph(t.gettext("Roadmap"), style="Title")
    wr.para(base.name, size=12, after=4)
    for line in (t.gettext("Value chain: %(value_chain)s", value_chain=base.value_chain) if base.value_chain else "",
                 t.gettext("Region: %(region)s", region=base.region) if base.region else ""):
        if line:
            wr.para(line, size=9, colour=style.MUTED, after=2)
    wr.callout([[(facts.status.mark.upper(), {"bold": True, "size": 10})], [(facts.status.note, {})]],
               "deferred" if facts.status.draft else "agreed")

    # 1. Executive summary.
    wr.heading("1. " + t.gettext("Executive summary"), 0)
    if base.is_empty:
        wr.callout([[(t.gettext("This initiative has no sessions or items yet. Its roadmap will be built from the "
                                "decisions of its strategy sessions."), {})]], "neutral")
    wr.stats([(v, k) for v, k in base.figures])
    for paragraph in facts.summary:
        wr.para(paragraph)
    if facts.first_steps.rows:
        wr.heading(facts.first_steps_title, 2)
        wr.table(facts.first_steps)

    # 2. The process.
    wr.heading("2. " + t.gettext("The process"), 0)
    if base.summary:
        wr.para(base.summary, size=10)
    if base.sessions:
        wr.heading(t.gettext("Sessions per phase"), 2)
        wr.table(Table([t.gettext("Phase"), t.gettext("Date"), t.gettext("Place"), t.gettext("Status"),
                        t.gettext("Participants")],
                       [[s.phase, s.date, s.place, s.status, t.number(s.participants)] for s in base.sessions], [],
                       [2.4, 1.3, 3.6, 1.1, 1.2], [4]))
        if base.people_total:
            wr.heading(t.gettext("Participants by sector"), 2)
            wr.table(Table([t.gettext("Sector"), t.gettext("People"), "%", t.gettext("Organisations")],
                           [[s.label, t.number(s.count), s.share, t.number(s.organisations)] for s in base.by_sector],
                           [s.code for s in base.by_sector], [2.2, 1, 1, 1.5], [1, 2, 3]), width_mm=FRAME_MM * 0.6)
    else:
        wr.para(t.gettext("No sessions yet."), italic=True, colour=style.MUTED)

    # 3. Timeline.
    wr.heading("3. " + t.gettext("Timeline"), 0)
    none_yet = t.gettext("This initiative has no agreed action lines or reforms yet.")
    if facts.agreed:
        wr.para(facts.timeline_note)
        wr.table(facts.timeline)
        legend = [(name, style.KIND_COLOURS[kind]) for kind, name in facts.meta.kind_labels.items()]
        wr.heading(t.gettext("Timeline: horizon × strategic axis"), 2)
        wr.picture(charts.horizon_grid(base.axes, base.horizons, base.grid, W, legend=legend))
        wr.para(t.gettext("Each cell shows the axis's agreed items in that horizon by their stable codes: LA, action "
                          "line (línea de acción); RP, policy reform proposal (reforma de política)."),
                size=7.5, colour=style.MUTED)
    else:
        wr.para(none_yet, italic=True, colour=style.MUTED)

    # 4. Budget.
    wr.heading("4. " + t.gettext("Budget"), 0)
    if facts.agreed:
        wr.heading(t.gettext("Estimated budget by axis and horizon"), 2)
        wr.table(base.budget_table, total_last=True)
        if base.budget_note:
            wr.para(base.budget_note, size=8, colour=style.MUTED)
        if facts.budget_by_source.rows:
            wr.heading(t.gettext("Estimated budget by source"), 2)
            wr.table(facts.budget_by_source, total_last=True, width_mm=FRAME_MM * 0.6)
        wr.para(facts.budget_note, size=8, colour=style.MUTED)
    else:
        wr.para(none_yet, italic=True, colour=style.MUTED)

    # 5. The agreed items.
    wr.heading("5. " + t.gettext("Agreed action lines and reforms"), 0)
    if not facts.agreed:
        wr.para(none_yet, italic=True, colour=style.MUTED)
    for a, (axis, horizons) in enumerate(facts.groups, start=1):
        wr.heading(f"5.{a} {axis}", 1)
        for h_label, cards in horizons:
            wr.para(h_label, bold=True, colour=style.BRAND, after=2)
            for card in cards:
                wr.runs([(card.code, {"bold": True, "colour": style.KIND_COLOURS[card.kind]}),
                         ("  " + card.title, {"bold": True})], size=11, after=1)
                wr.para(" · ".join(x for x in (card.kind_label, card.horizon_label, card.due_phrase) if x), size=8,
                        colour=style.MUTED, after=2)
                if card.description:
                    wr.para(card.description)
                wr.kv(card_rows(card, t))
                wr.para(t.gettext("Evidence of support"), bold=True, colour=style.BRAND, after=2)
                if card.evidence:
                    wr.table(evidence_table(card, t, facts.meta.sector_labels), size=7)
                else:
                    wr.para(t.gettext("No votes recorded."), italic=True, colour=style.MUTED)
                if card.history:
                    wr.para(t.gettext("Decisions"), bold=True, colour=style.BRAND, after=2)
                    wr.table(history_table(card, t), size=7)

    # 6. Rejections, deferrals and overrides.
    wr.heading("6. " + t.gettext("Rejections, deferrals and overrides"), 0)
    wr.para(t.gettext("Why each item not agreed stands where it does, and why the table departed from the vote where "
                      "it did: the reason recorded with the decision, or the vote's result when the table followed "
                      "it."))
    if facts.others:
        wr.heading(t.gettext("Rejected and deferred items"), 2)
        wr.table(decisions_table(facts.others, t))
    else:
        wr.para(t.gettext("No item was rejected or deferred."), italic=True, colour=style.MUTED)
    if facts.overrides:
        wr.heading(t.gettext("Agreed against the computed result of the vote"), 2)
        wr.table(decisions_table(facts.overrides, t))
    else:
        wr.para(t.gettext("The table followed the computed result of the vote for every agreed item."),
                italic=True, colour=style.MUTED)

    # Annex.
    wr.heading(t.gettext("Annex. How support is measured"), 0)
    wr.para(facts.measures_note[0])
    for line in facts.measures_note[1:]:
        wr.para("• " + line, indent_mm=4, after=2)
    return wr.bytes()
