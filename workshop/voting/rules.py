"""Pure voting rules for Mesa workshops.

Everything here is plain Python (standard library only): no Flask, no
database, no sockets.  The module knows how to

* check that a raw vote coming from a phone is well formed
  (:func:`normalise_value`),
* add up ballots into JSON-ready figures, overall and per sector
  (:func:`tally`),
* turn those figures into a decision under a :class:`Rule`
  (:func:`decide`), with a human explanation in Spanish or English
  (:meth:`Outcome.explanation`),
* check that a round is configured sensibly (:func:`validate_rule`).

Words come from the app's one gettext catalogue (``workshop/translations``), read without Flask
by `workshop.catalogue.translations`; numbers and percentages are written by
`babel.numbers`. Refusals are `InvalidVote` (a `workshop.refusals.Refusal`) with an English msgid
and its parameters, translated where they are read.
"""

from __future__ import annotations

import gettext
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal, format_percent

from ..catalogue import LANGUAGES, translations
from ..refusals import Refusal

SECTORS = ("public", "private", "academic", "civil_society")
METHODS = ("approve", "score", "impact_feasibility", "dots", "ranking")
SINGLE_ITEM_METHODS = ("approve", "score", "impact_feasibility")  # exactly one item
MULTI_ITEM_METHODS = ("dots", "ranking")  # two or more items

RESULTS = ("agreed", "rejected", "no_quorum")
REASONS = (
    "no_quorum",
    "no_votes",
    "threshold_met",
    "threshold_not_met",
    "sector_below",
    "cross_sector_met",
)

APPROVE_CHOICES = ("approve", "neutral", "reject")
SCORE_MIN = 1
SCORE_MAX = 5
STRONG_SCORE = 4  # a score counts as support from this value up
QUADRANT_CUT = 3  # impact / feasibility means at or above this are "high"
STRONG_PAIR_SUM = 7  # impact + feasibility at or above this counts as support
IMPACT_FEASIBILITY_KEYS = frozenset({"impact", "feasibility"})
EPSILON = 1e-9  # tolerance when comparing a share with the threshold

_ITEM_ID_TEXT = re.compile(r"-?[0-9]{1,18}")


# --------------------------------------------------------------------------
# Errors and value objects
# --------------------------------------------------------------------------


class InvalidVote(Refusal, ValueError):
    """A vote or a round configuration that the rules refuse (a `Refusal`, status 400).

    ``code`` is a short machine-readable code (``"invalid_value"`` for a bad
    vote, ``"invalid_round"`` for a bad round configuration); ``template`` is an
    English msgid with ``%(name)s`` placeholders filled from ``params`` (``message``
    is the English sentence), which the edge translates. Still a ``ValueError``, as
    it always was.
    """

    def to_dict(self) -> dict[str, str]:
        """Return ``{"code": ..., "message": ...}`` (English) for logs and tests."""
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Ballot:
    """One participant's vote: their sector and the normalised value."""

    sector: str
    value: object


@dataclass(frozen=True)
class Rule:
    """How a round is decided.

    ``quorum``: minimum number of ballots; ``threshold``: share of support
    in [0, 1] an item needs; ``cross_sector``: every sector that voted must
    reach the threshold too.
    """

    quorum: int = 0
    threshold: float = 0.5
    cross_sector: bool = False


@dataclass(frozen=True)
class Outcome:
    """The decision of a round.

    ``result`` is ``"agreed"``, ``"rejected"`` or ``"no_quorum"``;
    ``reason`` one of :data:`REASONS`; ``params`` the numbers behind the
    reason (percentages as numbers 0-100); ``items`` maps ``str(item_id)``
    to the per-item result, for every item of the round.
    """

    result: str
    reason: str
    params: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)

    def explanation(self, lang: str = "es", translations: gettext.NullTranslations | None = None) -> str:
        """Return one sentence explaining the outcome in ``"es"`` or ``"en"``.

        Unknown languages fall back to Spanish. ``translations`` (a
        `babel.support.Translations`) replaces the app's catalogue for ``lang``.
        """
        return _explain(self, lang if lang in LANGUAGES else "es", translations)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready copy: result, reason, params and items."""
        return {
            "result": self.result,
            "reason": self.reason,
            "params": dict(self.params),
            "items": dict(self.items),
        }


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def _is_int(value: object) -> bool:
    """True for real integers, excluding ``bool``."""
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    """True for ints and floats, excluding ``bool``."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for the catalogue (``make messages``) without translating it here."""
    return message


