"""`flask rehearse <session> --phones 40`: simulated participants in a live session, so a
facilitator can try the console and the projector before the real room arrives.

Every simulated phone goes through the running server as a real one does: it joins with
`POST /api/v1/join` (the join service and its limits), connects to `/live` over Socket.IO and,
whenever a round opens, votes at a human pace (within `--pace` seconds), sometimes changes its
vote, and now and then writes a comment. It stops at Ctrl-C or after `--minutes`.

The record: rehearsal participants are named "Ensayo 1", "Ensayo 2"… with the organisation
REHEARSAL_ORGANISATION, so the participant list and the minutes show them for what they are.
The command refuses a session that already has real participants (unless `--yes`), and when it
stops it removes its participants through the facilitator's own action (`remove_participant`,
reason REHEARSAL_REASON: their votes stop counting everywhere, closed rounds are recounted) and
hides their comments (`moderate`), unless `--keep`; `--remove` alone does that for the
rehearsal participants still present (after a `--keep`). The command itself writes nothing to
the database: it reads the session and mints a staff token, and every change goes through the
server, so every screen sees it at once.
"""
from __future__ import annotations

import asyncio
import random
import signal
import time
from dataclasses import dataclass, field
from typing import Optional

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from ..accounts.auth import issue_staff_token
from ..accounts.models import StaffUser
from ..extensions import db
from ..sessions.models import SECTORS, Participant, Session, Stakeholder

#: The organisation of every simulated participant: how people and documents tell them apart.
REHEARSAL_ORGANISATION = "Ensayo (simulado)"
#: The name of simulated participant n is f"{REHEARSAL_NAME} {n}".
REHEARSAL_NAME = "Ensayo"
#: The reason recorded when the rehearsal's participants are removed at its end.
REHEARSAL_REASON = "Ensayo terminado: participante simulado (flask rehearse)"

COMMENTS = (
    "Habría que concretar quién lo financia.",
    "De acuerdo, pero con un calendario más realista.",
    "¿Cómo se mide el avance?",
    "Conviene implicar a las universidades desde el principio.",
    "Falta el punto de vista de las pymes.",
    "Me parece prioritario para la región.",
)


def _value(round_: dict):
    """A plausible vote for `round_` (the `round` of a `state`), by its method."""
    method, items = round_.get("method"), [i["id"] for i in round_.get("items") or []]
    if method == "approve":
        return random.choices(("approve", "neutral", "reject"), weights=(6, 3, 2))[0]
    if method == "score":
        return random.choices((1, 2, 3, 4, 5), weights=(1, 2, 4, 5, 3))[0]
    if method == "impact_feasibility":
        return {"impact": random.randint(2, 5), "feasibility": random.randint(1, 5)}
    if method == "dots":
        dots: dict[str, int] = {}
        for _ in range(max(1, int(round_.get("dots") or 3))):
            key = str(random.choice(items))
            dots[key] = dots.get(key, 0) + 1
        return dots
    if method == "ranking":
        return random.sample(items, len(items))
    return None


