"""Pages validate with the same marshmallow schemas as the API; errors go next to the fields.

A form sends only text, and the schemas' fields are strict (`workshop.api.core`): `form_data`
turns a checkbox into true/false and a field of digits into an integer for the integer fields,
and leaves anything else as the text it is, for the schema to refuse (control characters
included) with a message next to the field."""
from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext
from marshmallow import Schema, ValidationError, fields
from werkzeug.datastructures import MultiDict


def form_data(schema: Schema, form: MultiDict) -> dict[str, Any]:
    """What a submitted HTML form means for `schema`: lists from repeated fields, unchecked
    boxes as false, blank optional fields left out."""
    raw: dict[str, Any] = {}
    for name, field in schema.fields.items():
        if field.dump_only:
            continue
        if isinstance(field, fields.List):
            inner = field.inner
            raw[name] = [_number(v) if isinstance(inner, fields.Integer) else v for v in form.getlist(name) if v != ""]
        elif isinstance(field, fields.Boolean):
            raw[name] = name in form
        elif name in form:
            value = form.get(name, "").strip()
            if value != "" or field.required:
                raw[name] = _number(value) if isinstance(field, fields.Integer) else value
    return raw


_DIGITS = re.compile(r"-?[0-9]{1,20}")


def _number(text: str):
    """A form's integer: its digits as an int; anything else stays text (and is refused)."""
    text = text.strip()
    return int(text) if _DIGITS.fullmatch(text) else text


def load_form(schema: Schema, form: MultiDict) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    """(data, {}) when the form is valid, else (None, error messages by field)."""
    try:
        return schema.load(form_data(schema, form)), {}
    except ValidationError as exc:
        return None, {k: v if isinstance(v, list) else [str(v)] for k, v in exc.messages.items()}


def N_(text: str) -> str:
    """Mark a string for the catalogue without translating it here."""
    return text


#: marshmallow's fixed messages, so that the catalogue carries their translations.
FIXED_MESSAGES = (
    N_("Missing data for required field."), N_("Not a valid integer."), N_("Not a valid number."),
    N_("Not a valid email address."), N_("Not a valid datetime."), N_("Not a valid string."),
    N_("Not a valid boolean."), N_("Not a valid list."), N_("Field may not be null."), N_("Unknown field."),
    N_("Must be a date between the years 2000 and 2999."),
    N_("Special numeric values (nan or infinity) are not permitted."),
)
#: marshmallow's messages with figures in them: pattern → translatable template.
PATTERNS = (
    (re.compile(r"^Must be one of: (?P<choices>.*)\.$"), N_("Must be one of: %(choices)s.")),
    (re.compile(r"^Must be between (?P<min>\d+) and (?P<max>\d+) characters\.$"),
     N_("Must be between %(min)s and %(max)s characters.")),
    (re.compile(r"^Longer than maximum length (?P<max>\d+)\.$"), N_("Longer than maximum length %(max)s.")),
    (re.compile(r"^Shorter than minimum length (?P<min>\d+)\.$"), N_("Shorter than minimum length %(min)s.")),
    (re.compile(r"^Must be greater than or equal to (?P<min>\S+) and less than or equal to (?P<max>\S+)\.$"),
     N_("Must be between %(min)s and %(max)s.")),
    (re.compile(r"^Must be greater than or equal to (?P<min>\S+)\.$"), N_("Must be at least %(min)s.")),
    (re.compile(r"^Control characters are not allowed \((?P<char>U\+[0-9A-F]+)\)\.$"),
     N_("Control characters are not allowed (%(char)s).")),
)


def translate_message(message: str) -> str:
    """A validation message in the page's language."""
    for pattern, template in PATTERNS:
        match = pattern.match(message)
        if match:
            return gettext(template, **match.groupdict())
    return gettext(message)