def _bad(message: str, **params: Any) -> InvalidVote:
    """Build an ``invalid_value`` error (``message`` a literal msgid with ``%(name)s`` placeholders)."""
    return InvalidVote("invalid_value", message, **params)


def _bad_round(message: str, **params: Any) -> InvalidVote:
    """Build an ``invalid_round`` error (``message`` a literal msgid with ``%(name)s`` placeholders)."""
    return InvalidVote("invalid_round", message, **params)


def _require_method(method: object) -> str:
    """Return ``method`` if it is known, else raise ``invalid_round``."""
    if not isinstance(method, str) or method not in METHODS:
        raise _bad_round("Unknown voting method; expected one of %(methods)s.", methods=", ".join(METHODS))
    return method


def _share(part: int, total: int) -> float | None:
    """``part / total``, or None when nobody voted."""
    return part / total if total else None


def _mean(amount: int, total: int) -> float | None:
    """Mean rounded to two decimals, or None when nobody voted."""
    return round(amount / total, 2) if total else None


def _percent(share: float | None) -> int | float | None:
    """A share in [0, 1] as a percentage with at most one decimal."""
    if share is None:
        return None
    value = round(share * 100, 1)
    return int(value) if value == int(value) else value


def _meets(share: float | None, threshold: float) -> bool:
    """True when ``share`` reaches ``threshold`` (with a small tolerance)."""
    return share is not None and share + EPSILON >= threshold


# --------------------------------------------------------------------------
# normalise_value
# --------------------------------------------------------------------------


#: What `_bounded_int` says about each 1-5 field: (not a whole number, out of range), whole sentences
#: so that each language can build its own.
_BOUNDED_MESSAGES = {
    "score": (N_("The score must be a whole number from %(min)s to %(max)s."),
              N_("The score must be between %(min)s and %(max)s.")),
    "impact": (N_("Impact must be a whole number from %(min)s to %(max)s."),
               N_("Impact must be between %(min)s and %(max)s.")),
    "feasibility": (N_("Feasibility must be a whole number from %(min)s to %(max)s."),
                    N_("Feasibility must be between %(min)s and %(max)s.")),
}


def _bounded_int(value: object, what: str) -> int:
    """Return ``value`` as an int if it is an integer in 1..5 (``what``: a key of `_BOUNDED_MESSAGES`)."""
    not_whole, out_of_range = _BOUNDED_MESSAGES[what]
    if not _is_int(value):
        raise _bad(not_whole, min=SCORE_MIN, max=SCORE_MAX)
    if not SCORE_MIN <= value <= SCORE_MAX:  # type: ignore[operator]
        raise _bad(out_of_range, min=SCORE_MIN, max=SCORE_MAX)
    return int(value)  # type: ignore[arg-type]


def _parse_item_id(raw: object, allowed: set[int]) -> int:
    """Turn an item id (int or string of digits) into an allowed int id."""
    if _is_int(raw):
        item = int(raw)  # type: ignore[arg-type]
    elif isinstance(raw, str) and _ITEM_ID_TEXT.fullmatch(raw):
        item = int(raw)
    else:
        raise _bad("Item ids must be integers or strings of digits.")
    if item not in allowed:
        raise _bad("The vote mentions an item that is not part of this round.")
    return item


def _normalise_approve(value: object) -> str:
    """Accept ``"approve"``, ``"neutral"`` or ``"reject"``."""
    if not isinstance(value, str) or value not in APPROVE_CHOICES:
        raise _bad("The vote must be one of: approve, neutral, reject.")
    return str(value)


def _normalise_score(value: object) -> int:
    """Accept an integer score from 1 to 5."""
    return _bounded_int(value, "score")


def _normalise_impact_feasibility(value: object) -> dict[str, int]:
    """Accept ``{"impact": 1-5, "feasibility": 1-5}`` and nothing else."""
    if not isinstance(value, dict) or set(value) != IMPACT_FEASIBILITY_KEYS:
        raise _bad('The vote must be an object with exactly the keys "impact" and "feasibility".')
    return {
        "impact": _bounded_int(value["impact"], "impact"),
        "feasibility": _bounded_int(value["feasibility"], "feasibility"),
    }


