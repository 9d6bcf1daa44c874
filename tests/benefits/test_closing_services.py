"""Closing benefits and the idea's follow-up, through the services: who may, when, and the gate.

The builders at the top are shared with the other test_closing files.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.benefit_factories import TODAY, benefit_input, idea_with_benefit, measure, plan_benefit
from tests.factories import make_idea, reload
from tracker.auth.models import User
from tracker.benefits import closing, services
from tracker.benefits.closing import ClosingInput
from tracker.benefits.models import Benefit, ClosingAssessment, Measurement
from tracker.benefits.rules import Lifecycle
from tracker.extensions import db
from tracker.ideas.services import facts_of, move_idea
from tracker.ideas.stages import Stage
from tracker.pilots.rules import UnitStatus
from tracker.refusals import Forbidden, Invalid, Refused, Stale
from tracker.rollouts import services as rollouts

# ---------------------------------------------------------------- builders


def in_follow_up(org, **kw):
    """An idea moved into benefit follow-up (its one unit done), with one planned benefit owned
    by the org's employee; the idea's responsible manager is the org's manager."""
    idea, benefit = idea_with_benefit(org, **kw)
    rollouts.set_unit_status(rollouts.rollout_of(idea).units[0], org.employee, UnitStatus.DONE)
    move_idea(reload(idea), org.manager, Stage.FOLLOW_UP, version=None)
    db.session.commit()
    return reload(idea), fresh(benefit)


def fresh(benefit) -> Benefit:
    db.session.expire_all()
    return db.session.get(Benefit, benefit.id)


def proposed(org, value="12", **kw):
    """An idea in follow-up whose benefit its owner has proposed as realised."""
    idea, benefit = in_follow_up(org, **kw)
    owner = db.session.get(User, benefit.owner_id)
    closing.propose_realised(benefit, owner, final(value), version=None)
    db.session.commit()
    return reload(idea), fresh(benefit)


def final(value="12", on=None) -> services.MeasurementInput:
    return services.MeasurementInput(on=on or TODAY, value=Decimal(value), comment="Slutmätning")


def closing_input(org, **kw) -> ClosingInput:
    values = dict(
        summary="Handläggningstiden halverades.",
        learnings="Börja mäta tidigt.",
        keeper_id=org.employee.id,
    )
    values.update(kw)
    return ClosingInput(**values)


def measurements(benefit) -> list[tuple]:
    rows = db.session.execute(
        select(Measurement.on, Measurement.value, Measurement.recorded_by_id)
        .where(Measurement.benefit_id == benefit.id)
        .order_by(Measurement.id)
    )
    return [tuple(row) for row in rows]


# ---------------------------------------------------------------- propose


def test_the_owner_proposes_a_benefit_with_a_final_measurement_and_it_stays_open(world, ctx):
    idea, benefit = in_follow_up(world.a)
    closing.propose_realised(benefit, world.a.employee, final("12"), version=benefit.version)
    db.session.commit()
    benefit = fresh(benefit)
    assert measurements(benefit) == [(TODAY, Decimal(12), world.a.employee.id)]
    assert benefit.proposed_by_id == world.a.employee.id
    assert benefit.lifecycle is Lifecycle.REALISING
    assert benefit.signed_off_by_id is None and benefit.signed_off_at is None
    assert benefit.latest_value == Decimal(12)


def test_a_benefit_is_proposed_in_rollout_too(world, ctx):
    idea, benefit = idea_with_benefit(world.a)
    closing.propose_realised(benefit, world.a.employee, final(), version=None)
    assert benefit.proposed_by_id == world.a.employee.id


@pytest.mark.parametrize("who", ["manager", "leader", "admin", "school_manager"])
def test_only_the_benefit_owner_proposes(world, ctx, who):
    idea, benefit = in_follow_up(world.a)
    with pytest.raises(Forbidden):
        closing.propose_realised(benefit, getattr(world.a, who), final(), version=None)


@pytest.mark.parametrize("stage", [Stage.SCREENING, Stage.PRIORITISED, Stage.PILOT])
def test_a_benefit_is_not_proposed_before_rollout(world, ctx, stage):
    idea = make_idea(world.a.employee, world.a.social, stage, owner_id=world.a.manager.id)
    benefit = plan_benefit(idea, world.a.manager, owner=world.a.employee)
    with pytest.raises(Invalid, match="during rollout or benefit follow-up"):
        closing.propose_realised(benefit, world.a.employee, final(), version=None)


