"""Load the demo programme, IVAI 2021–2022: eight initiatives, 24 sessions, believable history.

The history is played through the slices' public services, as the staff and the phones of a real
programme would have played it: staff accounts, the programme and its items, sessions scheduled,
started and ended, stakeholders joining, rounds opened, voted and closed, comments, up-votes, pins
and decisions. Each step runs at its historical time (`util.clock_at`), so the rows and the event
log are what Mesa would have kept of 2021–2022. Phases 1 and 2 are closed; phase-3 sessions are
scheduled with the phase-2 winners on their agenda, ready to run live.

Deterministic: the same seed, the same demo, event log included (secrets aside: tokens, join and
personal codes, projector keys and passwords are random, as they must be; and the phase-3 sessions
are dated from the day of the load).
"""
from __future__ import annotations

import random
import re
import secrets
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

from flask import current_app

from .. import signals
from ..accounts.models import StaffUser
from ..accounts.services import create_staff
from ..extensions import db
from ..programmes.models import Initiative, Item, Programme
from ..programmes.services import create_initiative, create_item, create_programme
from ..sessions.discussion import add_comment, moderate, set_current_item, upvote
from ..sessions.models import Participant, Session
from ..sessions.services import create_session, join, transition
from ..util import clock_at, name_key, token_digest, utcnow
from ..voting.models import Round
from ..voting.services import Voter, cast_vote, close_round, create_round, item_result, record_decision
from . import content

LIMA = timezone(timedelta(hours=-5))
FACILITATORS = [
    ("lucia.paredes@example.org", "Lucía Paredes"),
    ("jorge.salazar@example.org", "Jorge Salazar"),
    ("carmen.villanueva@example.org", "Carmen Villanueva"),
    ("martin.arce@example.org", "Martín Arce"),
]
SECRETARIAT = ("secretaria@example.org", "Rosa Mendoza")
#: When the secretariat set the programme up: staff accounts, then the programme, its
#: initiatives and their candidate items, before the first session was scheduled.
SET_UP = datetime(2021, 8, 16, 9, 0, tzinfo=LIMA)
#: The year the demo programme's roadmaps count from, and the prices its budgets are of.
START_YEAR = 2021
#: Years per horizon: the programme's defaults (a short item is due by START_YEAR + 2).
HORIZON_YEARS = {"short": 2, "medium": 5, "long": 10}
#: People per initiative (each becomes a stakeholder on joining a session) and how many of them
#: attend each closed session.
PEOPLE_PER_INITIATIVE = 46
ATTENDANCE = {1: 30, 2: 34}
SECTOR_WEIGHTS = {"public": 0.26, "private": 0.38, "academic": 0.2, "civil_society": 0.16}
#: Where the demo's joins come from, as far as the join limits are concerned (see `_unlimited_joins`).
DEMO_ADDRESS = "demo-loader"
JOIN_LIMITS = ("JOIN_LIMIT_PER_ADDRESS", "JOIN_LIMIT_PER_SESSION")
#: The signals sent after a commit, for the live layer: muted while the history plays (no screen
#: watches a session of 2021). Named one by one: the ones sent inside a transaction
#: (`session_closing`, `participant_amended`) keep the record whole and are never muted, and a
#: new signal stays heard until someone decides (tests/test_models.py checks the split).
AFTER_COMMIT = (signals.session_changed, signals.agenda_changed, signals.current_item_changed, signals.round_changed,
                signals.vote_counted, signals.decision_recorded, signals.participants_changed,
                signals.comment_changed, signals.proposal_changed)


class _Person(NamedTuple):
    """A stakeholder of an initiative, as they type themselves in when they join."""

    name: str
    organisation: str
    sector: str
    region: str


class _Attendee(NamedTuple):
    """A person present in a session: their participant, as a voter, and who they are.

    Ids rather than loaded participants: every commit of a service expires what the database
    session holds, so the loader loads a participant only to comment or up-vote."""

    voter: Voter
    person: _Person

    def participant(self) -> Participant:
        return db.session.get(Participant, self.voter.id)


class _Clock:
    """Times within a session's afternoon, moving forward."""

    def __init__(self, start: datetime):
        self.now = start

    def tick(self, rng: random.Random, low: int, high: int) -> datetime:
        self.now += timedelta(seconds=rng.randint(low, high))
        return self.now


@contextmanager
def _quiet() -> Iterator[None]:
    """Mute the after-commit signals for the load (blinker mutes a signal for the whole process;
    the demo loads at start-up, before the server serves anyone)."""
    with ExitStack() as stack:
        for signal in AFTER_COMMIT:
            stack.enter_context(signal.muted())
        yield


