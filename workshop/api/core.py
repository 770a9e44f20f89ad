"""The JSON API's plumbing: one Api object, a Blueprint class, the error format, `get_or_404`.

Every error under /api answers `{"error": {"code", "message"}}` with a 4xx status; validation
errors add `"fields"`. Refusals (`workshop.refusals`) are turned into that body by the one
handler in `workshop.errors`; HTTP errors (unknown route, bad JSON) by `MesaApi` below.
"""
from __future__ import annotations

import marshmallow as ma
from flask_smorest import Api
from flask_smorest import Blueprint as SmorestBlueprint
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import HTTPException

from ..errors import is_api_request, render_page_error
from ..extensions import db
from ..refusals import NotFound
from ..util import MAX_ID

STATUS_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "invalid", 429: "rate_limited", 500: "server_error", 503: "unavailable",
}


#: OpenAPI security of the staff calls (a bearer token from POST /api/v1/auth/token).
STAFF = [{"staffToken": []}]


class Schema(ma.Schema):
    """Base schema: unknown keys are ignored, so clients may send more than we read."""

    class Meta:
        unknown = ma.EXCLUDE


def Id(**kwargs) -> ma.fields.Integer:  # noqa: N802 - reads as a field type
    """A row id: a positive integer the database can hold (larger ones are refused, not overflowed)."""
    return ma.fields.Integer(validate=ma.validate.Range(min=1, max=MAX_ID), **kwargs)


class Parser(FlaskParser):
    DEFAULT_VALIDATION_STATUS = 400


class Blueprint(SmorestBlueprint):
    ARGUMENTS_PARSER = Parser()


def _describe(fields) -> str:
    """One readable line out of marshmallow's nested error messages."""
    if isinstance(fields, dict):
        return "; ".join(f"{key}: {_describe(value)}" for key, value in fields.items())
    if isinstance(fields, list):
        return " ".join(_describe(value) for value in fields)
    return str(fields)


def error_payload(error: HTTPException) -> dict:
    """The JSON body of an API error."""
    data = getattr(error, "data", None) or {}
    status = error.code or 500
    code = data.get("code") if isinstance(data.get("code"), str) else STATUS_CODES.get(status, "error")
    message = data.get("message")
    body: dict = {"code": code}
    fields = data.get("messages") or data.get("errors")
    if fields:
        if isinstance(fields, dict) and set(fields) <= {"json", "query", "form", "files", "headers"}:
            flat = {k: v for loc in fields.values() for k, v in (loc.items() if isinstance(loc, dict) else [])}
            fields = flat or fields
        body["code"] = "validation_error" if code == STATUS_CODES.get(status) else code
        body["fields"] = fields
        message = message or "Invalid input — " + _describe(fields)
    body["message"] = message or error.description or error.name
    return {"error": body}


class MesaApi(Api):
    """flask-smorest's Api with Mesa's error format; pages keep their HTML errors."""

    def handle_http_exception(self, error):
        if not is_api_request():
            return render_page_error(error)
        headers = (getattr(error, "data", None) or {}).get("headers", {})
        if error.code == 401:
            headers = {**headers, "WWW-Authenticate": 'Bearer realm="mesa"'}
        return error_payload(error), error.code, headers


api = MesaApi()


def get_or_404(model, id_: int, what: str | None = None):
    """The row of `model` with this id, or a not-found refusal naming what was looked for."""
    obj = db.session.get(model, id_)
    if obj is None:
        raise NotFound("not_found", "No %(what)s with id %(id)s.", id=id_, what=what or model.__tablename__.rstrip("s"))
    return obj
