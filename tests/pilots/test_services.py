"""Pilot and rollout services through the one stage service, on a real database."""

from datetime import timedelta

import pytest

from tests.factories import reload, version_of
from tests.pilot_factories import (
    TODAY,
    evaluate,
    in_rollout,
    pilot_state,
    plan_pilot,
    plan_rollout,
    prioritised_idea,
)
from tracker.extensions import db
from tracker.ideas.services import move_idea
from tracker.ideas.stages import Stage
from tracker.pilots import services as pilots
from tracker.pilots.rules import Decision, UnitStatus
from tracker.refusals import Forbidden, Refused
from tracker.rollouts import services as rollouts


def test_a_pilot_plan_moves_the_idea_to_pilot_with_its_history(world):
    idea = prioritised_idea(world.a)
    pilot = plan_pilot(idea, world.a.manager)
    idea = reload(idea)
    assert idea.stage is Stage.PILOT
    assert pilot.number == 1
    assert [c.threshold for c in pilot.criteria] == ["under 10 minuter", "minst 80 %"]
    assert idea.history[-1].to_stage is Stage.PILOT


def test_without_a_plan_the_move_to_pilot_is_refused(world):
    idea = prioritised_idea(world.a)
    with pytest.raises(Refused, match="pilot plan"):
        move_idea(idea, world.a.manager, Stage.PILOT, version=None)


def test_a_pivot_sends_the_idea_back_and_it_can_be_piloted_again(world):
    idea = prioritised_idea(world.a)
    plan_pilot(idea, world.a.manager)
    evaluate(idea, world.a.manager, Decision.PIVOT, changes="Ny målgrupp.")
    idea = reload(idea)
    assert idea.stage is Stage.PRIORITISED
    assert idea.history[-1].reason == "Ny målgrupp."
    second = plan_pilot(idea, world.a.manager)
    assert second.number == 2
    assert reload(idea).stage is Stage.PILOT


def test_a_scale_up_waits_for_the_rollout_plan_then_moves(world):
    idea = prioritised_idea(world.a)
    plan_pilot(idea, world.a.manager)
    evaluate(idea, world.a.manager, Decision.SCALE_UP)
    assert reload(idea).stage is Stage.PILOT
    with pytest.raises(Refused, match="rollout plan"):
        move_idea(reload(idea), world.a.manager, Stage.ROLLOUT, version=None)
    db.session.rollback()
    plan_rollout(
        reload(idea), world.a.manager, [(world.a.social, world.a.employee, UnitStatus.PLANNED)]
    )
    assert reload(idea).stage is Stage.ROLLOUT


def test_a_stop_closes_the_idea_with_the_learnings(world):
    idea = prioritised_idea(world.a)
    plan_pilot(idea, world.a.manager)
    evaluate(idea, world.a.manager, Decision.STOP, learnings="Tekniken var inte mogen.")
    idea = reload(idea)
    assert idea.stage is Stage.STOPPED
    assert idea.history[-1].reason == "Tekniken var inte mogen."


def test_a_stop_without_learnings_saves_nothing(world):
    idea = prioritised_idea(world.a)
    plan_pilot(idea, world.a.manager)
    before = pilot_state()
    with pytest.raises(Refused):
        evaluate(idea, world.a.manager, Decision.STOP, learnings=" ")
    db.session.rollback()
    assert pilot_state() == before


def test_extending_keeps_the_old_end_in_the_history(world):
    idea = prioritised_idea(world.a)
    pilot = plan_pilot(idea, world.a.manager)
    old_end = pilot.ends_on
    pilots.extend_pilot(idea, world.a.manager, old_end + timedelta(days=14), "Sjukdom", None)
    db.session.commit()
    assert pilot.ends_on == old_end + timedelta(days=14)
    assert [(e.previous_end, e.reason) for e in pilot.extensions] == [(old_end, "Sjukdom")]


def test_another_managers_idea_cannot_be_planned(world):
    idea = prioritised_idea(world.a)
    with pytest.raises(Forbidden):
        plan_pilot(idea, world.a.school_manager)


def test_a_unit_of_another_organisation_is_refused(world):
    idea = prioritised_idea(world.a)
    with pytest.raises(Refused, match="unit of your organisation"):
        plan_pilot(idea, world.a.manager, unit=world.b.social)


def test_follow_up_needs_a_unit_done_and_then_still_waits_for_benefits(world):
    idea = in_rollout(world.a)
    with pytest.raises(Refused) as refused:
        move_idea(reload(idea), world.a.manager, Stage.FOLLOW_UP, version=None)
    assert [str(m) for m in refused.value.messages] == [
        "Benefit follow-up needs a rollout where at least one unit is done.",
        "Benefit follow-up needs a planned benefit: a baseline, a target and an owner.",
    ]
    db.session.rollback()
    unit = rollouts.rollout_of(idea).units[0]
    version = version_of(idea)
    rollouts.set_unit_status(unit, world.a.employee, UnitStatus.DONE)
    db.session.commit()
    assert version_of(idea) == version + 1
    with pytest.raises(Refused) as refused:
        move_idea(reload(idea), world.a.manager, Stage.FOLLOW_UP, version=None)
    assert len(refused.value.messages) == 1


def test_only_the_contact_updates_a_unit(world):
    idea = in_rollout(world.a)
    unit = rollouts.rollout_of(idea).units[0]
    with pytest.raises(Forbidden):
        rollouts.set_unit_status(unit, world.a.leader, UnitStatus.DONE)


def test_activity_done_and_progress(world):
    idea = in_rollout(
        world.a,
        activities=[("Ny rutin", world.a.leader, TODAY - timedelta(days=1), False)],
    )
    rollout = rollouts.rollout_of(idea)
    assert rollout.progress == 0
    assert rollout.activities[0].overdue(TODAY)
    rollouts.set_activity_done(rollout.activities[0], world.a.leader, True)
    db.session.commit()
    assert rollout.progress == 50