@contextmanager
def _unlimited_joins() -> Iterator[None]:
    """Lift the join limits while the history plays.

    The limits per address and per session (`sessions.services.allow_join`) stop a script stuffing
    a live room; the demo's five hundred joins come from one process within seconds and would be
    refused. So the loader lifts them in the app's configuration for the load and restores them
    however it ends: the demo loads at start-up (`bootstrap.prepare`), before the server takes a
    request, so no phone joins meanwhile, and no request can lift them (only this loader and the
    operator's environment set them). The demo's joins count under an address of their own, so no
    real device's window fills up either.
    """
    config = current_app.config
    saved = {key: config[key] for key in JOIN_LIMITS}
    config.update(dict.fromkeys(JOIN_LIMITS, (10**9, 1)))
    try:
        yield
    finally:
        config.update(saved)


def _staff() -> list[StaffUser]:
    """The facilitators (and the secretariat's account). An admin sets real passwords."""
    with clock_at(SET_UP):
        users = [create_staff(email, name, "facilitator", secrets.token_urlsafe(16)) for email, name in FACILITATORS]
        create_staff(*SECRETARIAT, "secretariat", secrets.token_urlsafe(16))
    return users


def _people(rng: random.Random, data: dict) -> list[_Person]:
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
        people.append(_Person(name, organisation, sector, data["region"]))
    return people


def _initiative(programme: Programme, index: int, data: dict) -> tuple[Initiative, list[Item]]:
    """An initiative (with the three phases) and its candidate items, entered in the set-up week."""
    at = SET_UP + timedelta(hours=1, minutes=30 * index)
    with clock_at(at):
        initiative = create_initiative(programme, {
            "name": data["name_es"], "name_en": data["name_en"], "value_chain": data["value_chain_es"],
            "value_chain_en": data["value_chain_en"], "region": data["region"], "summary": data["summary_es"],
            "summary_en": data["summary_en"]})
    items = []
    for number, spec in enumerate(data["items"], start=1):
        axis = data["axes"][spec["axis"]]
        with clock_at(at + timedelta(minutes=number)):
            items.append(create_item(initiative, {
                "kind": spec["kind"], "title": spec["title_es"], "title_en": spec["title_en"],
                "description": spec["description_es"], "description_en": spec["description_en"],
                "axis": axis["es"], "axis_en": axis["en"], "horizon": spec["horizon"],
                "lead_institution": spec["lead"], "partners": spec["partners"], "budget_pen": spec["budget_pen"],
                **_indicator_fields(spec, number)}))
    return initiative, items


#: "(meta: 120 al 2024)" / "(target: 120 by 2024)" at the end of the content's indicators.
_TARGET = re.compile(r"\s*\((?:meta|target):\s*(?P<target>.*?)\s+(?:al|by|desde|from)\s+\d{4}\)\s*$")
_NUMBER = re.compile(r"\d+(?:[ .]\d{3})*(?:,\d+)?")


def _scaled(token: str, share: float, millions: bool = False) -> str:
    """A number as the content writes it ('80 000', '2,5', '350'), times `share`, written alike
    (amounts in millions with one decimal)."""
    value = float(token.replace(" ", "").replace(".", "").replace(",", "."))
    if "," in token or millions:
        return f"{value * share:.1f}".replace(".", ",")
    scaled = round(value * share)
    return f"{scaled:,}".replace(",", " ") if " " in token else str(scaled)


