"""The benefit arithmetic (nyttorealisering, nyttokalkyl): pure Python, Decimal throughout.

Values and SEK keep full Decimal precision here; only `kronor` rounds, for presentation.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from itertools import pairwise

from tracker.benefits.rules import BenefitType, Direction, Status
from tracker.costs.rules import CostKind

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Point:
    """A value of the indicator on a date: the baseline, an interim target or the target."""

    on: date
    value: Decimal


@dataclass(frozen=True)
class Plan:
    """What a benefit promises: from the baseline to the target, in the good direction."""

    baseline: Point
    target: Point
    direction: Direction
    interim: tuple[Point, ...] = ()
    attribution: Decimal = HUNDRED
    sek_per_unit: Decimal | None = None
    type: BenefitType = BenefitType.QUALITY
    dis_benefit: bool = False


@dataclass(frozen=True)
class Reading:
    """A measurement; a correction points at the reading it corrects."""

    id: int
    on: date
    value: Decimal
    corrects_id: int | None = None


@dataclass(frozen=True)
class YearMoney:
    """A benefit's SEK for one year: planned, realised, and whether it releases cash."""

    planned: Decimal
    realised: Decimal
    cash: bool


@dataclass(frozen=True)
class CostLine:
    """A cost of the idea: one-off in `year_from`, or running each year from and to a year."""

    kind: CostKind
    year_from: int
    year_to: int | None
    planned: Decimal
    actual: Decimal | None


@dataclass(frozen=True)
class YearRow:
    """One year of the benefit calculation, in SEK at full precision."""

    year: int
    planned_benefit: Decimal
    realised_benefit: Decimal
    cash: Decimal
    non_cash: Decimal
    planned_cost: Decimal
    actual_cost: Decimal
    planned_net: Decimal
    net: Decimal
    planned_cumulative_net: Decimal
    cumulative_net: Decimal


@dataclass(frozen=True)
class Calculation:
    """The benefit calculation (nyttokalkyl) of an idea: a row per year and its totals."""

    rows: tuple[YearRow, ...]
    rate: Decimal
    npv: Decimal
    planned_npv: Decimal
    payback_year: int | None
    planned_payback_year: int | None


def _plus_zero(d: Decimal) -> Decimal:
    """-0 becomes 0, so that nothing shows as "-0"."""
    return d + ZERO


# Measurements


def effective(readings: Iterable[Reading]) -> list[Reading]:
    """Each original reading counts once, as the newest (greatest id) of itself and its
    corrections, direct or chained, with that reading's own date and value (the correction's
    date counts); ordered by date, then id. A correction of an unknown id, a loop of
    corrections or a repeated id is a ValueError."""
    by_id: dict[int, Reading] = {}
    for reading in readings:
        if reading.id in by_id:
            raise ValueError(f"reading {reading.id} appears twice")
        by_id[reading.id] = reading
    newest: dict[int, Reading] = {}  # the original's id -> the reading that counts for it
    for reading in by_id.values():
        root, seen = reading, {reading.id}
        while root.corrects_id is not None:
            if root.corrects_id not in by_id:
                raise ValueError(f"reading {root.id} corrects unknown reading {root.corrects_id}")
            root = by_id[root.corrects_id]
            if root.id in seen:
                raise ValueError(f"readings {sorted(seen)} correct each other in a loop")
            seen.add(root.id)
        current = newest.get(root.id)
        if current is None or reading.id > current.id:
            newest[root.id] = reading
    return sorted(newest.values(), key=lambda r: (r.on, r.id))


def latest(readings: Iterable[Reading]) -> Reading | None:
    """The effective reading with the greatest (date, id); None when there is none."""
    counted = effective(readings)
    return counted[-1] if counted else None


# The plan and the change


def planned_value(plan: Plan, on: date) -> Decimal:
    """Piecewise linear by day through the baseline, the interim targets (by date) and the
    target; the baseline value before the baseline, the target value after the target. Interim
    targets dated on or outside the baseline and target dates are ignored."""
    if on <= plan.baseline.on:
        return plan.baseline.value
    inside = (p for p in plan.interim if plan.baseline.on < p.on < plan.target.on)
    points = [plan.baseline, *sorted(inside, key=lambda p: p.on), plan.target]
    for a, b in pairwise(points):
        if on <= b.on:  # here a.on < on, so the span is never zero
            done = Decimal(on.toordinal() - a.on.toordinal())
            span = Decimal(b.on.toordinal() - a.on.toordinal())
            return a.value + (b.value - a.value) * done / span
    return plan.target.value


