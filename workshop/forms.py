"""Pages validate with the same marshmallow schemas as the API; errors go next to the fields."""
from __future__ import annotations

from typing import Any

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
            raw[name] = [v for v in form.getlist(name) if v != ""]
        elif isinstance(field, fields.Boolean):
            raw[name] = name in form
        elif name in form:
            value = form.get(name, "").strip()
            if value != "" or field.required:
                raw[name] = value
    return raw


def load_form(schema: Schema, form: MultiDict) -> tuple[dict[str, Any] | None, dict[str, list[str]]]:
    """(data, {}) when the form is valid, else (None, error messages by field)."""
    try:
        return schema.load(form_data(schema, form)), {}
    except ValidationError as exc:
        return None, {k: v if isinstance(v, list) else [str(v)] for k, v in exc.messages.items()}
