"""The JSON API under /api/v1, documented at /api/openapi.json."""
from __future__ import annotations

from flask import Flask

from ..extensions import csrf
from .core import api


def init_api(app: Flask) -> None:
    from ..accounts.api import blp as accounts_blp
    from ..documents.api import blp as documents_blp
    from ..programmes.api import blp as programmes_blp
    from ..sessions.api import blp as sessions_blp
    from ..voting.api import blp as voting_blp

    app.config.setdefault("API_SPEC_OPTIONS", {
        "info": {"description": "Mesa's JSON API. Staff calls send `Authorization: Bearer <token>` "
                                "from POST /api/v1/auth/token. Every error is "
                                "`{\"error\": {\"code\", \"message\"}}` with a 4xx status."},
        "components": {"securitySchemes": {
            "staffToken": {"type": "http", "scheme": "bearer"},
        }},
    })
    api.init_app(app)
    for blp in (accounts_blp, programmes_blp, sessions_blp, voting_blp, documents_blp):
        csrf.exempt(blp)  # bearer tokens, not cookies, authorise writes
        api.register_blueprint(blp, url_prefix="/api/v1")
