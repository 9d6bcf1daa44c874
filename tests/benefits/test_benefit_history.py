"""The benefit services without HTTP: changing a plan, its history, and the measured figures."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.benefit_factories import TODAY, idea_with_benefit, measure, plan_benefit
from tests.benefits.helpers import (
    BASELINE_ON,
    TARGET_ON,
    _change,
    _figures,
    _history,
)
from tests.benefits.helpers import reloaded as _reloaded
from tests.pilot_factories import in_rollout
from tracker.benefits import calc, services
from tracker.benefits.models import InterimTarget, Measurement, PlanChange
from tracker.benefits.rules import Lifecycle
from tracker.extensions import db
from tracker.refusals import Invalid

# ---------------------------------------------------------------- changing the plan


def test_a_changed_target_needs_a_reason(world):
    idea, benefit = idea_with_benefit(world.a)
    with pytest.raises(Invalid) as refused:
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
    with pytest.raises(Invalid) as refused:
        _change(benefit, world.a.manager, title="Kortare väntan", version=seen)
    assert refused.value.field == "version"
    assert str(refused.value) == "Someone else changed this benefit meanwhile. Nothing was saved."


def test_a_planned_benefit_keeps_its_owner(world):
    idea, benefit = idea_with_benefit(world.a)
    with pytest.raises(Invalid) as refused:
        _change(benefit, world.a.manager, owner_id=None)
    assert str(refused.value) == "A planned benefit keeps its baseline, target and owner."


def test_a_closed_benefit_is_neither_changed_nor_measured(world):
    idea, benefit = idea_with_benefit(world.a)
    benefit.lifecycle = Lifecycle.CANCELLED
    with pytest.raises(Invalid) as refused:
        _change(benefit, world.a.manager, title="Annat")
    assert str(refused.value) == "A closed benefit cannot be changed."
    data = services.MeasurementInput(on=TODAY, value=Decimal(15))
    with pytest.raises(Invalid) as refused:
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
    with pytest.raises(Invalid) as refused:
        _record(benefit, world.a.employee, "15", on=on)
    assert (refused.value.field, str(refused.value)) == ("on", message)
    _record(benefit, world.a.employee, "15", on=BASELINE_ON)


def test_a_correction_points_at_a_measurement_of_the_same_benefit(world):
    idea, benefit = idea_with_benefit(world.a)
    other = plan_benefit(idea, world.a.manager, owner=world.a.employee, title="Färre papper")
    theirs = measure(other, world.a.employee, "18")
    for corrects in (theirs.id, 999999):
        with pytest.raises(Invalid) as refused:
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
    with pytest.raises(Invalid) as refused:
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
