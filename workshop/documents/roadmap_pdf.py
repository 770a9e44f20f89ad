"""The roadmap of an initiative as PDF, from `roadmap_facts.RoadmapFacts`.

Cover (with the draft mark or the validated version) · contents · 1 executive summary (key
figures, what was agreed with what support across sectors, the budget, the first steps) · 2 the
process (sessions per phase, participants by sector) · 3 timeline in real years and the horizon ×
axis grid · 4 budget by axis and horizon and by source, with the price year · 5 the agreed items
by axis and horizon, each with lead, partners, indicator (baseline → target by year, means of
verification), budget, the evidence of support (measure named, n overall and per sector) and its
decisions · 6 rejections, deferrals and overrides with their reasons · annex: how support is
measured. Every page carries the mark ("Borrador" or "Versión 2 validada el …") in its footer and
running header. Items show their stable codes with their titles.
"""
from __future__ import annotations

from reportlab.platypus import NextPageTemplate, PageBreak

from . import charts, style
from .data import Table
from .pdfbase import (
    PM,
    KeepTogether,
    P,
    Rule,
    Spacer,
    bullet,
    callout,
    data_table,
    esc,
    figure,
    heading,
    kv_table,
    render,
    side_by_side,
    stat_band,
    toc,
)
from .roadmap_facts import Card, RoadmapFacts
from .text import Text

W = style.FRAME_WIDTH


def build(facts: RoadmapFacts) -> bytes:
    return render(story(facts), facts.meta, cover=True, with_toc=True)


def cover(kicker: str, title: str, subtitle: str, lines: list[str]) -> list:
    out = [Spacer(1, 80), P(kicker.upper(), "cover_kicker"), P(title, "cover_title"), Rule(style.BRAND, 2, 6),
           Spacer(1, 6), P(subtitle, "cover_subtitle")]
    out += [P(line, "cover_meta") for line in lines if line]
    return out


def _status_box(facts: RoadmapFacts) -> list:
    tone = "deferred" if facts.status.draft else "agreed"
    return [Spacer(1, 14), callout([PM(f"<b>{esc(facts.status.mark.upper())}</b>", "h3"),
                                    P(facts.status.note, "body")], tone)]


def _sector_block(base, t: Text, title: str) -> list:
    rows = [[s.label, t.number(s.count), s.share, t.number(s.organisations)] for s in base.by_sector]
    table = Table([t.gettext("Sector"), t.gettext("People"), "%", t.gettext("Organisations")], rows,
                  [s.code for s in base.by_sector], [2.2, 1, 1, 1.5], [1, 2, 3])
    chart = charts.value_bars(
        [charts.Row(s.label, [(s.count, s.colour)], s.colour, f"{t.number(s.count)} · {s.share}")
         for s in base.by_sector], W * 0.45)
    return [KeepTogether([P(title, "h3"), side_by_side(data_table(table, W * 0.54 - 8), figure(chart), split=0.54)])]


def evidence_table(card: Card, t: Text, sector_names: dict[str, str]) -> Table:
    return Table([t.gettext("Session"), t.gettext("Measure"), t.gettext("Support")] + list(sector_names.values()),
                 [[e.session, e.measure, e.support] + e.sectors for e in card.evidence], [],
                 [1.5, 2.6, 0.9, 1.15, 1.15, 1.15, 1.15], [2, 3, 4, 5, 6])


def history_table(card: Card, t: Text) -> Table:
    return Table([t.gettext("Date"), t.gettext("Session"), t.gettext("Computed result"), t.gettext("Decision"),
                  t.gettext("Reason")],
                 [[d.date, d.session, d.computed, d.outcome + (" · " + t.gettext("override") if d.is_override else ""),
                   d.reason] for d in card.history], [], [1.1, 1.6, 2.2, 1.3, 3.6], [])