def _collect_dots(value: dict, item_ids: Sequence[int]) -> dict[int, int]:
    """Map each item id mentioned in a dots vote to its (validated) dots."""
    allowed = set(item_ids)
    given: dict[int, int] = {}
    for raw_key, raw_dots in value.items():
        item = _parse_item_id(raw_key, allowed)
        if item in given:
            raise _bad("The same item appears twice in the dots vote.")
        if not _is_int(raw_dots) or raw_dots < 0:
            raise _bad("Dots must be whole numbers of zero or more.")
        given[item] = int(raw_dots)
    return given


def _normalise_dots(value: object, item_ids: Sequence[int], budget: int | None) -> dict[str, int]:
    """Accept ``{item_id: dots}`` spending between 1 and ``budget`` dots."""
    if not _is_int(budget) or budget < 1:  # type: ignore[operator]
        raise _bad_round("A dots round needs a dots budget of at least 1.")
    if not isinstance(value, dict):
        raise _bad("The vote must be an object mapping item ids to dots.")
    given = _collect_dots(value, item_ids)
    spent = sum(given.values())
    if spent < 1:
        raise _bad("Place at least one dot.")
    if spent > budget:  # type: ignore[operator]
        raise _bad("Too many dots: the budget is %(budget)s.", budget=budget)
    return {str(item): given[item] for item in item_ids if given.get(item)}


def _normalise_ranking(value: object, item_ids: Sequence[int]) -> list[int]:
    """Accept a list of distinct item ids of the round, best first."""
    if not isinstance(value, (list, tuple)):
        raise _bad("The vote must be a list of item ids, best first.")
    if not value:
        raise _bad("Rank at least one item.")
    if len(value) > len(item_ids):
        raise _bad("The ranking lists more items than the round has.")
    allowed = set(item_ids)
    ranking: list[int] = []
    for raw in value:
        item = _parse_item_id(raw, allowed)
        if item in ranking:
            raise _bad("The same item appears twice in the ranking.")
        ranking.append(item)
    return ranking


def normalise_value(
    method: str,
    value: object,
    item_ids: list[int],
    dots_budget: int | None = None,
) -> object:
    """Check a raw vote for ``method`` and return its canonical form.

    Returns a ``str`` (approve), ``int`` (score),
    ``{"impact": int, "feasibility": int}`` (impact_feasibility),
    ``{str(item_id): dots}`` without zero entries (dots) or ``list[int]``
    (ranking).  Raises :class:`InvalidVote` (``code="invalid_value"``) for
    any malformed input, whatever its type, and ``code="invalid_round"``
    for an unknown method or a dots round without a budget >= 1.
    """
    _require_method(method)
    if method == "approve":
        return _normalise_approve(value)
    if method == "score":
        return _normalise_score(value)
    if method == "impact_feasibility":
        return _normalise_impact_feasibility(value)
    if method == "dots":
        return _normalise_dots(value, item_ids, dots_budget)
    return _normalise_ranking(value, item_ids)


# --------------------------------------------------------------------------
# tally
# --------------------------------------------------------------------------


def _check(condition: bool, message: str) -> None:
    """Raise ``ValueError`` with ``message`` unless ``condition`` holds."""
    if not condition:
        raise ValueError(message)


def _figures_approve(values: list, item_ids: Sequence[int]) -> dict[str, Any]:
    """Counts per choice and the share of "approve"."""
    counts = {choice: 0 for choice in APPROVE_CHOICES}
    for value in values:
        _check(isinstance(value, str) and value in counts, "approve ballot is not normalised")
        counts[value] += 1
    return {"counts": counts, "support": _share(counts["approve"], len(values))}


def _figures_score(values: list, item_ids: Sequence[int]) -> dict[str, Any]:
    """Counts per score, mean score and the share of scores >= 4."""
    counts = {str(score): 0 for score in range(SCORE_MIN, SCORE_MAX + 1)}
    for value in values:
        _check(_is_int(value) and str(value) in counts, "score ballot is not normalised")
        counts[str(value)] += 1
    total = len(values)
    strong = sum(n for score, n in counts.items() if int(score) >= STRONG_SCORE)
    amount = sum(int(score) * n for score, n in counts.items())
    return {"counts": counts, "mean": _mean(amount, total), "support": _share(strong, total)}


def _quadrant(impact_sum: int, feasibility_sum: int, total: int) -> str | None:
    """Place the (exact) means in the impact / feasibility matrix."""
    if not total:
        return None
    high_impact = impact_sum >= QUADRANT_CUT * total
    high_feasibility = feasibility_sum >= QUADRANT_CUT * total
    if high_impact:
        return "quick_win" if high_feasibility else "strategic"
    return "easy" if high_feasibility else "avoid"


