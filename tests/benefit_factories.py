"""Benefits made through their services, for tests."""

from datetime import date, timedelta
from decimal import Decimal

from tests.pilot_factories import in_rollout
from tracker.benefits import services
from tracker.benefits.rules import BenefitType, Direction, Stakeholder
from tracker.extensions import db
from tracker.ideas.models import Idea

TODAY = date.today()


def benefit_input(owner, **kw) -> services.BenefitInput:
    """A planned reallocation benefit: handling time from 20 to 10 days over a year."""
    values = dict(
        title="Kortare handläggningstid för bygglov",
        type=BenefitType.REALLOCATION,
        stakeholder=Stakeholder.RESIDENTS,
        indicator="Handläggningstid per bygglov",
        measure="dagar",
        direction=Direction.LOWER,
        baseline_value=Decimal(20),
        baseline_on=TODAY - timedelta(days=180),
        target_value=Decimal(10),
        target_on=TODAY + timedelta(days=185),
        sek_per_unit=Decimal(5000),
        owner_id=owner.id,
    )
    values.update(kw)
    return services.BenefitInput(**values)


def plan_benefit(idea: Idea, manager, owner=None, **kw):
    benefit = services.save_benefit(idea, manager, benefit_input(owner or manager, **kw))
    db.session.commit()
    return benefit


def measure(benefit, owner, value, on=None, corrects=None):
    data = services.MeasurementInput(
        on=on or TODAY, value=Decimal(value), comment="", corrects_id=corrects
    )
    m = services.record_measurement(benefit, owner, data)
    db.session.commit()
    return m


def idea_with_benefit(org, **kw):
    """An idea in rollout with one planned benefit owned by the org's employee."""
    idea = in_rollout(org)
    benefit = plan_benefit(idea, org.manager, owner=org.employee, **kw)
    return idea, benefit
