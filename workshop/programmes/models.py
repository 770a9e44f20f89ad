"""Programmes, their initiatives and phases, and the candidate items of each initiative."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import UTCDateTime, db
from ..util import utcnow

if TYPE_CHECKING:
    from ..sessions.models import Session

ITEM_KINDS = ("action_line", "policy_reform")
ITEM_STATUSES = ("candidate", "agreed", "rejected", "deferred", "merged")
HORIZONS = ("short", "medium", "long")
#: Who pays for an item: the budget's source, as funders' reports ask for it.
BUDGET_SOURCES = ("public", "private", "mixed")


class Programme(db.Model):
    """A programme such as "IVAI 2021–2022", run by one institution."""

    __tablename__ = "programmes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    institution: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    #: The year the programme's roadmaps count from: a short-horizon item is due by
    #: start_year + short_horizon_years, and so on (None: documents give horizons without years).
    start_year: Mapped[Optional[int]] = mapped_column(Integer)
    short_horizon_years: Mapped[int] = mapped_column(Integer, default=2, server_default="2")
    medium_horizon_years: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    long_horizon_years: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    #: The funders' acknowledgement printed on covers ("With the support of …").
    acknowledgement: Mapped[str] = mapped_column(Text, default="", server_default="")
    acknowledgement_en: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The programme's run-of-show defaults per phase number ({"3": {"method": "score", ...}}): only
    #: what differs from Mesa's built-in defaults (`workshop.voting.runshow.BUILT_IN_DEFAULTS`).
    round_defaults: Mapped[Optional[dict]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    logos: Mapped[list[ProgrammeLogo]] = relationship(
        order_by="ProgrammeLogo.position, ProgrammeLogo.id", cascade="all, delete-orphan", passive_deletes=True,
    )
    initiatives: Mapped[list[Initiative]] = relationship(
        back_populates="programme", order_by="Initiative.position, Initiative.id",
        cascade="all, delete-orphan",
    )


#: Whose logo: the programme's institution, or one of its funders.
LOGO_ROLES = ("institution", "funder")


class ProgrammeLogo(db.Model):
    """A logo printed on the programme's document covers and page headers (PNG or JPEG)."""

    __tablename__ = "programme_logos"
    __table_args__ = (CheckConstraint(f"role IN {LOGO_ROLES!r}", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(200), default="")
    content_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Initiative(db.Model):
    """One value chain in one or more regions, e.g. "Andean grains — Ayacucho"."""

    __tablename__ = "initiatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    value_chain: Mapped[str] = mapped_column(String(200), default="")
    value_chain_en: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    summary_en: Mapped[str] = mapped_column(Text, default="")
    #: Order of the initiative in its programme's listings.
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: The last number given to an item code of each kind (LA-n, RP-n); it only grows.
    last_action_line_number: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_policy_reform_number: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    programme: Mapped[Programme] = relationship(back_populates="initiatives")
    phases: Mapped[list[Phase]] = relationship(
        back_populates="initiative", order_by="Phase.number", cascade="all, delete-orphan"
    )
    items: Mapped[list[Item]] = relationship(
        back_populates="initiative", order_by="Item.id", cascade="all, delete-orphan",
        foreign_keys="Item.initiative_id",
    )
    sessions: Mapped[list[Session]] = relationship(
        back_populates="initiative", order_by="Session.starts_at, Session.id",
        cascade="all, delete-orphan",
    )


class Phase(db.Model):
    """A phase of an initiative: 1 current situation, 2 competitive positioning, 3 roadmap."""

    __tablename__ = "phases"
    __table_args__ = (
        UniqueConstraint("initiative_id", "number", name="uq_phases_initiative_number"),
        CheckConstraint("number >= 1", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")

    initiative: Mapped[Initiative] = relationship(back_populates="phases")


class Item(db.Model):
    """A candidate action line or public policy reform proposal of an initiative."""

    __tablename__ = "items"
    __table_args__ = (
        CheckConstraint(f"kind IN {ITEM_KINDS!r}", name="kind"),
        CheckConstraint(f"status IN {ITEM_STATUSES!r}", name="status"),
        CheckConstraint(f"horizon IS NULL OR horizon IN {HORIZONS!r}", name="horizon"),
        CheckConstraint("(status = 'merged') = (merged_into_id IS NOT NULL)", name="merged_has_target"),
        CheckConstraint("budget_pen IS NULL OR budget_pen >= 0", name="budget_not_negative"),
        CheckConstraint(f"budget_source IS NULL OR budget_source IN {BUDGET_SOURCES!r}", name="budget_source"),
        UniqueConstraint("initiative_id", "code", name="uq_items_initiative_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    #: Stable code in the initiative (LA-3, RP-2): given once at creation, never changed or reused.
    code: Mapped[Optional[str]] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    #: Strategic axis of the roadmap the item belongs to.
    axis: Mapped[str] = mapped_column(String(200), default="")
    axis_en: Mapped[str] = mapped_column(String(200), default="")
    horizon: Mapped[Optional[str]] = mapped_column(String(10))
    lead_institution: Mapped[str] = mapped_column(String(300), default="")
    partners: Mapped[str] = mapped_column(Text, default="")
    indicator: Mapped[str] = mapped_column(Text, default="")
    indicator_en: Mapped[str] = mapped_column(Text, default="")
    #: Estimated budget in Peruvian soles.
    budget_pen: Mapped[Optional[int]] = mapped_column(BigInteger)
    #: Where the budget comes from (public, private, mixed) and the year its prices are of.
    budget_source: Mapped[Optional[str]] = mapped_column(String(10))
    budget_price_year: Mapped[Optional[int]] = mapped_column(Integer)
    #: The indicator as a funder reads it: from the baseline to the target by the target year,
    #: verified by the means of verification (the `indicator` text names what is measured).
    baseline: Mapped[str] = mapped_column(Text, default="", server_default="")
    target: Mapped[str] = mapped_column(Text, default="", server_default="")
    target_year: Mapped[Optional[int]] = mapped_column(Integer)
    verification: Mapped[str] = mapped_column(Text, default="", server_default="")
    status: Mapped[str] = mapped_column(String(20), default="candidate")
    merged_into_id: Mapped[Optional[int]] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"))
    #: Archived items stay in the records but leave agendas and listings.
    is_archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    initiative: Mapped[Initiative] = relationship(back_populates="items", foreign_keys=[initiative_id])
    merged_into: Mapped[Optional[Item]] = relationship(remote_side=[id])

    def display_title(self, lang: str) -> str:
        """The title in `lang`, falling back to the Spanish one."""
        return (self.title_en if lang == "en" and self.title_en else self.title)


def visible_items(initiative_id: int):
    """Query for the non-archived items of an initiative, in a stable order."""
    return (
        select(Item)
        .where(Item.initiative_id == initiative_id, Item.is_archived.is_(False))
        .order_by(Item.kind, Item.id)
    )


#: Code prefixes per kind: "LA-3" is the third action line of an initiative, "RP-2" the second reform.
CODE_PREFIXES = {"action_line": "LA", "policy_reform": "RP"}


@event.listens_for(Item, "before_insert")
def _give_code(_mapper, connection, item: Item) -> None:
    """Give a new item the next code of its kind in its initiative. The counter lives on the
    initiative and only grows, so a code is never reused, even after an item is archived."""
    if item.code:
        return
    column = Initiative.__table__.c[f"last_{item.kind}_number"]
    connection.execute(update(Initiative.__table__).where(Initiative.__table__.c.id == item.initiative_id)
                       .values({column: column + 1}))
    number = connection.execute(select(column).where(Initiative.__table__.c.id == item.initiative_id)).scalar_one()
    item.code = f"{CODE_PREFIXES[item.kind]}-{number}"
