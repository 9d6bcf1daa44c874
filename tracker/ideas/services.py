"""State changes of ideas. Services add and flush; the view commits once."""

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, exists, func, select, update

from tracker import validation as check
from tracker.audit import AuditAction, audit
from tracker.auth.models import User
from tracker.benefits.models import Benefit, ClosingAssessment
from tracker.benefits.rules import DROPPED, Lifecycle
from tracker.events import (
    IdeaChanged,
    IdeaMoved,
    IdeaSubmitted,
    IdeaSupported,
    RoleGiven,
    publish,
)
from tracker.extensions import db
from tracker.ideas import access, tags
from tracker.ideas.models import (
    TEXT_MAX,
    Assessment,
    Idea,
    Score,
    Source,
    StageChange,
    Support,
    Tag,
    utcnow,
)
from tracker.ideas.scoring import SCALE_MAX, SCALE_MIN, WeightedScore, priority
from tracker.ideas.stages import IdeaFacts, MoveInput, Refusal, Stage, check_move
from tracker.locking import insert_for
from tracker.orgs import tenancy
from tracker.orgs.models import Category, Organisation, ScoringCriterion, StrategicGoal, Unit
from tracker.pilots.models import Evaluation, Pilot
from tracker.pilots.rules import UnitStatus
from tracker.refusals import Forbidden, Invalid, Refused, Stale, UnknownMove
from tracker.rollouts.models import Rollout, RolloutUnit

_REFUSALS = {Refusal.UNKNOWN: UnknownMove, Refusal.FORBIDDEN: Forbidden, Refusal.GATE: Refused}


@dataclass
class IdeaText:
    title: str
    need: str
    proposal: str
    expected_benefit: str
    category_id: int | None
    unit_id: int
    source: Source = Source.EMPLOYEE
    tags: list[str] | None = None  # None leaves the idea's tags as they are
    # None: a new idea takes the organisation's default, an edited one stays as it is
    confidential: bool | None = None


def ensure_fresh(idea: Idea, version: int | None) -> None:
    """Optimistic locking: a change made on an older version of the idea is refused."""
    if version is not None and version != idea.version:
        raise Stale(
            _l(
                "Someone else changed this idea while you were working on it "
                "(now at stage %(stage)s). Nothing was saved; check the current version.",
                stage=idea.stage.label,
            )
        )


def checked_text(organisation_id: int, data: IdeaText) -> IdeaText:
    """The idea's texts trimmed and within their columns, a source, and a unit and category of
    the organisation; otherwise refuse on the field."""
    title_max = check.column_length(Idea.title)
    data = replace(
        data,
        title=check.text("title", data.title, title_max, required=True),
        need=check.text("need", data.need, TEXT_MAX, required=True),
        proposal=check.text("proposal", data.proposal, TEXT_MAX, required=True),
        expected_benefit=check.text("expected_benefit", data.expected_benefit, TEXT_MAX),
        source=check.member("source", data.source, Source),
        unit_id=check.identifier("unit_id", data.unit_id),
        category_id=check.identifier("category_id", data.category_id, required=False),
    )
    unit = db.session.get(Unit, data.unit_id)
    if unit is None or not tenancy.same_organisation(unit.organisation_id, organisation_id):
        raise Invalid("unit_id", _l("Choose one of the organisation's units."))
    if data.category_id is not None:
        category = db.session.get(Category, data.category_id)
        if category is None or not tenancy.same_organisation(
            category.organisation_id, organisation_id
        ):
            raise Invalid("category_id", _l("Choose one of the organisation's categories."))
    return data


def _write(idea: Idea, data: IdeaText) -> None:
    data = checked_text(idea.organisation_id, data)
    for f in fields(data):
        if f.name not in ("tags", "confidential"):
            setattr(idea, f.name, getattr(data, f.name))
    if data.tags is not None:
        set_tags(idea, data.tags)


