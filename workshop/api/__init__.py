"""The JSON API under /api/v1, documented at /api/openapi.json. The slices' blueprints are
registered on it by the app factory (`workshop.create_app`)."""
from __future__ import annotations

from flask import Flask

from ..extensions import csrf
from .core import api


def init_api(app: Flask, blueprints) -> None:
    """Bind the Api to `app` and mount each slice's API blueprint under /api/v1."""
    app.config.setdefault("API_SPEC_OPTIONS", {
        "info": {"description": "Mesa's JSON API. Staff calls send `Authorization: Bearer <token>` "
                                "from POST /api/v1/auth/token. Every error is "
                                "`{\"error\": {\"code\", \"message\"}}` with a 4xx status."},
        "components": {"securitySchemes": {
            "staffToken": {"type": "http", "scheme": "bearer"},
        }},
    })
    api.init_app(app)
    for blp in blueprints:
        csrf.exempt(blp)  # bearer tokens, not cookies, authorise writes
        api.register_blueprint(blp, url_prefix="/api/v1")