def test_a_proposal_dated_before_the_baseline_is_refused_on_its_date(world, ctx):
    idea, benefit = in_follow_up(world.a)
    before = final(on=benefit.baseline_on - timedelta(days=1))
    with pytest.raises(Invalid) as refused:
        closing.propose_realised(benefit, world.a.employee, before, version=None)
    assert refused.value.field == "on"


def test_a_proposal_on_a_changed_benefit_is_stale(world, ctx):
    idea, benefit = in_follow_up(world.a)
    seen = benefit.version
    measure(benefit, world.a.employee, "15")
    with pytest.raises(Stale):
        closing.propose_realised(fresh(benefit), world.a.employee, final(), version=seen)


# ---------------------------------------------------------------- confirm


@pytest.mark.parametrize("who", ["manager", "leader"])
def test_the_responsible_manager_or_a_leader_signs_a_proposed_benefit_off(world, ctx, who):
    idea, benefit = proposed(world.a)
    assert benefit.next_due_on is not None
    signer = getattr(world.a, who)
    closing.confirm_realised(benefit, signer, version=benefit.version)
    db.session.commit()
    benefit = fresh(benefit)
    assert benefit.lifecycle is Lifecycle.REALISED
    assert benefit.signed_off_by_id == signer.id
    assert benefit.signed_off_at is not None
    assert benefit.next_due_on is None


@pytest.mark.parametrize("who", ["employee", "admin", "school_manager"])
def test_others_cannot_sign_a_benefit_off(world, ctx, who):
    idea, benefit = proposed(world.a)
    with pytest.raises(Forbidden):
        closing.confirm_realised(benefit, getattr(world.a, who), version=None)


def test_a_leader_of_another_organisation_cannot_sign_off(world, ctx):
    idea, benefit = proposed(world.a)
    with pytest.raises(Forbidden):
        closing.confirm_realised(benefit, world.b.leader, version=None)


def test_the_proposer_cannot_confirm_even_as_the_responsible_manager(world, ctx):
    idea, benefit = in_follow_up(world.a, owner_id=world.a.manager.id)
    closing.propose_realised(benefit, world.a.manager, final(), version=None)
    with pytest.raises(Forbidden):
        closing.confirm_realised(benefit, world.a.manager, version=None)
    closing.confirm_realised(benefit, world.a.leader, version=None)
    assert benefit.signed_off_by_id == world.a.leader.id


def test_a_benefit_not_proposed_cannot_be_signed_off(world, ctx):
    idea, benefit = in_follow_up(world.a)
    with pytest.raises(Invalid, match="first proposes the benefit as realised"):
        closing.confirm_realised(benefit, world.a.manager, version=None)


def test_a_sign_off_of_a_changed_benefit_is_stale(world, ctx):
    idea, benefit = proposed(world.a)
    seen = benefit.version
    measure(benefit, world.a.employee, "11")
    with pytest.raises(Stale):
        closing.confirm_realised(fresh(benefit), world.a.manager, version=seen)


def test_a_realised_benefit_takes_no_more_measurements_plans_or_sign_offs(world, ctx):
    idea, benefit = proposed(world.a)
    closing.confirm_realised(benefit, world.a.manager, version=None)
    db.session.commit()
    with pytest.raises(Invalid, match="closed benefit takes no more measurements"):
        services.record_measurement(fresh(benefit), world.a.employee, final())
    with pytest.raises(Invalid, match="closed benefit cannot be changed"):
        services.save_benefit(
            idea, world.a.manager, benefit_input(world.a.employee), fresh(benefit)
        )
    with pytest.raises(Invalid, match="closed already"):
        closing.confirm_realised(fresh(benefit), world.a.leader, version=None)
    with pytest.raises(Invalid, match="closed already"):
        closing.propose_realised(fresh(benefit), world.a.employee, final(), version=None)


# ---------------------------------------------------------------- evaporated or cancelled


