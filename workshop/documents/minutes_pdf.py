"""Session minutes as PDF (reportlab Platypus), from `data.SessionFacts`.

1 attendance (by sector, with a chart; by organisation) · 2 agenda · 3 items discussed (per round:
method, rule, tally overall and per sector with a chart, computed outcome and its explanation,
named votes for named rounds only; the decision and any override reason, and every earlier
decision; the most up-voted comments) · 4 prioritisation rounds · 5 items proposed · 6 timeline · annex: attendees.
"""
from __future__ import annotations

from . import charts, style
from .data import ItemFacts, RoundFacts, SessionFacts, Table
from .pdfbase import (
    PM,
    CondPageBreak,
    KeepTogether,
    P,
    PlainText,
    Rule,
    Spacer,
    callout,
    data_table,
    esc,
    figure,
    funders_band,
    heading,
    kv_table,
    render,
    side_by_side,
    stat_band,
)
from .text import Text

W = style.FRAME_WIDTH


def build(facts: SessionFacts) -> bytes:
    """The minutes as PDF bytes."""
    return render(story(facts), facts.meta)


def title_block(facts: SessionFacts) -> list:
    t = facts.meta.text
    kicker = " · ".join(x for x in (facts.programme, facts.institution) if x)
    block = [
        P(kicker.upper(), "doc_kicker"),
        P(t.gettext("Session minutes"), "doc_title"),
        P(facts.title, "doc_subtitle"),
        Rule(style.BRAND, 1.2, 2),
        Spacer(1, 4),
        kv_table([
            (t.gettext("Initiative"), facts.initiative),
            (t.gettext("Phase"), f"{facts.phase_number} · {facts.phase_name}"),
            (t.gettext("Date"), facts.date),
            (t.pgettext("session schedule", "Time"), facts.time),
            (t.gettext("Place"), facts.place),
            (t.gettext("Facilitation"), facts.facilitators),
            (t.gettext("Status"), facts.status_label),
        ]),
        Spacer(1, 10),
        stat_band([(v, k) for k, v in facts.summary if k != t.gettext("Decisions")][:6]),
        Spacer(1, 4),
    ]
    decisions = dict(facts.summary).get(t.gettext("Decisions"))
    if decisions and decisions != "0":
        block.append(P(t.gettext("Decisions: %(decisions)s.", decisions=decisions), "meta"))
    block += funders_band(facts.meta)
    if facts.is_empty:
        block += [Spacer(1, 6), callout([P(t.gettext("This session has no participants, votes or decisions yet. "
                                                     "The minutes fill in as the session goes on."))], "neutral")]
    return block


def attendance(facts: SessionFacts, n: int) -> list:
    t = facts.meta.text
    out = heading(f"{n}. " + t.gettext("Attendance"), 0, "attendance")
    if not facts.attendance_total:
        return out + [P(t.gettext("No participant has joined this session yet."), "note")]
    rows = [[s.label, t.number(s.count), s.share, t.number(s.organisations)] for s in facts.by_sector]
    rows.append([t.gettext("Total"), t.number(facts.attendance_total), t.percent(1),
                 t.number(len({r[0].casefold() for r in facts.by_organisation.rows}))])
    table = Table([t.gettext("Sector"), t.gettext("People"), "%", t.gettext("Organisations")], rows,
                  [s.code for s in facts.by_sector] + [None], [2.2, 1, 1, 1.5], [1, 2, 3])
    chart = charts.value_bars(
        [charts.Row(s.label, [(s.count, s.colour)], s.colour, f"{t.number(s.count)} · {s.share}")
         for s in facts.by_sector], W * 0.45)
    out += [
        side_by_side(data_table(table, W * 0.54 - 8, total_last=True),
                     [P(t.gettext("Participants by sector"), "h3"), figure(chart)], split=0.54),
        Spacer(1, 4),
        P(t.gettext("Each person is counted once, even after reconnecting from another phone."), "small"),
    ]
    out += by_sex(facts, t)
    out += heading(t.gettext("Attendance by organisation"), 1, "attendance-org")
    out.append(data_table(facts.by_organisation))
    return out


def by_sex(facts: SessionFacts, t: Text) -> list:
    """Participation by sex, in aggregate — only when someone answered the optional question."""
    if facts.by_sex is None or not facts.by_sex.answered:
        return []
    table = data_table(facts.by_sex.table(t), W * 0.54 - 8)
    table.hAlign = "LEFT"
    return [Spacer(1, 4), P(t.gettext("Participation by sex"), "h3"), table, Spacer(1, 3),
            P(facts.by_sex.note, "small")]


def agenda(facts: SessionFacts, n: int) -> list:
    t = facts.meta.text
    out = heading(f"{n}. " + t.gettext("Agenda"), 0, "agenda")
    if not facts.agenda.rows:
        return out + [P(t.gettext("This session's agenda is empty."), "note")]
    return out + [data_table(facts.agenda)]


