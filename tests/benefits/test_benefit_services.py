"""The benefit services without HTTP: who plans and measures, the rules they check, the plan's
history and the figures they keep."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.benefit_factories import TODAY, benefit_input, idea_with_benefit, measure, plan_benefit
from tests.factories import make_idea
from tests.pilot_factories import in_rollout
from tracker.benefits import calc, services
from tracker.benefits.models import Benefit, InterimTarget, Measurement, PlanChange
from tracker.benefits.rules import Lifecycle
from tracker.extensions import db
from tracker.ideas.services import Forbidden
from tracker.ideas.stages import Stage

BASELINE_ON = TODAY - timedelta(days=180)
TARGET_ON = TODAY + timedelta(days=185)


def _reloaded(benefit: Benefit) -> Benefit:
    db.session.expire_all()
    return db.session.get(Benefit, benefit.id)


def _figures(benefit: Benefit) -> tuple:
    b = _reloaded(benefit)
    return b.latest_value, b.latest_on, b.realised_change, b.next_due_on


def _history(benefit: Benefit) -> list[tuple]:
    rows = db.session.scalars(
        select(PlanChange).where(PlanChange.benefit_id == benefit.id).order_by(PlanChange.id)
    )
    return [(c.what, c.old_value, c.old_on, c.new_value, c.new_on, c.reason) for c in rows]


def _change(benefit: Benefit, user, reason: str = "", version=None, **changes) -> Benefit:
    """Save the benefit again as planned by the factory, with the changes."""
    data = benefit_input(benefit.owner or user, **changes)
    return services.save_benefit(benefit.idea, user, data, benefit, version, reason)


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
    assert services.may_plan(getattr(getattr(world, org), role), idea) is may


def test_the_ideas_responsible_manager_may_plan_outside_their_units(world):
    idea = in_rollout(world.a)
    idea.owner_id = world.a.school_manager.id
    assert services.may_plan(world.a.school_manager, idea)


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
        with pytest.raises(services.Invalid) as refused:
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
    with pytest.raises(services.Invalid) as refused:
        services.save_benefit(idea, world.a.manager, benefit_input(world.a.employee, **changes))
    assert (refused.value.field, str(refused.value)) == (name, message)


def test_an_inactive_owner_is_refused(world):
    idea = in_rollout(world.a)
    world.a.leader.active = False
    with pytest.raises(services.Invalid) as refused:
        services.save_benefit(idea, world.a.manager, benefit_input(world.a.leader))
    assert refused.value.field == "owner_id"


# ---------------------------------------------------------------- changing the plan


def test_a_changed_target_needs_a_reason(world):
    idea, benefit = idea_with_benefit(world.a)
    with pytest.raises(services.Invalid) as refused:
        _change(benefit, world.a.manager, reason="  ", target_value=Decimal(8))
    assert (refused.value.field, str(refused.value)) == (
        "reason",
        "Say why the baseline or target changes.",
    )


def test_a_changed_baseline_and_target_keep_their_old_values_with_who_and_why(world):
    idea, benefit = idea_with_benefit(world.a)
    new_target_on = TARGET_ON + timedelta(days=30)
    _change(
        benefit,
        world.a.manager,
        reason=" Ny mätmetod ",
        baseline_value=Decimal(22),
        target_on=new_target_on,
    )
    assert _history(benefit) == [
        ("baseline", 20, BASELINE_ON, 22, BASELINE_ON, "Ny mätmetod"),
        ("target", 10, TARGET_ON, 10, new_target_on, "Ny mätmetod"),
    ]
    actors = db.session.scalars(select(PlanChange.actor_id)).all()
    assert actors == [world.a.manager.id, world.a.manager.id]


def test_a_change_that_keeps_the_baseline_and_target_keeps_no_history(world):
    idea, benefit = idea_with_benefit(world.a)
    _change(benefit, world.a.manager, title="Snabbare bygglov", baseline_value=Decimal("20.0"))
    assert _reloaded(benefit).title == "Snabbare bygglov"
    assert _history(benefit) == []


def test_a_changed_baseline_changes_the_realised_change(world):
    idea, benefit = idea_with_benefit(world.a)
    measure(benefit, world.a.employee, "15")
    assert _reloaded(benefit).realised_change == 5
    _change(_reloaded(benefit), world.a.manager, reason="Fel i första mätningen",
            baseline_value=Decimal(22))  # fmt: skip
    assert _reloaded(benefit).realised_change == 7
    assert _reloaded(benefit).lifecycle is Lifecycle.REALISING


def test_a_change_on_an_older_version_is_refused_as_stale(world):
    idea, benefit = idea_with_benefit(world.a)
    seen = benefit.version
    _change(benefit, world.a.admin, title="Snabbare bygglov", version=seen)
    db.session.commit()
    with pytest.raises(services.Invalid) as refused:
        _change(benefit, world.a.manager, title="Kortare väntan", version=seen)
    assert refused.value.field == "version"
    assert str(refused.value) == "Someone else changed this benefit meanwhile. Nothing was saved."


def test_a_planned_benefit_keeps_its_owner(world):
    idea, benefit = idea_with_benefit(world.a)
    with pytest.raises(services.Invalid) as refused:
        _change(benefit, world.a.manager, owner_id=None)
    assert str(refused.value) == "A planned benefit keeps its baseline, target and owner."


def test_a_closed_benefit_is_neither_changed_nor_measured(world):
    idea, benefit = idea_with_benefit(world.a)
    benefit.lifecycle = Lifecycle.CANCELLED
    with pytest.raises(services.Invalid) as refused:
        _change(benefit, world.a.manager, title="Annat")
    assert str(refused.value) == "A closed benefit cannot be changed."
    data = services.MeasurementInput(on=TODAY, value=Decimal(15))
    with pytest.raises(services.Invalid) as refused:
        services.record_measurement(benefit, world.a.employee, data)
    assert str(refused.value) == "A closed benefit takes no more measurements."


def test_interim_targets_on_the_same_days_are_saved_again(world):
    idea, benefit = idea_with_benefit(world.a, interim=[(TODAY, Decimal(16))])
    _change(benefit, world.a.manager, interim=[(TODAY, Decimal(15))])
    db.session.commit()
    rows = db.session.scalars(select(InterimTarget)).all()
    assert [(t.benefit_id, t.on, t.value) for t in rows] == [(benefit.id, TODAY, 15)]


def test_interim_targets_are_replaced_on_change(world):
    idea, benefit = idea_with_benefit(world.a, interim=[(TODAY, Decimal(16))])
    later = TODAY + timedelta(days=60)
    _change(benefit, world.a.manager, interim=[(later, Decimal(13))])
    db.session.commit()
    rows = db.session.scalars(select(InterimTarget)).all()
    assert [(t.benefit_id, t.on, t.value) for t in rows] == [(benefit.id, later, 13)]


# ---------------------------------------------------------------- measurements


def _record(benefit, owner, value, on=TODAY, corrects=None):
    data = services.MeasurementInput(
        on=on, value=Decimal(value), comment=" Kvartal ", corrects_id=corrects
    )
    return services.record_measurement(benefit, owner, data)


def test_a_measurement_is_recorded_and_the_figures_follow(world):
    idea, benefit = idea_with_benefit(world.a)
    m = _record(benefit, world.a.employee, "15")
    assert (m.comment, m.recorded_by_id, m.corrects_id) == ("Kvartal", world.a.employee.id, None)
    assert benefit.lifecycle is Lifecycle.REALISING
    assert _figures(benefit) == (15, TODAY, 5, calc.add_months(TODAY, 3))


def test_an_earlier_measurement_does_not_replace_the_latest(world):
    idea, benefit = idea_with_benefit(world.a)
    _record(benefit, world.a.employee, "15")
    _record(benefit, world.a.employee, "18", on=TODAY - timedelta(days=60))
    assert _figures(benefit) == (15, TODAY, 5, calc.add_months(TODAY, 3))


def test_a_correction_replaces_the_value_it_corrects_and_both_are_kept(world):
    idea, benefit = idea_with_benefit(world.a)
    first_on = TODAY - timedelta(days=10)
    first = _record(benefit, world.a.employee, "15", on=first_on)
    second = _record(benefit, world.a.employee, "14", on=first_on, corrects=first.id)
    _record(benefit, world.a.employee, "13", on=first_on, corrects=second.id)
    assert len(db.session.scalars(select(Measurement)).all()) == 3
    assert _figures(benefit) == (13, first_on, 7, calc.add_months(first_on, 3))
    assert len(services.readings_of(benefit)) == 3


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (
            BASELINE_ON - timedelta(days=1),
            "A measurement cannot be dated before the baseline date.",
        ),
        (TODAY + timedelta(days=1), "A measurement cannot be dated in the future."),
    ],
)
def test_a_measurement_is_dated_from_the_baseline_to_today(world, on, message):
    idea, benefit = idea_with_benefit(world.a)
    with pytest.raises(services.Invalid) as refused:
        _record(benefit, world.a.employee, "15", on=on)
    assert (refused.value.field, str(refused.value)) == ("on", message)
    _record(benefit, world.a.employee, "15", on=BASELINE_ON)


def test_a_correction_points_at_a_measurement_of_the_same_benefit(world):
    idea, benefit = idea_with_benefit(world.a)
    other = plan_benefit(idea, world.a.manager, owner=world.a.employee, title="Färre papper")
    theirs = measure(other, world.a.employee, "18")
    for corrects in (theirs.id, 999999):
        with pytest.raises(services.Invalid) as refused:
            _record(benefit, world.a.employee, "15", corrects=corrects)
        assert (refused.value.field, str(refused.value)) == (
            "corrects_id",
            "A correction corrects a measurement of this benefit.",
        )


def test_a_benefit_not_planned_takes_no_measurement(world):
    idea = in_rollout(world.a)
    benefit = plan_benefit(
        idea, world.a.manager, owner=world.a.employee, target_value=None, target_on=None
    )
    with pytest.raises(services.Invalid) as refused:
        _record(benefit, world.a.employee, "15")
    assert str(refused.value) == "Plan the benefit first: baseline, target and owner."


def test_the_kept_figures_equal_a_recomputation_from_the_measurements(world):
    idea, benefit = idea_with_benefit(world.a, attribution=Decimal(80))
    first = _record(benefit, world.a.employee, "16", on=TODAY - timedelta(days=90))
    _record(benefit, world.a.employee, "12", on=TODAY - timedelta(days=30))
    _record(benefit, world.a.employee, "17", on=TODAY - timedelta(days=90), corrects=first.id)
    db.session.commit()
    kept = _figures(benefit)
    benefit = _reloaded(benefit)
    plan, readings = services.plan_of(benefit), services.readings_of(benefit)
    latest = calc.latest(readings)
    assert kept == (
        latest.value,
        latest.on,
        calc.realised_change(plan, readings),
        calc.next_due(latest.on, benefit.baseline_on, benefit.interval_months),
    )
    assert kept[2] == Decimal("6.4")  # (20 - 12) * 80 %
