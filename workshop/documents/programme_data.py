"""The facts of the programme roadmap and of the programme's data workbook (issue 11, parts 4–5).

`roadmap_facts` gathers every agreed item of every initiative of a programme — with its horizon's
year when the programme sets its start year, its lead institution, indicator (baseline → target by
year), budget with source and price year — the policy reforms grouped by the institution that must
act, and the totals by axis, horizon, lead institution and budget source (counts and sums, counted
the one way `data._budget` counts money). `programme_tables` gathers the programme's raw data as
typed sheets (numbers as numbers, shares as shares, dates as dates): items, sessions,
participation, decisions and rounds.

The record's rules are data.py's and are used from there: removed participants are left out and
a merged duplicate counts once (`data._room`); in an anonymous round a sector cell under the
minimum size is withheld (`data._hidden_sectors`) and the cell says so in words; computed results
are worded as thresholds reached or not (`data._item_phrase`). Text comes out in the document's
language; the builders (programme_roadmap_pdf/_docx, programme_xlsx) need neither Flask nor the
database.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..programmes.models import Item, Programme
from ..sessions.models import SECTORS, Session
from ..voting import anonymity, rules
from ..voting.models import Decision, Round
from .data import (
    HORIZON_ORDER,
    Fmt,
    Meta,
    Sheet,
    _budget,
    _code,
    _hidden_sectors,
    _item_phrase,
    _meta,
    _pause,
    _room,
    _round_state,
    _session_title,
    _stem,
    _tr,
    _withheld,
    _withheld_legend,
)
from .text import Text

#: Horizons in roadmap order, "no horizon" last (never counted as long term).
HORIZONS = ("short", "medium", "long", None)
#: Where a budget comes from, "not specified" last.
SOURCES = ("public", "private", "mixed", None)


def normal_key(name: Optional[str]) -> str:
    """The key two spellings of one name share when they differ only by case or spaces."""
    return " ".join((name or "").split()).casefold()


def _spelling(names: list[str]) -> str:
    """The spelling a group is shown with: its most frequent one (the first seen on a tie), spaces tidied."""
    tidy = [" ".join(n.split()) for n in names]
    counts = Counter(tidy)
    return max(tidy, key=lambda n: (counts[n], -tidy.index(n)))


def source_label(code: Optional[str], t: Text) -> str:
    words = {"public": t.pgettext("budget source", "Public"), "private": t.pgettext("budget source", "Private"),
             "mixed": t.pgettext("budget source", "Mixed")}
    return words.get(code, t.pgettext("budget source", "Not specified"))


def horizon_years(programme: Programme) -> dict[Optional[str], Optional[int]]:
    """The year each horizon is due by (start year + its length), or None when no start year is set."""
    start = programme.start_year
    if start is None:
        return {h: None for h in HORIZONS}
    return {"short": start + (programme.short_horizon_years or 0),
            "medium": start + (programme.medium_horizon_years or 0),
            "long": start + (programme.long_horizon_years or 0), None: None}


def horizon_label(horizon: Optional[str], year: Optional[int], t: Text) -> str:
    """'Corto plazo (al 2024)' / 'Short term (by 2024)'; 'Sin horizonte' for none."""
    name = t.label("horizons", horizon) if horizon else t.gettext("No horizon")
    return t.gettext("%(horizon)s (by %(year)s)", horizon=name, year=str(year)) if year else name


# --- The programme roadmap -----------------------------------------------------------------------


@dataclass
class RoadmapItem:
    id: int
    code: str
    kind: str
    kind_label: str
    title: str
    description: str
    initiative_id: int
    initiative: str
    axis: str
    horizon: Optional[str]
    #: 'Corto plazo (al 2024)' (the year only when the programme sets its start year).
    horizon_label: str
    horizon_year: Optional[int]
    lead: str
    #: The lead institution's name as grouped (case and spaces normalised; "" when none).
    lead_key: str
    partners: str
    indicator: str
    baseline: str
    target: str
    target_year: Optional[int]
    verification: str
    #: "Rendimiento (t/ha): de 1,2 a 2,0 al 2026" — the indicator as a funder reads it.
    indicator_text: str
    budget_pen: Optional[int]
    #: "S/ 1.250.000" or "Sin estimar".
    budget: str
    budget_source: Optional[str]
    source_label: str
    price_year: Optional[int]
    #: "S/ 1.250.000 · pública · precios de 2022".
    budget_text: str


@dataclass
class TotalRow:
    label: str
    items: int
    lines: int
    reforms: int
    budget_pen: int
    not_estimated: int


@dataclass
class Totals:
    code: str  # axis | horizon | lead | source
    title: str
    #: The first column's heading ("Eje estratégico", "Horizonte"…).
    column: str
    rows: list[TotalRow]
    total: TotalRow
    #: The workbook's sheet name (at most 31 characters).
    sheet: str = ""


@dataclass
class LeadGroup:
    """The policy reforms one institution must act on."""

    lead: str
    items: list[RoadmapItem]
    budget_pen: int
    not_estimated: int


@dataclass
class InitiativeBlock:
    id: int
    name: str
    region: str
    items: list[RoadmapItem]


@dataclass
class ProgrammeRoadmapFacts:
    meta: Meta
    id: int
    name: str
    institution: str
    description: str
    start_year: Optional[int]
    #: [(horizon label, what it means)]: "Corto plazo (al 2024)", "hasta 2 años desde 2022".
    horizons: list[tuple[str, str]]
    initiatives: list[InitiativeBlock]
    items: list[RoadmapItem]
    reforms_by_lead: list[LeadGroup]
    totals: list[Totals]
    figures: list[tuple[str, str]]
    budget_total_pen: int
    not_estimated: list[str]
    #: What the money is (sum of estimates at each item's price year) and which items are not estimated.
    budget_note: str
    is_empty: bool
    filename_stem: str
    #: Column headings and words the builders share (in the document's language).
    words: dict[str, str] = field(default_factory=dict)


def _items_of(programme: Programme) -> list[Item]:
    ids = [i.id for i in programme.initiatives]
    if not ids:
        return []
    return db.session.scalars(select(Item).where(Item.initiative_id.in_(ids), Item.status == "agreed",
                                                 Item.is_archived.is_(False)).order_by(Item.id)).all()


def _indicator_text(item: Item, lang: str, t: Text) -> str:
    indicator = _tr(item, "indicator", lang)
    baseline, target = (item.baseline or "").strip(), (item.target or "").strip()
    path = ""  # worded, not drawn as an arrow: Vera has no "→"
    if baseline and target:
        path = t.gettext("from %(baseline)s to %(target)s", baseline=baseline, target=target)
    elif target:
        path = t.gettext("target %(target)s", target=target)
    elif baseline:
        path = t.gettext("baseline %(baseline)s", baseline=baseline)
    if item.target_year:
        path = t.gettext("%(path)s by %(year)s", path=path, year=str(item.target_year)) if path else \
            t.gettext("by %(year)s", year=str(item.target_year))
    if indicator and path:
        return f"{indicator}: {path}"
    return indicator or path or "—"


def _total(label: str, items: list[RoadmapItem]) -> TotalRow:
    amount, missing = _budget(items)
    lines = sum(1 for i in items if i.kind == "action_line")
    return TotalRow(label, len(items), lines, len(items) - lines, amount, len(missing))


def roadmap_facts(programme_id: int, lang: str = "es") -> Optional[ProgrammeRoadmapFacts]:
    """Everything the programme roadmap says, or None if there is no such programme."""
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        return None
    t, fmt = Text(lang), Fmt(lang)
    meta = _meta(lang, t.gettext("Programme roadmap"), programme.name, programme.name, programme)
    years = horizon_years(programme)
    no_axis, no_lead = t.gettext("No axis"), t.gettext("No lead institution")
    initiatives = list(programme.initiatives)
    position = {i.id: n for n, i in enumerate(initiatives)}
    names = {i.id: _tr(i, "name", lang) for i in initiatives}
    raw = _items_of(programme)
    _pause()

    def row(item: Item) -> RoadmapItem:
        year = years.get(item.horizon)
        source = source_label(item.budget_source, t)
        money = fmt.money(item.budget_pen) if item.budget_pen is not None else t.gettext("Not estimated")
        parts = [money]
        if item.budget_pen is not None:
            if item.budget_source:
                parts.append(source.lower())
            if item.budget_price_year:
                parts.append(t.gettext("prices of %(year)s", year=str(item.budget_price_year)))
        lead = " ".join((item.lead_institution or "").split())
        return RoadmapItem(
            id=item.id, code=_code(item, item.id), kind=item.kind, kind_label=t.label("kinds", item.kind),
            title=_tr(item, "title", lang), description=_tr(item, "description", lang),
            initiative_id=item.initiative_id, initiative=names.get(item.initiative_id, ""),
            axis=" ".join(_tr(item, "axis", lang).split()) or no_axis, horizon=item.horizon,
            horizon_label=horizon_label(item.horizon, year, t), horizon_year=year, lead=lead or no_lead,
            lead_key=normal_key(lead), partners=item.partners or "—", indicator=_tr(item, "indicator", lang),
            baseline=item.baseline or "", target=item.target or "", target_year=item.target_year,
            verification=item.verification or "", indicator_text=_indicator_text(item, lang, t),
            budget_pen=item.budget_pen, budget=money, budget_source=item.budget_source, source_label=source,
            price_year=item.budget_price_year, budget_text=" · ".join(parts))

    rows = [row(i) for i in raw]
    # Axes: one group per axis whatever its case or spacing, shown as most often written.
    axis_names: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        axis_names[normal_key(r.axis)].append(r.axis)
    for r in rows:
        r.axis = _spelling(axis_names[normal_key(r.axis)])
    lead_names: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r.lead_key:
            lead_names[r.lead_key].append(r.lead)
    for r in rows:
        if r.lead_key:
            r.lead = _spelling(lead_names[r.lead_key])

    # Items by initiative (programme order), then axis (first seen), horizon, kind, code.
    axis_order: dict[str, int] = {}
    for r in sorted(rows, key=lambda r: (position.get(r.initiative_id, 0), r.id)):
        axis_order.setdefault(r.axis, len(axis_order))
    rows.sort(key=lambda r: (position.get(r.initiative_id, 0), axis_order[r.axis], HORIZON_ORDER[r.horizon],
                             r.kind, r.id))
    blocks = [InitiativeBlock(i.id, names[i.id], i.region or "", [r for r in rows if r.initiative_id == i.id])
              for i in initiatives]

    # Policy reforms by the institution that must act (no lead last).
    by_lead: dict[str, list[RoadmapItem]] = defaultdict(list)
    for r in rows:
        if r.kind == "policy_reform":
            by_lead[r.lead_key].append(r)
    reforms = []
    for key in sorted(by_lead, key=lambda k: (k == "", by_lead[k][0].lead.casefold())):
        group = sorted(by_lead[key], key=lambda r: (HORIZON_ORDER[r.horizon], position.get(r.initiative_id, 0),
                                                   r.id))
        total = _total("", group)
        reforms.append(LeadGroup(group[0].lead, group, total.budget_pen, total.not_estimated))

    # Totals by axis, horizon, lead institution and budget source.
    sheets = {"axis": t.gettext("By axis"), "horizon": t.gettext("By horizon"),
              "lead": t.gettext("By lead institution"), "source": t.gettext("By budget source")}

    def totals(code: str, title: str, column: str, keys: list, key_of, label_of) -> Totals:
        groups = [(label_of(k), [r for r in rows if key_of(r) == k]) for k in keys]
        return Totals(code, title, column, [_total(label, items) for label, items in groups],
                      _total(t.gettext("Total"), rows), sheets[code])

    axes = sorted(axis_order, key=axis_order.get)
    leads = sorted({r.lead_key for r in rows}, key=lambda k: (k == "", -sum(1 for r in rows if r.lead_key == k),
                                                              next(r.lead for r in rows if r.lead_key == k).casefold()))
    lead_label = {r.lead_key: r.lead for r in rows}
    all_totals = [
        totals("axis", t.gettext("Totals by strategic axis"), t.gettext("Strategic axis"), axes, lambda r: r.axis,
               lambda k: k),
        totals("horizon", t.gettext("Totals by horizon"), t.gettext("Horizon"), list(HORIZONS), lambda r: r.horizon,
               lambda k: horizon_label(k, years.get(k), t)),
        totals("lead", t.gettext("Totals by lead institution"), t.gettext("Lead institution"), leads,
               lambda r: r.lead_key, lambda k: lead_label[k]),
        totals("source", t.gettext("Totals by budget source"), t.gettext("Budget source"), list(SOURCES),
               lambda r: r.budget_source, lambda k: source_label(k, t)),
    ]

    budget_total, missing = _budget(rows)
    not_estimated = [f"{r.code} ({r.initiative})" for r in rows if r.budget_pen is None]
    price_years = sorted({r.price_year for r in rows if r.budget_pen is not None and r.price_year})
    unpriced = sum(1 for r in rows if r.budget_pen is not None and not r.price_year)
    note = [t.gettext("Budgets are estimates in soles, added up as given for each item.")]
    if price_years:
        note.append(t.ngettext("Prices of the year %(years)s.", "Prices of the years %(years)s.", len(price_years),
                               years=", ".join(str(y) for y in price_years)))
    if unpriced:
        note.append(t.ngettext("%(num)s estimate does not say the year of its prices.",
                               "%(num)s estimates do not say the year of their prices.", unpriced))
    if missing:
        note.append(t.ngettext("%(num)s agreed item has no estimated budget (%(codes)s): the totals leave it out.",
                               "%(num)s agreed items have no estimated budget (%(codes)s): the totals leave them "
                               "out.", len(missing), codes=", ".join(not_estimated)))

    horizons = []
    for h, length in (("short", programme.short_horizon_years), ("medium", programme.medium_horizon_years),
                      ("long", programme.long_horizon_years)):
        meaning = t.ngettext("up to %(num)s year from %(start)s", "up to %(num)s years from %(start)s", length or 0,
                             start=str(programme.start_year)) if programme.start_year else t.ngettext(
            "up to %(num)s year", "up to %(num)s years", length or 0)
        horizons.append((horizon_label(h, years[h], t), meaning))

    n_lines = sum(1 for r in rows if r.kind == "action_line")
    with_items = sum(1 for b in blocks if b.items)
    figures = [(f"{fmt.int(with_items)} / {fmt.int(len(initiatives))}", t.gettext("Initiatives with agreed items")),
               (fmt.int(n_lines), t.gettext("Action lines agreed")),
               (fmt.int(len(rows) - n_lines), t.gettext("Reforms agreed")),
               (fmt.int(len({r.lead_key for r in rows if r.lead_key})), t.gettext("Lead institutions")),
               (fmt.money_short(budget_total), t.gettext("Estimated budget"))]
    words = {"code": t.gettext("Code"), "title": t.gettext("Title"), "initiative": t.gettext("Initiative"),
             "kind": t.gettext("Kind"), "axis": t.gettext("Strategic axis"), "horizon": t.gettext("Horizon"),
             "year": t.gettext("Due by"), "lead": t.gettext("Lead institution"), "partners": t.gettext("Partners"),
             "indicator": t.gettext("Indicator"), "baseline": t.gettext("Baseline"), "target": t.gettext("Target"),
             "target_year": t.gettext("Target year"), "verification": t.gettext("Means of verification"),
             "budget": t.gettext("Budget"), "budget_pen": t.gettext("Budget (S/)"),
             "source": t.gettext("Budget source"), "price_year": t.gettext("Price year"),
             "items": t.gettext("Items"), "lines": t.gettext("Action lines"), "reforms": t.gettext("Policy reforms"),
             "not_estimated": t.gettext("Not estimated"), "description": t.gettext("Description"),
             "total": t.gettext("Total")}
    return ProgrammeRoadmapFacts(
        meta=meta, id=programme.id, name=programme.name, institution=programme.institution or "",
        description=_tr(programme, "description", lang), start_year=programme.start_year, horizons=horizons,
        initiatives=blocks, items=rows, reforms_by_lead=reforms, totals=all_totals, figures=figures,
        budget_total_pen=budget_total, not_estimated=not_estimated, budget_note=" ".join(note),
        is_empty=not rows, filename_stem=_stem(t.gettext("Programme roadmap"), programme.id, programme.name),
        words=words)


# --- The programme's data workbook ------------------------------------------------------------------


@dataclass
class TypedSheet(Sheet):
    """A sheet whose columns say how their numbers read: {column index: 'int' | 'money' | 'pct' |
    'datetime' | 'year'} (text columns are not listed)."""

    formats: dict[int, str] = field(default_factory=dict)


@dataclass
class ProgrammeTables:
    meta: Meta
    info: list[tuple[str, Any]]
    sheets: list[TypedSheet]
    filename_stem: str
    note: str


def _share(figures: dict, method: str, item_id: int) -> Optional[float]:
    """The support of one item in a tally or a sector's figures (None when nobody voted)."""
    if not (figures or {}).get("total"):
        return None
    share = figures.get("support")
    if method not in rules.SINGLE_ITEM_METHODS and isinstance(share, dict):
        share = share.get(str(item_id))
    return share if isinstance(share, (int, float)) else None


