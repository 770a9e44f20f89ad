"""Session minutes as PDF (reportlab Platypus), from `data.SessionFacts`.

1 attendance (by sector, with a chart; by organisation) · 2 agenda · 3 items discussed (per round:
method, rule, tally overall and per sector with a chart, computed outcome and its explanation,
named votes for named rounds only; the decision and any override reason; the most up-voted
comments) · 4 prioritisation rounds · 5 items proposed · 6 timeline · annex: attendees.
"""
from __future__ import annotations

from . import charts, style
from .data import RoundFacts, SessionFacts, Table
from .pdfbase import (
    P, PM, CondPageBreak, KeepTogether, PlainText, Rule, Spacer, callout, data_table, esc, figure, heading, kv_table,
    render, side_by_side, stat_band,
)

W = style.FRAME_WIDTH


def build(facts: SessionFacts) -> bytes:
    """The minutes as PDF bytes."""
    return render(story(facts), facts.meta)


def title_block(facts: SessionFacts) -> list:
    w = facts.meta.words
    kicker = " · ".join(x for x in (facts.programme, facts.institution) if x)
    block = [
        P(kicker.upper(), "doc_kicker"),
        P(w["minutes"], "doc_title"),
        P(facts.title, "doc_subtitle"),
        Rule(style.BRAND, 1.2, 2),
        Spacer(1, 4),
        kv_table([
            (w["initiative"], facts.initiative),
            (w["phase"], f"{facts.phase_number} · {facts.phase_name}"),
            (w["date"], facts.date),
            (w["time"], facts.time),
            (w["place"], facts.place),
            (w["facilitators"], facts.facilitators),
            (w["status"], facts.status_label),
        ]),
        Spacer(1, 10),
        stat_band([(v, k) for k, v in facts.summary if k != w["decisions"]][:6]),
        Spacer(1, 4),
    ]
    decisions = dict(facts.summary).get(w["decisions"])
    if decisions and decisions != "0":
        block.append(P(f"{w['decisions']}: {decisions}.", "meta"))
    if facts.is_empty:
        block += [Spacer(1, 6), callout([P(facts.meta.words["empty_session"])], "neutral")]
    return block


def attendance(facts: SessionFacts, n: int) -> list:
    w = facts.meta.words
    out = heading(f"{n}. {w['attendance']}", 0, "attendance")
    if not facts.attendance_total:
        return out + [P(w["no_participants"], "note")]
    rows = [[s.label, str(s.count), s.share, str(s.organisations)] for s in facts.by_sector]
    rows.append([w["total"], str(facts.attendance_total), "100 %" if facts.meta.lang == "es" else "100%",
                 str(len({r[0].casefold() for r in facts.by_organisation.rows}))])
    table = Table([w["sector"], w["persons"], "%", w["organisations"]], rows,
                  [s.code for s in facts.by_sector] + [None], [2.2, 1, 1, 1.5], [1, 2, 3])
    chart = charts.value_bars(
        [charts.Row(s.label, [(s.count, s.colour)], s.colour, f"{s.count} · {s.share}") for s in facts.by_sector],
        W * 0.45)
    out += [
        side_by_side(data_table(table, W * 0.54 - 8, total_last=True),
                     [P(w["chart_attendance"], "h3"), figure(chart)], split=0.54),
        Spacer(1, 4),
        P(w["attendance_note"], "small"),
    ]
    out += heading(w["attendance_by_org"], 1, "attendance-org")
    out.append(data_table(facts.by_organisation))
    return out


def agenda(facts: SessionFacts, n: int) -> list:
    w = facts.meta.words
    out = heading(f"{n}. {w['agenda']}", 0, "agenda")
    if not facts.agenda.rows:
        return out + [P(w["no_agenda"], "note")]
    return out + [data_table(facts.agenda)]


def round_block(rf: RoundFacts, w) -> list:
    """One round: heading, mode and rule, table, chart, computed outcome, named votes."""
    head = [
        P(rf.heading, "h3"),
        PM(f"{esc(rf.mode)}. {esc(rf.rule)}" + (f" <i>{esc(rf.state_note)}</i>" if rf.state_note else ""), "meta"),
        data_table(rf.table, total_first=rf.method in ("approve", "score", "impact_feasibility")),
        Spacer(1, 6),
    ]
    body = []
    if rf.chart is not None and rf.total:
        body += [figure(charts.render(rf.chart, W)), Spacer(1, 4)]
    tone = rf.outcome if rf.state == "closed" else "neutral"
    body.append(callout([PM(f"<b>{esc(w['computed_outcome'])}</b> — {esc(rf.explanation)}", "cell")], tone))
    body.append(Spacer(1, 4))
    if rf.named_votes:
        body.append(P(w["named_votes"], "h3"))
        for title, entries in rf.named_votes:
            if title:
                body.append(P(title, "named_group"))
            body += [PlainText([entry]) for entry in entries]
            body.append(Spacer(1, 3))
    return [KeepTogether(head + body[:2])] + body[2:]


