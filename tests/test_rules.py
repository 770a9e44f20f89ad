"""Tests for workshop.voting.rules (pure voting rules, no Flask needed)."""

from __future__ import annotations

import json
import math
import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.voting.rules import (
    METHODS,
    MULTI_ITEM_METHODS,
    SECTORS,
    SINGLE_ITEM_METHODS,
    Ballot,
    InvalidVote,
    Outcome,
    Rule,
    decide,
    normalise_value,
    support,
    tally,
    validate_rule,
)

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EPS = 1e-9

SINGLE = [7]
MULTI = [1, 2, 3]
BUDGET = 10


def items_for(method):
    """Item ids used for a method in the table-driven tests."""
    return SINGLE if method in SINGLE_ITEM_METHODS else MULTI


def ballots(method, *pairs):
    """Build ballots from (sector, raw value) pairs, normalising each value."""
    return [Ballot(sector, normalise_value(method, value, items_for(method), BUDGET)) for sector, value in pairs]


# ---------------------------------------------------------------------------
# Constants and value objects
# ---------------------------------------------------------------------------


def test_constants():
    assert SECTORS == ("public", "private", "academic", "civil_society")
    assert METHODS == ("approve", "score", "impact_feasibility", "dots", "ranking")
    assert set(SINGLE_ITEM_METHODS) | set(MULTI_ITEM_METHODS) == set(METHODS)
    assert not set(SINGLE_ITEM_METHODS) & set(MULTI_ITEM_METHODS)


def test_invalid_vote_is_value_error_with_code_and_message():
    error = InvalidVote("invalid_value", "Bad vote.")
    assert isinstance(error, ValueError)
    assert error.code == "invalid_value"
    assert error.message == "Bad vote."
    assert str(error) == "Bad vote."
    assert error.to_dict() == {"code": "invalid_value", "message": "Bad vote."}


def test_invalid_vote_is_a_refusal_with_a_msgid_and_its_params():
    """The edge translates the msgid; the English sentence is the msgid filled in."""
    from workshop.refusals import Refusal

    with pytest.raises(InvalidVote) as caught:
        normalise_value("dots", {"1": 4}, MULTI, 3)
    error = caught.value
    assert isinstance(error, Refusal) and error.status == 400
    assert error.template == "Too many dots: the budget is %(budget)s."
    assert error.params == {"budget": 3}
    assert error.message == "Too many dots: the budget is 3."
    with pytest.raises(InvalidVote) as caught:
        validate_rule("approve", [1, 2], Rule())
    assert caught.value.template == "A %(method)s round needs exactly one item."
    assert caught.value.message == "A approve round needs exactly one item."
    with pytest.raises(InvalidVote) as caught:
        normalise_value("impact_feasibility", {"impact": 9, "feasibility": 2}, SINGLE)
    assert caught.value.message == "Impact must be between 1 and 5."


def test_every_message_of_the_rules_is_a_literal_msgid():
    """No message is built by hand: each refusal is a msgid with %(name)s placeholders (make messages)."""
    import inspect

    from workshop.voting import rules

    source = inspect.getsource(rules)
    assert 'f"' not in source.split("# Explanations")[0].split("class InvalidVote")[1]


def test_rule_defaults_and_frozen():
    rule = Rule()
    assert (rule.quorum, rule.threshold, rule.cross_sector) == (0, 0.5, False)
    with pytest.raises(Exception):
        rule.quorum = 3  # type: ignore[misc]


# ---------------------------------------------------------------------------
# normalise_value: accepted values
# ---------------------------------------------------------------------------

GOOD = [
    ("approve", "approve", "approve"),
    ("approve", "neutral", "neutral"),
    ("approve", "reject", "reject"),
    ("score", 1, 1),
    ("score", 3, 3),
    ("score", 5, 5),
    ("impact_feasibility", {"impact": 1, "feasibility": 5}, {"impact": 1, "feasibility": 5}),
    ("impact_feasibility", {"feasibility": 3, "impact": 4}, {"impact": 4, "feasibility": 3}),
    ("dots", {"1": 3, "2": 7}, {"1": 3, "2": 7}),
    ("dots", {1: 2, "3": 1}, {"1": 2, "3": 1}),
    ("dots", {"1": 0, "2": 1, "3": 0}, {"2": 1}),
    ("dots", {"3": 10}, {"3": 10}),
    ("ranking", [3, 1, 2], [3, 1, 2]),
    ("ranking", ["2", 1], [2, 1]),
    ("ranking", [2], [2]),
    ("ranking", ("1", "3"), [1, 3]),
]


@pytest.mark.parametrize(("method", "value", "expected"), GOOD)
def test_normalise_value_accepts(method, value, expected):
    result = normalise_value(method, value, items_for(method), BUDGET)
    assert result == expected
    assert type(result) is type(expected)
    # normalising again changes nothing
    assert normalise_value(method, result, items_for(method), BUDGET) == expected


def test_normalise_score_returns_plain_int():
    assert type(normalise_value("score", 4, SINGLE)) is int


def test_normalise_dots_keys_follow_round_order():
    result = normalise_value("dots", {"3": 1, "1": 1}, MULTI, BUDGET)
    assert list(result) == ["1", "3"]


# ---------------------------------------------------------------------------
# normalise_value: refused values
# ---------------------------------------------------------------------------

JUNK = [None, True, False, 3.0, "3", 6, 0, -1, 10**30, -(10**30), [], {}, [[{}]], {"a": [None, {"b": 1}]}, float("nan")]

