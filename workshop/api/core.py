"""The JSON API's plumbing: one Api object, a Blueprint class, the error format, `get_or_404`.

Every error under /api answers `{"error": {"code", "message"}}` with a 4xx status; validation
errors add `"fields"`. Refusals (`workshop.refusals`) are turned into that body by the one
handler in `workshop.errors`; HTTP errors (unknown route, bad JSON) by `MesaApi` below.
"""
from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import marshmallow as ma
from flask import Request, request
from flask.json.provider import DefaultJSONProvider
from flask_smorest import Api
from flask_smorest import Blueprint as SmorestBlueprint
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import HTTPException

from .. import safejson
from ..errors import client_address, is_api_request, render_page_error
from ..extensions import db
from ..refusallog import refusals
from ..refusals import NotFound, Refusal
from ..textcheck import bad_character, normalise_newlines
from ..util import MAX_ID

STATUS_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "invalid", 429: "rate_limited", 500: "server_error", 503: "unavailable",
}


#: OpenAPI security of the staff calls (a bearer token from POST /api/v1/auth/token).
STAFF = [{"staffToken": []}]


# --- Strict fields: every schema in workshop/*/schemas.py is made of these ----------------------


class Int(ma.fields.Integer):
    """An integer sent as a JSON integer: 1.5, "1" and true are refused, never truncated or cast."""

    def __init__(self, **kwargs):
        kwargs["strict"] = True
        super().__init__(**kwargs)


def Id(**kwargs) -> Int:  # noqa: N802 - reads as a field type
    """A row id: a positive integer the database can hold (larger ones are refused, not overflowed)."""
    return Int(validate=ma.validate.Range(min=1, max=MAX_ID), **kwargs)


class Number(ma.fields.Float):
    """A finite JSON number (integer or fraction); text such as "0.5" and booleans are refused."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.make_error("invalid", input=value)
        if isinstance(value, float) and not math.isfinite(value):
            raise self.make_error("special")
        return super()._deserialize(value, attr, data, **kwargs)


class Bool(ma.fields.Boolean):
    """A JSON boolean, true or false: "no", "false", 0 and 1 are refused (a form's checkbox is
    turned into true/false by `workshop.forms` before it gets here)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if value is True or value is False:
            return value
        raise self.make_error("invalid", input=value)


class QueryBool(ma.fields.Boolean):
    """A boolean in a query string: exactly true/false (or 1/0)."""

    truthy = {"true", "1"}
    falsy = {"false", "0"}


