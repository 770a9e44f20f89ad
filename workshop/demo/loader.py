"""Load the demo programme, IVAI 2021–2022: eight initiatives, 24 sessions, believable history.

Phases 1 and 2 are closed, with stakeholders, rounds, votes, comments and decisions made
through the same models and rules as a live session; phase-3 sessions are scheduled with the
phase-2 winners on their agenda, ready to run live. Deterministic: the same seed, the same demo.
"""
from __future__ import annotations

import random
import secrets
from datetime import datetime, timedelta, timezone

from ..accounts.models import StaffUser
from ..eventlog import Event
from ..extensions import db
from ..programmes.models import Initiative, Item, Phase, Programme
from ..sessions.models import AgendaEntry, Comment, Participant, Session, Stakeholder
from ..sessions.services import unused_join_code
from ..util import name_key, token_digest, utcnow
from ..voting import rules
from ..voting.models import Decision, Round, RoundItem, Vote
from ..voting.services import freeze
from . import content

LIMA = timezone(timedelta(hours=-5))
FACILITATORS = [
    ("lucia.paredes@example.org", "Lucía Paredes"),
    ("jorge.salazar@example.org", "Jorge Salazar"),
    ("carmen.villanueva@example.org", "Carmen Villanueva"),
    ("martin.arce@example.org", "Martín Arce"),
]
SECRETARIAT = ("secretaria@example.org", "Rosa Mendoza")
#: Stakeholders per initiative and how many of them attend each closed session.
PEOPLE_PER_INITIATIVE = 46
ATTENDANCE = {1: 30, 2: 34}
SECTOR_WEIGHTS = {"public": 0.26, "private": 0.38, "academic": 0.2, "civil_society": 0.16}


def _staff(rng: random.Random) -> list[StaffUser]:
    users = []
    for email, name in FACILITATORS:
        user = StaffUser(email=email, name=name, role="facilitator")
        user.set_password(secrets.token_urlsafe(16))  # an admin sets a real one
        users.append(user)
    email, name = SECRETARIAT
    secretary = StaffUser(email=email, name=name, role="secretariat")
    secretary.set_password(secrets.token_urlsafe(16))
    db.session.add_all(users + [secretary])
    return users


def _people(rng: random.Random, programme: Programme, data: dict) -> list[Stakeholder]:
    people, seen = [], set()
    sectors = list(SECTOR_WEIGHTS)
    while len(people) < PEOPLE_PER_INITIATIVE:
        sector = rng.choices(sectors, weights=list(SECTOR_WEIGHTS.values()))[0]
        name = f"{rng.choice(content.FIRST_NAMES)} {rng.choice(content.LAST_NAMES)} {rng.choice(content.LAST_NAMES)}"
        organisation = rng.choice(data["organisations"][sector])
        key = (name_key(name), name_key(organisation))
        if key in seen:
            continue
        seen.add(key)
        people.append(Stakeholder(
            programme_id=programme.id, name=name, organisation=organisation, sector=sector, region=data["region"],
            name_key=key[0], organisation_key=key[1]))
    return people


def _items(initiative: Initiative, data: dict) -> list[Item]:
    items = []
    for spec in data["items"]:
        axis = data["axes"][spec["axis"]]
        items.append(Item(
            initiative=initiative, kind=spec["kind"], title=spec["title_es"], title_en=spec["title_en"],
            description=spec["description_es"], description_en=spec["description_en"],
            axis=axis["es"], axis_en=axis["en"], horizon=spec["horizon"], lead_institution=spec["lead"],
            partners=spec["partners"], indicator=spec["indicator_es"], indicator_en=spec["indicator_en"],
            budget_pen=spec["budget_pen"], status="candidate"))
    return items


class _Clock:
    """Times within a session's afternoon, moving forward."""

    def __init__(self, start: datetime):
        self.now = start

    def tick(self, rng: random.Random, low: int, high: int) -> datetime:
        self.now += timedelta(seconds=rng.randint(low, high))
        return self.now


def _event(session: Session, at: datetime, kind: str, participant: Participant | None = None,
           staff: StaffUser | None = None, **data) -> None:
    db.session.add(Event(session_id=session.id, at=at, kind=kind, data=data,
                         actor_kind="staff" if staff else "participant" if participant else "system",
                         staff_user_id=staff.id if staff else None,
                         participant_id=participant.id if participant else None))


