"""The benefit services without HTTP: who plans and measures, and the rules they check."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.benefit_factories import TODAY, benefit_input, idea_with_benefit, measure, plan_benefit
from tests.benefits.helpers import (
    BASELINE_ON,
    TARGET_ON,
    _change,
    _figures,
    _history,
)
from tests.benefits.helpers import reloaded as _reloaded
from tests.factories import make_idea
from tests.pilot_factories import in_rollout
from tracker.benefits import calc, services
from tracker.benefits.models import Benefit
from tracker.benefits.rules import Lifecycle
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.stages import Stage
from tracker.refusals import Forbidden, Invalid

# ---------------------------------------------------------------- who


@pytest.mark.parametrize(
    ("who", "may"),
    [
        ("a.manager", True),
        ("a.admin", True),
        ("a.leader", False),
        ("a.employee", False),
        ("a.school_manager", False),
        ("b.admin", False),
        ("b.manager", False),
    ],
)
def test_the_ideas_manager_a_manager_in_scope_or_an_admin_may_plan(world, who, may):
    idea = in_rollout(world.a)
    org, role = who.split(".")
    assert access.can_plan(getattr(getattr(world, org), role), idea) is may


def test_the_ideas_responsible_manager_may_plan_outside_their_units(world):
    idea = in_rollout(world.a)
    idea.owner_id = world.a.school_manager.id
    assert access.can_plan(world.a.school_manager, idea)


def test_only_the_benefit_owner_may_measure(world):
    idea, benefit = idea_with_benefit(world.a)
    assert services.may_measure(world.a.employee, benefit)
    for user in (world.a.manager, world.a.admin, world.a.leader, world.b.employee):
        assert not services.may_measure(user, benefit)
    benefit.owner_id = None
    assert not services.may_measure(world.a.employee, benefit)


def test_who_may_not_plan_is_refused(world):
    idea = in_rollout(world.a)
    with pytest.raises(Forbidden):
        services.save_benefit(idea, world.a.leader, benefit_input(world.a.employee))
    assert db.session.scalars(select(Benefit)).all() == []


def test_someone_else_than_the_owner_may_not_measure(world):
    idea, benefit = idea_with_benefit(world.a)
    data = services.MeasurementInput(on=TODAY, value=Decimal(15))
    with pytest.raises(Forbidden):
        services.record_measurement(benefit, world.a.manager, data)


# ---------------------------------------------------------------- identify and plan


def test_a_benefit_without_a_plan_is_identified_and_has_no_figures(world):
    idea = in_rollout(world.a)
    data = benefit_input(
        world.a.employee, baseline_value=None, baseline_on=None, target_value=None, target_on=None
    )
    benefit = services.save_benefit(idea, world.a.manager, data)
    assert benefit.lifecycle is Lifecycle.IDENTIFIED
    assert services.plan_of(benefit) is None
    assert _figures(benefit) == (None, None, None, None)


def test_a_benefit_with_baseline_target_and_owner_is_planned_and_due_one_interval_on(world):
    idea, benefit = idea_with_benefit(world.a, interval_months=6)
    assert benefit.lifecycle is Lifecycle.PLANNED
    assert _figures(benefit) == (None, None, None, calc.add_months(BASELINE_ON, 6))


def test_an_identified_benefit_is_planned_later_without_a_reason_or_history(world):
    idea = in_rollout(world.a)
    empty = dict(baseline_value=None, baseline_on=None, target_value=None, target_on=None)
    benefit = plan_benefit(idea, world.a.manager, owner=world.a.employee, **empty)
    benefit = _change(benefit, world.a.manager)
    assert benefit.lifecycle is Lifecycle.PLANNED
    assert _history(benefit) == []


def test_the_plan_carries_interim_targets_and_attribution(world):
    idea, benefit = idea_with_benefit(
        world.a, interim=[(TODAY, Decimal(16))], attribution=Decimal(50)
    )
    plan = services.plan_of(_reloaded(benefit))
    assert plan.baseline == calc.Point(BASELINE_ON, Decimal(20))
    assert plan.target == calc.Point(TARGET_ON, Decimal(10))
    assert plan.interim == (calc.Point(TODAY, Decimal(16)),)
    assert plan.attribution == 50
    measure(benefit, world.a.employee, "14")
    assert _reloaded(benefit).realised_change == 3  # (20 - 14) * 50 %


def test_a_benefit_is_planned_only_from_screening_until_follow_up_ends(world):
    submitted = make_idea(world.a.employee, world.a.social, owner_id=world.a.manager.id)
    realised = make_idea(
        world.a.employee, world.a.social, Stage.REALISED, owner_id=world.a.manager.id
    )
    for idea in (submitted, realised):
        with pytest.raises(Invalid) as refused:
            services.save_benefit(idea, world.a.manager, benefit_input(world.a.employee))
        assert str(refused.value) == "Benefits are planned from screening until the follow-up ends."
    screening = make_idea(
        world.a.employee, world.a.social, Stage.SCREENING, owner_id=world.a.manager.id
    )
    benefit = services.save_benefit(screening, world.a.manager, benefit_input(world.a.employee))
    assert benefit.lifecycle is Lifecycle.PLANNED


# ---------------------------------------------------------------- the rules each field keeps

BAD = {
    "target date before the baseline date": (
        {"target_on": BASELINE_ON - timedelta(days=1)},
        "target_on",
        "The target date must be after the baseline date.",
    ),
    "target date on the baseline date": (
        {"target_on": BASELINE_ON},
        "target_on",
        "The target date must be after the baseline date.",
    ),
    "baseline value without date": (
        {"baseline_on": None},
        "baseline_on",
        "Give the baseline's value and date together.",
    ),
    "target date without value": (
        {"target_value": None},
        "target_value",
        "Give the target's value and date together.",
    ),
    "attribution over 100": (
        {"attribution": Decimal(101)},
        "attribution",
        "The attribution is a share from 0 to 100 %.",
    ),
    "attribution under 0": (
        {"attribution": Decimal(-1)},
        "attribution",
        "The attribution is a share from 0 to 100 %.",
    ),
    "interval of 0": (
        {"interval_months": 0},
        "interval_months",
        "The interval is at least one month.",
    ),
    "interval of -1": (
        {"interval_months": -1},
        "interval_months",
        "The interval is at least one month.",
    ),
    "interim target on the target date": (
        {"interim": [(TARGET_ON, Decimal(10))]},
        "interim",
        "Interim targets lie between the baseline date and the target date.",
    ),
    "interim target without a plan": (
        {"interim": [(TODAY, Decimal(15))], "target_value": None, "target_on": None},
        "interim",
        "Interim targets lie between the baseline date and the target date.",
    ),
    "two interim targets on one day": (
        {"interim": [(TODAY, Decimal(16)), (TODAY, Decimal(15))]},
        "interim",
        "Each interim target has a date of its own.",
    ),
    "owner of another organisation": (
        {"owner_id": "b.employee"},
        "owner_id",
        "Choose a person of your organisation.",
    ),
    "unknown owner": ({"owner_id": 999999}, "owner_id", "Choose a person of your organisation."),
    "unit of another organisation": (
        {"unit_id": "b.social"},
        "unit_id",
        "Choose a unit of your organisation.",
    ),
    "goal of another organisation": (
        {"strategic_goal_id": "b.goal"},
        "strategic_goal_id",
        "Choose one of the organisation's goals.",
    ),
    "unknown goal": (
        {"strategic_goal_id": 999999},
        "strategic_goal_id",
        "Choose one of the organisation's goals.",
    ),
}


@pytest.mark.parametrize(("changes", "name", "message"), BAD.values(), ids=BAD)
def test_a_bad_benefit_is_refused_with_the_field_its_message_belongs_to(
    world, changes, name, message
):
    idea = in_rollout(world.a)
    changes = {
        k: getattr(world.b, v[2:]).id if isinstance(v, str) and v.startswith("b.") else v
        for k, v in changes.items()
    }
    with pytest.raises(Invalid) as refused:
        services.save_benefit(idea, world.a.manager, benefit_input(world.a.employee, **changes))
    assert (refused.value.field, str(refused.value)) == (name, message)


def test_an_inactive_owner_is_refused(world):
    idea = in_rollout(world.a)
    world.a.leader.active = False
    with pytest.raises(Invalid) as refused:
        services.save_benefit(idea, world.a.manager, benefit_input(world.a.leader))
    assert refused.value.field == "owner_id"
