"""The access table: who may call every page, API endpoint and socket event, checked against the app.

`HTTP` has one row per (method, rule) of `app.url_map` and `SOCKET` one row per event registered on
the Socket.IO namespace /live; `test_the_table_covers_every_route_and_event` fails when the app has
one the table does not name (a new route needs a row here before it can be merged), or the table names
one the app no longer has. Each row is then called by every role against a running app:

- an allowed role is never refused (no 401/403, no redirect to the login page, no 5xx; a socket
  ack is never `forbidden` / `unauthorized`);
- a refused role gets the refusal its kind of caller gets: the API answers 401 to callers without
  a staff token and 403 to staff; pages send visitors to the login page and answer staff 403; a
  socket event is acked `{"ok": false, "error": {"code": "forbidden"}}`, and a socket without valid
  credentials is refused at connect.

The roles: `anonymous` (nothing), `participant` (a participant token of the session: a bearer header
on HTTP, the token on the socket), `projector` (the session's projector key: `?key=` on every URL,
`projector_key` on the socket), and staff: `secretariat`, `other_facilitator` (a facilitator not
named on the session), `facilitator` (named on it) and `admin`.

docs/security_matrix.md is generated from these tables (`python tests/test_access.py >
docs/security_matrix.md`); a test keeps it equal to them.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # config, when run as a script

from helpers import ROOT, STAFF_PASSWORD, fill  # noqa: E402

ROLES = ("anonymous", "participant", "projector", "secretariat", "other_facilitator", "facilitator", "admin")
STAFF_ROLES = ("secretariat", "other_facilitator", "facilitator", "admin")
PUBLIC = ROLES
ALL_STAFF = STAFF_ROLES
#: Candidate items and their import.
PREPARERS = ("secretariat", "other_facilitator", "facilitator", "admin")
#: Creating sessions.
PLANNERS = ("other_facilitator", "facilitator", "admin")
#: Steering a session: its own facilitators and admins only.
RUNNERS = ("facilitator", "admin")
ADMIN = ("admin",)
#: Who validates an initiative's roadmap as a new version.
VALIDATORS = ("secretariat", "admin")
PROJECTOR_SCREEN = ("projector",) + ALL_STAFF
#: Who may hold a /live socket of the session.
CONNECTED = ("participant", "projector") + ALL_STAFF
PHONES = ("participant",)


@dataclass
class Row:
    """Who may call one (method, rule) of the app, and an example call (ids filled in from the world)."""

    method: str
    rule: str
    who: tuple[str, ...]
    body: Any = None  # JSON for the API, form fields for pages
    query: str = ""
    #: Allowed callers get exactly this status (when the usual "not refused" is not enough to say).
    expect: Optional[int] = None
    note: str = ""

    @property
    def api(self) -> bool:
        return self.rule.startswith("/api/")

    @property
    def key(self) -> tuple[str, str]:
        return self.method, self.rule

    def url(self, ids: dict) -> str:
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "{" + PARAMS[m.group(1)] + "}", self.rule)
        return path.format(**ids) + (("?" + self.query.format(**ids)) if self.query else "")


#: URL parameters of the rules → the world's ids.
PARAMS = {"programme_id": "programme", "initiative_id": "initiative", "item_id": "item", "session_id": "session",
          "round_id": "round", "user_id": "other", "participant_id": "participant", "code": "code",
          "filename": "static_file", "name": "vendor_file", "logo_id": "logo", "number": "version",
          "stakeholder_id": "stakeholder", "token": "invitation",
          "chart": "chart", "phase": "phase"}

HTTP = [
    # --- Pages anyone may see -------------------------------------------------------------
    Row("GET", "/", PUBLIC, note="the start page (a join box); staff see the programmes"),
    Row("GET", "/login", PUBLIC),
    Row("POST", "/login", PUBLIC, {"email": "{secretariat_email}", "password": STAFF_PASSWORD}),
    Row("POST", "/logout", PUBLIC, expect=302),
    Row("GET", "/healthz", PUBLIC),
    Row("GET", "/socket.io/", PUBLIC, expect=400,
        note="Engine.IO answers it (a request without its parameters is refused); the route only spares "
             "each live event Flask's NotFound"),
    Row("GET", "/static/<path:filename>", PUBLIC),
    Row("GET", "/vendor/<name>", PUBLIC),
    Row("GET", "/j", PUBLIC, query="code={code}", expect=302),
    Row("GET", "/j/<code>", PUBLIC, note="the phone; knowing the code is the key"),
    Row("GET", "/j/<code>/qr.svg", PUBLIC),
    Row("GET", "/i/<token>", PUBLIC, note="a personal invitation: knowing the link is the key"),
    # --- Staff pages --------------------------------------------------------------------------
    Row("GET", "/programmes/<int:programme_id>", ALL_STAFF),
    Row("GET", "/programmes/new", ADMIN),
    Row("POST", "/programmes/new", ADMIN, {"name": "Nuevo programa"}),
    Row("GET", "/programmes/<int:programme_id>/edit", ADMIN),
    Row("POST", "/programmes/<int:programme_id>/edit", ADMIN, {"name": "Renombrado"}),
    Row("POST", "/programmes/<int:programme_id>/logos", ADMIN, {"role": "funder", "name": "Sin archivo"},
        note="a PNG or JPEG for the documents; without a file: 400"),
    Row("GET", "/programmes/<int:programme_id>/logos/<int:logo_id>", ALL_STAFF, note="the image, for thumbnails"),
    Row("POST", "/programmes/<int:programme_id>/logos/<int:logo_id>/move", ADMIN, {"direction": "up"}),
    Row("POST", "/programmes/<int:programme_id>/logos/<int:logo_id>/delete", ADMIN),
    Row("GET", "/programmes/<int:programme_id>/initiatives/new", ADMIN),
    Row("POST", "/programmes/<int:programme_id>/initiatives/new", ADMIN, {"name": "Nueva iniciativa"}),
    Row("GET", "/initiatives/<int:initiative_id>", ALL_STAFF),
    Row("GET", "/programmes/<int:programme_id>/dashboard", ALL_STAFF, note="refreshes itself from the stats"),
    Row("GET", "/programmes/<int:programme_id>/items", ALL_STAFF, query="q=quinua", note="find items"),
    Row("GET", "/programmes/<int:programme_id>/charts/<chart>.svg", ALL_STAFF, note="a dashboard chart (SVG image)"),
    Row("GET", "/items/<int:item_id>", ALL_STAFF, note="the item's whole history"),
    Row("POST", "/sessions/<int:session_id>/agenda/from-phase", RUNNERS, {"phase": "1"}, expect=302,
        note="the phase pipeline's button"),
    Row("GET", "/initiatives/<int:initiative_id>/edit", ADMIN),
    Row("POST", "/initiatives/<int:initiative_id>/edit", ADMIN, {"name": "Granos andinos", "region": "Cusco"}),
    Row("GET", "/initiatives/<int:initiative_id>/items/new", PREPARERS),
    Row("POST", "/initiatives/<int:initiative_id>/items/new", PREPARERS, {"kind": "action_line", "title": "Nueva"}),
    Row("GET", "/items/<int:item_id>/edit", PREPARERS),
    Row("POST", "/items/<int:item_id>/edit", PREPARERS, {"kind": "action_line", "title": "Editada"}),
    Row("POST", "/items/<int:item_id>/archive", PREPARERS),
    Row("GET", "/initiatives/<int:initiative_id>/import", PREPARERS),
    Row("POST", "/initiatives/<int:initiative_id>/import", PREPARERS, {}),
    Row("POST", "/initiatives/<int:initiative_id>/roadmap/validate", VALIDATORS, expect=302,
        note="the initiative page's button"),
    Row("GET", "/initiatives/<int:initiative_id>/sessions/new", PLANNERS),
    Row("POST", "/initiatives/<int:initiative_id>/sessions/new", PLANNERS, {"title": "Otra", "phase": "1"}),
    Row("GET", "/sessions/<int:session_id>", ALL_STAFF, note="shows the join code"),
    Row("GET", "/sessions/<int:session_id>/edit", RUNNERS),
    Row("POST", "/sessions/<int:session_id>/edit", RUNNERS, {"title": "Hoja de ruta", "phase": "3"}),
    Row("POST", "/sessions/<int:session_id>/status", RUNNERS, {"status": "closed"}),
    Row("POST", "/sessions/<int:session_id>/agenda", RUNNERS, {}),
    Row("POST", "/sessions/<int:session_id>/agenda/<int:item_id>/plan", RUNNERS, {"minutes": "9"}),
    Row("POST", "/programmes/<int:programme_id>/round-defaults/<int:phase>", PLANNERS, {"minutes": "9"},
        note="the programme's run-of-show defaults of one phase"),
    Row("GET", "/sessions/<int:session_id>/console", ALL_STAFF, note="steering controls only for its runners"),
    Row("GET", "/sessions/<int:session_id>/projector", PROJECTOR_SCREEN, note="staff login or the projector key"),
    # --- The stakeholder registry (staff who prepare) ------------------------------------------
    Row("GET", "/programmes/<int:programme_id>/people", PREPARERS, note="personal data"),
    Row("GET", "/programmes/<int:programme_id>/people/new", PREPARERS),
    Row("POST", "/programmes/<int:programme_id>/people/new", PREPARERS,
        {"name": "Nueva {role}", "organisation": "Org", "sector": "public"}),
    Row("GET", "/people/<int:stakeholder_id>", PREPARERS, note="shows the personal link"),
    Row("POST", "/people/<int:stakeholder_id>", PREPARERS, {"name": "Persona 1", "organisation": "Gobierno Regional "
                                                            "de Ayacucho", "sector": "public"}),
    Row("GET", "/people/<int:stakeholder_id>/qr.svg", PREPARERS, note="the personal link's QR code"),
    Row("POST", "/people/<int:stakeholder_id>/invitation", PREPARERS, expect=302),
    Row("POST", "/people/<int:stakeholder_id>/invitation/revoke", PREPARERS, expect=302),
    Row("POST", "/programmes/<int:programme_id>/invitations", PREPARERS, expect=302),
    Row("GET", "/programmes/<int:programme_id>/people/merge", PREPARERS, query="ids={stakeholder}&ids={stakeholder2}"),
    Row("POST", "/programmes/<int:programme_id>/people/merge", PREPARERS,
        {"ids": ["{stakeholder}", "{stakeholder2}"], "keep": "{stakeholder}"}),
    Row("GET", "/programmes/<int:programme_id>/people/import", PREPARERS),
    Row("POST", "/programmes/<int:programme_id>/people/import", PREPARERS, {}),
    Row("GET", "/admin/staff", ADMIN),
    Row("POST", "/admin/staff", ADMIN, {"email": "new@example.org", "name": "Nueva", "role": "secretariat",
                                        "password": "long-enough-1"}),
    Row("POST", "/admin/staff/<int:user_id>/toggle", ADMIN),
    # --- Public API ----------------------------------------------------------------------------
    Row("GET", "/api/openapi.json", PUBLIC),
    Row("POST", "/api/v1/auth/token", PUBLIC, {"email": "{secretariat_email}", "password": STAFF_PASSWORD}),
    Row("POST", "/api/v1/join", PUBLIC, {"code": "{code}", "name": "Persona {role}", "organisation": "Org",
                                         "sector": "public"}),
    Row("DELETE", "/api/v1/auth/token", ALL_STAFF, note="revokes the token it is sent with"),
    Row("GET", "/api/v1/auth/live-token", ALL_STAFF, note="a 2-hour token that only opens the live socket"),
    Row("GET", "/api/v1/programmes", PUBLIC, note="join codes only for staff"),
    Row("GET", "/api/v1/programmes/<int:programme_id>", PUBLIC, note="join codes only for staff"),
    Row("GET", "/api/v1/programmes/<int:programme_id>/stats", PUBLIC),
    Row("GET", "/api/v1/initiatives/<int:initiative_id>/items", PUBLIC),
    # --- Staff API -----------------------------------------------------------------------------
    Row("POST", "/api/v1/programmes", ADMIN, {"name": "Nuevo"}),
    Row("PATCH", "/api/v1/programmes/<int:programme_id>", ADMIN, {"name": "Renombrado"}),
    Row("POST", "/api/v1/programmes/<int:programme_id>/initiatives", ADMIN, {"name": "Nueva"}),
    Row("GET", "/api/v1/programmes/<int:programme_id>/export.json", ADMIN, note="the whole record, personal data"),
    Row("POST", "/api/v1/programmes/<int:programme_id>/logos", ADMIN, note="multipart file; without one: 400"),
    Row("DELETE", "/api/v1/programmes/<int:programme_id>/logos/<int:logo_id>", ADMIN),
    Row("PATCH", "/api/v1/initiatives/<int:initiative_id>", ADMIN, {"region": "Cusco"}),
    Row("POST", "/api/v1/initiatives/<int:initiative_id>/items", PREPARERS, {"kind": "action_line", "title": "T"}),
    Row("PATCH", "/api/v1/items/<int:item_id>", PREPARERS, {"title": "T2"}),
    Row("POST", "/api/v1/items/<int:item_id>/archive", PREPARERS),
    Row("POST", "/api/v1/items/<int:item_id>/unarchive", PREPARERS),
    Row("POST", "/api/v1/initiatives/<int:initiative_id>/items/import", PREPARERS),
    Row("POST", "/api/v1/initiatives/<int:initiative_id>/sessions", PLANNERS, {"title": "S", "phase": 1}),
    Row("GET", "/api/v1/sessions/<int:session_id>", ALL_STAFF),
    Row("PATCH", "/api/v1/sessions/<int:session_id>", RUNNERS, {"place": "Huamanga"}),
    Row("POST", "/api/v1/sessions/<int:session_id>/start", RUNNERS),
    Row("POST", "/api/v1/sessions/<int:session_id>/end", RUNNERS),
    Row("GET", "/api/v1/sessions/<int:session_id>/participants", ALL_STAFF),
    Row("PATCH", "/api/v1/sessions/<int:session_id>/participants/<int:participant_id>", RUNNERS,
        {"sector": "private", "reason": "corrección"}),
    Row("POST", "/api/v1/sessions/<int:session_id>/participants/<int:participant_id>/admit", RUNNERS),
    Row("POST", "/api/v1/sessions/<int:session_id>/participants/<int:participant_id>/remove", RUNNERS,
        {"reason": "prueba"}),
    Row("POST", "/api/v1/sessions/<int:session_id>/participants/merge", RUNNERS,
        {"keep_id": "{participant}", "duplicate_id": "{participant2}", "reason": "la misma persona"}),
    Row("POST", "/api/v1/sessions/<int:session_id>/rounds", RUNNERS, {"item_ids": ["{item2}"], "method": "approve"}),
    Row("GET", "/api/v1/sessions/<int:session_id>/agenda", ALL_STAFF, note="the run-of-show, resolved"),
    Row("PATCH", "/api/v1/sessions/<int:session_id>/agenda/<int:item_id>", RUNNERS, {"minutes": 9}),
    Row("GET", "/api/v1/programmes/<int:programme_id>/round-defaults", ALL_STAFF),
    Row("PATCH", "/api/v1/programmes/<int:programme_id>/round-defaults", PLANNERS, {"phases": {"3": {"minutes": 9}}}),
    Row("GET", "/api/v1/rounds/<int:round_id>", ALL_STAFF),
    Row("POST", "/api/v1/rounds/<int:round_id>/open", RUNNERS),
    Row("POST", "/api/v1/rounds/<int:round_id>/close", RUNNERS),
    Row("POST", "/api/v1/items/<int:item_id>/decision", RUNNERS, {"session_id": "{session}", "outcome": "deferred",
                                                                   "reason": "r"}),
    Row("GET", "/api/v1/items/<int:item_id>/decisions", ALL_STAFF),
    Row("GET", "/api/v1/items/<int:item_id>/history", ALL_STAFF),
    Row("GET", "/api/v1/programmes/<int:programme_id>/items", ALL_STAFF, query="q=quinua"),
    Row("POST", "/api/v1/sessions/<int:session_id>/agenda/from-phase", RUNNERS, {"phase": 1},
        note="409 on a live or closed session"),
    Row("GET", "/api/v1/initiatives/<int:initiative_id>/summary.pdf", ALL_STAFF),
    Row("GET", "/api/v1/initiatives/<int:initiative_id>/summary.docx", ALL_STAFF),
    Row("GET", "/api/v1/sessions/<int:session_id>/minutes.pdf", ALL_STAFF),
    Row("GET", "/api/v1/sessions/<int:session_id>/minutes.docx", ALL_STAFF),
    Row("GET", "/api/v1/sessions/<int:session_id>/data.xlsx", ALL_STAFF),
    Row("GET", "/api/v1/sessions/<int:session_id>/data.csv", ALL_STAFF, query="sheet=votes"),
    Row("GET", "/api/v1/sessions/<int:session_id>/data.zip", ALL_STAFF),
    Row("GET", "/api/v1/initiatives/<int:initiative_id>/roadmap.pdf", ALL_STAFF),
    Row("GET", "/api/v1/initiatives/<int:initiative_id>/roadmap.docx", ALL_STAFF),
    Row("POST", "/api/v1/initiatives/<int:initiative_id>/roadmap/versions", VALIDATORS,
        note="validates the roadmap as a new version (409 when nothing changed since the last)"),
    Row("GET", "/api/v1/initiatives/<int:initiative_id>/roadmap/versions", ALL_STAFF),
    Row("GET", "/api/v1/initiatives/<int:initiative_id>/roadmap/versions/<int:number>.pdf", ALL_STAFF),
    Row("GET", "/api/v1/initiatives/<int:initiative_id>/roadmap/versions/<int:number>.docx", ALL_STAFF),
    Row("GET", "/api/v1/programmes/<int:programme_id>/report.pdf", ALL_STAFF),
    Row("GET", "/api/v1/programmes/<int:programme_id>/roadmap.pdf", ALL_STAFF),
    Row("GET", "/api/v1/programmes/<int:programme_id>/roadmap.docx", ALL_STAFF),
    Row("GET", "/api/v1/programmes/<int:programme_id>/roadmap.xlsx", ALL_STAFF),
    Row("GET", "/api/v1/programmes/<int:programme_id>/data.xlsx", ALL_STAFF),
    Row("GET", "/api/v1/programmes/<int:programme_id>/report.docx", ALL_STAFF),
    Row("GET", "/api/v1/programmes/<int:programme_id>/people", PREPARERS),
    Row("POST", "/api/v1/programmes/<int:programme_id>/people", PREPARERS,
        {"name": "Nueva {role}", "organisation": "Org", "sector": "public"}),
    Row("GET", "/api/v1/people/<int:stakeholder_id>", PREPARERS),
    Row("PATCH", "/api/v1/people/<int:stakeholder_id>", PREPARERS, {"region": "Cusco"}),
    Row("POST", "/api/v1/programmes/<int:programme_id>/people/merge", PREPARERS,
        {"keep_id": "{stakeholder}", "duplicate_id": "{stakeholder2}", "reason": "la misma persona"}),
    Row("POST", "/api/v1/programmes/<int:programme_id>/people/import", PREPARERS,
        note="multipart file; without one: 400"),
    Row("POST", "/api/v1/people/<int:stakeholder_id>/invitation", PREPARERS, note="a new personal link"),
    Row("DELETE", "/api/v1/people/<int:stakeholder_id>/invitation", PREPARERS),
    Row("POST", "/api/v1/programmes/<int:programme_id>/invitations", PREPARERS),
    Row("GET", "/api/v1/programmes/<int:programme_id>/invitations", PREPARERS, note="the links: secrets"),
    Row("GET", "/api/v1/programmes/<int:programme_id>/badges.pdf", PREPARERS),
    Row("GET", "/api/v1/programmes/<int:programme_id>/invitations.csv", PREPARERS),
    Row("GET", "/api/v1/programmes/<int:programme_id>/invitations.xlsx", PREPARERS),
    Row("GET", "/api/v1/staff", ADMIN),
    Row("PATCH", "/api/v1/staff/<int:user_id>", ADMIN, {"name": "Otra"}),
    Row("POST", "/api/v1/staff", ADMIN, {"email": "n@example.org", "name": "N", "role": "facilitator",
                                         "password": "long-enough-1"}),
]


@dataclass
class Event:
    """Who may send one event of the /live namespace, and an example payload."""

    name: str
    who: tuple[str, ...]
    payload: dict = field(default_factory=dict)
    note: str = ""


SOCKET = [
    Event("connect", ("anonymous",) + CONNECTED,
          note="auth {token | projector_key, session_id}, or a phone on the join form {session_id, view: \"join\"} "
               "(it may only `join`); anyone else is refused"),
    Event("disconnect", ("anonymous",) + CONNECTED),
    Event("join", ("anonymous",), {"code": "{code}", "name": "Nueva Persona", "organisation": "Org",
                                    "sector": "public"},
          note="POST /api/v1/join over the join form's socket; the socket becomes the participant's"),
    Event("vote", PHONES, {"round_id": "{round}", "value": "approve", "client_vote_id": "access-1"}),
    Event("comment", PHONES, {"body": "Una idea"}),
    Event("upvote", PHONES, {"comment_id": "{comment}"}),
    Event("propose", PHONES, {"kind": "action_line", "title": "Propuesta"}),
    Event("start_session", RUNNERS),
    Event("end_session", RUNNERS),
    Event("open_round", RUNNERS, {"item_ids": ["{item2}"], "method": "approve"}),
    Event("close_round", RUNNERS, {"round_id": "{round}"}),
    Event("reveal", RUNNERS, {"round_id": "{round}", "revealed": True}),
    Event("timer", RUNNERS, {"round_id": "{round}", "seconds": 60}),
    Event("set_item", RUNNERS, {"item_id": "{item}"}),
    Event("moderate", RUNNERS, {"comment_id": "{comment}", "pinned": True}),
    Event("handle_proposal", RUNNERS, {"proposal_id": "{proposal}", "accept": False}),
    Event("decide", RUNNERS, {"item_id": "{item}", "outcome": "deferred", "reason": "r"}),
    Event("remove_participant", RUNNERS, {"participant_id": "{participant2}", "reason": "prueba"}),
    Event("admit_participant", RUNNERS, {"participant_id": "{participant}"}),
    Event("correct_sector", RUNNERS, {"participant_id": "{participant}", "sector": "private", "reason": "r"}),
    Event("merge_participants", RUNNERS, {"keep_id": "{participant}", "duplicate_id": "{participant2}",
                                          "reason": "la misma persona"}),
    Event("set_admission", RUNNERS, {"required": False}),
    Event("projector_view", RUNNERS, {"join": True, "theme": "dark"},
          note="the room's screen: full-screen join screen, theme; relayed, nothing stored"),
    Event("set_anonymous_comments", RUNNERS, {"allowed": True},
          note="whether phones may comment anonymously; earlier anonymous comments stay anonymous"),
    Event("advance", RUNNERS, {"step": "discuss"}, note="refused step_changed when the step moved on"),
    Event("projector_mode", RUNNERS, {"mode": "join"}),
]


# --- The table against the app --------------------------------------------------------------------


def test_the_table_covers_every_route_and_event(app):
    from workshop.extensions import socketio

    routes = {(method, rule.rule) for rule in app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    table = [row.key for row in HTTP]
    assert len(table) == len(set(table)), "a (method, rule) is in the table twice"
    assert sorted(routes - set(table)) == [], "routes the access table does not name: add a row to HTTP"
    assert sorted(set(table) - routes) == [], "rows of the access table the app no longer has"
    events = set(socketio.server.handlers["/live"])
    named = [event.name for event in SOCKET]
    assert len(named) == len(set(named))
    assert sorted(events - set(named)) == [], "socket events the access table does not name: add a row to SOCKET"
    assert sorted(set(named) - events) == []
    assert list(socketio.server.handlers) == ["/live"], "a namespace the access table does not cover"


#: A 1×1 PNG: a programme's logo.
TINY_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c"
                         "49444154789c63e00e4d0600013200c45e44f9aa0000000049454e44ae426082")


@pytest.fixture
def world(app, make_session, make_staff, join):
    """A live session with an open round, two participants, a comment and a proposal, a facilitator
    named on it, one who is not, a secretariat account, an admin and one more staff account."""
    from workshop.programmes import logos
    from workshop.sessions import discussion
    from workshop.sessions.services import update_session
    from workshop.voting.services import create_round

    session = make_session()
    item, item2 = session.agenda[0].item, session.agenda[1].item
    round_ = create_round(session, item_ids=[item.id], method="approve", open_now=True)
    participant, participant_token = join(session)
    participant2, _token2 = join(session)
    comment = discussion.add_comment(participant2, "Un comentario")
    proposal = discussion.propose(participant2, "action_line", "Una propuesta")
    other = make_staff("facilitator", email="other@example.org")
    users = {role: make_staff(role) for role in ("secretariat", "facilitator", "admin")}
    users["other_facilitator"] = make_staff("facilitator", email="unnamed@example.org")
    update_session(session, {"facilitator_ids": [users["facilitator"].id]})
    ids = {"programme": session.initiative.programme_id, "initiative": session.initiative_id, "item": item.id,
           "item2": item2.id, "session": session.id, "round": round_.id, "other": other.id,
           "participant": participant.id, "participant2": participant2.id, "comment": comment.id,
           "proposal": proposal.id, "code": session.join_code, "projector_key": session.projector_key,
           "secretariat_email": users["secretariat"].email, "static_file": "css/mesa.css",
           "vendor_file": "socket.io.esm.min.js", "version": 1, "chart": "sectors", "phase": 3}
    ids["logo"] = logos.add(session.initiative.programme, "institution", "Logo", TINY_PNG).id
    from workshop.registry import services as registry

    ids["stakeholder"], ids["stakeholder2"] = participant.stakeholder_id, participant2.stakeholder_id
    ids["invitation"] = registry.invite(participant.stakeholder)
    return ids, users, participant_token


def refused_http(row: Row, role: str, response) -> Optional[str]:
    """Why `response` is not the refusal `role` should get from `row` (None: it is)."""
    visitor = role not in STAFF_ROLES
    if row.api:
        expected = 401 if visitor else 403
        if response.status_code != expected:
            return f"expected {expected}, got {response.status_code}"
        if set((response.get_json(silent=True) or {}).get("error", {})) < {"code", "message"}:
            return "no {error: {code, message}} body"
        return None
    if visitor:
        if response.status_code != 302 or "/login" not in response.headers.get("Location", ""):
            return f"expected a redirect to the login page, got {response.status_code}"
        return None
    return None if response.status_code == 403 else f"expected 403, got {response.status_code}"


def allowed_http(row: Row, response) -> Optional[str]:
    """Why `response` is not an answer to an allowed caller (None: it is)."""
    if row.expect is not None:
        return None if response.status_code == row.expect else f"expected {row.expect}, got {response.status_code}"
    if response.status_code in (401, 403) or response.status_code >= 500:
        return f"refused or failed: {response.status_code}"
    if response.status_code == 302 and "/login" in response.headers.get("Location", ""):
        return "sent to the login page"
    return None


def forget_user() -> None:
    """Requests made in a test share the app context the fixture pushed, and Flask-Login keeps the
    user it loaded in `g`: forget it, so that each caller's request loads its own."""
    from flask import g

    g.pop("_login_user", None)