@dataclass
class Rehearsal:
    url: str
    session_id: int
    join_code: str
    phones: int
    pace: float
    staff_token: str
    first_number: int = 1
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    participant_ids: list[int] = field(default_factory=list)
    comment_ids: list[int] = field(default_factory=list)
    votes: int = 0
    clients: list = field(default_factory=list)

    async def join_all(self, http) -> list[tuple[str, int]]:
        """Join the phones one after another, as people arrive; the join limits hold (a 429 waits)."""
        joined = []
        number = self.first_number
        while len(joined) < self.phones and not self.stop.is_set():
            body = {"code": self.join_code, "name": f"{REHEARSAL_NAME} {number}",
                    "organisation": REHEARSAL_ORGANISATION, "sector": SECTORS[number % len(SECTORS)]}
            async with http.post(f"{self.url}/api/v1/join", json=body) as response:
                answer = await response.json(content_type=None)
                if response.status == 200:
                    joined.append((answer["participant_token"], answer["participant_id"]))
                    self.participant_ids.append(answer["participant_id"])
                    number += 1
                elif response.status == 429:
                    wait = float(response.headers.get("Retry-After") or 5)
                    click.echo(f"  the server's join limit: waiting {wait:.0f} s ({len(joined)} joined)")
                    await self._sleep(wait)
                elif (answer.get("error") or {}).get("code") == "identity_taken":
                    number += 1  # an earlier rehearsal's phone with that name is still here
                else:
                    raise click.ClickException(f"join refused: {response.status} {answer}")
        return joined

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self.stop.wait(), seconds)
        except asyncio.TimeoutError:
            pass

    async def phone(self, token: str, participant_id: int) -> None:
        import socketio

        client = socketio.AsyncClient(reconnection=True, reconnection_delay=1, reconnection_delay_max=5,
                                      handle_sigint=False)  # Ctrl-C is ours: it ends the rehearsal cleanly
        self.clients.append(client)
        seen: set[int] = set()

        async def behave(round_: dict) -> None:
            await self._sleep(random.uniform(0.5, self.pace))
            changes = 1 + (random.random() < 0.2)  # one phone in five changes its mind
            for n in range(changes):
                if self.stop.is_set():
                    return
                value = _value(round_)
                if value is None:
                    return
                ack = await client.call("vote", {"round_id": round_["id"], "value": value,
                                                 "client_vote_id": f"r{participant_id}-{round_['id']}-{n}"},
                                        namespace="/live", timeout=30)
                if ack.get("ok"):
                    self.votes += 1
                if n == 0 and random.random() < 1.5 / max(1, self.phones):  # a comment or two per round
                    answer = await client.call("comment", {"body": random.choice(COMMENTS)}, namespace="/live",
                                               timeout=30)
                    if answer.get("ok"):
                        self.comment_ids.append(answer["comment_id"])
                await self._sleep(random.uniform(2, 2 * self.pace))

        def on_state(data: dict) -> None:
            round_ = (data or {}).get("round")
            if round_ and round_.get("state") == "open" and round_["id"] not in seen:
                seen.add(round_["id"])
                asyncio.get_running_loop().create_task(behave(round_))

        client.on("state", on_state, namespace="/live")
        await client.connect(self.url, namespaces=["/live"], transports=["websocket"],
                             auth={"token": token, "session_id": self.session_id}, wait_timeout=30)

    async def clean_up(self, participant_ids: list[int], comment_ids: list[int]) -> tuple[int, int]:
        """Remove the participants and hide the comments, as the facilitator would, through one staff socket."""
        import socketio

        staff = socketio.AsyncClient(reconnection=False, handle_sigint=False)
        await staff.connect(self.url, namespaces=["/live"], transports=["websocket"],
                            auth={"token": self.staff_token, "session_id": self.session_id}, wait_timeout=30)
        hidden = removed = 0
        try:
            for comment_id in comment_ids:
                ack = await staff.call("moderate", {"comment_id": comment_id, "hidden": True}, namespace="/live",
                                       timeout=30)
                hidden += bool(ack.get("ok"))
            for participant_id in participant_ids:
                ack = await staff.call("remove_participant", {"participant_id": participant_id,
                                                              "reason": REHEARSAL_REASON}, namespace="/live",
                                       timeout=30)
                if ack.get("ok"):
                    removed += 1
                elif (ack.get("error") or {}).get("code") != "already_removed":
                    click.echo(f"  could not remove participant {participant_id}: {ack.get('error')}", err=True)
        finally:
            await staff.disconnect()
        return removed, hidden


def _present_rehearsal(session_id: int) -> tuple[list[int], list[int]]:
    """The session's present rehearsal participants and their visible comments."""
    from ..sessions.models import Comment

    ids = list(db.session.scalars(
        select(Participant.id).join(Stakeholder).where(
            Participant.session_id == session_id, Participant.removed_at.is_(None),
            Stakeholder.organisation == REHEARSAL_ORGANISATION)))
    comments = list(db.session.scalars(select(Comment.id).where(
        Comment.participant_id.in_(ids), Comment.is_hidden.is_(False)))) if ids else []
    return ids, comments


def _staff(session: Session, email: Optional[str]) -> StaffUser:
    """Who steers the clean-up: `email`, else one of the session's facilitators, else an admin."""
    if email:
        user = db.session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
        if user is None or not user.is_enabled:
            raise click.ClickException(f"no enabled staff account {email}")
        return user
    for user in session.facilitators:
        if user.is_enabled and user.role in ("admin", "facilitator"):
            return user
    user = db.session.scalar(select(StaffUser).where(StaffUser.role == "admin", StaffUser.is_enabled.is_(True))
                             .order_by(StaffUser.id))
    if user is None:
        raise click.ClickException("no enabled admin or facilitator to steer the rehearsal; pass --staff EMAIL")
    return user


