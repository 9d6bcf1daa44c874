"""The benefit arithmetic of change, progress, planned value and status. Pure: no app, no database.
Every expectation is worked out by hand."""

from datetime import date
from decimal import Decimal as D

import pytest

from tests.benefits.calc_plans import APR_11, FEB_20, JAN_1, plan, read
from tracker.benefits.calc import (
    Plan,
    Point,
    YearMoney,
    annual_sek,
    change,
    effective,
    latest,
    money_by_year,
    planned_change,
    planned_value,
    progress,
    realised_change,
    status,
    target_change,
)
from tracker.benefits.rules import BenefitType, Direction, Status

NKI = plan(60, 80)  # higher is better: target change +20
DAYS = plan(40, 20, Direction.LOWER)  # lower is better: target change +20
# A dis-benefit: waiting minutes (lower is better) are expected to rise from 10 to 15.
WAIT = plan(10, 15, Direction.LOWER, dis_benefit=True)  # target change -5
FLAT = plan(50, 50)  # hold the level: target change 0


# Direction, dis-benefit and the change


@pytest.mark.parametrize(
    ("the_plan", "value", "expected"),
    [
        (NKI, "70", D(10)),
        (NKI, "55", D(-5)),
        (NKI, "60", D(0)),
        (DAYS, "30", D(10)),
        (DAYS, "45", D(-5)),
        (WAIT, "12", D(-2)),  # worse than the baseline, as the dis-benefit feared
        (WAIT, "9", D(1)),
        (FLAT, "50.5", D("0.5")),
    ],
    ids=[
        "higher-up",
        "higher-down",
        "higher-level",
        "lower-down",
        "lower-up",
        "dis-worse",
        "dis-better",
        "flat",
    ],
)
def test_change_is_positive_when_good_whichever_the_direction(the_plan, value, expected):
    result = change(the_plan, D(value))
    assert result == expected
    assert type(result) is D


def test_a_change_of_nothing_is_zero_not_minus_zero():
    assert str(change(DAYS, D(40))) == "0"


@pytest.mark.parametrize(
    ("the_plan", "expected"),
    [(NKI, D(20)), (DAYS, D(20)), (WAIT, D(-5)), (FLAT, D(0))],
    ids=["higher", "lower", "dis-benefit", "flat"],
)
def test_target_change_is_signed_good_terms_and_negative_for_a_dis_benefit(the_plan, expected):
    assert target_change(the_plan) == expected


@pytest.mark.parametrize(
    ("the_plan", "readings", "expected"),
    [
        (NKI, [read("70")], D(50)),
        (NKI, [read("85")], D(125)),
        (NKI, [read("55")], D(-25)),
        (DAYS, [read("30")], D(50)),
        (DAYS, [read("20")], D(100)),
        (WAIT, [read("12")], D(40)),  # -2 of a feared -5
        (NKI, [], None),
        (FLAT, [read("50")], None),  # no target change: "–", and nothing divides by zero
        (FLAT, [read("40")], None),
    ],
)
def test_progress_is_realised_over_target_change_in_percent(the_plan, readings, expected):
    assert progress(the_plan, readings) == expected


# The planned curve and interim targets

# 0 on 1 Jan, 50 on 11 Jan (day 10), 80 on 12 Mar (day 70), 100 on 11 Apr (day 100);
# the interim targets are given out of order on purpose.
SHAPED = Plan(
    Point(JAN_1, D(0)),
    Point(APR_11, D(100)),
    Direction.HIGHER,
    interim=(Point(date(2025, 3, 12), D(80)), Point(date(2025, 1, 11), D(50))),
)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2024, 12, 1), D(0)),  # before the baseline: the baseline
        (JAN_1, D(0)),
        (date(2025, 1, 6), D(25)),  # 5 of 10 days from 0 to 50
        (date(2025, 1, 11), D(50)),
        (date(2025, 2, 10), D(65)),  # 30 of 60 days from 50 to 80
        (date(2025, 3, 12), D(80)),
        (date(2025, 3, 27), D(90)),  # 15 of 30 days from 80 to 100
        (APR_11, D(100)),
        (date(2026, 1, 1), D(100)),  # after the target: the target
    ],
)
def test_planned_value_runs_straight_between_interim_targets(on, expected):
    assert planned_value(SHAPED, on) == expected


@pytest.mark.parametrize(
    ("the_plan", "on", "expected"),
    [
        (NKI, date(2025, 1, 21), D(64)),  # day 20 of 100 from 60 to 80
        (NKI, FEB_20, D(70)),
        (DAYS, FEB_20, D(30)),
        (WAIT, date(2025, 4, 10), D("14.95")),  # day 99: 10 + 5 * 0.99
        (FLAT, FEB_20, D(50)),
    ],
)
def test_planned_value_without_interim_targets_is_the_straight_line(the_plan, on, expected):
    assert planned_value(the_plan, on) == expected