def call_http(app, row: Row, role: str, world) -> Any:
    ids, users, participant_token = world
    browser = app.test_client()
    forget_user()
    headers = {}
    url = row.url({**ids, "role": role})
    if role == "participant":
        headers = {"Authorization": f"Bearer {participant_token}"}
    elif role == "projector":
        url += ("&" if "?" in url else "?") + f"key={ids['projector_key']}"
    elif role in users:
        if row.api:
            from workshop.accounts.auth import issue_staff_token

            headers = {"Authorization": f"Bearer {issue_staff_token(users[role])}"}
        else:
            login = browser.post("/login", data={"email": users[role].email, "password": STAFF_PASSWORD})
            assert login.status_code == 302, f"login as {role} failed"
            forget_user()
    body = fill(row.body, {**ids, "role": role})
    if row.api:
        return browser.open(url, method=row.method, json=body, headers=headers)
    return browser.open(url, method=row.method, data=body or {}, headers=headers)


def order(who: tuple[str, ...]) -> list[str]:
    """Refused roles first (nothing they try changes anything), then the allowed ones."""
    return [r for r in ROLES if r not in who] + [r for r in ROLES if r in who]


@pytest.mark.parametrize("row", HTTP, ids=[f"{row.method} {row.rule}" for row in HTTP])
def test_http_access(app, world, row):
    problems = []
    for role in order(row.who):
        response = call_http(app, row, role, world)
        problem = allowed_http(row, response) if role in row.who else refused_http(row, role, response)
        if problem:
            problems.append(f"{role}: {problem}")
    assert problems == []