def programme_tables(programme_id: int, lang: str = "es") -> Optional[ProgrammeTables]:
    """The programme's raw data as typed sheets, or None if there is no such programme."""
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        return None
    t, fmt = Text(lang), Fmt(lang)
    meta = _meta(lang, t.gettext("Programme data"), programme.name, programme.name, programme)
    yes, no = t.gettext("Yes"), t.gettext("No")
    withheld = _withheld(t)
    sectors = {s: t.label("sectors", s) for s in SECTORS}
    initiatives = list(programme.initiatives)
    names = {i.id: _tr(i, "name", lang) for i in initiatives}
    ids = list(names)
    years = horizon_years(programme)

    # Items: every item of every initiative, archived and merged ones marked.
    items = db.session.scalars(select(Item).where(Item.initiative_id.in_(ids)).order_by(Item.initiative_id, Item.id)
                               ).all() if ids else []
    by_id = {i.id: i for i in items}
    order = {i.id: n for n, i in enumerate(initiatives)}
    items = sorted(items, key=lambda i: (order.get(i.initiative_id, 0), i.kind, i.id))
    items_sheet = TypedSheet(
        "items", t.gettext("Items"),
        [t.gettext("ID"), t.gettext("Initiative"), t.gettext("Code"), t.gettext("Kind"), t.gettext("Title"),
         t.gettext("Status"), t.gettext("Strategic axis"), t.gettext("Horizon"), t.gettext("Due by"),
         t.gettext("Lead institution"), t.gettext("Partners"), t.gettext("Indicator"), t.gettext("Baseline"),
         t.gettext("Target"), t.gettext("Target year"), t.gettext("Means of verification"),
         t.gettext("Budget (S/)"), t.gettext("Budget source"), t.gettext("Price year"), t.gettext("Merged into"),
         t.gettext("Archived"), t.gettext("Description")], [],
        [8, 30, 9, 16, 50, 12, 28, 16, 10, 34, 34, 40, 20, 20, 10, 34, 16, 14, 10, 12, 10, 60],
        {0: "int", 8: "year", 14: "year", 16: "money", 18: "year"})
    for i in items:
        merged = by_id.get(i.merged_into_id)
        items_sheet.rows.append([
            i.id, names.get(i.initiative_id, ""), _code(i, i.id), t.label("kinds", i.kind), _tr(i, "title", lang),
            t.label("item_statuses", i.status), _tr(i, "axis", lang), t.label("horizons", i.horizon) if i.horizon
            else "", years.get(i.horizon), i.lead_institution or "", i.partners or "", _tr(i, "indicator", lang),
            i.baseline or "", i.target or "", i.target_year, i.verification or "", i.budget_pen,
            source_label(i.budget_source, t) if i.budget_source else "", i.budget_price_year,
            _code(merged, merged.id) if merged else "", yes if i.is_archived else no, _tr(i, "description", lang)])
    _pause()

    # Sessions and participation: people who count (removed left out, merged duplicates once).
    sessions = db.session.scalars(
        select(Session).where(Session.initiative_id.in_(ids)).options(selectinload(Session.phase))
        .order_by(func.coalesce(Session.started_at, Session.starts_at), Session.id)).all() if ids else []
    sessions_sheet = TypedSheet(
        "sessions", t.gettext("Sessions"),
        [t.gettext("ID"), t.gettext("Initiative"), t.gettext("Phase"), t.gettext("Phase name"), t.gettext("Session"),
         t.gettext("Status"), t.gettext("Held from"), t.gettext("Held until"), t.gettext("Scheduled for"),
         t.gettext("Place"), t.gettext("Participants")] + [sectors[s] for s in SECTORS]
        + [t.gettext("Organisations")], [],
        [8, 30, 8, 26, 44, 12, 18, 18, 18, 34, 12] + [12] * len(SECTORS) + [14],
        {0: "int", 2: "int", 6: "datetime", 7: "datetime", 8: "datetime", 10: "int",
         **{11 + n: "int" for n in range(len(SECTORS) + 1)}})
    participation = TypedSheet(
        "participation", t.gettext("Participation"),
        [t.gettext("Session ID"), t.gettext("Initiative"), t.gettext("Phase"), t.gettext("Session"),
         t.gettext("Held from"), t.gettext("Sector"), t.gettext("People"), t.gettext("Share of the session"),
         t.gettext("Organisations")], [],
        [10, 30, 8, 44, 18, 16, 10, 14, 14],
        {0: "int", 2: "int", 4: "datetime", 6: "int", 7: "pct", 8: "int"})
    session_by_id = {}
    for n, s in enumerate(sessions, start=1):
        session_by_id[s.id] = s
        room = _room(s.id, t)
        people = list(room.people.values())
        count = Counter(p.sector for p in people)
        orgs: dict[str, set] = defaultdict(set)
        for p in people:
            orgs[p.sector].add(normal_key(p.organisation))
        title = _session_title(s, lang)
        sessions_sheet.rows.append(
            [s.id, names.get(s.initiative_id, ""), s.phase.number, _tr(s.phase, "name", lang), title,
             t.label("session_statuses", s.status), fmt.local(s.started_at), fmt.local(s.ended_at),
             fmt.local(s.starts_at), s.place or "", len(people)] + [count.get(x, 0) for x in SECTORS]
            + [len({normal_key(p.organisation) for p in people})])
        for sector in SECTORS:
            participation.rows.append(
                [s.id, names.get(s.initiative_id, ""), s.phase.number, title, fmt.local(s.started_at), sectors[sector],
                 count.get(sector, 0), count.get(sector, 0) / len(people) if people else None,
                 len(orgs.get(sector, ()))])
        if n % 10 == 0:
            _pause()
    _pause()

    # Rounds: one row per round and item (dots and ranking give a result per item).
    from ..voting.services import current_tally

    session_ids = list(session_by_id)
    rounds = db.session.scalars(
        select(Round).where(Round.session_id.in_(session_ids), Round.state != "draft")
        .options(selectinload(Round.entries)).order_by(Round.id)).all() if session_ids else []
    round_by_id = {r.id: r for r in rounds}
    extra = {e.item_id for r in rounds for e in r.entries} - set(by_id)
    if extra:
        by_id.update({i.id: i for i in db.session.scalars(select(Item).where(Item.id.in_(extra)))})
    rounds_sheet = TypedSheet(
        "rounds", t.gettext("Rounds"),
        [t.gettext("Round ID"), t.gettext("Initiative"), t.gettext("Session ID"), t.gettext("Session"),
         t.gettext("Phase"), t.gettext("Method"), t.pgettext("round", "Anonymous"), t.gettext("State"),
         t.gettext("Code"), t.gettext("Item"), t.gettext("Votes"), t.gettext("Support")]
        + [f"{sectors[s]}: " + t.gettext("Votes").lower() for s in SECTORS]
        + [f"{sectors[s]}: " + t.gettext("Support").lower() for s in SECTORS]
        + [t.gettext("Threshold"), t.gettext("Computed outcome"), t.gettext("Explanation")], [],
        [10, 30, 10, 40, 8, 24, 10, 10, 9, 44, 8, 10] + [12] * (2 * len(SECTORS)) + [10, 40, 60],
        {0: "int", 2: "int", 4: "int", 10: "int", 11: "pct", **{12 + n: "int" for n in range(len(SECTORS))},
         **{12 + len(SECTORS) + n: "pct" for n in range(len(SECTORS))}, 12 + 2 * len(SECTORS): "pct"})
    any_withheld = False
    for r in rounds:
        s = session_by_id[r.session_id]
        tally = current_tally(r)
        hidden = _hidden_sectors(r, tally)
        any_withheld = any_withheld or bool(hidden)
        single = r.method in rules.SINGLE_ITEM_METHODS
        per_item = ((r.outcome_detail or {}).get("items") or {}) if r.state == "closed" else {}
        explanation = (anonymity.public_explanation(r, lang) or "") if single and r.state == "closed" else ""
        for entry in r.entries:
            item = by_id.get(entry.item_id)
            if r.state == "closed":
                result = r.outcome if single else per_item.get(str(entry.item_id), r.outcome)
                phrase = _item_phrase(r, entry.item_id, result, t, fmt)
                phrase = phrase[:1].upper() + phrase[1:]
            else:
                phrase = t.gettext("Round still open: provisional figures.")
            by_sector = tally.get("by_sector") or {}
            rounds_sheet.rows.append(
                [r.id, names.get(s.initiative_id, ""), s.id, _session_title(s, lang), s.phase.number,
                 t.label("methods", r.method), yes if r.is_anonymous else no, _round_state(r.state, t),
                 _code(item, entry.item_id), _tr(item, "title", lang) if item else "", tally.get("total", 0),
                 _share(tally, r.method, entry.item_id)]
                + [withheld if x in hidden else (by_sector.get(x) or {}).get("total", 0) for x in SECTORS]
                + [withheld if x in hidden else _share(by_sector.get(x) or {}, r.method, entry.item_id)
                   for x in SECTORS]
                + [r.threshold, phrase, explanation])
    _pause()

    # Decisions: the full history, oldest first; the latest on each item stands.
    decisions = db.session.scalars(
        select(Decision).where(Decision.session_id.in_(session_ids)).options(selectinload(Decision.decided_by))
        .order_by(Decision.decided_at, Decision.id)).all() if session_ids else []
    latest = {d.item_id: d.id for d in decisions}
    decisions_sheet = TypedSheet(
        "decisions", t.gettext("Decisions"),
        [t.gettext("Item ID"), t.gettext("Code"), t.gettext("Item"), t.gettext("Initiative"), t.gettext("Session ID"),
         t.gettext("Session"), t.gettext("Phase"), t.gettext("Round ID"), t.gettext("Computed outcome"),
         t.gettext("Decision"), t.gettext("Departs from computed"), t.gettext("Reason"), t.gettext("Recorded by"),
         t.gettext("Recorded at"), t.gettext("Latest")], [],
        [8, 9, 44, 30, 10, 40, 8, 10, 36, 14, 12, 60, 24, 18, 10],
        {0: "int", 4: "int", 6: "int", 7: "int", 13: "datetime"})
    for d in decisions:
        item = by_id.get(d.item_id) or db.session.get(Item, d.item_id)
        s = session_by_id[d.session_id]
        round_ = round_by_id.get(d.round_id) or (db.session.get(Round, d.round_id) if d.round_id else None)
        computed = _item_phrase(round_, d.item_id, d.computed_outcome, t, fmt) if d.computed_outcome else ""
        decisions_sheet.rows.append([
            d.item_id, _code(item, d.item_id), _tr(item, "title", lang) if item else "",
            names.get(s.initiative_id, ""), s.id, _session_title(s, lang), s.phase.number, d.round_id,
            computed[:1].upper() + computed[1:], t.label("outcomes", d.outcome), yes if d.is_override else no,
            d.reason or "", d.decided_by.name if d.decided_by else "", fmt.local(d.decided_at),
            yes if latest[d.item_id] == d.id else no])

    info = [(t.gettext("Programme"), programme.name), (t.gettext("Institution"), programme.institution or ""),
            (t.gettext("Initiatives"), len(initiatives)), (t.gettext("Sessions"), len(sessions)),
            (t.gettext("Items"), len(items)), (t.gettext("Voting rounds"), len(rounds)),
            (t.gettext("Decisions"), len(decisions))]
    note = " ".join(x for x in (
        t.gettext("Participants the facilitator removed, and their votes, comments and up-votes, are left out; a "
                  "merged duplicate counts once, as the participant it was merged into."),
        _withheld_legend(t) if any_withheld else "",
        t.gettext("Shares are stored as numbers (0.667) shown as percentages; amounts in soles; times in the "
                  "programme's local time.")) if x)
    return ProgrammeTables(meta, info, [items_sheet, sessions_sheet, participation, decisions_sheet, rounds_sheet],
                           _stem(t.gettext("Programme data"), programme.id, programme.name), note)


__all__ = ["roadmap_facts", "programme_tables", "ProgrammeRoadmapFacts", "ProgrammeTables", "TypedSheet",
           "normal_key", "horizon_years", "source_label"]