def set_tags(idea: Idea, names: Iterable[str]) -> None:
    """The idea's tags become these names: the organisation's tags are reused whatever their
    letter case, missing ones are created. At most 10, each at most 40 characters."""
    names = tags.distinct(names)
    problem = tags.problem(names)
    if problem:
        raise Refused(problem)
    for name in names:
        check.text("tags", name, check.column_length(Tag.name))
    saved = idea.id is not None
    existing = _tags_by_name(idea.organisation_id)
    missing = [name for name in names if name.casefold() not in existing]
    if missing:  # created once, when two people add the same new tag at the same moment
        rows = [{"organisation_id": idea.organisation_id, "name": name} for name in missing]
        db.session.execute(insert_for(Tag).on_conflict_do_nothing(), rows)
        existing = _tags_by_name(idea.organisation_id)
    chosen = [existing[name.casefold()] for name in names]
    if {tag.name for tag in chosen} == {tag.name for tag in idea.tags}:
        return
    idea.tags = chosen
    if saved:  # the tags are part of the idea: a change makes a new version, as a text edit does
        idea.updated_at = utcnow()


def submit_idea(submitter: User, text: IdeaText) -> Idea:
    """An employee submits an idea; it starts in the submitted stage with its first history row."""
    idea = Idea(organisation_id=submitter.organisation_id, submitter_id=submitter.id)
    _write(idea, text)
    if text.confidential is None:
        organisation = db.session.get(Organisation, submitter.organisation_id)
        idea.confidential = organisation.ideas_confidential_by_default
    elif isinstance(text.confidential, bool):
        idea.confidential = text.confidential
    else:
        raise Invalid("confidential", _l("Choose open or confidential."))
    db.session.add(idea)
    db.session.flush()
    first = StageChange(idea_id=idea.id, to_stage=Stage.SUBMITTED, actor_id=submitter.id)
    db.session.add(first)
    db.session.flush()
    publish(IdeaSubmitted(idea, first))
    return idea


def edit_idea(idea: Idea, editor: User, text: IdeaText, version: int | None) -> None:
    """The submitter edits the idea while it is submitted, on its current version."""
    if not access.can_edit(editor, idea):
        raise Forbidden(_l("Only the submitter can edit an idea, and only while it is submitted."))
    ensure_fresh(idea, version)
    _write(idea, text)
    if text.confidential is not None and _audit_confidential(idea, editor, text.confidential):
        idea.confidential = text.confidential
    db.session.flush()
    publish(IdeaChanged(idea))


def set_confidential(idea: Idea, actor: User, confidential: bool) -> bool:
    """A manager in scope or an admin marks the idea confidential, or opens it to every member
    of the organisation; whether that changed anything.

    Written with an UPDATE that leaves the version alone, as the support count is: the switch
    says the state it wants, so nobody's open form goes stale because of it.
    """
    if not access.can_mark_confidential(actor, idea):
        raise Forbidden(_l("Only a manager of the idea's unit or an admin can change this."))
    if not _audit_confidential(idea, actor, confidential):
        return False
    db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values(confidential=confidential, updated_at=Idea.updated_at)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(idea, ["confidential"])
    publish(IdeaChanged(idea))
    return True


def _audit_confidential(idea: Idea, actor: User, confidential: bool) -> bool:
    """Whether `confidential` changes the idea's confidentiality; a change is audited."""
    if not isinstance(confidential, bool):
        raise Invalid("confidential", _l("Choose open or confidential."))
    if idea.confidential == confidential:
        return False
    change = f"confidential: {str(not confidential).lower()} → {str(confidential).lower()}"
    audit(actor, AuditAction.UPDATE, idea, change)
    return True


def _tags_by_name(organisation_id: int) -> dict[str, Tag]:
    """The organisation's tags by their case-folded name (folded here: SQLite folds ASCII only)."""
    with db.session.no_autoflush:
        tags = db.session.scalars(select(Tag).where(Tag.organisation_id == organisation_id))
        return {tag.name.casefold(): tag for tag in tags}


def toggle_support(idea: Idea, supporter: User) -> bool:
    """A reader who did not submit the idea supports it once, or withdraws the support.

    The idea's count follows in the same transaction, with an UPDATE that leaves its version
    alone: a manager's open form does not go stale because somebody supported the idea.
    Returns whether the supporter supports the idea now.
    """
    if not access.can_support(supporter, idea):
        raise Forbidden(_l("You may not support this idea."))
    withdrawn = _withdraw_support(idea, supporter)
    if not withdrawn:
        db.session.add(Support(idea_id=idea.id, user_id=supporter.id))
        db.session.flush()  # a second support by the same person fails here, before the count
    change = -1 if withdrawn else 1
    db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values(support_count=Idea.support_count + change, updated_at=Idea.updated_at)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(idea, ["support_count"])  # read back as the database counted it
    if not withdrawn:
        publish(IdeaSupported(idea, supporter))
    return not withdrawn