def card_rows(card: Card, t: Text) -> list[tuple[str, str]]:
    return [(t.gettext("Lead institution"), card.lead), (t.gettext("Partners"), card.partners),
            (t.gettext("Indicator"), card.indicator), (t.gettext("Baseline and target"), card.indicator_line),
            (t.gettext("Means of verification"), card.verification), (t.gettext("Budget"), card.budget_line)]


def item_card(card: Card, t: Text, sector_names: dict[str, str], lead: list = (), url: str = "") -> list:
    """An agreed item; `lead` (the axis heading, the horizon) is kept on the page of its first block.
    With `url` (Mesa has a public address), the code and title link to the item's page, where its
    whole history is: every session, round, tally per sector, comment and decision."""
    title = f"<b>{esc(card.title)}</b>"
    if url:
        title = f'<a href="{esc(url)}" color="{style.BRAND}">{title}</a>'
    head = PM(f'<font color="{style.KIND_COLOURS[card.kind]}"><b>{esc(card.code)}</b></font>&nbsp;&nbsp;'
              f"{title}", "h2")
    meta = P(" · ".join(x for x in (card.kind_label, card.horizon_label, card.due_phrase) if x), "meta")
    parts = [*lead, head, meta]
    if card.description:
        parts.append(P(card.description, "body"))
    parts += [kv_table(card_rows(card, t), key_share=0.22), Spacer(1, 5)]
    # Three blocks, each kept whole (a heading never parted from its table), that may fall on two pages.
    out = [KeepTogether(parts), KeepTogether([
        P(t.gettext("Evidence of support"), "h3"),
        data_table(evidence_table(card, t, sector_names), font_size=7) if card.evidence
        else P(t.gettext("No votes recorded."), "note")])]
    if card.history:
        out.append(KeepTogether([P(t.gettext("Decisions"), "h3"), data_table(history_table(card, t), font_size=7)]))
    return out + [Spacer(1, 12)]


