"""Voting rounds and the votes cast in them."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import StaffUser
from ..extensions import UTCDateTime, db
from ..programmes.models import Item
from ..util import utcnow

METHODS = ("approve", "score", "impact_feasibility", "dots", "ranking")
ROUND_STATES = ("draft", "open", "closed")
RESULTS_VISIBILITY = ("live", "hidden")
ROUND_OUTCOMES = ("agreed", "rejected", "no_quorum")
DECISION_OUTCOMES = ("agreed", "rejected", "deferred", "merged")


class Round(db.Model):
    """One vote on one or more items in a session, with its method and decision rule."""

    __tablename__ = "rounds"
    __table_args__ = (
        CheckConstraint(f"method IN {METHODS!r}", name="method"),
        CheckConstraint(f"state IN {ROUND_STATES!r}", name="state"),
        CheckConstraint(f"results IN {RESULTS_VISIBILITY!r}", name="results"),
        CheckConstraint(f"outcome IS NULL OR outcome IN {ROUND_OUTCOMES!r}", name="outcome"),
        CheckConstraint("quorum >= 0", name="quorum_not_negative"),
        CheckConstraint("threshold >= 0 AND threshold <= 1", name="threshold_share"),
        CheckConstraint("dots_budget IS NULL OR dots_budget >= 1", name="dots_budget_positive"),
        CheckConstraint("(state = 'closed') = (outcome IS NOT NULL)", name="closed_has_outcome"),
        # At most one open round per session, whatever the number of processes.
        Index("uq_rounds_one_open_per_session", "session_id", unique=True,
              sqlite_where=text("state = 'open'"), postgresql_where=text("state = 'open'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(30))
    quorum: Mapped[int] = mapped_column(Integer, default=0)
    #: Share of support (0..1) an item needs to be agreed.
    threshold: Mapped[float] = mapped_column(Float, default=0.5)
    is_cross_sector: Mapped[bool] = mapped_column(Boolean, default=False)
    is_anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    #: "live": results shown as votes arrive; "hidden": only once revealed or closed.
    results: Mapped[str] = mapped_column(String(10), default="live")
    is_revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Dots each participant may spend (dot voting only).
    dots_budget: Mapped[Optional[int]] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(10), default="draft")
    opened_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    closed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    #: When the countdown ends, if one runs: the round closes by itself then (also after a restart).
    timer_ends_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime())
    #: Computed at close: the outcome, its reason code and the figures it rests on.
    outcome: Mapped[Optional[str]] = mapped_column(String(20))
    outcome_detail: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON)
    #: The final tally, frozen at close.
    final_tally: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON)
    #: The tally's version: grows with every commit that changes the round's votes (a group of
    #: votes, a participant removed, merged or re-sectored, the close). Every `tally` carries it,
    #: so a screen drops one older than the one it shows; it also tells a process whether its
    #: in-memory tally is still the database's (`voting.tallies`).
    tally_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    entries: Mapped[list[RoundItem]] = relationship(
        back_populates="round", order_by="RoundItem.position", cascade="all, delete-orphan"
    )

    @property
    def item_ids(self) -> list[int]:
        return [e.item_id for e in self.entries]

    @property
    def items(self) -> list[Item]:
        return [e.item for e in self.entries]

    @property
    def results_visible(self) -> bool:
        """Whether participants may see the results now."""
        return self.results == "live" or self.is_revealed or self.state == "closed"


class RoundItem(db.Model):
    """An item voted on in a round."""

    __tablename__ = "round_items"
    __table_args__ = (UniqueConstraint("round_id", "item_id", name="uq_round_items_round_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    round: Mapped[Round] = relationship(back_populates="entries")
    item: Mapped[Item] = relationship()


class Vote(db.Model):
    """A participant's vote in a round; the last one cast while the round is open counts."""

    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("round_id", "participant_id", name="uq_votes_round_participant"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    #: The normalised value (see voting.rules.normalise_value).
    value: Mapped[Any] = mapped_column(JSON)
    #: Sector of the voter when the vote was cast, for per-sector tallies.
    sector: Mapped[str] = mapped_column(String(20))
    client_vote_id: Mapped[str] = mapped_column(String(64))
    cast_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class VoteReceipt(db.Model):
    """Every client_vote_id a participant sent in a round, so a resent vote is acked but counted once."""

    __tablename__ = "vote_receipts"
    __table_args__ = (
        UniqueConstraint("participant_id", "round_id", "client_vote_id",
                         name="uq_vote_receipts_participant_round_client_vote"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    client_vote_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Decision(db.Model):
    """A decision of the table on an item in a session; an override carries its reason.

    Decisions are history: a later one never replaces an earlier one; the latest is the item's status."""

    __tablename__ = "decisions"
    __table_args__ = (
        CheckConstraint(f"outcome IN {DECISION_OUTCOMES!r}", name="outcome"),
        CheckConstraint("(outcome = 'merged') = (merged_into_id IS NOT NULL)", name="merge_has_target"),
        Index("ix_decisions_item_id_decided_at", "item_id", "decided_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    #: What the round it refers to computed for this item, if any ("agreed", "rejected", "no_quorum").
    computed_outcome: Mapped[Optional[str]] = mapped_column(String(20))
    round_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rounds.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: A merge: the item this one was merged into (the two said the same thing); its history and
    #: this one's are read together from then on.
    #: (No ON DELETE action: the item a merge names is never deleted while the merge is on record.)
    merged_into_id: Mapped[Optional[int]] = mapped_column(ForeignKey("items.id"))

    item: Mapped[Item] = relationship(foreign_keys=[item_id])
    merged_into: Mapped[Optional[Item]] = relationship(foreign_keys=[merged_into_id])
    decided_by: Mapped[Optional[StaffUser]] = relationship()

    @property
    def is_override(self) -> bool:
        return self.computed_outcome is not None and self.computed_outcome != self.outcome
