"""Translated names of the domain's codes (sectors, statuses, methods…) for pages and documents.

One table of English msgids per kind of code (`MSGIDS`), translated by the app's catalogue: pages
get lazy strings (`SECTORS`, `all_labels()`…) that follow the request's language; code that runs
without a request (the documents' builders) translates `msgid(table, code)` with a catalogue of
its own.
"""
from __future__ import annotations

from typing import Optional

from flask_babel import lazy_gettext as _l


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a msgid for `make messages`; translated where it is shown."""
    return message


#: English msgid of every code, per table.
MSGIDS: dict[str, dict[str, str]] = {
    "sectors": {"public": N_("Public"), "private": N_("Private"), "academic": N_("Academic"),
                "civil_society": N_("Civil society")},
    "roles": {"admin": N_("Admin"), "facilitator": N_("Facilitator"), "secretariat": N_("Secretariat")},
    "kinds": {"action_line": N_("Action line"), "policy_reform": N_("Policy reform")},
    "kinds_plural": {"action_line": N_("Action lines"), "policy_reform": N_("Policy reform proposals")},
    "item_statuses": {"candidate": N_("Candidate"), "agreed": N_("Agreed"), "rejected": N_("Rejected"),
                      "deferred": N_("Deferred"), "merged": N_("Merged")},
    "horizons": {"short": N_("Short term"), "medium": N_("Medium term"), "long": N_("Long term")},
    "session_statuses": {"draft": N_("Draft"), "scheduled": N_("Scheduled"), "live": N_("Live"),
                         "closed": N_("Closed")},
    "methods": {"approve": N_("Approve / neutral / reject"), "score": N_("Priority score 1–5"),
                "impact_feasibility": N_("Impact × feasibility"), "dots": N_("Dot voting"),
                "ranking": N_("Ranking")},
    "outcomes": {"agreed": N_("Agreed"), "rejected": N_("Rejected"), "deferred": N_("Deferred"),
                 "merged": N_("Merged"), "no_quorum": N_("No quorum")},
    #: Sex as a person may give it on joining (reported only in aggregate).
    "sexes": {"female": N_("Woman"), "male": N_("Man"), "other": N_("Other"),
              "undisclosed": N_("Prefer not to say")},
}


def _lazy(table: str) -> dict:
    return {code: _l(text) for code, text in MSGIDS[table].items()}


SECTORS = _lazy("sectors")
ROLES = _lazy("roles")
KINDS = _lazy("kinds")
KINDS_PLURAL = _lazy("kinds_plural")
ITEM_STATUSES = _lazy("item_statuses")
HORIZONS = _lazy("horizons")
SESSION_STATUSES = _lazy("session_statuses")
METHODS = _lazy("methods")
OUTCOMES = _lazy("outcomes")
SEXES = _lazy("sexes")


def msgid(table: str, code: Optional[str]) -> Optional[str]:
    """The English msgid naming `code` in `table` (None for a code the table does not know)."""
    return MSGIDS.get(table, {}).get(code) if code is not None else None


def all_labels() -> dict:
    """Every label table (lazy strings), for templates."""
    return {"sectors": SECTORS, "roles": ROLES, "kinds": KINDS, "kinds_plural": KINDS_PLURAL,
            "item_statuses": ITEM_STATUSES, "horizons": HORIZONS, "session_statuses": SESSION_STATUSES,
            "methods": METHODS, "outcomes": OUTCOMES, "sexes": SEXES}