BAD = (
    [("approve", junk) for junk in JUNK]
    + [("approve", v) for v in ["", "Approve", "APPROVE", "yes", " approve", ["approve"], {"approve": 1}]]
    + [("score", junk) for junk in JUNK]
    + [("score", v) for v in [float("inf"), 2.5, "five", [3], {"score": 3}, b"3", 1 + 0j]]
    + [("impact_feasibility", junk) for junk in JUNK]
    + [
        ("impact_feasibility", v)
        for v in [
            {"impact": 3},
            {"feasibility": 3},
            {"impact": 3, "feasibility": 3, "extra": 1},
            {"Impact": 3, "feasibility": 3},
            {"impact": True, "feasibility": 3},
            {"impact": 3.0, "feasibility": 3},
            {"impact": "3", "feasibility": 3},
            {"impact": 6, "feasibility": 3},
            {"impact": 3, "feasibility": 0},
            {"impact": -1, "feasibility": 3},
            {"impact": 10**30, "feasibility": 3},
            {"impact": None, "feasibility": None},
            {"impact": [3], "feasibility": {"x": 3}},
            [3, 3],
            (3, 3),
        ]
    ]
    + [("dots", junk) for junk in JUNK]
    + [
        ("dots", v)
        for v in [
            {"1": 0},  # no dots at all
            {"1": 0, "2": 0},
            {"1": 11},  # over budget
            {"1": 6, "2": 5},  # over budget in total
            {"1": 10**30},
            {"99": 1},  # foreign item
            {99: 1},
            {"1": 1, "99": 0},  # foreign item even with zero dots
            {"1": -1, "2": 2},
            {"1": 1.0},
            {"1": True},
            {"1": "1"},
            {"1": None},
            {"1": [1]},
            {"a": 1},
            {"1.0": 1},
            {" 1": 1},
            {"": 1},
            {None: 1},
            {True: 1},
            {1.0: 1},
            {"1": 1, 1: 1},  # the same item twice
            {"9" * 5000: 1},
            {10**5000: 1},
            [["1", 1]],
            "1",
        ]
    ]
    + [("ranking", junk) for junk in JUNK]
    + [
        ("ranking", v)
        for v in [
            [1, 1],  # duplicate
            ["1", 1],  # duplicate in disguise
            [1, 2, 3, 1],  # too long and duplicate
            [99],  # foreign
            [1, 99],
            [True],
            [1.0],
            ["a"],
            [""],
            [None],
            [[1]],
            [{"1": 1}],
            [10**30],
            ["9" * 5000],
            {"1": 1},
            "123",
            1,
        ]
    ]
)


def safe_id(value):
    """Short test id; some values (10**5000) cannot even be repr()'d."""
    try:
        return repr(value)[:40]
    except ValueError:
        return type(value).__name__


@pytest.mark.parametrize(("method", "value"), BAD, ids=safe_id)
def test_normalise_value_refuses(method, value):
    with pytest.raises(InvalidVote) as caught:
        normalise_value(method, value, items_for(method), BUDGET)
    assert caught.value.code == "invalid_value"
    assert isinstance(caught.value.message, str) and caught.value.message
    assert caught.value.message[0].isupper()


def test_normalise_unknown_method_is_invalid_round():
    with pytest.raises(InvalidVote) as caught:
        normalise_value("plurality", "approve", SINGLE)
    assert caught.value.code == "invalid_round"


@pytest.mark.parametrize("budget", [None, 0, -3, True, 2.0, "10"])
def test_normalise_dots_needs_a_budget(budget):
    with pytest.raises(InvalidVote) as caught:
        normalise_value("dots", {"1": 1}, MULTI, budget)
    assert caught.value.code == "invalid_round"


def test_normalise_dots_budget_message_mentions_budget():
    with pytest.raises(InvalidVote) as caught:
        normalise_value("dots", {"1": 4}, MULTI, 3)
    assert "3" in caught.value.message


def test_normalise_ranking_may_not_be_longer_than_round():
    with pytest.raises(InvalidVote):
        normalise_value("ranking", [1, 2, 3, 3], MULTI)
    assert normalise_value("ranking", [1, 2, 3], MULTI) == [1, 2, 3]


# ---------------------------------------------------------------------------
# tally: hand-computed examples
# ---------------------------------------------------------------------------


def test_tally_approve():
    figures = tally(
        "approve",
        ballots(
            "approve",
            ("public", "approve"),
            ("public", "approve"),
            ("private", "neutral"),
            ("academic", "reject"),
            ("civil_society", "approve"),
        ),
        SINGLE,
    )
    assert figures["total"] == 5
    assert figures["counts"] == {"approve": 3, "neutral": 1, "reject": 1}
    assert figures["support"] == pytest.approx(0.6)
    by_sector = figures["by_sector"]
    assert list(by_sector) == list(SECTORS)
    assert by_sector["public"] == {"total": 2, "counts": {"approve": 2, "neutral": 0, "reject": 0}, "support": 1.0}
    assert by_sector["private"]["support"] == 0.0
    assert by_sector["academic"]["counts"] == {"approve": 0, "neutral": 0, "reject": 1}
    assert by_sector["civil_society"]["total"] == 1


@pytest.mark.parametrize("method", METHODS)
def test_tally_empty_has_all_sectors_and_no_shares(method):
    items = items_for(method)
    figures = tally(method, [], items)
    assert figures["total"] == 0
    assert set(figures["by_sector"]) == set(SECTORS)
    for sector_figures in figures["by_sector"].values():
        assert sector_figures["total"] == 0
        assert "by_sector" not in sector_figures
    for item in items:
        assert support(method, figures, item) is None