def _indicator_fields(spec: dict, number: int) -> dict:
    """The indicator as baseline → target by year with its means of verification, and the budget's
    source and price year: made from the content (its "(meta: … al 2025)" becomes the target, due by
    the item's horizon), the same for every load."""
    found = _TARGET.search(spec["indicator_es"])
    target = found.group("target") if found else ""
    baseline = ""
    pair = re.match(r"de (?P<a>.+?) a (?P<b>.+)$", target)
    if pair:
        baseline, target = pair.group("a"), pair.group("b")
        if not re.search(r"[^\d\s.,]", baseline):  # "de 120 a 45 días": the unit is on the target only
            baseline += target[len(_NUMBER.match(target).group()):] if _NUMBER.match(target) else ""
    elif target.startswith("+"):
        baseline = f"nivel de {START_YEAR}"
    elif (first := _NUMBER.search(target)) is not None:
        share = 0.15 + (number * 7 % 30) / 100  # 15–44 % of the target
        zero = not first.group().strip("0 .,")
        scaled = str(80 + number * 37 % 900) if zero else _scaled(first.group(), share, "millones" in target)
        baseline = target[:first.start()] + scaled + target[first.end():]
    lead = spec["lead"]
    verification = (f"Norma publicada en el diario oficial El Peruano; informe de seguimiento de {lead}"
                    if spec["kind"] == "policy_reform" else
                    f"Informe anual de seguimiento de {lead}; registros administrativos")
    horizon = spec.get("horizon")
    return {"indicator": _TARGET.sub("", spec["indicator_es"]),
            "indicator_en": _TARGET.sub("", spec["indicator_en"]),
            "baseline": baseline, "target": target,
            "target_year": START_YEAR + HORIZON_YEARS[horizon] if horizon else None,
            "verification": verification,
            "budget_source": None if spec["budget_pen"] is None else
            "public" if spec["kind"] == "policy_reform" else ("mixed", "public", "private")[number % 3],
            "budget_price_year": START_YEAR if spec["budget_pen"] is not None else None}


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
    """Open a round, let the room vote (some people do not), close it: the rules freeze the tally."""
    ids = [item.id for item in items]
    with clock_at(clock.tick(rng, 60, 240)):
        round_ = create_round(session, item_ids=ids, method=method, staff=facilitator, open_now=True, **rule)
    round_id = round_.id
    for attendee in attendees:
        if rng.random() < 0.08:  # some people do not vote
            continue
        value = _value(rng, method, appeal, bias[attendee.person.sector], ids)
        with clock_at(clock.tick(rng, 1, 6)):
            cast_vote(attendee.voter, round_id, value, f"demo-{round_id}-{attendee.voter.id}")
    with clock_at(clock.tick(rng, 20, 90)):
        close_round(round_, staff=facilitator)
    return round_


def _comments(rng, aside, session, clock, facilitator, attendees, item, texts, count) -> None:
    """Comments on an item; others up-vote some of them, and the facilitator pins a few.

    Who up-votes, and when, comes from `aside`, so those draws leave `rng`'s (the votes) alone."""
    authors = rng.sample(attendees, k=min(count, len(attendees)))
    for author in authors:
        at = clock.tick(rng, 10, 60)
        body, upvotes, pinned = rng.choice(texts), rng.choice([0, 0, 1, 2, 3, 5, 8, 12]), rng.random() < 0.05
        with clock_at(at):
            comment_id = add_comment(author.participant(), body, item_id=item.id).id
        others = [a for a in attendees if a is not author]
        for voter in aside.sample(others, k=min(upvotes, len(others))):
            with clock_at(clock.tick(aside, 2, 15)):
                upvote(voter.participant(), comment_id)
        if pinned:
            with clock_at(clock.tick(aside, 5, 20)):
                moderate(session.id, comment_id, hidden=None, pinned=True, staff=facilitator)


def _decide(rng, session, clock, facilitator, item, round_) -> None:
    """The table's decision on an item: the computed result, or deferred (with the reason why)."""
    computed = item_result(round_, item.id)
    outcome, reason = {"agreed": "agreed", "rejected": "rejected"}.get(computed, "deferred"), ""
    if computed == "no_quorum":
        reason = "Sin quórum: se vuelve a discutir en la siguiente sesión."
    elif rng.random() < 0.06:
        outcome = "deferred"
        reason = "La mesa pidió más información técnica antes de decidir; pasa a la siguiente fase."
    with clock_at(clock.tick(rng, 30, 120)):
        record_decision(session, item, outcome, reason, staff=facilitator, round_id=round_.id)