class Text(ma.fields.String):
    """Text people type, trimmed: at most `max_length` characters, at least `min_length` (1 when
    required), control characters, bidirectional overrides and lone surrogates refused; newlines
    and tabs only where `multiline` (descriptions, comments, reasons), CRLF read as one newline."""

    default_error_messages = {
        "control": "Control characters are not allowed (%(char)s).",
        "too_long": "Longer than maximum length {max}.",
        "too_short": "Shorter than minimum length {min}.",
    }

    def __init__(self, max_length: int, *, min_length: int | None = None, multiline: bool = False, **kwargs):
        self.max_length, self.multiline = max_length, multiline
        self.min_length = min_length if min_length is not None else (1 if kwargs.get("required") else 0)
        metadata = {"maxLength": max_length, **({"minLength": self.min_length} if self.min_length else {})}
        kwargs["metadata"] = {**metadata, **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        # Trimmed of ordinary white space only: str.strip() would also drop controls such as U+0085.
        text = (normalise_newlines(text) if self.multiline else text).strip(" \t\n\r")
        char = bad_character(text, multiline=self.multiline)
        if char:
            raise ma.ValidationError(self.error_messages["control"] % {"char": char})
        if len(text) > self.max_length:
            raise self.make_error("too_long", max=self.max_length)
        if len(text) < self.min_length:
            raise self.make_error("too_short", min=self.min_length)
        return text


def Name(max_length: int, **kwargs) -> Text:  # noqa: N802 - reads as a field type
    """A one-line text: a name, a title, an organisation."""
    return Text(max_length, multiline=False, **kwargs)


def LongText(max_length: int, **kwargs) -> Text:  # noqa: N802 - reads as a field type
    """A text of several lines: a description, a comment, a reason."""
    return Text(max_length, multiline=True, **kwargs)


def Token(max_length: int, **kwargs) -> ma.fields.String:  # noqa: N802 - reads as a field type
    """An identifier a program sends back as it was (a client vote id): 1 to `max_length` characters,
    not trimmed, no control characters."""
    return _CheckedString(validate=ma.validate.Length(min=1, max=max_length), **kwargs)


class Choice(ma.fields.String):
    """One of a fixed set of words (a method, a sector, an outcome)."""

    def __init__(self, choices, **kwargs):
        self.choices = tuple(choices)
        super().__init__(validate=ma.validate.OneOf(self.choices), **kwargs)


class When(ma.fields.DateTime):
    """A date and time (ISO 8601). Years 2000–2999: what a workshop can be planned for, and what
    converts to and from UTC without overflowing."""

    def _deserialize(self, value, attr, data, **kwargs) -> datetime:
        if not isinstance(value, str) or len(value) > 40:
            raise self.make_error("invalid", input=value, obj_type=self.OBJ_TYPE)
        when = super()._deserialize(value, attr, data, **kwargs)
        if not 2000 <= when.year <= 2999:
            raise ma.ValidationError("Must be a date between the years 2000 and 2999.")
        return when


class _CheckedString(ma.fields.String):
    """A plain `fields.String` bound to a Mesa schema (or a `Token`): refuses what a one-line `Text`
    refuses (control characters, newlines, bidi overrides), changes nothing."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        char = bad_character(text, multiline=False)
        if char:
            raise ma.ValidationError(Text.default_error_messages["control"] % {"char": char})
        return text


#: Plain marshmallow fields and the strict field a Mesa schema turns them into (`Schema.on_bind_field`).
_STRICT = {ma.fields.Integer: Int, ma.fields.Boolean: Bool, ma.fields.String: _CheckedString,
           ma.fields.Float: Number}


class Schema(ma.Schema):
    """Base schema: unknown keys are ignored, so clients may send more than we read.

    Every field is strict (see above). A schema declared with plain marshmallow fields (e.g.
    `fields.Boolean()`) gets the strict behaviour too: its fields are switched to the strict
    classes when bound, so no schema of the app casts "no" to a boolean or 1.5 to an integer.
    """

    class Meta:
        unknown = ma.EXCLUDE

    def on_bind_field(self, field_name: str, field_obj: ma.fields.Field) -> None:
        strict = _STRICT.get(type(field_obj))
        if strict is not None:
            if strict is Int:
                field_obj.strict = True
            field_obj.__class__ = strict
        if isinstance(field_obj, ma.fields.List) and type(field_obj.inner) in (ma.fields.Integer, Int):
            field_obj.inner.__class__, field_obj.inner.strict = Int, True


class Parser(FlaskParser):
    """webargs' parser with bounded JSON: a body too deep, with a number too long, or not JSON at
    all is refused (400 `bad_json`) before any field is read."""

    DEFAULT_VALIDATION_STATUS = 400

    def _raw_load_json(self, req) -> Any:
        from webargs.core import is_json, missing

        if not is_json(req.mimetype):
            return missing
        body = req.get_data(cache=True)
        if not body:
            return missing
        try:
            return safejson.loads(body)
        except safejson.BadJSON as exc:
            raise bad_json(exc) from exc


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON with bounded decoding (`request.get_json()` anywhere in the app)."""

    def loads(self, s, **kwargs):
        return safejson.loads(s)


class MesaRequest(Request):
    """A request whose undecodable JSON body is the `bad_json` refusal, not a bare 400."""

    def on_json_loading_failed(self, e: ValueError | None):
        if e is None:
            return super().on_json_loading_failed(e)
        raise bad_json(e)


def bad_json(exc: Exception) -> Refusal:
    """The refusal of a body that is not JSON within the bounds (`workshop.safejson`)."""
    return Refusal("bad_json", "The body is not valid JSON, or it is nested too deeply or has too long a "
                               "number: %(reason)s.", reason=str(exc)[:120])


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
        if 400 <= (error.code or 500) < 500:
            code = error_payload(error)["error"]["code"] if is_api_request() else str(error.code)
            refusals.refused(code, f"{request.method} {request.path}", client_address())
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
