"""Load the demo: IVAI 2021–2022 as the case study tells it, and a rehearsal ready to run live.

The content is in data files (workshop/demo/data/, read and validated by `demo.data`); this module
plays them through the slices' public services, as the staff and the phones of a real programme
would have: staff accounts, the programme and its items, sessions scheduled, started and ended,
stakeholders joining, rounds opened, voted and closed, comments, up-votes, pins and decisions. Each
step runs at its historical time (`util.clock_at`), so the rows and the event log are what Mesa would
have kept of 2021–2022. Every figure of the programme (sessions held, people by sector, items agreed)
comes out of that play: the data says how each sector of the room voted and what the table decided;
the voting rules compute the result, and a decision that differs from it must carry the table's
reason (`record_decision` refuses it otherwise), so data whose votes contradict its decisions fails
to load, naming the file and the item.

Deterministic: the same files, the same demo, event log included (secrets aside: tokens, join and
personal codes, projector keys and passwords are random, as they must be; and the rehearsal's
session is dated from the day of the load).
"""
from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import NamedTuple, Optional

from flask import current_app

from .. import signals
from ..accounts.models import StaffUser
from ..accounts.services import create_staff
from ..extensions import db
from ..programmes.models import Initiative, Item, Programme
from ..programmes.services import create_initiative, create_item, create_programme
from ..sessions.discussion import add_comment, moderate, set_current_item, upvote
from ..sessions.models import SECTORS, Participant, Session
from ..sessions.services import create_session, join, transition
from ..util import clock_at, name_key, token_digest, utcnow
from ..voting.services import Voter, VoteRequest, cast_votes, close_round, create_round, item_result, record_decision
from .data import DataError, programme_folders, read_programme

LIMA = timezone(timedelta(hours=-5))
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
#: Round settings when neither the session's rule nor the agenda entry says otherwise.
DEFAULT_RULE = {"quorum": 10, "threshold": 0.6, "cross_sector": False, "anonymous": True, "results": "live"}
#: Who in a room does not vote on an item: one in this many, in turn (people step out, talk, hesitate).
ABSTAIN_EVERY = 13


class Person(NamedTuple):
    """A stakeholder, as they type themselves in when they join."""

    name: str
    organisation: str
    sector: str
    region: str


class _Attendee(NamedTuple):
    """A person present in a session: their participant as a voter (ids, not loaded rows: every
    commit of a service expires what the database session holds) and who they are."""

    voter: Voter
    person: Person

    def participant(self) -> Participant:
        return db.session.get(Participant, self.voter.id)


#: Votes of a demo round stored per commit.
VOTE_GROUP = 10


class _Clock:
    """Times within a session, moving forward by steps drawn from the session's own generator."""

    def __init__(self, start: datetime, rng: random.Random):
        self.now, self.rng = start, rng

    def tick(self, low: int, high: int) -> datetime:
        self.now += timedelta(seconds=self.rng.randint(low, high))
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
    a live room; the demo's eight hundred joins come from one process within seconds and would be
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


class _Cast:
    """The people of a programme, made once from its name lists: no two alike across the programme
    (a person who comes to several sessions of an initiative is the same stakeholder each time)."""

    def __init__(self, names: dict, seed: str):
        self.names, self.rng, self.seen = names, random.Random(seed), set()

    def person(self, sector: str, organisation: str, region: str) -> Person:
        while True:
            name = " ".join((self.rng.choice(self.names["given"]), self.rng.choice(self.names["surnames"]),
                             self.rng.choice(self.names["surnames"])))
            if name_key(name) not in self.seen:
                self.seen.add(name_key(name))
                return Person(name, organisation, sector, region)


def _rooms(cast: _Cast, data: dict) -> list[list[Person]]:
    """Who came to each held session: the core group every time, the others once, by sector."""
    core = data["people"]["core"]
    organisations = data["organisations"]
    counter = {sector: 0 for sector in SECTORS}

    def new(sector: str) -> Person:
        options = organisations[sector]
        counter[sector] += 1
        return cast.person(sector, options[(counter[sector] * 7) % len(options)], data["region"])

    regulars = {sector: [new(sector) for _ in range(core.get(sector, 0))] for sector in SECTORS}
    rooms = []
    for session in data["sessions"]:
        if session["starts_at"] is None:
            continue
        room = []
        for sector in SECTORS:
            present = session["attendance"].get(sector, 0)
            room += regulars[sector] + [new(sector) for _ in range(present - len(regulars[sector]))]
        cast.rng.shuffle(room)  # the order they come through the door
        rooms.append(room)
    return rooms


