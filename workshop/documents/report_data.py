"""The facts of the programme report (PDF and DOCX), on top of `data.programme_facts`.

The report's "Presentation" is built from the record, never from the programme's typed
description: sessions held of those planned, distinct people by sector, action lines and reforms
agreed, the estimated budget and which roadmaps the secretariat has validated. The description is
kept apart, as the programme's own words, with a note that its figures are not the record's
(the issue: a description typed once said "24 sessions, 500+ actors, 37 action lines and 34
reforms" right above key figures of 16 / 329 / 34 / 26).

Every count here is one of `programme_facts`' own (sessions from `programme_stats`, people distinct
and without removed participants, items agreed and not archived, money by `data._budget`), so the
presentation, the key figures, the overview table and the summaries say the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

from sqlalchemy import func, select

from ..extensions import db
from ..programmes.models import Initiative, Item, Programme
from ..sessions.models import SECTORS
from . import roadmap_facts
from .data import Fmt, ProgrammeFacts, Table, _budget, programme_facts
from .models import RoadmapVersion
from .text import NBSP


@dataclass
class RoadmapState:
    """Whether an initiative's roadmap is validated — its last version (number, when) says what the
    roadmap says now — or a draft (never validated, or changed since its last version)."""

    validated: bool
    number: Optional[int]
    date: str
    #: "Hoja de ruta validada (versión 2, 3 de diciembre de 2026)" / "Hoja de ruta: borrador (…)".
    text: str
    #: The roadmaps table's cell: "Validada" / "Borrador".
    short: str
    #: The last version's day, short ("3 dic 2026"), for the table.
    day: str = ""


@dataclass
class ReportFacts(ProgrammeFacts):
    #: The presentation, counted from the record (one paragraph).
    presentation: str = ""
    #: Distinct people by sector, in words, under the key figures.
    sector_line: str = ""
    #: The programme's description as typed, and what it is (shown apart, as its own words).
    own_words: str = ""
    own_words_note: str = ""
    #: Initiative id → its roadmap's state.
    roadmaps: dict[int, RoadmapState] = field(default_factory=dict)
    #: Figures the tests and both formats read: sessions held and planned, people, items agreed, budget.
    counts: dict[str, int] = field(default_factory=dict)
    #: Each initiative's roadmap: validated (version, date) or a draft.
    roadmap_table: Table = field(default_factory=lambda: Table([], []))
    #: The DOCX's author: the programme's institution (its name when it has none).
    author: str = ""


def _latest_versions(initiative_ids: list[int]) -> dict[int, tuple[int, datetime]]:
    """Initiative id → (number, validated_at) of its latest validated roadmap version."""
    if not initiative_ids:
        return {}
    latest = (select(RoadmapVersion.initiative_id, func.max(RoadmapVersion.number).label("number"))
              .where(RoadmapVersion.initiative_id.in_(initiative_ids))
              .group_by(RoadmapVersion.initiative_id).subquery())
    rows = db.session.execute(
        select(RoadmapVersion.initiative_id, RoadmapVersion.number, RoadmapVersion.validated_at)
        .join(latest, (latest.c.initiative_id == RoadmapVersion.initiative_id)
              & (latest.c.number == RoadmapVersion.number))).all()
    return {initiative_id: (number, at) for initiative_id, number, at in rows}


def report_facts(programme_id: int, lang: str = "es") -> Optional[ReportFacts]:
    """Everything the programme report says, or None if there is no such programme."""
    base = programme_facts(programme_id, lang)
    if base is None:
        return None
    programme = db.session.get(Programme, programme_id)
    t, fmt = base.meta.text, Fmt(lang)
    ids = [s.id for s in base.initiatives]
    sessions_held = sum(s.sessions_closed for s in base.initiatives)
    sessions_planned = sum(s.sessions_total for s in base.initiatives)
    lines = sum(len(s.agreed_lines) for s in base.initiatives)
    reforms = sum(len(s.agreed_reforms) for s in base.initiatives)
    agreed = db.session.scalars(select(Item).join(Initiative, Initiative.id == Item.initiative_id)
                                .where(Initiative.programme_id == programme.id, Item.status == "agreed",
                                       Item.is_archived.is_(False))).all() if ids else []
    budget, unestimated = _budget(agreed)

    versions = _latest_versions(ids)
    roadmaps = {}
    for initiative_id in ids:
        if initiative_id not in versions:
            roadmaps[initiative_id] = RoadmapState(False, None, "", t.gettext("Roadmap: draft (not validated yet)"),
                                                   t.gettext("Draft"))
            continue
        number, at = versions[initiative_id]
        # Validated only while the roadmap still says what its last version says (roadmap_facts compares
        # the current facts with the stored ones); after a change it is a draft again.
        current = roadmap_facts.gather(initiative_id, lang)
        if current is not None and not current.status.draft:
            roadmaps[initiative_id] = RoadmapState(
                True, number, fmt.date(at),
                t.gettext("Roadmap validated (version %(number)s, %(date)s)", number=fmt.int(number),
                          date=fmt.date(at)),
                t.gettext("Validated"), fmt.short_date(at))
        else:
            roadmaps[initiative_id] = RoadmapState(
                False, number, fmt.date(at),
                t.gettext("Roadmap: draft (changed since version %(number)s, validated on %(date)s)",
                          number=fmt.int(number), date=fmt.date(at)),
                t.gettext("Draft"), fmt.short_date(at))
    validated = sum(1 for r in roadmaps.values() if r.validated)

    # The key figures: a figure and what it counts, its noun in the figure's number ("1 reforma acordada").
    figures = [
        (f"{fmt.int(sessions_held)}{NBSP}/{NBSP}{fmt.int(sessions_planned)}",
         t.ngettext("Session held / planned", "Sessions held / planned", sessions_planned)),
        (fmt.int(base.people_total), t.ngettext("Person taking part", "People taking part", base.people_total)),
        (fmt.int(lines), t.ngettext("Action line agreed", "Action lines agreed", lines)),
        (fmt.int(reforms), t.ngettext("Policy reform agreed", "Policy reforms agreed", reforms)),
        (fmt.money_short(budget).replace(" ", NBSP), t.gettext("Estimated budget")),
    ]
    if not ids:
        figures = figures[:2]

    by_sector = {c.code: c.count for c in base.by_sector}
    sectors = ", ".join(f"{base.meta.sector_labels[s].lower()}: {fmt.int(by_sector.get(s, 0))}" for s in SECTORS)
    presentation = ""
    if ids:
        held = t.ngettext("%(num)s of the %(planned)s session planned", "%(num)s of the %(planned)s sessions planned",
                          sessions_planned, num=fmt.int(sessions_held), planned=fmt.int(sessions_planned))
        parts = [
            t.gettext("In %(initiatives)s, the programme held %(held)s.",
                      initiatives=t.ngettext("%(num)s initiative", "%(num)s initiatives", len(ids)), held=held)
            if not base.period else
            t.gettext("In the period %(period)s, in %(initiatives)s, the programme held %(held)s.", period=base.period,
                      initiatives=t.ngettext("%(num)s initiative", "%(num)s initiatives", len(ids)), held=held),
            t.ngettext("%(num)s distinct person took part (%(sectors)s).",
                       "%(num)s distinct people took part (%(sectors)s).", base.people_total, sectors=sectors),
            t.gettext("The tables agreed %(lines)s and %(reforms)s, with an estimated budget of %(budget)s.",
                      lines=t.ngettext("%(num)s action line", "%(num)s action lines", lines),
                      reforms=t.ngettext("%(num)s public policy reform proposal",
                                         "%(num)s public policy reform proposals", reforms),
                      budget=fmt.money(budget)),
        ]
        if unestimated:
            parts.append(t.ngettext("%(num)s agreed item has no estimated budget.",
                                    "%(num)s agreed items have no estimated budget.", len(unestimated)))
        parts.append(t.gettext("Roadmaps validated by the secretariat: %(validated)s of %(num)s.",
                               validated=fmt.int(validated), num=fmt.int(len(ids))))
        presentation = " ".join(parts)
    description = base.description
    facts = ReportFacts(**{f: getattr(base, f) for f in base.__dataclass_fields__})
    facts.figures = figures
    facts.presentation = presentation
    facts.sector_line = t.gettext("Distinct people by sector: %(sectors)s.", sectors=sectors) if ids else ""
    facts.own_words = description
    facts.own_words_note = t.gettext(
        "The programme's description, as its secretariat wrote it. The figures of this report are counted from "
        "Mesa's record of the sessions and may differ from those the description gives.") if description else ""
    facts.description = ""  # said once, as the programme's own words
    facts.roadmaps = roadmaps
    facts.counts = {"sessions_held": sessions_held, "sessions_planned": sessions_planned,
                    "people": base.people_total, "action_lines": lines, "policy_reforms": reforms,
                    "budget": budget, "not_estimated": len(unestimated), "roadmaps_validated": validated}
    facts.author = programme.institution or programme.name
    facts.roadmap_table = Table(
        [t.gettext("Initiative"), t.gettext("Roadmap"), t.gettext("Last validated version"), t.gettext("Validated on")],
        [[summary.name, roadmaps[summary.id].short,
          fmt.int(roadmaps[summary.id].number) if roadmaps[summary.id].number else "—",
          roadmaps[summary.id].day or "—"] for summary in facts.initiatives], [], [4.6, 1.4, 1.4, 2], [2])
    return facts