def change(plan: Plan, value: Decimal) -> Decimal:
    """The change from the baseline, signed so that a positive number is always good, times
    the attribution; a dis-benefit's worse-than-baseline value gives a negative change."""
    raw = plan.direction.sign * (value - plan.baseline.value) * plan.attribution / HUNDRED
    return _plus_zero(raw)


def realised_change(plan: Plan, readings: Iterable[Reading]) -> Decimal | None:
    """The change of the latest effective reading; None when nothing has been measured."""
    reading = latest(readings)
    return None if reading is None else change(plan, reading.value)


def target_change(plan: Plan) -> Decimal:
    """The change the target promises."""
    return change(plan, plan.target.value)


def planned_change(plan: Plan, on: date) -> Decimal:
    """The change the planned curve promises on a date."""
    return change(plan, planned_value(plan, on))


def progress(plan: Plan, readings: Iterable[Reading]) -> Decimal | None:
    """Realised change as a percentage of the target change; None (shown "–") when nothing is
    measured or the target change is zero."""
    realised = realised_change(plan, readings)
    target = target_change(plan)
    if realised is None or target == 0:
        return None
    return _plus_zero(realised * HUNDRED / target)


def status(
    plan: Plan, readings: Iterable[Reading], today: date, tolerance: Decimal = Decimal("0.9")
) -> Status:
    """Not measured without a reading; achieved once the realised change reaches the target
    change (a feared, negative target change: once its date has passed within it); missed after
    the target date; on track when the realised change is at least
    `tolerance` of the planned change on the latest reading's date (the plan is compared with
    what was measured then), or at most 1/`tolerance` as bad when that planned change is
    negative; else at risk."""
    if not 0 < tolerance <= 1:
        raise ValueError(f"tolerance {tolerance} is not in (0, 1]")
    reading = latest(readings)
    if reading is None:
        return Status.NOT_MEASURED
    realised = change(plan, reading.value)
    goal = target_change(plan)
    if goal < 0:  # a feared change (a dis-benefit) is judged against its curve until the end
        if today > plan.target.on:
            return Status.ACHIEVED if realised >= goal else Status.MISSED
    elif realised >= goal:
        return Status.ACHIEVED
    if today > plan.target.on:
        return Status.MISSED
    planned = planned_change(plan, reading.on)
    threshold = planned * tolerance if planned >= 0 else planned / tolerance
    return Status.ON_TRACK if realised >= threshold else Status.AT_RISK


# Money


def annual_sek(plan: Plan, change: Decimal) -> Decimal | None:
    """SEK per year of a change: the change times the SEK per unit, for a monetised type with a
    price; None otherwise (the benefit is shown in its own unit)."""
    if not plan.type.monetised or plan.sek_per_unit is None:
        return None
    return _plus_zero(change * plan.sek_per_unit)


def money_by_year(
    plan: Plan, readings: Iterable[Reading], years: Iterable[int]
) -> dict[int, YearMoney]:
    """Each year is worth, for the whole year, the level reached by its 31 December: planned
    from the planned curve (so 0 before the baseline year), realised from the latest effective
    reading on or before that day (0 when none); empty for a benefit without SEK."""
    if annual_sek(plan, ZERO) is None:
        return {}
    counted = effective(readings)
    money = {}
    for year in years:
        year_end = date(year, 12, 31)
        planned = annual_sek(plan, planned_change(plan, year_end))
        reached = [r for r in counted if r.on <= year_end]
        realised = annual_sek(plan, change(plan, reached[-1].value)) if reached else ZERO
        money[year] = YearMoney(planned, realised, plan.type.cash_releasing)
    return money


def costs_by_year(
    costs: Iterable[CostLine], years: Iterable[int]
) -> dict[int, tuple[Decimal, Decimal]]:
    """(planned, actual) SEK per year: a one-off cost in its year only, a running cost each year
    from and to its years inclusive (open-ended: every year on); an unknown actual counts as
    its planned amount, the honest projection."""
    costs = list(costs)
    totals = {}
    for year in years:
        planned = actual = ZERO
        for line in costs:
            if line.kind is CostKind.ONE_OFF:
                counts = year == line.year_from
            else:
                counts = line.year_from <= year and (line.year_to is None or year <= line.year_to)
            if counts:
                planned += line.planned
                actual += line.planned if line.actual is None else line.actual
        totals[year] = (planned, actual)
    return totals


