"""The benefit arithmetic of money: SEK per year, costs, NPV, payback, rounding and when a
measurement is next due. Pure: no app, no database. Every expectation is worked out by hand."""

from datetime import date
from decimal import Decimal as D

import pytest

from tests.benefits.calc_plans import APR_11, JAN_1, plan, read
from tracker.benefits.calc import (
    Calculation,
    CostLine,
    Plan,
    Point,
    YearMoney,
    annual_sek,
    calculate,
    costs_by_year,
    kronor,
    money_by_year,
    next_due,
)
from tracker.benefits.rules import BenefitType, Direction
from tracker.costs.rules import CostKind

# Money


@pytest.mark.parametrize(
    ("the_plan", "a_change", "expected"),
    [
        (plan(0, 20, type=BenefitType.FINANCIAL, sek_per_unit=D(1000)), D(10), D(10000)),
        (plan(0, 20, type=BenefitType.REALLOCATION, sek_per_unit=D("412.5")), D(2), D(825)),
        (plan(0, 20, type=BenefitType.REALLOCATION, sek_per_unit=D(1000)), D(-5), D(-5000)),
        (plan(0, 20, type=BenefitType.FINANCIAL), D(10), None),  # no price
        (plan(0, 20, type=BenefitType.QUALITY, sek_per_unit=D(1000)), D(10), None),
        (plan(0, 20, type=BenefitType.ENVIRONMENT, sek_per_unit=D(1000)), D(10), None),
    ],
    ids=["financial", "reallocation", "dis-benefit", "no-price", "quality", "environment"],
)
def test_annual_sek_is_change_times_price_for_monetised_types(the_plan, a_change, expected):
    assert annual_sek(the_plan, a_change) == expected


def money_plan(kind, **kwargs):
    """From 0 on 31 Dec 2025 to 20 on 31 Dec 2027 (730 days), at 1 000 SEK per unit."""
    return Plan(
        Point(date(2025, 12, 31), D(0)),
        Point(date(2027, 12, 31), D(20)),
        Direction.HIGHER,
        type=kind,
        sek_per_unit=D(1000),
        **kwargs,
    )


READINGS = [
    read("4", date(2026, 6, 30), id=1),
    read("8", date(2026, 12, 31), id=2),  # the last day of the year still counts for it
    read("15", date(2027, 3, 1), id=3),
    read("25", date(2028, 1, 1), id=4),
]
YEARS = range(2024, 2029)


@pytest.mark.parametrize(
    ("kind", "cash"), [(BenefitType.FINANCIAL, True), (BenefitType.REALLOCATION, False)]
)
def test_money_by_year_is_the_level_reached_by_the_end_of_each_year(kind, cash):
    # planned on 31 Dec: 2024 before the baseline year, 2025 at the baseline (0), 2026 halfway
    # (365 of 730 days: 10 units), 2027 and after at the target (20 units)
    assert money_by_year(money_plan(kind), READINGS, YEARS) == {
        2024: YearMoney(D(0), D(0), cash),
        2025: YearMoney(D(0), D(0), cash),
        2026: YearMoney(D(10000), D(8000), cash),
        2027: YearMoney(D(20000), D(15000), cash),
        2028: YearMoney(D(20000), D(25000), cash),
    }


def test_money_by_year_halves_with_half_attribution():
    half = money_plan(BenefitType.FINANCIAL, attribution=D(50))
    assert money_by_year(half, READINGS, [2026, 2027]) == {
        2026: YearMoney(D(5000), D(4000), True),
        2027: YearMoney(D(10000), D("7500"), True),
    }


def test_a_correction_dated_in_the_next_year_moves_its_value_there():
    corrected = [*READINGS, read("9", date(2027, 1, 15), id=5, corrects_id=2)]
    money = money_by_year(money_plan(BenefitType.FINANCIAL), corrected, [2026])
    assert money[2026].realised == D(4000)  # reading 1 is all that is left in 2026


@pytest.mark.parametrize(
    "the_plan",
    [
        money_plan(BenefitType.QUALITY),
        money_plan(BenefitType.ENVIRONMENT),
        Plan(Point(JAN_1, D(0)), Point(APR_11, D(1)), Direction.HIGHER, BenefitType.FINANCIAL),
    ],
    ids=["quality", "environment", "financial-without-price"],
)
def test_a_benefit_without_sek_has_no_money(the_plan):
    assert money_by_year(the_plan, READINGS, YEARS) == {}


# Costs


def cost(kind, year_from, year_to, planned, actual=None):
    return CostLine(kind, year_from, year_to, D(planned), None if actual is None else D(actual))


