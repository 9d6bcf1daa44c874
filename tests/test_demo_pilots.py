"""The demo pilots and rollouts: true to the gates, and what the demo people find to do."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.demo_helpers import _ideas, _log_in, _user
from tracker.auth.models import User
from tracker.demo import history
from tracker.extensions import db
from tracker.ideas import access, services
from tracker.ideas.models import Idea, utcnow
from tracker.ideas.stages import Stage
from tracker.pilots import queries as pilot_queries
from tracker.pilots import services as pilots
from tracker.pilots.models import Evaluation
from tracker.pilots.rules import Decision, Outcome, UnitStatus
from tracker.rollouts import queries as rollout_queries
from tracker.rollouts import services as rollouts

DECISION_OF_MOVE = {
    Stage.ROLLOUT: Decision.SCALE_UP,
    Stage.PRIORITISED: Decision.PIVOT,
    Stage.SCREENING: Decision.PIVOT,
    Stage.STOPPED: Decision.STOP,
}


def _in_organisation(idea: Idea, *people: User) -> bool:
    return all(p.organisation_id == idea.organisation_id for p in people)


def test_every_visit_to_pilot_has_its_pilot_and_every_pilot_left_its_evaluation(demo):
    piloted = 0
    for idea in _ideas():
        rows = idea.history
        visits = [(row, rows[i + 1] if i + 1 < len(rows) else None) for i, row in enumerate(rows)]
        visits = [(enter, leave) for enter, leave in visits if enter.to_stage is Stage.PILOT]
        plans = pilot_queries.pilots_of(idea)
        assert len(plans) == len(visits), idea.title
        piloted += bool(plans)
        for number, (pilot, (enter, leave)) in enumerate(zip(plans, visits, strict=True), 1):
            assert pilot.number == number and pilot.created_at == enter.at, idea.title
            assert pilot.hypothesis.strip() and 1 <= len(pilot.criteria) <= 3, idea.title
            assert all(c.description.strip() and c.threshold.strip() for c in pilot.criteria)
            assert pilot.unit.organisation_id == idea.organisation_id, idea.title
            assert _in_organisation(idea, pilot.owner, pilot.planned_by), idea.title
            assert enter.at.date() <= pilot.starts_on <= pilot.ends_on, idea.title
            evaluation = pilot.evaluation
            if leave is None:  # the idea is in its pilot now
                assert evaluation is None and idea.stage is Stage.PILOT, idea.title
                assert pilots.open_pilot(idea) is pilot, idea.title
                continue
            assert pilot.starts_on <= leave.at.date(), idea.title
            assert evaluation is not None, (idea.title, number)
            assert evaluation.decision is DECISION_OF_MOVE[leave.to_stage], idea.title
            assert enter.at < evaluation.at <= leave.at, idea.title
            assert access.can_manage(evaluation.evaluator, idea), idea.title
            assert {r.criterion_id for r in evaluation.results} == {c.id for c in pilot.criteria}
            assert all(r.evidence.strip() for r in evaluation.results), idea.title
            assert evaluation.learnings.strip(), idea.title
            if evaluation.decision is Decision.PIVOT:
                assert evaluation.changes.strip() == leave.reason, idea.title
            if evaluation.decision is Decision.STOP:
                assert evaluation.learnings == leave.reason, idea.title
    assert piloted >= 25


def test_ideas_in_rollout_or_later_have_a_rollout_plan_and_follow_up_a_unit_done(demo):
    partly_done = set()
    for idea in _ideas():
        rows = idea.history
        rollout = rollout_queries.rollout_with_rows(idea)
        entered = [row.at for row in rows if row.to_stage is Stage.ROLLOUT]
        if not entered:
            assert rollout is None, idea.title
            continue
        assert rollout is not None and rollout.units, idea.title
        assert rollout.created_at == entered[0], idea.title
        assert rollout.activities, idea.title
        for unit in rollout.units:
            assert unit.unit.organisation_id == idea.organisation_id, idea.title
            assert _in_organisation(idea, unit.contact), idea.title
            assert unit.starts_on <= unit.ends_on, idea.title
        for activity in rollout.activities:
            assert _in_organisation(idea, activity.owner), idea.title
            assert activity.done == (activity.done_at is not None), idea.title
        first_follow_up = next((r.at for r in rows if r.to_stage is Stage.FOLLOW_UP), None)
        if first_follow_up:  # the gate: a unit was done before the idea went to follow-up
            done = [u for u in rollout.units if u.status is UnitStatus.DONE]
            assert any(u.updated_at <= first_follow_up for u in done), idea.title
        if idea.stage is Stage.REALISED:
            assert rollout.units_done == len(rollout.units), idea.title
            assert rollout.activities_done == len(rollout.activities), idea.title
        if idea.stage is Stage.ROLLOUT:  # what the services see
            assert services.facts_of(idea).rollout_units == len(rollout.units), idea.title
        if 0 < rollout.units_done < len(rollout.units):
            partly_done.add(idea.organisation_id)
    assert len(partly_done) == 3  # rollouts partly done in all three municipalities


def test_the_demo_manager_has_an_overdue_pilot_to_evaluate_on_her_start_page(demo, client):
    maja = _user("manager@example.org")
    overdue = pilot_queries.to_evaluate(maja, date.today())
    assert overdue
    assert all(access.in_scope(maja, p.idea) and p.overdue(date.today()) for p in overdue)
    _log_in(client, maja.email)
    page = client.get("/").text
    assert all(p.idea.title in page for p in overdue)


def test_the_demo_manager_evaluates_her_overdue_pilot_and_plans_its_rollout(demo):
    maja = _user("manager@example.org")
    pilot = pilot_queries.to_evaluate(maja, date.today())[0]
    idea = pilot.idea
    data = pilots.EvaluationInput(
        decision=Decision.SCALE_UP,
        results={c.id: (Outcome.MET, "Mätt under piloten.") for c in pilot.criteria},
        learnings="Robotarna fungerar för brukare som klarar dem själva.",
    )
    pilots.evaluate_pilot(idea, maja, data, version=idea.version)
    unit = pilot.unit
    plan = rollouts.RolloutInput(
        units=[
            rollouts.UnitInput(unit.id, UnitStatus.PLANNED, date.today(), date.today(), maja.id)
        ],
        activities=[],
    )
    rollouts.plan_rollout(idea, maja, plan, version=None)
    assert idea.stage is Stage.ROLLOUT
    assert pilot.number == len(pilot_queries.pilots_of(idea))


def test_the_demo_employee_has_a_unit_and_an_overdue_activity_on_her_start_page(demo, client):
    eva = _user("employee@example.org")
    units = rollout_queries.my_units(eva)
    assert units and all(u.status is not UnitStatus.DONE for u in units)
    overdue = [a for a in rollout_queries.my_activities(eva) if a.overdue(date.today())]
    assert overdue
    _log_in(client, eva.email)
    page = client.get("/").text
    assert all(u.rollout.idea.title in page for u in units)
    assert all(a.description in page for a in overdue)


def test_pivoted_and_stopped_pilots_left_learnings_in_several_municipalities(demo):
    evaluations = db.session.scalars(
        select(Evaluation).where(Evaluation.decision.in_([Decision.PIVOT, Decision.STOP]))
    ).all()
    with_learnings = [e for e in evaluations if e.learnings.strip()]
    assert len(with_learnings) >= 3
    assert len({e.pilot.idea.organisation_id for e in with_learnings}) >= 2
    decisions = {e.decision for e in with_learnings}
    assert decisions == {Decision.PIVOT, Decision.STOP}
    pivoted = [e.pilot for e in evaluations if e.decision is Decision.PIVOT]
    assert all(len(pilot_queries.pilots_of(p.idea)) > p.number for p in pivoted)  # piloted again
    scaled = db.session.scalar(select(func.count()).where(Evaluation.decision == Decision.SCALE_UP))
    assert scaled >= 10


def _past(*moves: tuple[Stage, int]) -> history.History:
    start = utcnow() - timedelta(days=200)
    steps = [history.Step(stage, "Ett skäl.", start + timedelta(days=day)) for stage, day in moves]
    return history.History(steps, assessed_at=start + timedelta(days=15))


PILOT_PATH = ((Stage.SUBMITTED, 0), (Stage.SCREENING, 10), (Stage.PRIORITISED, 20))


def test_the_history_check_applies_the_pilot_and_rollout_gates():
    past = _past(*PILOT_PATH, (Stage.PILOT, 30), (Stage.ROLLOUT, 90), (Stage.FOLLOW_UP, 150))
    with pytest.raises(history.DemoError, match="pilot plan"):
        history.check(past, owner_id=1)
    at = [step.at for step in past.steps]
    pilot = history.PilotPast(at[3], at[3].date(), at[4].date(), at[4], Decision.PIVOT)
    past.pilots = [pilot]
    with pytest.raises(history.DemoError, match="scale up"):
        history.check(past, owner_id=1)
    pilot.decision = Decision.SCALE_UP
    with pytest.raises(history.DemoError, match="rollout plan"):
        history.check(past, owner_id=1)
    unit = history.UnitPast(UnitStatus.DONE, at[4].date(), at[5].date(), at[5] + timedelta(days=1))
    past.rollout = history.RolloutPast(at[4], [unit])
    with pytest.raises(history.DemoError, match="unit is done"):
        history.check(past, owner_id=1)
    unit.done_at = unit.updated_at = at[5]
    with pytest.raises(history.DemoError, match="planned benefit"):
        history.check(past, owner_id=1)
    past.benefits = [history.BenefitPast(at[2], planned_at=at[4])]
    history.check(past, owner_id=1)


def test_the_history_check_wants_one_pilot_per_visit_within_the_visit():
    past = _past(*PILOT_PATH, (Stage.PILOT, 30), (Stage.STOPPED, 90))
    at = [step.at for step in past.steps]
    past.pilots = [history.PilotPast(at[3], at[3].date(), at[4].date())]
    with pytest.raises(history.DemoError, match="Stopping needs"):
        history.check(past, owner_id=1)
    past.pilots[0].evaluated_at, past.pilots[0].decision = at[4], Decision.STOP
    history.check(past, owner_id=1)
    past.pilots[0].starts_on = at[2].date()
    with pytest.raises(history.DemoError, match="starts outside its visit"):
        history.check(past, owner_id=1)
    past.pilots[0].starts_on = at[3].date()
    past.pilots.insert(
        0, history.PilotPast(at[2], at[2].date(), at[3].date(), at[3], Decision.STOP)
    )
    with pytest.raises(history.DemoError, match="1 visits to the pilot stage, 2 pilots"):
        history.check(past, owner_id=1)
