"""The costs of an idea, the organisation's benefit settings and the benefit calculation
(nyttokalkyl) of an idea.

Services add and flush; the view commits once. A refused change raises `Invalid` with the form
field its message belongs to, or `Forbidden`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker import validation as check
from tracker.admin.models import AuditAction
from tracker.admin.services import audit
from tracker.auth.models import User
from tracker.benefits import calc, figures
from tracker.benefits.models import Benefit, BenefitSettings, Cost
from tracker.benefits.rules import DROPPED, CostCategory, CostKind
from tracker.benefits.services import (
    PLANNING_STAGES,
    may_plan,
    plan_of,
    readings_by_benefit,
    settings_for,
)
from tracker.events import BenefitSettingsChanged, CostsChanged, publish
from tracker.extensions import db
from tracker.ideas.models import Idea, StageChange
from tracker.ideas.stages import Stage
from tracker.orgs.models import Organisation
from tracker.pilots.services import check_member
from tracker.refusals import Forbidden, Invalid, Refused

AMOUNT_MAX = Decimal(10) ** 11  # SEK; the column holds 10^12
YEAR_MIN, YEAR_MAX = 2000, 2100

RATE_MAX_PERCENT = 20
HORIZON_MAX = 30
TOLERANCE_MIN_PERCENT = 50
RATE_PLACES = 2  # of the percentage: the column keeps 4 decimals of the fraction
TOLERANCE_PLACES = 1  # of the percentage: the column keeps 3 decimals of the fraction

# Costs


@dataclass
class CostInput:
    description: str
    kind: CostKind
    category: CostCategory
    year_from: int
    planned: Decimal
    year_to: int | None = None
    actual: Decimal | None = None
    paid_by_id: int | None = None


def costs_of(idea: Idea) -> list[Cost]:
    """The idea's costs by first year, then in the order they were added."""
    return list(
        db.session.scalars(
            select(Cost)
            .where(Cost.idea_id == idea.id)
            .options(joinedload(Cost.paid_by))
            .order_by(Cost.year_from, Cost.id)
        )
    )


def _may_change_costs(idea: Idea, user: User) -> None:
    if not may_plan(user, idea):
        raise Forbidden(_l("Only the idea's manager may plan its costs."))
    if idea.stage not in PLANNING_STAGES:
        raise Invalid("", _l("Costs are planned from screening until the follow-up ends."))


def _check_cost(idea: Idea, data: CostInput, cost: Cost | None) -> None:
    """The rules of a cost; each refusal names its field."""
    check.text("description", data.description, check.column_length(Cost.description))
    if not data.description.strip():
        raise Invalid("description", _l("Describe the cost."))
    check.member("kind", data.kind, CostKind)
    check.member("category", data.category, CostCategory)
    years = _l("Enter a year from %(min)d to %(max)d.", min=YEAR_MIN, max=YEAR_MAX)
    check.whole_number("year_from", data.year_from, YEAR_MIN, YEAR_MAX, years)
    if data.year_to is not None:
        check.whole_number("year_to", data.year_to, YEAR_MIN, YEAR_MAX, years)
    amounts = _l("An amount is from 0 to 100 billion kronor.")
    check.number("planned", data.planned, check.numeric_limit(Cost.planned), message=amounts)
    if data.actual is not None:
        check.number("actual", data.actual, check.numeric_limit(Cost.actual), message=amounts)
    check.identifier("paid_by_id", data.paid_by_id, required=False)
    if data.kind is CostKind.ONE_OFF and data.year_to is not None:
        raise Invalid("year_to", _l("A one-off cost has one year: leave the last year blank."))
    if data.year_to is not None and data.year_to < data.year_from:
        raise Invalid("year_to", _l("The last year cannot be before the first year."))
    for name, amount in (("planned", data.planned), ("actual", data.actual)):
        if amount is not None and not 0 <= amount <= AMOUNT_MAX:
            raise Invalid(name, _l("An amount is from 0 to 100 billion kronor."))
    if data.paid_by_id is not None and not (cost and cost.paid_by_id == data.paid_by_id):
        try:  # a unit deactivated since may stay the payer of a cost it already pays
            check_member(idea.organisation_id, None, data.paid_by_id)
        except Refused as refused:
            raise Invalid("paid_by_id", refused.messages[0]) from None


