"""The demo benefits: true to the gates and the history, honest in their numbers, followed up."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.demo_helpers import _ideas, _log_in, _user
from tracker.auth.roles import Role
from tracker.benefits import calc, figures, services
from tracker.benefits.models import (
    Benefit,
    ClosingAssessment,
    IdeaYearFigure,
    InterimTarget,
    Measurement,
    PlanChange,
)
from tracker.benefits.rules import DROPPED, BenefitType, Lifecycle
from tracker.costs.models import Cost
from tracker.costs.rules import CostCategory, CostKind
from tracker.demo import history
from tracker.demo.data import load_demo
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea, utcnow
from tracker.ideas.stages import PLANNING_STAGES, Stage
from tracker.pilots.rules import Decision, UnitStatus

OPEN = (Lifecycle.PLANNED, Lifecycle.REALISING)


def _benefits(idea: Idea | None = None) -> list[Benefit]:
    query = select(Benefit).order_by(Benefit.id)
    if idea is not None:
        query = query.where(Benefit.idea_id == idea.id)
    return list(db.session.scalars(query))


def _measurements(benefit: Benefit) -> list[Measurement]:
    return list(
        db.session.scalars(
            select(Measurement).where(Measurement.benefit_id == benefit.id).order_by(Measurement.id)
        )
    )


def _first_move(idea: Idea, stage: Stage):
    return next((row.at for row in idea.history if row.to_stage is stage), None)


def _overdue(today: date) -> list[Benefit]:
    """Open benefits past their next due date, of ideas still followed up."""
    return list(
        db.session.scalars(
            select(Benefit)
            .join(Idea, Idea.id == Benefit.idea_id)
            .where(
                Benefit.lifecycle.in_(OPEN),
                Benefit.next_due_on < today,
                Idea.stage.in_(PLANNING_STAGES),
            )
        )
    )


def test_every_idea_in_follow_up_or_later_had_a_planned_benefit_before_the_move(demo):
    followed = 0
    for idea in _ideas():
        moved = _first_move(idea, Stage.FOLLOW_UP)
        if moved is None:
            continue
        followed += 1
        planned = [b for b in _benefits(idea) if b.planned and b.lifecycle not in DROPPED]
        assert planned, idea.title
        assert any(b.created_at <= moved and b.baseline_on <= moved.date() for b in planned)
    assert followed >= 10
    ideas = [i for i in _ideas() if i.stage in (Stage.ROLLOUT, Stage.PRIORITISED, Stage.PILOT)]
    assert all(_benefits(i) for i in ideas if i.stage is Stage.ROLLOUT)
    assert sum(any(b.planned for b in _benefits(i)) for i in ideas if i.stage is not Stage.ROLLOUT)


def test_realised_ideas_have_every_benefit_closed_and_signed_off_and_a_closing_assessment(demo):
    realised = [idea for idea in _ideas() if idea.stage is Stage.REALISED]
    assert len(realised) >= 6
    for idea in realised:
        moved = _first_move(idea, Stage.REALISED)
        benefits = _benefits(idea)
        assert benefits and all(b.lifecycle.closed for b in benefits), idea.title
        signed = [b for b in benefits if b.lifecycle is Lifecycle.REALISED]
        assert signed, idea.title
        for benefit in signed:
            signer = benefit.signed_off_by
            assert signer is not None and benefit.signed_off_at <= moved, benefit.title
            assert signer.id == idea.owner_id or signer.role is Role.LEADER, benefit.title
            assert signer.organisation_id == idea.organisation_id, benefit.title
            assert benefit.proposed_by_id == benefit.owner_id, benefit.title
            assert signer.id not in (benefit.proposed_by_id, idea.submitter_id), benefit.title
            last = max(m.recorded_at for m in _measurements(benefit))
            assert last <= benefit.signed_off_at, benefit.title
        for benefit in benefits:
            if benefit.lifecycle in DROPPED:
                assert benefit.closing_reason.strip() and benefit.signed_off_by is None
        closing = db.session.scalar(
            select(ClosingAssessment).where(ClosingAssessment.idea_id == idea.id)
        )
        assert closing is not None, idea.title
        assert closing.summary.strip() and closing.learnings.strip(), idea.title
        assert closing.keeper.organisation_id == idea.organisation_id, idea.title
        assert closing.assessed_by_id == idea.owner_id, idea.title
        assert max(b.signed_off_at for b in signed) <= closing.at <= moved, idea.title
    signers = {b.signed_off_by.role for b in _benefits() if b.signed_off_by}
    assert signers == {Role.MANAGER, Role.LEADER}
    closings = db.session.scalar(select(func.count()).select_from(ClosingAssessment))
    assert closings == len(realised)


def test_the_demo_has_every_kind_of_benefit_cost_and_change(demo):
    benefits = _benefits()
    assert {b.type for b in benefits} == set(BenefitType)
    assert {b.lifecycle for b in benefits} == set(Lifecycle)
    assert any(b.dis_benefit and b.planned for b in benefits)
    evaporated = [b for b in benefits if b.lifecycle is Lifecycle.EVAPORATED]
    assert evaporated and all(b.closing_reason.strip() for b in evaporated)
    examples = {"Frigjord tid i hemtjänsten", "Färre pappersutskick", "Nöjdhet med e-tjänsten"}
    assert examples <= {b.title for b in benefits}
    assert any(b.measure == "dagar" and "handläggningstid" in b.title for b in benefits)
    assert {b.measure for b in benefits} >= {"timmar per månad", "kr per år", "NKI", "dagar"}
    corrections = db.session.scalars(
        select(Measurement).where(Measurement.corrects_id.is_not(None))
    ).all()
    assert corrections
    for correction in corrections:
        corrected = db.session.get(Measurement, correction.corrects_id)
        assert corrected.benefit_id == correction.benefit_id
        assert corrected.recorded_at < correction.recorded_at and correction.comment.strip()
    changes = db.session.scalars(select(PlanChange)).all()
    assert len(changes) >= 2 and all(c.reason.strip() and c.actor_id for c in changes)
    assert {c.what for c in changes} == {"baseline", "target"}
    for change in changes:
        benefit = db.session.get(Benefit, change.benefit_id)
        assert change.old_value != change.new_value
        assert getattr(benefit, f"{change.what}_value") == change.new_value
        assert benefit.created_at < change.at < utcnow()
    assert db.session.scalar(select(func.count()).select_from(InterimTarget)) >= 5
    costs = db.session.scalars(select(Cost)).all()
    assert {c.kind for c in costs} == set(CostKind)
    assert {c.category for c in costs} == set(CostCategory)
    assert any(c.actual is not None for c in costs) and any(c.actual is None for c in costs)
    assert all(c.actual is None or c.year_from <= date.today().year for c in costs)
    money = [b for b in benefits if b.planned and b.type.monetised]
    assert all(b.sek_per_unit and b.price_year for b in money)


def test_several_follow_ups_are_overdue_for_the_demo_employee_and_in_the_managers_units(demo):
    today = date.today()
    overdue = _overdue(today)
    assert len(overdue) >= 5
    eva, maja = _user("employee@example.org"), _user("manager@example.org")
    assert any(b.owner_id == eva.id for b in overdue)
    units = access.managed_unit_ids(maja)
    assert len([b for b in overdue if b.idea.unit_id in units]) >= 2
    assert len({b.idea.organisation_id for b in overdue}) == 3


def test_measurements_follow_the_baseline_and_are_never_in_the_future(demo):
    today, now = date.today(), utcnow()
    counted = 0
    for benefit in _benefits():
        rows = _measurements(benefit)
        if not benefit.planned:
            assert not rows and benefit.lifecycle in (Lifecycle.IDENTIFIED, *DROPPED)
            continue
        assert benefit.baseline_on < benefit.target_on, benefit.title
        assert all(benefit.baseline_on < t.on < benefit.target_on for t in benefit.interim_targets)
        if benefit.lifecycle in OPEN:
            assert (benefit.lifecycle is Lifecycle.PLANNED) == (not rows), benefit.title
        closed = benefit.signed_off_at or (benefit.updated_at if benefit.lifecycle.closed else now)
        for row in rows:
            assert benefit.baseline_on < row.on <= today, benefit.title
            assert row.on < row.recorded_at.date() or row.on == row.recorded_at.date()
            assert row.recorded_at <= closed and row.recorded_by_id == benefit.owner_id
        counted += len(rows)
    assert counted >= 150
    long = [b for b in _benefits() if b.latest_on and b.latest_on - b.baseline_on > timedelta(600)]
    assert len(long) >= 3  # the older series run over two or three calendar years


def test_the_kept_figures_equal_a_recomputation(demo):
    for benefit in _benefits():
        plan, readings = services.plan_of(benefit), services.readings_of(benefit)
        reading = calc.latest(readings)
        assert benefit.latest_value == (reading.value if reading else None), benefit.title
        assert benefit.latest_on == (reading.on if reading else None), benefit.title
        change = calc.realised_change(plan, readings) if plan and reading else None
        assert benefit.realised_change == change, benefit.title
        due = None
        if plan and not benefit.lifecycle.closed:
            due = calc.next_due(benefit.latest_on, benefit.baseline_on, benefit.interval_months)
        assert benefit.next_due_on == due, benefit.title
    for idea in _ideas():
        kept = db.session.scalars(select(IdeaYearFigure).where(IdeaYearFigure.idea_id == idea.id))
        rows = {f.year: {name: getattr(f, name) for name in figures.FIGURES} for f in kept}
        assert rows == figures.year_rows(idea), idea.title
    assert db.session.scalar(select(func.count()).select_from(IdeaYearFigure)) >= 50
    assert not figures.rebuild_all().changed
    db.session.rollback()


def test_realised_benefits_reached_their_target_or_say_why(demo):
    today = date.today()
    for benefit in _benefits():
        if benefit.lifecycle is not Lifecycle.REALISED:
            continue
        status = calc.status(services.plan_of(benefit), services.readings_of(benefit), today)
        assert status is calc.Status.ACHIEVED or benefit.closing_reason.strip(), benefit.title


def test_a_leader_opens_a_realised_idea_and_its_benefits(demo, client):
    lena = _user("leader@example.org")
    ideas = [i for i in _ideas() if i.stage is Stage.REALISED]
    ideas = [i for i in ideas if i.organisation_id == lena.organisation_id]
    _log_in(client, lena.email)
    for idea in ideas:
        page = client.get(f"/ideas/{idea.id}")
        assert page.status_code == 200, idea.title
        for benefit in _benefits(idea):
            assert benefit.title in page.text, benefit.title
            assert client.get(f"/benefits/{benefit.id}").status_code == 200, benefit.title


def test_the_second_load_adds_no_benefits(demo):
    models = (Benefit, Measurement, PlanChange, InterimTarget, Cost, ClosingAssessment)
    models += (IdeaYearFigure,)
    counts = [db.session.scalar(select(func.count()).select_from(m)) for m in models]
    assert "no demo data was loaded" in load_demo()
    assert [db.session.scalar(select(func.count()).select_from(m)) for m in models] == counts


def _fingerprint() -> list[tuple]:
    """The benefits as the content makes them, without the dates (they count from the load)."""
    return [
        (
            b.idea.title,
            b.title,
            b.type,
            b.lifecycle,
            b.owner.email,
            b.signed_off_by and b.signed_off_by.email,
            b.baseline_value,
            b.target_value,
            len(b.interim_targets),
        )
        for b in _benefits()
    ]


def test_the_demo_benefits_are_the_same_on_every_run(demo):
    first = _fingerprint()
    db.session.remove()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    load_demo()
    assert _fingerprint() == first


def _past() -> history.History:
    """An idea piloted, rolled out, followed up and realised, with its pilot and rollout."""
    start = utcnow() - timedelta(days=300)
    moves = [(Stage.SUBMITTED, 0), (Stage.SCREENING, 10), (Stage.PRIORITISED, 20)]
    moves += [(Stage.PILOT, 30), (Stage.ROLLOUT, 90), (Stage.FOLLOW_UP, 150), (Stage.REALISED, 250)]
    steps = [history.Step(stage, "Ett skäl.", start + timedelta(days=day)) for stage, day in moves]
    past = history.History(steps, assessed_at=start + timedelta(days=15))
    at = [step.at for step in steps]
    past.pilots = [history.PilotPast(at[3], at[3].date(), at[4].date(), at[4], Decision.SCALE_UP)]
    unit = history.UnitPast(UnitStatus.DONE, at[4].date(), at[5].date(), at[5], at[5])
    past.rollout = history.RolloutPast(at[4], [unit])
    return past


def test_the_history_check_applies_the_benefit_gates():
    past = _past()
    at = [step.at for step in past.steps]
    with pytest.raises(history.DemoError, match="planned benefit"):
        history.check(past, owner_id=1)
    benefit = history.BenefitPast(at[2], at[5] + timedelta(hours=1))
    past.benefits = [benefit]
    with pytest.raises(history.DemoError, match="planned benefit"):  # planned too late
        history.check(past, owner_id=1)
    benefit.planned_at = at[4] + timedelta(days=5)
    with pytest.raises(history.DemoError, match="every benefit closed"):
        history.check(past, owner_id=1)
    benefit.closed_at = at[6] - timedelta(days=10)
    with pytest.raises(history.DemoError, match="closing assessment"):
        history.check(past, owner_id=1)
    past.closing_at = at[6]
    history.check(past, owner_id=1)
    dropped = history.BenefitPast(at[2], at[4], at[4] + timedelta(days=1), dropped=True)
    past.benefits = [dropped, benefit]  # a benefit dropped before follow-up counts for nothing
    benefit.planned_at = at[5] + timedelta(minutes=1)
    with pytest.raises(history.DemoError, match="planned benefit"):
        history.check(past, owner_id=1)
