"""Translated names of the domain's codes (sectors, statuses, methods…) for pages and documents."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

SECTORS = {"public": _l("Public"), "private": _l("Private"), "academic": _l("Academic"),
           "civil_society": _l("Civil society")}
ROLES = {"admin": _l("Admin"), "facilitator": _l("Facilitator"), "secretariat": _l("Secretariat")}
KINDS = {"action_line": _l("Action line"), "policy_reform": _l("Policy reform")}
KINDS_PLURAL = {"action_line": _l("Action lines"), "policy_reform": _l("Policy reform proposals")}
ITEM_STATUSES = {"candidate": _l("Candidate"), "agreed": _l("Agreed"), "rejected": _l("Rejected"),
                 "deferred": _l("Deferred"), "merged": _l("Merged")}
HORIZONS = {"short": _l("Short term"), "medium": _l("Medium term"), "long": _l("Long term")}
SESSION_STATUSES = {"draft": _l("Draft"), "scheduled": _l("Scheduled"), "live": _l("Live"), "closed": _l("Closed")}
METHODS = {"approve": _l("Approve / neutral / reject"), "score": _l("Priority score 1–5"),
           "impact_feasibility": _l("Impact × feasibility"), "dots": _l("Dot voting"), "ranking": _l("Ranking")}
OUTCOMES = {"agreed": _l("Agreed"), "rejected": _l("Rejected"), "deferred": _l("Deferred"),
            "no_quorum": _l("No quorum")}


def all_labels() -> dict:
    """Every label table, for templates."""
    return {"sectors": SECTORS, "roles": ROLES, "kinds": KINDS, "kinds_plural": KINDS_PLURAL,
            "item_statuses": ITEM_STATUSES, "horizons": HORIZONS, "session_statuses": SESSION_STATUSES,
            "methods": METHODS, "outcomes": OUTCOMES}