def _payback_year(years: list[int], costs: list[Decimal], cumulative: list[Decimal]) -> int | None:
    """The first year, from the first year with a cost on, whose cumulative net is at least 0;
    None when nothing costs or it never happens within the horizon."""
    started = False
    for year, cost, total in zip(years, costs, cumulative, strict=True):
        started = started or cost > 0
        if started and total >= 0:
            return year
    return None


class Start(enum.Enum):
    """What the calculation's horizon counts from."""

    ROLLOUT = "rollout"  # the year the idea first entered rollout
    BASELINE = "baseline"  # before rollout: the earliest baseline of its counted benefits
    FIRST_COST = "first_cost"  # before rollout, without a baseline: the year of its first cost
    THIS_YEAR = "this_year"  # none of these: a calculation of zeros


def horizon_start(
    rollout_year: int | None, baseline_years: Iterable[int], cost_years: Iterable[int]
) -> tuple[int, Start] | None:
    """The year the horizon counts from: the year the idea first entered rollout; before
    rollout, the earliest baseline year of its counted benefits, else its first cost's year;
    None when it has none of these."""
    if rollout_year is not None:
        return rollout_year, Start.ROLLOUT
    for years, start in ((baseline_years, Start.BASELINE), (cost_years, Start.FIRST_COST)):
        first = min(years, default=None)
        if first is not None:
            return first, start
    return None


def calculation_years(start: int, cost_years: Iterable[int], horizon: int) -> range:
    """The calculation's years: `horizon` years from `start`, preceded by the years from the
    first cost paid before it, so that what the idea cost before rollout (a pre-study, a pilot)
    is counted too. The idea page and the kept figures behind the dashboard both use it."""
    return range(min([start, *cost_years]), start + horizon)


def calculate(
    plans_with_readings: Iterable[tuple[Plan, Iterable[Reading]]],
    costs: Iterable[CostLine],
    start_year: int,
    horizon: int = 5,
    rate: Decimal = Decimal("0.03"),
) -> Calculation:
    """The nyttokalkyl over `horizon` years from `start_year`: benefits less costs per year, the
    net present value with the first year undiscounted (net_t / (1 + rate)^t, t = 0, 1, ...)
    and the payback year, for the plan and for what was realised and spent."""
    years = list(range(start_year, start_year + horizon))
    planned_benefit = dict.fromkeys(years, ZERO)
    cash = dict.fromkeys(years, ZERO)
    non_cash = dict.fromkeys(years, ZERO)
    for plan, readings in plans_with_readings:
        for year, money in money_by_year(plan, readings, years).items():
            planned_benefit[year] += money.planned
            if money.cash:
                cash[year] += money.realised
            else:
                non_cash[year] += money.realised
    cost = costs_by_year(costs, years)

    rows = []
    planned_cumulative = cumulative = npv = planned_npv = ZERO
    for t, year in enumerate(years):
        planned_cost, actual_cost = cost[year]
        realised = cash[year] + non_cash[year]
        planned_net = planned_benefit[year] - planned_cost
        net = realised - actual_cost
        planned_cumulative += planned_net
        cumulative += net
        discount = (1 + rate) ** t
        planned_npv += planned_net / discount
        npv += net / discount
        rows.append(
            YearRow(
                year=year,
                planned_benefit=planned_benefit[year],
                realised_benefit=realised,
                cash=cash[year],
                non_cash=non_cash[year],
                planned_cost=planned_cost,
                actual_cost=actual_cost,
                planned_net=planned_net,
                net=net,
                planned_cumulative_net=planned_cumulative,
                cumulative_net=cumulative,
            )
        )
    return Calculation(
        rows=tuple(rows),
        rate=rate,
        npv=_plus_zero(npv),
        planned_npv=_plus_zero(planned_npv),
        payback_year=_payback_year(
            years, [r.actual_cost for r in rows], [r.cumulative_net for r in rows]
        ),
        planned_payback_year=_payback_year(
            years, [r.planned_cost for r in rows], [r.planned_cumulative_net for r in rows]
        ),
    )


def kronor(amount: Decimal) -> Decimal:
    """Whole kronor for presentation, half to even, never "-0"."""
    return _plus_zero(amount.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


# Follow-up


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(last: date | None, baseline_on: date, interval_months: int) -> date:
    """One interval after the last measurement, or after the baseline date when there is none;
    an interval under one month is a ValueError."""
    if interval_months < 1:
        raise ValueError(f"interval {interval_months} is under one month")
    return add_months(baseline_on if last is None else last, interval_months)