def _withdraw_support(idea: Idea, supporter: User) -> bool:
    """Remove the supporter's support, if there is one; whether there was."""
    removed = db.session.execute(
        delete(Support).where(Support.idea_id == idea.id, Support.user_id == supporter.id)
    )
    return removed.rowcount > 0


def _latest_pilot_facts(idea: Idea, pilots: list[Pilot] | None) -> dict:
    """Whether the latest pilot is open, and what its evaluation decided; from `pilots` (every
    pilot of the idea in order, evaluations loaded) when the caller has them."""
    if pilots is not None:
        evaluation = pilots[-1].evaluation if pilots else None
        return {
            "open_pilot": bool(pilots) and evaluation is None,
            "decision": evaluation.decision if evaluation else None,
        }
    pilot = db.session.execute(
        select(Pilot.id, Evaluation.decision)
        .outerjoin(Evaluation, Evaluation.pilot_id == Pilot.id)
        .where(Pilot.idea_id == idea.id)
        .order_by(Pilot.number.desc())
        .limit(1)
    ).first()
    return {
        "open_pilot": pilot is not None and pilot.decision is None,
        "decision": pilot.decision if pilot else None,
    }


def facts_of(idea: Idea, pilots: list[Pilot] | None = None) -> IdeaFacts:
    """What the gates of the idea's stage need; pilot, rollout and benefit facts only where they
    count. A page that has the idea's pilots loaded passes them: they are not read again."""
    facts = {}
    if idea.stage in (Stage.PRIORITISED, Stage.PILOT):
        facts.update(_latest_pilot_facts(idea, pilots))
    if idea.stage in (Stage.PRIORITISED, Stage.PILOT, Stage.ROLLOUT):
        total, done = db.session.execute(
            select(func.count(), func.count().filter(RolloutUnit.status == UnitStatus.DONE))
            .join(Rollout, Rollout.id == RolloutUnit.rollout_id)
            .where(Rollout.idea_id == idea.id)
        ).one()
        facts["rollout_units"], facts["units_done"] = total, done
    if idea.stage is Stage.ROLLOUT:
        facts["planned_benefits"] = db.session.scalar(
            select(func.count()).where(
                Benefit.idea_id == idea.id,
                Benefit.lifecycle.not_in((Lifecycle.IDENTIFIED, *DROPPED)),
            )
        )
    if idea.stage is Stage.FOLLOW_UP:
        closed = Benefit.lifecycle.in_([lc for lc in Lifecycle if lc.closed])
        facts["open_benefits"], facts["closed_benefits"] = db.session.execute(
            select(func.count().filter(~closed), func.count().filter(closed)).where(
                Benefit.idea_id == idea.id
            )
        ).one()
        facts["closing_assessed"] = db.session.scalar(
            select(exists().where(ClosingAssessment.idea_id == idea.id))
        )
    if idea.stage is Stage.SCREENING:  # the one stage whose moves ask for an assessment
        facts["assessed"] = idea.assessment is not None and idea.strategic_goal_id is not None
    return IdeaFacts(stage=idea.stage, owner_id=idea.owner_id, **facts)


def move_idea(
    idea: Idea,
    mover: User,
    target: Stage,
    *,
    version: int | None,
    reason: str = "",
    revisit_on: date | None = None,
) -> StageChange:
    """The one way an idea changes stage: table, role, scope and gate are checked, history kept."""
    return make_move(idea, checked_move(idea, mover, target, version, reason, revisit_on))


