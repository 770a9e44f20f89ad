"""Pages: the start page (programmes with their figures), a programme's page, its dashboard, the
item search, an item's history, and the phase pipeline's button on a session's page."""
from __future__ import annotations

from typing import Any, Optional

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, format_decimal, format_percent, format_time, get_translations, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import ValidationError
from sqlalchemy import select

from ..accounts.auth import staff_required
from ..accounts.permissions import can_steer, require_steer
from ..extensions import db
from ..i18n import current_lang
from ..labels import ITEM_STATUSES, SECTORS, SESSION_STATUSES
from ..programmes.models import Item, Programme
from ..refusals import Refusal
from ..sessions.models import Session
from ..voting.history import item_history, round_view
from . import charts, pipeline
from .schemas import ItemSearchQuerySchema
from .search import facets, find
from .stats import programme_stats, stats_json

bp = Blueprint("reports", __name__)

#: Seconds between two looks at the stats while a session of the programme is live, and otherwise.
POLL_LIVE, POLL_IDLE = 3, 15


@bp.get("/")
def index():
    """Staff see the programmes; everyone else gets the join box."""
    if not current_user.is_authenticated:
        return render_template("programmes/welcome.html")
    programmes = db.session.scalars(select(Programme).order_by(Programme.id)).all()
    return render_template("programmes/index.html", programmes=programmes,
                           stats={p.id: programme_stats(p) for p in programmes})


@bp.get("/programmes/<int:programme_id>")
@staff_required()
def programme(programme_id: int):
    """A programme: its initiatives, sessions and figures."""
    programme = db.get_or_404(Programme, programme_id)
    return render_template("programmes/programme.html", programme=programme, stats=programme_stats(programme))


# --- Figures as the pages write them ------------------------------------------------------------


def fmt_int(value: Optional[float]) -> str:
    return format_decimal(value or 0)


def fmt_money(value: Optional[int]) -> str:
    return "S/ " + format_decimal(value or 0)


def fmt_pct(value: Optional[float]) -> str:
    return "—" if value is None else format_percent(value)


def fmt_when(value) -> str:
    """A date and time without seconds, in the page's language and the app's time zone."""
    if value is None:
        return ""
    return f"{format_date(value, 'medium')} {format_time(value, 'short')}"


def fmt_date(value) -> str:
    return format_date(value, "medium") if value is not None else ""


FORMATS = {"fmt_int": fmt_int, "fmt_money": fmt_money, "fmt_pct": fmt_pct, "fmt_when": fmt_when,
           "fmt_date": fmt_date}


def budget_note(budget: dict[str, Any]) -> str:
    """The years the agreed items' prices are of, and what the total leaves out (as the documents say)."""
    years = budget["price_years"]
    note = []
    if len(years) == 1:
        note.append(_("Amounts in soles at prices of %(year)s.", year=years[0]))
    elif years:
        note.append(_("Amounts in soles at the prices of the year each item states (%(years)s); amounts of "
                      "different years are added as they are.", years=", ".join(str(y) for y in years)))
    else:
        note.append(_("Amounts in soles; no item states the year of its prices."))
    if budget["items_without_price_year"]:
        note.append(ngettext("%(num)s estimate does not say the year of its prices.",
                             "%(num)s estimates do not say the year of their prices.",
                             budget["items_without_price_year"]))
    if budget["items_not_estimated"]:
        note.append(ngettext("%(num)s agreed item has no estimated budget: the total leaves it out.",
                             "%(num)s agreed items have no estimated budget: the total leaves them out.",
                             budget["items_not_estimated"]))
    return " ".join(note)


CHARTS = ("sectors", "items", "sessions")


def dashboard_chart(stats: dict[str, Any], name: str) -> tuple[str, str, float]:
    """One of the dashboard's charts: (its title, the SVG, its height)."""
    if name == "sectors":
        people = stats["stakeholders"]["by_sector"]
        orgs = stats["organisations"]["by_sector"]
        title = _("People and organisations by sector")
        svg, height = charts.stacked_bars(
            [(_("People"), [(s, people[s], fmt_int(people[s])) for s in SECTORS]),
             (_("Organisations"), [(s, orgs[s], fmt_int(orgs[s])) for s in SECTORS])],
            [(s, str(SECTORS[s])) for s in SECTORS], charts.SECTOR_COLOURS, title=title, number=fmt_int)
    elif name == "items":
        order = ("agreed", "deferred", "rejected", "candidate", "merged")
        title = _("Items by status")
        svg, height = charts.stacked_bars(
            [(label, [(s, stats["items"][k][s], fmt_int(stats["items"][k][s])) for s in order])
             for k, label in (("action_line", _("Action lines")), ("policy_reform", _("Reforms")))],
            [(s, str(ITEM_STATUSES[s])) for s in order], charts.STATUS_COLOURS, title=title, number=fmt_int)
    else:
        phases = []
        for number in stats["phases"]:
            counts = {s: 0 for s in charts.SESSION_COLOURS}
            for initiative in stats["initiatives"]:
                for phase in initiative["phases"]:
                    if phase["number"] == number:
                        for session in phase["sessions"]:
                            counts[session["status"]] += 1
            phases.append((_("Phase %(num)s", num=number), [(s, n, fmt_int(n)) for s, n in counts.items()]))
        title = _("Sessions by phase and status")
        svg, height = charts.stacked_bars(
            phases, [(s, str(SESSION_STATUSES[s])) for s in charts.SESSION_COLOURS], charts.SESSION_COLOURS,
            title=title, number=fmt_int)
    return title, svg, height