ONE_OFF, RUNNING = CostKind.ONE_OFF, CostKind.RUNNING
Z = (D(0), D(0))


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([], [Z, Z, Z, Z, Z]),
        ([cost(ONE_OFF, 2026, None, 100, 120)], [Z, (D(100), D(120)), Z, Z, Z]),
        ([cost(ONE_OFF, 2026, 2028, 100)], [Z, (D(100), D(100)), Z, Z, Z]),  # year_to unused
        ([cost(ONE_OFF, 2031, None, 100)], [Z, Z, Z, Z, Z]),  # beyond the horizon
        (
            [cost(RUNNING, 2025, 2027, 10)],  # actual unknown: the planned amount
            [(D(10), D(10)), (D(10), D(10)), (D(10), D(10)), Z, Z],
        ),
        (
            [cost(RUNNING, 2027, None, 5, 6)],  # open-ended: through the horizon
            [Z, Z, (D(5), D(6)), (D(5), D(6)), (D(5), D(6))],
        ),
        ([cost(RUNNING, 2020, 2026, 7, 0)], [(D(7), D(0)), (D(7), D(0)), Z, Z, Z]),
        (
            [
                cost(ONE_OFF, 2025, None, 100, 120),
                cost(RUNNING, 2025, 2027, 10),
                cost(RUNNING, 2027, None, 5, 6),
            ],
            [(D(110), D(130)), (D(10), D(10)), (D(15), D(16)), (D(5), D(6)), (D(5), D(6))],
        ),
    ],
    ids=[
        "none",
        "one-off",
        "one-off-ignores-to",
        "one-off-later",
        "running",
        "open-ended",
        "running-from-before",
        "together",
    ],
)
def test_costs_by_year(lines, expected):
    years = range(2025, 2030)
    assert costs_by_year(lines, years) == dict(zip(years, expected, strict=True))


# The benefit calculation (nyttokalkyl)

# One financial benefit worth 40 000 SEK a year from 2025 as planned, 30 000 as realised; a
# one-off cost of 100 000 planned and 120 000 actual in 2025; rate 3 %.
#
# year  t  planned net  cum.      realised net  cum.      discount 1/1.03^t
# 2025  0     -60 000   -60 000      -90 000    -90 000   1
# 2026  1      40 000   -20 000       30 000    -60 000   0.970873786407767
# 2027  2      40 000    20 000       30 000    -30 000   0.942595909133754
# 2028  3      40 000    60 000       30 000          0   0.915141659353160
# 2029  4      40 000   100 000       30 000     30 000   0.888487047915689
#
# The four discount factors of t = 1..4 add up to 3.717098402810370, so:
# planned NPV = -60 000 + 40 000 * 3.71709840281 = 88 683.936 -> 88 684 kr, payback 2027;
# NPV         = -90 000 + 30 000 * 3.71709840281 = 21 512.952 -> 21 513 kr, payback 2028
# (a cumulative net of exactly 0 has paid back).
FLOW = Plan(
    Point(date(2024, 1, 1), D(0)),
    Point(date(2024, 12, 31), D(40)),
    Direction.HIGHER,
    type=BenefitType.FINANCIAL,
    sek_per_unit=D(1000),
)
FLOW_READINGS = [read("30", date(2024, 12, 31))]
FLOW_COST = [cost(ONE_OFF, 2025, None, 100_000, 120_000)]


def test_calculation_rows_follow_the_hand_table():
    calc = calculate([(FLOW, FLOW_READINGS)], FLOW_COST, 2025)
    assert isinstance(calc, Calculation)
    table = [
        (r.year, r.planned_net, r.planned_cumulative_net, r.net, r.cumulative_net)
        for r in calc.rows
    ]
    assert table == [
        (2025, D(-60000), D(-60000), D(-90000), D(-90000)),
        (2026, D(40000), D(-20000), D(30000), D(-60000)),
        (2027, D(40000), D(20000), D(30000), D(-30000)),
        (2028, D(40000), D(60000), D(30000), D(0)),
        (2029, D(40000), D(100000), D(30000), D(30000)),
    ]
    first = calc.rows[0]
    assert (first.planned_benefit, first.realised_benefit, first.cash, first.non_cash) == (
        D(40000),
        D(30000),
        D(30000),
        D(0),
    )
    assert (first.planned_cost, first.actual_cost) == (D(100000), D(120000))


def test_npv_and_payback_follow_the_hand_table():
    calc = calculate([(FLOW, FLOW_READINGS)], FLOW_COST, 2025, rate=D("0.03"))
    assert kronor(calc.planned_npv) == D(88684)
    assert kronor(calc.npv) == D(21513)
    assert calc.planned_npv.quantize(D("0.001")) == D("88683.936")
    assert calc.npv.quantize(D("0.001")) == D("21512.952")
    assert (calc.planned_payback_year, calc.payback_year) == (2027, 2028)