def connect_as(app, role: str, world):
    """A /live test client for `role` (None when the connection is refused)."""
    from workshop.accounts.auth import issue_staff_token
    from workshop.extensions import socketio

    ids, users, participant_token = world
    auth: dict = {"session_id": ids["session"]}
    if role == "anonymous":
        auth["view"] = "join"  # the join form's socket: it may only join
    elif role == "participant":
        auth["token"] = participant_token
    elif role == "projector":
        auth["projector_key"] = ids["projector_key"]
    elif role in users:
        auth["token"] = issue_staff_token(users[role])
    client = socketio.test_client(app, namespace="/live", auth=auth)
    return client if client.is_connected("/live") else None


@pytest.mark.parametrize("event", SOCKET, ids=[event.name for event in SOCKET])
def test_socket_access(app, world, event):
    ids = world[0]
    problems = []
    for role in order(event.who):
        client = connect_as(app, role, world)
        if event.name in ("connect", "disconnect"):
            if (client is not None) != (role in event.who):
                problems.append(f"{role}: {'connected' if client else 'refused'}")
            if client is not None:
                client.disconnect("/live")
                if client.is_connected("/live"):
                    problems.append(f"{role}: still connected after disconnecting")
            continue
        if client is None:
            if role in event.who:
                problems.append(f"{role}: refused at connect")
            continue  # refused at connect: it can send nothing
        ack = client.emit(event.name, fill(event.payload, ids), namespace="/live", callback=True)
        client.disconnect("/live")
        code = (ack.get("error") or {}).get("code") if isinstance(ack, dict) else None
        if role in event.who and (not isinstance(ack, dict) or code in ("forbidden", "unauthorized", "server_error")):
            problems.append(f"{role}: {ack}")
        if role not in event.who and code != "forbidden":
            problems.append(f"{role}: expected forbidden, got {ack}")
    assert problems == []