@bp.get("/programmes/<int:programme_id>/charts/<chart>.svg")
@staff_required()
def chart(programme_id: int, chart: str):
    """A dashboard chart as an SVG image (`sectors`, `items`, `sessions`), in the page's language."""
    if chart not in CHARTS:
        abort(404)
    programme = db.get_or_404(Programme, programme_id)
    _title, svg, _height = dashboard_chart(programme_stats(programme), chart)
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-cache"
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/programmes/<int:programme_id>/dashboard")
@staff_required()
def dashboard(programme_id: int):
    """The programme at a glance: initiatives × phases, totals and charts; it refreshes itself from
    the stats while a session runs (static/js/live/dashboard.js)."""
    programme = db.get_or_404(Programme, programme_id)
    stats = programme_stats(programme)
    etag = stats_json(stats)[1]
    lang = current_lang()
    chart_list = []
    for name in CHARTS:
        title, _svg, height = dashboard_chart(stats, name)
        chart_list.append({"name": name, "title": title, "height": int(height), "width": charts.WIDTH,
                           "src": url_for(".chart", programme_id=programme.id, chart=name, lang=lang)})

    catalogue = get_translations()

    def forms(singular: str, plural: str) -> list[str]:
        """The translated singular and plural, placeholders kept (the browser fills them in)."""
        return [catalogue.ngettext(singular, plural, 1), catalogue.ngettext(singular, plural, 2)]

    config = {"programme_id": programme.id, "stats_url": f"/api/v1/programmes/{programme.id}/stats",
              "agreed_url": f"/api/v1/programmes/{programme.id}/items?status=agreed",
              "etag": f'"{etag}"', "poll_live": POLL_LIVE, "poll_idle": POLL_IDLE, "lang": lang,
              "sector_order": list(SECTORS),
              "labels": {"session_statuses": {k: str(v) for k, v in SESSION_STATUSES.items()},
                         "sectors": {k: str(v) for k, v in SECTORS.items()}},
              "plurals": {"people": forms("%(num)d person", "%(num)d people"),
                          "agreed": forms("%(num)d item agreed", "%(num)d items agreed"),
                          "participants": forms("%(num)d participant", "%(num)d participants"),
                          "votes": forms("%(num)d vote", "%(num)d votes")},
              "strings": {"updated": _("Updated at %(time)s"), "offline": _("No connection: retrying…"),
                          "live": _("Live: refreshes every few seconds"), "none_agreed": _("No item agreed yet."),
                          "one_year": _("Amounts in soles at prices of %(year)s."),
                          "years": _("Amounts in soles at the prices of the year each item states (%(years)s); "
                                     "amounts of different years are added as they are."),
                          "no_year": _("Amounts in soles; no item states the year of its prices.")},
              "plurals_budget": {
                  "unpriced": forms("%(num)s estimate does not say the year of its prices.",
                                    "%(num)s estimates do not say the year of their prices."),
                  "not_estimated": forms("%(num)s agreed item has no estimated budget: the total leaves it out.",
                                         "%(num)s agreed items have no estimated budget: the total leaves them "
                                         "out.")}}
    return render_template("programmes/dashboard.html", programme=programme, stats=stats, charts=chart_list,
                           budget_note=budget_note(stats["budget"]), config=config, etag=etag,
                           agreed=find(programme, {"status": "agreed"}).items, **FORMATS)


# --- Find ---------------------------------------------------------------------------------------


@bp.get("/programmes/<int:programme_id>/items")
@staff_required()
def find_items(programme_id: int):
    """Search and filter the programme's items."""
    programme = db.get_or_404(Programme, programme_id)
    args = {k: v for k, v in request.args.items() if v != ""}
    errors: dict[str, Any] = {}
    try:
        query = ItemSearchQuerySchema().load(args)
    except ValidationError as exc:
        errors = exc.messages
        query = ItemSearchQuerySchema().load({k: v for k, v in args.items() if k not in exc.messages})
    if query.get("initiative") and query["initiative"] not in {i.id for i in programme.initiatives}:
        errors["initiative"] = [_("No such initiative in this programme.")]
        query["initiative"] = None
    found = find(programme, query)
    return render_template("programmes/find.html", programme=programme, query=query, found=found, errors=errors,
                           facets=facets(programme, current_lang()), **FORMATS), 400 if errors else 200


# --- An item's history ----------------------------------------------------------------------------