@pytest.mark.parametrize(
    ("costs", "horizon", "rate", "npv", "payback"),
    [
        # no costs: nothing to pay back; 30 000 * (1 + 0.97087378640...) = 59 126.2136
        ([], 2, D("0.03"), D("59126.214"), None),
        # 500 000 is never paid back in five years of 30 000
        ([cost(ONE_OFF, 2025, None, 500_000)], 5, D(0), D(-350000), None),
        # a cost starting in 2026 after a good 2025: net 30, -70, 30 (thousands); cumulative
        # 30, -40, -10, so the benefits before the cost do not count as payback
        ([cost(ONE_OFF, 2026, None, 100_000)], 3, D(0), D(-10000), None),
        # the same over four years: cumulative 30, -40, -10, 20, paid back in 2028
        ([cost(ONE_OFF, 2026, None, 100_000)], 4, D(0), D(20000), 2028),
        # running 10 000 a year from 2025: net 20 000 a year, paid back at once
        ([cost(RUNNING, 2025, None, 10_000)], 3, D(0), D(60000), 2025),
    ],
    ids=["no-costs", "never", "late-cost-short", "late-cost", "running"],
)
def test_payback_year_and_npv_cases(costs, horizon, rate, npv, payback):
    calc = calculate([(FLOW, FLOW_READINGS)], costs, 2025, horizon=horizon, rate=rate)
    assert len(calc.rows) == horizon
    assert calc.npv.quantize(D("0.001")) == npv
    assert calc.payback_year == payback


def test_calculation_splits_cash_from_non_cash_and_leaves_quality_out():
    def flat_plan(kind, units):
        return Plan(
            Point(date(2024, 1, 1), D(0)),
            Point(date(2024, 12, 31), D(units)),
            Direction.HIGHER,
            type=kind,
            sek_per_unit=D(1000),
        )

    readings = [read("1", date(2024, 12, 31))]  # one unit each: 1 000 SEK a year
    dis = Plan(
        Point(date(2024, 1, 1), D(0)),
        Point(date(2024, 12, 31), D(2)),
        Direction.LOWER,
        type=BenefitType.REALLOCATION,
        sek_per_unit=D(500),
        dis_benefit=True,
    )
    calc = calculate(
        [
            (flat_plan(BenefitType.FINANCIAL, 3), [read("3", date(2024, 12, 31))]),
            (flat_plan(BenefitType.REALLOCATION, 2), readings),
            (flat_plan(BenefitType.QUALITY, 9), readings),
            (dis, readings),  # one unit worse at 500 SEK: -500 non-cash, -1 000 planned
        ],
        [],
        2025,
        horizon=1,
    )
    (row,) = calc.rows
    assert (row.cash, row.non_cash, row.realised_benefit) == (D(3000), D(500), D(3500))
    assert row.planned_benefit == D(3000 + 2000 - 1000)


# Presentation


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("88683.936", "88684"),
        ("1.5", "2"),
        ("2.5", "2"),  # half to even
        ("-2.5", "-2"),
        ("-0.4", "0"),  # never "-0"
        ("100000", "100000"),
    ],
)
def test_kronor_rounds_half_to_even_for_presentation(amount, expected):
    assert str(kronor(D(amount))) == expected


# Follow-up


@pytest.mark.parametrize(
    ("last", "baseline_on", "months", "expected"),
    [
        (None, date(2025, 1, 15), 3, date(2025, 4, 15)),  # from the baseline
        (date(2025, 5, 15), date(2025, 1, 15), 3, date(2025, 8, 15)),  # from the last reading
        (None, date(2025, 1, 31), 1, date(2025, 2, 28)),  # clamped to the month's end
        (date(2024, 1, 31), date(2023, 1, 1), 1, date(2024, 2, 29)),  # leap year
        (date(2025, 3, 31), date(2025, 1, 1), 1, date(2025, 4, 30)),
        (date(2025, 11, 30), date(2025, 1, 1), 3, date(2026, 2, 28)),  # over the year end
        (date(2027, 11, 30), date(2025, 1, 1), 3, date(2028, 2, 29)),
        (date(2024, 2, 29), date(2024, 1, 1), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), date(2024, 1, 1), 48, date(2028, 2, 29)),
        (date(2025, 12, 15), date(2025, 1, 1), 1, date(2026, 1, 15)),
        (date(2025, 1, 31), date(2025, 1, 1), 13, date(2026, 2, 28)),
    ],
)
def test_next_due_is_one_interval_after_the_last_measurement(last, baseline_on, months, expected):
    assert next_due(last, baseline_on, months) == expected


@pytest.mark.parametrize("months", [0, -1])
def test_an_interval_under_one_month_is_a_value_error(months):
    with pytest.raises(ValueError):
        next_due(None, JAN_1, months)
