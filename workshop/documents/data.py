"""The facts of a session, an initiative or a programme, gathered from the database in one place.

Every document format renders these plain dataclasses and nothing else: the PDF and the DOCX of
the minutes get the very same `SessionFacts`, so they say the same thing; the spreadsheets get
`SessionTables`. Text comes out already in the document's language (titles, labels, dates,
percentages), so the builders need neither Flask nor the database and can run in a worker
thread (see `api.py`).

The record's rules live here too (docs/documents.md, "The record"), so that every format obeys
them alike. Anonymity: for an anonymous round nothing that links a person to a vote value is ever
gathered — no names, no organisations, no participant ids, no times; the rows of the raw data are
sorted by sector and value, not by when they were cast; small sector cells are withheld
(`voting.anonymity`) and said so, and so is an outcome sentence that would name one. Decisions
are history (every one listed, the latest stands); computed results are worded as thresholds
reached or not, per item in dots and ranking rounds. Removed participants are left out and a
merged duplicate counts once (`_room`). Sessions are dated by when they were held; items carry
their stable codes; items without horizon or budget are counted one way (`_budget`).
"""
from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional

from babel.dates import format_date, format_datetime, format_time, get_timezone, get_timezone_gmt
from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..eventlog import Event
from ..extensions import db
from ..programmes.models import Initiative, Item, Phase, Programme
from ..reports.stats import programme_stats
from ..sessions.models import SECTORS, Comment, CommentUpvote, Participant, Proposal, Session, Stakeholder
from ..util import utcnow
from ..voting import anonymity, rules
from ..voting.models import Decision, Round, RoundItem, Vote
from . import branding as _branding
from . import participation as _participation
from . import style
from .text import Text

#: Most up-voted visible comments shown per item in the minutes.
TOP_COMMENTS = 5


def _pause() -> None:
    """Let other work run between the stages of a big gathering.

    Under eventlet or gevent (monkey-patched) `time.sleep(0)` yields to the event loop, so vote
    acks interleave with a document's queries; with real threads it just yields the GIL.
    """
    time.sleep(0)


# --- Formatting in the document's language ------------------------------------------------------


class Fmt:
    """Dates and times in one language and the programme's time zone; numbers through `Text` (Babel)."""

    def __init__(self, lang: str):
        self.lang = lang
        self.text = Text(lang)
        self.tz = get_timezone(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "America/Lima")

    def local(self, dt: Optional[datetime]) -> Optional[datetime]:
        if dt is None:
            return None
        if dt.tzinfo is None:
            from datetime import timezone

            dt = dt.replace(tzinfo=timezone.utc)
        return dt.astimezone(self.tz)

    def date(self, dt: Optional[datetime]) -> str:
        """'4 de abril de 2022' / 'April 4, 2022'."""
        return format_date(self.local(dt), "long", locale=self.lang) if dt else ""

    def short_date(self, dt: Optional[datetime]) -> str:
        """'4 abr 2022' / '4 Apr 2022'."""
        return format_date(self.local(dt), "d MMM y", locale=self.lang) if dt else ""

    def time(self, dt: Optional[datetime]) -> str:
        """'15:10' (24 hours in both languages, as the room's clock)."""
        return format_time(self.local(dt), "HH:mm", locale=self.lang) if dt else ""

    def datetime(self, dt: Optional[datetime]) -> str:
        """'4 abr 2022, 15:10'."""
        return format_datetime(self.local(dt), "d MMM y, HH:mm", locale=self.lang) if dt else ""

    def offset(self, dt: datetime) -> str:
        """The time zone's offset from UTC at `dt`: 'GMT-05:00'."""
        return get_timezone_gmt(self.local(dt), "long", locale=self.lang)

    def pct(self, share: Optional[float]) -> str:
        return self.text.percent(share)

    def dec(self, value: Optional[float], places: int = 2) -> str:
        return self.text.decimal(value, places)

    def int(self, value: Optional[int]) -> str:
        return self.text.number(value)

    def money(self, pen: Optional[int]) -> str:
        return self.text.money(pen)

    def money_short(self, pen: Optional[int]) -> str:
        """'S/ 16,2 millones' for key-figure bands; exact amounts stay in the tables."""
        return self.text.money_short(pen)


def _tr(obj, field_name: str, lang: str) -> str:
    """The English field in English when it is filled in, else the Spanish one."""
    english = getattr(obj, f"{field_name}_en", "") if lang == "en" else ""
    return english or getattr(obj, field_name, "") or ""


def _session_title(session: Session, lang: str) -> str:
    """The session's title; the demo's "<initiative> — <phase>" titles are rebuilt in English."""
    initiative, phase = session.initiative, session.phase
    if lang == "en" and session.title == f"{initiative.name} — {phase.name}":
        return f"{_tr(initiative, 'name', lang)} — {_tr(phase, 'name', lang)}"
    return session.title


@dataclass
class Meta:
    """What every document carries in its header, footer and file properties."""

    lang: str
    #: The words and number formats of the document's language (usable without Flask).
    text: Text
    generated: str
    doc_title: str
    header_left: str
    #: Names of the sectors and item kinds in this language (builders run without Flask).
    sector_labels: dict[str, str] = field(default_factory=dict)
    kind_labels: dict[str, str] = field(default_factory=dict)
    #: The file's properties: its full title (the document and what it is about), its author
    #: (the programme's institution, else the programme), subject and when it was made.
    title: str = ""
    author: str = "Mesa"
    created: Optional[datetime] = None
    subject: str = ""
    #: The programme's logos and acknowledgement (covers and headers of every PDF and DOCX).
    branding: _branding.Branding = field(default_factory=_branding.Branding)
    #: Mesa's public address (WORKSHOP_PUBLIC_URL, no trailing slash), "" when it has none: documents
    #: then link each item to its page, `<link_base>/items/<id>`.
    link_base: str = ""

    def item_url(self, item_id: int) -> str:
        """The address of an item's page (its whole history), or "" without a public address."""
        return f"{self.link_base}/items/{item_id}" if self.link_base else ""


def _meta(lang: str, doc_title: str, header_left: str, subject: str, programme: Programme) -> Meta:
    """The header, footer and properties of a document titled `doc_title` about `subject`."""
    fmt, t = Fmt(lang), Text(lang)
    now = utcnow()
    generated = t.gettext("Generated by Mesa on %(date)s, %(time)s (%(offset)s)",
                          date=fmt.date(now), time=fmt.time(now), offset=fmt.offset(now))
    return Meta(lang, t, generated, doc_title, header_left,
                {s: t.label("sectors", s) for s in SECTORS},
                {k: t.label("kinds", k) for k in ("action_line", "policy_reform")},
                title=f"{doc_title} — {subject}" if subject else doc_title,
                author=programme.institution or programme.name,
                created=now, subject=header_left, branding=_branding.of(programme, lang), link_base=_public_url())


