"""State changes of an idea's costs: add, change and delete, from screening until the follow-up
ends. Services add and flush; the view commits once."""

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker import validation as check
from tracker.auth.members import check_member
from tracker.auth.models import User
from tracker.costs.models import Cost
from tracker.costs.rules import CostCategory, CostKind
from tracker.events import CostsChanged, publish
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.ideas.stages import PLANNING_STAGES
from tracker.locking import lock
from tracker.refusals import Forbidden, Invalid, Refused

AMOUNT_MAX = Decimal(10) ** 11  # SEK; the column holds 10^12
YEAR_MIN, YEAR_MAX = 2000, 2100


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
    if not access.can_plan(user, idea):
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
    lock(idea, *([cost] if cost else []))
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
    lock(idea)  # not the cost: a second delete of it is refused as stale when it finds none
    db.session.delete(cost)
    db.session.flush()
    publish(CostsChanged(idea))
