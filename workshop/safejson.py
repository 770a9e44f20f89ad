"""Bounded JSON: what a client sends is decoded only when it is small enough to be harmless.

Python's decoder recurses once per nesting level (a few thousand `[` raise RecursionError) and
refuses integers over 4,300 digits with a ValueError that is not a JSONDecodeError: either one
used to reach the server as an unexpected exception. Here, before anything is built:

- nesting deeper than `MAX_DEPTH` is refused by a linear scan of the text (strings skipped);
- integers longer than `MAX_INT_DIGITS` digits, numbers longer than `MAX_NUMBER_CHARS`
  characters, non-finite floats (`1e999`) and the non-JSON constants `NaN` / `Infinity` are
  refused while decoding.

Every refusal is a `BadJSON`, a `ValueError` (so that Flask, webargs and engine.io, which catch
ValueError, treat it as bad input). The module has `loads` and `dumps`, so it can be handed to
python-socketio as its `json=` module.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

#: Deepest nesting of arrays and objects accepted (Mesa's own payloads use 3).
MAX_DEPTH = 32
#: Most digits in an integer (a 64-bit id has 19).
MAX_INT_DIGITS = 20
#: Most characters in a number with a fraction or an exponent.
MAX_NUMBER_CHARS = 40

dumps = json.dumps


class BadJSON(ValueError):
    """The text is not JSON, or JSON beyond the bounds above."""


#: A string (closed or running to the end of the text) or a bracket. Strings are matched whole,
#: so brackets inside them do not count, and the scan never backtracks over the text.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Refuse `text` if its arrays and objects nest deeper than `limit`."""
    if text.count("[") + text.count("{") <= limit:  # the usual case: too few brackets to matter
        return
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                raise BadJSON(f"JSON nested deeper than {limit} levels")
        elif token in "]}":
            depth -= 1


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise BadJSON(f"JSON integer longer than {MAX_INT_DIGITS} digits")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise BadJSON(f"JSON number longer than {MAX_NUMBER_CHARS} characters")
    value = float(text)
    if not math.isfinite(value):
        raise BadJSON("JSON number out of range")
    return value


def _constant(name: str) -> Any:
    raise BadJSON(f"{name} is not JSON")


def loads(text: str | bytes | bytearray, **_ignored: Any) -> Any:
    """`json.loads` within the bounds; any failure is a `BadJSON`."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadJSON("JSON is not UTF-8") from exc
    if not isinstance(text, str):
        raise BadJSON("JSON must be text")
    check_depth(text)
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except BadJSON:
        raise
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        raise BadJSON(str(exc)[:200]) from exc