def test_tally_score():
    figures = tally(
        "score",
        ballots("score", ("public", 5), ("public", 4), ("private", 3), ("academic", 1), ("academic", 4)),
        SINGLE,
    )
    assert figures["total"] == 5
    assert figures["counts"] == {"1": 1, "2": 0, "3": 1, "4": 2, "5": 1}
    assert figures["mean"] == 3.4
    assert figures["support"] == pytest.approx(0.6)
    assert figures["by_sector"]["public"]["mean"] == 4.5
    assert figures["by_sector"]["public"]["support"] == 1.0
    assert figures["by_sector"]["academic"]["mean"] == 2.5
    assert figures["by_sector"]["academic"]["support"] == 0.5
    assert figures["by_sector"]["civil_society"]["mean"] is None


def test_tally_score_mean_is_rounded():
    figures = tally("score", ballots("score", ("public", 1), ("public", 1), ("public", 2)), SINGLE)
    assert figures["mean"] == 1.33
    assert figures["support"] == 0.0


def test_tally_impact_feasibility():
    figures = tally(
        "impact_feasibility",
        ballots(
            "impact_feasibility",
            ("public", {"impact": 5, "feasibility": 4}),
            ("public", {"impact": 3, "feasibility": 2}),
            ("private", {"impact": 2, "feasibility": 5}),
        ),
        SINGLE,
    )
    assert figures["total"] == 3
    assert figures["impact_mean"] == 3.33
    assert figures["feasibility_mean"] == 3.67
    assert figures["quadrant"] == "quick_win"
    assert figures["support"] == pytest.approx(2 / 3)  # 9 and 7 count, 5 does not
    assert figures["by_sector"]["public"]["quadrant"] == "quick_win"  # 4.0 / 3.0
    assert figures["by_sector"]["private"]["quadrant"] == "easy"
    assert figures["by_sector"]["academic"]["quadrant"] is None
    assert figures["by_sector"]["academic"]["impact_mean"] is None


@pytest.mark.parametrize(
    ("impact", "feasibility", "quadrant"),
    [(3, 3, "quick_win"), (5, 5, "quick_win"), (4, 1, "strategic"), (3, 2, "strategic"), (1, 4, "easy"),
     (2, 3, "easy"), (2, 2, "avoid"), (1, 1, "avoid")],
)
def test_tally_impact_feasibility_quadrants(impact, feasibility, quadrant):
    value = {"impact": impact, "feasibility": feasibility}
    figures = tally("impact_feasibility", ballots("impact_feasibility", ("public", value)), SINGLE)
    assert figures["quadrant"] == quadrant
    assert figures["support"] == (1.0 if impact + feasibility >= 7 else 0.0)


def test_tally_impact_feasibility_quadrant_uses_exact_mean():
    # impact mean 2.67 < 3 although two of three voted 3
    values = [{"impact": 3, "feasibility": 3}, {"impact": 3, "feasibility": 3}, {"impact": 2, "feasibility": 3}]
    figures = tally("impact_feasibility", [Ballot("public", v) for v in values], SINGLE)
    assert figures["impact_mean"] == 2.67
    assert figures["quadrant"] == "easy"


def test_tally_dots():
    figures = tally(
        "dots",
        ballots("dots", ("public", {"1": 3, "2": 2}), ("private", {"1": 5}), ("private", {"3": 1, "2": 1})),
        MULTI,
    )
    assert figures["total"] == 3
    assert figures["dots"] == {"1": 8, "2": 3, "3": 1}
    assert figures["voters"] == {"1": 2, "2": 2, "3": 1}
    assert figures["support"] == pytest.approx({"1": 2 / 3, "2": 2 / 3, "3": 1 / 3})
    private = figures["by_sector"]["private"]
    assert private["dots"] == {"1": 5, "2": 1, "3": 1}
    assert private["support"] == {"1": 0.5, "2": 0.5, "3": 0.5}
    assert figures["by_sector"]["academic"]["dots"] == {"1": 0, "2": 0, "3": 0}
    assert figures["by_sector"]["academic"]["support"] == {"1": None, "2": None, "3": None}


def test_tally_dots_zero_entries_in_stored_ballots_do_not_count_as_voters():
    figures = tally("dots", [Ballot("public", {"1": 2, "2": 0})], MULTI)
    assert figures["voters"] == {"1": 1, "2": 0, "3": 0}


def test_tally_ranking_three_items():
    items = [10, 20, 30]
    pairs = [("public", [10, 20, 30]), ("public", [30, 10]), ("academic", [20])]
    figures = tally("ranking", [Ballot(s, normalise_value("ranking", v, items)) for s, v in pairs], items)
    assert figures["total"] == 3
    assert figures["borda"] == {"10": 3, "20": 3, "30": 2}
    # upper half of 3 items: positions 0 and 1
    assert figures["support"] == pytest.approx({"10": 2 / 3, "20": 2 / 3, "30": 1 / 3})
    assert figures["by_sector"]["public"]["borda"] == {"10": 3, "20": 1, "30": 2}
    assert figures["by_sector"]["academic"]["borda"] == {"10": 0, "20": 2, "30": 0}
    assert figures["by_sector"]["academic"]["support"] == {"10": 0.0, "20": 1.0, "30": 0.0}


def test_tally_ranking_four_items_upper_half():
    items = [1, 2, 3, 4]
    figures = tally("ranking", [Ballot("public", [4, 3, 2, 1])], items)
    assert figures["borda"] == {"1": 0, "2": 1, "3": 2, "4": 3}
    assert figures["support"] == {"1": 0.0, "2": 0.0, "3": 1.0, "4": 1.0}