def _approve_ballots(attendees: list[_Attendee], shares: dict[str, float], turn: int) -> dict[int, str]:
    """How each voter of the room votes on an item: in each sector, the share of its voters given
    by the data approves, half the rest abstain (neutral), the others reject; who is who rotates
    from item to item. One in ABSTAIN_EVERY does not vote."""
    ballots = {}
    for sector in SECTORS:
        voters = [a for k, a in enumerate(attendees) if a.person.sector == sector
                  and (k + turn) % ABSTAIN_EVERY != 0]
        if not voters:
            continue
        approve = round(shares[sector] * len(voters))
        neutral = (len(voters) - approve) // 2
        for k in range(len(voters)):
            voter = voters[(k + turn) % len(voters)]
            ballots[voter.voter.id] = "approve" if k < approve else "neutral" if k < approve + neutral else "reject"
    return ballots


def _score_ballots(attendees: list[_Attendee], scores: dict[str, float], turn: int) -> dict[int, dict]:
    """Impact × feasibility: scores spread around the data's means (the spread adds to zero)."""
    spread = (0, -1, 1, 0, 1, -1, 0, 0, -1, 1)
    return {a.voter.id: {key: max(1, min(5, round(mean + spread[(k + turn + i) % len(spread)])))
                         for i, (key, mean) in enumerate(sorted(scores.items()))}
            for k, a in enumerate(attendees) if (k + turn) % ABSTAIN_EVERY != 0}


def _priority_ballots(attendees: list[_Attendee], mean: float, turn: int) -> dict[int, int]:
    """Priority 1–5: scores spread around the data's mean."""
    spread = (0, 1, -1, 0, -1, 1, 0, 2, -2, 0)
    return {a.voter.id: max(1, min(5, round(mean + spread[(k + turn) % len(spread)])))
            for k, a in enumerate(attendees) if (k + turn) % ABSTAIN_EVERY != 0}