def _closed_session(rng, aside, session, start, facilitator, people, items, texts, phase: int) -> None:
    """Play a session of phase 1 or 2 from its start to its end."""
    clock = _Clock(start)
    with clock_at(clock.now):
        transition(session, "live", staff=facilitator)
    session_id, code = session.id, session.join_code
    attendees = []
    for person in rng.sample(people, k=ATTENDANCE[phase]):
        with clock_at(clock.tick(rng, 2, 20)):
            participant, token, _new = join(code, name=person.name, organisation=person.organisation,
                                            sector=person.sector, region=person.region, address=DEMO_ADDRESS)
        # The phone's vote carries its token, as a socket's does (voting.services.Voter).
        attendees.append(_Attendee(Voter(participant.id, session_id, person.sector, token_digest(token)), person))
    appeal = {item.id: rng.uniform(0.5, 0.95) for item in items}
    bias = {sector: rng.uniform(-0.08, 0.08) for sector in SECTOR_WEIGHTS}
    if phase == 1:
        # Diagnosis: prioritise the candidates (score), then map impact × feasibility for two.
        for item in items[:6]:
            _run_round(rng, session, clock, facilitator, attendees, "score", [item], appeal[item.id], bias,
                       quorum=10, threshold=0.5, cross_sector=False, anonymous=True, results="live")
            _comments(rng, aside, session, clock, facilitator, attendees, item, texts, rng.randint(1, 3))
        for item in items[6:8]:
            _run_round(rng, session, clock, facilitator, attendees, "impact_feasibility", [item], appeal[item.id],
                       bias, quorum=10, threshold=0.5, cross_sector=False, anonymous=True, results="hidden")
        _run_round(rng, session, clock, facilitator, attendees, "dots", items[:5], 0.6, bias,
                   quorum=10, threshold=0.4, cross_sector=False, anonymous=True, results="live")
    else:
        # Positioning: an approve round on every candidate, with cross-sector consensus, and a decision.
        for item in items:
            with clock_at(clock.tick(rng, 30, 90)):
                set_current_item(session, item.id, staff=facilitator)
            round_ = _run_round(rng, session, clock, facilitator, attendees, "approve", [item], appeal[item.id],
                                bias, quorum=15, threshold=0.6, cross_sector=rng.random() < 0.5,
                                anonymous=rng.random() < 0.7, results="live")
            _comments(rng, aside, session, clock, facilitator, attendees, item, texts, rng.randint(1, 4))
            _decide(rng, session, clock, facilitator, item, round_)
        _run_round(rng, session, clock, facilitator, attendees, "ranking", items[:4], 0.5, bias,
                   quorum=15, threshold=0.5, cross_sector=False, anonymous=True, results="hidden")
    with clock_at(clock.tick(rng, 120, 600)):  # the screens cleared, then the session ends
        set_current_item(session, None, staff=facilitator)
        transition(session, "closed", staff=facilitator)


def _play(seed: int) -> Programme:
    """Set the programme up in August 2021, then play each initiative's sessions in turn."""
    rng = random.Random(seed)
    aside = random.Random(f"{seed}-aside")  # draws beside the main ones (up-votes), see _comments
    facilitators = _staff()
    spec = content.PROGRAMME
    with clock_at(SET_UP + timedelta(minutes=30)):
        programme = create_programme({"name": spec["name"], "institution": spec["institution"],
                                      "description": spec["description_es"], "description_en": spec["description_en"],
                                      "start_year": START_YEAR})
    today = utcnow().astimezone(LIMA).replace(hour=9, minute=30, second=0, microsecond=0)
    for index, data in enumerate(content.INITIATIVES):
        initiative, items = _initiative(programme, index, data)
        phases = sorted(initiative.phases, key=lambda p: p.number)
        people = _people(rng, data)
        facilitator = facilitators[index % len(facilitators)]
        starts = [datetime(2021, 9, 6, 15, 0, tzinfo=LIMA) + timedelta(days=7 * index),
                  datetime(2022, 3, 7, 15, 0, tzinfo=LIMA) + timedelta(days=7 * index),
                  today + timedelta(days=2 + 3 * index)]
        for phase, start, venue in zip(phases, starts, data["venues"]):
            if phase.number < 3:  # phase 1 takes eight items at random, phase 2 all of them in order
                agenda = list(items)
                rng.shuffle(agenda)  # drawn for both phases: each seed keeps its demo
                agenda = agenda[:8] if phase.number == 1 else list(items)
                scheduled_on = start - timedelta(days=10)
            else:  # the roadmap sessions, scheduled last week with the items phase 2 agreed
                agenda = [i for i in items if i.status == "agreed"]
                scheduled_on = today - timedelta(days=7)
            with clock_at(scheduled_on):
                session: Session = create_session(
                    initiative, phase_number=phase.number, title=f"{initiative.name} — {phase.name}",
                    starts_at=start, place=venue, status="scheduled", facilitators=[facilitator],
                    item_ids=[i.id for i in agenda], staff=facilitator)
            if phase.number < 3:
                _closed_session(rng, aside, session, start, facilitator, people, agenda, data["comments_es"],
                                phase.number)
    return programme


def load_demo(seed: int = 2021) -> Programme:
    """Create the demo programme in an empty database, through the public services, and return it."""
    with _quiet(), _unlimited_joins():
        return _play(seed)
