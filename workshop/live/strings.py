"""Texts the live pages' scripts show, translated on the server and handed to the page as JSON."""
from __future__ import annotations

from flask_babel import gettext as _


def client_strings() -> dict[str, str]:
    """Every string phone.js, projector.js and console.js display, in the request's language."""
    return {
        "connecting": _("Connecting…"),
        "offline": _("Offline — your votes are kept and sent when the connection returns."),
    }