@pytest.mark.parametrize("outcome", [Lifecycle.EVAPORATED, Lifecycle.CANCELLED])
@pytest.mark.parametrize("who", ["manager", "admin"])
def test_the_idea_manager_closes_a_benefit_that_will_not_come_with_a_reason(
    world, ctx, outcome, who
):
    idea, benefit = in_follow_up(world.a)
    actor = getattr(world.a, who)
    closing.drop_benefit(benefit, actor, outcome, "  Verksamheten lades ned.  ", benefit.version)
    db.session.commit()
    benefit = fresh(benefit)
    assert benefit.lifecycle is outcome
    assert benefit.closing_reason == "Verksamheten lades ned."
    assert (benefit.signed_off_by_id, benefit.next_due_on) == (actor.id, None)


def test_a_benefit_is_cancelled_before_rollout_too(world, ctx):
    idea = make_idea(world.a.employee, world.a.social, Stage.SCREENING, owner_id=world.a.manager.id)
    benefit = plan_benefit(idea, world.a.manager)
    closing.drop_benefit(benefit, world.a.manager, Lifecycle.CANCELLED, "Dubblett.", None)
    assert benefit.lifecycle is Lifecycle.CANCELLED


@pytest.mark.parametrize("who", ["employee", "leader", "school_manager"])
def test_others_cannot_drop_a_benefit(world, ctx, who):
    idea, benefit = in_follow_up(world.a)
    with pytest.raises(Forbidden):
        closing.drop_benefit(benefit, getattr(world.a, who), Lifecycle.CANCELLED, "Nej.", None)


@pytest.mark.parametrize(
    ("outcome", "reason", "field"),
    [
        (Lifecycle.EVAPORATED, "   ", "reason"),
        (Lifecycle.REALISED, "Klart.", "outcome"),
        (Lifecycle.PLANNED, "Klart.", "outcome"),
    ],
)
def test_dropping_needs_an_outcome_and_a_reason(world, ctx, outcome, reason, field):
    idea, benefit = in_follow_up(world.a)
    with pytest.raises(Invalid) as refused:
        closing.drop_benefit(benefit, world.a.manager, outcome, reason, None)
    assert refused.value.field == field


def test_a_dropped_benefit_is_closed_for_good(world, ctx):
    idea, benefit = in_follow_up(world.a)
    closing.drop_benefit(benefit, world.a.manager, Lifecycle.EVAPORATED, "Ingen effekt.", None)
    db.session.commit()
    with pytest.raises(Invalid, match="closed already"):
        closing.drop_benefit(fresh(benefit), world.a.manager, Lifecycle.CANCELLED, "Igen.", None)
    with pytest.raises(Invalid, match="closed benefit takes no more measurements"):
        services.record_measurement(fresh(benefit), world.a.employee, final())


# ---------------------------------------------------------------- the closing assessment


def _assessment(idea):
    db.session.expire_all()
    return db.session.scalar(select(ClosingAssessment).where(ClosingAssessment.idea_id == idea.id))


def test_a_closing_assessment_saved_while_a_benefit_is_open_keeps_the_idea_in_follow_up(world, ctx):
    idea, benefit = in_follow_up(world.a)
    version = idea.version
    moved = closing.assess_closing(idea, world.a.manager, closing_input(world.a), version)
    db.session.commit()
    assert moved is None
    idea = reload(idea)
    assert idea.stage is Stage.FOLLOW_UP and idea.version == version + 1
    saved = _assessment(idea)
    assert (saved.summary, saved.learnings, saved.keeper_id, saved.assessed_by_id) == (
        "Handläggningstiden halverades.",
        "Börja mäta tidigt.",
        world.a.employee.id,
        world.a.manager.id,
    )


def test_saving_the_closing_assessment_when_every_benefit_is_closed_moves_the_idea(world, ctx):
    idea, benefit = proposed(world.a)
    closing.confirm_realised(benefit, world.a.leader, version=None)
    db.session.commit()
    idea = reload(idea)
    change = closing.assess_closing(idea, world.a.manager, closing_input(world.a), idea.version)
    db.session.commit()
    assert (change.from_stage, change.to_stage, change.actor_id) == (
        Stage.FOLLOW_UP,
        Stage.REALISED,
        world.a.manager.id,
    )
    assert reload(idea).stage is Stage.REALISED


