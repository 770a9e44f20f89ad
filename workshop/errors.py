"""Error pages for people; the API's JSON errors live in `workshop.api.core`."""
from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException


def _titles() -> dict[int, str]:
    return {
        400: _("That request could not be understood."),
        403: _("You do not have permission to see this page."),
        404: _("This page does not exist."),
        405: _("That action is not allowed here."),
        413: _("That file is too large."),
        500: _("Something went wrong on our side. Please try again."),
    }


def render_page_error(error: HTTPException):
    """An HTML error page in the visitor's language."""
    status = error.code or 500
    message = _titles().get(status, error.name)
    return render_template("error.html", status=status, message=message), status


def init_errors(app: Flask) -> None:
    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def _csrf(error):
        return render_template(
            "error.html", status=400,
            message=_("The form had expired. Go back, reload the page and try again."),
        ), 400
