"""Validated roadmaps: each validation of an initiative's roadmap is an immutable version.

A version keeps what the secretariat validated — its number in the initiative, when and by whom,
the exact facts the roadmap was built from (JSON, both languages) and the files built from them
(PDF and DOCX, Spanish and English) — so that it downloads byte for byte later, whatever data
arrives after. `fingerprint` is a digest of the facts without their print date: the current
roadmap is a draft again when its fingerprint differs from the last version's.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from ..accounts.models import StaffUser
from ..extensions import UTCDateTime, db
from ..programmes.models import Initiative
from ..util import utcnow


class RoadmapVersion(db.Model):
    """Version `number` of an initiative's roadmap, as validated by the secretariat."""

    __tablename__ = "roadmap_versions"
    __table_args__ = (UniqueConstraint("initiative_id", "number", name="uq_roadmap_versions_initiative_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    #: 1, 2, 3… in the initiative.
    number: Mapped[int] = mapped_column(Integer)
    validated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    validated_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
    #: The facts the files were built from, per language: {"es": {...}, "en": {...}}.
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, deferred=True)
    #: sha256 of the facts without their print date and version mark (see documents.roadmap_facts).
    fingerprint: Mapped[str] = mapped_column(String(64))
    pdf_es: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    pdf_en: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    docx_es: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    docx_en: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    validated_by: Mapped[Optional[StaffUser]] = relationship()
    #: `initiative.roadmap_versions`, oldest first (the files and facts load only when read).
    initiative: Mapped[Initiative] = relationship(backref=backref(
        "roadmap_versions", order_by="RoadmapVersion.number", cascade="all, delete-orphan", passive_deletes=True))

    def file(self, kind: str, lang: str) -> bytes:
        """The stored file: `kind` "pdf" or "docx", `lang` "es" or "en"."""
        return getattr(self, f"{kind}_{lang}")