def _public_url() -> str:
    """WORKSHOP_PUBLIC_URL as the app was configured with it ("" outside an app or without one)."""
    try:
        from flask import current_app

        return (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    except RuntimeError:
        return ""


# --- Record rules shared by every document ---------------------------------------------------------


def _when(session: Session) -> Optional[datetime]:
    """When a session was held (its start), else when it is scheduled: what orders sessions."""
    return session.started_at or session.starts_at


def _short_date_of(session: Session, t: Text, fmt: Fmt) -> str:
    """'4 abr 2022' for a session held; 'programada para el 4 abr 2022' for one never held."""
    if session.started_at:
        return fmt.short_date(session.started_at)
    if session.starts_at:
        return t.gettext("scheduled for %(date)s", date=fmt.short_date(session.starts_at))
    return t.gettext("Not set")


def _code(item: Optional[Item], item_id: int) -> str:
    """The item's stable code (LA-3, RP-2), given once at creation."""
    return (item.code if item is not None else None) or f"#{item_id}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _withheld(t: Text) -> str:
    """The word a table prints where an anonymous round's small sector cell is withheld."""
    return t.pgettext("figure withheld", "withheld")


def _hidden_sectors(round_: Round, tally: dict) -> set[str]:
    """The sectors of an anonymous round whose figures no document shows (`voting.anonymity`)."""
    if not round_.is_anonymous:
        return set()
    return anonymity.withheld_sectors(tally, anonymity.min_cell())


def _withheld_note(hidden: set[str], t: Text) -> str:
    """The sentence under a table that withholds sector figures, naming the sectors and why."""
    if not hidden:
        return ""
    names = ", ".join(t.label("sectors", s) for s in SECTORS if s in hidden)
    return t.gettext("Figures withheld (%(sectors)s): fewer than %(n)s voters in an anonymous round; when only "
                     "one sector is that small, the next smallest is withheld with it.",
                     sectors=names, n=t.number(anonymity.min_cell()))


def _withheld_legend(t: Text) -> str:
    """What the word 'withheld' in a table means (roadmap evidence, raw data)."""
    return t.gettext("“%(withheld)s”: the figure of a sector with fewer than %(n)s voters in an anonymous round, "
                     "and of the next smallest sector when only one is that small, so that no one's vote can be "
                     "inferred.", withheld=_withheld(t), n=t.number(anonymity.min_cell()))


def _result_phrase(result: Optional[str], reason: Optional[str], threshold: float, t: Text, fmt: Fmt) -> str:
    """A computed result worded as what it is: 'reaches the threshold of 60 %', 'no quorum'…"""
    if result is None:
        return "—"
    if result == "no_quorum":
        return t.gettext("no quorum")
    values = {"threshold": fmt.pct(threshold)}
    if result == "agreed":
        return t.gettext("reaches the threshold of %(threshold)s", **values)
    if reason == "sector_below":
        return t.gettext("does not reach the threshold of %(threshold)s in every sector", **values)
    return t.gettext("does not reach the threshold of %(threshold)s", **values)


def _item_phrase(round_: Optional[Round], item_id: int, result: Optional[str], t: Text, fmt: Fmt,
                 tally: Optional[dict] = None, reason: Optional[str] = None) -> str:
    """What `round_` computed for one of its items, in words (per item in dots and ranking rounds)."""
    if result is None:
        return "—"
    if round_ is None:
        return t.label("outcomes", result)
    if round_.method in rules.SINGLE_ITEM_METHODS:
        reason = reason or (round_.outcome_detail or {}).get("reason")
    else:
        support = (((tally if tally is not None else round_.final_tally) or {}).get("support") or {}).get(
            str(item_id))
        below = round_.is_cross_sector and isinstance(support, (int, float)) and support >= round_.threshold
        reason = "sector_below" if result == "rejected" and below else None
    return _result_phrase(result, reason, round_.threshold, t, fmt)


def _budget(items) -> tuple[int, list]:
    """(sum of the estimated budgets, the items with none): the one way every document counts money.
    An item without horizon or axis counts like any other; one without a budget is 'not estimated'."""
    return sum(i.budget_pen or 0 for i in items), [i for i in items if i.budget_pen is None]


# --- Session minutes ------------------------------------------------------------------------------


@dataclass
class SectorCount:
    code: str
    label: str
    colour: str
    count: int
    share: str
    organisations: int = 0


@dataclass
class Person:
    id: int
    name: str
    organisation: str
    sector: str
    sector_label: str
    region: str
    joined_at: Optional[datetime]
    #: As given on joining (None: not asked); only ever reported in aggregate (`participation`).
    sex: Optional[str] = None


@dataclass
class Table:
    """A table as the documents print it: header cells and rows of text."""

    headers: list[str]
    rows: list[list[str]]
    #: Sector code of each row (None for the total row), for the swatch beside the name.
    row_sectors: list[Optional[str]] = field(default_factory=list)
    #: Relative column widths.
    widths: list[float] = field(default_factory=list)
    #: Columns aligned right (numbers).
    numeric: list[int] = field(default_factory=list)


@dataclass
class Chart:
    """What to draw: a kind understood by the builders' `figure()` and its data."""

    kind: str
    rows: list = field(default_factory=list)
    legend: list = field(default_factory=list)
    threshold: Optional[float] = None
    threshold_label: str = ""
    series: list = field(default_factory=list)
    fmt_lang: str = "es"


@dataclass
class RoundFacts:
    id: int
    number: int
    name: str  # "Ronda 3"
    method: str
    method_label: str
    heading: str  # "Ronda 3 · A favor / neutral / en contra"
    mode: str  # "Voto anónimo · resultados en vivo"
    rule: str
    is_anonymous: bool
    state: str
    state_note: str
    items: list[tuple[str, int, str]]  # (item code, item id, title)
    total: int
    table: Table
    chart: Optional[Chart]
    outcome: Optional[str]
    #: The computed result in words, never a verdict for a multi-item round: "no alcanza el umbral de
    #: 60 %" (one item), "2 de 4 ítems alcanzan el umbral de 50 %" (dots, ranking).
    result_text: str
    #: The rules' sentence for a one-item round, with a small anonymous sector's result withheld
    #: (`anonymity.public_explanation`); empty for dots and ranking, which speak per item.
    explanation: str
    #: "Computed result: …" per item of a dots or ranking round ("LA-3 · título: alcanza el umbral…").
    item_lines: list[str] = field(default_factory=list)
    #: The callout's colour: the result of a closed one-item round, else neutral.
    tone: str = "neutral"
    #: Why some sector figures are not shown (anonymous rounds with small cells), else empty.
    withheld_note: str = ""
    #: Only for named rounds — who voted what, never for anonymous ones: groups of
    #: (heading, [(lead, text)]), e.g. ("A favor (27)", [("Público (8):", "Ana Pérez (Municipalidad…); …")]).
    named_votes: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    item_results: dict[int, str] = field(default_factory=dict)
    #: Per item id: the computed result in words, and its line for the item's section.
    item_phrases: dict[int, str] = field(default_factory=dict)
    item_figures: dict[int, str] = field(default_factory=dict)


@dataclass
class DecisionFacts:
    outcome: str
    outcome_label: str
    #: What the round it refers to computed for the item, in words ("alcanza el umbral de 60 %").
    computed_label: str
    is_override: bool
    reason: str
    decided_by: str
    decided_at: str
    #: "The table departed from the computed result (…)." (empty when it did not).
    override_note: str = ""
    #: "Recorded by Ana Pérez, 4 Apr 2022, 16:02." (empty when nobody is known).
    recorded_note: str = ""
    #: One line for the history: "16:02 · Computed result: … · Decision: Deferred".
    line: str = ""


@dataclass
class CommentFacts:
    body: str
    upvotes: int
    pinned: bool
    author: str
    organisation: str
    sector_label: str
    at: str
    #: "1 up-vote" / "12 up-votes" (and "pinned").
    note: str = ""


@dataclass
class ItemFacts:
    id: int
    code: str
    kind: str
    kind_label: str
    title: str
    description: str
    axis: str
    horizon_label: str
    status_label: str
    rounds: list[RoundFacts]
    also_in: list[str]
    #: The table's latest decision in the session: the item's decision.
    decision: Optional[DecisionFacts]
    comments: list[CommentFacts]
    comments_total: int
    #: "3 of 12 visible comments" / "1 visible comment".
    comments_note: str = ""
    #: Every decision on the item in the session, oldest first (the last is `decision`).
    decisions: list[DecisionFacts] = field(default_factory=list)
    #: "The table recorded 2 decisions on this item; the latest stands." (empty for one).
    history_note: str = ""


@dataclass
class ProposalFacts:
    title: str
    kind_label: str
    state_label: str
    author: str
    at: str


@dataclass
class SessionFacts:
    meta: Meta
    id: int
    programme: str
    institution: str
    initiative: str
    phase_number: int
    phase_name: str
    title: str
    #: When the session was held ("4 de abril de 2022"), or "Programada para el …" if it never was.
    date: str
    time: str
    place: str
    facilitators: str
    status: str
    status_label: str
    join_code: str
    summary: list[tuple[str, str]]
    attendance_total: int
    by_sector: list[SectorCount]
    by_organisation: Table
    people: list[Person]
    agenda: Table
    items: list[ItemFacts]
    multi_rounds: list[RoundFacts]
    proposals: list[ProposalFacts]
    timeline: list[tuple[str, str]]
    is_empty: bool
    filename_stem: str
    #: Participation by sex, in aggregate with small groups withheld (`participation`).
    by_sex: Optional[_participation.BySex] = None


def _value_label(method: str, value: Any, t: Text, fmt: Fmt, codes: dict[str, str]) -> str:
    """A vote value as people read it (items by their codes)."""
    if method == "approve":
        return _choice(value, t)
    if method == "score":
        return str(value)
    if method == "impact_feasibility" and isinstance(value, dict):
        return t.gettext("Impact %(impact)s · feasibility %(feasibility)s",
                         impact=value.get("impact"), feasibility=value.get("feasibility"))
    if method == "dots" and isinstance(value, dict):
        return ", ".join(f"{codes.get(str(k), k)}×{n}" for k, n in value.items())
    if method == "ranking" and isinstance(value, list):
        return " > ".join(codes.get(str(k), str(k)) for k in value)
    return json.dumps(value, ensure_ascii=False)


def _choice(value: Any, t: Text) -> str:
    """An approve / neutral / reject vote as the phone's button says it."""
    words = {"approve": t.gettext("Approve"), "neutral": t.gettext("Neutral"), "reject": t.gettext("Reject")}
    return words.get(value, str(value))


def _quadrant(code: Optional[str], t: Text) -> str:
    """The impact × feasibility quadrant of a mean."""
    words = {"quick_win": t.gettext("Quick win"), "strategic": t.gettext("Strategic"), "easy": t.gettext("Easy"),
             "avoid": t.gettext("Avoid")}
    return words.get(code, code or "—")


def _rule_text(round_: Round, t: Text, fmt: Fmt) -> str:
    values = {"quorum": fmt.int(round_.quorum), "threshold": fmt.pct(round_.threshold)}
    if round_.is_cross_sector:
        return t.gettext("Quorum %(quorum)s; threshold %(threshold)s; cross-sector consensus (every sector present "
                         "must reach the threshold).", **values)
    return t.gettext("Quorum %(quorum)s; threshold %(threshold)s.", **values)


def _round_table_and_chart(round_: Round, tally: dict, hidden: set[str], t: Text, fmt: Fmt, lang: str,
                           items: list[tuple[str, int, str]], phrases: dict[int, str]):
    """The round's table and chart from its public tally: a withheld sector's row says so and
    carries no figure; its bar is drawn empty."""
    method = round_.method
    withheld = _withheld(t)
    sector_names = [t.gettext("Total")] + [t.label("sectors", s) + (f" ({withheld})" if s in hidden else "")
                                           for s in SECTORS]
    by_sector = tally.get("by_sector", {})
    if method in ("approve", "score", "impact_feasibility"):
        if method == "approve":
            headers = [t.gettext("Sector"), t.gettext("Votes")] + [
                _choice(k, t) for k in ("approve", "neutral", "reject")] + [
                t.gettext("Support")]

            def cells(f):
                c = f.get("counts") or {}
                return [fmt.int(f.get("total", 0)), fmt.int(c.get("approve", 0)), fmt.int(c.get("neutral", 0)),
                        fmt.int(c.get("reject", 0)), fmt.pct(f.get("support"))]
            widths, numeric = [3.2, 1, 1.1, 1.1, 1.1, 1.2], [1, 2, 3, 4, 5]
        elif method == "score":
            headers = [t.gettext("Sector"), t.gettext("Votes"), "1", "2", "3", "4", "5", t.gettext("Mean"),
                       t.gettext("Support (4–5)")]

            def cells(f):
                c = f.get("counts") or {}
                return [fmt.int(f.get("total", 0))] + [fmt.int(c.get(str(n), 0)) for n in range(1, 6)] + [
                    fmt.dec(f.get("mean")), fmt.pct(f.get("support"))]
            widths, numeric = [3, 0.9, 0.6, 0.6, 0.6, 0.6, 0.6, 0.9, 1.3], list(range(1, 9))
        else:
            headers = [t.gettext("Sector"), t.gettext("Votes"), t.gettext("Mean impact"), t.gettext("Mean feasibility"),
                       t.gettext("Quadrant"), t.gettext("Support")]

            def cells(f):
                q = f.get("quadrant")
                return [fmt.int(f.get("total", 0)), fmt.dec(f.get("impact_mean")), fmt.dec(f.get("feasibility_mean")),
                        _quadrant(q, t), fmt.pct(f.get("support"))]
            widths, numeric = [2.6, 0.9, 1.3, 1.4, 1.4, 1], [1, 2, 3, 5]
        figures = [tally] + [by_sector.get(s) or {"total": 0} for s in SECTORS]
        rows = []
        for name, f in zip(sector_names, figures):
            rows.append([name] + ([withheld] + ["—"] * (len(headers) - 2) if f.get("suppressed") else cells(f)))
        table = Table(headers, rows, [None] + list(SECTORS), widths, numeric)
        chart_rows = []
        for i, f in enumerate(figures):
            swatch = style.SECTOR_COLOURS[SECTORS[i - 1]] if i else None
            n = f.get("total", 0)
            hide = bool(f.get("suppressed"))
            if method == "approve":
                c = f.get("counts") or {}
                parts = [] if hide else [(c.get(k, 0), style.CHOICE_COLOURS[k])
                                         for k in ("approve", "neutral", "reject")]
                chart_rows.append((sector_names[i], parts, swatch, "" if hide else f"n = {fmt.int(n)}", i == 0))
            elif method == "score":
                c = f.get("counts") or {}
                parts = [] if hide else [(c.get(str(k), 0), style.SCORE_COLOURS[str(k)]) for k in range(1, 6)]
                chart_rows.append((sector_names[i], parts, swatch, "" if hide else f"n = {fmt.int(n)}", i == 0))
            else:
                chart_rows.append((sector_names[i], swatch,
                                   [None, None] if hide else [f.get("impact_mean"), f.get("feasibility_mean")]))
        if method == "approve":
            chart = Chart("shares", chart_rows,
                          [(_choice(k, t), style.CHOICE_COLOURS[k]) for k in ("approve", "neutral", "reject")],
                          round_.threshold, t.gettext("threshold %(threshold)s", threshold=fmt.pct(round_.threshold)),
                          fmt_lang=lang)
        elif method == "score":
            legend = [(t.gettext("Score %(score)s", score=1), style.SCORE_COLOURS["1"])] + [
                (str(k), style.SCORE_COLOURS[str(k)]) for k in range(2, 6)]
            chart = Chart("shares", chart_rows, legend, fmt_lang=lang)
        else:
            chart = Chart("grouped", chart_rows, series=[(t.gettext("Impact"), style.SERIES_COLOURS["impact"]),
                                                         (t.gettext("Feasibility"),
                                                          style.SERIES_COLOURS["feasibility"])],
                          fmt_lang=lang)
        return table, chart
    # dots / ranking: one row per item, points per sector, the computed result per item.
    key = "dots" if method == "dots" else "borda"
    headers = [t.gettext("Item"), t.gettext("Points") if method == "dots" else t.pgettext("column", "Borda points")] + [
        t.label("sectors", s) for s in SECTORS] + [t.gettext("Support"), t.gettext("Computed outcome")]
    rows, chart_rows = [], []
    for code, item_id, title in items:
        k = str(item_id)
        per = [None if s in hidden else (by_sector.get(s) or {}).get(key, {}).get(k, 0) for s in SECTORS]
        total = (tally.get(key) or {}).get(k, 0)
        support = (tally.get("support") or {}).get(k)
        rows.append([f"{code} · {title}", fmt.int(total)] + [withheld if n is None else fmt.int(n) for n in per]
                    + [fmt.pct(support), _cap(phrases.get(item_id, "—"))])
        parts = [(n, style.SECTOR_COLOURS[s]) for n, s in zip(per, SECTORS) if n is not None]
        rest = total - sum(n for n, _ in parts)
        if hidden and rest > 0:
            parts.append((rest, style.WITHHELD))
        chart_rows.append((f"{code} · {title}", parts, None, fmt.int(total), False))
    table = Table(headers, rows, [], [4.2, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 2], [1, 2, 3, 4, 5, 6])
    legend = [(t.label("sectors", s), style.SECTOR_COLOURS[s]) for s in SECTORS if s not in hidden]
    if hidden:
        legend.append((t.gettext("Withheld sectors"), style.WITHHELD))
    chart = Chart("values", chart_rows, legend, fmt_lang=lang)
    return table, chart


def _round_facts(round_: Round, number: int, t: Text, fmt: Fmt, lang: str, titles: dict[int, str],
                 codes: dict[int, str], named: dict[int, list[tuple[int, Any]]],
                 people: dict[int, Person]) -> RoundFacts:
    from ..voting.services import current_tally, outcome_of

    tally = current_tally(round_)
    hidden = _hidden_sectors(round_, tally)
    public = anonymity.suppress_tally(tally, anonymity.min_cell()) if hidden else tally
    items = [(codes.get(e.item_id, f"#{e.item_id}"), e.item_id, titles.get(e.item_id, f"#{e.item_id}"))
             for e in round_.entries]
    by_code = {str(item_id): code for code, item_id, _ in items}
    detail = round_.outcome_detail or {}
    single = round_.method in rules.SINGLE_ITEM_METHODS
    if round_.state == "closed":
        outcome, reason = round_.outcome, detail.get("reason")
        explanation = anonymity.public_explanation(round_, lang) if single else ""
        if single and not explanation:
            explanation = rules.Outcome(outcome, reason or "", detail.get("params") or {},
                                        detail.get("items") or {}).explanation(lang)
        item_results = {int(k): v for k, v in (detail.get("items") or {}).items()}
        state_note = ""
    else:
        computed = outcome_of(round_, tally)
        outcome, reason = computed.result, computed.reason
        explanation = ""
        if single:
            names_hidden = (computed.params or {}).get("sector") in hidden
            explanation = t.gettext(
                "Not agreed: one sector did not reach the threshold. Its figure is withheld because it has fewer "
                "than %(n)s voters and the round is anonymous.", n=anonymity.min_cell()) if names_hidden \
                else computed.explanation(lang)
        item_results = {int(k): v for k, v in computed.items.items()}
        state_note = t.gettext("Round still open: provisional figures.")
    if single:
        item_id = items[0][1] if items else None
        phrases = {item_id: _item_phrase(round_, item_id, outcome, t, fmt, tally, reason)} if items else {}
        result_text = phrases.get(item_id, "—")
        item_lines: list[str] = []
    else:
        phrases = {item_id: _item_phrase(round_, item_id, item_results.get(item_id, outcome), t, fmt, tally)
                   for _, item_id, _ in items}
        agreed = sum(1 for _, item_id, _ in items if item_results.get(item_id) == "agreed")
        result_text = t.gettext("no quorum") if outcome == "no_quorum" else t.ngettext(
            "%(num)s of %(items)s items reaches the threshold of %(threshold)s",
            "%(num)s of %(items)s items reach the threshold of %(threshold)s", agreed,
            items=fmt.int(len(items)), threshold=fmt.pct(round_.threshold))
        item_lines = [f"{code} · {title}: {phrases[item_id]}" for code, item_id, title in items]
    table, chart = _round_table_and_chart(round_, public, hidden, t, fmt, lang, items, phrases)
    name = t.gettext("Round %(number)s", number=number)
    mode = " · ".join([t.gettext("Anonymous vote") if round_.is_anonymous else t.gettext("Named vote"),
                       t.gettext("live results") if round_.results == "live"
                       else t.gettext("results hidden until closed")])
    figures = {}
    if not single:
        key = "dots" if round_.method == "dots" else "borda"
        for code, item_id, _ in items:
            points = (tally.get(key) or {}).get(str(item_id), 0)
            support = fmt.pct((tally.get("support") or {}).get(str(item_id)))
            text = t.ngettext("%(num)s dot, support %(support)s: %(result)s",
                              "%(num)s dots, support %(support)s: %(result)s", points,
                              support=support, result=phrases[item_id]) if round_.method == "dots" else t.ngettext(
                "%(num)s Borda point, support %(support)s: %(result)s",
                "%(num)s Borda points, support %(support)s: %(result)s", points,
                support=support, result=phrases[item_id])
            figures[item_id] = text
    facts = RoundFacts(
        id=round_.id, number=number, name=name, method=round_.method,
        method_label=t.label("methods", round_.method),
        heading=f"{name} · {t.label('methods', round_.method)}", mode=mode, rule=_rule_text(round_, t, fmt),
        is_anonymous=round_.is_anonymous, state=round_.state, state_note=state_note, items=items,
        total=tally.get("total", 0), table=table, chart=chart, outcome=outcome, result_text=result_text,
        explanation=explanation or "", item_lines=item_lines,
        tone=outcome if single and round_.state == "closed" and outcome else "neutral",
        withheld_note=_withheld_note(hidden, t), item_results=item_results, item_phrases=phrases,
        item_figures=figures)
    if not round_.is_anonymous:
        facts.named_votes = _named_votes(round_.method, named.get(round_.id, []), people, t, fmt, by_code)
    return facts


def _voter(person: Optional[Person]) -> str:
    if person is None:
        return "—"
    return f"{person.name} ({person.organisation}, {person.sector_label})"


def _named_votes(method, votes, people, t, fmt, codes) -> list[tuple[str, list[tuple[str, str]]]]:
    """Who voted what in a named round: by value, then by sector, for one-item methods; one line per
    voter for dots and ranking."""
    if method in ("dots", "ranking"):
        lines = sorted((people[pid].name.casefold() if pid in people else "", f"{_voter(people.get(pid))}:",
                        _value_label(method, value, t, fmt, codes)) for pid, value in votes)
        return [("", [(who, value) for _, who, value in lines])] if lines else []
    groups: dict[str, dict[str, list[Person]]] = defaultdict(lambda: defaultdict(list))
    order: dict[str, Any] = {}
    for pid, value in votes:
        text = _value_label(method, value, t, fmt, codes)
        person = people.get(pid)
        groups[text][person.sector if person else ""].append(person)
        order[text] = value

    def sort_key(text):
        value = order[text]
        if method == "approve":
            return ("approve", "neutral", "reject").index(value) if value in ("approve", "neutral", "reject") else 9
        if method == "score":
            return -int(value)
        return json.dumps(value, sort_keys=True)

    out = []
    for text in sorted(groups, key=sort_key):
        by_sector = groups[text]
        entries = []
        for sector in list(SECTORS) + [""]:
            found = [p for p in by_sector.get(sector, []) if p is not None]
            if not found:
                continue
            names = "; ".join(f"{p.name} ({p.organisation})" for p in sorted(found, key=lambda p: p.name.casefold()))
            entries.append((f"{found[0].sector_label} ({len(found)}):", names))
        out.append((f"{text} ({sum(len(v) for v in by_sector.values())})", entries))
    return out


def item_label(item: Item, lang: str) -> str:
    """"LA-2 · title" in the language, or the title alone for an item without a code."""
    title = _tr(item, "title", lang)
    return f"{item.code} · {title}" if item.code else title


def outcome_text(decision: Decision, t: Text) -> str:
    """A decision's outcome in words; a merge names the item it went into."""
    target = decision.merged_into
    if target is None:
        return t.label("outcomes", decision.outcome)
    return t.gettext("Merged into %(item)s", item=item_label(target, t.lang))


def _decision_facts(decision: Decision, round_: Optional[Round], t: Text, fmt: Fmt,
                    facilitator_ids: frozenset = frozenset()) -> DecisionFacts:
    computed = _item_phrase(round_, decision.item_id, decision.computed_outcome, t, fmt) \
        if decision.computed_outcome else "—"
    staff = decision.decided_by
    who = staff.name if staff else ""
    if staff and staff.id not in facilitator_ids:  # not one the acta names under "Facilitation": say who it is
        who = f"{staff.name} ({t.label('roles', staff.role)})"
    when = fmt.datetime(decision.decided_at)
    outcome = outcome_text(decision, t)
    line = " · ".join(x for x in (
        fmt.time(decision.decided_at),
        t.gettext("Computed result: %(result)s", result=computed) if decision.computed_outcome else "",
        t.gettext("Decision: %(outcome)s", outcome=outcome),
        t.gettext("Recorded by %(who)s", who=who) if who else "") if x)
    return DecisionFacts(
        outcome=decision.outcome, outcome_label=outcome, computed_label=computed,
        is_override=decision.is_override, reason=decision.reason or "", decided_by=who, decided_at=when,
        override_note=t.gettext("The table departed from the computed result (%(computed)s).", computed=computed)
        if decision.is_override else "",
        recorded_note=t.gettext("Recorded by %(who)s, %(when)s.", who=who or "—", when=when) if who or when else "",
        line=line)


@dataclass
class _Room:
    """Who counts in a session: people present (removed ones left out) and where merged duplicates went."""

    people: dict[int, Person]
    #: A merged duplicate's id → the id of the participant it was merged into (who is present).
    alias: dict[int, int]
    #: Participants the facilitator removed (test joins, mistakes), merged duplicates aside.
    removed: set[int] = field(default_factory=set)

    def author(self, participant_id: Optional[int]) -> tuple[bool, Optional[Person]]:
        """(shown, person) for what a participant wrote: a removed participant's words are not shown; a
        merged duplicate's are the kept participant's."""
        if participant_id is None:
            return True, None
        pid = self.alias.get(participant_id, participant_id)
        if pid in self.people:
            return True, self.people[pid]
        return False, None


def _room(session_id: int, t: Text) -> _Room:
    """The session's participants who count: joined and not removed; merged duplicates point to
    the participant they were merged into (counted once)."""
    rows = db.session.execute(
        select(Participant.id, Participant.joined_at, Participant.removed_at, Participant.merged_into_id,
               Stakeholder.name, Stakeholder.organisation, Stakeholder.sector, Stakeholder.region,
               Stakeholder.sex)
        .join(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
        .where(Participant.session_id == session_id).order_by(Participant.id)).all()
    labels = {s: t.label("sectors", s) for s in SECTORS}
    people = {r.id: Person(r.id, r.name, r.organisation, r.sector, labels.get(r.sector, r.sector), r.region or "",
                           r.joined_at, r.sex) for r in rows if r.removed_at is None}
    merged = {r.id: r.merged_into_id for r in rows if r.merged_into_id}
    alias = {}
    for pid in merged:
        target, seen = merged[pid], {pid}
        while target in merged and target not in seen:  # merged into someone merged later
            seen.add(target)
            target = merged[target]
        if target in people:
            alias[pid] = target
    return _Room(people, alias, {r.id for r in rows if r.removed_at is not None and r.id not in alias})


def session_facts(session_id: int, lang: str = "es") -> Optional[SessionFacts]:
    """Everything the minutes say about a session, or None if there is no such session."""
    session = db.session.get(Session, session_id)
    if session is None:
        return None
    t, fmt = Text(lang), Fmt(lang)
    initiative, phase = session.initiative, session.phase
    programme = initiative.programme
    initiative_name = _tr(initiative, "name", lang)
    meta = _meta(lang, t.gettext("Session minutes"), f"{programme.name} · {initiative_name}",
                 _session_title(session, lang), programme)

    # Attendance: removed participants are left out; a merged duplicate is its kept participant.
    room = _room(session.id, t)
    people = room.people
    sector_labels = {s: t.label("sectors", s) for s in SECTORS}
    people_sorted = sorted(people.values(), key=lambda p: (SECTORS.index(p.sector) if p.sector in SECTORS else 9,
                                                           p.name.casefold()))
    total_people = len(people)
    sector_counts = Counter(p.sector for p in people.values())
    org_by_sector: dict[str, set] = defaultdict(set)
    org_counts: Counter = Counter()
    for p in people.values():
        org_by_sector[p.sector].add(p.organisation.casefold())
        org_counts[(p.organisation, p.sector)] += 1
    by_sector = [SectorCount(s, sector_labels[s], style.SECTOR_COLOURS[s], sector_counts.get(s, 0),
                             fmt.pct(sector_counts.get(s, 0) / total_people) if total_people else "—",
                             len(org_by_sector.get(s, ()))) for s in SECTORS]
    org_rows = sorted(org_counts.items(), key=lambda kv: (-kv[1], kv[0][0].casefold()))
    by_org = Table([t.gettext("Organisation"), t.gettext("Sector"), t.gettext("People")],
                   [[org, sector_labels.get(sector, sector), fmt.int(n)] for (org, sector), n in org_rows],
                   [sector for (_, sector), _ in org_rows], [5, 1.6, 0.9], [2])
    _pause()

    # Agenda, items and their titles.
    agenda_items = [entry.item for entry in session.agenda]
    rounds = db.session.scalars(
        select(Round).where(Round.session_id == session.id, Round.state != "draft")
        .options(selectinload(Round.entries)).order_by(Round.id)).all()
    rounds_by_id = {r.id: r for r in rounds}
    history: dict[int, list[Decision]] = defaultdict(list)
    for d in db.session.scalars(select(Decision).where(Decision.session_id == session.id)
                                .options(selectinload(Decision.decided_by)).order_by(Decision.decided_at, Decision.id)):
        history[d.item_id].append(d)
    decisions = {item_id: ds[-1] for item_id, ds in history.items()}  # the latest is the item's decision
    comment_rows = []
    for c in db.session.execute(
            select(Comment.id, Comment.item_id, Comment.participant_id, Comment.body, Comment.upvotes,
                   Comment.is_pinned, Comment.is_anonymous, Comment.created_at)
            .where(Comment.session_id == session.id, Comment.is_hidden.is_(False))).all():
        shown, person = room.author(c.participant_id)
        if shown:  # an anonymous comment is counted and quoted, never credited
            comment_rows.append((c, None if c.is_anonymous else person))
    upvotes = _upvotes(session.id, room, {c.id: c.upvotes for c, _ in comment_rows})
    item_ids = {i.id for i in agenda_items} | {e.item_id for r in rounds for e in r.entries} | set(decisions) | {
        c.item_id for c, _ in comment_rows if c.item_id is not None} | {
        d.merged_into_id for ds in history.values() for d in ds if d.merged_into_id is not None}
    known = {i.id: i for i in agenda_items}
    missing = item_ids - set(known)
    if missing:
        for item in db.session.scalars(select(Item).where(Item.id.in_(missing))):
            known[item.id] = item
    titles = {i: _tr(item, "title", lang) for i, item in known.items()}
    codes = {i: _code(item, i) for i, item in known.items()}
    _pause()

    # Rounds: names only for named rounds, and only of people who count.
    named_ids = [r.id for r in rounds if not r.is_anonymous]
    named: dict[int, list] = defaultdict(list)
    if named_ids:
        for round_id, pid, value in db.session.execute(
                select(Vote.round_id, Vote.participant_id, Vote.value)
                .join(Participant, Participant.id == Vote.participant_id)
                .where(Vote.round_id.in_(named_ids), Participant.removed_at.is_(None))):
            named[round_id].append((pid, value))
    round_facts = []
    for n, r in enumerate(rounds, start=1):
        round_facts.append(_round_facts(r, n, t, fmt, lang, titles, codes, named, people))
        if n % 10 == 0:
            _pause()
    _pause()

    # Comments per item: the most up-voted visible ones.
    comments_by_item: dict[Optional[int], list] = defaultdict(list)
    for c, person in comment_rows:
        comments_by_item[c.item_id].append((c, person))

    def comment_facts(c, person) -> CommentFacts:
        n = upvotes.get(c.id, 0)
        note = t.ngettext("%(num)s up-vote", "%(num)s up-votes", n)
        if c.is_pinned:
            note += " · " + t.gettext("pinned")
        return CommentFacts(c.body, n, c.is_pinned,
                            t.gettext("Anonymous") if c.is_anonymous else person.name if person else "",
                            person.organisation if person else "", person.sector_label if person else "",
                            fmt.time(c.created_at), note)

    def comments_note(shown: int, total: int) -> str:
        if shown == total:
            return t.ngettext("%(num)s visible comment", "%(num)s visible comments", total)
        return t.ngettext("The %(shown)s most up-voted of %(num)s visible comment",
                          "The %(shown)s most up-voted of %(num)s visible comments", total, shown=fmt.int(shown))

    # Items discussed: in agenda order, then anything else the session touched.
    facilitator_ids = frozenset(f.id for f in session.facilitators)
    order = [i.id for i in agenda_items] + sorted(item_ids - {i.id for i in agenda_items})
    single_rounds: dict[int, list[RoundFacts]] = defaultdict(list)
    multi_rounds: list[RoundFacts] = []
    multi_of: dict[int, list[RoundFacts]] = defaultdict(list)
    for rf in round_facts:
        if rf.method in rules.SINGLE_ITEM_METHODS:
            single_rounds[rf.items[0][1]].append(rf)
        else:
            multi_rounds.append(rf)
            for _code_, item_id, _ in rf.items:
                multi_of[item_id].append(rf)
    items: list[ItemFacts] = []
    for item_id in order:
        item = known[item_id]
        touched = (single_rounds.get(item_id) or multi_of.get(item_id) or item_id in decisions
                   or comments_by_item.get(item_id))
        if not touched:
            continue
        also = [t.gettext("Also in %(round)s (%(method)s): %(figure)s.", round=rf.name, method=rf.method_label,
                          figure=rf.item_figures.get(item_id, "")) for rf in multi_of.get(item_id, [])]
        visible = sorted(comments_by_item.get(item_id, []),
                         key=lambda cp: (not cp[0].is_pinned, -upvotes.get(cp[0].id, 0), cp[0].id))
        past = [_decision_facts(d, rounds_by_id.get(d.round_id) or (db.session.get(Round, d.round_id)
                                                                    if d.round_id else None), t, fmt,
                                facilitator_ids)
                for d in history.get(item_id, [])]
        items.append(ItemFacts(
            id=item.id, code=codes[item_id], kind=item.kind, kind_label=t.label("kinds", item.kind),
            title=titles[item_id], description=_tr(item, "description", lang),
            axis=_tr(item, "axis", lang) or t.gettext("No axis"),
            horizon_label=t.label("horizons", item.horizon) if item.horizon else t.gettext("No horizon"),
            status_label=t.label("item_statuses", item.status), rounds=single_rounds.get(item_id, []),
            also_in=also, decision=past[-1] if past else None,
            comments=[comment_facts(c, p) for c, p in visible[:TOP_COMMENTS]], comments_total=len(visible),
            comments_note=comments_note(min(len(visible), TOP_COMMENTS), len(visible)), decisions=past,
            history_note=t.ngettext("The table recorded %(num)s decision on this item.",
                                    "The table recorded %(num)s decisions on this item; the latest stands.",
                                    len(past)) if len(past) > 1 else ""))
    _pause()

    agenda = Table(["#", t.gettext("Code"), t.gettext("Kind"), t.gettext("Title"), t.gettext("Decision")], [], [],
                   [0.5, 0.9, 1.6, 5.4, 1.5], [0])
    # An item without a decision is "pending" only while the session can still take one.
    undecided = t.gettext("No decision recorded") if session.status == "closed" else t.gettext("Pending")
    for pos, item in enumerate(agenda_items, start=1):
        d = decisions.get(item.id)
        agenda.rows.append([str(pos), codes[item.id], t.label("kinds", item.kind), titles[item.id],
                            t.label("outcomes", d.outcome) if d else undecided])

    proposals, dropped = [], set()
    for p in db.session.scalars(select(Proposal).where(Proposal.session_id == session.id).order_by(Proposal.id)):
        shown, person = room.author(p.participant_id)
        if not shown and p.state != "accepted":
            dropped.add(p.id)  # a removed participant's proposal that never reached the agenda
            continue
        state = {"pending": t.gettext("Pending"), "accepted": t.gettext("Accepted into the agenda"),
                 "rejected": t.gettext("Not accepted")}[p.state]
        title = f"{codes[p.item_id]} · {p.title}" if p.item_id in codes else p.title
        proposals.append(ProposalFacts(title, t.label("kinds", p.kind), state, _voter(person) if person else "—",
                                       fmt.time(p.created_at)))

    timeline = _timeline(session, t, fmt, lang, titles, codes, round_facts, room, dropped)
    _pause()

    date, time_text = _held_text(session, t, fmt)
    n_decisions = Counter(d.outcome for d in decisions.values())
    decisions_text = " · ".join(f"{t.label('outcomes', o)}: {fmt.int(n_decisions[o])}"
                                for o in ("agreed", "rejected", "deferred", "merged") if n_decisions.get(o)) or "0"
    summary = [
        (t.gettext("Participants"), fmt.int(total_people)),
        (t.gettext("Organisations"), fmt.int(len({org.casefold() for org, _ in org_counts}))),
        (t.gettext("Agenda items"), fmt.int(len(agenda_items))),
        (t.gettext("Voting rounds"), fmt.int(len(round_facts))),
        (t.gettext("Decisions"), decisions_text),
        (t.gettext("Comments"), fmt.int(len(comment_rows))),
        (t.gettext("New proposals"), fmt.int(len(proposals))),
    ]
    is_empty = not people and not round_facts and not decisions and not comment_rows
    return SessionFacts(
        meta=meta, id=session.id, programme=programme.name, institution=programme.institution or "",
        initiative=initiative_name, phase_number=phase.number, phase_name=_tr(phase, "name", lang),
        title=_session_title(session, lang), date=date, time=time_text, place=session.place or t.gettext("Not set"),
        facilitators=", ".join(session.facilitator_names) or t.gettext("Not set"), status=session.status,
        status_label=t.label("session_statuses", session.status), join_code=session.join_code,
        summary=summary, attendance_total=total_people, by_sector=by_sector, by_organisation=by_org,
        people=people_sorted, agenda=agenda, items=items, multi_rounds=multi_rounds, proposals=proposals,
        timeline=timeline, is_empty=is_empty, by_sex=_participation.by_sex((p.sex for p in people.values()), t),
        filename_stem=_stem(t.gettext("Session minutes"), session.id, initiative_name,
                            t.gettext("Phase").lower(), str(phase.number), *_file_date(session, t, fmt)),
    )


def _held_text(session: Session, t: Text, fmt: Fmt) -> tuple[str, str]:
    """(date, time) of a session as held — '4 de abril de 2022', '15:10–18:42' — with the scheduled
    date beside it only when it was another day; a session never held: its scheduled date, said so."""
    held, scheduled = session.started_at, session.starts_at
    if held is None:
        if scheduled is None:
            return t.gettext("Not set"), t.gettext("Not set")
        return (t.gettext("Scheduled for %(date)s", date=fmt.date(scheduled)),
                t.gettext("%(time)s (scheduled)", time=fmt.time(scheduled)))
    date = fmt.date(held)
    if scheduled is not None and fmt.local(scheduled).date() != fmt.local(held).date():
        date = t.gettext("%(date)s (scheduled for %(scheduled)s)", date=date, scheduled=fmt.date(scheduled))
    time_text = fmt.time(held)
    if session.ended_at:
        time_text = f"{time_text}–{fmt.time(session.ended_at)}"
    return date, time_text


def _file_date(session: Session, t: Text, fmt: Fmt) -> tuple[str, ...]:
    """The date in a file name: the day it was held ('2022-04-04'); 'programada-2022-04-04' if never."""
    if session.started_at:
        return (fmt.local(session.started_at).strftime("%Y-%m-%d"),)
    if session.starts_at:
        return (t.pgettext("file name", "scheduled"), fmt.local(session.starts_at).strftime("%Y-%m-%d"))
    return ()


def _upvotes(session_id: int, room: _Room, counters: dict[int, int]) -> dict[int, int]:
    """Up-votes per comment from people who count: each comment's counter less the up-votes of
    participants the facilitator removed, and less a merged duplicate's up-vote where the
    participant it was merged into up-voted too (one person, one up-vote)."""
    rows = db.session.execute(
        select(CommentUpvote.comment_id, CommentUpvote.participant_id)
        .join(Comment, Comment.id == CommentUpvote.comment_id).where(Comment.session_id == session_id)).all()
    voters: dict[int, list] = defaultdict(list)
    for comment_id, pid in rows:
        voters[comment_id].append(pid)
    out = {}
    for comment_id, counter in counters.items():
        pids = voters.get(comment_id, [])
        counting = {room.alias.get(p, p) for p in pids} & set(room.people)
        out[comment_id] = max(0, (counter or 0) - (len(pids) - len(counting)))
    return out


_MASS = ("joined", "rejoined", "joined_again", "rejoined_with_code", "participant_admitted", "vote_counted",
         "vote_changed", "comment", "upvote")
_SKIP = ("round_created", "timer")


def _mass(kind: str, n: int, t: Text) -> str:
    """How many joins, votes, comments… came in between two milestones, as one line."""
    if kind == "joined":
        return t.ngettext("%(num)s participant joined", "%(num)s participants joined", n)
    if kind == "rejoined":
        return t.ngettext("%(num)s reconnection", "%(num)s reconnections", n)
    if kind == "joined_again":
        return t.ngettext("%(num)s participant removed earlier joined again",
                          "%(num)s participants removed earlier joined again", n)
    if kind == "rejoined_with_code":
        return t.ngettext("%(num)s participant continued on another phone with their personal code",
                          "%(num)s participants continued on another phone with their personal code", n)
    if kind == "participant_admitted":
        return t.ngettext("%(num)s participant admitted by the facilitator",
                          "%(num)s participants admitted by the facilitator", n)
    if kind == "vote_counted":
        return t.ngettext("%(num)s vote received", "%(num)s votes received", n)
    if kind == "vote_changed":
        return t.ngettext("%(num)s vote changed", "%(num)s votes changed", n)
    if kind == "comment":
        return t.ngettext("%(num)s comment", "%(num)s comments", n)
    return t.ngettext("%(num)s comment up-vote", "%(num)s comment up-votes", n)


def _timeline(session: Session, t: Text, fmt: Fmt, lang: str, titles: dict[int, str], codes: dict[int, str],
              round_facts: list[RoundFacts], room: _Room,
              dropped: set[int] = frozenset()) -> list[tuple[str, str]]:
    """The event log told as a list of (time, sentence). Votes, joins and comments between two
    milestones are counted, never attributed: the timeline names nobody who voted. Removals and
    merges are told with their reason; what removed participants did is not counted."""
    by_round = {rf.id: rf for rf in round_facts}
    start = session.started_at or session.starts_at
    day = fmt.local(start).date() if start else None

    def when(at, until=None) -> str:
        local = fmt.local(at)
        text = fmt.time(at) if day is None or local.date() == day else format_datetime(local, "dd/MM HH:mm",
                                                                                      locale=fmt.lang)
        if until is not None:
            end = fmt.time(until)
            if end != fmt.time(at):
                text = f"{text}–{end}"
        return text

    out: list[tuple[str, str]] = []
    window: dict[str, list] = {}

    def flush():
        for kind, (first, last, n) in sorted(window.items(), key=lambda kv: kv[1][0]):
            out.append((when(first, last), _mass(kind, n, t)))
        window.clear()

    def item_name(item_id) -> str:
        return f"{codes[item_id]} · {titles[item_id]}" if item_id in titles else f"#{item_id}"

    rows = db.session.execute(select(Event.kind, Event.at, Event.data, Event.participant_id)
                              .where(Event.session_id == session.id).order_by(Event.at, Event.id))
    for n, (kind, at, data, participant_id) in enumerate(rows):
        if n % 2000 == 1999:
            _pause()  # a big session logs tens of thousands of events
        data = data or {}
        if kind in _MASS:
            if participant_id in room.removed:
                continue
            entry = window.get(kind)
            if entry is None:
                window[kind] = [at, at, 1]
            else:
                entry[1], entry[2] = at, entry[2] + 1
            continue
        if kind in _SKIP:
            continue
        if kind == "proposal" and data.get("proposal_id") in dropped:
            continue
        text = _milestone(kind, data, t, fmt, item_name, by_round, room.people)
        if text:
            flush()
            out.append((when(at), text))
    flush()
    return out


def _with_reason(text: str, reason: Any, t: Text) -> str:
    reason = " ".join(str(reason or "").split())
    return f"{text} " + t.gettext("Reason: %(reason)s", reason=reason) if reason else text


def _milestone(kind, data, t: Text, fmt: Fmt, item_name, by_round, people: dict[int, Person]) -> Optional[str]:
    """One event of the log that the timeline tells by itself (None: not told)."""
    rf = by_round.get(data.get("round_id")) if isinstance(data.get("round_id"), int) else None
    round_name = rf.name if rf else t.gettext("Round %(number)s", number="?")
    item = data.get("item_id")
    if kind == "session_created":
        return t.gettext("Session created")
    if kind == "session_started":
        return t.gettext("Session started")
    if kind == "session_ended":
        return t.gettext("Session ended")
    if kind == "session_status":
        return t.gettext("Session status: %(status)s", status=t.label("session_statuses", data.get("status")))
    if kind == "session_updated":
        return t.gettext("Session details updated")
    if kind == "agenda":
        return t.gettext("Agenda changed")
    if kind == "anonymous_comments_on":
        return t.gettext("From now on participants may comment anonymously")
    if kind == "anonymous_comments_off":
        return t.gettext("Anonymous comments no longer allowed (earlier ones stay anonymous)")
    if kind == "admission_required":
        return t.gettext("From now on the facilitator admits each new participant")
    if kind == "admission_open":
        return t.gettext("From now on new participants join without waiting for admission")
    if kind == "round_opened":
        if rf is None:
            return None
        items = f"{rf.items[0][0]} · {rf.items[0][2]}" if len(rf.items) == 1 else ", ".join(
            code for code, _, _ in rf.items)
        return t.gettext("%(round)s opens: %(items)s", round=round_name, items=items)
    if kind == "round_closed":
        if rf is None:
            return None
        return t.gettext("%(round)s closes: %(outcome)s (%(votes)s)", round=round_name, outcome=rf.result_text,
                         votes=t.ngettext("%(num)s vote", "%(num)s votes", rf.total))
    if kind == "round_recounted":
        if rf is None:
            return None
        before, after = data.get("total_before"), data.get("total_after")
        if not isinstance(after, int):
            return None
        return t.ngettext("%(round)s recounted after a change in who takes part: from %(before)s to %(num)s vote",
                          "%(round)s recounted after a change in who takes part: from %(before)s to %(num)s votes",
                          after, round=round_name, before=fmt.int(before) if isinstance(before, int) else "—")
    if kind == "results_revealed":
        return t.gettext("Results of %(round)s shown", round=round_name)
    if kind == "results_hidden":
        return t.gettext("Results of %(round)s hidden", round=round_name)
    if kind == "current_item":
        if not item:
            return t.gettext("No item under discussion")
        return t.gettext("Under discussion: %(item)s", item=item_name(item))
    if kind == "decision" and data.get("merged_into") is not None:
        return _with_reason(t.gettext("“%(item)s” was merged into “%(into)s”", item=item_name(item),
                                      into=item_name(data["merged_into"])), data.get("reason"), t)
    if kind == "decision":
        return t.gettext("Decision on “%(item)s”: %(outcome)s", item=item_name(item),
                         outcome=t.label("outcomes", data.get("outcome")).lower())
    if kind == "participant_removed":
        return _with_reason(t.gettext("A participant was removed from the session; their votes no longer count."),
                            data.get("reason"), t)
    if kind == "participants_merged":
        kept = people.get(data.get("kept_id")) if isinstance(data.get("kept_id"), int) else None
        text = t.gettext("Two entries of %(name)s were merged into one; their votes count once.",
                         name=kept.name) if kept else t.gettext(
            "Two entries of one person were merged into one; their votes count once.")
        return _with_reason(text, data.get("reason"), t)
    if kind == "sector_corrected":
        person = people.get(data.get("participant_id_changed"))
        if person is None:
            return None
        return _with_reason(t.gettext("Sector of %(name)s corrected from %(previous)s to %(sector)s", name=person.name,
                                      previous=t.label("sectors", data.get("previous")),
                                      sector=t.label("sectors", data.get("sector"))), data.get("reason"), t)
    if kind == "proposal":
        return t.gettext("New proposal: “%(title)s”", title=data.get("title", ""))
    if kind == "proposal_accepted":
        return t.gettext("Proposal accepted into the agenda")
    if kind == "proposal_rejected":
        return t.gettext("Proposal not accepted")
    if kind == "moderation":
        return t.gettext("A comment was moderated")
    return None  # an event the minutes do not tell (never an untranslated code)


def _stem(*parts: str) -> str:
    """A safe ASCII file name from parts: 'acta-de-sesion-14-granos-andinos-ayacucho-fase-2-2022-04-04'."""
    from ..util import name_key

    words = []
    for part in parts:
        text = name_key(str(part))
        words.append("".join(ch if ch.isalnum() else "-" for ch in text))
    stem = "-".join(p for p in words if p)
    while "--" in stem:
        stem = stem.replace("--", "-")
    return stem.strip("-")[:120] or "document"


# --- Session raw data -----------------------------------------------------------------------------


@dataclass
class Sheet:
    code: str  # participants | votes | comments | decisions | rounds
    title: str
    headers: list[str]
    rows: list[list[Any]]
    widths: list[int] = field(default_factory=list)


@dataclass
class SessionTables:
    meta: Meta
    info: list[tuple[str, str]]
    sheets: list[Sheet]
    filename_stem: str
    note: str
    sector_labels: dict[str, str] = field(default_factory=dict)


def _round_state(state: str, t: Text) -> str:
    words = {"draft": t.pgettext("round state", "Draft"), "open": t.pgettext("round state", "Open"),
             "closed": t.pgettext("round state", "Closed")}
    return words.get(state, state)


def session_tables(session_id: int, lang: str = "es") -> Optional[SessionTables]:
    """The session's raw data, a sheet per kind, or None if there is no such session."""
    session = db.session.get(Session, session_id)
    if session is None:
        return None
    t, fmt = Text(lang), Fmt(lang)
    initiative, phase = session.initiative, session.phase
    meta = _meta(lang, t.gettext("Session data"), f"{initiative.programme.name} · {_tr(initiative, 'name', lang)}",
                 _session_title(session, lang), initiative.programme)
    yes, no = t.gettext("Yes"), t.gettext("No")
    withheld = _withheld(t)
    sector_labels = {s: t.label("sectors", s) for s in SECTORS}

    # Participants who count: removed ones left out, merged duplicates are their kept participant.
    room = _room(session.id, t)
    people = room.people
    participants = Sheet("participants", t.gettext("Participants"),
                         [t.gettext("ID"), t.gettext("Name"), t.gettext("Organisation"), t.gettext("Sector"),
                          t.gettext("Region"), t.gettext("Joined")], [],
                         [8, 30, 40, 16, 16, 20])
    for p in sorted(people.values(), key=lambda p: p.id):
        participants.rows.append([p.id, p.name, p.organisation, p.sector_label, p.region, fmt.local(p.joined_at)])
    _pause()

    rounds = db.session.scalars(select(Round).where(Round.session_id == session.id, Round.state != "draft")
                                .options(selectinload(Round.entries)).order_by(Round.id)).all()
    item_ids = {e.item_id for r in rounds for e in r.entries}
    decisions = db.session.scalars(select(Decision).where(Decision.session_id == session.id)
                                   .options(selectinload(Decision.decided_by))
                                   .order_by(Decision.decided_at, Decision.id)).all()
    item_ids |= {d.item_id for d in decisions}
    comments = db.session.execute(
        select(Comment).where(Comment.session_id == session.id).order_by(Comment.id)).scalars().all()
    item_ids |= {c.item_id for c in comments if c.item_id}
    items = {i.id: i for i in db.session.scalars(select(Item).where(Item.id.in_(item_ids)))} if item_ids else {}
    titles = {i: _tr(item, "title", lang) for i, item in items.items()}
    codes = {i: _code(item, i) for i, item in items.items()}

    from ..voting.services import current_tally

    rounds_sheet = Sheet("rounds", t.gettext("Rounds"), [
        t.gettext("Round"), t.gettext("ID"), t.gettext("Method"), t.gettext("Items"), t.pgettext("round", "Anonymous"),
        t.gettext("Rule"), t.gettext("State"),
        t.gettext("Votes"), t.gettext("Support")] + [
        f"{sector_labels[s]}: " + t.gettext("Votes").lower() for s in SECTORS] + [
        f"{sector_labels[s]}: " + t.gettext("Support").lower() for s in SECTORS] + [
        t.gettext("Computed outcome"), t.gettext("Explanation")],
        [], [8, 8, 22, 50, 10, 40, 10, 8, 10] + [12] * 8 + [40, 60])
    votes_sheet = Sheet("votes", t.gettext("Votes"), [
        t.gettext("Round"), t.gettext("Method"), t.pgettext("round", "Anonymous"), t.gettext("Participant"),
        t.gettext("Name"), t.gettext("Organisation"),
        t.gettext("Sector"), t.gettext("Vote"), t.gettext("Value (JSON)"), t.gettext("Cast at")], [],
        [8, 22, 10, 12, 30, 40, 16, 24, 24, 20])
    round_numbers, round_by_id = {}, {}
    for number, round_ in enumerate(rounds, start=1):
        round_numbers[round_.id], round_by_id[round_.id] = number, round_
        by_code = {str(e.item_id): codes.get(e.item_id, f"#{e.item_id}") for e in round_.entries}
        items_text = "; ".join(f"{codes.get(e.item_id, '')} · {titles.get(e.item_id, '')}" for e in round_.entries)
        tally = current_tally(round_)
        hidden = _hidden_sectors(round_, tally)
        single = round_.method in rules.SINGLE_ITEM_METHODS
        detail = round_.outcome_detail or {}
        support = tally.get("support") if single else None
        if round_.state == "closed":
            if single:
                result = _cap(_item_phrase(round_, round_.entries[0].item_id, round_.outcome, t, fmt))
                explanation = anonymity.public_explanation(round_, lang) or ""
            else:
                per_item = detail.get("items") or {}
                result = "; ".join(
                    f"{codes.get(e.item_id, '')}: "
                    + _item_phrase(round_, e.item_id, per_item.get(str(e.item_id), round_.outcome), t, fmt)
                    for e in round_.entries)
                explanation = ""
        else:
            result, explanation = "", ""
        figures = [(tally.get("by_sector", {}).get(s) or {}) for s in SECTORS]
        rounds_sheet.rows.append(
            [number, round_.id, t.label("methods", round_.method), items_text, yes if round_.is_anonymous else no,
             _rule_text(round_, t, fmt), _round_state(round_.state, t), tally.get("total", 0),
             round(support * 100, 1) if isinstance(support, float) else support]
            + [withheld if s in hidden else f.get("total", 0) for s, f in zip(SECTORS, figures)]
            + [withheld if s in hidden else (_pct_number(f.get("support")) if single else None)
               for s, f in zip(SECTORS, figures)]
            + [result, explanation])
        method_label = t.label("methods", round_.method)
        counted = (Vote.round_id == round_.id, Participant.removed_at.is_(None))
        if round_.is_anonymous:
            # Sector and value only, sorted so that the order says nothing about who or when; a
            # withheld sector's votes say so instead of their sector, and come last.
            values = db.session.execute(select(Vote.sector, Vote.value)
                                        .join(Participant, Participant.id == Vote.participant_id).where(*counted)).all()

            def order(v):
                sector = v[0]
                place = 9 if sector in hidden else (SECTORS.index(sector) if sector in SECTORS else 8)
                return place, json.dumps(v[1], sort_keys=True)
            for sector, value in sorted(values, key=order):
                votes_sheet.rows.append([number, method_label, yes, "", t.gettext("(anonymous vote)"), "",
                                         withheld if sector in hidden else sector_labels.get(sector, sector),
                                         _value_label(round_.method, value, t, fmt, by_code),
                                         json.dumps(value, ensure_ascii=False), None])
        else:
            values = db.session.execute(select(Vote.participant_id, Vote.sector, Vote.value, Vote.cast_at)
                                        .join(Participant, Participant.id == Vote.participant_id)
                                        .where(*counted).order_by(Vote.id)).all()
            for pid, sector, value, cast_at in values:
                person = people.get(pid)
                votes_sheet.rows.append([number, method_label, no, pid, person.name if person else "",
                                         person.organisation if person else "", sector_labels.get(sector, sector),
                                         _value_label(round_.method, value, t, fmt, by_code),
                                         json.dumps(value, ensure_ascii=False), fmt.local(cast_at)])
        _pause()

    comments_sheet = Sheet("comments", t.gettext("Comments"), [
        t.gettext("ID"), t.gettext("Item ID"), t.gettext("Code"), t.gettext("Item"), t.gettext("Participant"),
        t.gettext("Name"), t.gettext("Organisation"), t.gettext("Sector"),
        t.gettext("Text"), t.gettext("Up-votes"), t.gettext("Pinned"), t.gettext("Hidden"), t.gettext("Date")], [],
        [8, 8, 10, 40, 12, 26, 34, 16, 70, 8, 10, 8, 20])
    upvotes = _upvotes(session.id, room, {c.id: c.upvotes for c in comments})
    for c in comments:
        shown, person = room.author(c.participant_id)
        if not shown:
            continue  # written by a participant the facilitator removed
        if c.is_anonymous:  # no name, organisation, sector nor participant id (it would lead to the name)
            person = None
        comments_sheet.rows.append([
            c.id, c.item_id, codes.get(c.item_id, "") if c.item_id else "", titles.get(c.item_id, ""),
            person.id if person else None,
            t.gettext("Anonymous") if c.is_anonymous else person.name if person else "",
            person.organisation if person else "",
            person.sector_label if person else "", c.body, upvotes.get(c.id, 0), yes if c.is_pinned else no,
            yes if c.is_hidden else no, fmt.local(c.created_at)])

    decisions_sheet = Sheet("decisions", t.gettext("Decisions"), [
        t.gettext("Item ID"), t.gettext("Code"), t.gettext("Item"), t.gettext("Kind"), t.gettext("Decision"),
        t.gettext("Computed outcome"), t.gettext("Departs from computed"),
        t.gettext("Reason"), t.gettext("Round"), t.gettext("Recorded by"), t.gettext("Recorded at"),
        t.gettext("Latest")], [],
        [8, 10, 50, 24, 14, 36, 12, 60, 8, 24, 20, 10])
    latest = {d.item_id: d.id for d in decisions}  # oldest first: the last one seen per item stands
    for d in decisions:
        item = items.get(d.item_id)
        round_ = round_by_id.get(d.round_id) or (db.session.get(Round, d.round_id) if d.round_id else None)
        decisions_sheet.rows.append([
            d.item_id, codes.get(d.item_id, ""), titles.get(d.item_id, ""), t.label("kinds", item.kind) if item else "",
            outcome_text(d, t),
            _cap(_item_phrase(round_, d.item_id, d.computed_outcome, t, fmt)) if d.computed_outcome else "",
            yes if d.is_override else no, d.reason or "", round_numbers.get(d.round_id),
            d.decided_by.name if d.decided_by else "", fmt.local(d.decided_at),
            yes if latest[d.item_id] == d.id else no])

    date, time_text = _held_text(session, t, fmt)
    info = [
        (t.gettext("Programme"), initiative.programme.name), (t.gettext("Initiative"), _tr(initiative, "name", lang)),
        (t.gettext("Phase"), f"{phase.number} · {_tr(phase, 'name', lang)}"),
        (t.gettext("Session"), _session_title(session, lang)),
        (t.gettext("Date"), date), (t.pgettext("session schedule", "Time"), time_text),
        (t.gettext("Place"), session.place or t.gettext("Not set")),
        (t.gettext("Facilitation"), ", ".join(session.facilitator_names) or t.gettext("Not set")),
        (t.gettext("Status"), t.label("session_statuses", session.status)),
        (t.gettext("Participants"), fmt.int(len(people))), (t.gettext("Voting rounds"), fmt.int(len(rounds))),
    ]
    by_sex = _participation.by_sex((p.sex for p in people.values()), t)
    if by_sex.answered:  # in aggregate only, small groups withheld: never a column of the participants sheet
        info.append((t.gettext("Participation by sex"), f"{by_sex.line(t)}. {by_sex.note}"))
    stem = _stem(t.gettext("Session data"), session.id, _tr(initiative, "name", lang), t.gettext("Phase").lower(),
                 str(phase.number))
    note = " ".join([t.gettext("Anonymous rounds do not record who cast each vote: only the sector and the value, "
                               "sorted by sector and value."), _withheld_legend(t),
                     t.gettext("Participants the facilitator removed, and their votes, comments and up-votes, are "
                               "left out; a merged duplicate counts once, as the participant it was merged into.")])
    return SessionTables(meta, info, [participants, votes_sheet, comments_sheet, decisions_sheet, rounds_sheet],
                         stem, note, sector_labels)


def _pct_number(share: Optional[float]) -> Optional[float]:
    return None if share is None else round(share * 100, 1)


# --- Initiative roadmap ---------------------------------------------------------------------------


@dataclass
class EvidenceRow:
    session: str
    method: str
    votes: str
    support: str
    sectors: list[str]  # support per sector, SECTORS order ("withheld" where an anonymous cell is small)


@dataclass
class ItemCard:
    id: int
    code: str
    kind: str
    kind_label: str
    title: str
    description: str
    axis: str
    horizon: Optional[str]
    horizon_label: str
    lead: str
    partners: str
    indicator: str
    budget: str
    budget_pen: Optional[int]
    status_label: str
    evidence: list[EvidenceRow]
    decided_in: str = ""
    reason: str = ""


@dataclass
class SessionRow:
    phase: str
    title: str
    date: str
    place: str
    status: str
    participants: int


@dataclass
class InitiativeFacts:
    meta: Meta
    id: int
    programme: str
    institution: str
    name: str
    value_chain: str
    region: str
    summary: str
    sessions: list[SessionRow]
    sessions_closed: int
    people_total: int
    organisations: int
    by_sector: list[SectorCount]
    agreed: list[ItemCard]
    #: [(axis, [(horizon label, [cards])])]
    groups: list[tuple[str, list[tuple[str, list[ItemCard]]]]]
    axes: list[str]
    horizons: list[str]
    grid: dict[tuple[int, int], list[tuple[str, str]]]
    budget_table: Table
    budget_total: str
    others: list[ItemCard]
    candidates: int
    figures: list[tuple[str, str]]
    is_empty: bool
    filename_stem: str
    #: "2 agreed items have no estimated budget (LA-4, RP-2) …" (empty when every one has).
    budget_note: str = ""
    #: What "withheld" means in the evidence tables (empty when nothing is withheld).
    evidence_note: str = ""


#: Horizons in roadmap order; items with none come last, under "no horizon" (never "long term").
HORIZON_ORDER = {"short": 0, "medium": 1, "long": 2, None: 3}


def _present(*where):
    """Participants who count (not removed), for counts across sessions."""
    return (Participant.removed_at.is_(None), *where)


def _session_counts(session_ids) -> dict[int, int]:
    """People who count per session (removed participants left out)."""
    if not session_ids:
        return {}
    return dict(db.session.execute(
        select(Participant.session_id, func.count()).where(*_present(Participant.session_id.in_(session_ids)))
        .group_by(Participant.session_id)).all())


def _distinct_people(initiative_ids) -> list:
    """Distinct stakeholders who took part (not removed) in a session of these initiatives."""
    if not initiative_ids:
        return []
    return db.session.execute(
        select(Stakeholder.id, Stakeholder.sector, Stakeholder.organisation, Session.initiative_id).distinct()
        .join(Participant, Participant.stakeholder_id == Stakeholder.id)
        .join(Session, Session.id == Participant.session_id)
        .where(*_present(Session.initiative_id.in_(initiative_ids)))).all()


def _support_evidence(initiative: Initiative, item_ids: list[int], t: Text, fmt: Fmt,
                      lang: str) -> tuple[dict[int, list[EvidenceRow]], bool]:
    """Per item: for each session of the initiative, its last closed round's support, overall and
    per sector (small cells of anonymous rounds withheld); and whether anything was withheld."""
    if not item_ids:
        return {}, False
    rows = db.session.execute(
        select(RoundItem.item_id, Round, Session)
        .join(Round, Round.id == RoundItem.round_id).join(Session, Session.id == Round.session_id)
        .where(RoundItem.item_id.in_(item_ids), Round.state == "closed")
        .order_by(func.coalesce(Session.started_at, Session.starts_at), Session.id, Round.closed_at,
                  Round.id)).all()
    last: dict[tuple[int, int], tuple[Round, Session]] = {}
    for item_id, round_, session in rows:
        # Per session the item's last round counts; a round on the item alone beats a ranking of several.
        earlier = last.get((item_id, session.id))
        if earlier is None or round_.method in rules.SINGLE_ITEM_METHODS or \
                earlier[0].method not in rules.SINGLE_ITEM_METHODS:
            last[(item_id, session.id)] = (round_, session)
    out: dict[int, list[EvidenceRow]] = defaultdict(list)
    withheld, any_withheld = _withheld(t), False
    for (item_id, _sid), (round_, session) in last.items():
        tally = round_.final_tally or {}
        if not tally:
            continue
        hidden = _hidden_sectors(round_, tally)
        any_withheld = any_withheld or bool(hidden)
        key = None if round_.method in rules.SINGLE_ITEM_METHODS else str(item_id)

        def share(f):
            s = (f or {}).get("support")
            if key is not None and isinstance(s, dict):
                s = s.get(key)
            return s if (f or {}).get("total") else None

        out[item_id].append(EvidenceRow(
            session=t.gettext("Phase %(number)s", number=session.phase.number)
            + f" · {_short_date_of(session, t, fmt)}",
            method=t.label("methods", round_.method), votes=fmt.int(tally.get("total", 0)),
            support=fmt.pct(share(tally)),
            sectors=[withheld if s in hidden else fmt.pct(share(tally.get("by_sector", {}).get(s)))
                     for s in SECTORS]))
    return out, any_withheld


def initiative_facts(initiative_id: int, lang: str = "es") -> Optional[InitiativeFacts]:
    """Everything the roadmap says about an initiative, or None if there is no such initiative."""
    initiative = db.session.get(Initiative, initiative_id)
    if initiative is None:
        return None
    t, fmt = Text(lang), Fmt(lang)
    programme = initiative.programme
    name = _tr(initiative, "name", lang)
    meta = _meta(lang, t.gettext("Roadmap"), f"{programme.name} · {name}", name, programme)
    sector_labels = {s: t.label("sectors", s) for s in SECTORS}

    sessions = db.session.scalars(select(Session).where(Session.initiative_id == initiative.id)
                                  .options(selectinload(Session.phase))
                                  .order_by(func.coalesce(Session.started_at, Session.starts_at), Session.id)).all()
    counts = _session_counts([s.id for s in sessions])
    session_rows = [SessionRow(f"{s.phase.number} · {_tr(s.phase, 'name', lang)}", _session_title(s, lang),
                               _short_date_of(s, t, fmt), s.place or "",
                               t.label("session_statuses", s.status), counts.get(s.id, 0)) for s in sessions]
    people = _distinct_people([initiative.id])
    by_sector_n = Counter(p.sector for p in people)
    orgs = {p.organisation.casefold() for p in people}
    by_sector = [SectorCount(s, sector_labels[s], style.SECTOR_COLOURS[s], by_sector_n.get(s, 0),
                             fmt.pct(by_sector_n.get(s, 0) / len(people)) if people else "—",
                             len({p.organisation.casefold() for p in people if p.sector == s})) for s in SECTORS]
    _pause()

    items = db.session.scalars(select(Item).where(Item.initiative_id == initiative.id, Item.is_archived.is_(False))
                               .order_by(Item.id)).all()
    evidence, any_withheld = _support_evidence(initiative, [i.id for i in items], t, fmt, lang)
    last_decision = {}
    for d, s in db.session.execute(
            select(Decision, Session).join(Session, Session.id == Decision.session_id)
            .where(Session.initiative_id == initiative.id).order_by(Decision.decided_at, Decision.id)):
        last_decision[d.item_id] = (d, s)
    _pause()
    no_axis = t.gettext("No axis")

    def card(item: Item) -> ItemCard:
        decided = last_decision.get(item.id)
        return ItemCard(
            id=item.id, code=_code(item, item.id), kind=item.kind, kind_label=t.label("kinds", item.kind),
            title=_tr(item, "title", lang), description=_tr(item, "description", lang),
            axis=_tr(item, "axis", lang) or no_axis, horizon=item.horizon,
            horizon_label=t.label("horizons", item.horizon) if item.horizon else t.gettext("No horizon"),
            lead=item.lead_institution or "—", partners=item.partners or "—",
            indicator=_tr(item, "indicator", lang) or "—",
            budget=fmt.money(item.budget_pen) if item.budget_pen is not None else t.gettext("Not estimated"),
            budget_pen=item.budget_pen, status_label=t.label("item_statuses", item.status),
            evidence=evidence.get(item.id, []),
            decided_in=(t.gettext("Phase %(number)s", number=decided[1].phase.number)
                        + f" · {_short_date_of(decided[1], t, fmt)}" if decided else "—"),
            reason=decided[0].reason if decided else "")

    agreed_items = [i for i in items if i.status == "agreed"]
    axes: list[str] = []
    for item in agreed_items:  # axes in order of first appearance
        axis = _tr(item, "axis", lang) or no_axis
        if axis not in axes:
            axes.append(axis)
    agreed_items.sort(key=lambda i: (axes.index(_tr(i, "axis", lang) or no_axis), HORIZON_ORDER[i.horizon],
                                     i.kind, i.id))
    cards = [card(item) for item in agreed_items]
    # Columns: short, medium and long term, and "no horizon" when an agreed item has none.
    columns = ["short", "medium", "long"] + ([None] if any(c.horizon is None for c in cards) else [])
    horizons = [t.label("horizons", h) if h else t.gettext("No horizon") for h in columns]
    groups = []
    for axis in axes:
        in_axis = [c for c in cards if c.axis == axis]
        by_h = [(hs[0].horizon_label, hs) for hs in ([c for c in in_axis if c.horizon == h] for h in columns) if hs]
        groups.append((axis, by_h))
    grid: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)
    for c in cards:
        grid[(axes.index(c.axis), columns.index(c.horizon))].append((c.code, style.KIND_COLOURS[c.kind]))

    budget_total, unestimated = _budget(agreed_items)
    def budget_cell(here: list) -> str:
        amount, missing = _budget(here)
        return fmt.money(amount) if len(missing) < len(here) else "—"

    budget_rows = []
    for axis in axes:
        in_axis = [i for i in agreed_items if (_tr(i, "axis", lang) or no_axis) == axis]
        budget_rows.append([axis] + [budget_cell([i for i in in_axis if i.horizon == h]) for h in columns]
                           + [fmt.money(_budget(in_axis)[0])])
    if budget_rows:
        budget_rows.append([t.gettext("Total")] + [budget_cell([i for i in agreed_items if i.horizon == h])
                                                   for h in columns] + [fmt.money(budget_total)])
    budget_table = Table([t.gettext("Strategic axis")] + horizons + [t.gettext("Total")], budget_rows, [],
                         [3.2] + [1.5] * len(columns) + [1.6], list(range(1, len(columns) + 2)))
    budget_note = t.ngettext(
        "%(num)s agreed item has no estimated budget (%(codes)s): it is shown as not estimated and the totals "
        "leave it out.",
        "%(num)s agreed items have no estimated budget (%(codes)s): they are shown as not estimated and the "
        "totals leave them out.", len(unestimated),
        codes=", ".join(_code(i, i.id) for i in unestimated)) if unestimated else ""

    others = [card(i) for i in items if i.status in ("rejected", "deferred")]
    candidates = sum(1 for i in items if i.status == "candidate")
    n_lines = sum(1 for c in cards if c.kind == "action_line")
    n_reforms = len(cards) - n_lines
    closed = sum(1 for s in sessions if s.status == "closed")
    figures = [(fmt.int(closed), t.gettext("Sessions held")), (fmt.int(len(people)), t.gettext("Distinct people")),
               (fmt.int(n_lines), t.gettext("Action lines agreed")),
               (fmt.int(n_reforms), t.gettext("Policy reforms agreed")),
               (fmt.money_short(budget_total), t.gettext("Estimated budget"))]
    return InitiativeFacts(
        meta=meta, id=initiative.id, programme=programme.name, institution=programme.institution or "",
        name=name, value_chain=_tr(initiative, "value_chain", lang), region=initiative.region or "",
        summary=_tr(initiative, "summary", lang), sessions=session_rows, sessions_closed=closed,
        people_total=len(people), organisations=len(orgs), by_sector=by_sector, agreed=cards, groups=groups,
        axes=axes, horizons=horizons, grid=dict(grid), budget_table=budget_table,
        budget_total=fmt.money(budget_total), others=others, candidates=candidates, figures=figures,
        is_empty=not sessions and not items,
        filename_stem=_stem(t.gettext("Roadmap"), initiative.id, name), budget_note=budget_note,
        evidence_note=_withheld_legend(t) if any_withheld else "")


# --- Programme report ------------------------------------------------------------------------------


@dataclass
class InitiativeSummary:
    id: int
    name: str
    region: str
    value_chain: str
    summary: str
    sessions_total: int
    sessions_closed: int
    people: int
    by_sector: list[SectorCount]
    status_counts: dict[str, dict[str, int]]  # kind → status → n
    agreed_lines: list[str]
    agreed_reforms: list[str]
    budget: str
    process_text: str
    achievements_text: str
    phases: list[tuple[str, str, str, int]]  # (phase, date, status, participants)
    #: "Estimated budget of the agreed items: S/ 1.250.000; 2 items not estimated."
    budget_text: str = ""
    not_estimated: int = 0


@dataclass
class ProgrammeFacts:
    meta: Meta
    id: int
    name: str
    institution: str
    description: str
    period: str
    figures: list[tuple[str, str]]
    by_sector: list[SectorCount]
    people_total: int
    overview: Table
    initiatives: list[InitiativeSummary]
    status_labels: dict[str, str]
    kind_labels: dict[str, str]
    is_empty: bool
    filename_stem: str


def programme_facts(programme_id: int, lang: str = "es") -> Optional[ProgrammeFacts]:
    """Everything the programme report says, or None if there is no such programme."""
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        return None
    t, fmt = Text(lang), Fmt(lang)
    meta = _meta(lang, t.gettext("Programme report"), programme.name, programme.name, programme)
    sector_labels = {s: t.label("sectors", s) for s in SECTORS}
    stats = programme_stats(programme)
    _pause()
    initiatives = programme.initiatives
    ids = [i.id for i in initiatives]
    agreed = defaultdict(lambda: defaultdict(list))
    agreed_items: dict[int, list[Item]] = defaultdict(list)
    if ids:
        for item in db.session.scalars(select(Item).where(Item.initiative_id.in_(ids), Item.status == "agreed",
                                                          Item.is_archived.is_(False)).order_by(Item.id)):
            agreed[item.initiative_id][item.kind].append(f"{_code(item, item.id)} · {_tr(item, 'title', lang)}")
            agreed_items[item.initiative_id].append(item)
    sessions = db.session.execute(
        select(Session.initiative_id, Session.status, Session.starts_at, Session.started_at, Session.ended_at,
               Phase.number, Phase.name, Phase.name_en, Session.id)
        .join(Phase, Phase.id == Session.phase_id).where(Session.initiative_id.in_(ids))
        .order_by(func.coalesce(Session.started_at, Session.starts_at), Session.id)).all() if ids else []
    counts = _session_counts([s.id for s in sessions])
    # People who count (removed participants left out), distinct per initiative and in the programme.
    people_rows = _distinct_people(ids)
    people_of: dict[int, dict[int, str]] = defaultdict(dict)
    for stakeholder_id, sector, _org, initiative_id in people_rows:
        people_of[initiative_id][stakeholder_id] = sector
    everyone = {sid: sector for by in people_of.values() for sid, sector in by.items()}
    _pause()

    def sectors_text(by: dict) -> str:
        return ", ".join(f"{sector_labels[s].lower()}: {fmt.int(by.get(s, 0))}" for s in SECTORS)

    def held_date(row) -> str:
        if row.started_at:
            return fmt.short_date(row.started_at)
        if row.starts_at:
            return t.gettext("scheduled for %(date)s", date=fmt.short_date(row.starts_at))
        return t.gettext("Not set")

    summaries = []
    stats_by_id = {s["id"]: s for s in stats["initiatives"]}
    for initiative in initiatives:
        st = stats_by_id[initiative.id]
        by = Counter(people_of[initiative.id].values())
        people = len(people_of[initiative.id])
        lines, reforms = agreed[initiative.id]["action_line"], agreed[initiative.id]["policy_reform"]
        budget, unestimated = _budget(agreed_items[initiative.id])
        phases = [(f"{row.number} · {row.name_en if lang == 'en' and row.name_en else row.name}", held_date(row),
                   t.label("session_statuses", row.status), counts.get(row.id, 0))
                  for row in sessions if row.initiative_id == initiative.id]
        budget_text = t.ngettext(
            "Estimated budget of the agreed items: %(budget)s; %(num)s item not estimated.",
            "Estimated budget of the agreed items: %(budget)s; %(num)s items not estimated.",
            len(unestimated), budget=fmt.money(budget)) if unestimated else t.gettext(
            "Estimated budget of the agreed items: %(budget)s.", budget=fmt.money(budget))
        summaries.append(InitiativeSummary(
            id=initiative.id, name=_tr(initiative, "name", lang), region=initiative.region or "",
            value_chain=_tr(initiative, "value_chain", lang), summary=_tr(initiative, "summary", lang),
            sessions_total=st["sessions"]["total"], sessions_closed=st["sessions"]["closed"], people=people,
            by_sector=[SectorCount(s, sector_labels[s], style.SECTOR_COLOURS[s], by.get(s, 0),
                                   fmt.pct(by.get(s, 0) / people) if people else "—") for s in SECTORS],
            status_counts={k: {s: v for s, v in st["items"][k].items()} for k in st["items"]},
            agreed_lines=lines, agreed_reforms=reforms, budget=fmt.money(budget),
            process_text=t.ngettext(
                "Process: %(closed)s of %(num)s session held, with %(people)s taking part (%(sectors)s).",
                "Process: %(closed)s of %(num)s sessions held, with %(people)s taking part (%(sectors)s).",
                st["sessions"]["total"], closed=fmt.int(st["sessions"]["closed"]),
                people=t.ngettext("%(num)s person", "%(num)s people", people), sectors=sectors_text(by)),
            achievements_text=t.gettext(
                "Achievements: %(lines)s and %(reforms)s agreed.",
                lines=t.ngettext("%(num)s action line", "%(num)s action lines", len(lines)),
                reforms=t.ngettext("%(num)s public policy reform proposal", "%(num)s public policy reform proposals",
                                   len(reforms))),
            phases=phases, budget_text=budget_text, not_estimated=len(unestimated)))
    totals = stats
    n_lines = sum(len(agreed[i]["action_line"]) for i in ids)
    n_reforms = sum(len(agreed[i]["policy_reform"]) for i in ids)
    people_total = len(everyone)
    by = Counter(everyone.values())
    # The period: from the first session held to the end of the last (scheduled dates do not count).
    held = [(row.started_at, row.ended_at or row.started_at) for row in sessions if row.started_at]
    period = ""
    if held:
        period = f"{fmt.short_date(min(s for s, _ in held))} – {fmt.short_date(max(e for _, e in held))}"
    figures = [(fmt.int(len(initiatives)), t.gettext("Initiatives")),
               (fmt.int(totals["sessions"]["closed"]), t.gettext("Sessions held")),
               (fmt.int(people_total), t.gettext("People taking part")),
               (fmt.int(n_lines), t.gettext("Action lines agreed")), (fmt.int(n_reforms), t.gettext("Reforms agreed"))]
    overview = Table([t.gettext("Initiative"), t.gettext("Sessions"), t.gettext("Participants"),
                      t.gettext("Action lines agreed"), t.gettext("Reforms agreed"),
                      t.gettext("Estimated budget"), t.gettext("Not estimated")], [], [],
                     [3.6, 1.1, 1.3, 1.3, 1.3, 1.9, 1.1], [1, 2, 3, 4, 5, 6])
    for s in summaries:
        overview.rows.append([s.name, f"{fmt.int(s.sessions_closed)} / {fmt.int(s.sessions_total)}", fmt.int(s.people),
                              fmt.int(len(s.agreed_lines)), fmt.int(len(s.agreed_reforms)), s.budget,
                              fmt.int(s.not_estimated)])
    if summaries:
        budget, unestimated = _budget([item for i in ids for item in agreed_items[i]])
        overview.rows.append([t.gettext("Total"),
                              f"{fmt.int(totals['sessions']['closed'])} / {fmt.int(totals['sessions']['total'])}",
                              fmt.int(people_total), fmt.int(n_lines), fmt.int(n_reforms), fmt.money(budget),
                              fmt.int(len(unestimated))])
    return ProgrammeFacts(
        meta=meta, id=programme.id, name=programme.name, institution=programme.institution or "",
        description=_tr(programme, "description", lang), period=period, figures=figures,
        by_sector=[SectorCount(s, sector_labels[s], style.SECTOR_COLOURS[s], by.get(s, 0),
                               fmt.pct(by.get(s, 0) / people_total) if people_total else "—") for s in SECTORS],
        people_total=people_total, overview=overview, initiatives=summaries,
        status_labels={s: t.label("item_statuses", s)
                       for s in ("agreed", "rejected", "deferred", "candidate", "merged")},
        kind_labels={k: t.label("kinds_plural", k) for k in ("action_line", "policy_reform")},
        is_empty=not initiatives, filename_stem=_stem(t.gettext("Programme report"), programme.id, programme.name))