def test_tally_refuses_unknown_sector():
    with pytest.raises(ValueError):
        tally("approve", [Ballot("government", "approve")], SINGLE)
    with pytest.raises(ValueError):
        tally("approve", [Ballot(None, "approve")], SINGLE)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("method", "value"),
    [("approve", "maybe"), ("score", 9), ("score", True), ("impact_feasibility", {"impact": 3}),
     ("dots", {"99": 1}), ("ranking", [1, 1]), ("ranking", [99])],
)
def test_tally_refuses_values_that_are_not_normalised(method, value):
    with pytest.raises(ValueError):
        tally(method, [Ballot("public", value)], items_for(method))


def test_tally_unknown_method():
    with pytest.raises(InvalidVote):
        tally("plurality", [], SINGLE)


def test_tally_accepts_any_iterable():
    generator = (Ballot("public", v) for v in ["approve", "reject"])
    assert tally("approve", generator, SINGLE)["total"] == 2


def test_support_reads_single_and_multi_figures():
    approve = tally("approve", ballots("approve", ("public", "approve"), ("private", "reject")), SINGLE)
    assert support("approve", approve, 7) == 0.5
    assert support("approve", approve) == 0.5
    assert support("approve", approve["by_sector"]["private"]) == 0.0
    dots = tally("dots", ballots("dots", ("public", {"2": 1})), MULTI)
    assert support("dots", dots, 2) == 1.0
    assert support("dots", dots, "2") == 1.0
    assert support("dots", dots, 1) == 0.0
    assert support("dots", dots["by_sector"]["private"], 2) is None


# ---------------------------------------------------------------------------
# decide
# ---------------------------------------------------------------------------


def approve_figures(**per_sector):
    """Tally of approve ballots: sector=(approvals, rejections)."""
    result = []
    for sector, (yes, no) in per_sector.items():
        result += [Ballot(sector, "approve")] * yes + [Ballot(sector, "reject")] * no
    return tally("approve", result, SINGLE)


def test_decide_no_quorum():
    outcome = decide("approve", approve_figures(public=(3, 0)), Rule(quorum=5), SINGLE)
    assert outcome.result == "no_quorum"
    assert outcome.reason == "no_quorum"
    assert outcome.params == {"total": 3, "quorum": 5}
    assert outcome.items == {"7": "no_quorum"}


def test_decide_no_quorum_multi_marks_every_item():
    figures = tally("dots", ballots("dots", ("public", {"1": 1})), MULTI)
    outcome = decide("dots", figures, Rule(quorum=2), MULTI)
    assert outcome.result == "no_quorum"
    assert outcome.items == {"1": "no_quorum", "2": "no_quorum", "3": "no_quorum"}


def test_decide_no_votes():
    outcome = decide("approve", tally("approve", [], SINGLE), Rule(quorum=0), SINGLE)
    assert outcome.result == "rejected"
    assert outcome.reason == "no_votes"
    assert outcome.items == {"7": "rejected"}
    assert outcome.params["total"] == 0


def test_decide_threshold_met_exactly_half():
    outcome = decide("approve", approve_figures(public=(1, 1)), Rule(threshold=0.5), SINGLE)
    assert outcome.result == "agreed"
    assert outcome.reason == "threshold_met"
    assert outcome.items == {"7": "agreed"}
    assert outcome.params["support"] == 50
    assert outcome.params["threshold"] == 50
    assert outcome.params["total"] == 2


def test_decide_threshold_uses_tolerance_for_float_noise():
    # 0.1 * 3 == 0.30000000000000004 > 3 / 10
    outcome = decide("approve", approve_figures(public=(3, 7)), Rule(threshold=0.1 * 3), SINGLE)
    assert outcome.result == "agreed"


def test_decide_threshold_not_met():
    outcome = decide("approve", approve_figures(public=(2, 3)), Rule(quorum=3, threshold=0.6), SINGLE)
    assert outcome.result == "rejected"
    assert outcome.reason == "threshold_not_met"
    assert outcome.params["support"] == 40
    assert outcome.params["threshold"] == 60
    assert outcome.params["quorum"] == 3


def test_decide_quorum_exactly_reached_is_decided():
    outcome = decide("approve", approve_figures(public=(5, 0)), Rule(quorum=5), SINGLE)
    assert outcome.result == "agreed"


def test_decide_cross_sector_names_first_failing_sector():
    figures = approve_figures(public=(10, 0), private=(1, 1), academic=(2, 3), civil_society=(4, 0))
    assert figures["support"] >= 0.6
    outcome = decide("approve", figures, Rule(threshold=0.6, cross_sector=True), SINGLE)
    assert outcome.result == "rejected"
    assert outcome.reason == "sector_below"
    assert outcome.params["sector"] == "private"  # private (50 %) comes before academic (40 %)
    assert outcome.params["sector_support"] == 50
    assert outcome.items == {"7": "rejected"}


def test_decide_cross_sector_ignores_absent_sectors():
    figures = approve_figures(public=(3, 1), academic=(2, 0))
    outcome = decide("approve", figures, Rule(threshold=0.6, cross_sector=True), SINGLE)
    assert outcome.result == "agreed"
    assert outcome.reason == "cross_sector_met"
    assert outcome.params["sectors"] == 2


def test_decide_without_cross_sector_ignores_weak_sector():
    figures = approve_figures(public=(10, 0), academic=(0, 3))
    outcome = decide("approve", figures, Rule(threshold=0.6), SINGLE)
    assert outcome.reason == "threshold_met"


def test_decide_overall_failure_wins_over_sector_failure():
    figures = approve_figures(public=(1, 3), academic=(0, 3))
    outcome = decide("approve", figures, Rule(threshold=0.6, cross_sector=True), SINGLE)
    assert outcome.reason == "threshold_not_met"


