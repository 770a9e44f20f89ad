"""Programme figures: sessions run, people and organisations by sector, items by kind and status,
the agreed items' budget, and the initiatives × phases matrix the dashboard draws.

Every figure is counted here once; the stats endpoint, the dashboard and the programme report
(`documents.data.programme_facts`) read the same dictionary."""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from ..extensions import db
from ..programmes.models import ITEM_KINDS, ITEM_STATUSES, Initiative, Item, Phase, Programme
from ..sessions.models import SECTORS, Participant, Session, Stakeholder
from ..voting.models import Decision, Round, Vote


def _session_counts(sessions: list[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(s["status"] for s in sessions)
    return {"total": sum(counts.values()), "closed": counts.get("closed", 0), "live": counts.get("live", 0),
            "scheduled": counts.get("scheduled", 0), "draft": counts.get("draft", 0),
            "held": counts.get("closed", 0)}


def _people(initiative_ids: list[int]) -> list:
    """(stakeholder id, sector, organisation key, initiative id) of everyone who took part (not
    removed) in a session of these initiatives: one row per person and initiative."""
    if not initiative_ids:
        return []
    return db.session.execute(
        select(Stakeholder.id, Stakeholder.sector, Stakeholder.organisation_key, Session.initiative_id).distinct()
        .join(Participant, Participant.stakeholder_id == Stakeholder.id)
        .join(Session, Session.id == Participant.session_id)
        .where(Session.initiative_id.in_(initiative_ids), Participant.removed_at.is_(None))
    ).all()


def _people_counts(rows) -> tuple[dict[str, Any], dict[str, Any]]:
    """Distinct people by sector, and distinct organisations by sector (an organisation counts once
    in each sector its people gave, and once in the total)."""
    people = {sid: sector for sid, sector, _org, _i in rows}
    by_sector = Counter(people.values())
    orgs = {(sector, org) for _sid, sector, org, _i in rows if org}
    org_sector = Counter(sector for sector, _ in orgs)
    return ({"total": len(people), "by_sector": {s: by_sector.get(s, 0) for s in SECTORS}},
            {"total": len({org for _, org in orgs}), "by_sector": {s: org_sector.get(s, 0) for s in SECTORS}})


def _items(initiative_ids: list[int]) -> list:
    if not initiative_ids:
        return []
    return db.session.execute(
        select(Item.initiative_id, Item.kind, Item.status, Item.budget_pen, Item.budget_price_year)
        .where(Item.initiative_id.in_(initiative_ids), Item.is_archived.is_(False))
    ).all()


def _item_counts(rows) -> dict[str, Any]:
    out = {kind: {status: 0 for status in ITEM_STATUSES} for kind in ITEM_KINDS}
    for row in rows:
        out[row.kind][row.status] += 1
    for kind in ITEM_KINDS:
        out[kind]["total"] = sum(out[kind][s] for s in ITEM_STATUSES)
    return out


def _budget(rows) -> dict[str, Any]:
    """The agreed items' estimated budget in soles, added up as given (as the documents do), with
    the years its prices are of and what is left out."""
    agreed = [r for r in rows if r.status == "agreed"]
    estimated = [r for r in agreed if r.budget_pen is not None]
    return {
        "total_pen": sum(r.budget_pen for r in estimated),
        "by_kind": {k: sum(r.budget_pen for r in estimated if r.kind == k) for k in ITEM_KINDS},
        "items_estimated": len(estimated),
        "items_not_estimated": len(agreed) - len(estimated),
        "price_years": sorted({r.budget_price_year for r in estimated if r.budget_price_year}),
        "items_without_price_year": sum(1 for r in estimated if not r.budget_price_year),
    }


def _sessions_detail(initiative_ids: list[int]) -> list[dict[str, Any]]:
    """Every session of these initiatives with what the matrix shows: when, where, who came (by
    sector), votes cast and the items it agreed (the session's latest decision per item)."""
    if not initiative_ids:
        return []
    sessions = db.session.execute(
        select(Session.id, Session.initiative_id, Session.title, Session.status, Session.starts_at,
               Session.started_at, Session.ended_at, Session.place, Phase.number)
        .join(Phase, Phase.id == Session.phase_id).where(Session.initiative_id.in_(initiative_ids))
        .order_by(Phase.number, func.coalesce(Session.started_at, Session.starts_at).is_(None),
                  func.coalesce(Session.started_at, Session.starts_at), Session.id)).all()
    ids = [s.id for s in sessions]
    if not ids:
        return []
    present: dict[int, Counter] = defaultdict(Counter)
    for session_id, sector, count in db.session.execute(
            select(Participant.session_id, Stakeholder.sector, func.count(func.distinct(Stakeholder.id)))
            .join(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
            .where(Participant.session_id.in_(ids), Participant.removed_at.is_(None))
            .group_by(Participant.session_id, Stakeholder.sector)):
        present[session_id][sector] = count
    votes = dict(db.session.execute(
        select(Round.session_id, func.count(Vote.id)).join(Vote, Vote.round_id == Round.id)
        .where(Round.session_id.in_(ids)).group_by(Round.session_id)).all())
    latest: dict[tuple[int, int], tuple[str, str]] = {}
    for session_id, item_id, outcome, kind in db.session.execute(
            select(Decision.session_id, Decision.item_id, Decision.outcome, Item.kind)
            .join(Item, Item.id == Decision.item_id)
            .where(Decision.session_id.in_(ids), Item.is_archived.is_(False))
            .order_by(Decision.decided_at, Decision.id)):
        latest[(session_id, item_id)] = (outcome, kind)
    agreed: dict[int, Counter] = defaultdict(Counter)
    decided: Counter = Counter()
    for (session_id, _item), (outcome, kind) in latest.items():
        decided[session_id] += 1
        if outcome == "agreed":
            agreed[session_id][kind] += 1
    out = []
    for s in sessions:
        by = present[s.id]
        out.append({
            "id": s.id, "initiative_id": s.initiative_id, "phase": s.number, "title": s.title, "status": s.status,
            "starts_at": s.starts_at, "started_at": s.started_at, "ended_at": s.ended_at, "place": s.place,
            "participants": {"total": sum(by.values()), "by_sector": {k: by.get(k, 0) for k in SECTORS}},
            "votes": votes.get(s.id, 0), "decisions": decided[s.id],
            "items_agreed": {"total": sum(agreed[s.id].values()),
                             **{k: agreed[s.id].get(k, 0) for k in ITEM_KINDS}},
        })
    return out


def _figures(sessions: list[dict[str, Any]], people_rows, item_rows) -> dict[str, Any]:
    people, organisations = _people_counts(people_rows)
    return {
        "sessions": _session_counts(sessions),
        "stakeholders": people,
        "organisations": organisations,
        "items": _item_counts(item_rows),
        "budget": _budget(item_rows),
    }


def programme_stats(programme: Programme) -> dict[str, Any]:
    """The programme's totals and the same figures per initiative, each initiative with its phases
    and their sessions (the dashboard's initiatives × phases matrix)."""
    initiatives: list[Initiative] = programme.initiatives
    ids = [i.id for i in initiatives]
    people_rows, item_rows = _people(ids), _items(ids)
    sessions = _sessions_detail(ids)
    out = {"programme_id": programme.id, "name": programme.name, **_figures(sessions, people_rows, item_rows)}
    numbers = sorted({p.number for i in initiatives for p in i.phases})
    out["phases"] = numbers
    out["initiatives"] = []
    for initiative in initiatives:
        own = [s for s in sessions if s["initiative_id"] == initiative.id]
        entry = {"id": initiative.id, "name": initiative.name,
                 **_figures(own, [r for r in people_rows if r[3] == initiative.id],
                            [r for r in item_rows if r.initiative_id == initiative.id])}
        entry["phases"] = [{"number": p.number, "name": p.name, "name_en": p.name_en,
                            "sessions": [s for s in own if s["phase"] == p.number]}
                           for p in initiative.phases]
        out["initiatives"].append(entry)
    return out


def jsonable(value: Any) -> Any:
    """The stats with their dates as ISO 8601 text."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def stats_json(stats: dict[str, Any]) -> tuple[str, str]:
    """(the stats as JSON text, its entity tag): the same figures always give the same tag."""
    body = json.dumps(jsonable(stats), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return body, hashlib.sha256(body.encode()).hexdigest()[:32]