def items_section(facts: SessionFacts, n: int) -> list:
    w = facts.meta.words
    out = heading(f"{n}. {w['items_discussed']}", 0, "items")
    if not facts.items:
        return out + [P(w["no_items"], "note")]
    section_head, out = out, []
    for i, item in enumerate(facts.items, start=1):
        intro = heading(f"{n}.{i} {item.title}", 1, f"item-{item.id}")
        if i == 1:  # the section's heading travels with its first item
            intro = section_head + intro
        meta = [item.kind_label] + [x for x in (item.axis, item.horizon_label) if x]
        intro.append(P(" · ".join(meta), "meta"))
        if item.description:
            intro.append(P(item.description, "body"))
        if not item.rounds and not item.also_in:
            intro.append(P(w["no_rounds"], "note"))
        blocks = [round_block(rf, w) for rf in item.rounds]
        if blocks:
            # The item's heading never stays behind at the foot of a page without its first round.
            first = blocks[0]
            lead = [f for f in intro if not isinstance(f, CondPageBreak)]
            out += [intro[0], KeepTogether(lead + first[0]._content)] + first[1:]
            for block in blocks[1:]:
                out += block
        else:
            out += intro
        for line in item.also_in:
            out.append(P(line, "meta"))
        # Decision.
        if item.decision:
            d = item.decision
            parts = [PM(f"{esc(w['decision_recorded'])}: {esc(d.outcome_label)}", "decision")]
            if d.is_override:
                parts.append(PM(f"<b>{esc(w('override', computed=d.computed_label))}</b>", "cell"))
            if d.reason:
                parts.append(PM(f"<b>{esc(w['reason'])}:</b> {esc(d.reason)}", "cell"))
            if d.decided_by or d.decided_at:
                parts.append(P(w("decided_by", who=d.decided_by or "—", when=d.decided_at), "small"))
            out += [Spacer(1, 2), callout(parts, d.outcome), Spacer(1, 6)]
        else:
            out.append(P(w["no_decision"], "note"))
        # Comments.
        if item.comments_total:
            block = [P(w["top_comments"], "h3"),
                     P(w("comments_count", shown=len(item.comments), total=item.comments_total), "small")]
            for c in item.comments:
                who = ", ".join(x for x in (c.author, c.organisation, c.sector_label) if x)
                extra = f" · {w['pinned']}" if c.pinned else ""
                block += [PM(f"“{esc(c.body)}”", "quote"),
                          P(f"{who} · {c.at} · {c.upvotes} {w['upvotes']}{extra}", "quote_meta")]
            out.append(KeepTogether(block[:4]))
            out += block[4:]
    return out


def multi_section(facts: SessionFacts, n: int) -> list:
    w = facts.meta.words
    out = heading(f"{n}. {w['multi_rounds']}", 0, "multi")
    for rf in facts.multi_rounds:
        out += round_block(rf, w)
        out.append(Spacer(1, 8))
    return out


def proposals(facts: SessionFacts, n: int) -> list:
    w = facts.meta.words
    out = heading(f"{n}. {w['proposed_items']}", 0, "proposals")
    if not facts.proposals:
        return out + [P(w["no_proposals"], "note")]
    table = Table([w["title"], w["kind"], w["proposed_by"], w["hour"], w["status"]],
                  [[p.title, p.kind_label, p.author, p.at, p.state_label] for p in facts.proposals],
                  [], [4, 1.6, 3, 0.8, 1.5], [])
    return out + [data_table(table)]


def timeline(facts: SessionFacts, n: int) -> list:
    w = facts.meta.words
    out = heading(f"{n}. {w['timeline']}", 0, "timeline")
    if not facts.timeline:
        return out + [P(w["no_events"], "note")]
    table = Table([w["hour"], w["event"]], [[t, text] for t, text in facts.timeline], [], [1.3, 8], [])
    return out + [data_table(table, font_size=7.5)]


def annex(facts: SessionFacts) -> list:
    w = facts.meta.words
    if not facts.people:
        return []
    out = [CondPageBreak(200)] + heading(w["attendees_annex"], 0, "annex")
    table = Table(["#", w["name"], w["organisation"], w["sector"]],
                  [[str(i), p.name, p.organisation, p.sector_label] for i, p in enumerate(facts.people, start=1)],
                  [p.sector for p in facts.people], [0.45, 3, 4.4, 1.5], [0])
    return out + [data_table(table, font_size=7.5)]


def story(facts: SessionFacts) -> list:
    out = title_block(facts)
    n = 1
    for part in (attendance, agenda, items_section):
        out += part(facts, n)
        n += 1
    if facts.multi_rounds:
        out += multi_section(facts, n)
        n += 1
    out += proposals(facts, n)
    out += timeline(facts, n + 1)
    out += annex(facts)
    return out
