"""The programme report as PDF, from `data.ProgrammeFacts`.

Cover · contents · 1 introduction and key figures · 2 programme figures (sessions, participants by
sector, action lines and reforms agreed per initiative, with charts) · 3 one summary per
initiative — process and achievements, as the case study's eight summaries — with its charts.
"""
from __future__ import annotations

from reportlab.platypus import NextPageTemplate, PageBreak

from . import charts, style
from .data import InitiativeSummary, ProgrammeFacts, Table
from .pdfbase import (
    P, PM, KeepTogether, Spacer, bullet, callout, data_table, esc, figure, heading, render, side_by_side, stat_band, toc,
)
from .roadmap_pdf import cover

W = style.FRAME_WIDTH
STATUS_COLOURS = {"agreed": style.OK, "deferred": "#d4a017", "rejected": style.BAD, "candidate": "#b8c2cb",
                  "merged": style.MUTED}


def build(facts: ProgrammeFacts) -> bytes:
    return render(story(facts), facts.meta, cover=True, with_toc=True)


def _sector_chart(by_sector, width: float) -> charts.Figure:
    return charts.value_bars(
        [charts.Row(s.label, [(s.count, s.colour)], s.colour, f"{s.count} · {s.share}") for s in by_sector], width)


def _status_chart(summary: InitiativeSummary, facts: ProgrammeFacts, width: float) -> charts.Figure:
    rows = []
    for kind in ("action_line", "policy_reform"):
        counts = summary.status_counts.get(kind, {})
        parts = [(counts.get(s, 0), STATUS_COLOURS[s]) for s in STATUS_COLOURS]
        rows.append(charts.Row(facts.meta.words[f"short_{kind}"], parts, note=str(counts.get("total", sum(v for v, _ in parts)))))
    legend = [(facts.status_labels[s], STATUS_COLOURS[s]) for s in STATUS_COLOURS
              if any(summary.status_counts.get(k, {}).get(s) for k in summary.status_counts)]
    return charts.value_bars(rows, width, legend=legend)


def initiative_section(i: int, summary: InitiativeSummary, facts: ProgrammeFacts) -> list:
    w = facts.meta.words
    out = heading(f"3.{i} {summary.name}", 1, f"initiative-{summary.id}")
    facts_line = " · ".join(x for x in (summary.value_chain, summary.region) if x)
    if facts_line:
        out.append(P(facts_line, "meta"))
    if summary.summary:
        out.append(P(summary.summary, "body"))
    out.append(callout([P(summary.process_text, "cell"), Spacer(1, 3),
                        PM(f"<b>{esc(summary.achievements_text)}</b>", "cell")]))
    out.append(Spacer(1, 8))
    left = [P(w["participants_by_sector"], "h3"), figure(_sector_chart(summary.by_sector, W * 0.47))]
    right = [P(w["items_by_status"], "h3"), figure(_status_chart(summary, facts, W * 0.5))]
    out.append(side_by_side(left, right, split=0.5))
    out.append(Spacer(1, 6))
    if summary.phases:
        table = Table([w["phase"], w["date"], w["status"], w["participants"]],
                      [list(p[:3]) + [str(p[3])] for p in summary.phases], [], [3, 1.6, 1.4, 1.3], [3])
        out += [P(w["sessions_per_phase"], "h3"), data_table(table, font_size=7.5)]
    for key, items in (("agreed_lines", summary.agreed_lines), ("agreed_reforms", summary.agreed_reforms)):
        if not items:
            continue
        block = [P(f"{w[key]} ({len(items)})", "h3")]
        block += [bullet(t) for t in items]
        out.append(KeepTogether(block[:3]))
        out += block[3:]
    return out


def story(facts: ProgrammeFacts) -> list:
    w = facts.meta.words
    lines = [w["report_subtitle"], f"{w['institution']}: {facts.institution}" if facts.institution else "",
             f"{w['period']}: {facts.period}" if facts.period else ""]
    out = cover(facts.institution or facts.name, w["report_title"], facts.name, lines)
    out += [NextPageTemplate("body"), PageBreak(), P(w["contents"], "h1"), toc(), PageBreak()]

    out += heading(f"1. {w['presentation']}", 0, "intro")
    if facts.description:
        out.append(P(facts.description, "lead"))
    if facts.is_empty:
        out.append(callout([P(w["empty_programme"])]))
    out += [Spacer(1, 4), P(w["key_figures"], "h3"), stat_band(facts.figures), Spacer(1, 10)]

    out += heading(f"2. {w['totals']}", 0, "totals")
    if facts.initiatives:
        out += [P(w["per_initiative"], "h3"), data_table(facts.overview, total_last=True), Spacer(1, 8)]
        sector = [P(w["participants_by_sector"], "h3"), figure(_sector_chart(facts.by_sector, W))]
        out.append(KeepTogether(sector))
        rows = [charts.Row(s.name, [(len(s.agreed_lines), style.KIND_COLOURS["action_line"]),
                                    (len(s.agreed_reforms), style.KIND_COLOURS["policy_reform"])],
                           note=str(len(s.agreed_lines) + len(s.agreed_reforms))) for s in facts.initiatives]
        legend = [(w[f"short_{k}"], style.KIND_COLOURS[k]) for k in ("action_line", "policy_reform")]
        out.append(KeepTogether([P(w["agreed_by_initiative"], "h3"), figure(charts.value_bars(rows, W, legend=legend))]))
        names = facts.meta.sector_labels
        table = Table([w["initiative"]] + list(names.values()) + [w["total"]],
                      [[s.name] + [str(c.count) for c in s.by_sector] + [str(s.people)] for s in facts.initiatives]
                      + [[w["total"]] + [str(c.count) for c in facts.by_sector] + [str(facts.people_total)]],
                      [], [4, 1.1, 1.1, 1.2, 1.3, 1], [1, 2, 3, 4, 5])
        out += [Spacer(1, 6), P(w["sector_by_initiative"], "h3"), data_table(table, total_last=True),
                P(w["distinct_note"], "small")]
    else:
        out.append(P(w["empty_programme"], "note"))

    if facts.initiatives:
        out += [PageBreak()] + heading(f"3. {w['initiative_summaries']}", 0, "summaries")
        for i, summary in enumerate(facts.initiatives, start=1):
            if i > 1:
                out.append(PageBreak())
            out += initiative_section(i, summary, facts)
    return out