def test_decide_score_and_impact_feasibility():
    score = tally("score", ballots("score", ("public", 5), ("public", 4), ("public", 2)), SINGLE)
    assert decide("score", score, Rule(threshold=0.6), SINGLE).result == "agreed"
    assert decide("score", score, Rule(threshold=0.7), SINGLE).result == "rejected"
    pair = tally("impact_feasibility", ballots("impact_feasibility", ("public", {"impact": 4, "feasibility": 3})),
                 SINGLE)
    assert decide("impact_feasibility", pair, Rule(threshold=1.0), SINGLE).result == "agreed"


def dots_figures():
    """Four voters: item 1 gets 3 voters, item 2 two, item 3 one."""
    return tally(
        "dots",
        ballots(
            "dots",
            ("public", {"1": 2, "2": 1}),
            ("public", {"1": 1}),
            ("academic", {"1": 1, "2": 1}),
            ("academic", {"3": 4}),
        ),
        MULTI,
    )


def test_decide_multi_some_agreed():
    outcome = decide("dots", dots_figures(), Rule(threshold=0.5), MULTI)
    assert outcome.result == "agreed"
    assert outcome.reason == "threshold_met"
    assert outcome.items == {"1": "agreed", "2": "agreed", "3": "rejected"}
    assert outcome.params["agreed"] == 2
    assert outcome.params["items"] == 3
    assert outcome.params["agreed_items"] == [1, 2]


def test_decide_multi_none_agreed():
    outcome = decide("dots", dots_figures(), Rule(threshold=0.8), MULTI)
    assert outcome.result == "rejected"
    assert outcome.reason == "threshold_not_met"
    assert set(outcome.items.values()) == {"rejected"}
    assert outcome.params["best_support"] == 75
    assert outcome.params["best_item"] == 1


def test_decide_multi_cross_sector():
    figures = dots_figures()
    # item 1: public 2/2, academic 1/2 ; item 2: public 1/2, academic 1/2
    outcome = decide("dots", figures, Rule(threshold=0.5, cross_sector=True), MULTI)
    assert outcome.reason == "cross_sector_met"
    assert outcome.items == {"1": "agreed", "2": "agreed", "3": "rejected"}
    outcome = decide("dots", figures, Rule(threshold=0.6, cross_sector=True), MULTI)
    assert outcome.result == "rejected"
    assert outcome.reason == "sector_below"
    assert outcome.params["sector"] == "academic"
    assert outcome.params["sector_support"] == 50
    assert outcome.params["best_support"] == 75


def test_decide_ranking():
    items = [1, 2, 3, 4]
    figures = tally("ranking", [Ballot("public", [1, 2, 3, 4]), Ballot("private", [2, 1])], items)
    outcome = decide("ranking", figures, Rule(threshold=1.0), items)
    assert outcome.items == {"1": "agreed", "2": "agreed", "3": "rejected", "4": "rejected"}
    assert outcome.result == "agreed"


def test_decide_unknown_method():
    with pytest.raises(InvalidVote):
        decide("plurality", {"total": 0}, Rule(), SINGLE)


def test_outcome_to_dict_is_json_ready():
    outcome = decide("dots", dots_figures(), Rule(threshold=0.6, cross_sector=True), MULTI)
    data = outcome.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["result"] == outcome.result


# ---------------------------------------------------------------------------
# Explanations
# ---------------------------------------------------------------------------


def test_explanation_matches_the_examples():
    outcome = Outcome(
        "agreed",
        "threshold_met",
        {"method": "approve", "support": 72, "threshold": 60, "total": 41, "quorum": 20},
        {"7": "agreed"},
    )
    # Babel writes Spanish percentages with a non-breaking space, so "72 %" never breaks across lines.
    # Worded as what it is, a computed result: the table's decision is another thing.
    assert outcome.explanation("es") == \
        "Alcanza el umbral: 72\u00a0% de apoyo (umbral 60\u00a0%), con 41 votos y quórum de 20."
    assert outcome.explanation("en") == "Reaches the threshold: 72% support (threshold 60%) with 41 votes, quorum 20."
    assert outcome.explanation() == outcome.explanation("es")
    assert outcome.explanation("fr") == outcome.explanation("es")


def test_explanation_sector_below_example():
    figures = approve_figures(public=(10, 0), academic=(2, 3))
    outcome = decide("approve", figures, Rule(threshold=0.6, cross_sector=True), SINGLE)
    assert outcome.explanation("es").startswith(
        "No alcanza el umbral en todos los sectores: el sector académico solo alcanzó 40\u00a0% (umbral 60\u00a0%)")
    assert outcome.explanation("en").startswith(
        "Does not reach the threshold in every sector: the academic sector only reached 40% (threshold 60%)")
    assert "80\u00a0%" in outcome.explanation("es") and "80%" in outcome.explanation("en")


def test_explanation_multi_example():
    outcome = Outcome(
        "agreed",
        "threshold_met",
        {"method": "dots", "items": 5, "agreed": 3, "threshold": 50, "total": 12, "quorum": 0},
        {},
    )
    assert "3 de 5 propuestas superan el umbral de 50\u00a0%" in outcome.explanation("es")
    assert "3 of 5 proposals reach the threshold of 50%" in outcome.explanation("en")


