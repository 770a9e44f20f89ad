"""The summary of an initiative as DOCX (python-docx), for editing: the same `SummaryFacts`, sections
and wording as the PDF (`summary_pdf`), the participation chart as a picture drawn from the same
figure, built with the minutes' `Writer`. Core properties: title, author (the programme's
institution), subject, created now, language.
"""
from __future__ import annotations

from docx.shared import Pt

from . import safe, style
from .minutes_docx import FRAME_MM, Writer
from .summary_data import SummaryFacts
from .summary_pdf import _items_table, _sector_chart


def build(facts: SummaryFacts) -> bytes:
    """The summary as DOCX bytes."""
    t = facts.meta.text
    wr = Writer(facts.meta)
    core = wr.doc.core_properties
    core.subject = safe.clip(facts.subject)
    core.keywords = safe.clip(", ".join(x for x in (facts.programme, facts.value_chain, facts.region) if x))

    # Cover block and key figures.
    kicker = " · ".join(x for x in (facts.programme, facts.institution) if x)
    wr.para(kicker.upper(), size=8, colour=style.BRAND, bold=True, after=2)
    wr.para(t.gettext("Initiative summary"), size=12, after=2)
    wr.doc.add_paragraph(facts.name, style="Title")
    info = [(t.gettext("Value chain"), facts.value_chain), (t.gettext("Region"), facts.region),
            (t.gettext("Programme"), kicker), (t.gettext("Period of the sessions"), facts.period),
            (t.gettext("Date"), facts.date)]
    wr.kv([(k, v) for k, v in info if v])
    wr.stats(facts.figures)
    if facts.is_empty:
        wr.callout([[(t.gettext("This initiative has no sessions or items yet. Its summary will be built from its "
                                "strategy sessions."), {})]])

    # 1. The value chain and its challenge.
    wr.heading("1. " + t.gettext("The value chain and its challenge"), 0)
    if facts.summary:
        wr.para(facts.summary, size=10)
    else:
        wr.para(t.gettext("The initiative's description has not been written yet."), italic=True, colour=style.MUTED)

    # 2. The process.
    wr.heading("2. " + t.gettext("The process"), 0)
    wr.para(facts.process_text)
    if facts.phases:
        wr.runs([(t.gettext("Phases") + ": ", {"bold": True}), ("; ".join(facts.phases), {})])
    if facts.sessions.rows:
        wr.heading(t.gettext("Sessions: where and when"), 2)
        wr.table(facts.sessions)
    if facts.people_total:
        wr.heading(t.gettext("Participation by sector and organisation"), 2)
        wr.table(facts.sector_table, total_last=True, width_mm=FRAME_MM * 0.7)
        wr.picture(_sector_chart(facts, style.FRAME_WIDTH * 0.75))
        wr.para(t.gettext("Distinct people: someone who attended several sessions counts once."), size=7.5,
                colour=style.MUTED)
        if facts.organisations:
            wr.heading(t.gettext("Organisations taking part"), 2)
            for label, names in facts.organisations:
                wr.runs([(label + ": ", {"bold": True}), (names, {})], size=8, after=2)

    # 3. The achievements.
    wr.heading("3. " + t.gettext("Achievements"), 0)
    wr.para(facts.achievements_text)
    if facts.budget_text:
        wr.para(facts.budget_text)
    for title, rows in ((t.gettext("Action lines agreed"), facts.lines),
                        (t.gettext("Policy reform proposals agreed"), facts.reforms)):
        if rows:
            wr.heading(f"{title} ({t.number(len(rows))})", 2)
            wr.table(_items_table(rows, facts.achievements_table_headers))

    # 4. Voices from the room.
    wr.heading("4. " + t.gettext("Voices from the room"), 0)
    wr.para(facts.voices_note, size=8, colour=style.MUTED, italic=not facts.voices)
    for voice in facts.voices:
        wr.callout([[(f"“{voice.body}”", {"size": 9})],
                    [(f"— {voice.credit} · {voice.context}", {"size": 7, "colour": style.MUTED})]])

    # 5. Next steps.
    wr.heading("5. " + t.gettext("Next steps"), 0)
    wr.para(facts.next_session)
    if facts.first_steps:
        wr.heading(t.gettext("First steps: %(horizon)s", horizon=facts.first_steps_title), 2)
        for r in facts.first_steps:
            p = wr.doc.add_paragraph(f"{r.code} · {r.title} — {r.lead}", style="List Bullet")
            p.paragraph_format.space_after = Pt(2)
    if facts.deferred:
        wr.heading(t.gettext("Deferred items"), 2)
        for item, reason in facts.deferred:
            p = wr.doc.add_paragraph(style="List Bullet")
            p.add_run(item).bold = True
            p.add_run(f": {reason}")
    if facts.candidates_text:
        wr.para(facts.candidates_text)
    if facts.acknowledgement:
        wr.para(facts.acknowledgement, size=7.5, colour=style.MUTED)
    return wr.bytes()