def test_interim_targets_on_or_outside_the_plan_dates_are_ignored():
    outside = plan(
        0,
        100,
        interim=(
            Point(date(2024, 6, 1), D(999)),
            Point(JAN_1, D(999)),
            Point(APR_11, D(999)),
            Point(date(2026, 1, 1), D(999)),
        ),
    )
    assert planned_value(outside, date(2025, 1, 21)) == D(20)
    assert planned_value(outside, APR_11) == D(100)


def test_planned_value_keeps_decimal_precision():
    thirds = Plan(Point(JAN_1, D(0)), Point(date(2025, 1, 4), D(1)), Direction.HIGHER)
    assert planned_value(thirds, date(2025, 1, 2)) == D("0.3333333333333333333333333333")


@pytest.mark.parametrize(
    ("the_plan", "on", "expected"),
    [
        (NKI, FEB_20, D(10)),
        (DAYS, FEB_20, D(10)),
        (WAIT, date(2025, 4, 10), D("-4.95")),
        (plan(60, 80, attribution=D(50)), FEB_20, D(5)),
    ],
)
def test_planned_change_is_the_change_of_the_planned_value(the_plan, on, expected):
    assert planned_change(the_plan, on) == expected


# Attribution

HALF = plan(60, 80, attribution=D(50), type=BenefitType.FINANCIAL, sek_per_unit=D(1000))
WHOLE = plan(60, 80, type=BenefitType.FINANCIAL, sek_per_unit=D(1000))


@pytest.mark.parametrize(
    ("the_plan", "realised", "target", "sek"),
    [(WHOLE, D(10), D(20), D(10000)), (HALF, D(5), D(10), D(5000))],
    ids=["100 %", "50 %"],
)
def test_attribution_scales_the_change_and_the_money_but_not_progress(
    the_plan, realised, target, sek
):
    readings = [read("70")]
    assert realised_change(the_plan, readings) == realised
    assert target_change(the_plan) == target
    assert annual_sek(the_plan, realised) == sek
    assert progress(the_plan, readings) == D(50)


# Corrections

R1 = read("65", date(2025, 1, 10), id=1)
R2 = read("70", date(2025, 2, 10), id=2)


@pytest.mark.parametrize(
    ("readings", "expected_ids", "latest_value"),
    [
        ([R1, R2], [1, 2], D(70)),
        # a correction replaces what it corrects
        ([R1, R2, read("72", date(2025, 2, 11), id=3, corrects_id=2)], [1, 3], D(72)),
        # a correction of a correction
        (
            [
                R1,
                read("99", date(2025, 1, 20), id=2, corrects_id=1),
                read("66", date(2025, 1, 21), id=3, corrects_id=2),
            ],
            [3],
            D(66),
        ),
        # corrected twice: the newer correction wins
        (
            [
                R1,
                read("66", date(2025, 1, 11), id=2, corrects_id=1),
                read("67", date(2025, 1, 12), id=3, corrects_id=1),
            ],
            [3],
            D(67),
        ),
        # a branch of corrections: still one reading, the newest
        (
            [
                R1,
                read("66", id=2, corrects_id=1),
                read("67", id=3, corrects_id=2),
                read("68", id=4, corrects_id=1),
            ],
            [4],
            D(68),
        ),
        # the correction's date counts: 12 Jan, still after R1
        ([R1, R2, read("61", date(2025, 1, 12), id=3, corrects_id=2)], [1, 3], D(61)),
        # the correction's date counts: dated before R1, R1 becomes the latest
        ([R1, R2, read("61", date(2025, 1, 5), id=3, corrects_id=2)], [3, 1], D(65)),
        # the same date: ordered by id; given out of order
        ([read("2", id=7), read("1", id=5)], [5, 7], D(2)),
    ],
    ids=["plain", "replace", "chain", "twice", "branch", "later-date", "earlier-date", "tie"],
)
def test_effective_readings_let_corrections_replace_what_they_correct(
    readings, expected_ids, latest_value
):
    before = list(readings)
    assert [r.id for r in effective(readings)] == expected_ids
    assert latest(readings).value == latest_value
    assert readings == before  # both the correction and the corrected stay in the input


def test_realised_change_uses_the_correction():
    readings = [R1, R2, read("72", date(2025, 2, 11), id=3, corrects_id=2)]
    assert realised_change(NKI, readings) == D(12)


@pytest.mark.parametrize(
    "readings",
    [
        [R1, read("1", id=2, corrects_id=9)],  # corrects an unknown reading
        [read("1", id=1, corrects_id=1)],  # corrects itself
        [read("1", id=1, corrects_id=2), read("2", id=2, corrects_id=1)],  # a loop
        [R1, read("1", id=1)],  # the same id twice
    ],
    ids=["unknown", "itself", "loop", "repeated-id"],
)
def test_impossible_corrections_are_a_value_error(readings):
    with pytest.raises(ValueError):
        effective(readings)


# Missing measurements


