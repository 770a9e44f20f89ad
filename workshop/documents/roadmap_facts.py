"""The facts of an initiative's roadmap, and its lifecycle: a draft until the secretariat validates it.

`roadmap_facts(initiative_id, lang)` builds on `data.initiative_facts` (the process, the sessions,
participants by sector, the horizon × axis grid, the budget by axis) and adds what a ministry
publishes: an executive summary built from the data; each agreed item's indicator as baseline →
target by its target year with its means of verification, its budget with source and price year;
the evidence of support with n per sector and each measure named ("share scoring 4–5 (…, n=29)"
is not "share approving (…, n=22)"); the decision history with the reason of every rejection,
deferral and override; a timeline in real years (the programme's start year plus the horizon's
years; without a start year, the horizon in years without a year).

Lifecycle: a validation (`validate`) stores an immutable `RoadmapVersion` — its number, date, who,
the facts in both languages as JSON and the PDF and DOCX built from them — and each download of
a version returns those stored bytes. The current roadmap prints "Draft" on every page unless
its facts (without the print date and the mark) are those of the last version; then it prints
that version's number and date.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..programmes.models import Initiative, Item
from ..refusals import Conflict
from ..sessions.models import SECTORS, Session
from ..util import utcnow
from ..voting import rules
from ..voting.models import Decision, Round, RoundItem
from . import data
from .data import Fmt, InitiativeFacts, Meta, Table, _hidden_sectors, _item_phrase, _short_date_of
from .models import RoadmapVersion
from .text import LANGS, Text

#: What each method's "support" measures (the share of a round's ballots), for the evidence tables.
MEASURES = {
    "approve": "share approving",
    "score": "share scoring 4–5",
    "impact_feasibility": "share rating impact + feasibility 7 or more",
    "dots": "share giving it at least one dot",
    "ranking": "share ranking it in the upper half",
}


def _measure(method: str, t: Text) -> str:
    return t.gettext(MEASURES[method]) if method in MEASURES else method


# --- Facts -------------------------------------------------------------------------------------------


@dataclass
class Status:
    """Draft or validated version, as every page prints it."""

    draft: bool
    number: Optional[int]
    #: "Borrador" / "Versión 2 validada el 1 de diciembre de 2026": on every page.
    mark: str
    #: A sentence for the cover: what the mark means.
    note: str


@dataclass
class EvidenceLine:
    session: str
    #: "share scoring 4–5 (Priority score 1–5, n=29)"
    measure: str
    method: str
    n: int
    support: str
    #: Per sector in SECTORS order: "62,5 % (n=8)", "withheld", or "—" (no vote from the sector).
    sectors: list[str]
    #: Per sector: (n, share) — None where withheld; for the executive summary and tests.
    sector_figures: list[Optional[tuple[int, Optional[float]]]] = field(default_factory=list)


@dataclass
class DecisionLine:
    date: str
    session: str
    computed: str
    outcome: str
    outcome_code: str
    is_override: bool
    #: The reason the table gave, or, when it followed the vote, the vote's result in words.
    reason: str


@dataclass
class Card:
    id: int
    code: str
    kind: str
    kind_label: str
    title: str
    description: str
    axis: str
    horizon: Optional[str]
    horizon_label: str
    #: "2023" (start year + the horizon's years), or "within 2 years" without a start year.
    due: str
    #: "due by 2023" / "due within 2 years" ("" without a horizon).
    due_phrase: str
    status: str
    status_label: str
    lead: str
    partners: str
    indicator: str
    baseline: str
    target: str
    target_year: str
    verification: str
    #: "Baseline: 20 → target: 120 by 2023".
    indicator_line: str
    budget: str
    budget_pen: Optional[int]
    budget_source: Optional[str]
    budget_source_label: str
    budget_price_year: str
    #: "S/ 1.250.000 · public · prices of 2021".
    budget_line: str
    evidence: list[EvidenceLine]
    history: list[DecisionLine]
    #: The reason the item stands where it does (its last decision's reason, or the vote's result).
    reason: str = ""
    overridden: bool = False


@dataclass
class TimelineRow:
    #: "Short term · by 2023" shown on the first row of the horizon only.
    period: str
    code: str
    title: str
    lead: str
    year: str


@dataclass
class RoadmapFacts:
    meta: Meta
    status: Status
    base: InitiativeFacts
    title: str
    #: Paragraphs of the executive summary.
    summary: list[str]
    #: The first steps: short-horizon agreed items — [code, title, lead, due].
    first_steps: Table
    first_steps_title: str
    agreed: list[Card]
    groups: list[tuple[str, list[tuple[str, list[Card]]]]]
    #: Rejected and deferred items, and agreed items the table agreed against the vote.
    others: list[Card]
    overrides: list[Card]
    timeline: Table
    timeline_note: str
    budget_by_source: Table
    budget_note: str
    measures_note: list[str]
    filename_stem: str


def _years(programme, horizon: Optional[str]) -> Optional[int]:
    if horizon is None:
        return None
    return getattr(programme, f"{horizon}_horizon_years")


def _due(programme, horizon: Optional[str], t: Text) -> str:
    """When a horizon's items are due: the year, or the horizon's length without a start year."""
    years = _years(programme, horizon)
    if years is None:
        return "—"
    if programme.start_year is None:
        return t.ngettext("within %(num)s year", "within %(num)s years", years)
    return str(programme.start_year + years)


def _due_phrase(programme, horizon: Optional[str], t: Text) -> str:
    years = _years(programme, horizon)
    if years is None:
        return ""
    if programme.start_year is None:
        return t.ngettext("due within %(num)s year", "due within %(num)s years", years)
    return t.gettext("due by %(year)s", year=programme.start_year + years)


def _evidence(item_ids: list[int], t: Text, fmt: Fmt) -> dict[int, list[EvidenceLine]]:
    """Per item: the last closed round on it in each session, with its measure, n and n per sector."""
    if not item_ids:
        return {}
    rows = db.session.execute(
        select(RoundItem.item_id, Round, Session)
        .join(Round, Round.id == RoundItem.round_id).join(Session, Session.id == Round.session_id)
        .where(RoundItem.item_id.in_(item_ids), Round.state == "closed")
        .order_by(func.coalesce(Session.started_at, Session.starts_at), Session.id, Round.closed_at,
                  Round.id)).all()
    last: dict[tuple[int, int], tuple[Round, Session]] = {}
    for item_id, round_, session in rows:  # as data._support_evidence: a single-item round beats a ranking
        earlier = last.get((item_id, session.id))
        if earlier is None or round_.method in rules.SINGLE_ITEM_METHODS or \
                earlier[0].method not in rules.SINGLE_ITEM_METHODS:
            last[(item_id, session.id)] = (round_, session)
    withheld = data._withheld(t)
    out: dict[int, list[EvidenceLine]] = defaultdict(list)
    for (item_id, _sid), (round_, session) in last.items():
        tally = round_.final_tally or {}
        if not tally:
            continue
        hidden = _hidden_sectors(round_, tally)
        key = None if round_.method in rules.SINGLE_ITEM_METHODS else str(item_id)

        def share(f):
            s = (f or {}).get("support")
            if key is not None and isinstance(s, dict):
                s = s.get(key)
            return s if (f or {}).get("total") else None

        n = int(tally.get("total", 0))
        cells, figures = [], []
        for s in SECTORS:
            if s in hidden:
                cells.append(withheld)
                figures.append(None)
                continue
            f = tally.get("by_sector", {}).get(s) or {}
            ns = int(f.get("total", 0))
            cells.append(f"{fmt.pct(share(f))} (n={fmt.int(ns)})" if ns else "—")
            figures.append((ns, share(f)))
        method = t.label("methods", round_.method)
        out[item_id].append(EvidenceLine(
            session=t.gettext("Phase %(number)s", number=session.phase.number)
            + f" · {_short_date_of(session, t, fmt)}",
            measure=t.gettext("%(measure)s (%(method)s, n=%(n)s)", measure=_measure(round_.method, t),
                              method=method, n=fmt.int(n)),
            method=round_.method, n=n, support=fmt.pct(share(tally)), sectors=cells, sector_figures=figures))
    return out


def _history(initiative_id: int, t: Text, fmt: Fmt) -> dict[int, list[DecisionLine]]:
    """Every decision on the initiative's items, oldest first, with its reason or the vote's result."""
    out: dict[int, list[DecisionLine]] = defaultdict(list)
    rows = db.session.execute(
        select(Decision, Session, Round).join(Session, Session.id == Decision.session_id)
        .outerjoin(Round, Round.id == Decision.round_id)
        .where(Session.initiative_id == initiative_id).order_by(Decision.decided_at, Decision.id)).all()
    for decision, session, round_ in rows:
        computed = _item_phrase(round_, decision.item_id, decision.computed_outcome, t, fmt) \
            if decision.computed_outcome else ""
        if decision.reason:
            reason = decision.reason
        elif computed:
            reason = _cap(t.gettext("as the vote decided: %(result)s", result=computed))
        else:
            reason = t.gettext("No reason recorded; no vote preceded the decision.")
        line = DecisionLine(
            date=fmt.short_date(decision.decided_at),
            session=t.gettext("Phase %(number)s", number=session.phase.number)
            + f" · {_short_date_of(session, t, fmt)}",
            computed=computed or "—", outcome=data.outcome_text(decision, t), outcome_code=decision.outcome,
            is_override=decision.is_override, reason=reason)
        out[decision.item_id].append(line)
        if decision.merged_into_id is not None:  # the kept item's history says what was merged into it
            merged = data.item_label(decision.item, t.lang)
            out[decision.merged_into_id].append(dataclasses.replace(
                line, outcome=t.gettext("%(item)s was merged into this item", item=merged)))
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _status(initiative_id: int, lang: str, t: Text, fmt: Fmt, version: Optional[RoadmapVersion],
            draft: bool) -> Status:
    if not draft and version is not None:
        mark = t.gettext("Version %(number)s validated on %(date)s", number=version.number,
                         date=fmt.date(version.validated_at))
        return Status(False, version.number, mark, t.gettext(
            "This roadmap was validated by the secretariat as version %(number)s on %(date)s.",
            number=version.number, date=fmt.date(version.validated_at)))
    mark = t.gettext("Draft")
    if version is None:
        note = t.gettext("Draft: the secretariat has not validated this roadmap yet.")
    else:
        note = t.gettext("Draft: the data changed after version %(number)s, validated on %(date)s; the "
                         "secretariat has not validated these changes yet.", number=version.number,
                         date=fmt.date(version.validated_at))
    return Status(True, None, mark, note)


def _mark_meta(meta: Meta, status: Status, t: Text) -> None:
    """The mark on every page: in the running header and in the footer (the cover's too)."""
    roadmap = t.gettext("Roadmap")
    meta.doc_title = f"{roadmap} · {status.mark}" if status.draft else \
        f"{roadmap} · " + t.gettext("Version %(number)s", number=status.number)
    meta.generated = f"{status.mark} · {meta.generated}"


def gather(initiative_id: int, lang: str = "es", *, status: Optional[Status] = None) -> Optional[RoadmapFacts]:
    """The roadmap's facts in `lang` (None: no such initiative). Without `status`, the current
    roadmap: validated if its facts are those of the last version, else a draft."""
    base = data.initiative_facts(initiative_id, lang)
    if base is None:
        return None
    initiative = db.session.get(Initiative, initiative_id)
    programme = initiative.programme
    t, fmt = Text(lang), Fmt(lang)
    items = {i.id: i for i in db.session.scalars(
        select(Item).where(Item.initiative_id == initiative_id, Item.is_archived.is_(False)))}
    evidence = _evidence(list(items), t, fmt)
    history = _history(initiative_id, t, fmt)
    data._pause()

    def card(c) -> Card:
        item = items[c.id]
        target_year = str(item.target_year) if item.target_year else ""
        parts = []
        if item.baseline:
            parts.append(t.gettext("baseline: %(value)s", value=item.baseline))
        if item.target:
            parts.append(t.gettext("target: %(value)s by %(year)s", value=item.target, year=target_year)
                         if target_year else t.gettext("target: %(value)s", value=item.target))
        elif target_year:
            parts.append(t.gettext("by %(year)s", year=target_year))
        indicator_line = _cap("; ".join(parts)) if parts else "—"
        source = ""
        if item.budget_source:
            source = {"public": t.gettext("public"), "private": t.gettext("private"),
                      "mixed": t.gettext("mixed (public and private)")}[item.budget_source]
        price_year = str(item.budget_price_year) if item.budget_price_year else ""
        budget_parts = [c.budget]
        if item.budget_pen is not None:
            budget_parts.append(t.gettext("source: %(source)s", source=source) if source
                                else t.gettext("source not stated"))
            budget_parts.append(t.gettext("prices of %(year)s", year=price_year) if price_year
                                else t.gettext("price year not stated"))
        lines = history.get(c.id, [])
        last = lines[-1] if lines else None
        return Card(
            id=c.id, code=c.code, kind=c.kind, kind_label=c.kind_label, title=c.title, description=c.description,
            axis=c.axis, horizon=c.horizon, horizon_label=c.horizon_label, due=_due(programme, c.horizon, t),
            due_phrase=_due_phrase(programme, c.horizon, t),
            status=item.status, status_label=c.status_label, lead=c.lead, partners=c.partners,
            indicator=c.indicator, baseline=item.baseline or "—", target=item.target or "—",
            target_year=target_year or "—", verification=item.verification or "—", indicator_line=indicator_line,
            budget=c.budget, budget_pen=c.budget_pen, budget_source=item.budget_source,
            budget_source_label=source or "—", budget_price_year=price_year or "—",
            budget_line=" · ".join(budget_parts), evidence=evidence.get(c.id, []), history=lines,
            reason=last.reason if last else "", overridden=any(d.is_override for d in lines))

    agreed = [card(c) for c in base.agreed]
    by_id = {c.id: c for c in agreed}
    groups = [(axis, [(label, [by_id[c.id] for c in cards]) for label, cards in horizons])
              for axis, horizons in base.groups]
    others = [card(c) for c in base.others]
    overrides = [c for c in agreed if c.history and c.history[-1].is_override]

    # Timeline in real years: one row per agreed item, by horizon.
    rows = []
    for horizon in ("short", "medium", "long", None):
        here = [c for c in agreed if c.horizon == horizon]
        for n, c in enumerate(here):
            label = t.label("horizons", horizon) if horizon else t.gettext("No horizon")
            due = _due(programme, horizon, t)
            period = ""
            if n == 0:
                period = label if horizon is None else (
                    t.gettext("%(horizon)s · by %(year)s", horizon=label, year=due)
                    if programme.start_year is not None else f"{label} · {due}")
            rows.append([period, c.code, c.title, c.lead, c.target_year if c.target_year != "—" else due])
    timeline = Table([t.gettext("Horizon"), t.gettext("Code"), t.gettext("Title"), t.gettext("Lead institution"),
                      t.gettext("Target year")], rows, [], [1.9, 0.7, 4.2, 2.4, 1.0], [])
    if programme.start_year is not None:
        timeline_note = t.gettext(
            "The programme starts in %(year)s: short-term items are due by %(short)s, medium-term by %(medium)s "
            "and long-term by %(long)s. The target year is that of each item's indicator.",
            year=programme.start_year, short=programme.start_year + programme.short_horizon_years,
            medium=programme.start_year + programme.medium_horizon_years,
            long=programme.start_year + programme.long_horizon_years)
    else:
        timeline_note = t.gettext(
            "The programme has no start year yet: short term means within %(short)s, medium term within "
            "%(medium)s and long term within %(long)s.",
            short=t.ngettext("%(num)s year", "%(num)s years", programme.short_horizon_years),
            medium=t.ngettext("%(num)s year", "%(num)s years", programme.medium_horizon_years),
            long=t.ngettext("%(num)s year", "%(num)s years", programme.long_horizon_years))

    # Budget by source.
    source_rows, total = [], 0
    for code, label in (("public", t.gettext("Public")), ("private", t.gettext("Private")),
                        ("mixed", t.gettext("Mixed (public and private)")), (None, t.gettext("Source not stated"))):
        here = [c for c in agreed if c.budget_source == code and c.budget_pen is not None]
        if not here:
            continue
        amount = sum(c.budget_pen for c in here)
        total += amount
        source_rows.append([label, fmt.int(len(here)), fmt.money(amount)])
    if source_rows:
        source_rows.append([t.gettext("Total"), fmt.int(sum(1 for c in agreed if c.budget_pen is not None)),
                            fmt.money(total)])
    budget_by_source = Table([t.gettext("Source of the budget"), t.gettext("Items"), t.gettext("Budget")],
                             source_rows, [], [4, 1, 2], [1, 2])
    years = sorted({c.budget_price_year for c in agreed if c.budget_pen is not None and c.budget_price_year != "—"})
    if len(years) == 1:
        budget_note = t.gettext("Amounts in soles at prices of %(year)s.", year=years[0])
    elif years:
        budget_note = t.gettext("Amounts in soles at the prices of the year each item states (%(years)s); "
                                "amounts of different years are added as they are.", years=", ".join(years))
    else:
        budget_note = t.gettext("Amounts in soles; no item states the year of its prices.")

    summary = _summary(base, agreed, others, overrides, total, years, t, fmt)
    short = [c for c in agreed if c.horizon == "short"]
    first_steps = Table([t.gettext("Code"), t.gettext("Title"), t.gettext("Lead institution"), t.gettext("Due by")],
                        [[c.code, c.title, c.lead, c.due] for c in short], [], [0.7, 4.8, 2.8, 1.2], [])
    first_title = t.gettext("First steps: the short-term items and who leads them")

    measures_note = [t.gettext(
        "Support is the share of a round's votes that backs the item, and each voting method measures it "
        "differently; the evidence tables name the measure of every row, so figures of different measures "
        "should not be compared:")]
    measures_note += [f"{t.label('methods', m)}: {_measure(m, t)}." for m in MEASURES]
    measures_note.append(t.gettext("n is the number of votes in the round, overall and in each sector; “—”, a sector "
                                   "that cast no vote."))
    if base.evidence_note:
        measures_note.append(base.evidence_note)

    meta = base.meta
    name = base.name
    meta.title = t.gettext("Roadmap — %(initiative)s", initiative=name)
    if status is None:
        status = current_status(initiative_id, lang, _fingerprint_of(_jsonable_without_volatile(
            _content(base, summary, agreed, others, timeline, budget_by_source))), t, fmt)
    _mark_meta(meta, status, t)
    return RoadmapFacts(
        meta=meta, status=status, base=base, title=meta.title, summary=summary, first_steps=first_steps,
        first_steps_title=first_title, agreed=agreed, groups=groups, others=others, overrides=overrides,
        timeline=timeline, timeline_note=timeline_note, budget_by_source=budget_by_source, budget_note=budget_note,
        measures_note=measures_note, filename_stem=base.filename_stem)


def _summary(base: InitiativeFacts, agreed: list[Card], others: list[Card], overrides: list[Card], total: int,
             years: list[str], t: Text, fmt: Fmt) -> list[str]:
    """The executive summary, from the data alone."""
    out = []
    lines = sum(1 for c in agreed if c.kind == "action_line")
    reforms = len(agreed) - lines
    rejected = sum(1 for c in others if c.status == "rejected")
    deferred = sum(1 for c in others if c.status == "deferred")
    if base.sessions_closed:
        out.append(t.ngettext(
            "In %(num)s strategy session, %(people)s from %(orgs)s agreed %(lines)s and %(reforms)s; "
            "%(rejected)s and %(deferred)s.",
            "In %(num)s strategy sessions, %(people)s from %(orgs)s agreed %(lines)s and %(reforms)s; "
            "%(rejected)s and %(deferred)s.", base.sessions_closed,
            people=t.ngettext("%(num)s person", "%(num)s people", base.people_total),
            orgs=t.ngettext("%(num)s organisation", "%(num)s organisations", base.organisations),
            lines=t.ngettext("%(num)s action line", "%(num)s action lines", lines),
            reforms=t.ngettext("%(num)s policy reform", "%(num)s policy reforms", reforms),
            rejected=t.ngettext("%(num)s item was rejected", "%(num)s items were rejected", rejected),
            deferred=t.ngettext("%(num)s was deferred", "%(num)s were deferred", deferred)))
    else:
        out.append(t.gettext("No strategy session has been held yet: nothing has been agreed."))
    voted = [c for c in agreed if c.evidence]
    if voted:
        parts = []
        for i, sector in enumerate(SECTORS):
            known = [c for c in voted if c.evidence[-1].sector_figures[i] is not None
                     and c.evidence[-1].sector_figures[i][0]]
            backed = sum(1 for c in known if (c.evidence[-1].sector_figures[i][1] or 0) > 0.5)
            parts.append(t.gettext("%(sector)s %(backed)s of %(known)s", sector=base.meta.sector_labels[sector],
                                   backed=fmt.int(backed), known=fmt.int(len(known))))
        out.append(t.ngettext(
            "Support across sectors: in the last vote on each of the %(num)s agreed item put to a vote, a majority "
            "of the sector's voters backed it in: %(sectors)s (sectors with no vote, or a withheld figure, are not "
            "counted).",
            "Support across sectors: in the last vote on each of the %(num)s agreed items put to a vote, a majority "
            "of the sector's voters backed it in: %(sectors)s (sectors with no vote, or a withheld figure, are not "
            "counted).", len(voted), sectors="; ".join(parts)))
    if overrides:
        out.append(t.ngettext(
            "The table agreed %(num)s item against the computed result of the vote (%(codes)s); its reasons are "
            "given in the decisions section.",
            "The table agreed %(num)s items against the computed result of the vote (%(codes)s); their reasons are "
            "given in the decisions section.", len(overrides), codes=", ".join(c.code for c in overrides)))
    if agreed:
        estimated = [c for c in agreed if c.budget_pen is not None]
        budget = t.gettext("The agreed items add up to an estimated budget of %(total)s", total=fmt.money(total))
        if len(years) == 1:
            budget += " " + t.gettext("at prices of %(year)s", year=years[0])
        budget += "."
        if len(estimated) < len(agreed):
            budget += " " + t.ngettext("%(num)s agreed item has no estimated budget.",
                                       "%(num)s agreed items have no estimated budget.",
                                       len(agreed) - len(estimated))
        out.append(budget)
        short = [c for c in agreed if c.horizon == "short"]
        if short:
            out.append(t.ngettext(
                "First steps: %(num)s short-term item, led by %(leads)s.",
                "First steps: %(num)s short-term items, led by %(leads)s.", len(short),
                leads=", ".join(dict.fromkeys(c.lead for c in short if c.lead and c.lead != "—")) or "—"))
    return out


# --- Fingerprints and JSON -----------------------------------------------------------------------------


#: The fields of a document's `Meta` kept with a version's facts.
META_FIELDS = ("lang", "generated", "doc_title", "header_left", "title", "author", "subject", "created")


def jsonable(obj: Any) -> Any:
    """Facts as JSON types: dataclasses as dicts, tuples as lists, keys as text; the Text object dropped."""
    if isinstance(obj, (Text, bytes)):
        return None
    if isinstance(obj, Meta):  # what the pages print about the file; not the language object or logos
        return {name: jsonable(getattr(obj, name, None)) for name in META_FIELDS}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {(",".join(map(str, k)) if isinstance(k, tuple) else str(k)): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, (str, int, float, bool)) or obj is None:
        return obj
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    return str(obj)


#: Facts that change with every print (when, the mark) and say nothing about the roadmap's content.
VOLATILE = ("meta", "status")


def _content(base, summary, agreed, others, timeline, budget_by_source) -> dict:
    return {"base": base, "summary": summary, "agreed": agreed, "others": others, "timeline": timeline,
            "budget_by_source": budget_by_source}


def _jsonable_without_volatile(content: dict) -> dict:
    out = jsonable(content)
    if isinstance(out.get("base"), dict):
        out["base"] = {k: v for k, v in out["base"].items() if k not in VOLATILE}
    return {k: v for k, v in out.items() if k not in VOLATILE}


def content_of(facts_json: dict) -> dict:
    """What a roadmap says, from its facts as JSON (stored or current): the fingerprinted part."""
    base = {k: v for k, v in facts_json["base"].items() if k not in VOLATILE}
    return {"base": base, **{k: facts_json[k] for k in ("summary", "agreed", "others", "timeline",
                                                         "budget_by_source")}}


def _fingerprint_of(content: Any) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def last_version(initiative_id: int) -> Optional[RoadmapVersion]:
    return db.session.scalar(select(RoadmapVersion).where(RoadmapVersion.initiative_id == initiative_id)
                             .order_by(RoadmapVersion.number.desc()).limit(1))


def current_status(initiative_id: int, lang: str, fingerprint: str, t: Text, fmt: Fmt) -> Status:
    """Validated (the last version's number and date) if the facts are the last version's, else draft."""
    version = last_version(initiative_id)
    same = version is not None and lang in (version.facts or {}) and \
        _fingerprint_of(content_of(version.facts[lang])) == fingerprint
    return _status(initiative_id, lang, t, fmt, version, draft=not same)


def facts_json(facts: RoadmapFacts) -> dict:
    """The facts as stored in a version (JSON)."""
    return jsonable(facts)


# --- Validation ------------------------------------------------------------------------------------------


def validate(initiative: Initiative, staff, build: Callable[[str, str, RoadmapFacts], bytes]) -> RoadmapVersion:
    """Validate the current roadmap as the next version: the facts in both languages and the four files
    (`build(kind, lang, facts)` makes the bytes), stored together in one commit."""
    previous = last_version(initiative.id)
    number = (previous.number if previous else 0) + 1
    at = utcnow()
    pending = RoadmapVersion(number=number, validated_at=at)
    statuses = {lang: _status(initiative.id, lang, Text(lang), Fmt(lang), pending, draft=False) for lang in LANGS}
    stored = {lang: facts_json(gather(initiative.id, lang, status=statuses[lang])) for lang in LANGS}
    fingerprint = _fingerprint_of({lang: content_of(stored[lang]) for lang in LANGS})
    if previous is not None and previous.fingerprint == fingerprint:
        raise Conflict("roadmap_unchanged", "This roadmap is already validated as version %(number)s: nothing in "
                       "it changed since.", number=previous.number)
    files = {f"{kind}_{lang}": build(kind, lang, gather(initiative.id, lang, status=statuses[lang]))
             for lang in LANGS for kind in ("pdf", "docx")}  # each build gets facts of its own
    version = RoadmapVersion(initiative_id=initiative.id, number=number, validated_at=at,
                             validated_by_id=staff.id if staff is not None else None, facts=stored,
                             fingerprint=fingerprint, **files)
    db.session.add(version)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("roadmap_version_taken",
                       "Another validation of this roadmap was recorded at the same time; reload and try again.") \
            from None
    return version


def version_json(version: RoadmapVersion, lang: str = "es") -> dict:
    """A version as the API lists it."""
    by = version.validated_by
    return {"number": version.number, "validated_at": version.validated_at.isoformat(),
            "validated_by": ({"id": by.id, "name": by.name, "email": by.email} if by else None),
            "fingerprint": version.fingerprint,
            "files": {f"{kind}_{lang}": f"/api/v1/initiatives/{version.initiative_id}/roadmap/versions/"
                      f"{version.number}.{kind}?lang={lang}" for kind in ("pdf", "docx") for lang in LANGS}}


def versions_of(initiative_id: int) -> list[RoadmapVersion]:
    return list(db.session.scalars(select(RoadmapVersion).where(RoadmapVersion.initiative_id == initiative_id)
                                   .order_by(RoadmapVersion.number)))
