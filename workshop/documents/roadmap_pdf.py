"""The roadmap of an initiative as PDF, from `data.InitiativeFacts`.

Cover · contents · 1 introduction and key figures · 2 the process (sessions per phase,
participants by sector) · 3 timeline chart (horizon × strategic axis) and budget by axis and
horizon · 4 the agreed action lines and policy reforms grouped by axis and horizon, each with lead
institution, partners, indicator, budget and the evidence of support (which sessions, approval per
sector) · annex: rejected and deferred items.
"""
from __future__ import annotations

from reportlab.platypus import NextPageTemplate, PageBreak

from . import charts, style
from .data import InitiativeFacts, ItemCard, Table
from .pdfbase import (
    P, PM, KeepTogether, Rule, Spacer, callout, data_table, esc, figure, heading, kv_table, render, side_by_side,
    stat_band, toc,
)

W = style.FRAME_WIDTH


def build(facts: InitiativeFacts) -> bytes:
    return render(story(facts), facts.meta, cover=True, with_toc=True)


def cover(kicker: str, title: str, subtitle: str, lines: list[str]) -> list:
    out = [Spacer(1, 80), P(kicker.upper(), "cover_kicker"), P(title, "cover_title"), Rule(style.BRAND, 2, 6),
           Spacer(1, 6), P(subtitle, "cover_subtitle")]
    out += [P(line, "cover_meta") for line in lines if line]
    return out


def _sector_block(facts, w, title: str) -> list:
    rows = [[s.label, str(s.count), s.share, str(s.organisations)] for s in facts.by_sector]
    table = Table([w["sector"], w["persons"], "%", w["organisations"]], rows, [s.code for s in facts.by_sector],
                  [2.2, 1, 1, 1.5], [1, 2, 3])
    chart = charts.value_bars(
        [charts.Row(s.label, [(s.count, s.colour)], s.colour, f"{s.count} · {s.share}") for s in facts.by_sector],
        W * 0.45)
    return [P(title, "h3"), side_by_side(data_table(table, W * 0.54 - 8), figure(chart), split=0.54)]


def item_card(card: ItemCard, w, sector_names: dict[str, str]) -> list:
    head = PM(f'<font color="{style.KIND_COLOURS[card.kind]}"><b>{esc(card.code)}</b></font>&nbsp;&nbsp;'
              f"<b>{esc(card.title)}</b>", "h2")
    meta = P(f"{card.kind_label} · {card.horizon_label}", "meta")
    parts = [head, meta]
    if card.description:
        parts.append(P(card.description, "body"))
    parts.append(kv_table([(w["lead"], card.lead), (w["partners"], card.partners), (w["indicator"], card.indicator),
                           (w["budget"], card.budget)], key_share=0.2))
    parts.append(Spacer(1, 5))
    if card.evidence:
        ev = Table([w["session"], w["method"], w["votes"], w["support"]] + list(sector_names.values()),
                   [[e.session, e.method, e.votes, e.support] + e.sectors for e in card.evidence], [],
                   [2.1, 2.2, 0.8, 1, 1, 1, 1.1, 1.1], [2, 3, 4, 5, 6, 7])
        parts += [P(w["evidence"], "h3"), data_table(ev, font_size=7.5)]
    else:
        parts += [P(w["evidence"], "h3"), P(w["no_evidence"], "note")]
    return [KeepTogether(parts), Spacer(1, 12)]


def story(facts: InitiativeFacts) -> list:
    w = facts.meta.words
    out = cover(f"{facts.programme} · {facts.institution}" if facts.institution else facts.programme,
                w["roadmap"], facts.name,
                [f"{w['value_chain']}: {facts.value_chain}" if facts.value_chain else "",
                 f"{w['region']}: {facts.region}" if facts.region else ""])
    out += [NextPageTemplate("body"), PageBreak(), P(w["contents"], "h1"), toc(), PageBreak()]

    # 1. Introduction.
    out += heading(f"1. {w['presentation']}", 0, "intro")
    if facts.is_empty:
        out.append(callout([P(w["empty_initiative"])]))
    if facts.summary:
        out.append(P(facts.summary, "lead"))
    out += [Spacer(1, 4), P(w["key_figures"], "h3"), stat_band(facts.figures), Spacer(1, 8)]

    # 2. The process.
    out += heading(f"2. {w['process']}", 0, "process")
    if facts.sessions:
        if facts.sessions_closed:
            out.append(P(w("process_intro", sessions=facts.sessions_closed, people=facts.people_total,
                           orgs=facts.organisations), "body"))
        else:
            out.append(P(w("process_none", planned=len(facts.sessions)), "body"))
        table = Table([w["phase"], w["date"], w["place"], w["status"], w["participants"]],
                      [[s.phase, s.date, s.place, s.status, str(s.participants)] for s in facts.sessions], [],
                      [2.4, 1.3, 3.6, 1.1, 1.2], [4])
        out += [P(w["sessions_per_phase"], "h3"), data_table(table), Spacer(1, 6)]
        if facts.people_total:
            out += _sector_block(facts, w, w["participants_by_sector"])
    else:
        out.append(P(w["no_sessions"], "note"))

    # 3. Timeline and budget.
    head = heading(f"3. {w['roadmap_timeline']}", 0, "timeline")
    if facts.agreed:
        legend = [(name, style.KIND_COLOURS[kind]) for kind, name in facts.meta.kind_labels.items()]
        grid = charts.horizon_grid(facts.axes, facts.horizons, facts.grid, W, legend=legend)
        out += [head[0], KeepTogether(head[1:] + [figure(grid), P(w["timeline_caption"], "caption")])]
        out += [P(w["budget_by_axis"], "h3"), data_table(facts.budget_table, total_last=True)]
    else:
        out += head + [P(w["no_agreed"], "note")]

    # 4. The agreed items by axis and horizon.
    out += heading(f"4. {w['roadmap_section']}", 0, "items")
    if not facts.agreed:
        out.append(P(w["no_agreed"], "note"))
    for a, (axis, horizons) in enumerate(facts.groups, start=1):
        out += heading(f"4.{a} {axis}", 1, f"axis-{a}")
        for h_label, cards in horizons:
            out.append(P(h_label, "h3"))
            out.append(Rule(style.LINE, 0.6, 2))
            for card in cards:
                out += item_card(card, w, facts.meta.sector_labels)

    # Annex.
    out += [PageBreak()] + heading(w["annex_rejected"], 0, "annex")
    if facts.others:
        rows = [[c.title, c.kind_label, c.status_label, c.decided_in, c.reason or "—"] for c in facts.others]
        out.append(data_table(Table([w["title"], w["kind"], w["status"], w["where_decided"], w["reason"]], rows, [],
                                    [4, 1.7, 1.2, 1.6, 3], [])))
    else:
        out.append(P(w["no_rejected"], "note"))
    return out