def _figures_impact_feasibility(values: list, item_ids: Sequence[int]) -> dict[str, Any]:
    """Mean impact and feasibility, their quadrant, and the strong share."""
    impact_sum = feasibility_sum = strong = 0
    for value in values:
        _check(
            isinstance(value, dict) and set(value) == IMPACT_FEASIBILITY_KEYS,
            "impact_feasibility ballot is not normalised",
        )
        impact, feasibility = value["impact"], value["feasibility"]
        _check(_is_int(impact) and _is_int(feasibility), "impact_feasibility ballot is not normalised")
        impact_sum += impact
        feasibility_sum += feasibility
        strong += impact + feasibility >= STRONG_PAIR_SUM
    total = len(values)
    return {
        "impact_mean": _mean(impact_sum, total),
        "feasibility_mean": _mean(feasibility_sum, total),
        "quadrant": _quadrant(impact_sum, feasibility_sum, total),
        "support": _share(strong, total),
    }


def _figures_dots(values: list, item_ids: Sequence[int]) -> dict[str, Any]:
    """Dots per item, number of voters per item and their share."""
    dots = {str(item): 0 for item in item_ids}
    voters = dict(dots)
    for value in values:
        _check(isinstance(value, dict), "dots ballot is not normalised")
        for key, amount in value.items():
            _check(str(key) in dots and _is_int(amount) and amount >= 0, "dots ballot is not normalised")
            dots[str(key)] += amount
            voters[str(key)] += amount >= 1
    total = len(values)
    support = {key: _share(n, total) for key, n in voters.items()}
    return {"dots": dots, "voters": voters, "support": support}


def _figures_ranking(values: list, item_ids: Sequence[int]) -> dict[str, Any]:
    """Borda points per item and the share of ballots ranking it in the upper half."""
    size = len(item_ids)
    borda = {str(item): 0 for item in item_ids}
    upper = dict(borda)
    for value in values:
        _check(isinstance(value, (list, tuple)), "ranking ballot is not normalised")
        keys = [str(item) for item in value]
        _check(len(set(keys)) == len(keys) and all(k in borda for k in keys), "ranking ballot is not normalised")
        for position, key in enumerate(keys):
            borda[key] += size - 1 - position
            upper[key] += 2 * position < size
    total = len(values)
    return {"borda": borda, "support": {key: _share(n, total) for key, n in upper.items()}}


_FIGURES: dict[str, Callable[[list, Sequence[int]], dict[str, Any]]] = {
    "approve": _figures_approve,
    "score": _figures_score,
    "impact_feasibility": _figures_impact_feasibility,
    "dots": _figures_dots,
    "ranking": _figures_ranking,
}


def _figures(method: str, values: list, item_ids: Sequence[int]) -> dict[str, Any]:
    """``{"total": n, ...figures...}`` for one group of ballot values."""
    return {"total": len(values), **_FIGURES[method](values, item_ids)}


def _group_by_sector(ballots: Iterable[Ballot]) -> dict[str, list]:
    """Split ballot values by sector, refusing unknown sectors."""
    grouped: dict[str, list] = {sector: [] for sector in SECTORS}
    for ballot in ballots:
        sector = ballot.sector
        _check(isinstance(sector, str) and sector in grouped, "ballot has an unknown sector")
        grouped[sector].append(ballot.value)
    return grouped


def tally(method: str, ballots: Iterable[Ballot], item_ids: list[int]) -> dict[str, Any]:
    """Add up normalised ballots into JSON-ready figures.

    Returns ``{"total": n, ...figures..., "by_sector": {sector: {"total": n,
    ...figures...}}}`` with all four :data:`SECTORS`.  Item ids appear as
    ``str(item_id)`` keys.  Figures per method:

    * approve: ``counts`` {approve, neutral, reject}, ``support``
    * score: ``counts`` {"1".."5"}, ``mean``, ``support`` (share of 4-5)
    * impact_feasibility: ``impact_mean``, ``feasibility_mean``,
      ``quadrant``, ``support`` (share with impact + feasibility >= 7)
    * dots: ``dots``, ``voters``, ``support`` (voters / total) per item
    * ranking: ``borda``, ``support`` (share ranking it in the upper half)
      per item

    Shares and means are None when there are no ballots.  Raises
    ``ValueError`` for an unknown sector or a value that is not normalised.
    """
    _require_method(method)
    grouped = _group_by_sector(ballots)
    everything = [value for sector in SECTORS for value in grouped[sector]]
    figures = _figures(method, everything, item_ids)
    figures["by_sector"] = {sector: _figures(method, grouped[sector], item_ids) for sector in SECTORS}
    return figures