@pytest.mark.parametrize(
    ("sector", "es", "en"),
    [
        ("public", "sector público", "public sector"),
        ("private", "sector privado", "private sector"),
        ("academic", "sector académico", "academic sector"),
        ("civil_society", "sociedad civil", "civil society"),
    ],
)
def test_explanation_translates_sectors(sector, es, en):
    params = {"method": "approve", "support": 70, "threshold": 60, "total": 10, "quorum": 0, "sector": sector,
              "sector_support": 40}
    outcome = Outcome("rejected", "sector_below", params, {"7": "rejected"})
    assert es in outcome.explanation("es")
    assert en in outcome.explanation("en")
    assert sector not in outcome.explanation("es").replace(" ", "_")


def test_explanation_decimal_percentages_and_singular():
    outcome = decide("approve", approve_figures(public=(2, 1)), Rule(threshold=0.5), SINGLE)
    assert "66,7\u00a0%" in outcome.explanation("es")
    assert "66.7%" in outcome.explanation("en")
    single = decide("approve", approve_figures(public=(1, 0)), Rule(), SINGLE)
    assert "1 voto " in single.explanation("es")
    assert "1 vote," in single.explanation("en")
    multi = decide("dots", dots_figures(), Rule(threshold=0.7), MULTI)
    assert "1 de 3 propuestas supera el umbral" in multi.explanation("es")
    assert "1 of 3 proposals reaches the threshold" in multi.explanation("en")


def scenario(reason):
    """A decided outcome for each reason code, single or multi."""
    cases = {
        "no_quorum": ("approve", approve_figures(public=(3, 0)), Rule(quorum=17), SINGLE),
        "no_votes": ("approve", approve_figures(), Rule(), SINGLE),
        "threshold_met": ("approve", approve_figures(public=(3, 1)), Rule(quorum=2, threshold=0.6), SINGLE),
        "threshold_not_met": ("approve", approve_figures(public=(1, 3)), Rule(quorum=2, threshold=0.6), SINGLE),
        "sector_below": ("approve", approve_figures(public=(9, 0), civil_society=(1, 4)),
                         Rule(quorum=2, threshold=0.6, cross_sector=True), SINGLE),
        "cross_sector_met": ("approve", approve_figures(public=(3, 1), private=(3, 0)),
                             Rule(quorum=2, threshold=0.6, cross_sector=True), SINGLE),
        "multi_threshold_met": ("dots", dots_figures(), Rule(quorum=3, threshold=0.5), MULTI),
        "multi_threshold_not_met": ("dots", dots_figures(), Rule(quorum=3, threshold=0.8), MULTI),
        "multi_sector_below": ("dots", dots_figures(), Rule(quorum=3, threshold=0.6, cross_sector=True), MULTI),
        "multi_cross_sector_met": ("dots", dots_figures(), Rule(quorum=3, threshold=0.5, cross_sector=True), MULTI),
    }
    method, figures, rule, items = cases[reason]
    return decide(method, figures, rule, items)


def percent_text(value, lang):
    """How a percentage number is written in the sentence (Spanish: a non-breaking space before %)."""
    text = str(value)
    return f"{text.replace('.', ',')}\u00a0%" if lang == "es" else f"{text}%"


NUMBER_KEYS = ("total", "quorum", "items", "agreed", "sectors")
PERCENT_KEYS = ("support", "threshold", "sector_support", "best_support")
EXPECTED_KEYS = {
    "no_quorum": ("total", "quorum"),
    "no_votes": (),
    "threshold_met": ("support", "threshold", "total", "quorum"),
    "threshold_not_met": ("support", "threshold", "total", "quorum"),
    "sector_below": ("sector_support", "threshold", "support"),
    "cross_sector_met": ("support", "threshold", "total", "quorum", "sectors"),
    "multi_threshold_met": ("agreed", "items", "threshold", "total", "quorum"),
    "multi_threshold_not_met": ("items", "threshold", "best_support", "total", "quorum"),
    "multi_sector_below": ("items", "threshold", "sector_support", "best_support"),
    "multi_cross_sector_met": ("agreed", "items", "threshold", "total", "quorum", "sectors"),
}


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("case", list(EXPECTED_KEYS))
def test_explanation_contains_key_numbers(case, lang):
    outcome = scenario(case)
    assert outcome.reason == case.removeprefix("multi_")
    sentence = outcome.explanation(lang)
    assert sentence.endswith(".")
    assert sentence[0].isupper() or sentence[0].isdigit()
    assert "{" not in sentence and "None" not in sentence.replace("None of the", "")  # a missing value
    for key in EXPECTED_KEYS[case]:
        value = outcome.params[key]
        if key in PERCENT_KEYS:
            assert percent_text(value, lang) in sentence, (key, sentence)
        else:
            assert str(value) in sentence, (key, sentence)
    # A computed result is worded as what it is (reaching a threshold), never as the table's decision.
    opening = {
        "es": {"agreed": ("Alcanza el umbral", "1 de", "2 de"),
               "rejected": ("No alcanza el umbral", "Ninguna de", "No se emitió"),
               "no_quorum": ("Sin quórum",)},
        "en": {"agreed": ("Reaches the threshold", "1 of", "2 of"),
               "rejected": ("Does not reach the threshold", "None of", "No votes"),
               "no_quorum": ("No quorum",)},
    }
    assert sentence.startswith(opening[lang][outcome.result]), sentence
    assert not sentence.startswith(("Aprobada", "Rechazada", "Agreed", "Rejected"))


def test_explanations_differ_between_languages():
    for case in EXPECTED_KEYS:
        outcome = scenario(case)
        assert outcome.explanation("es") != outcome.explanation("en")