def save_cost(idea: Idea, user: User, data: CostInput, cost: Cost | None = None) -> Cost:
    """The idea's responsible manager, a manager in scope or an admin adds a cost of the idea or
    changes one, from screening until the follow-up ends: one-off in a year, or running from a
    year to a year (none: through the horizon), paid by a unit of the organisation."""
    _may_change_costs(idea, user)
    _check_cost(idea, data, cost)
    if cost is None:
        cost = Cost(idea_id=idea.id)
        db.session.add(cost)
    cost.description = data.description.strip()
    cost.kind = data.kind
    cost.category = data.category
    cost.year_from = data.year_from
    cost.year_to = data.year_to
    cost.planned = data.planned
    cost.actual = data.actual
    cost.paid_by_id = data.paid_by_id
    db.session.flush()
    publish(CostsChanged(idea))
    return cost


def delete_cost(cost: Cost, user: User) -> None:
    """A cost entered by mistake is deleted, by whoever may plan the idea's costs."""
    idea = db.session.get(Idea, cost.idea_id)
    _may_change_costs(idea, user)
    db.session.delete(cost)
    db.session.flush()
    publish(CostsChanged(idea))


# Settings


def _fraction(percent: Decimal, places: int, field: str) -> Decimal:
    if -percent.as_tuple().exponent > places:
        raise Invalid(
            field,
            lazy_ngettext("Use at most %(num)d decimal.", "Use at most %(num)d decimals.", places),
        )
    return percent / 100


def _plain(value) -> str:
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


def save_settings(
    actor: User, *, rate_percent: Decimal, horizon_years: int, tolerance_percent: Decimal
) -> BenefitSettings:
    """An admin sets the organisation's discount rate (0–20 %), horizon (1–30 years) and on-track
    tolerance (50–100 %); a change is audited on the organisation."""
    if not 0 <= rate_percent <= RATE_MAX_PERCENT:
        raise Invalid(
            "rate_percent", _l("The discount rate is from 0 to %(max)d %%.", max=RATE_MAX_PERCENT)
        )
    if not 1 <= horizon_years <= HORIZON_MAX:
        raise Invalid(
            "horizon_years", _l("The horizon is from 1 to %(max)d years.", max=HORIZON_MAX)
        )
    if not TOLERANCE_MIN_PERCENT <= tolerance_percent <= 100:
        raise Invalid(
            "tolerance_percent",
            _l("The tolerance is from %(min)d to 100 %%.", min=TOLERANCE_MIN_PERCENT),
        )
    new = {
        "discount_rate": _fraction(rate_percent, RATE_PLACES, "rate_percent"),
        "horizon_years": horizon_years,
        "tolerance": _fraction(tolerance_percent, TOLERANCE_PLACES, "tolerance_percent"),
    }
    settings = db.session.get(BenefitSettings, actor.organisation_id)
    if settings is None:
        settings = settings_for(actor.organisation_id)
        db.session.add(settings)
    old_horizon, old_tolerance = settings.horizon_years, settings.tolerance
    changes = []
    for name, value in new.items():
        old = getattr(settings, name)
        if old != value:
            changes.append(f"{name}: {_plain(old)} → {_plain(value)}")
        setattr(settings, name, value)
    db.session.flush()
    horizon, tolerance = settings.horizon_years != old_horizon, settings.tolerance != old_tolerance
    if horizon or tolerance:
        publish(BenefitSettingsChanged(actor.organisation_id, horizon, tolerance))
    if changes:
        organisation = db.session.get(Organisation, actor.organisation_id)
        audit(actor, AuditAction.UPDATE, organisation, "Benefit settings: " + "; ".join(changes))
    return settings


# The benefit calculation


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
