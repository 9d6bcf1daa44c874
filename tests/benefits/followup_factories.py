"""Builders for the follow-up, reminder and figure tests: benefits go through the services."""

from datetime import date
from decimal import Decimal

from tests import factories
from tracker.benefits import closing, services
from tracker.benefits.rules import BenefitType, Direction, Lifecycle, Stakeholder
from tracker.ideas.stages import Stage


def make_followed_idea(org, unit=None, stage: Stage = Stage.FOLLOW_UP, **kw):
    """An idea of `org` (a factories.Org) in follow-up, with its manager responsible."""
    return factories.make_idea(
        org.employee, unit or org.home_care, stage=stage, owner_id=org.manager.id, **kw
    )


def benefit_input(owner, baseline_on: date, **kw) -> services.BenefitInput:
    values = {
        "title": "Kortare handläggningstid för bygglov",
        "type": BenefitType.FINANCIAL,
        "stakeholder": Stakeholder.RESIDENTS,
        "indicator": "Handläggningstid",
        "measure": "dagar",
        "direction": Direction.LOWER,
        "baseline_value": Decimal(40),
        "baseline_on": baseline_on,
        "target_value": Decimal(20),
        "target_on": date(baseline_on.year + 2, baseline_on.month, 1),
        "sek_per_unit": Decimal(1000),
        "owner_id": owner.id,
        "interval_months": 3,
    }
    values.update(kw)
    return services.BenefitInput(**values)


def make_benefit(idea, owner, baseline_on: date, planner=None, **kw):
    """A planned benefit, saved by the idea's manager (or `planner`) through the service."""
    planner = planner or idea.owner
    return services.save_benefit(idea, planner, benefit_input(owner, baseline_on, **kw))


def measure(benefit, on: date, value, corrects=None):
    """The owner records a measurement through the service."""
    data = services.MeasurementInput(on=on, value=Decimal(value), corrects_id=corrects)
    return services.record_measurement(benefit, benefit.owner, data)


def close(benefit, lifecycle: Lifecycle = Lifecycle.EVAPORATED) -> None:
    """Close a benefit through the closing services: realised (the owner proposes with a final
    value, the idea's manager confirms), or dropped by the idea's manager."""
    manager = benefit.idea.owner
    if lifecycle is Lifecycle.REALISED:
        final = services.MeasurementInput(
            on=benefit.latest_on or benefit.baseline_on, value=benefit.target_value
        )
        closing.propose_realised(benefit, benefit.owner, final, None)
        closing.confirm_realised(benefit, manager, None)
    else:
        closing.drop_benefit(benefit, manager, lifecycle, "Behovet försvann.", None)
