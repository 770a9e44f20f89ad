"""The programme report as PDF, from `report_data.ReportFacts`.

Cover · contents · 1 presentation: what the programme did, counted from the record (sessions held
of those planned, distinct people by sector, action lines and reforms agreed, the budget, the
roadmaps validated), key figures, and apart from them the programme's description in its own
words · 2 programme figures (results per initiative with each roadmap's state, participants by
sector, action lines and reforms agreed per initiative, with charts) · 3 one summary per
initiative — process and achievements, as the case study's eight summaries — with its roadmap's
state and its charts.

Layout rules of the issue: a key figure never wraps (its box is sized to it: `pdfbase.stat_band`);
chart labels keep an initiative's region when the name must be shortened (`initiative_label`);
sub-headings are kept with what follows them.
"""
from __future__ import annotations

from reportlab.platypus import CondPageBreak, NextPageTemplate, PageBreak

from . import charts, style
from .data import InitiativeSummary
from .data import Table as DataTable
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
from .report_data import ReportFacts
from .roadmap_pdf import cover
from .text import Text

W = style.FRAME_WIDTH
STATUS_COLOURS = {"agreed": style.OK, "deferred": "#d4a017", "rejected": style.BAD, "candidate": "#b8c2cb",
                  "merged": style.MUTED}
#: Room left for a bar's label in a chart `width` wide (charts._label_column gives it at most 36 %).
LABEL_SHARE = 0.36


def build(facts: ReportFacts) -> bytes:
    return render(story(facts), facts.meta, cover=True, with_toc=True)


# --- Layout helpers (shared with report_docx) --------------------------------------------------------


def initiative_label(name: str, region: str, room: float, size: float = charts.LABEL_SIZE) -> str:
    """An initiative's name as a chart label `room` points wide: when it must be shortened, the value
    chain is, never the region ("Superfrutas tropicales… — Madre de Dios")."""
    if style.text_width(name, size) <= room:
        return name
    if region and name.endswith(region):
        head = name[: -len(region)].rstrip(" —–-")
        tail = f" — {region}"
        left = room - style.text_width(tail, size)
        if head and left > style.text_width("Xxxx…", size):
            return style.fit(head, left, size) + tail
    return style.fit(name, room, size)


def label_lines(name: str, region: str, room: float, size: float = charts.LABEL_SIZE) -> list[str]:
    """An initiative's name in at most two lines `room` points wide; when it needs more, the value
    chain is shortened, never the region."""
    lines = charts.wrap(name, room, size, max_lines=99)
    if len(lines) <= 2:
        return lines
    first = lines[0]
    return [first, initiative_label(name[len(first):].strip(), region, room, size)]


def items_chart(facts: ReportFacts, width: float) -> charts.Figure:
    """Action lines and reforms agreed per initiative: stacked bars, each initiative named whole (two
    lines when needed) with its region."""
    t = facts.meta.text
    size, bar = charts.LABEL_SIZE, charts.BAR
    label_w = width * LABEL_SHARE
    labels = [label_lines(s.name, s.region, label_w - 8) for s in facts.initiatives]
    row_h = charts.ROW + (size + 1.5 if any(len(x) > 1 for x in labels) else 0)
    parts = [(len(s.agreed_lines), len(s.agreed_reforms)) for s in facts.initiatives]
    notes = [t.number(a + b) for a, b in parts]
    note_w = max((style.text_width(n, charts.VALUE_SIZE) for n in notes), default=0) + 8
    plot_w = width - label_w - note_w
    legend = [(t.gettext("Action lines"), style.KIND_COLOURS["action_line"]),
              (t.gettext("Policy reforms"), style.KIND_COLOURS["policy_reform"])]
    legend_h = charts._legend_height(legend, width - label_w)
    top = max((a + b for a, b in parts), default=0) or 1
    fig = charts.Figure(width, len(labels) * row_h + legend_h + 6)
    y0 = legend_h + 2
    fig.line(label_w, y0, label_w, y0 + len(labels) * row_h, colour=style.MUTED, width=0.5)
    for i, (lines, (a, b), note) in enumerate(zip(labels, parts, notes)):
        base = y0 + (len(labels) - 1 - i) * row_h + (row_h - bar) / 2
        first = base + 1 + (len(lines) - 1) * (size + 1.5) / 2
        for j, line in enumerate(lines):
            fig.text(0, first - j * (size + 1.5), line, size=size)
        x = label_w
        for value, colour in ((a, style.KIND_COLOURS["action_line"]), (b, style.KIND_COLOURS["policy_reform"])):
            if value > 0:
                w = plot_w * value / top
                fig.rect(x, base, w, bar, fill=colour)
                x += w
        fig.text(x + 4, base + 2.5, note, size=charts.VALUE_SIZE)
    charts._legend(fig, legend, label_w, 2, width - label_w)
    return fig


def sector_chart(by_sector, width: float, t: Text) -> charts.Figure:
    return charts.value_bars(
        [charts.Row(s.label, [(s.count, s.colour)], s.colour, f"{t.number(s.count)} · {s.share}") for s in by_sector],
        width)


def status_chart(summary: InitiativeSummary, facts: ReportFacts, width: float) -> charts.Figure:
    t = facts.meta.text
    rows = []
    for kind, name in (("action_line", t.gettext("Action lines")), ("policy_reform", t.gettext("Policy reforms"))):
        counts = summary.status_counts.get(kind, {})
        parts = [(counts.get(s, 0), STATUS_COLOURS[s]) for s in STATUS_COLOURS]
        rows.append(charts.Row(name, parts, note=t.number(counts.get("total", sum(v for v, _ in parts)))))
    legend = [(facts.status_labels[s], STATUS_COLOURS[s]) for s in STATUS_COLOURS
              if any(summary.status_counts.get(k, {}).get(s) for k in summary.status_counts)]
    return charts.value_bars(rows, width, legend=legend)


