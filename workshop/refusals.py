"""Refusals: the one exception family for "no" — a code for programs, a sentence for people.

Pure Python (no Flask at import time), so the voting rules can raise them too. Each edge has
one handler that turns a refusal into what its caller reads: the API a JSON error
(`workshop.errors`), pages an error page or a flash, sockets an `{"ok": false}` ack
(`workshop.live.events`). A refusal changes nothing: the handlers roll the transaction back.

`message` is an English msgid with `%(name)s` placeholders filled from `params`; it is
translated where it is read (`translated()`), and `make messages` extracts every literal
message passed to these classes into the catalogue.
"""
from __future__ import annotations

from typing import Any


class Refusal(Exception):
    """An operation refused for a reason the caller can fix; it changed nothing (400)."""

    status = 400

    def __init__(self, code: str, message: str, status: int | None = None, *,
                 extra: dict[str, Any] | None = None, **params: Any):
        self.code, self.template, self.params = code, message, params
        #: More JSON for the API's error body (e.g. the rows of a refused import).
        self.extra = extra or {}
        if status is not None:
            self.status = status
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The English sentence, placeholders filled."""
        return self.template % self.params if self.params else self.template

    def translated(self) -> str:
        """The sentence in the current language (needs an app context; English without one)."""
        try:
            from flask_babel import gettext
            return gettext(self.template, **self.params)
        except RuntimeError:  # no app context: plain English
            return self.message

    def payload(self, translate: bool = True) -> dict[str, Any]:
        """`{"code", "message"}`, as the API and socket acks carry it."""
        return {"code": self.code, "message": self.translated() if translate else self.message, **self.extra}


class Unauthorized(Refusal):
    """The caller is not identified (401)."""

    status = 401


class Forbidden(Refusal):
    """The caller is identified but may not do this (403)."""

    status = 403


class NotFound(Refusal):
    """The thing named does not exist, or not where the caller looked (404)."""

    status = 404


class Conflict(Refusal):
    """The current state does not allow it: a closed round, a live session (409)."""

    status = 409


class TooMany(Refusal):
    """Too many attempts in a short time (429); `retry_after` seconds, when known, become the
    answer's `Retry-After` header (pages and API alike, `workshop.errors.handle_refusal`)."""

    status = 429

    def __init__(self, code: str, message: str, *, retry_after: int | None = None, **params: Any):
        super().__init__(code, message, **params)
        self.retry_after = retry_after


class TransitionError(Conflict):
    """A lifecycle move that the current state does not allow."""