def test_anonymous_sockets_are_refused_at_connect(app, world):
    """No credentials, a wrong token or a wrong projector key: the connection is refused."""
    from workshop.extensions import socketio

    ids = world[0]
    for auth in (None, {}, {"session_id": ids["session"]}, {"session_id": ids["session"], "token": "forged"},
                 {"session_id": ids["session"], "projector_key": "wrong"}):
        client = socketio.test_client(app, namespace="/live", auth=auth)
        assert not client.is_connected("/live"), auth


# --- Join codes: staff and the projector only ------------------------------------------------------


def test_join_codes_are_listed_for_staff_only(app, world, client, token_for):
    ids, users, participant_token = world
    for headers in ({}, {"Authorization": f"Bearer {participant_token}"}):
        for url in ("/api/v1/programmes", f"/api/v1/programmes/{ids['programme']}",
                    f"/api/v1/programmes?key={ids['projector_key']}"):
            body = client.get(url, headers=headers).get_json()
            programmes = body if isinstance(body, list) else [body]
            sessions = [s for p in programmes for i in p["initiatives"] for s in i["sessions"]]
            assert sessions and all(s["join_code"] is None for s in sessions), url
    for role in STAFF_ROLES:
        body = client.get("/api/v1/programmes", headers=token_for(users[role])).get_json()
        assert ids["code"] in [s["join_code"] for p in body for i in p["initiatives"] for s in i["sessions"]]


