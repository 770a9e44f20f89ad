"""The roadmap of an initiative as PDF, from `data.InitiativeFacts`.

Cover · contents · 1 introduction and key figures · 2 the process (sessions per phase,
participants by sector) · 3 timeline chart (horizon × strategic axis) and budget by axis and
horizon · 4 the agreed action lines and policy reforms grouped by axis and horizon, each with lead
institution, partners, indicator, budget and the evidence of support (which sessions, approval per
sector) · annex: rejected and deferred items. Items show their stable codes (LA-3, RP-2); items
without a horizon are drawn and summed under "no horizon", never under "long term".
"""
from __future__ import annotations

from reportlab.platypus import NextPageTemplate, PageBreak

from . import charts, style
from .data import InitiativeFacts, ItemCard, Table
from .pdfbase import (
    PM,
    KeepTogether,
    P,
    Rule,
    Spacer,
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
from .text import Text

W = style.FRAME_WIDTH


def build(facts: InitiativeFacts) -> bytes:
    return render(story(facts), facts.meta, cover=True, with_toc=True)


def cover(kicker: str, title: str, subtitle: str, lines: list[str]) -> list:
    out = [Spacer(1, 80), P(kicker.upper(), "cover_kicker"), P(title, "cover_title"), Rule(style.BRAND, 2, 6),
           Spacer(1, 6), P(subtitle, "cover_subtitle")]
    out += [P(line, "cover_meta") for line in lines if line]
    return out


def _sector_block(facts, t: Text, title: str) -> list:
    rows = [[s.label, t.number(s.count), s.share, t.number(s.organisations)] for s in facts.by_sector]
    table = Table([t.gettext("Sector"), t.gettext("People"), "%", t.gettext("Organisations")], rows,
                  [s.code for s in facts.by_sector], [2.2, 1, 1, 1.5], [1, 2, 3])
    chart = charts.value_bars(
        [charts.Row(s.label, [(s.count, s.colour)], s.colour, f"{t.number(s.count)} · {s.share}")
         for s in facts.by_sector], W * 0.45)
    return [P(title, "h3"), side_by_side(data_table(table, W * 0.54 - 8), figure(chart), split=0.54)]


def item_card(card: ItemCard, t: Text, sector_names: dict[str, str]) -> list:
    head = PM(f'<font color="{style.KIND_COLOURS[card.kind]}"><b>{esc(card.code)}</b></font>&nbsp;&nbsp;'
              f"<b>{esc(card.title)}</b>", "h2")
    meta = P(f"{card.kind_label} · {card.horizon_label}", "meta")
    parts = [head, meta]
    if card.description:
        parts.append(P(card.description, "body"))
    parts.append(kv_table([(t.gettext("Lead institution"), card.lead), (t.gettext("Partners"), card.partners),
                           (t.gettext("Indicator"), card.indicator), (t.gettext("Budget"), card.budget)],
                          key_share=0.2))
    parts.append(Spacer(1, 5))
    if card.evidence:
        ev = Table([t.gettext("Session"), t.gettext("Method"), t.gettext("Votes"), t.gettext("Support")]
                   + list(sector_names.values()),
                   [[e.session, e.method, e.votes, e.support] + e.sectors for e in card.evidence], [],
                   [2.1, 2.2, 0.8, 1, 1, 1, 1.1, 1.1], [2, 3, 4, 5, 6, 7])
        parts += [P(t.gettext("Evidence of support"), "h3"), data_table(ev, font_size=7.5)]
    else:
        parts += [P(t.gettext("Evidence of support"), "h3"), P(t.gettext("No votes recorded."), "note")]
    return [KeepTogether(parts), Spacer(1, 12)]


def story(facts: InitiativeFacts) -> list:
    t = facts.meta.text
    out = cover(f"{facts.programme} · {facts.institution}" if facts.institution else facts.programme,
                t.gettext("Roadmap"), facts.name,
                [t.gettext("Value chain: %(value_chain)s", value_chain=facts.value_chain) if facts.value_chain else "",
                 t.gettext("Region: %(region)s", region=facts.region) if facts.region else ""])
    out += [NextPageTemplate("body"), PageBreak(), P(t.gettext("Contents"), "h1"), toc(), PageBreak()]

    # 1. Introduction.
    out += heading("1. " + t.gettext("Introduction"), 0, "intro")
    if facts.is_empty:
        out.append(callout([P(t.gettext("This initiative has no sessions or items yet. Its roadmap will be built "
                                        "from the decisions of its strategy sessions."))]))
    if facts.summary:
        out.append(P(facts.summary, "lead"))
    out += [Spacer(1, 4), P(t.gettext("Key figures"), "h3"), stat_band(facts.figures), Spacer(1, 8)]

    # 2. The process.
    out += heading("2. " + t.gettext("The process"), 0, "process")
    if facts.sessions:
        if facts.sessions_closed:
            out.append(P(t.ngettext(
                "The roadmap results from %(num)s strategy session, with %(people)s from %(orgs)s of the four "
                "sectors of the quadruple helix taking part.",
                "The roadmap results from %(num)s strategy sessions, with %(people)s from %(orgs)s of the four "
                "sectors of the quadruple helix taking part.", facts.sessions_closed,
                people=t.ngettext("%(num)s person", "%(num)s people", facts.people_total),
                orgs=t.ngettext("%(num)s organisation", "%(num)s organisations", facts.organisations)), "body"))
        else:
            out.append(P(t.ngettext("No strategy session has been held yet; %(num)s is in preparation.",
                                    "No strategy session has been held yet; %(num)s are in preparation.",
                                    len(facts.sessions)), "body"))
        table = Table([t.gettext("Phase"), t.gettext("Date"), t.gettext("Place"), t.gettext("Status"),
                       t.gettext("Participants")],
                      [[s.phase, s.date, s.place, s.status, t.number(s.participants)] for s in facts.sessions], [],
                      [2.4, 1.3, 3.6, 1.1, 1.2], [4])
        out += [P(t.gettext("Sessions per phase"), "h3"), data_table(table), Spacer(1, 6)]
        if facts.people_total:
            out += _sector_block(facts, t, t.gettext("Participants by sector"))
    else:
        out.append(P(t.gettext("No sessions yet."), "note"))

    # 3. Timeline and budget.
    head = heading("3. " + t.gettext("Timeline: horizon × strategic axis"), 0, "timeline")
    if facts.agreed:
        legend = [(name, style.KIND_COLOURS[kind]) for kind, name in facts.meta.kind_labels.items()]
        grid = charts.horizon_grid(facts.axes, facts.horizons, facts.grid, W, legend=legend)
        caption = t.gettext("Each cell shows the axis's agreed items in that horizon by their stable codes: LA, "
                            "action line (línea de acción); RP, policy reform proposal (reforma de política).")
        out += [head[0], KeepTogether(head[1:] + [figure(grid), P(caption, "caption")])]
        out += [P(t.gettext("Estimated budget by axis and horizon"), "h3"),
                data_table(facts.budget_table, total_last=True)]
        if facts.budget_note:
            out.append(P(facts.budget_note, "small"))
    else:
        out += head + [P(t.gettext("This initiative has no agreed action lines or reforms yet."), "note")]

    # 4. The agreed items by axis and horizon.
    out += heading("4. " + t.gettext("Agreed action lines and reforms"), 0, "items")
    if not facts.agreed:
        out.append(P(t.gettext("This initiative has no agreed action lines or reforms yet."), "note"))
    if facts.evidence_note and facts.agreed:
        out.append(P(facts.evidence_note, "small"))
    for a, (axis, horizons) in enumerate(facts.groups, start=1):
        out += heading(f"4.{a} {axis}", 1, f"axis-{a}")
        for h_label, cards in horizons:
            out.append(P(h_label, "h3"))
            out.append(Rule(style.LINE, 0.6, 2))
            for card in cards:
                out += item_card(card, t, facts.meta.sector_labels)

    # Annex.
    out += [PageBreak()] + heading(t.gettext("Annex. Rejected and deferred items"), 0, "annex")
    if facts.others:
        rows = [[c.code, c.title, c.kind_label, c.status_label, c.decided_in, c.reason or "—"] for c in facts.others]
        headers = [t.gettext("Code"), t.gettext("Title"), t.gettext("Kind"), t.gettext("Status"), t.gettext("Session"),
                   t.gettext("Reason")]
        out.append(data_table(Table(headers, rows, [], [0.9, 3.6, 1.5, 1.2, 1.6, 3], [])))
    else:
        out.append(P(t.gettext("No item was rejected or deferred."), "note"))
    return out