def support(method: str, figures: dict, item_id: int | str | None = None) -> float | None:
    """Return the share in [0, 1] compared with the threshold (None if no votes).

    Works on a whole tally or on one of its ``by_sector`` entries.
    ``item_id`` is ignored for single-item methods.
    """
    _require_method(method)
    if method in SINGLE_ITEM_METHODS:
        return figures["support"]
    return figures["support"][str(item_id)]


# --------------------------------------------------------------------------
# decide
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Verdict:
    """How one item fared: overall share, and the first failing sector."""

    item: int
    share: float | None
    passed_overall: bool
    failing_sector: str | None = None
    sector_share: float | None = None

    @property
    def agreed(self) -> bool:
        """Agreed when the item passed overall and no sector failed."""
        return self.passed_overall and self.failing_sector is None


def _first_failing_sector(method: str, figures: dict, item: int, threshold: float) -> tuple[str, float | None] | None:
    """The first sector (in SECTORS order) that voted and missed the threshold."""
    for sector in SECTORS:
        sector_figures = figures["by_sector"][sector]
        if sector_figures["total"] > 0:
            share = support(method, sector_figures, item)
            if not _meets(share, threshold):
                return sector, share
    return None


def _judge(method: str, figures: dict, rule: Rule, item: int) -> _Verdict:
    """Apply the threshold (and the cross-sector check) to one item."""
    share = support(method, figures, item)
    if not _meets(share, rule.threshold):
        return _Verdict(item, share, False)
    failing = _first_failing_sector(method, figures, item, rule.threshold) if rule.cross_sector else None
    if failing is None:
        return _Verdict(item, share, True)
    return _Verdict(item, share, True, failing[0], failing[1])


def _sectors_present(figures: dict) -> int:
    """Number of sectors with at least one ballot."""
    return sum(1 for sector in SECTORS if figures["by_sector"][sector]["total"] > 0)


def _base_params(method: str, figures: dict, rule: Rule) -> dict[str, Any]:
    """Parameters shared by every decided (non-quorum) outcome."""
    return {
        "method": method,
        "threshold": _percent(rule.threshold),
        "total": figures["total"],
        "quorum": rule.quorum,
    }


def _single_outcome(verdict: _Verdict, params: dict, rule: Rule, figures: dict, items: dict) -> Outcome:
    """Outcome of a one-item round."""
    params["support"] = _percent(verdict.share)
    if not verdict.passed_overall:
        return Outcome("rejected", "threshold_not_met", params, items)
    if verdict.failing_sector is not None:
        params.update(sector=verdict.failing_sector, sector_support=_percent(verdict.sector_share))
        return Outcome("rejected", "sector_below", params, items)
    if rule.cross_sector:
        params["sectors"] = _sectors_present(figures)
        return Outcome("agreed", "cross_sector_met", params, items)
    return Outcome("agreed", "threshold_met", params, items)


def _multi_outcome(verdicts: list[_Verdict], params: dict, rule: Rule, figures: dict, items: dict) -> Outcome:
    """Outcome of a round with several items: agreed if any item is."""
    agreed = [v.item for v in verdicts if v.agreed]
    best = max(verdicts, key=lambda v: v.share or 0.0)
    params.update(
        items=len(verdicts),
        agreed=len(agreed),
        agreed_items=agreed,
        best_item=best.item,
        best_support=_percent(best.share),
    )
    if agreed and rule.cross_sector:
        params["sectors"] = _sectors_present(figures)
        return Outcome("agreed", "cross_sector_met", params, items)
    if agreed:
        return Outcome("agreed", "threshold_met", params, items)
    if best.failing_sector is not None:
        params.update(sector=best.failing_sector, sector_support=_percent(best.sector_share))
        return Outcome("rejected", "sector_below", params, items)
    return Outcome("rejected", "threshold_not_met", params, items)