class _Player:
    """Plays one initiative's held sessions from its data."""

    def __init__(self, data: dict, initiative_id: int, items: dict[str, int], staff: dict[str, int]):
        self.data, self.initiative_id, self.items, self.staff_ids = data, initiative_id, items, staff

    def facilitator(self, email: str) -> StaffUser:
        return db.session.get(StaffUser, self.staff_ids[email])

    def fail(self, where: str, message: str) -> DataError:
        return DataError(self.data["path"], where, message)

    def round(self, session: Session, clock: _Clock, facilitator, ballots: dict[int, object], item_ids: list[int],
              method: str, rule: dict, attendees: dict[int, _Attendee], dots: Optional[int] = None):
        with clock_at(clock.tick(60, 180)):
            round_ = create_round(session, item_ids=item_ids, method=method, staff=facilitator, open_now=True,
                                  dots=dots, **rule)
        round_id = round_.id
        # The room's phones vote a few seconds apart; as on the live path, the votes that arrive
        # together share one commit (groups of VOTE_GROUP, stored at the time of the group's last).
        pending: list[VoteRequest] = []
        for n, (voter_id, value) in enumerate(ballots.items(), start=1):
            at = clock.tick(1, 5)
            pending.append(VoteRequest(attendees[voter_id].voter, round_id, value, f"demo-{round_id}-{voter_id}"))
            if len(pending) == VOTE_GROUP or n == len(ballots):
                with clock_at(at):
                    refused = [r for r in cast_votes(pending) if isinstance(r, Exception)]
                if refused:
                    raise refused[0]
                pending = []
        with clock_at(clock.tick(20, 90)):
            close_round(round_, staff=facilitator)
        return round_

    def comments(self, session: Session, clock: _Clock, facilitator, room: list[_Attendee], item_id: int,
                 comments: list[dict], turn: int) -> None:
        """Each comment from someone of the sector the data names (or anyone), up-voted by the next
        people along the room, pinned when the data says so."""
        for number, comment in enumerate(comments):
            pool = [a for a in room if comment["sector"] in (None, a.person.sector)] or room
            author = pool[(turn * 3 + number) % len(pool)]
            with clock_at(clock.tick(15, 70)):
                comment_id = add_comment(author.participant(), comment["text"], item_id=item_id).id
            others = [a for a in room if a is not author]
            start = (turn + number) % len(others)
            for voter in (others[start:] + others[:start])[:comment["upvotes"]]:
                with clock_at(clock.tick(2, 12)):
                    upvote(voter.participant(), comment_id)
            if comment["pinned"]:
                with clock_at(clock.tick(5, 20)):
                    moderate(session.id, comment_id, hidden=None, pinned=True, staff=facilitator)

    def held(self, index: int, spec: dict, room: list[Person]) -> None:
        """Schedule a session ten days ahead, then hold it at its time, from the door to the end."""
        data, facilitator = self.data, self.facilitator(spec["facilitator"])
        where = f"sessions[{index}] (phase {spec['phase']})"
        start = spec["starts_at"]
        session = self.schedule(spec, start, start - timedelta(days=10))
        clock = _Clock(start, random.Random(f"{data['path'].name}-{index}"))
        with clock_at(clock.now):
            transition(session, "live", staff=facilitator)
        attendees, code, session_id = [], session.join_code, session.id
        for person in room:
            with clock_at(clock.tick(2, 15)):
                participant, token, _new = join(code, name=person.name, organisation=person.organisation,
                                                sector=person.sector, region=person.region, address=DEMO_ADDRESS)
            # The phone's vote carries its token, as a socket's does (voting.services.Voter).
            attendees.append(_Attendee(Voter(participant.id, session_id, person.sector, token_digest(token)), person))
        by_id = {a.voter.id: a for a in attendees}
        rule = {**DEFAULT_RULE, **spec["rule"]}
        for turn, entry in enumerate(spec["agenda"]):
            item_id = self.items[entry["item"]]
            with clock_at(clock.tick(30, 90)):
                set_current_item(session, item_id, staff=facilitator)
            round_ = None
            if entry["vote"] is not None:
                round_ = self.round(session, clock, facilitator, _approve_ballots(attendees, entry["vote"], turn),
                                    [item_id], "approve", {**rule, **entry["round"]}, by_id)
            elif entry["scores"] is not None:
                round_ = self.round(session, clock, facilitator, _score_ballots(attendees, entry["scores"], turn),
                                    [item_id], "impact_feasibility", {**rule, **entry["round"]}, by_id)
            elif entry["priority"] is not None:
                round_ = self.round(session, clock, facilitator, _priority_ballots(attendees, entry["priority"], turn),
                                    [item_id], "score", {**rule, **entry["round"]}, by_id)
            self.comments(session, clock, facilitator, attendees, item_id, entry["comments"], turn)
            if entry["decision"]:
                computed = item_result(round_, item_id)
                if computed != entry["decision"] and not entry["reason"]:
                    raise self.fail(f"{where} agenda[{turn}] ({entry['item']})",
                                    f"the votes give {computed!r} under the round's rule, the data decides "
                                    f"{entry['decision']!r} without a reason: change the vote or give the reason.")
                with clock_at(clock.tick(30, 120)):
                    record_decision(session, db.session.get(Item, item_id), entry["decision"], entry["reason"],
                                    staff=facilitator, round_id=round_.id)
        for number, multi in enumerate(spec["rounds"]):
            codes = list(multi["weights"])
            ids = [self.items[c] for c in codes]
            rng = random.Random(f"{data['path'].name}-{index}-dots-{number}")
            ballots = {}
            for k, attendee in enumerate(attendees):
                if (k + number) % ABSTAIN_EVERY == 0:
                    continue
                weights = [multi["weights"][c] for c in codes]
                if multi["method"] == "ranking":  # the weights are how often an item comes first
                    keys = {item_id: rng.random() ** (1 / weight) for item_id, weight in zip(ids, weights)}
                    ballots[attendee.voter.id] = sorted(ids, key=lambda item_id: -keys[item_id])
                    continue
                spread: dict[str, int] = {}
                for chosen in rng.choices(ids, weights=weights, k=multi["dots"]):
                    spread[str(chosen)] = spread.get(str(chosen), 0) + 1
                ballots[attendee.voter.id] = spread
            self.round(session, clock, facilitator, ballots, ids, multi["method"], {**rule, "results": "live"},
                       by_id, dots=multi["dots"])
        with clock_at(clock.tick(120, 600)):  # the screens cleared, then the session ends
            set_current_item(session, None, staff=facilitator)
            transition(session, "closed", staff=facilitator)
        db.session.expunge_all()  # what the next session loads is its own: commits stay cheap

    def schedule(self, spec: dict, starts: datetime, on: datetime) -> Session:
        """Create the session, scheduled on `on` for `starts`, with its agenda."""
        facilitator = self.facilitator(spec["facilitator"])
        initiative = db.session.get(Initiative, self.initiative_id)
        phase = next(p for p in initiative.phases if p.number == spec["phase"])
        with clock_at(on):
            return create_session(initiative, phase_number=spec["phase"], title=f"{initiative.name} — {phase.name}",
                                  starts_at=starts, place=spec["place"], status="scheduled",
                                  facilitators=[facilitator], item_ids=[self.items[e["item"]] for e in spec["agenda"]],
                                  staff=facilitator)

    def prepared(self, spec: dict, today: date) -> Session:
        """A session scheduled for the day of the load, its agenda ready: for staff to start live."""
        starts = datetime.combine(today, spec["scheduled_time"], tzinfo=LIMA)
        return self.schedule(spec, starts, starts - timedelta(days=3))


