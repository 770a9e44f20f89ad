"""The facts of an initiative's summary — the case study's "eight summaries, one per initiative,
outlining process and achievements" — gathered from the database for `summary_pdf` and
`summary_docx` (the same `SummaryFacts` for both, so they say the same thing).

What it says: the value chain and its challenge; the process (phases, sessions with where and when
they were held, participation by sector and organisation, distinct people); the achievements (the
agreed action lines and reforms with their codes, titles and leads, the budget counted as every
document counts it, `data._budget`); voices from the room; next steps (the first, short-horizon
steps with their leads, the deferred items and why, the next scheduled session).

The record's rules hold as in every document (docs/documents.md, "The record"): people are
counted distinct and without removed participants (`data._distinct_people`, as the roadmap counts
them); sessions are dated by when they were held; items show their stable codes. Voices from the
room are the facilitators' pinned, visible comments. A comment sent anonymously (where the
facilitator allowed it, `Comment.is_anonymous`) is quoted without name, organisation or sector. A
comment is also anonymous when the item it is about was put to an anonymous round in the same session
(quoting a named person's words on it could tell how they voted), and then it is quoted without
name, organisation or sector; a comment on an item voted only by name, or on no item, is credited
with its author's name and organisation. A removed participant's comment is left out; a merged
duplicate's is the kept participant's.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..programmes.models import Initiative, Item
from ..sessions.models import SECTORS, Comment, Session
from ..util import name_key, utcnow
from ..voting.models import Decision, Round, RoundItem
from . import style
from .data import (
    Fmt,
    Meta,
    SectorCount,
    Table,
    _budget,
    _code,
    _distinct_people,
    _meta,
    _pause,
    _room,
    _session_counts,
    _short_date_of,
    _stem,
    _tr,
)
from .text import Text

#: The most pinned comments a summary quotes (a publication of 2–4 pages); the rest are in the minutes.
MAX_VOICES = 6


@dataclass
class AchievementRow:
    code: str
    kind: str
    title: str
    lead: str
    horizon: str
    budget: str


@dataclass
class Voice:
    body: str
    #: "Ana Pérez, Cooperativa Agraria Ayacucho" — or, when anonymous, words that name no one.
    credit: str
    #: "Phase 1 · 4 Oct 2021 · LA-3 · Integrated pest management…"
    context: str
    anonymous: bool


@dataclass
class SummaryFacts:
    meta: Meta
    id: int
    name: str
    programme: str
    institution: str
    value_chain: str
    region: str
    summary: str
    #: The day the document was made ("1 de diciembre de 2026"), for the cover block.
    date: str
    #: First session held – end of the last ("4 oct 2021 – 4 abr 2022"), empty when none was held.
    period: str
    #: The PDF's subject and the DOCX's.
    subject: str
    acknowledgement: str
    figures: list[tuple[str, str]]
    #: The phases of the initiative: "1 · Current situation".
    phases: list[str]
    process_text: str
    sessions: Table
    sessions_held: int
    people_total: int
    organisations_total: int
    by_sector: list[SectorCount]
    sector_table: Table
    #: Organisations that took part, per sector: [(sector label, "A; B; C")].
    organisations: list[tuple[str, str]]
    achievements_text: str
    lines: list[AchievementRow]
    reforms: list[AchievementRow]
    achievements_table_headers: list[str]
    budget_text: str
    voices: list[Voice]
    voices_note: str
    #: "Short term (by 2024)": what the first steps are.
    first_steps_title: str
    first_steps: list[AchievementRow]
    #: [(code · title, reason)].
    deferred: list[tuple[str, str]]
    next_session: str
    candidates_text: str
    is_empty: bool
    filename_stem: str
    sector_labels: dict[str, str] = field(default_factory=dict)


def _anonymous_items(session_ids: list[int]) -> set[tuple[int, int]]:
    """(session id, item id) of every item put to an anonymous round in that session."""
    if not session_ids:
        return set()
    return set(db.session.execute(
        select(Round.session_id, RoundItem.item_id).join(RoundItem, RoundItem.round_id == Round.id)
        .where(Round.session_id.in_(session_ids), Round.is_anonymous.is_(True))).all())


def summary_facts(initiative_id: int, lang: str = "es") -> Optional[SummaryFacts]:
    """Everything the summary of an initiative says, or None if there is no such initiative."""
    initiative = db.session.get(Initiative, initiative_id)
    if initiative is None:
        return None
    t, fmt = Text(lang), Fmt(lang)
    programme = initiative.programme
    name = _tr(initiative, "name", lang)
    doc_title = t.gettext("Initiative summary")
    meta = _meta(lang, doc_title, f"{programme.name} · {name}", name, programme)
    sector_labels = {s: t.label("sectors", s) for s in SECTORS}
    subject = t.gettext("Process and achievements of the initiative %(name)s, %(programme)s",
                        name=name, programme=programme.name)

    # --- The process ----------------------------------------------------------------------------
    sessions = db.session.scalars(select(Session).where(Session.initiative_id == initiative.id)
                                  .options(selectinload(Session.phase))
                                  .order_by(func.coalesce(Session.started_at, Session.starts_at), Session.id)).all()
    counts = _session_counts([s.id for s in sessions])
    held = [s for s in sessions if s.status == "closed"]
    session_rows = [[f"{s.phase.number} · {_tr(s.phase, 'name', lang)}", _short_date_of(s, t, fmt),
                     s.place or t.gettext("Not set"), t.label("session_statuses", s.status),
                     fmt.int(counts.get(s.id, 0)) if s.started_at else "—"] for s in sessions]
    sessions_table = Table([t.gettext("Phase"), t.gettext("Date"), t.gettext("Place"), t.gettext("Status"),
                            t.gettext("Participants")], session_rows, [], [2.3, 1.5, 4, 1.2, 1.2], [4])
    started = [(s.started_at, s.ended_at or s.started_at) for s in sessions if s.started_at]
    period = (f"{fmt.short_date(min(a for a, _ in started))} – {fmt.short_date(max(b for _, b in started))}"
              if started else "")
    people = _distinct_people([initiative.id])
    by_sector_n = Counter(p.sector for p in people)
    orgs_by_sector: dict[str, dict[str, str]] = defaultdict(dict)
    for p in people:  # an organisation typed twice with other accents or case counts once
        orgs_by_sector[p.sector].setdefault(name_key(p.organisation), p.organisation)
    organisations_total = len({name_key(p.organisation) for p in people})
    by_sector = [SectorCount(s, sector_labels[s], style.SECTOR_COLOURS[s], by_sector_n.get(s, 0),
                             fmt.pct(by_sector_n.get(s, 0) / len(people)) if people else "—",
                             len(orgs_by_sector.get(s, {}))) for s in SECTORS]
    sector_rows = [[s.label, fmt.int(s.count), s.share, fmt.int(s.organisations)] for s in by_sector]
    if people:
        sector_rows.append([t.gettext("Total"), fmt.int(len(people)), fmt.pct(1), fmt.int(organisations_total)])
    sector_table = Table([t.gettext("Sector"), t.gettext("People"), "%", t.gettext("Organisations")], sector_rows,
                         [s.code for s in by_sector] + [None], [2.2, 1, 1, 1.4], [1, 2, 3])
    organisations = [(sector_labels[s], "; ".join(sorted(orgs_by_sector[s].values(), key=name_key)))
                     for s in SECTORS if orgs_by_sector.get(s)]
    phases = [f"{p.number} · {_tr(p, 'name', lang)}" for p in initiative.phases]
    if held:
        process_text = t.ngettext(
            "The process has %(phases)s; %(num)s strategy session has been held (%(period)s), with %(people)s "
            "from %(orgs)s of the four sectors of the quadruple helix taking part.",
            "The process has %(phases)s; %(num)s strategy sessions have been held (%(period)s), with %(people)s "
            "from %(orgs)s of the four sectors of the quadruple helix taking part.", len(held),
            phases=t.ngettext("%(num)s phase", "%(num)s phases", len(phases)), period=period,
            people=t.ngettext("%(num)s person", "%(num)s people", len(people)),
            orgs=t.ngettext("%(num)s organisation", "%(num)s organisations", organisations_total))
    elif sessions:
        process_text = t.ngettext("No strategy session has been held yet; %(num)s is in preparation.",
                                  "No strategy session has been held yet; %(num)s are in preparation.",
                                  len(sessions))
    else:
        process_text = t.gettext("No sessions yet.")
    _pause()

    # --- The achievements -----------------------------------------------------------------------
    items = db.session.scalars(select(Item).where(Item.initiative_id == initiative.id, Item.is_archived.is_(False))
                               .order_by(Item.id)).all()
    start_year = programme.start_year
    years = {"short": programme.short_horizon_years, "medium": programme.medium_horizon_years,
             "long": programme.long_horizon_years}

    def horizon_label(horizon: Optional[str]) -> str:
        if horizon is None:
            return t.gettext("No horizon")
        label = t.label("horizons", horizon)
        if start_year and years.get(horizon):
            return t.gettext("%(horizon)s (by %(year)s)", horizon=label, year=str(start_year + years[horizon]))
        return label

    def row(item: Item) -> AchievementRow:
        return AchievementRow(_code(item, item.id), item.kind, _tr(item, "title", lang), item.lead_institution or "—",
                              horizon_label(item.horizon),
                              fmt.money(item.budget_pen) if item.budget_pen is not None else t.gettext("Not estimated"))

    order = {"short": 0, "medium": 1, "long": 2, None: 3}
    agreed = sorted((i for i in items if i.status == "agreed"), key=lambda i: (i.kind, order[i.horizon], i.id))
    lines = [row(i) for i in agreed if i.kind == "action_line"]
    reforms = [row(i) for i in agreed if i.kind == "policy_reform"]
    budget, unestimated = _budget(agreed)
    budget_lines, _ = _budget([i for i in agreed if i.kind == "action_line"])
    budget_reforms, _ = _budget([i for i in agreed if i.kind == "policy_reform"])
    if agreed:
        budget_text = t.gettext(
            "Estimated budget of the agreed items: %(budget)s (action lines %(lines)s; reforms %(reforms)s).",
            budget=fmt.money(budget), lines=fmt.money(budget_lines), reforms=fmt.money(budget_reforms))
        if unestimated:
            budget_text += " " + t.ngettext(
                "%(num)s agreed item has no estimated budget (%(codes)s): it is shown as not estimated and the "
                "totals leave it out.",
                "%(num)s agreed items have no estimated budget (%(codes)s): they are shown as not estimated and the "
                "totals leave them out.", len(unestimated), codes=", ".join(_code(i, i.id) for i in unestimated))
    else:
        budget_text = ""
    achievements_text = t.gettext(
        "The sessions agreed %(lines)s and %(reforms)s.",
        lines=t.ngettext("%(num)s action line", "%(num)s action lines", len(lines)),
        reforms=t.ngettext("%(num)s public policy reform proposal", "%(num)s public policy reform proposals",
                           len(reforms))) if agreed else t.gettext(
        "This initiative has no agreed action lines or reforms yet.")
    _pause()

    # --- Voices from the room -------------------------------------------------------------------
    session_ids = [s.id for s in sessions]
    by_id = {s.id: s for s in sessions}
    titles = {i.id: (_code(i, i.id), _tr(i, "title", lang)) for i in items}
    pinned = db.session.scalars(
        select(Comment).where(Comment.session_id.in_(session_ids), Comment.is_pinned.is_(True),
                              Comment.is_hidden.is_(False))
        .order_by(Comment.upvotes.desc(), Comment.id)).all() if session_ids else []
    anonymous = _anonymous_items(sorted({c.session_id for c in pinned}))
    rooms = {sid: _room(sid, t) for sid in sorted({c.session_id for c in pinned})}
    voices, seen = [], set()
    for c in pinned:
        shown, person = rooms[c.session_id].author(c.participant_id)
        key = name_key(c.body)
        if not shown or not key or key in seen:
            continue  # a removed participant's words; the same words pinned twice are quoted once
        seen.add(key)
        secret = c.item_id is not None and (c.session_id, c.item_id) in anonymous
        session = by_id[c.session_id]
        where = [t.gettext("Phase %(number)s", number=session.phase.number), _short_date_of(session, t, fmt)]
        if c.item_id in titles:
            where.append(" · ".join(titles[c.item_id]))
        if c.is_anonymous:
            credit = t.gettext("A participant (anonymous comment)")
        elif secret or person is None:
            credit = t.gettext("A participant (anonymous vote)") if secret \
                else t.gettext("A participant")
        else:
            credit = ", ".join(x for x in (person.name, person.organisation) if x)
        voices.append((c.id, Voice(c.body, credit, " · ".join(where), secret or c.is_anonymous)))
    # The most up-voted first when there are too many; then in the order they were written.
    shown_voices = [v for _, v in sorted(voices[:MAX_VOICES], key=lambda cv: cv[0])]
    if not voices:
        voices_note = t.gettext("No comment from the sessions has been pinned by the facilitators yet.")
    elif len(voices) > MAX_VOICES:
        voices_note = t.gettext("%(shown)s of the %(total)s comments the facilitators pinned; the session minutes "
                                "have all of them.", shown=fmt.int(MAX_VOICES), total=fmt.int(len(voices)))
    else:
        voices_note = t.gettext("Comments the facilitators pinned during the sessions, quoted as they were "
                                "written. Comments on items put to an anonymous vote are not credited.")
    _pause()

    # --- Next steps -----------------------------------------------------------------------------
    first_steps = [row(i) for i in agreed if i.horizon == "short"]
    first_steps_title = horizon_label("short")
    last_reason: dict[int, str] = {}
    for d in db.session.scalars(select(Decision).where(Decision.item_id.in_([i.id for i in items]))
                                .order_by(Decision.decided_at, Decision.id)) if items else []:
        last_reason[d.item_id] = d.reason or ""
    deferred = [(f"{_code(i, i.id)} · {_tr(i, 'title', lang)}",
                 last_reason.get(i.id) or t.gettext("No reason was recorded."))
                for i in items if i.status == "deferred"]
    now = utcnow()
    coming = sorted((s for s in sessions if s.status == "scheduled" and s.starts_at is not None
                     and fmt.local(s.starts_at) >= fmt.local(now)), key=lambda s: (s.starts_at, s.id))
    if coming:
        s = coming[0]
        next_session = t.gettext("Next session: phase %(phase)s, %(session)s, scheduled for %(date)s at %(time)s, "
                                 "%(place)s.", phase=s.phase.number, session=_tr(s.phase, "name", lang),
                                 date=fmt.date(s.starts_at), time=fmt.time(s.starts_at),
                                 place=s.place or t.gettext("place to be confirmed"))
    else:
        next_session = t.gettext("No further session is scheduled.")
    candidates = sum(1 for i in items if i.status == "candidate")
    candidates_text = t.ngettext("%(num)s candidate item is still to be decided.",
                                 "%(num)s candidate items are still to be decided.", candidates) if candidates else ""

    # The labels under the key figures agree with them: "1 sesión realizada", "2 sesiones realizadas".
    figures = [(fmt.int(len(held)), t.ngettext("Session held", "Sessions held", len(held))),
               (fmt.int(len(people)), t.ngettext("Distinct person", "Distinct people", len(people))),
               (fmt.int(organisations_total),
                t.ngettext("Organisation represented", "Organisations represented", organisations_total)),
               (fmt.int(len(lines)), t.ngettext("Action line agreed", "Action lines agreed", len(lines))),
               (fmt.int(len(reforms)), t.ngettext("Policy reform agreed", "Policy reforms agreed", len(reforms)))]
    return SummaryFacts(
        meta=meta, id=initiative.id, name=name, programme=programme.name, institution=programme.institution or "",
        value_chain=_tr(initiative, "value_chain", lang), region=initiative.region or "",
        summary=_tr(initiative, "summary", lang), date=fmt.date(now), period=period, subject=subject,
        acknowledgement=_tr(programme, "acknowledgement", lang), figures=figures, phases=phases,
        process_text=process_text, sessions=sessions_table, sessions_held=len(held), people_total=len(people),
        organisations_total=organisations_total, by_sector=by_sector, sector_table=sector_table,
        organisations=organisations, achievements_text=achievements_text, lines=lines, reforms=reforms,
        achievements_table_headers=[t.gettext("Code"), t.gettext("Title"), t.gettext("Lead institution"),
                                    t.gettext("Horizon"), t.gettext("Budget")],
        budget_text=budget_text, voices=shown_voices, voices_note=voices_note, first_steps_title=first_steps_title,
        first_steps=first_steps, deferred=deferred, next_session=next_session, candidates_text=candidates_text,
        is_empty=not sessions and not items,
        filename_stem=_stem(doc_title, initiative.id, name), sector_labels=sector_labels)
