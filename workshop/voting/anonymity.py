"""Anonymity that holds: what of an anonymous round's figures may be shown to anyone.

In an anonymous round a sector with fewer votes than the minimum cell size (a setting,
`ANONYMITY_MIN_CELL`, 3 by default) is shown as `{"suppressed": true}` with no figures. When
exactly one sector would be suppressed, the smallest other sector that voted is suppressed too,
since the overall figures minus the shown sectors would give the hidden one away. Outcome
sentences that name a suppressed sector's result are replaced by one that withholds it.

`suppress_tally` and `withheld_sectors` are pure; the helpers below them read the round and the
app's setting. Every screen, API answer, document and export asks here.
"""
from __future__ import annotations

from typing import Any, Optional

DEFAULT_MIN_CELL = 3
SECTORS = ("public", "private", "academic", "civil_society")


def withheld_sectors(tally: dict[str, Any], min_cell: int = DEFAULT_MIN_CELL) -> set[str]:
    """The sectors whose figures must not be shown (small cells, plus one more if only one is small)."""
    by_sector = tally.get("by_sector") or {}
    totals = {s: (by_sector.get(s) or {}).get("total", 0) or 0 for s in by_sector}
    small = {s for s, n in totals.items() if 0 < n < min_cell}
    if len(small) == 1:
        others = sorted((n, s) for s, n in totals.items() if n > 0 and s not in small)
        if others:
            small.add(others[0][1])
    return small


def suppress_tally(tally: dict[str, Any], min_cell: int = DEFAULT_MIN_CELL) -> dict[str, Any]:
    """A copy of `tally` whose withheld sectors are `{"suppressed": true}`."""
    hidden = withheld_sectors(tally, min_cell)
    if not hidden:
        return tally
    out = dict(tally)
    out["by_sector"] = {s: ({"suppressed": True} if s in hidden else figures)
                        for s, figures in (tally.get("by_sector") or {}).items()}
    return out


def min_cell() -> int:
    """The app's minimum cell size (3 when there is no app)."""
    try:
        from flask import current_app
        return int(current_app.config.get("ANONYMITY_MIN_CELL", DEFAULT_MIN_CELL))
    except RuntimeError:
        return DEFAULT_MIN_CELL


def public_tally(round_, tally: dict[str, Any]) -> dict[str, Any]:
    """The tally of `round_` as anyone may see it: suppressed when the round is anonymous."""
    return suppress_tally(tally, min_cell()) if round_.is_anonymous else tally


def reveals_sector(round_) -> Optional[str]:
    """The suppressed sector the round's outcome sentence names, if any."""
    if not round_.is_anonymous or not round_.outcome_detail or round_.final_tally is None:
        return None
    sector = (round_.outcome_detail.get("params") or {}).get("sector")
    return sector if sector in withheld_sectors(round_.final_tally, min_cell()) else None


def public_explanation(round_, lang: str) -> Optional[str]:
    """The outcome sentence in `lang`, or a sentence that withholds a small sector's result."""
    detail = round_.outcome_detail or {}
    if not detail:
        return None
    if reveals_sector(round_):
        from flask_babel import force_locale, gettext

        with force_locale(lang):
            return gettext("Not agreed: one sector did not reach the threshold. Its figure is withheld "
                           "because it has fewer than %(n)s voters and the round is anonymous.", n=min_cell())
    return (detail.get("explanation") or {}).get(lang)


def risky_sectors(sector_counts: dict[str, int], cross_sector: bool, anonymous: bool) -> list[str]:
    """Sectors present with fewer people than the minimum cell: in an anonymous cross-sector round
    the rule itself could reveal how they voted, so the console warns before opening."""
    if not (anonymous and cross_sector):
        return []
    return sorted(s for s, n in sector_counts.items() if 0 < n < min_cell())
