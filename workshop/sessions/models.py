"""Strategy sessions: agenda, stakeholders present, comments and proposals."""
from __future__ import annotations

import enum
from datetime import datetime
from typing import Optional

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import StaffUser
from ..extensions import UTCDateTime, db
from ..programmes.models import ITEM_KINDS, Initiative, Item, Phase
from ..refusals import TransitionError
from ..util import utcnow

SECTORS = ("public", "private", "academic", "civil_society")
#: Sex as a person may give it on joining (optional; reported only in aggregate, with suppression).
SEXES = ("female", "male", "other", "undisclosed")
PROPOSAL_STATES = ("pending", "accepted", "rejected")


class SessionStatus(str, enum.Enum):
    """The lifecycle of a session: draft → scheduled → live → closed."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    LIVE = "live"
    CLOSED = "closed"


SESSION_STATUSES = tuple(s.value for s in SessionStatus)

#: Allowed lifecycle moves. A live session can only end; a closed one is final.
SESSION_TRANSITIONS = {
    "draft": ("scheduled", "live"),
    "scheduled": ("draft", "live"),
    "live": ("closed",),
    "closed": (),
}


session_facilitators = Table(
    "session_facilitators",
    db.metadata,
    Column("session_id", ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("staff_user_id", ForeignKey("staff_users.id", ondelete="CASCADE"), primary_key=True),
)


class Session(db.Model):
    """One strategy session of an initiative in a phase."""

    __tablename__ = "sessions"
    __table_args__ = (CheckConstraint(f"status IN {SESSION_STATUSES!r}", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phases.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    starts_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    place: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    #: Short code typed on phones; letters and digits that cannot be confused.
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    #: Secret in the projector link, so a venue screen needs no staff login.
    projector_key: Mapped[str] = mapped_column(String(64), unique=True)
    #: The item under discussion, shown on phones and the projector.
    current_item_id: Mapped[Optional[int]] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    #: Since when the current item is under discussion (its time budget runs from here).
    current_item_since: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    #: What the projector shows: "auto" (follows the session) or "join" (the join screen, full size).
    projector_mode: Mapped[str] = mapped_column(String(10), default="auto", server_default="auto")
    #: Whether the facilitator admits each new participant before they may vote.
    requires_admission: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: Only people of the programme's registry (invited) vote; others may join to follow and comment.
    invited_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: Whether phones may comment anonymously (their comments then show "Anónimo" to everyone).
    allow_anonymous_comments: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    started_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    ended_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    initiative: Mapped[Initiative] = relationship(back_populates="sessions")
    phase: Mapped[Phase] = relationship()
    current_item: Mapped[Optional[Item]] = relationship()
    facilitators: Mapped[list[StaffUser]] = relationship(secondary=session_facilitators)
    agenda: Mapped[list[AgendaEntry]] = relationship(
        back_populates="session", order_by="AgendaEntry.position", cascade="all, delete-orphan"
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="session", cascade="all, delete-orphan"
    )

    def move_to(self, status: str) -> None:
        """Change the lifecycle state, refusing moves the lifecycle does not allow."""
        if status not in SESSION_TRANSITIONS.get(self.status, ()):
            raise TransitionError(
                "invalid_transition", "A %(current)s session cannot become %(wanted)s.", current=self.status,
                wanted=status)
        self.status = status
        if status == "live" and self.started_at is None:
            self.started_at = utcnow()
        if status == "closed":
            self.ended_at = utcnow()

    @property
    def is_live(self) -> bool:
        return self.status == SessionStatus.LIVE.value

    @property
    def facilitator_names(self) -> list[str]:
        return [f.name for f in self.facilitators]


#: The run-of-show's plan columns of an agenda entry (None: the programme's default for the phase).
PLAN_FIELDS = ("method", "quorum", "threshold", "cross_sector", "anonymous", "results", "dots", "seconds",
               "minutes", "vote_group")


class AgendaEntry(db.Model):
    """An item on a session's agenda, in order, with its planned round and time budget.

    Every plan column left empty takes the programme's default for the session's phase
    (`workshop.voting.runshow`). Entries sharing a `vote_group` are voted together in one
    multi-item round (dots, ranking) planned on the group's first entry."""

    __tablename__ = "agenda_entries"
    __table_args__ = (
        UniqueConstraint("session_id", "item_id", name="uq_agenda_entries_session_item"),
        CheckConstraint("plan_quorum IS NULL OR plan_quorum >= 0", name="plan_quorum_not_negative"),
        CheckConstraint("plan_threshold IS NULL OR (plan_threshold >= 0 AND plan_threshold <= 1)",
                        name="plan_threshold_share"),
        CheckConstraint("plan_dots IS NULL OR plan_dots >= 1", name="plan_dots_positive"),
        CheckConstraint("plan_seconds IS NULL OR (plan_seconds >= 0 AND plan_seconds <= 3600)",
                        name="plan_seconds_range"),
        CheckConstraint("plan_minutes IS NULL OR (plan_minutes >= 0 AND plan_minutes <= 600)",
                        name="plan_minutes_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: The planned round: method, quorum (votes), threshold (share), cross-sector rule, anonymity,
    #: results live or hidden, dots per person and countdown seconds (0: no countdown).
    plan_method: Mapped[Optional[str]] = mapped_column(String(30))
    plan_quorum: Mapped[Optional[int]] = mapped_column(Integer)
    plan_threshold: Mapped[Optional[float]] = mapped_column(Float)
    plan_cross_sector: Mapped[Optional[bool]] = mapped_column(Boolean)
    plan_anonymous: Mapped[Optional[bool]] = mapped_column(Boolean)
    plan_results: Mapped[Optional[str]] = mapped_column(String(10))
    plan_dots: Mapped[Optional[int]] = mapped_column(Integer)
    plan_seconds: Mapped[Optional[int]] = mapped_column(Integer)
    #: The item's time budget in minutes (discussion and vote).
    plan_minutes: Mapped[Optional[int]] = mapped_column(Integer)
    #: Entries of a session with the same group number are voted together in one multi-item round.
    plan_vote_group: Mapped[Optional[int]] = mapped_column(Integer)

    session: Mapped[Session] = relationship(back_populates="agenda")
    item: Mapped[Item] = relationship()


class Stakeholder(db.Model):
    """A person of the quadruple helix, known across the sessions of a programme."""

    __tablename__ = "stakeholders"
    __table_args__ = (
        CheckConstraint(f"sector IN {SECTORS!r}", name="sector"),
        CheckConstraint(f"sex IS NULL OR sex IN {SEXES!r}", name="sex"),
        UniqueConstraint("programme_id", "name_key", "organisation_key", name="uq_stakeholders_identity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    organisation: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(20))
    region: Mapped[str] = mapped_column(String(120), default="")
    #: Optional, given by the person on joining (None: not asked or not answered).
    sex: Mapped[Optional[str]] = mapped_column(String(12))
    #: Name and organisation folded for matching (case, accents, spaces ignored).
    name_key: Mapped[str] = mapped_column(String(120))
    organisation_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: Set when the secretariat put the person on the programme's registry (imported, added, or
    #: invited): from then on only a personal invitation or a phone that proved it joins as them, and
    #: they vote in invited-only sessions. None: known only from what they typed on a phone.
    registered_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    #: The personal invitation: the SHA-256 of its token (the link's secret) and the random nonce the
    #: token is derived from with the app's secret key (so the link can be printed again). None: no
    #: invitation, or revoked.
    invitation_hash: Mapped[Optional[str]] = mapped_column(String(64), unique=True)
    invitation_nonce: Mapped[Optional[str]] = mapped_column(String(32))
    invited_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    #: The stakeholder this one was merged into (the same person registered twice); kept on record.
    merged_into_id: Mapped[Optional[int]] = mapped_column(ForeignKey("stakeholders.id", ondelete="SET NULL"))

    @property
    def is_registered(self) -> bool:
        return self.registered_at is not None


class StakeholderPass(db.Model):
    """A phone's proof that it is this stakeholder, across the sessions of the programme: given on a
    join (typed, by invitation or by another pass), kept on the phone beside its participant token,
    sent on the next join so the person is not asked again. Only its SHA-256 is stored."""

    __tablename__ = "stakeholder_passes"

    id: Mapped[int] = mapped_column(primary_key=True)
    stakeholder_id: Mapped[int] = mapped_column(ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())


class Participant(db.Model):
    """A stakeholder present in one session: the voter. One present (not removed) per person per
    session; a removed participant stays on record, and the person may join again as a new one."""

    __tablename__ = "participants"
    __table_args__ = (
        Index("uq_participants_one_present_per_stakeholder", "session_id", "stakeholder_id", unique=True,
              sqlite_where=text("removed_at IS NULL"), postgresql_where=text("removed_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    stakeholder_id: Mapped[int] = mapped_column(ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the participant's bearer token; the token itself lives only on the phone.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Short code shown on the person's phone: typed on a new phone, it proves who they are.
    personal_code: Mapped[str] = mapped_column(String(12), default="", server_default="")
    #: False while a session that requires admission waits for the facilitator to admit them.
    is_admitted: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    #: Set when the facilitator removes the participant (a test join, a mistake, a duplicate):
    #: their votes no longer count anywhere. The reason is in the event log.
    removed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    #: The participant this one was merged into (a duplicate of the same person).
    merged_into_id: Mapped[Optional[int]] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"))
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    session: Mapped[Session] = relationship(back_populates="participants")
    stakeholder: Mapped[Stakeholder] = relationship()

    @property
    def sector(self) -> str:
        return self.stakeholder.sector

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Comment(db.Model):
    """A comment on an item in a session, up-voted by participants, moderated by staff."""

    __tablename__ = "comments"
    __table_args__ = (CheckConstraint("upvotes >= 0", name="upvotes_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[Optional[int]] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"), index=True)
    participant_id: Mapped[Optional[int]] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    #: Number of up-votes, kept in step with comment_upvotes.
    upvotes: Mapped[int] = mapped_column(Integer, default=0)
    is_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    is_pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Sent anonymously: no audience and no document names its author (the row keeps participant_id
    #: for moderation, rate limits and the author's own notices). Stays so if the setting is turned off.
    is_anonymous: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    participant: Mapped[Optional[Participant]] = relationship()
    item: Mapped[Optional[Item]] = relationship()


class CommentUpvote(db.Model):
    """One participant's up-vote of a comment (at most one each)."""

    __tablename__ = "comment_upvotes"
    __table_args__ = (
        UniqueConstraint("comment_id", "participant_id", name="uq_comment_upvotes_comment_participant"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Proposal(db.Model):
    """A new item proposed by a participant during a session, waiting for a facilitator."""

    __tablename__ = "proposals"
    __table_args__ = (
        CheckConstraint(f"kind IN {ITEM_KINDS!r}", name="kind"),
        CheckConstraint(f"state IN {PROPOSAL_STATES!r}", name="state"),
        CheckConstraint("(state = 'accepted') = (item_id IS NOT NULL)", name="accepted_has_item"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[Optional[int]] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default="pending")
    #: The item created when a facilitator accepted the proposal.
    item_id: Mapped[Optional[int]] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    participant: Mapped[Optional[Participant]] = relationship()
