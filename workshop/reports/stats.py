"""Programme figures: sessions run, stakeholders by sector, items by kind and status."""
from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select

from ..extensions import db
from ..programmes.models import ITEM_KINDS, ITEM_STATUSES, Initiative, Item, Programme
from ..sessions.models import SECTORS, Participant, Session, Stakeholder


def _session_counts(initiative_ids: list[int]) -> dict[str, int]:
    rows = db.session.execute(
        select(Session.status, func.count()).where(Session.initiative_id.in_(initiative_ids)).group_by(Session.status)
    ).all()
    counts = dict(rows)
    return {"total": sum(counts.values()), "closed": counts.get("closed", 0), "live": counts.get("live", 0),
            "scheduled": counts.get("scheduled", 0), "draft": counts.get("draft", 0)}


def _stakeholder_counts(initiative_ids: list[int]) -> dict[str, Any]:
    """Distinct people who took part in at least one session of these initiatives."""
    rows = db.session.execute(
        select(Stakeholder.id, Stakeholder.sector).distinct()
        .join(Participant, Participant.stakeholder_id == Stakeholder.id)
        .join(Session, Session.id == Participant.session_id)
        .where(Session.initiative_id.in_(initiative_ids), Participant.removed_at.is_(None))
    ).all()
    by_sector = Counter(sector for _, sector in rows)
    return {"total": len(rows), "by_sector": {s: by_sector.get(s, 0) for s in SECTORS}}


def _item_counts(initiative_ids: list[int]) -> dict[str, Any]:
    rows = db.session.execute(
        select(Item.kind, Item.status, func.count())
        .where(Item.initiative_id.in_(initiative_ids), Item.is_archived.is_(False))
        .group_by(Item.kind, Item.status)
    ).all()
    out = {kind: {status: 0 for status in ITEM_STATUSES} for kind in ITEM_KINDS}
    for kind, status, count in rows:
        out[kind][status] = count
    for kind in ITEM_KINDS:
        out[kind]["total"] = sum(out[kind][s] for s in ITEM_STATUSES)
    return out


def _figures(initiative_ids: list[int]) -> dict[str, Any]:
    return {
        "sessions": _session_counts(initiative_ids),
        "stakeholders": _stakeholder_counts(initiative_ids),
        "items": _item_counts(initiative_ids),
    }


def programme_stats(programme: Programme) -> dict[str, Any]:
    """The programme's totals and the same figures per initiative."""
    initiatives: list[Initiative] = programme.initiatives
    out = {"programme_id": programme.id, "name": programme.name, **_figures([i.id for i in initiatives])}
    out["initiatives"] = [{"id": i.id, "name": i.name, **_figures([i.id])} for i in initiatives]
    return out
