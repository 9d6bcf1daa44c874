"""`flask generate`: synthetic data that is the same for a seed, true to the stage rules, and
whose kept figures and dashboard cells match a full recomputation."""

from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise

import pytest
from sqlalchemy import func, select

from tracker.auth.models import User
from tracker.benefits.models import Benefit, ClosingAssessment, Measurement
from tracker.benefits.rules import Lifecycle
from tracker.costs.models import Cost
from tracker.extensions import db
from tracker.generate.data import generate
from tracker.generate.org import PASSWORD
from tracker.ideas.models import Idea, StageChange
from tracker.ideas.stages import BOARD, TRANSITIONS, Stage
from tracker.orgs.models import Organisation
from tracker.pilots.models import Evaluation, Pilot
from tracker.pilots.rules import Decision, UnitStatus
from tracker.rollouts.models import Rollout

TODAY = date(2026, 3, 2)
IDEAS, MEASUREMENTS = 60, 300


def _org(name: str) -> int:
    return db.session.scalar(select(Organisation.id).where(Organisation.name == name))


def _fingerprint(name: str) -> tuple:
    """What an organisation holds, without its ids and names: equal for equal data."""
    org = _org(name)
    ideas = db.session.execute(
        select(Idea.title, Idea.stage, Idea.stage_entered_at, Idea.priority_score, Idea.need)
        .where(Idea.organisation_id == org)
        .order_by(Idea.id)
    ).all()
    history = db.session.execute(
        select(StageChange.to_stage, StageChange.at, StageChange.reason)
        .join(Idea, Idea.id == StageChange.idea_id)
        .where(Idea.organisation_id == org)
        .order_by(StageChange.id)
    ).all()
    benefits = db.session.execute(
        select(Benefit.title, Benefit.baseline_value, Benefit.target_value, Benefit.latest_value)
        .join(Idea, Idea.id == Benefit.idea_id)
        .where(Idea.organisation_id == org)
        .order_by(Benefit.id)
    ).all()
    measured = db.session.execute(
        select(func.count(), func.sum(Measurement.value))
        .join(Benefit, Benefit.id == Measurement.benefit_id)
        .join(Idea, Idea.id == Benefit.idea_id)
        .where(Idea.organisation_id == org)
    ).one()
    return ideas, history, benefits, tuple(measured)


@pytest.fixture
def generated(ctx):
    return generate(IDEAS, MEASUREMENTS, seed=7, organisation="Syntetisk kommun", today=TODAY)


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(generated):
    generate(IDEAS, MEASUREMENTS, seed=7, organisation="Tvilling kommun", today=TODAY)
    generate(IDEAS, MEASUREMENTS, seed=8, organisation="Annan kommun", today=TODAY)
    first = _fingerprint("Syntetisk kommun")
    assert len(first[0]) == IDEAS
    assert _fingerprint("Tvilling kommun") == first
    assert _fingerprint("Annan kommun") != first


def test_a_second_organisation_of_the_same_name_is_refused(generated, app):
    result = app.test_cli_runner().invoke(
        args=["generate", "--ideas", "5", "--organisation", "Syntetisk kommun"]
    )
    assert result.exit_code == 1
    assert "exists already" in result.output


def test_every_history_follows_the_transition_table_and_ends_in_the_idea_stage(generated):
    ideas = db.session.scalars(select(Idea).order_by(Idea.id)).all()
    assert len(ideas) == IDEAS
    for idea in ideas:
        history = idea.history
        assert history[0].from_stage is None and history[0].to_stage is Stage.SUBMITTED
        for before, after in pairwise(history):
            assert after.from_stage is before.to_stage, idea.id
            transition = TRANSITIONS.get((after.from_stage, after.to_stage))
            assert transition is not None, (idea.id, after.from_stage, after.to_stage)
            assert after.at > before.at
            assert bool(after.reason) == transition.needs_reason, (idea.id, transition)
            if transition.needs_revisit:
                assert after.revisit_on > after.at.date()
        assert history[-1].to_stage is idea.stage
        assert history[-1].at == idea.stage_entered_at
        assert history[-1].at < datetime(2026, 3, 2)
        assert idea.created_at == history[0].at


