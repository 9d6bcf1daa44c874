"""The priority score: a weighted mean on 0-100, with inverted criteria counted reversed."""

from decimal import Decimal

import pytest

from tracker.ideas.scoring import WeightedScore, priority


def _scores(*triples) -> list[WeightedScore]:
    return [WeightedScore(value, Decimal(str(weight)), inv) for value, weight, inv in triples]


@pytest.mark.parametrize("weights", [(1, 1, 1), (2, 1, 1), (0.5, 3, 7)])
def test_all_ones_give_zero_and_all_fives_give_a_hundred(weights):
    assert priority(_scores(*((1, w, False) for w in weights))) == 0.0
    assert priority(_scores(*((5, w, False) for w in weights))) == 100.0


def test_a_three_is_the_middle_of_the_scale():
    assert priority(_scores((3, 1, False), (3, 2, False))) == 50.0


@pytest.mark.parametrize(("value", "expected"), [(1, 100.0), (2, 75.0), (3, 50.0), (5, 0.0)])
def test_an_inverted_criterion_counts_reversed(value, expected):
    assert priority(_scores((value, 1, True))) == expected


def test_more_effort_lowers_the_priority():
    low_effort = priority(_scores((4, 2, False), (4, 1, False), (1, 1, True)))
    high_effort = priority(_scores((4, 2, False), (4, 1, False), (5, 1, True)))
    assert low_effort > high_effort


@pytest.mark.parametrize(
    "scores",
    [[], _scores((4, 0, False), (2, 0, True)), _scores((4, -1, False))],
    ids=["no-criteria", "zero-weights", "negative-weight"],
)
def test_nothing_to_weigh_gives_no_priority(scores):
    assert priority(scores) is None


def test_a_criterion_with_zero_weight_does_not_count():
    assert priority(_scores((5, 1, False), (1, 0, False))) == 100.0


def test_the_weighted_mean_by_hand():
    # Benefit 5 (weight 2): share 1. Feasibility 2 (weight 1): share 1/4.
    # Effort 4 (weight 1, inverted): share 3/4 reversed = 1/4.
    # (2 * 1 + 1 * 1/4 + 1 * 1/4) / (2 + 1 + 1) = 2.5 / 4 = 62.5 %
    assert priority(_scores((5, 2, False), (2, 1, False), (4, 1, True))) == 62.5


def test_the_priority_is_rounded_to_one_decimal():
    # (1 * 1/4 + 2 * 2/4) / 3 = 1.25 / 3 = 41.666... %
    assert priority(_scores((2, 1, False), (3, 2, False))) == 41.7


def test_fractional_weights_are_exact():
    # (0.5 * 1 + 1.5 * 0) / 2 = 25 %
    assert priority(_scores((5, "0.5", False), (1, "1.5", False))) == 25.0
