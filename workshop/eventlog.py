"""The event log: every state change of a session, with time and actor.

A leaf of the package: it knows no slice (foreign keys are named by table), so every slice can
write to it and the minutes and audit can read it. An event is added to the transaction of the
change it records and committed with it.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import UTCDateTime, db
from .util import utcnow

ACTOR_KINDS = ("staff", "participant", "system")


class Event(db.Model):
    """One state change of a session, with time and actor. Minutes and audit read these."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("actor_kind IN ('staff', 'participant', 'system')", name="actor_kind"),
        Index("ix_events_session_id_id", "session_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: What happened, e.g. "joined", "round_opened", "vote_counted", "decision".
    kind: Mapped[str] = mapped_column(String(40))
    actor_kind: Mapped[str] = mapped_column(String(20), default="system")
    staff_user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    participant_id: Mapped[Optional[int]] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


def log_event(session_id: int, kind: str, *, staff: Any = None, participant: Any = None, **data: Any) -> Event:
    """Add an event to the session's log, committed with the change it records.

    `staff` and `participant` are anything with an `id` (a model, or the vote path's `Voter`).
    """
    event = Event(
        session_id=session_id, kind=kind, data=data,
        actor_kind="staff" if staff else "participant" if participant else "system",
        staff_user_id=staff.id if staff else None,
        participant_id=participant.id if participant else None,
    )
    db.session.add(event)
    return event