def decide(method: str, figures: dict, rule: Rule, item_ids: list[int]) -> Outcome:
    """Decide a round from its :func:`tally` figures under ``rule``.

    * fewer ballots than ``rule.quorum``: ``no_quorum`` for the round and
      every item (params ``total``, ``quorum``);
    * no ballots at all (quorum 0): ``rejected`` / ``no_votes``;
    * otherwise an item is agreed when its support reaches the threshold
      and, with ``cross_sector``, every sector that voted reaches it too.
      A single-item round takes its item's result; a multi-item round is
      agreed when at least one item is.

    Percentages in ``params`` are numbers from 0 to 100.
    """
    _require_method(method)
    total = figures["total"]
    keys = [str(item) for item in item_ids]
    if total < rule.quorum:
        params = {"total": total, "quorum": rule.quorum}
        return Outcome("no_quorum", "no_quorum", params, dict.fromkeys(keys, "no_quorum"))
    if total == 0:
        params = {"total": total, "quorum": rule.quorum}
        return Outcome("rejected", "no_votes", params, dict.fromkeys(keys, "rejected"))
    verdicts = [_judge(method, figures, rule, item) for item in item_ids]
    items = {str(v.item): "agreed" if v.agreed else "rejected" for v in verdicts}
    params = _base_params(method, figures, rule)
    if method in SINGLE_ITEM_METHODS:
        return _single_outcome(verdicts[0], params, rule, figures, items)
    return _multi_outcome(verdicts, params, rule, figures, items)


# --------------------------------------------------------------------------
# validate_rule
# --------------------------------------------------------------------------


def _validate_items(method: str, item_ids: object) -> None:
    """Refuse a wrong number of items, non-integer ids or duplicates."""
    if not isinstance(item_ids, (list, tuple)) or not all(_is_int(item) for item in item_ids):
        raise _bad_round("Item ids must be a list of integers.")
    if len(set(item_ids)) != len(item_ids):
        raise _bad_round("The same item appears twice in the round.")
    if method in SINGLE_ITEM_METHODS and len(item_ids) != 1:
        raise _bad_round("A %(method)s round needs exactly one item.", method=method)
    if method in MULTI_ITEM_METHODS and len(item_ids) < 2:
        raise _bad_round("A %(method)s round needs at least two items.", method=method)


def _validate_thresholds(rule: object) -> None:
    """Refuse a negative quorum or a threshold outside [0, 1]."""
    if not isinstance(rule, Rule):
        raise _bad_round("The rule must be a Rule.")
    if not _is_int(rule.quorum) or rule.quorum < 0:
        raise _bad_round("The quorum must be a whole number of zero or more.")
    threshold = rule.threshold
    if not _is_number(threshold) or not math.isfinite(threshold) or not 0 <= threshold <= 1:
        raise _bad_round("The threshold must be a number between 0 and 1.")
    if not isinstance(rule.cross_sector, bool):
        raise _bad_round("cross_sector must be true or false.")


def validate_rule(method: str, item_ids: list[int], rule: Rule, dots_budget: int | None = None) -> None:
    """Check a round's configuration; raise ``InvalidVote(code="invalid_round")``.

    Refuses an unknown method, a wrong number of items (single-item
    methods exactly one, multi-item methods two or more), duplicate or
    non-integer item ids, a negative quorum, a threshold outside [0, 1] and,
    for ``dots``, a missing budget or one below 1.
    """
    _require_method(method)
    _validate_items(method, item_ids)
    _validate_thresholds(rule)
    if method == "dots" and (not _is_int(dots_budget) or dots_budget < 1):  # type: ignore[operator]
        raise _bad_round("A dots round needs a dots budget of at least 1.")


# --------------------------------------------------------------------------
# Explanations: the app's catalogue (`workshop.catalogue`), read without Flask
# --------------------------------------------------------------------------


def _format_percent(value: object, lang: str) -> str:
    """A percentage number (0-100, at most one decimal) in ``lang``: ``66,7 %`` / ``66.7%``."""
    if not _is_number(value):
        return "—"
    share = Decimal(str(value)) / 100
    return format_percent(share, locale=lang, decimal_quantization=False)


def _format_number(value: object, lang: str) -> str:
    """A count in ``lang`` (``1.250`` / ``1,250``)."""
    return format_decimal(value, locale=lang) if _is_number(value) else str(value)


