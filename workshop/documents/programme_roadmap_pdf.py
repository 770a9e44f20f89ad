"""The programme roadmap as PDF, from `programme_data.ProgrammeRoadmapFacts`.

Cover · contents · 1 introduction, key figures and what each horizon means (with its year when the
programme sets its start year) · 2 totals by strategic axis, horizon, lead institution and budget
source (counts and budget sums) · 3 the policy reforms grouped by the institution that must act ·
4 every agreed item of every initiative, each with its axis, horizon, lead institution, partners,
indicator (baseline → target by year), means of verification and budget (source, price year) ·
annex: all agreed items in one table. Headings stay with what follows; tables repeat their header
row on every page they split over.
"""
from __future__ import annotations

from reportlab.platypus import NextPageTemplate, PageBreak

from . import charts, style
from .data import Table
from .pdfbase import (
    PM,
    CondPageBreak,
    KeepTogether,
    P,
    Spacer,
    callout,
    data_table,
    esc,
    figure,
    heading,
    kv_table,
    render,
    stat_band,
    toc,
)
from .programme_data import ProgrammeRoadmapFacts, RoadmapItem, Totals
from .roadmap_pdf import cover
from .text import Text

W = style.FRAME_WIDTH


def build(facts: ProgrammeRoadmapFacts) -> bytes:
    return render(story(facts), facts.meta, cover=True, with_toc=True)


def totals_table(totals: Totals, facts: ProgrammeRoadmapFacts) -> Table:
    """A table of totals as printed (the same rows the DOCX and the XLSX give)."""
    t, w = facts.meta.text, facts.words
    rows = [[r.label, t.number(r.items), t.number(r.lines), t.number(r.reforms), t.money(r.budget_pen),
             t.number(r.not_estimated)] for r in totals.rows + [totals.total]]
    return Table([totals.column, w["items"], w["lines"], w["reforms"], w["budget"], w["not_estimated"]], rows, [],
                 [4, 0.9, 1.2, 1.2, 1.8, 1.2], [1, 2, 3, 4, 5])


def reforms_table(items: list[RoadmapItem], facts: ProgrammeRoadmapFacts) -> Table:
    w = facts.words
    return Table([w["code"], w["title"], w["initiative"], w["horizon"], w["budget"]],
                 [[r.code, r.title, r.initiative, r.horizon_label, r.budget] for r in items], [],
                 [0.8, 4.2, 2.4, 1.7, 1.5], [4])


def index_table(facts: ProgrammeRoadmapFacts) -> Table:
    w = facts.words
    return Table([w["code"], w["title"], w["initiative"], w["horizon"], w["lead"], w["budget"]],
                 [[r.code, r.title, r.initiative, r.horizon_label, r.lead, r.budget] for r in facts.items], [],
                 [0.8, 3.4, 2, 1.6, 2.2, 1.4], [5])


def item_fields(r: RoadmapItem, facts: ProgrammeRoadmapFacts) -> list[tuple[str, str]]:
    """The label / value pairs of an item's card (PDF and DOCX alike)."""
    w = facts.words
    rows = [(w["lead"], r.lead), (w["partners"], r.partners), (w["indicator"], r.indicator_text)]
    if r.verification:
        rows.append((w["verification"], r.verification))
    rows.append((w["budget"], r.budget_text))
    return rows


def _horizon_chart(facts: ProgrammeRoadmapFacts, t: Text) -> charts.Figure:
    horizon = next(x for x in facts.totals if x.code == "horizon")
    rows = [charts.Row(r.label, [(r.lines, style.KIND_COLOURS["action_line"]),
                                 (r.reforms, style.KIND_COLOURS["policy_reform"])], note=t.number(r.items))
            for r in horizon.rows]
    legend = [(facts.words["lines"], style.KIND_COLOURS["action_line"]),
              (facts.words["reforms"], style.KIND_COLOURS["policy_reform"])]
    return charts.value_bars(rows, W, legend=legend)


#: A table of at most this many rows stays whole with its heading; a longer one splits over pages.
SHORT_TABLE = 12


def kept(head: list, body: list, rows: int) -> list:
    """A heading (from pdfbase.heading) kept with what follows: a short table whole with it; a long
    one starts on this page only if its heading, its header row and several rows fit."""
    if rows <= SHORT_TABLE:
        return head[:1] + [KeepTogether(head[1:] + body)]
    return [CondPageBreak(170)] + head[1:] + body


def item_card(r: RoadmapItem, facts: ProgrammeRoadmapFacts) -> list:
    return [KeepTogether(item_parts(r, facts)), Spacer(1, 8)]


def item_parts(r: RoadmapItem, facts: ProgrammeRoadmapFacts) -> list:
    head = PM(f'<font color="{style.KIND_COLOURS[r.kind]}"><b>{esc(r.code)}</b></font>&nbsp;&nbsp;'
              f"<b>{esc(r.title)}</b>", "h3")
    parts = [head, P(f"{r.kind_label} · {r.axis} · {r.horizon_label}", "meta")]
    if r.description:
        parts.append(P(r.description, "small"))
    parts.append(kv_table(item_fields(r, facts), key_share=0.22))
    return parts