def test_nothing_measured_gives_no_change_no_progress_and_no_realised_money():
    money_plan = plan(60, 80, type=BenefitType.FINANCIAL, sek_per_unit=D(1000))
    assert effective([]) == []
    assert latest([]) is None
    assert realised_change(NKI, []) is None
    assert progress(NKI, []) is None
    assert status(NKI, [], today=FEB_20) is Status.NOT_MEASURED
    assert status(NKI, [], today=date(2026, 1, 1)) is Status.NOT_MEASURED
    assert money_by_year(money_plan, [], [2025]) == {
        2025: YearMoney(planned=D(20000), realised=D(0), cash=True)
    }


# Tracking status

# NKI on 20 Feb (day 50): planned 70, a planned change of 10, so on track from a change of 9.
BEFORE_END = date(2025, 2, 21)
AFTER_END = date(2025, 5, 1)


@pytest.mark.parametrize(
    ("the_plan", "readings", "today", "expected"),
    [
        (NKI, [], BEFORE_END, Status.NOT_MEASURED),
        (NKI, [read("80")], BEFORE_END, Status.ACHIEVED),
        (NKI, [read("85")], BEFORE_END, Status.ACHIEVED),
        (NKI, [read("80")], AFTER_END, Status.ACHIEVED),  # achieved stays achieved
        (NKI, [read("70")], BEFORE_END, Status.ON_TRACK),
        (NKI, [read("69")], BEFORE_END, Status.ON_TRACK),  # exactly 90 %
        (NKI, [read("68.99")], BEFORE_END, Status.AT_RISK),  # just under 90 %
        (NKI, [read("55")], BEFORE_END, Status.AT_RISK),
        (NKI, [read("79", AFTER_END)], AFTER_END, Status.MISSED),
        (NKI, [read("79", APR_11)], APR_11, Status.ON_TRACK),  # the target day is not passed
        # compared with the plan on the reading's date (day 20: planned change 4, 90 % = 3.6),
        # not on today's (day 59: planned change 11.8)
        (NKI, [read("63.6", date(2025, 1, 21))], date(2025, 3, 1), Status.ON_TRACK),
        (NKI, [read("63.59", date(2025, 1, 21))], date(2025, 3, 1), Status.AT_RISK),
        # lower is better: on 20 Feb planned 30 (change 10); 31 is a change of 9
        (DAYS, [read("31")], BEFORE_END, Status.ON_TRACK),
        (DAYS, [read("31.01")], BEFORE_END, Status.AT_RISK),
        (DAYS, [read("20")], BEFORE_END, Status.ACHIEVED),
        # 50 % attribution: a change of 4.5 against a planned 5
        (plan(60, 80, attribution=D(50)), [read("69")], BEFORE_END, Status.ON_TRACK),
        (plan(60, 80, attribution=D(50)), [read("68.9")], BEFORE_END, Status.AT_RISK),
    ],
)
def test_status_follows_the_plan(the_plan, readings, today, expected):
    assert status(the_plan, readings, today) is expected


# WAIT on 10 Apr (day 99): planned 14.95, a change of -4.95, so on track down to -4.95 / 0.9
# = -5.5; after the target date, achieved is anything no worse than the target change of -5.
@pytest.mark.parametrize(
    ("value", "today", "expected"),
    [
        ("14", date(2025, 4, 10), Status.ON_TRACK),  # -4: better than feared, not over yet
        ("15", date(2025, 4, 10), Status.ON_TRACK),  # -5: as feared
        ("15.5", date(2025, 4, 10), Status.ON_TRACK),  # -5.5: exactly 1 / 0.9 as bad
        ("15.51", date(2025, 4, 10), Status.AT_RISK),
        ("14", AFTER_END, Status.ACHIEVED),  # over, and no worse than feared
        ("15", AFTER_END, Status.ACHIEVED),
        ("15.01", AFTER_END, Status.MISSED),
    ],
)
def test_a_dis_benefit_is_on_track_down_to_planned_over_tolerance(value, today, expected):
    assert status(WAIT, [read(value, date(2025, 4, 10))], today) is expected


@pytest.mark.parametrize(
    ("value", "today", "expected"),
    [
        ("50", BEFORE_END, Status.ACHIEVED),
        ("51", BEFORE_END, Status.ACHIEVED),
        ("49", BEFORE_END, Status.AT_RISK),
        ("49", AFTER_END, Status.MISSED),
    ],
)
def test_a_target_equal_to_the_baseline_is_achieved_while_the_level_holds(value, today, expected):
    readings = [read(value)]
    assert status(FLAT, readings, today) is expected
    assert progress(FLAT, readings) is None


@pytest.mark.parametrize(
    ("tolerance", "expected"),
    [(D("0.8"), Status.ON_TRACK), (D(1), Status.AT_RISK)],
)
def test_the_tolerance_is_a_setting(tolerance, expected):
    # a change of 8 against a planned 10
    assert status(NKI, [read("68")], BEFORE_END, tolerance) is expected


@pytest.mark.parametrize("tolerance", [D(0), D("-0.9"), D("1.1")])
def test_a_tolerance_outside_zero_to_one_is_a_value_error(tolerance):
    with pytest.raises(ValueError):
        status(NKI, [read("70")], BEFORE_END, tolerance)