def sector_rows(method: str, tally: dict[str, Any], item_id: int) -> list[dict[str, Any]]:
    """Per sector (and overall): votes, support for this item and the method's main figure; a
    withheld sector has neither."""
    def figures(cell: dict[str, Any]) -> dict[str, Any]:
        if cell.get("suppressed"):
            return {"suppressed": True}
        key = str(item_id)
        share = cell.get("support")
        if isinstance(share, dict):
            share = share.get(key)
        if method == "approve":
            c = cell.get("counts") or {}
            detail = " · ".join(f"{label} {fmt_int(c.get(k, 0))}" for k, label in
                                (("approve", _("approve")), ("neutral", _("neutral")), ("reject", _("reject"))))
        elif method == "score":
            detail = _("mean %(mean)s", mean=format_decimal(cell["mean"], "#,##0.0")) \
                if cell.get("mean") is not None else ""
        elif method == "impact_feasibility":
            detail = _("impact %(impact)s · feasibility %(feasibility)s",
                       impact=format_decimal(cell["impact_mean"], "#,##0.0"),
                       feasibility=format_decimal(cell["feasibility_mean"], "#,##0.0")) \
                if cell.get("impact_mean") is not None else ""
        elif method == "dots":
            detail = ngettext("%(num)s dot", "%(num)s dots", (cell.get("dots") or {}).get(key, 0))
        else:
            detail = _("Borda %(points)s", points=fmt_int((cell.get("borda") or {}).get(key, 0)))
        return {"total": cell.get("total", 0), "support": fmt_pct(share), "detail": detail}

    rows = [{"label": _("All"), "sector": None, **figures(tally)}]
    for sector, cell in (tally.get("by_sector") or {}).items():
        if cell.get("suppressed") or cell.get("total"):
            rows.append({"label": str(SECTORS.get(sector, sector)), "sector": sector, **figures(cell)})
    return rows


@bp.get("/items/<int:item_id>")
@staff_required()
def item_page(item_id: int):
    """An item and everything that happened to it: sessions, rounds, tallies per sector, comments,
    decisions (and the history of the items merged into it)."""
    item = db.get_or_404(Item, item_id)
    history = item_history(item)
    lang = current_lang()
    rounds_of: dict[int, list] = {}
    for round_ in history.rounds:
        view = round_view(round_, lang)
        mine = [i for i in round_.item_ids if i in history.item_ids]
        view["rows"] = {i: sector_rows(round_.method, view["tally"], i) for i in mine}
        view["item_results"] = {i: view["item_outcomes"].get(str(i), round_.outcome) for i in mine}
        rounds_of.setdefault(round_.session_id, []).append(view)
    items_by_id = {i.id: i for i in [item, *history.merged_from]}
    return render_template("programmes/item.html", item=item, history=history, rounds_of=rounds_of,
                           items_by_id=items_by_id, **FORMATS)


# --- The phase pipeline on a session's page -------------------------------------------------------


@bp.app_context_processor
def _pipeline_offer():
    def pipeline_offer(session: Session) -> Optional[dict[str, Any]]:
        """What the session page's "bring from an earlier phase" box offers, or None."""
        if session.status not in ("draft", "scheduled") or session.phase.number <= 1:
            return None
        if not current_user.is_authenticated or not can_steer(current_user, session):
            return None
        number = session.phase.number - 1
        outcomes = pipeline.phase_outcomes(session.initiative_id, number)
        on_agenda = {e.item_id for e in session.agenda}
        agreed = [i for i, o in outcomes.items() if o == "agreed" and i not in on_agenda]
        deferred = [i for i, o in outcomes.items() if o == "deferred" and i not in on_agenda]
        return {"phase": number, "agreed": len(agreed), "deferred": len(deferred),
                "phases": list(range(1, session.phase.number))}

    return {"pipeline_offer": pipeline_offer}


@bp.post("/sessions/<int:session_id>/agenda/from-phase")
@staff_required()
def agenda_from_phase(session_id: int):
    """The session page's button: bring an earlier phase's agreed (and deferred) items."""
    session = db.get_or_404(Session, session_id)
    require_steer(current_user, session)
    phase = request.form.get("phase", type=int)
    include_deferred = request.form.get("include_deferred") in ("1", "on", "true")
    if phase is not None and not 1 <= phase <= 100:
        abort(400)
    try:
        result = pipeline.bring_from_phase(session, phase=phase, include_deferred=include_deferred,
                                           staff=current_user)
    except Refusal as exc:
        db.session.rollback()
        flash(exc.translated(), "error")
        return redirect(url_for("sessions.session", session_id=session.id) + "#agenda")
    added, already = len(result["added"]), len(result["already"])
    if added:
        flash(ngettext("%(num)s item from phase %(phase)s added to the agenda.",
                       "%(num)s items from phase %(phase)s added to the agenda.", added, phase=result["phase"]),
              "success")
    else:
        flash(_("Nothing to add: no item agreed in phase %(phase)s is missing from the agenda.",
                phase=result["phase"]) if not already else
              ngettext("Nothing to add: the %(num)s item from phase %(phase)s is on the agenda already.",
                       "Nothing to add: the %(num)s items from phase %(phase)s are on the agenda already.",
                       already, phase=result["phase"]), "info")
    return redirect(url_for("sessions.session", session_id=session.id) + "#agenda")