def test_the_rows_meet_the_gates_the_history_passed(generated):
    for idea in db.session.scalars(select(Idea)):
        stages = [change.to_stage for change in idea.history]
        if Stage.PRIORITISED in stages:
            assert idea.assessment is not None and idea.strategic_goal_id is not None
            assert idea.priority_score is not None
        if len(stages) > 1 and idea.stage is not Stage.WITHDRAWN:
            assert idea.owner_id is not None
        pilots = db.session.scalars(select(Pilot).where(Pilot.idea_id == idea.id)).all()
        assert len(pilots) == stages.count(Stage.PILOT)
        if idea.stage is Stage.PILOT:
            assert pilots[-1].evaluation is None
        if idea.stage is Stage.STOPPED:
            assert pilots[-1].evaluation.decision is Decision.STOP
        if Stage.ROLLOUT in stages:
            rollout = db.session.scalar(select(Rollout).where(Rollout.idea_id == idea.id))
            assert rollout.units
            if Stage.FOLLOW_UP in stages:
                assert any(u.status is UnitStatus.DONE for u in rollout.units)
        benefits = db.session.scalars(select(Benefit).where(Benefit.idea_id == idea.id)).all()
        if idea.stage in (Stage.ROLLOUT, Stage.FOLLOW_UP, Stage.REALISED):
            assert benefits and all(b.planned for b in benefits)
        else:
            assert not benefits
        if idea.stage is Stage.REALISED:
            assert all(b.lifecycle.closed for b in benefits)
            closing = select(ClosingAssessment).where(ClosingAssessment.idea_id == idea.id)
            assert db.session.scalar(closing) is not None
    assert db.session.scalar(select(func.count()).select_from(Evaluation)) > 0


def test_measurements_come_after_the_baseline_and_about_as_many_as_asked(generated):
    count = db.session.scalar(select(func.count()).select_from(Measurement))
    assert 0.85 * MEASUREMENTS <= count <= MEASUREMENTS
    early = db.session.scalar(
        select(func.count())
        .select_from(Measurement)
        .join(Benefit, Benefit.id == Measurement.benefit_id)
        .where(Measurement.on < Benefit.baseline_on)
    )
    assert early == 0
    lifecycles = set(db.session.scalars(select(Benefit.lifecycle)))
    assert Lifecycle.REALISING in lifecycles and Lifecycle.REALISED in lifecycles
    assert db.session.scalar(select(func.sum(Cost.planned))) > Decimal(0)


def test_the_kept_figures_and_the_dashboard_cells_match_a_full_recomputation(generated, app):
    runner = app.test_cli_runner()
    figures = runner.invoke(args=["rebuild-benefit-figures", "--check"])
    assert figures.exit_code == 0, figures.output
    assert figures.output.splitlines()[-1] == "Every kept figure was already right."
    if "rebuild-aggregates" in app.cli.commands:
        cells = runner.invoke(args=["rebuild-aggregates", "--check"])
        assert cells.exit_code == 0, cells.output


def test_the_command_reports_and_its_accounts_sign_in(app, ctx):
    result = app.test_cli_runner().invoke(
        args=["generate", "--ideas", "20", "--measurements", "50", "--today", "2026-01-15"]
    )
    assert result.exit_code == 0, result.output
    assert "20 idea" in result.output and "synthetic-password" in result.output
    leader = db.session.scalar(select(User).where(User.email.startswith("leader1@")))
    assert leader.check_password(PASSWORD)
    roles = db.session.execute(select(User.role, func.count()).group_by(User.role)).all()
    assert dict(roles)[leader.role] == 3
    assert db.session.scalar(select(func.count()).select_from(User)) == 200
    stages = set(db.session.scalars(select(Idea.stage)))
    assert Stage.SUBMITTED in stages and stages - set(BOARD)  # open and closed ideas
