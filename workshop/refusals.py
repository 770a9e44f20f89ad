"""Refusals: a code for programs and a sentence for people, translated where people read it."""
from __future__ import annotations


class Refusal(ValueError):
    """An operation refused for a reason the caller can fix; it changed nothing.

    `message` is an English sentence with `%(name)s` placeholders filled from `params`; the
    API answers it as is, pages and phones show `translated()`.
    """

    status = 400

    def __init__(self, code: str, message: str, status: int | None = None, **params):
        self.code, self.template, self.params = code, message, params
        if status is not None:
            self.status = status
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template % self.params if self.params else self.template

    def translated(self) -> str:
        """The sentence in the current request's language."""
        from flask_babel import gettext

        return gettext(self.template, **self.params)