def checked_move(
    idea: Idea,
    mover: User,
    target: Stage,
    version: int | None,
    reason: str = "",
    revisit_on: date | None = None,
) -> StageChange:
    """The history row of a move that passed its checks, not yet made: `make_move` makes it.
    Nothing is changed, so a caller may refuse for a reason of its own in between."""
    ensure_fresh(idea, version)
    reason = check.text("reason", reason, TEXT_MAX)
    revisit_on = check.day("revisit_on", revisit_on, required=False)
    move = MoveInput(reason=reason, revisit_on=revisit_on, today=date.today())
    verdict = check_move(target, access.actor(mover, idea), facts_of(idea), move)
    if not verdict.ok:
        raise _REFUSALS[verdict.refusal](*verdict.problems)
    return StageChange(
        idea_id=idea.id,
        from_stage=idea.stage,
        to_stage=target,
        actor_id=mover.id,
        reason=move.reason,
        revisit_on=revisit_on if target is Stage.PARKED else None,
    )


def make_move(idea: Idea, change: StageChange) -> StageChange:
    """Move the idea as `checked_move` allowed and keep the history row."""
    idea.stage = change.to_stage
    idea.stage_entered_at = utcnow()
    idea.revisit_on = change.revisit_on
    db.session.add(change)
    db.session.flush()
    publish(IdeaMoved(idea, change))
    return change


def take_idea(idea: Idea, manager: User, version: int | None) -> StageChange:
    """ "I am responsible": the manager becomes the owner and the idea moves to screening."""
    ensure_fresh(idea, version)
    if not access.can_manage(manager, idea):
        raise Forbidden(_l("You may not make this move."))
    previous = idea.owner_id
    idea.owner_id = manager.id
    try:
        change = move_idea(idea, manager, Stage.SCREENING, version=None)
    except Refused:
        idea.owner_id = previous
        raise
    if previous != manager.id:
        publish(RoleGiven(idea, manager, "owner", manager))
    return change


@dataclass
class AssessmentInput:
    scores: dict[int, int]  # criterion id -> 1..5
    strategic_goal_id: int
    rationale: str


def assess_idea(idea: Idea, assessor: User, data: AssessmentInput, version: int | None) -> None:
    """Record the screening: every active criterion scored, a goal, a rationale; the priority."""
    if not access.can_manage(assessor, idea):
        raise Forbidden(_l("You may not assess this idea."))
    if idea.stage not in (Stage.SCREENING, Stage.PRIORITISED):
        raise Refused(_l("Only ideas in screening or prioritised can be assessed."))
    ensure_fresh(idea, version)
    rationale = check.text("rationale", data.rationale, TEXT_MAX, required=True)
    criteria = active_criteria(idea.organisation_id)
    if {c.id for c in criteria} != set(data.scores):
        raise Refused(_l("Score every criterion."))
    for criterion_id, value in data.scores.items():
        check.whole_number(f"score_{criterion_id}", value, SCALE_MIN, SCALE_MAX)
    check.identifier("strategic_goal_id", data.strategic_goal_id)
    goal = db.session.get(StrategicGoal, data.strategic_goal_id)
    if (
        goal is None
        or not tenancy.same_organisation(goal.organisation_id, idea.organisation_id)
        or not goal.active
    ):
        raise Refused(_l("Choose one of the organisation's strategic goals."))
    assessment = idea.assessment or Assessment(idea=idea)
    assessment.assessor_id = assessor.id
    assessment.rationale = rationale
    by_criterion = {s.criterion_id: s for s in assessment.scores}
    for criterion in criteria:
        score = by_criterion.get(criterion.id) or Score(criterion=criterion)
        score.value = data.scores[criterion.id]
        if score not in assessment.scores:
            assessment.scores.append(score)
    idea.strategic_goal_id = goal.id
    idea.priority_score = priority(
        [WeightedScore(data.scores[c.id], c.weight, c.inverted) for c in criteria]
    )
    idea.assessment = assessment
    idea.updated_at = utcnow()  # a new version even when only the rationale or a score changed
    db.session.add(assessment)
    db.session.flush()
    publish(IdeaChanged(idea))


def active_criteria(organisation_id: int) -> list[ScoringCriterion]:
    return list(
        db.session.scalars(
            db.select(ScoringCriterion)
            .where(ScoringCriterion.organisation_id == organisation_id, ScoringCriterion.active)
            .order_by(ScoringCriterion.position, ScoringCriterion.id)
        )
    )
