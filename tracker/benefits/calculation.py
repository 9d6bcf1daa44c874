"""The benefit calculation (nyttokalkyl) of an idea, and what the pages that show it read: the
idea page merges `costs_context(idea, user)` into its context and includes costs/_costs.html and
benefits/_calculation_summary.html."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from tracker.auth.models import User
from tracker.benefits import calc, figures
from tracker.benefits.models import Benefit, BenefitSettings
from tracker.benefits.rules import DROPPED
from tracker.benefits.services import plan_of, readings_by_benefit, settings_for
from tracker.costs.models import Cost
from tracker.costs.services import costs_of
from tracker.extensions import db
from tracker.forms import shown
from tracker.ideas import access
from tracker.ideas.models import Idea, StageChange
from tracker.ideas.stages import PLANNING_STAGES, Stage

Start = calc.Start  # what the horizon counts from


@dataclass(frozen=True)
class Basis:
    """What a calculation rests on, for the page to say."""

    start_year: int  # the horizon's first year; costs paid before it add earlier rows
    start: Start
    settings: BenefitSettings
    counted: int  # planned benefits neither evaporated nor cancelled
    unpriced: int  # of those, the ones without SEK: shown in their own units, not here


def counted_benefits(idea: Idea) -> list[Benefit]:
    """The idea's planned benefits, except the evaporated and the cancelled ones."""
    return counted(
        db.session.scalars(select(Benefit).where(Benefit.idea_id == idea.id).order_by(Benefit.id))
    )


def counted(benefits) -> list[Benefit]:
    """Those of the benefits the calculation counts: planned, neither evaporated nor cancelled."""
    return [b for b in benefits if b.planned and b.lifecycle not in DROPPED]


def start_of(
    idea: Idea,
    benefits: list[Benefit],
    today: date,
    history: list[StageChange] | None = None,
    cost_years: Iterable[int] = (),
) -> tuple[int, Start]:
    """The year the horizon counts from, and why (`calc.horizon_start`); this year when the idea
    has neither a rollout, a baseline nor a cost. `history`: the idea's stage changes in order,
    when read already."""
    if history is None:
        rollout = figures.first_rollout_year(idea.id)
    else:
        rollout = next((c.at.year for c in history if c.to_stage is Stage.ROLLOUT), None)
    baselines = (b.baseline_on.year for b in benefits if b.baseline_on is not None)
    return calc.horizon_start(rollout, baselines, cost_years) or (today.year, Start.THIS_YEAR)


def calculation_with_basis(
    idea: Idea, today: date | None = None, costs: list[Cost] | None = None
) -> tuple[calc.Calculation, Basis]:
    """The idea's nyttokalkyl over the organisation's horizon and at its discount rate, from its
    counted benefits and all its costs, and what it rests on. Reads only: missing settings are
    the defaults."""
    benefits = counted_benefits(idea)
    return calculation_from(
        idea,
        settings_for(idea.organisation_id),
        benefits,
        readings_by_benefit(b.id for b in benefits),
        costs_of(idea) if costs is None else costs,
        today or date.today(),
    )


def calculation_from(
    idea: Idea,
    settings: BenefitSettings,
    benefits: list[Benefit],
    readings: dict[int, list[calc.Reading]],
    costs: list[Cost],
    today: date,
    history: list[StageChange] | None = None,
) -> tuple[calc.Calculation, Basis]:
    """calculation_with_basis from what a page has read already: the settings, the counted
    benefits (interim targets loaded) with their readings, the costs, and the idea's stage
    changes in order (None: read when it entered rollout)."""
    plans = [(plan_of(b), readings.get(b.id, [])) for b in benefits]
    lines = [figures.cost_line(c) for c in costs]
    cost_years = [c.year_from for c in lines]
    start_year, start = start_of(idea, benefits, today, history, cost_years)
    years = calc.calculation_years(start_year, cost_years, settings.horizon_years)
    result = calc.calculate(plans, lines, years.start, len(years), Decimal(settings.discount_rate))
    unpriced = sum(1 for plan, _ in plans if calc.annual_sek(plan, calc.ZERO) is None)
    return result, Basis(start_year, start, settings, len(plans), unpriced)


def calculation(idea: Idea, today: date | None = None) -> calc.Calculation:
    """The benefit calculation (nyttokalkyl) of an idea."""
    return calculation_with_basis(idea, today)[0]


def after_years(costs: list[Cost], last: int) -> list[Cost]:
    """The costs that start after the calculation's last year: it does not count them."""
    return [c for c in costs if c.year_from > last]


def percent(fraction: Decimal) -> str:
    """A fraction as a percentage number in the user's locale: 0.035 is "3,5" in Swedish."""
    return shown(Decimal(fraction) * 100)


def costs_context(idea: Idea, user: User, read: tuple | None = None) -> dict:
    """The context of costs/_costs.html and benefits/_calculation_summary.html (and of the
    calculation page):

    - idea: the idea;
    - costs: its Cost rows by first year;
    - calculation: its calc.Calculation (rows per year, npv, planned_npv, payback_year,
      planned_payback_year, rate);
    - calculation_basis: costs.Basis (start_year, start, settings, counted, unpriced);
    - costs_after: the costs that start after the calculation's last year;
    - can_plan_costs: whether `user` may add, edit and delete costs now;
    - percent(fraction): a rate as a percentage number in the user's locale (amounts use the
      `sek` filter).

    `read`: (costs, (calculation, basis)) when the caller has them already (the idea page).
    """
    rows, (result, basis) = read or _read(idea)
    return {
        "idea": idea,
        "costs": rows,
        "calculation": result,
        "calculation_basis": basis,
        "costs_after": after_years(rows, result.rows[-1].year),
        "can_plan_costs": access.can_plan(user, idea) and idea.stage in PLANNING_STAGES,
        "percent": percent,
    }


def _read(idea: Idea) -> tuple:
    rows = costs_of(idea)
    return rows, calculation_with_basis(idea, costs=rows)