@click.command("rehearse")
@click.argument("session_id", type=int)
@click.option("--phones", type=click.IntRange(1, 500), default=40, show_default=True,
              help="Simulated participants.")
@click.option("--url", default="http://127.0.0.1:5000", show_default=True, help="The running Mesa server.")
@click.option("--minutes", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Stop after this many minutes (default: at Ctrl-C).")
@click.option("--pace", type=click.FloatRange(1, 120), default=8, show_default=True,
              help="Seconds within which the phones vote after a round opens.")
@click.option("--yes", is_flag=True, help="Rehearse even though real participants are in the session.")
@click.option("--keep", is_flag=True, help="Leave the simulated participants in the session at the end.")
@click.option("--remove", "remove_only", is_flag=True,
              help="Only remove the rehearsal participants still in the session, and hide their comments.")
@click.option("--staff", "staff_email", default=None,
              help="The account that removes them at the end (default: a facilitator of the session, or an admin).")
@with_appcontext
def rehearse_command(session_id: int, phones: int, url: str, minutes: Optional[float], pace: float, yes: bool,
                     keep: bool, remove_only: bool, staff_email: Optional[str]) -> None:
    """Fill live session SESSION_ID with simulated phones that vote at a human pace."""
    session = db.session.get(Session, session_id)
    if session is None:
        raise click.ClickException(f"no session {session_id}")
    url = url.rstrip("/")
    token = issue_staff_token(_staff(session, staff_email))
    present, comments = _present_rehearsal(session.id)
    if remove_only:
        rehearsal = Rehearsal(url, session.id, session.join_code, 0, pace, token)
        removed, hidden = asyncio.run(rehearsal.clean_up(present, comments))
        click.echo(f"Removed {removed} rehearsal participants from session {session.id}, hid {hidden} comments.")
        return
    if session.status != "live":
        raise click.ClickException(f"session {session.id} is {session.status}: start it first (the console's "
                                   "Start, or POST /api/v1/sessions/{id}/start), then rehearse")
    real = db.session.scalar(
        select(db.func.count(Participant.id)).join(Stakeholder).where(
            Participant.session_id == session.id, Participant.removed_at.is_(None),
            Stakeholder.organisation != REHEARSAL_ORGANISATION))
    if real and not yes:
        raise click.ClickException(f"session {session.id} has {real} real participants: rehearse in a session "
                                   "nobody has joined yet, or pass --yes")
    db.session.rollback()  # the command holds no database transaction while it runs
    rehearsal = Rehearsal(url, session.id, session.join_code, phones, pace, token,
                          first_number=len(present) + 1)
    asyncio.run(_run(rehearsal, minutes, keep))


async def _run(rehearsal: Rehearsal, minutes: Optional[float], keep: bool) -> None:
    import aiohttp

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, rehearsal.stop.set)
    started = time.monotonic()
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as http:
            joined = await rehearsal.join_all(http)
        click.echo(f"Rehearsal: {len(joined)} simulated participants joined session {rehearsal.session_id} "
                   f"at {rehearsal.url}; they vote whenever a round opens. Ctrl-C to stop.")
        await asyncio.gather(*(rehearsal.phone(token, pid) for token, pid in joined))
        if minutes:
            await rehearsal._sleep(max(0.0, minutes * 60 - (time.monotonic() - started)))
        else:
            await rehearsal.stop.wait()
        rehearsal.stop.set()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        await asyncio.gather(*(c.disconnect() for c in rehearsal.clients), return_exceptions=True)
    click.echo(f"Rehearsal over: {rehearsal.votes} votes, {len(rehearsal.comment_ids)} comments.")
    if keep:
        click.echo(f"The simulated participants stay (--keep); `flask rehearse {rehearsal.session_id} --remove` "
                   "removes them.")
        return
    removed, hidden = await rehearsal.clean_up(rehearsal.participant_ids, rehearsal.comment_ids)
    click.echo(f"Removed {removed} simulated participants (their votes no longer count) and hid {hidden} comments.")
