"""The registry's log: what the secretariat did to the programme's list of people, and when."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import UTCDateTime, db
from ..util import utcnow


class RegistryEvent(db.Model):
    """One change to the programme's registry: a person added, edited, imported, merged, invited,
    their invitation withdrawn. Merges keep both people's records; this says who became whom."""

    __tablename__ = "registry_events"
    __table_args__ = (Index("ix_registry_events_programme_id_id", "programme_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    #: The person the change is about (the one kept, in a merge).
    stakeholder_id: Mapped[Optional[int]] = mapped_column(ForeignKey("stakeholders.id", ondelete="SET NULL"),
                                                          index=True)
    #: In a merge, the person merged into `stakeholder_id`.
    other_stakeholder_id: Mapped[Optional[int]] = mapped_column(ForeignKey("stakeholders.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    staff_user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