def _value(rng: random.Random, method: str, appeal: float, sector_bias: float, item_ids: list[int]):
    lean = max(0.05, min(0.95, appeal + sector_bias + rng.gauss(0, 0.12)))
    if method == "approve":
        r = rng.random()
        return "approve" if r < lean else "neutral" if r < lean + (1 - lean) * 0.4 else "reject"
    if method == "score":
        return max(1, min(5, round(1 + 4 * lean + rng.gauss(0, 0.7))))
    if method == "impact_feasibility":
        return {"impact": max(1, min(5, round(1 + 4 * lean + rng.gauss(0, 0.8)))),
                "feasibility": max(1, min(5, round(1 + 4 * (lean - 0.1) + rng.gauss(0, 0.9))))}
    if method == "dots":
        budget = 2 * len(item_ids)
        choice = rng.sample(item_ids, k=min(len(item_ids), rng.randint(2, 4)))
        spread = {}
        for _ in range(budget - rng.randint(0, 2)):
            key = str(rng.choice(choice))
            spread[key] = spread.get(key, 0) + 1
        return spread
    return rng.sample(item_ids, k=len(item_ids))  # ranking


def _run_round(rng, session, clock, facilitator, attendees, method, items, appeal, bias, **rule) -> Round:
    round_ = Round(session_id=session.id, method=method, state="open", opened_at=clock.tick(rng, 60, 240),
                   dots_budget=2 * len(items) if method == "dots" else None, **rule)
    round_.entries = [RoundItem(item_id=item.id, position=i) for i, item in enumerate(items)]
    db.session.add(round_)
    db.session.flush()
    _event(session, round_.opened_at, "round_opened", staff=facilitator, round_id=round_.id)
    ids = [item.id for item in items]
    for participant, stakeholder in attendees:
        if rng.random() < 0.08:  # some people do not vote
            continue
        value = rules.normalise_value(method, _value(rng, method, appeal, bias[stakeholder.sector], ids), ids,
                                      round_.dots_budget)
        at = clock.tick(rng, 1, 6)
        db.session.add(Vote(round_id=round_.id, participant_id=participant.id, value=value,
                            sector=stakeholder.sector, client_vote_id=secrets.token_hex(8), cast_at=at))
        _event(session, at, "vote_counted", participant=participant, round_id=round_.id)
    db.session.flush()
    freeze(round_)
    round_.closed_at = clock.tick(rng, 20, 90)
    _event(session, round_.closed_at, "round_closed", staff=facilitator, round_id=round_.id, outcome=round_.outcome)
    return round_


def _comments(rng, session, clock, attendees, item, texts, count) -> None:
    authors = rng.sample(attendees, k=min(count, len(attendees)))
    for participant, _stakeholder in authors:
        at = clock.tick(rng, 10, 60)
        comment = Comment(session_id=session.id, item_id=item.id, participant_id=participant.id,
                          body=rng.choice(texts), upvotes=rng.choice([0, 0, 1, 2, 3, 5, 8, 12]),
                          is_pinned=rng.random() < 0.05, created_at=at)
        db.session.add(comment)
        db.session.flush()
        _event(session, at, "comment", participant=participant, comment_id=comment.id, item_id=item.id)


def _decide(rng, session, clock, facilitator, item, round_) -> None:
    computed = (round_.outcome_detail or {}).get("items", {}).get(str(item.id), round_.outcome)
    outcome, reason = {"agreed": "agreed", "rejected": "rejected"}.get(computed, "deferred"), ""
    if computed == "no_quorum":
        reason = "Sin quórum: se vuelve a discutir en la siguiente sesión."
    elif rng.random() < 0.06:
        outcome = "deferred"
        reason = "La mesa pidió más información técnica antes de decidir; pasa a la siguiente fase."
    at = clock.tick(rng, 30, 120)
    db.session.add(Decision(session_id=session.id, item_id=item.id, outcome=outcome, computed_outcome=computed,
                            round_id=round_.id, reason=reason, decided_by_id=facilitator.id, decided_at=at))
    item.status = outcome
    _event(session, at, "decision", staff=facilitator, item_id=item.id, outcome=outcome, computed=computed,
           reason=reason, is_override=outcome != computed)


