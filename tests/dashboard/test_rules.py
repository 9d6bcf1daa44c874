"""The dashboard's arithmetic, without app or database."""

from datetime import datetime

import pytest

from tracker.dashboard import rules
from tracker.dashboard.rules import ENTERED, LEFT, REACHED, STAY, Change
from tracker.ideas.stages import Stage


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + " 10:00")


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2026-01-01", 20261), ("2026-03-31", 20261), ("2026-04-01", 20262), ("2026-12-31", 20264)],
)
def test_quarter(day, expected):
    assert rules.quarter(at(day)) == expected


def test_quarters_cross_the_year():
    assert rules.quarters(20253, 20262) == [20253, 20254, 20261, 20262]
    assert rules.quarters(20262, 20261) == []


@pytest.mark.parametrize(
    ("days", "kept"),
    [(0, 0), (5, 5), (31, 31), (32, 35), (35, 35), (36, 42), (182, 182), (183, 210), (731, 1095)],
)
def test_bucket(days, kept):
    assert rules.bucket(days) == kept


def test_idea_flow_of_a_whole_history():
    history = [
        Change(Stage.SUBMITTED, at("2025-11-20")),
        Change(Stage.SCREENING, at("2025-11-30")),  # 10 days submitted
        Change(Stage.PRIORITISED, at("2026-01-04")),  # 35 days screening, exit in 2026 Q1
        Change(Stage.ROLLOUT, at("2026-01-10")),  # a jump past the pilot, 6 days prioritised
    ]
    flow = rules.idea_flow(history)
    assert flow[(ENTERED, "submitted", 20254, 0)] == 1
    assert flow[(ENTERED, "rollout", 20261, 0)] == 1
    assert flow[(LEFT, "screening", 20261, 0)] == 1
    assert flow[(STAY, "submitted", 2025, 10)] == 1
    assert flow[(STAY, "screening", 2026, 35)] == 1
    assert flow[(STAY, "prioritised", 2026, 6)] == 1
    # Reached: every board stage up to rollout, the skipped pilot included, in the year submitted.
    reached = {k[1] for k in flow if k[0] == REACHED}
    assert reached == {"submitted", "screening", "prioritised", "pilot", "rollout"}
    assert all(k[2] == 2025 for k in flow if k[0] == REACHED)
    assert not any(k[0] == STAY and k[1] == "rollout" for k in flow)  # still there


def test_a_pivot_counts_both_stays_and_reaches_once():
    history = [
        Change(Stage.SUBMITTED, at("2026-01-01")),
        Change(Stage.SCREENING, at("2026-01-02")),
        Change(Stage.PRIORITISED, at("2026-01-03")),
        Change(Stage.PILOT, at("2026-01-05")),
        Change(Stage.PRIORITISED, at("2026-02-04")),  # pivot after 30 days
        Change(Stage.PILOT, at("2026-02-06")),
        Change(Stage.STOPPED, at("2026-02-10")),
    ]
    flow = rules.idea_flow(history)
    assert flow[(ENTERED, "pilot", 20261, 0)] == 2
    assert flow[(STAY, "pilot", 2026, 30)] == 1
    assert flow[(STAY, "pilot", 2026, 4)] == 1
    assert flow[(REACHED, "pilot", 2026, 0)] == 1
    assert flow[(REACHED, "stopped", 2026, 0)] == 1
    assert (REACHED, "rollout", 2026, 0) not in flow


def test_difference_drops_what_does_not_change():
    assert rules.difference({"a": 2, "b": 1}, {"a": 1, "b": 1, "c": 4}) == {"a": 1, "c": -4}


@pytest.mark.parametrize(
    ("histogram", "share", "expected"),
    [
        ({}, 0.5, None),
        ({3: 1}, 0.5, 3),
        ({1: 1, 2: 1, 3: 1, 10: 1}, 0.5, 2),  # nearest rank: the 2nd of 4
        ({1: 1, 2: 1, 3: 1, 10: 1}, 0.85, 10),  # ceil(3.4) = 4th
        ({5: 17, 40: 3}, 0.85, 5),  # 17 of 20 is exactly 85 %
        ({5: 16, 40: 4}, 0.85, 40),
    ],
)
def test_percentile(histogram, share, expected):
    assert rules.percentile(histogram, share) == expected


def test_in_stage_by_quarter_carries_earlier_quarters():
    entered = {("pilot", 20254): 3, ("pilot", 20261): 2}
    left = {("pilot", 20261): 4, ("pilot", 20262): 1}
    assert rules.in_stage_by_quarter(entered, left, [20261, 20262]) == {"pilot": [1, 0]}