def _staff(spec: dict, at: datetime, known: dict[str, int]) -> None:
    """The programme's facilitators and secretariat (an admin sets their real passwords)."""
    with clock_at(at):
        for person in spec["staff"]:
            if person["email"] not in known:
                known[person["email"]] = create_staff(person["email"], person["name"], person["role"],
                                                      secrets.token_urlsafe(16)).id


def play(folder: Path, staff: dict[str, int], today: date) -> Programme:
    """Set a programme up as its data says, then play each initiative's sessions in turn."""
    spec = read_programme(folder)
    # Without a date in the data (the rehearsal), the programme was set up two weeks before the load.
    set_up = spec["set_up"] or datetime.combine(today - timedelta(days=14), time(9, 0), tzinfo=LIMA)
    _staff(spec, set_up, staff)
    with clock_at(set_up + timedelta(minutes=30)):
        programme = create_programme(dict(spec["programme"]))
    programme_id = programme.id
    cast = _Cast(spec["names"], seed=folder.name)
    for index, data in enumerate(spec["initiatives"]):
        at = set_up + timedelta(hours=1, minutes=30 * index)
        fields = {k: data[k] for k in ("name", "name_en", "value_chain", "value_chain_en", "region", "summary",
                                       "summary_en")}
        with clock_at(at):
            initiative = create_initiative(db.session.get(Programme, programme_id), fields)
        items = {}
        for number, item in enumerate(data["items"], start=1):
            with clock_at(at + timedelta(minutes=number)):
                created = create_item(initiative, {k: v for k, v in item.items() if k != "code"})
            if created.code != item["code"]:  # the data's codes are Mesa's, as the roadmaps print them
                raise DataError(data["path"], f"items[{number - 1}]", f"Mesa gave code {created.code}, the data "
                                f"says {item['code']}.")
            items[item["code"]] = created.id
        player = _Player(data, initiative.id, items, staff)
        rooms = iter(_rooms(cast, data))
        for number, session in enumerate(data["sessions"]):
            if session["starts_at"] is not None:
                player.held(number, session, next(rooms))
            else:
                player.prepared(session, today)
    return db.session.get(Programme, programme_id)


def load_demo() -> list[Programme]:
    """Create the demo programmes in an empty database, through the public services; return them."""
    today = utcnow().astimezone(LIMA).date()
    staff: dict[str, int] = {}
    with _quiet(), _unlimited_joins():
        return [play(folder, staff, today) for folder in programme_folders()]