def round_block(rf: RoundFacts, t: Text) -> list:
    """One round: heading, mode and rule, table (withheld sector cells said so), chart, the computed
    result in words — per item for dots and ranking — with the rules' sentence, named votes."""
    head = [
        P(rf.heading, "h3"),
        PM(f"{esc(rf.mode)}. {esc(rf.rule)}" + (f" <i>{esc(rf.state_note)}</i>" if rf.state_note else ""), "meta"),
        data_table(rf.table, total_first=rf.method in ("approve", "score", "impact_feasibility")),
    ]
    if rf.withheld_note:
        head += [Spacer(1, 3), P(rf.withheld_note, "small")]
    head.append(Spacer(1, 6))
    body = []
    if rf.chart is not None and rf.total:
        body += [figure(charts.render(rf.chart, W)), Spacer(1, 4)]
    lines = [PM("<b>" + esc(t.gettext("Computed result: %(result)s", result=rf.result_text)) + "</b>", "cell")]
    if rf.explanation:
        lines.append(P(rf.explanation, "cell"))
    lines += [P(line, "cell") for line in rf.item_lines]
    body.append(callout(lines, rf.tone))
    body.append(Spacer(1, 4))
    if rf.named_votes:
        body.append(P(t.gettext("Named votes"), "h3"))
        for title, entries in rf.named_votes:
            if title:
                body.append(P(title, "named_group"))
            body += [PlainText([entry]) for entry in entries]
            body.append(Spacer(1, 3))
    return [KeepTogether(head + body[:2])] + body[2:]


def decision_block(item: ItemFacts, t: Text) -> list:
    """The item's decision — the table's latest — and, when there were several, every one of them."""
    if not item.decision:
        return [P(t.gettext("No decision was recorded on this item."), "note")]
    d = item.decision
    parts = [P(t.gettext("Decision recorded: %(outcome)s", outcome=d.outcome_label), "decision")]
    if d.override_note:
        parts.append(PM(f"<b>{esc(d.override_note)}</b>", "cell"))
    if d.reason:
        parts.append(PM("<b>" + esc(t.gettext("Reason:")) + f"</b> {esc(d.reason)}", "cell"))
    if d.recorded_note:
        parts.append(P(d.recorded_note, "small"))
    out = [Spacer(1, 2), callout(parts, d.outcome), Spacer(1, 4)]
    if len(item.decisions) > 1:
        out += [P(t.gettext("Decision history"), "h3"), P(item.history_note, "small")]
        for n, past in enumerate(item.decisions, start=1):
            out.append(PM(f"<b>{n}.</b> {esc(past.line)}", "cell"))
            if past.reason:
                out.append(PM("&nbsp;&nbsp;&nbsp;&nbsp;<b>" + esc(t.gettext("Reason:")) + f"</b> {esc(past.reason)}",
                              "cell"))
        out.append(Spacer(1, 6))
    return out


def items_section(facts: SessionFacts, n: int) -> list:
    t = facts.meta.text
    out = heading(f"{n}. " + t.gettext("Items discussed"), 0, "items")
    if not facts.items:
        return out + [P(t.gettext("No item has been discussed in this session yet."), "note")]
    section_head, out = out, []
    for i, item in enumerate(facts.items, start=1):
        intro = heading(f"{n}.{i} {item.code} · {item.title}", 1, f"item-{item.id}")
        if i == 1:  # the section's heading travels with its first item
            intro = section_head + intro
        meta = [item.kind_label] + [x for x in (item.axis, item.horizon_label) if x]
        intro.append(P(" · ".join(meta), "meta"))
        if item.description:
            intro.append(P(item.description, "body"))
        if not item.rounds and not item.also_in:
            intro.append(P(t.gettext("This item was not put to a vote in the session."), "note"))
        blocks = [round_block(rf, t) for rf in item.rounds]
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
        out += decision_block(item, t)
        # Comments.
        if item.comments_total:
            block = [P(t.gettext("Most up-voted comments"), "h3"),
                     P(item.comments_note, "small")]
            for c in item.comments:
                who = ", ".join(x for x in (c.author, c.organisation, c.sector_label) if x)
                block += [PM(f"“{esc(c.body)}”", "quote"), P(f"{who} · {c.at} · {c.note}", "quote_meta")]
            out.append(KeepTogether(block[:4]))
            out += block[4:]
    return out


def multi_section(facts: SessionFacts, n: int) -> list:
    t = facts.meta.text
    out = heading(f"{n}. " + t.gettext("Prioritisation rounds"), 0, "multi")
    for i, rf in enumerate(facts.multi_rounds):
        block = round_block(rf, t)
        if i == 0:  # the section's heading never stays behind at the foot of a page
            out = [out[0], KeepTogether(out[1:] + block[0]._content)] + block[1:]
        else:
            out += block
        out.append(Spacer(1, 8))
    return out


def proposals(facts: SessionFacts, n: int) -> list:
    t = facts.meta.text
    out = heading(f"{n}. " + t.gettext("Items proposed in the session"), 0, "proposals")
    if not facts.proposals:
        return out + [P(t.gettext("No new items were proposed."), "note")]
    table = Table([t.gettext("Title"), t.gettext("Kind"), t.gettext("Proposed by"), t.pgettext("time of day", "Time"),
                   t.gettext("Status")],
                  [[p.title, p.kind_label, p.author, p.at, p.state_label] for p in facts.proposals],
                  [], [4, 1.6, 3, 0.8, 1.5], [])
    return out + [data_table(table)]


def timeline(facts: SessionFacts, n: int) -> list:
    t = facts.meta.text
    out = heading(f"{n}. " + t.gettext("Timeline of the session"), 0, "timeline")
    if not facts.timeline:
        return out + [P(t.gettext("No events recorded yet."), "note")]
    table = Table([t.pgettext("time of day", "Time"), t.gettext("Event")],
                  [[when, text] for when, text in facts.timeline], [], [1.3, 8], [])
    return out + [data_table(table, font_size=7.5)]


def annex(facts: SessionFacts) -> list:
    t = facts.meta.text
    if not facts.people:
        return []
    out = [CondPageBreak(200)] + heading(t.gettext("Annex. List of attendees"), 0, "annex")
    table = Table(["#", t.gettext("Name"), t.gettext("Organisation"), t.gettext("Sector")],
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