def story(facts: ProgrammeRoadmapFacts) -> list:
    t = facts.meta.text
    lines = [t.gettext("Institution: %(institution)s", institution=facts.institution) if facts.institution else "",
             t.gettext("Start year: %(year)s", year=str(facts.start_year)) if facts.start_year else "",
             t.ngettext("%(num)s agreed item of %(initiatives)s", "%(num)s agreed items of %(initiatives)s",
                        len(facts.items), initiatives=t.ngettext("%(num)s initiative", "%(num)s initiatives",
                                                                 len(facts.initiatives)))]
    out = cover(facts.institution or facts.name, t.gettext("Programme roadmap"), facts.name, lines)
    out += [NextPageTemplate("body"), PageBreak(), P(t.gettext("Contents"), "h1"), toc(), PageBreak()]

    # 1. Introduction.
    out += heading("1. " + t.gettext("Introduction"), 0, "intro")
    if facts.description:
        out.append(P(facts.description, "lead"))
    out.append(P(t.gettext("This roadmap gathers every action line and policy reform agreed in the initiatives of "
                           "the programme, who must lead each one, how it will be measured and what it is estimated "
                           "to cost."), "body"))
    if facts.is_empty:
        out.append(callout([P(t.gettext("No action line or reform has been agreed in this programme yet."))]))
    out += [Spacer(1, 4), P(t.gettext("Key figures"), "h3"), stat_band(facts.figures), Spacer(1, 8)]
    out.append(KeepTogether([P(t.gettext("Horizons"), "h3"), kv_table(facts.horizons, key_share=0.32)]))
    if not facts.start_year:
        out.append(P(t.gettext("The programme has no start year set: horizons are given without years."), "small"))
    out.append(P(facts.budget_note, "small"))

    # 2. Totals.
    # The section starts where its heading, the first table's heading and a few rows fit together.
    out += [CondPageBreak(220)] + heading("2. " + t.gettext("Totals"), 0, "totals")
    for n, totals in enumerate(facts.totals, start=1):
        block = heading(f"2.{n} {totals.title}", 1, f"totals-{totals.code}")
        table = data_table(totals_table(totals, facts), total_last=True)
        out += kept(block, [table], len(totals.rows))
        if totals.code == "horizon" and facts.items:
            out.append(KeepTogether([P(t.gettext("Agreed items by horizon"), "h3"),
                                     figure(_horizon_chart(facts, t))]))
        out.append(Spacer(1, 6))

    # 3. Policy reforms by the institution that must act.
    out += [PageBreak()] + heading("3. " + t.gettext("Policy reforms by the institution that must act"), 0, "reforms")
    if facts.reforms_by_lead:
        out.append(P(t.gettext("Each policy reform is listed under its lead institution: the ministry, agency or "
                               "government that must act for it to happen."), "body"))
    else:
        out.append(P(t.gettext("No policy reform has been agreed yet."), "note"))
    for n, group in enumerate(facts.reforms_by_lead, start=1):
        line = P(t.ngettext("%(num)s reform · estimated budget %(budget)s",
                            "%(num)s reforms · estimated budget %(budget)s", len(group.items),
                            budget=t.money(group.budget_pen))
                 + (" · " + t.ngettext("%(num)s not estimated", "%(num)s not estimated", group.not_estimated)
                    if group.not_estimated else ""), "meta")
        out += kept(heading(f"3.{n} {group.lead}", 1, f"lead-{n}"),
                    [line, data_table(reforms_table(group.items, facts), font_size=7.5)], len(group.items))
        out.append(Spacer(1, 6))

    # 4. Every agreed item, by initiative.
    out += [PageBreak()] + heading("4. " + t.gettext("Agreed action lines and reforms by initiative"), 0, "items")
    for n, block in enumerate(facts.initiatives, start=1):
        head = heading(f"4.{n} {block.name}", 1, f"initiative-{block.id}")
        first = head[1:] + ([P(block.region, "meta")] if block.region else [])
        if not block.items:
            first.append(P(t.gettext("This initiative has no agreed action lines or reforms yet."), "note"))
        else:  # the initiative's heading stays with its first item's card
            first += item_parts(block.items[0], facts)
        out += [head[0], KeepTogether(first), Spacer(1, 8)]
        for r in block.items[1:]:
            out += item_card(r, facts)

    # Annex: all agreed items in one table.
    out += [PageBreak()] + heading(t.gettext("Annex. All agreed items"), 0, "annex")
    if facts.items:
        out.append(data_table(index_table(facts), font_size=7.5))
    else:
        out.append(P(t.gettext("No action line or reform has been agreed in this programme yet."), "note"))
    return out