def _closed_session(rng, session, facilitator, people, items, texts, phase: int) -> None:
    clock = _Clock(session.starts_at)
    session.status, session.started_at = "closed", clock.now
    _event(session, clock.now, "session_started", staff=facilitator)
    chosen = rng.sample(people, k=ATTENDANCE[phase])
    attendees = []
    for stakeholder in chosen:
        participant = Participant(session_id=session.id, stakeholder_id=stakeholder.id,
                                  token_hash=token_digest(secrets.token_urlsafe(24)),
                                  personal_code=unused_join_code(), joined_at=clock.tick(rng, 2, 20))
        db.session.add(participant)
        db.session.flush()
        _event(session, participant.joined_at, "joined", participant=participant, sector=stakeholder.sector)
        attendees.append((participant, stakeholder))
    appeal = {item.id: rng.uniform(0.5, 0.95) for item in items}
    bias = {sector: rng.uniform(-0.08, 0.08) for sector in SECTOR_WEIGHTS}
    if phase == 1:
        # Diagnosis: prioritise the candidates (score), then map impact × feasibility for two.
        for item in items[:6]:
            session.current_item_id = item.id
            _run_round(rng, session, clock, facilitator, attendees, "score", [item], appeal[item.id], bias,
                       quorum=10, threshold=0.5, is_cross_sector=False, is_anonymous=True, results="live")
            _comments(rng, session, clock, attendees, item, texts, rng.randint(1, 3))
        for item in items[6:8]:
            _run_round(rng, session, clock, facilitator, attendees, "impact_feasibility", [item], appeal[item.id],
                       bias, quorum=10, threshold=0.5, is_cross_sector=False, is_anonymous=True, results="hidden")
        _run_round(rng, session, clock, facilitator, attendees, "dots", items[:5], 0.6, bias,
                   quorum=10, threshold=0.4, is_cross_sector=False, is_anonymous=True, results="live")
    else:
        # Positioning: an approve round on every candidate, with cross-sector consensus, and a decision.
        for item in items:
            session.current_item_id = item.id
            _event(session, clock.tick(rng, 30, 90), "current_item", staff=facilitator, item_id=item.id)
            round_ = _run_round(rng, session, clock, facilitator, attendees, "approve", [item], appeal[item.id],
                                bias, quorum=15, threshold=0.6, is_cross_sector=rng.random() < 0.5,
                                is_anonymous=rng.random() < 0.7, results="live")
            _comments(rng, session, clock, attendees, item, texts, rng.randint(1, 4))
            _decide(rng, session, clock, facilitator, item, round_)
        _run_round(rng, session, clock, facilitator, attendees, "ranking", items[:4], 0.5, bias,
                   quorum=15, threshold=0.5, is_cross_sector=False, is_anonymous=True, results="hidden")
    session.current_item_id = None
    session.ended_at = clock.tick(rng, 120, 600)
    _event(session, session.ended_at, "session_ended", staff=facilitator)


def load_demo(seed: int = 2021) -> Programme:
    """Create the demo programme in an empty database and return it."""
    rng = random.Random(seed)
    facilitators = _staff(rng)
    spec = content.PROGRAMME
    programme = Programme(name=spec["name"], institution=spec["institution"], description=spec["description_es"],
                          description_en=spec["description_en"])
    db.session.add(programme)
    db.session.flush()
    today = utcnow().astimezone(LIMA).replace(hour=9, minute=30, second=0, microsecond=0)
    for index, data in enumerate(content.INITIATIVES):
        initiative = Initiative(
            programme=programme, position=index + 1, name=data["name_es"], name_en=data["name_en"],
            value_chain=data["value_chain_es"], value_chain_en=data["value_chain_en"], region=data["region"],
            summary=data["summary_es"], summary_en=data["summary_en"])
        phases = [Phase(number=p["number"], name=p["name_es"], name_en=p["name_en"]) for p in content.PHASES]
        initiative.phases = phases
        items = _items(initiative, data)
        people = _people(rng, programme, data)
        db.session.add_all([initiative, *items, *people])
        db.session.flush()
        facilitator = facilitators[index % len(facilitators)]
        starts = [datetime(2021, 9, 6, 15, 0, tzinfo=LIMA) + timedelta(days=7 * index),
                  datetime(2022, 3, 7, 15, 0, tzinfo=LIMA) + timedelta(days=7 * index),
                  today + timedelta(days=2 + 3 * index)]
        for phase, start, venue in zip(phases, starts, data["venues"]):
            session = Session(
                initiative=initiative, phase=phase, starts_at=start, place=venue,
                title=f"{initiative.name} — {phase.name}", status="scheduled",
                join_code=unused_join_code(), projector_key=secrets.token_urlsafe(24))
            session.facilitators = [facilitator]
            db.session.add(session)
            db.session.flush()
            if phase.number < 3:
                agenda = [i for i in items]
                rng.shuffle(agenda)
                agenda = agenda[:8] if phase.number == 1 else [i for i in items]
            else:
                agenda = [i for i in items if i.status == "agreed"]
            session.agenda = [AgendaEntry(item_id=item.id, position=i) for i, item in enumerate(agenda)]
            _event(session, start - timedelta(days=10), "session_created", staff=facilitator)
            if phase.number < 3:
                _closed_session(rng, session, facilitator, people, agenda, data["comments_es"], phase.number)
            db.session.flush()
    db.session.commit()
    return programme
