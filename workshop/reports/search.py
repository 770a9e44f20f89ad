"""Find items across a programme: by initiative, kind, status, axis, horizon, lead institution and
text. Text matches whatever the case and the accents ("credito" finds "Crédito"), word by word:
every word typed must appear in the item's code, titles, descriptions, axis, lead institution,
partners or indicator. A programme holds hundreds of items, so they are folded in Python, the
same way on SQLite and PostgreSQL (`util.name_key`, the fold used for people's names)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from sqlalchemy import select

from ..extensions import db
from ..programmes.models import Initiative, Item, Programme
from ..util import name_key

#: The fields the text search reads.
TEXT_FIELDS = ("code", "title", "title_en", "description", "description_en", "axis", "axis_en",
               "lead_institution", "partners", "indicator", "indicator_en")
LIMIT = 500


@dataclass
class Found:
    items: list[Item]
    total: int
    initiatives: dict[int, Initiative]

    @property
    def truncated(self) -> bool:
        return self.total > len(self.items)


def programme_items(programme: Programme) -> list[Item]:
    """The programme's items that are not archived, by initiative, kind and code number."""
    ids = [i.id for i in programme.initiatives]
    if not ids:
        return []
    order = {i.id: n for n, i in enumerate(programme.initiatives)}
    items = db.session.scalars(select(Item).where(Item.initiative_id.in_(ids), Item.is_archived.is_(False))).all()
    return sorted(items, key=lambda i: (order[i.initiative_id], i.kind, _number(i.code), i.id))


def _number(code: Optional[str]) -> int:
    tail = (code or "").rpartition("-")[2]
    return int(tail) if tail.isdigit() else 0


def haystack(item: Item) -> str:
    return name_key(" \n ".join(str(getattr(item, f) or "") for f in TEXT_FIELDS))


def find(programme: Programme, query: dict[str, Any], limit: int = LIMIT) -> Found:
    """The programme's items matching every filter given in `query` (validated by
    ItemSearchQuerySchema), at most `limit` of them."""
    words = name_key(query.get("q") or "").split()
    axis = name_key(query.get("axis") or "")
    lead = name_key(query.get("lead") or "")
    out = []
    for item in programme_items(programme):
        if query.get("initiative") and item.initiative_id != query["initiative"]:
            continue
        if query.get("kind") and item.kind != query["kind"]:
            continue
        if query.get("status") and item.status != query["status"]:
            continue
        if query.get("horizon") and item.horizon != query["horizon"]:
            continue
        if axis and axis not in (name_key(item.axis), name_key(item.axis_en)):
            continue
        if lead and lead not in name_key(item.lead_institution):
            continue
        if words:
            text = haystack(item)
            if not all(w in text for w in words):
                continue
        out.append(item)
    initiatives = {i.id: i for i in programme.initiatives}
    return Found(out[:limit], len(out), initiatives)


def facets(programme: Programme, lang: str) -> dict[str, list[str]]:
    """The axes and lead institutions the programme's items name, for the filters' lists (one
    spelling per folded value)."""
    axes: dict[str, str] = {}
    leads: dict[str, str] = {}
    for item in programme_items(programme):
        axis = item.axis_en if lang == "en" and item.axis_en else item.axis
        if axis:
            axes.setdefault(name_key(axis), axis)
        if item.lead_institution:
            leads.setdefault(name_key(item.lead_institution), item.lead_institution)
    return {"axes": sorted(axes.values(), key=name_key), "leads": sorted(leads.values(), key=name_key)}
