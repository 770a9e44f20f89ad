"""The summary of an initiative as PDF (2–4 pages), from `summary_data.SummaryFacts`: the case
study's "eight summaries, one per initiative, outlining process and achievements".

A cover block (programme and institution, the initiative, value chain, region, period, date) and
key figures · 1 the value chain and its challenge · 2 the process: phases, sessions (where and
when held), participation by sector and organisation (table and chart) · 3 the achievements: the
agreed action lines and reforms with codes, titles, leads, horizon and budget · 4 voices from the
room (pinned comments; anonymous ones not credited) · 5 next steps. The file's properties name
the document, its author (the programme's institution), subject and language.
"""
from __future__ import annotations

import io

from reportlab.platypus import Flowable, NextPageTemplate, Paragraph

from . import charts, pdfbase, safe, style
from .data import Table
from .pdfbase import PM, CondPageBreak, KeepTogether, P, Spacer, bullet, data_table, esc, figure, heading, kv_table
from .summary_data import AchievementRow, SummaryFacts

W = style.FRAME_WIDTH
#: Tables of agreed items with at most this many rows are kept whole on one page.
SHORT_TABLE = 6


class SectorBand(Flowable):
    """The four sectors' colours as a thin band: the quadruple helix, as on the covers."""

    def __init__(self, height: float = 3.5):
        super().__init__()
        self.band_height = height

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.band_height + 6

    def draw(self):
        part = self.width / len(style.SECTOR_COLOURS)
        for i, colour in enumerate(style.SECTOR_COLOURS.values()):
            self.canv.setFillColor(style.rl(colour))
            self.canv.rect(i * part, 3, part, self.band_height, stroke=0, fill=1)


def _items_table(rows: list[AchievementRow], headers: list[str]) -> Table:
    return Table(headers, [[r.code, r.title, r.lead, r.horizon, r.budget] for r in rows], [],
                 [0.8, 4.2, 3, 1.5, 1.5], [4])


def _sector_chart(facts: SummaryFacts, width: float) -> charts.Figure:
    t = facts.meta.text
    return charts.value_bars([charts.Row(s.label, [(s.count, s.colour)], s.colour, f"{t.number(s.count)} · {s.share}")
                              for s in facts.by_sector], width)


def sub(text: str, first=None, room: float = 110) -> list:
    """A sub-heading kept with what follows: with `first` (a table, a chart) in one block, else never
    closer than `room` points to the foot of a page."""
    if first is not None:
        return [CondPageBreak(room), KeepTogether([P(text, "h3"), first])]
    return [CondPageBreak(room), P(text, "h3")]


def story(facts: SummaryFacts) -> list:
    t = facts.meta.text
    kicker = " · ".join(x for x in (facts.programme, facts.institution) if x)
    out: list = [P(kicker.upper(), "doc_kicker"), P(t.gettext("Initiative summary"), "doc_subtitle"),
                 P(facts.name, "doc_title"), SectorBand()]
    info = [(t.gettext("Value chain"), facts.value_chain), (t.gettext("Region"), facts.region),
            (t.gettext("Programme"), kicker), (t.gettext("Period of the sessions"), facts.period),
            (t.gettext("Date"), facts.date)]
    out += [kv_table([(k, v) for k, v in info if v], key_share=0.22), Spacer(1, 8), pdfbase.stat_band(facts.figures),
            Spacer(1, 6)]
    if facts.is_empty:
        out.append(pdfbase.callout([P(t.gettext("This initiative has no sessions or items yet. Its summary will be "
                                                "built from its strategy sessions."))]))

    # 1. The value chain and its challenge.
    out += heading("1. " + t.gettext("The value chain and its challenge"), 0, "chain")
    out.append(P(facts.summary, "lead") if facts.summary else
               P(t.gettext("The initiative's description has not been written yet."), "note"))

    # 2. The process.
    out += heading("2. " + t.gettext("The process"), 0, "process")
    out.append(P(facts.process_text))
    if facts.phases:
        out.append(PM(f"<b>{esc(t.gettext('Phases'))}:</b> " + esc("; ".join(facts.phases)), "body"))
    if facts.sessions.rows:
        out += sub(t.gettext("Sessions: where and when"), data_table(facts.sessions))
    if facts.people_total:
        out += sub(t.gettext("Participation by sector and organisation"),
                   pdfbase.side_by_side(data_table(facts.sector_table, W * 0.52 - 8, total_last=True),
                                        figure(_sector_chart(facts, W * 0.46)), split=0.52))
        out.append(P(t.gettext("Distinct people: someone who attended several sessions counts once."), "small"))
        if facts.organisations:
            out += sub(t.gettext("Organisations taking part"), room=60)
            for label, names in facts.organisations:
                out.append(PM(f"<b>{esc(label)}:</b> {esc(names)}", "small"))

    # 3. The achievements.
    out += heading("3. " + t.gettext("Achievements"), 0, "achievements")
    out.append(P(facts.achievements_text))
    if facts.budget_text:
        out.append(P(facts.budget_text))
    for title, rows in ((t.gettext("Action lines agreed"), facts.lines),
                        (t.gettext("Policy reform proposals agreed"), facts.reforms)):
        if rows:
            table = data_table(_items_table(rows, facts.achievements_table_headers), font_size=7.5)
            # A short table is never split (one row alone on the next page); a long one splits, its header
            # repeated, and starts no lower than a few rows from the foot of a page.
            out += sub(f"{title} ({t.number(len(rows))})", table if len(rows) <= SHORT_TABLE else None, room=140)
            if len(rows) > SHORT_TABLE:
                out.append(table)

    # 4. Voices from the room.
    out += heading("4. " + t.gettext("Voices from the room"), 0, "voices")
    out.append(P(facts.voices_note, "small" if facts.voices else "note"))
    for voice in facts.voices:
        # A quote and its credit stay together (a quote longer than a page still splits).
        out += [KeepTogether([pdfbase.callout([P(f"“{voice.body}”", "quote"),
                                               P(f"— {voice.credit} · {voice.context}", "quote_meta")])]),
                Spacer(1, 4)]

    # 5. Next steps.
    out += heading("5. " + t.gettext("Next steps"), 0, "next")
    out.append(P(facts.next_session))
    if facts.first_steps:
        out += sub(t.gettext("First steps: %(horizon)s", horizon=facts.first_steps_title), room=60)
        out += [bullet(f"{r.code} · {r.title} — {r.lead}") for r in facts.first_steps]
    if facts.deferred:
        out += sub(t.gettext("Deferred items"), room=60)
        out += [Paragraph(f"<b>{esc(item)}</b>: {esc(reason)}", style.styles()["bullet"], bulletText="•")
                for item, reason in facts.deferred]
    if facts.candidates_text:
        out.append(P(facts.candidates_text))
    if facts.acknowledgement:
        out += [Spacer(1, 10), pdfbase.Rule(), P(facts.acknowledgement, "small")]
    return out


def build(facts: SummaryFacts) -> bytes:
    """The summary as PDF bytes, its properties set: title, author (the institution), subject, language."""
    buffer = io.BytesIO()
    doc = pdfbase.MesaDoc(buffer, facts.meta, cover=False)
    doc.subject = safe.clip(facts.subject)
    doc.author = safe.clip(facts.meta.author)
    doc.keywords = safe.clip(", ".join(x for x in (facts.programme, facts.value_chain, facts.region) if x))
    doc.build([NextPageTemplate("body")] + story(facts), canvasmaker=pdfbase._canvas_class(facts.meta, False))
    return buffer.getvalue()
