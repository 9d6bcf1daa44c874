"""State changes of pilots: plan, extend, evaluate. Services add and flush; the view commits."""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from tracker import validation as check
from tracker.auth.members import check_member
from tracker.auth.models import User
from tracker.events import RoleGiven, publish
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import TEXT_MAX, Idea, utcnow
from tracker.ideas.services import ensure_fresh, move_idea
from tracker.ideas.stages import Stage
from tracker.pilots.models import CriterionResult, Evaluation, Pilot, PilotCriterion, PilotExtension
from tracker.pilots.rules import Decision, Outcome
from tracker.refusals import Forbidden, Refused


@dataclass
class CriterionInput:
    description: str
    threshold: str


@dataclass
class PilotInput:
    hypothesis: str
    criteria: list[CriterionInput]
    unit_id: int
    owner_id: int
    starts_on: date
    ends_on: date


@dataclass
class EvaluationInput:
    decision: Decision
    results: dict[int, tuple[Outcome, str]]  # criterion id -> (outcome, evidence)
    learnings: str
    changes: str = ""  # what a pivot changes
    back_to: Stage = Stage.PRIORITISED  # where a pivot sends the idea


def open_pilot(idea: Idea) -> Pilot | None:
    """The idea's latest pilot while it is not evaluated."""
    pilot = latest_pilot(idea)
    return pilot if pilot is not None and pilot.evaluation is None else None


def running_pilot(idea: Idea) -> Pilot | None:
    """The open pilot of an idea in the pilot stage."""
    return open_pilot(idea) if idea.stage is Stage.PILOT else None


def latest_pilot(idea: Idea) -> Pilot | None:
    return db.session.scalars(
        select(Pilot).where(Pilot.idea_id == idea.id).order_by(Pilot.number.desc()).limit(1)
    ).first()


def _manager(idea: Idea, user: User) -> None:
    if not access.can_manage(user, idea):
        raise Forbidden(_l("Only the idea's manager or an administrator may do this."))


def _check_plan(data: PilotInput) -> None:
    """The plan's texts fit their columns without control characters; its dates are sane days
    and its unit and owner are ids."""
    check.text("hypothesis", data.hypothesis, TEXT_MAX)
    description_max = check.column_length(PilotCriterion.description)
    threshold_max = check.column_length(PilotCriterion.threshold)
    for criterion in data.criteria:
        check.text("criteria", criterion.description, description_max)
        check.text("criteria", criterion.threshold, threshold_max)
    check.identifier("unit_id", data.unit_id)
    check.identifier("owner_id", data.owner_id)
    check.day("starts_on", data.starts_on)
    check.day("ends_on", data.ends_on)


def plan_pilot(idea: Idea, planner: User, data: PilotInput, version: int | None) -> Pilot:
    """The idea's manager writes the pilot plan, and the idea moves from prioritised to pilot."""
    _manager(idea, planner)
    ensure_fresh(idea, version)
    _check_plan(data)
    criteria = [c for c in data.criteria if c.description.strip() or c.threshold.strip()]
    if not data.hypothesis.strip():
        raise Refused(_l("Write the hypothesis."))
    if not criteria or any(not (c.description.strip() and c.threshold.strip()) for c in criteria):
        raise Refused(_l("Write at least one success criterion, each with its threshold."))
    if data.ends_on < data.starts_on:
        raise Refused(_l("The end must be on or after the start."))
    check_member(idea.organisation_id, data.owner_id, data.unit_id)
    number = db.session.scalar(
        select(func.coalesce(func.max(Pilot.number), 0)).where(Pilot.idea_id == idea.id)
    )
    pilot = Pilot(
        idea_id=idea.id,
        number=number + 1,
        hypothesis=data.hypothesis.strip(),
        unit_id=data.unit_id,
        owner_id=data.owner_id,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        planned_by_id=planner.id,
        criteria=[
            PilotCriterion(
                position=i, description=c.description.strip(), threshold=c.threshold.strip()
            )
            for i, c in enumerate(criteria, start=1)
        ],
    )
    db.session.add(pilot)
    db.session.flush()
    move_idea(idea, planner, Stage.PILOT, version=None)
    publish(RoleGiven(idea, db.session.get(User, data.owner_id), "pilot_owner", planner))
    return pilot


