"""The one handler per edge for refusals and HTTP errors on pages and under /api.

A `Refusal` raised anywhere in a request rolls the transaction back and becomes, under /api, a
JSON error `{"error": {"code", "message"}}` with the refusal's status, and on a page the error
page with the sentence in the visitor's language. Sockets ack refusals in `workshop.live.events`.
"""
from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from . import storage
from .extensions import db
from .refusals import Refusal


def _titles() -> dict[int, str]:
    return {
        400: _("That request could not be understood."),
        403: _("You do not have permission to see this page."),
        404: _("This page does not exist."),
        405: _("That action is not allowed here."),
        413: _("That file is too large."),
        500: _("Something went wrong on our side. Please try again."),
    }


def is_api_request() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def render_page_error(error: HTTPException):
    """An HTML error page in the visitor's language."""
    status = error.code or 500
    message = _titles().get(status, error.name)
    return render_template("error.html", status=status, message=message), status


def handle_refusal(refusal: Refusal):
    """A refusal → JSON under /api, an error page elsewhere; nothing it touched is kept."""
    db.session.rollback()
    if is_api_request():
        # Programs read the code; the sentence is English unless the call asks for ?lang=.
        headers = {"WWW-Authenticate": 'Bearer realm="mesa"'} if refusal.status == 401 else {}
        return {"error": refusal.payload(translate="lang" in request.args)}, refusal.status, headers
    return render_template("error.html", status=refusal.status, message=refusal.translated()), refusal.status


def handle_database_error(error: Exception):
    """A full disk, a read-only database or a lost connection is refused (503 `storage_unavailable`);
    any other database error is a bug, left to Flask (logged, 500)."""
    refusal = storage.refusal_for(error)
    if refusal is None:
        raise error
    return handle_refusal(refusal)


def init_errors(app: Flask) -> None:
    from flask_wtf.csrf import CSRFError
    from sqlalchemy.exc import DBAPIError

    app.register_error_handler(Refusal, handle_refusal)
    app.register_error_handler(DBAPIError, handle_database_error)

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return render_template(
            "error.html", status=400,
            message=_("The form had expired. Go back, reload the page and try again."),
        ), 400