# ---------------------------------------------------------------------------
# validate_rule
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "items", "rule", "budget"),
    [
        ("approve", [1], Rule(), None),
        ("score", [5], Rule(quorum=10, threshold=1.0, cross_sector=True), None),
        ("impact_feasibility", [5], Rule(threshold=0), None),
        ("dots", [1, 2], Rule(), 1),
        ("dots", [1, 2, 3], Rule(threshold=0.25), 5),
        ("ranking", [1, 2], Rule(threshold=1), None),
    ],
)
def test_validate_rule_accepts(method, items, rule, budget):
    assert validate_rule(method, items, rule, budget) is None


@pytest.mark.parametrize(
    ("method", "items", "rule", "budget"),
    [
        ("plurality", [1], Rule(), None),
        (None, [1], Rule(), None),
        ("approve", [], Rule(), None),
        ("approve", [1, 2], Rule(), None),
        ("score", [1, 2, 3], Rule(), None),
        ("impact_feasibility", [], Rule(), None),
        ("dots", [1], Rule(), 5),
        ("ranking", [1], Rule(), None),
        ("ranking", [], Rule(), None),
        ("ranking", [1, 1], Rule(), None),
        ("dots", [2, 3, 2], Rule(), 5),
        ("ranking", [1, "2"], Rule(), None),
        ("ranking", [1, True], Rule(), None),
        ("approve", None, Rule(), None),
        ("approve", [1], Rule(quorum=-1), None),
        ("approve", [1], Rule(quorum=1.5), None),  # type: ignore[arg-type]
        ("approve", [1], Rule(threshold=-0.01), None),
        ("approve", [1], Rule(threshold=1.01), None),
        ("approve", [1], Rule(threshold=float("nan")), None),
        ("approve", [1], Rule(threshold="0.5"), None),  # type: ignore[arg-type]
        ("approve", [1], None, None),
        ("dots", [1, 2], Rule(), 0),
        ("dots", [1, 2], Rule(), -1),
        ("dots", [1, 2], Rule(), None),
        ("dots", [1, 2], Rule(), 2.5),
    ],
)
def test_validate_rule_refuses(method, items, rule, budget):
    with pytest.raises(InvalidVote) as caught:
        validate_rule(method, items, rule, budget)
    assert caught.value.code == "invalid_round"
    assert caught.value.message


# ---------------------------------------------------------------------------
# Property-based tests
# ---------------------------------------------------------------------------

item_lists = {
    "single": st.lists(st.integers(1, 10**6), min_size=1, max_size=1),
    "multi": st.lists(st.integers(1, 10**6), min_size=2, max_size=6, unique=True),
}


def raw_value(method, items, budget):
    """Strategy for raw (pre-normalisation) valid votes, in varied spellings."""
    if method == "approve":
        return st.sampled_from(["approve", "neutral", "reject"])
    if method == "score":
        return st.integers(1, 5)
    if method == "impact_feasibility":
        return st.fixed_dictionaries({"impact": st.integers(1, 5), "feasibility": st.integers(1, 5)})
    if method == "dots":
        picks = st.lists(st.sampled_from(items), min_size=1, max_size=budget)
        return picks.flatmap(
            lambda chosen: st.tuples(*[st.tuples(spelled(i), st.just(n)) for i, n in Counter(chosen).items()]).map(dict)
        )
    return st.permutations(items).flatmap(
        lambda order: st.integers(1, len(order)).flatmap(
            lambda size: st.tuples(*[spelled(i) for i in order[:size]]).map(list)
        )
    )


def spelled(item):
    """An item id written as an int or as a string."""
    return st.sampled_from([item, str(item)])


@st.composite
def rounds(draw, methods=METHODS):
    """(method, item_ids, budget, ballots) with normalised ballot values."""
    method = draw(st.sampled_from(methods))
    items = draw(item_lists["single" if method in SINGLE_ITEM_METHODS else "multi"])
    budget = draw(st.integers(1, 12))
    values = draw(st.lists(raw_value(method, items, budget), max_size=30))
    sectors = draw(st.lists(st.sampled_from(SECTORS), min_size=len(values), max_size=len(values)))
    ballot_list = [Ballot(s, normalise_value(method, v, items, budget)) for s, v in zip(sectors, values)]
    return method, items, budget, ballot_list


ADDITIVE = {
    "approve": ("counts",),
    "score": ("counts",),
    "impact_feasibility": (),
    "dots": ("dots", "voters"),
    "ranking": ("borda",),
}


@FAST
@given(rounds())
def test_by_sector_adds_up(case):
    method, items, _budget, ballot_list = case
    figures = tally(method, ballot_list, items)
    sectors = figures["by_sector"]
    assert list(sectors) == list(SECTORS)
    assert figures["total"] == len(ballot_list)
    assert sum(sectors[s]["total"] for s in SECTORS) == figures["total"]
    for s in SECTORS:
        assert sectors[s]["total"] == sum(1 for b in ballot_list if b.sector == s)
        assert "by_sector" not in sectors[s]
        assert set(sectors[s]) == set(figures) - {"by_sector"}
    for key in ADDITIVE[method]:
        for sub in figures[key]:
            assert figures[key][sub] == sum(sectors[s][key][sub] for s in SECTORS)
    # supporting ballots add up too (support * total is a count)
    for item in items:
        overall = support(method, figures, item)
        parts = [
            support(method, sectors[s], item) * sectors[s]["total"] for s in SECTORS if sectors[s]["total"]
        ]
        if figures["total"] == 0:
            assert overall is None
        else:
            assert 0.0 <= overall <= 1.0
            assert overall * figures["total"] == pytest.approx(sum(parts))
    assert json.loads(json.dumps(figures)) == figures