def extend_pilot(
    idea: Idea, actor: User, new_end: date, reason: str, version: int | None
) -> PilotExtension:
    """A running pilot gets a later end date; the reason is kept in its history."""
    _manager(idea, actor)
    ensure_fresh(idea, version)
    pilot = running_pilot(idea)
    if pilot is None:
        raise Refused(_l("Only a running pilot can be extended."))
    check.day("ends_on", new_end)
    if new_end <= pilot.ends_on:
        raise Refused(_l("The new end must be after the current end."))
    check.text("reason", reason, TEXT_MAX)
    if not reason.strip():
        raise Refused(_l("Give a reason."))
    extension = PilotExtension(
        pilot_id=pilot.id,
        previous_end=pilot.ends_on,
        new_end=new_end,
        reason=reason.strip(),
        actor_id=actor.id,
    )
    pilot.ends_on = new_end
    idea.updated_at = utcnow()  # a new version: an open evaluation form sees the change
    db.session.add(extension)
    db.session.flush()
    return extension


def _check_evaluation(data: EvaluationInput) -> None:
    """A decision, a stage to go back to and an outcome per criterion from their enums; texts
    that fit without control characters."""
    check.member("decision", data.decision, Decision)
    check.member("back_to", data.back_to, Stage)
    check.text("learnings", data.learnings, TEXT_MAX)
    check.text("changes", data.changes, TEXT_MAX)
    for criterion_id, (outcome, evidence) in data.results.items():
        check.member(f"outcome_{criterion_id}", outcome, Outcome)
        check.text(f"evidence_{criterion_id}", evidence, TEXT_MAX)


def evaluate_pilot(
    idea: Idea, evaluator: User, data: EvaluationInput, version: int | None
) -> Evaluation:
    """Record what the pilot showed and decide. A pivot sends the idea back with what changes,
    a stop closes it with the learnings; a scale-up waits for the rollout plan."""
    _manager(idea, evaluator)
    ensure_fresh(idea, version)
    pilot = running_pilot(idea)
    if pilot is None:
        raise Refused(_l("Only a running pilot can be evaluated."))
    if {c.id for c in pilot.criteria} != set(data.results):
        raise Refused(_l("Assess every success criterion."))
    _check_evaluation(data)
    learnings, changes = data.learnings.strip(), data.changes.strip()
    if data.decision is Decision.PIVOT and data.back_to not in (Stage.SCREENING, Stage.PRIORITISED):
        raise Refused(_l("A pivot goes back to screening or prioritised."))
    if data.decision is Decision.PIVOT and not changes:
        raise Refused(_l("Write what changes."))
    if data.decision is Decision.STOP and not learnings:
        raise Refused(_l("Write what was learned."))
    evaluation = Evaluation(
        pilot=pilot,
        decision=data.decision,
        learnings=learnings,
        changes=changes if data.decision is Decision.PIVOT else "",
        evaluator_id=evaluator.id,
        results=[
            CriterionResult(criterion_id=cid, outcome=outcome, evidence=evidence.strip())
            for cid, (outcome, evidence) in sorted(data.results.items())
        ],
    )
    db.session.add(evaluation)
    idea.updated_at = utcnow()
    db.session.flush()
    if data.decision is Decision.PIVOT:
        move_idea(idea, evaluator, data.back_to, version=None, reason=changes)
    elif data.decision is Decision.STOP:
        move_idea(idea, evaluator, Stage.STOPPED, version=None, reason=learnings)
    return evaluation