def _sector_phrase(sector: object, t: gettext.NullTranslations) -> str:
    """``the academic sector`` / ``el sector académico``."""
    phrases = {
        "public": t.gettext("the public sector"),
        "private": t.gettext("the private sector"),
        "academic": t.gettext("the academic sector"),
        "civil_society": t.gettext("civil society"),
    }
    return phrases.get(sector, str(sector))  # type: ignore[call-overload]


def _values(outcome: Outcome, lang: str, t: gettext.NullTranslations) -> dict[str, Any]:
    """The params of ``outcome`` written out for the sentences."""
    params = outcome.params
    values: dict[str, Any] = {"result": outcome.result}
    for key in ("quorum", "items", "agreed"):
        if key in params:
            values[key] = _format_number(params[key], lang)
    for key in ("support", "threshold", "sector_support", "best_support"):
        if key in params:
            values[key] = _format_percent(params[key], lang)
    total = params.get("total", 0)
    values["votes"] = t.ngettext("%(num)s vote", "%(num)s votes", total) % {"num": _format_number(total, lang)}
    sectors = params.get("sectors")
    if sectors is not None:
        values["sectors_phrase"] = t.ngettext(
            "the only sector present", "each of the %(num)s sectors present", sectors,
        ) % {"num": _format_number(sectors, lang)}
    if "sector" in params:
        values["sector"] = _sector_phrase(params["sector"], t)
    return values


def _sentence(outcome: Outcome, values: dict[str, Any], t: gettext.NullTranslations) -> str:
    """The catalogue's sentence for the outcome's reason and round kind, filled in."""
    reason = outcome.reason
    if reason == "no_quorum":
        return t.gettext("No quorum: %(votes)s cast, quorum %(quorum)s.") % values
    if reason == "no_votes":
        return t.gettext("No votes were cast: the threshold is not reached.")
    agreed = outcome.params.get("agreed")
    if outcome.params.get("method") in MULTI_ITEM_METHODS:
        if reason == "threshold_met":
            return t.ngettext(
                "%(agreed)s of %(items)s proposals reaches the threshold of %(threshold)s "
                "with %(votes)s, quorum %(quorum)s.",
                "%(agreed)s of %(items)s proposals reach the threshold of %(threshold)s "
                "with %(votes)s, quorum %(quorum)s.", agreed) % values
        if reason == "threshold_not_met":
            return t.gettext(
                "None of the %(items)s proposals reaches the threshold of %(threshold)s "
                "(the best got %(best_support)s) with %(votes)s, quorum %(quorum)s.") % values
        if reason == "cross_sector_met":
            return t.ngettext(
                "%(agreed)s of %(items)s proposals reaches the threshold of %(threshold)s "
                "in %(sectors_phrase)s, with %(votes)s, quorum %(quorum)s.",
                "%(agreed)s of %(items)s proposals reach the threshold of %(threshold)s "
                "in %(sectors_phrase)s, with %(votes)s, quorum %(quorum)s.", agreed) % values
        if reason == "sector_below":
            return t.gettext(
                "None of the %(items)s proposals reaches the threshold of %(threshold)s in every "
                "sector; %(sector)s only gave %(sector_support)s to the best-rated one "
                "(%(best_support)s overall).") % values
    else:
        if reason == "threshold_met":
            return t.gettext(
                "Reaches the threshold: %(support)s support (threshold %(threshold)s) with %(votes)s, "
                "quorum %(quorum)s.") % values
        if reason == "threshold_not_met":
            return t.gettext(
                "Does not reach the threshold: %(support)s support (threshold %(threshold)s) with %(votes)s, "
                "quorum %(quorum)s.") % values
        if reason == "cross_sector_met":
            return t.gettext(
                "Reaches the threshold: %(support)s support (threshold %(threshold)s) and %(sectors_phrase)s "
                "reached it, "
                "with %(votes)s, quorum %(quorum)s.") % values
        if reason == "sector_below":
            return t.gettext(
                "Does not reach the threshold in every sector: %(sector)s only reached %(sector_support)s "
                "(threshold %(threshold)s), "
                "despite %(support)s overall support.") % values
    raise KeyError(reason)


def _explain(outcome: Outcome, lang: str, t: gettext.NullTranslations | None = None) -> str:
    """The sentence for ``outcome`` in ``lang``; a bare result when its params fall short."""
    t = t or translations(lang)
    try:
        return _sentence(outcome, _values(outcome, lang, t), t)
    except (KeyError, IndexError, TypeError, ValueError):
        return t.gettext("Result: %(result)s.") % {"result": outcome.result}