#: Public answers that may show the code: those reached with it, and the projector (its purpose).
SHOWS_CODE = {("GET", "/j/<code>"), ("GET", "/j/<code>/qr.svg"), ("GET", "/j"),
              ("GET", "/sessions/<int:session_id>/projector"),
              ("GET", "/i/<token>")}  # a personal invitation lists its programme's live sessions
#: Files of the code base, not data (a minified script might hold any six letters by chance).
FILES = {("GET", "/static/<path:filename>"), ("GET", "/vendor/<name>")}


def test_no_public_answer_shows_a_live_join_code(app, world):
    """Every GET a visitor may make (a participant's token and the projector key included) answers
    without the code of the live session, except the pages reached with the code, the projector and a
    personal invitation's page."""
    ids = world[0]
    seen = []
    for row in HTTP:
        if row.method != "GET" or row.key in SHOWS_CODE | FILES:
            continue
        for role in ("anonymous", "participant", "projector"):
            response = call_http(app, row, role, world)
            if ids["code"] in response.get_data(as_text=True) or ids["code"] in response.headers.get("Location", ""):
                seen.append(f"{role}: {row.method} {row.rule}")
    assert seen == []


# --- Other checks of the same policy ---------------------------------------------------------------


def test_projector_link_works_without_login_only_with_the_right_key(app, world):
    ids = world[0]
    browser = app.test_client()
    assert browser.get(f"/sessions/{ids['session']}/projector?key={ids['projector_key']}").status_code == 200
    assert browser.get(f"/sessions/{ids['session']}/projector?key=wrong").status_code == 302