def sector_table(facts: ReportFacts) -> DataTable:
    t = facts.meta.text
    names = facts.meta.sector_labels
    return DataTable([t.gettext("Initiative")] + list(names.values()) + [t.gettext("Total")],
                     [[s.name] + [t.number(c.count) for c in s.by_sector] + [t.number(s.people)]
                      for s in facts.initiatives]
                     + [[t.gettext("Total")] + [t.number(c.count) for c in facts.by_sector]
                        + [t.number(facts.people_total)]],
                     [], [4, 1.1, 1.1, 1.2, 1.3, 1], [1, 2, 3, 4, 5])


def phases_table(summary: InitiativeSummary, t: Text) -> DataTable:
    return DataTable([t.gettext("Phase"), t.gettext("Date"), t.gettext("Status"), t.gettext("Participants")],
                     [list(p[:3]) + [t.number(p[3])] for p in summary.phases], [], [3, 1.6, 1.4, 1.3], [3])


# --- PDF blocks ------------------------------------------------------------------------------------


def sub(text: str, room: float = 110) -> list:
    """A sub-heading kept with what follows it: a new page when less than `room` points are left."""
    return [CondPageBreak(room), P(text, "h3")]


def initiative_section(i: int, summary: InitiativeSummary, facts: ReportFacts) -> list:
    t = facts.meta.text
    out = heading(f"3.{i} {summary.name}", 1, f"initiative-{summary.id}")
    facts_line = " · ".join(x for x in (summary.value_chain, summary.region) if x)
    if facts_line:
        out.append(P(facts_line, "meta"))
    if summary.summary:
        out.append(P(summary.summary, "body"))
    state = facts.roadmaps.get(summary.id)
    lines = []
    if state is not None:
        colour = style.OK if state.validated else style.WARN
        lines += [PM(f'<font color="{colour}"><b>{esc(state.text)}</b></font>', "cell"), Spacer(1, 3)]
    out.append(callout(lines + [P(summary.process_text, "cell"), Spacer(1, 3),
                                PM(f"<b>{esc(summary.achievements_text)}</b>", "cell"), Spacer(1, 3),
                                P(summary.budget_text, "cell")]))
    out.append(Spacer(1, 8))
    left = [P(t.gettext("Participants by sector"), "h3"), figure(sector_chart(summary.by_sector, W * 0.47, t))]
    right = [P(t.gettext("Items by status"), "h3"), figure(status_chart(summary, facts, W * 0.5))]
    out.append(side_by_side(left, right, split=0.5))
    out.append(Spacer(1, 6))
    if summary.phases:
        out.append(KeepTogether([P(t.gettext("Sessions per phase"), "h3"),
                                 data_table(phases_table(summary, t), font_size=7.5)]))
    for heading_text, items in ((t.gettext("Action lines agreed"), summary.agreed_lines),
                                (t.gettext("Policy reforms agreed"), summary.agreed_reforms)):
        if not items:
            continue
        block = [P(f"{heading_text} ({t.number(len(items))})", "h3")]
        block += [bullet(title) for title in items]
        out.append(KeepTogether(block[:3]))
        out += block[3:]
    return out


def story(facts: ReportFacts) -> list:
    t = facts.meta.text
    lines = [t.gettext("Process and results of the initiatives"),
             t.gettext("Institution: %(institution)s", institution=facts.institution) if facts.institution else "",
             t.gettext("Period: %(period)s", period=facts.period) if facts.period else ""]
    out = cover(facts.institution or facts.name, t.gettext("Programme report"), facts.name, lines)
    out += [NextPageTemplate("body"), PageBreak(), P(t.gettext("Contents"), "h1"), toc(), PageBreak()]

    out += heading("1. " + t.gettext("Introduction"), 0, "intro")
    if facts.presentation:
        out.append(P(facts.presentation, "lead"))
    if facts.is_empty:
        out.append(callout([P(t.gettext("This programme has no initiatives yet."))]))
    band = [P(t.gettext("Key figures"), "h3"), stat_band(facts.figures), Spacer(1, 4)]
    if facts.sector_line:
        band.append(P(facts.sector_line, "small"))
    out += [Spacer(1, 4), KeepTogether(band), Spacer(1, 8)]
    if facts.own_words:
        out.append(KeepTogether([P(t.gettext("The programme in its own words"), "h3"),
                                 callout([P(facts.own_words, "body"), P(facts.own_words_note, "small")])]))
        out.append(Spacer(1, 10))

    out += heading("2. " + t.gettext("Programme figures"), 0, "totals")
    if facts.initiatives:
        out += sub(t.gettext("Results by initiative"), 150)
        out += [data_table(facts.overview, total_last=True), Spacer(1, 8)]
        out.append(KeepTogether([P(t.gettext("Roadmaps"), "h3"), data_table(facts.roadmap_table, font_size=7.5),
                                 Spacer(1, 8)]))
        out.append(KeepTogether([P(t.gettext("Participants by sector"), "h3"),
                                 figure(sector_chart(facts.by_sector, W, t))]))
        out.append(KeepTogether([P(t.gettext("Items agreed by initiative"), "h3"), figure(items_chart(facts, W))]))
        out += [Spacer(1, 6)] + sub(t.gettext("Participants by sector and initiative"), 150)
        out += [data_table(sector_table(facts), total_last=True),
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