def test_a_changed_closing_assessment_replaces_the_first(world, ctx):
    idea, benefit = in_follow_up(world.a)
    closing.assess_closing(idea, world.a.manager, closing_input(world.a), None)
    closing.assess_closing(
        idea, world.a.admin, closing_input(world.a, keeper_id=world.a.leader.id), None
    )
    db.session.commit()
    rows = db.session.scalars(select(ClosingAssessment)).all()
    assert [(r.keeper_id, r.assessed_by_id) for r in rows] == [
        (world.a.leader.id, world.a.admin.id)
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"summary": "  "}, "summary"),
        ({"learnings": ""}, "learnings"),
        ({"keeper_id": None}, "keeper_id"),
    ],
)
def test_a_closing_assessment_needs_every_part(world, ctx, changes, field):
    idea, benefit = in_follow_up(world.a)
    with pytest.raises(Invalid) as refused:
        closing.assess_closing(idea, world.a.manager, closing_input(world.a, **changes), None)
    assert refused.value.field == field


def test_the_keeper_belongs_to_the_organisation(world, ctx):
    idea, benefit = in_follow_up(world.a)
    data = closing_input(world.a, keeper_id=world.b.employee.id)
    with pytest.raises(Invalid, match="person of your organisation") as refused:
        closing.assess_closing(idea, world.a.manager, data, None)
    assert refused.value.field == "keeper_id"


@pytest.mark.parametrize("who", ["employee", "leader", "school_manager"])
def test_only_the_idea_manager_writes_the_closing_assessment(world, ctx, who):
    idea, benefit = in_follow_up(world.a)
    with pytest.raises(Forbidden):
        closing.assess_closing(idea, getattr(world.a, who), closing_input(world.a), None)


def test_the_closing_assessment_is_written_in_follow_up_only(world, ctx):
    idea, benefit = idea_with_benefit(world.a)
    with pytest.raises(Invalid, match="during benefit follow-up"):
        closing.assess_closing(idea, world.a.manager, closing_input(world.a), None)


def test_a_closing_assessment_on_a_changed_idea_is_stale(world, ctx):
    idea, benefit = in_follow_up(world.a)
    with pytest.raises(Stale, match="Someone else changed this idea"):
        closing.assess_closing(idea, world.a.manager, closing_input(world.a), idea.version - 1)


# ---------------------------------------------------------------- the gate, with the database


def test_the_facts_of_an_idea_in_follow_up_count_its_benefits_and_the_assessment(world, ctx):
    idea, benefit = in_follow_up(world.a)
    second = plan_benefit(idea, world.a.manager, owner=world.a.employee, title="Färre utskick")
    facts = facts_of(reload(idea))
    assert (facts.open_benefits, facts.closed_benefits, facts.closing_assessed) == (2, 0, False)
    closing.drop_benefit(fresh(second), world.a.manager, Lifecycle.CANCELLED, "Dubblett.", None)
    closing.assess_closing(reload(idea), world.a.manager, closing_input(world.a), None)
    facts = facts_of(reload(idea))
    assert (facts.open_benefits, facts.closed_benefits, facts.closing_assessed) == (1, 1, True)


def test_the_move_to_realised_is_refused_until_the_benefits_are_closed_and_assessed(world, ctx):
    idea, benefit = in_follow_up(world.a)
    with pytest.raises(Refused) as refused:
        move_idea(idea, world.a.manager, Stage.REALISED, version=None)
    assert [str(m) for m in refused.value.messages] == [
        "Realised needs every benefit closed: realised and signed off, evaporated or cancelled.",
        "Realised needs a closing assessment: a summary, the learnings and who keeps the benefit.",
    ]
    db.session.rollback()
    closing.assess_closing(reload(idea), world.a.manager, closing_input(world.a), None)
    db.session.commit()
    with pytest.raises(Refused, match="every benefit closed"):
        move_idea(reload(idea), world.a.manager, Stage.REALISED, version=None)
    db.session.rollback()
    closing.drop_benefit(fresh(benefit), world.a.manager, Lifecycle.EVAPORATED, "Nej.", None)
    move_idea(reload(idea), world.a.manager, Stage.REALISED, version=None)
    db.session.commit()
    assert reload(idea).stage is Stage.REALISED