def test_cookie_login_cannot_write_through_the_api(app, world):
    """A logged-in browser may read the API but writes need a bearer token (no CSRF through cookies)."""
    ids, users, _ = world
    browser = app.test_client()
    browser.post("/login", data={"email": users["facilitator"].email, "password": STAFF_PASSWORD})
    assert browser.get(f"/api/v1/sessions/{ids['session']}").status_code == 200
    assert browser.post(f"/api/v1/sessions/{ids['session']}/end").status_code == 401


# --- docs/security_matrix.md -----------------------------------------------------------------------

TITLES = {"anonymous": "anonymous", "participant": "participant", "projector": "projector key",
          "secretariat": "secretariat", "other_facilitator": "facilitator, not of the session",
          "facilitator": "facilitator of the session", "admin": "admin"}


def matrix_markdown() -> str:
    def line(cells):
        return "| " + " | ".join(cells) + " |"

    head = [line(["", *[TITLES[r] for r in ROLES], "note"]), line(["---"] * (len(ROLES) + 2))]
    out = ["# Who may do what: the access table", "",
           "Generated from `tests/test_access.py` (`python tests/test_access.py > docs/security_matrix.md`);",
           "`tests/test_access.py` fails when a page, endpoint or socket event of the app is missing here, and",
           "checks every cell against the running app. ✓ allowed; · refused (the API answers 401 without a",
           "staff token and 403 to staff; pages send visitors to the login page and answer staff 403; a",
           "socket event is acked `forbidden`; a socket without valid credentials is refused at connect).",
           "A participant's token and the projector key are sent on every call of their columns.", "",
           "## Pages and API", "", *head]
    for row in HTTP:
        label = f"`{row.method} {row.rule}`"
        out.append(line([label, *["✓" if r in row.who else "·" for r in ROLES], row.note]))
    out += ["", "## Socket.IO events (namespace `/live`)", "", *head]
    for event in SOCKET:
        out.append(line([f"`{event.name}`", *["✓" if r in event.who else "·" for r in ROLES], event.note]))
    return "\n".join(out) + "\n"


def test_the_documented_matrix_is_the_tested_one():
    path = ROOT / "docs" / "security_matrix.md"
    assert path.read_text() == matrix_markdown(), "regenerate: python tests/test_access.py > docs/security_matrix.md"


if __name__ == "__main__":
    sys.stdout.write(matrix_markdown())