@FAST
@given(rounds(), st.randoms(use_true_random=False))
def test_tally_ignores_ballot_order(case, rng):
    method, items, _budget, ballot_list = case
    shuffled = list(ballot_list)
    rng.shuffle(shuffled)
    assert tally(method, shuffled, items) == tally(method, ballot_list, items)


rules = st.builds(
    Rule,
    quorum=st.integers(0, 20),
    threshold=st.one_of(st.floats(0, 1), st.sampled_from([0.0, 0.25, 0.5, 1 / 3, 2 / 3, 0.75, 1.0])),
    cross_sector=st.booleans(),
)


@FAST
@given(rounds(), rules)
def test_decide_invariants(case, rule):
    method, items, budget, ballot_list = case
    validate_rule(method, items, rule, budget)
    figures = tally(method, ballot_list, items)
    outcome = decide(method, figures, rule, items)
    keys = [str(i) for i in items]
    assert list(outcome.items) == keys
    assert outcome.result in ("agreed", "rejected", "no_quorum")
    assert set(outcome.items.values()) <= {"agreed", "rejected", "no_quorum"}
    if figures["total"] < rule.quorum:
        assert outcome.result == "no_quorum"
        assert set(outcome.items.values()) == {"no_quorum"}
    else:
        assert outcome.result != "no_quorum"
        assert "no_quorum" not in outcome.items.values()
    if figures["total"] == 0:
        assert outcome.result != "agreed"
    for item in items:
        if outcome.items[str(item)] != "agreed":
            continue
        assert figures["total"] >= rule.quorum
        assert support(method, figures, item) >= rule.threshold - EPS
        if rule.cross_sector:
            for s in SECTORS:
                if figures["by_sector"][s]["total"] > 0:
                    assert support(method, figures["by_sector"][s], item) >= rule.threshold - EPS
    agreed_any = "agreed" in outcome.items.values()
    assert (outcome.result == "agreed") == agreed_any
    if method in SINGLE_ITEM_METHODS:
        assert outcome.result == outcome.items[keys[0]]
    for lang in ("es", "en"):
        sentence = outcome.explanation(lang)
        assert sentence.endswith(".") and "{" not in sentence
        assert not sentence.startswith(("Resultado:", "Result:"))


@FAST
@given(rounds(methods=SINGLE_ITEM_METHODS), st.floats(0, 1))
def test_threshold_monotonic_for_single_items(case, threshold):
    method, items, _budget, ballot_list = case
    figures = tally(method, ballot_list, items)
    share = support(method, figures, items[0])
    outcome = decide(method, figures, Rule(threshold=threshold), items)
    if share is not None and share >= threshold:
        assert outcome.result == "agreed"
    if share is not None and share < threshold - EPS:
        assert outcome.result == "rejected"


json_like = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([10**30, -(10**30), 10**4000])
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8)
    | st.sampled_from(["approve", "neutral", "reject", "1", "2", "3", "9" * 5000]),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(max_size=8) | st.sampled_from(["impact", "feasibility", "1", "2", "3"])
                      | st.integers(-3, 5), children, max_size=5),
    max_leaves=20,
)


@FAST
@given(st.sampled_from(METHODS), json_like, st.integers(-2, 12))
def test_normalise_value_only_raises_invalid_vote(method, value, budget):
    items = SINGLE if method in SINGLE_ITEM_METHODS else MULTI
    try:
        result = normalise_value(method, value, items, budget)
    except InvalidVote as error:
        assert error.code in ("invalid_value", "invalid_round")
        assert isinstance(error.message, str) and error.message
        return
    # whatever is accepted is stable and can be tallied and serialised
    assert normalise_value(method, result, items, budget) == result
    figures = tally(method, [Ballot("public", result)], items)
    assert figures["total"] == 1
    assert json.loads(json.dumps(result)) == result


@FAST
@given(rounds())
def test_normalise_is_idempotent_on_valid_votes(case):
    method, items, budget, ballot_list = case
    for ballot in ballot_list:
        assert normalise_value(method, ballot.value, items, budget) == ballot.value


def test_random_big_round_is_consistent():
    rng = random.Random(7)
    items = list(range(1, 9))
    ballot_list = []
    for _ in range(500):
        order = rng.sample(items, rng.randint(1, len(items)))
        ballot_list.append(Ballot(rng.choice(SECTORS), normalise_value("ranking", order, items)))
    figures = tally("ranking", ballot_list, items)
    lengths = Counter(len(b.value) for b in ballot_list)
    expected_points = sum(count * sum(len(items) - 1 - p for p in range(n)) for n, count in lengths.items())
    assert sum(figures["borda"].values()) == expected_points
    assert math.isclose(sum(figures["support"].values()), sum(min(len(b.value), 4) for b in ballot_list) / 500)


def test_explanation_reads_the_app_catalogue_or_the_one_given():
    """The sentences come from the gettext catalogue; a caller may pass its own translations."""
    import gettext

    from workshop.voting.rules import translations

    outcome = Outcome("rejected", "no_votes", {"total": 0, "quorum": 0}, {})
    assert translations("es").gettext("No votes were cast: the threshold is not reached.") == \
        outcome.explanation("es") == "No se emitió ningún voto: no se alcanza el umbral."
    assert outcome.explanation("es", translations=gettext.NullTranslations()) == \
        "No votes were cast: the threshold is not reached."
    one = Outcome("no_quorum", "no_quorum", {"total": 1, "quorum": 1500}, {})
    assert one.explanation("es") == "Sin quórum: hubo 1 voto y el quórum es de 1.500."
    assert one.explanation("en") == "No quorum: 1 vote cast, quorum 1,500."
