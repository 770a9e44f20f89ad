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
    PM,
    KeepTogether,
    P,
    Spacer,
    bullet,
    callout,
    data_table,
    esc,
    figure,
    heading,
    render,
    side_by_side,
    stat_band,
    toc,
)
from .roadmap_pdf import cover
from .text import Text

W = style.FRAME_WIDTH
STATUS_COLOURS = {"agreed": style.OK, "deferred": "#d4a017", "rejected": style.BAD, "candidate": "#b8c2cb",
                  "merged": style.MUTED}


def build(facts: ProgrammeFacts) -> bytes:
    return render(story(facts), facts.meta, cover=True, with_toc=True)


def _sector_chart(by_sector, width: float, t: Text) -> charts.Figure:
    return charts.value_bars(
        [charts.Row(s.label, [(s.count, s.colour)], s.colour, f"{t.number(s.count)} · {s.share}") for s in by_sector],
        width)


def _status_chart(summary: InitiativeSummary, facts: ProgrammeFacts, width: float) -> charts.Figure:
    t = facts.meta.text
    rows = []
    for kind, name in (("action_line", t.gettext("Action lines")), ("policy_reform", t.gettext("Policy reforms"))):
        counts = summary.status_counts.get(kind, {})
        parts = [(counts.get(s, 0), STATUS_COLOURS[s]) for s in STATUS_COLOURS]
        rows.append(charts.Row(name, parts, note=t.number(counts.get("total", sum(v for v, _ in parts)))))
    legend = [(facts.status_labels[s], STATUS_COLOURS[s]) for s in STATUS_COLOURS
              if any(summary.status_counts.get(k, {}).get(s) for k in summary.status_counts)]
    return charts.value_bars(rows, width, legend=legend)


def initiative_section(i: int, summary: InitiativeSummary, facts: ProgrammeFacts) -> list:
    t = facts.meta.text
    out = heading(f"3.{i} {summary.name}", 1, f"initiative-{summary.id}")
    facts_line = " · ".join(x for x in (summary.value_chain, summary.region) if x)
    if facts_line:
        out.append(P(facts_line, "meta"))
    if summary.summary:
        out.append(P(summary.summary, "body"))
    out.append(callout([P(summary.process_text, "cell"), Spacer(1, 3),
                        PM(f"<b>{esc(summary.achievements_text)}</b>", "cell"), Spacer(1, 3),
                        P(summary.budget_text, "cell")]))
    out.append(Spacer(1, 8))
    left = [P(t.gettext("Participants by sector"), "h3"), figure(_sector_chart(summary.by_sector, W * 0.47, t))]
    right = [P(t.gettext("Items by status"), "h3"), figure(_status_chart(summary, facts, W * 0.5))]
    out.append(side_by_side(left, right, split=0.5))
    out.append(Spacer(1, 6))
    if summary.phases:
        table = Table([t.gettext("Phase"), t.gettext("Date"), t.gettext("Status"), t.gettext("Participants")],
                      [list(p[:3]) + [t.number(p[3])] for p in summary.phases], [], [3, 1.6, 1.4, 1.3], [3])
        out += [P(t.gettext("Sessions per phase"), "h3"), data_table(table, font_size=7.5)]
    for heading_text, items in ((t.gettext("Action lines agreed"), summary.agreed_lines),
                                (t.gettext("Policy reforms agreed"), summary.agreed_reforms)):
        if not items:
            continue
        block = [P(f"{heading_text} ({t.number(len(items))})", "h3")]
        block += [bullet(title) for title in items]
        out.append(KeepTogether(block[:3]))
        out += block[3:]
    return out


def story(facts: ProgrammeFacts) -> list:
    t = facts.meta.text
    lines = [t.gettext("Process and results of the initiatives"),
             t.gettext("Institution: %(institution)s", institution=facts.institution) if facts.institution else "",
             t.gettext("Period: %(period)s", period=facts.period) if facts.period else ""]
    out = cover(facts.institution or facts.name, t.gettext("Programme report"), facts.name, lines)
    out += [NextPageTemplate("body"), PageBreak(), P(t.gettext("Contents"), "h1"), toc(), PageBreak()]

    out += heading("1. " + t.gettext("Introduction"), 0, "intro")
    if facts.description:
        out.append(P(facts.description, "lead"))
    if facts.is_empty:
        out.append(callout([P(t.gettext("This programme has no initiatives yet."))]))
    out += [Spacer(1, 4), P(t.gettext("Key figures"), "h3"), stat_band(facts.figures), Spacer(1, 10)]

    out += heading("2. " + t.gettext("Programme figures"), 0, "totals")
    if facts.initiatives:
        out += [P(t.gettext("Results by initiative"), "h3"), data_table(facts.overview, total_last=True), Spacer(1, 8)]
        sector = [P(t.gettext("Participants by sector"), "h3"), figure(_sector_chart(facts.by_sector, W, t))]
        out.append(KeepTogether(sector))
        rows = [charts.Row(s.name, [(len(s.agreed_lines), style.KIND_COLOURS["action_line"]),
                                    (len(s.agreed_reforms), style.KIND_COLOURS["policy_reform"])],
                           note=t.number(len(s.agreed_lines) + len(s.agreed_reforms))) for s in facts.initiatives]
        legend = [(t.gettext("Action lines"), style.KIND_COLOURS["action_line"]),
                  (t.gettext("Policy reforms"), style.KIND_COLOURS["policy_reform"])]
        out.append(KeepTogether([P(t.gettext("Items agreed by initiative"), "h3"),
                                 figure(charts.value_bars(rows, W, legend=legend))]))
        names = facts.meta.sector_labels
        table = Table([t.gettext("Initiative")] + list(names.values()) + [t.gettext("Total")],
                      [[s.name] + [t.number(c.count) for c in s.by_sector] + [t.number(s.people)]
                       for s in facts.initiatives]
                      + [[t.gettext("Total")] + [t.number(c.count) for c in facts.by_sector]
                         + [t.number(facts.people_total)]],
                      [], [4, 1.1, 1.1, 1.2, 1.3, 1], [1, 2, 3, 4, 5])
        out += [Spacer(1, 6), P(t.gettext("Participants by sector and initiative"), "h3"),
                data_table(table, total_last=True),
                P(t.gettext("Distinct people: someone who attended several sessions of an initiative counts once; "
                            "the programme total counts once someone who took part in several initiatives."), "small")]
    else:
        out.append(P(t.gettext("This programme has no initiatives yet."), "note"))

    if facts.initiatives:
        out += [PageBreak()] + heading("3. " + t.gettext("Initiative summaries"), 0, "summaries")
        for i, summary in enumerate(facts.initiatives, start=1):
            if i > 1:
                out.append(PageBreak())
            out += initiative_section(i, summary, facts)
    return out