def story(facts: RoadmapFacts) -> list:
    t = facts.meta.text
    base = facts.base
    kicker = f"{base.programme} · {base.institution}" if base.institution else base.programme
    out = cover(kicker, t.gettext("Roadmap"), base.name,
                [t.gettext("Value chain: %(value_chain)s", value_chain=base.value_chain) if base.value_chain else "",
                 t.gettext("Region: %(region)s", region=base.region) if base.region else ""])
    out += _status_box(facts)
    out += [NextPageTemplate("body"), PageBreak(), P(t.gettext("Contents"), "h1"), toc(), PageBreak()]

    # 1. Executive summary.
    out += heading("1. " + t.gettext("Executive summary"), 0, "summary")
    if base.is_empty:
        out.append(callout([P(t.gettext("This initiative has no sessions or items yet. Its roadmap will be built "
                                        "from the decisions of its strategy sessions."))]))
    out += [stat_band(base.figures), Spacer(1, 8)]
    out += [P(paragraph, "body") for paragraph in facts.summary]
    if facts.first_steps.rows:
        out += [P(facts.first_steps_title, "h3"), data_table(facts.first_steps)]

    # 2. The process.
    out += heading("2. " + t.gettext("The process"), 0, "process")
    if base.summary:
        out.append(P(base.summary, "lead"))
    if base.sessions:
        table = Table([t.gettext("Phase"), t.gettext("Date"), t.gettext("Place"), t.gettext("Status"),
                       t.gettext("Participants")],
                      [[s.phase, s.date, s.place, s.status, t.number(s.participants)] for s in base.sessions], [],
                      [2.4, 1.3, 3.6, 1.1, 1.2], [4])
        out += [P(t.gettext("Sessions per phase"), "h3"), data_table(table), Spacer(1, 6)]
        if base.people_total:
            out += _sector_block(base, t, t.gettext("Participants by sector"))
    else:
        out.append(P(t.gettext("No sessions yet."), "note"))

    # 3. Timeline.
    out += heading("3. " + t.gettext("Timeline"), 0, "timeline")
    if facts.agreed:
        out += [P(facts.timeline_note, "body"), data_table(facts.timeline), Spacer(1, 8)]
        legend = [(name, style.KIND_COLOURS[kind]) for kind, name in facts.meta.kind_labels.items()]
        grid = charts.horizon_grid(base.axes, base.horizons, base.grid, W, legend=legend)
        caption = t.gettext("Each cell shows the axis's agreed items in that horizon by their stable codes: LA, "
                            "action line (línea de acción); RP, policy reform proposal (reforma de política).")
        out.append(KeepTogether([P(t.gettext("Timeline: horizon × strategic axis"), "h3"), figure(grid),
                                 P(caption, "caption")]))
    else:
        out.append(P(t.gettext("This initiative has no agreed action lines or reforms yet."), "note"))

    # 4. Budget.
    out += heading("4. " + t.gettext("Budget"), 0, "budget")
    if facts.agreed:
        out += [P(t.gettext("Estimated budget by axis and horizon"), "h3"),
                data_table(base.budget_table, total_last=True)]
        if base.budget_note:
            out.append(P(base.budget_note, "small"))
        if facts.budget_by_source.rows:
            out += [P(t.gettext("Estimated budget by source"), "h3"),
                    data_table(facts.budget_by_source, W * 0.6, total_last=True)]
        out.append(P(facts.budget_note, "small"))
    else:
        out.append(P(t.gettext("This initiative has no agreed action lines or reforms yet."), "note"))

    # 5. The agreed items by axis and horizon.
    out += heading("5. " + t.gettext("Agreed action lines and reforms"), 0, "items")
    if not facts.agreed:
        out.append(P(t.gettext("This initiative has no agreed action lines or reforms yet."), "note"))
    for a, (axis, horizons) in enumerate(facts.groups, start=1):
        axis_heading = heading(f"5.{a} {axis}", 1, f"axis-{a}")
        out.append(axis_heading[0])
        lead = axis_heading[1:]
        for h_label, cards in horizons:
            lead += [P(h_label, "h3"), Rule(style.LINE, 0.6, 2)]
            for card in cards:
                out += item_card(card, t, facts.meta.sector_labels, lead, facts.meta.item_url(card.id))
                lead = []

    # 6. Rejections, deferrals and overrides.
    out += [PageBreak()] + heading("6. " + t.gettext("Rejections, deferrals and overrides"), 0, "decisions")
    out += decisions_story(facts, t)

    # Annex.
    out += heading(t.gettext("Annex. How support is measured"), 0, "measures")
    out.append(P(facts.measures_note[0], "body"))
    out += [bullet(line) for line in facts.measures_note[1:]]
    return out


def decisions_table(cards: list[Card], t: Text) -> Table:
    rows = []
    for c in cards:
        last = c.history[-1] if c.history else None
        rows.append([c.code, c.title, c.status_label, last.session if last else "—",
                     last.computed if last else "—", c.reason or "—"])
    return Table([t.gettext("Code"), t.gettext("Title"), t.gettext("Status"), t.gettext("Session"),
                  t.gettext("Computed result"), t.gettext("Reason")], rows, [], [0.7, 3.8, 1.0, 1.2, 1.8, 3.0], [])


def decisions_story(facts: RoadmapFacts, t: Text) -> list:
    out = [P(t.gettext("Why each item not agreed stands where it does, and why the table departed from the vote "
                       "where it did: the reason recorded with the decision, or the vote's result when the table "
                       "followed it."), "body")]
    if facts.others:
        out += [P(t.gettext("Rejected and deferred items"), "h3"), data_table(decisions_table(facts.others, t))]
    else:
        out.append(P(t.gettext("No item was rejected or deferred."), "note"))
    if facts.overrides:
        out += [P(t.gettext("Agreed against the computed result of the vote"), "h3"),
                data_table(decisions_table(facts.overrides, t))]
    else:
        out.append(P(t.gettext("The table followed the computed result of the vote for every agreed item."), "note"))
    return out
