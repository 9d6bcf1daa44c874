"""What the idea page reads: a fixed number of statements, however many benefits, measurements,
pilots, costs or history rows the idea has, and no lazy load from the templates. The people
are read once for the whole page (read_people), not joined to each list: PostgreSQL plans a
statement's joins at a cost that grows faster than the joins."""

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload, selectinload

from tracker.auth.models import User
from tracker.benefits.models import Benefit, BenefitSettings, ClosingAssessment
from tracker.extensions import db
from tracker.ideas.models import Assessment, Idea, Score, Support
from tracker.ideas.stages import IdeaFacts, Stage
from tracker.loading import fill
from tracker.pilots.models import Pilot
from tracker.rollouts.models import Rollout, RolloutUnit
from tracker.web import MAX_ID


@dataclass(frozen=True)
class Head:
    """The idea and what hangs on it one to one."""

    idea: Idea
    closing_assessment: ClosingAssessment | None
    rollout: Rollout | None
    settings: BenefitSettings | None  # None: the organisation keeps the defaults
    supported: bool  # by the reader


def head_of(user: User, idea_id: int) -> Head | None:
    """The idea with its unit, category, goal, tags and assessment scores; its closing
    assessment, rollout plan with units and activities, organisation's benefit settings, and
    whether `user` supports it. None when there is no such idea; access is checked by the
    caller. Three statements, and one each for the scores, units and activities when there are:
    one big join would cost PostgreSQL more to plan than the round trips it saves."""
    if not 0 < idea_id <= MAX_ID:
        return None
    idea = db.session.scalars(
        select(Idea)
        .where(Idea.id == idea_id)
        .options(
            joinedload(Idea.unit),
            joinedload(Idea.category),
            joinedload(Idea.strategic_goal),
            joinedload(Idea.assessment),
            # not joined: SQLite would scan every idea's tags to join them (a nested join)
            selectinload(Idea.tags),
        )
    ).one_or_none()
    if idea is None:
        return None
    supported = exists().where(Support.idea_id == Idea.id, Support.user_id == user.id)
    closing, rollout, settings, supported = db.session.execute(
        select(ClosingAssessment, Rollout, BenefitSettings, supported)
        .select_from(Idea)
        .outerjoin(ClosingAssessment, ClosingAssessment.idea_id == Idea.id)
        .outerjoin(Rollout, Rollout.idea_id == Idea.id)
        .outerjoin(BenefitSettings, BenefitSettings.organisation_id == Idea.organisation_id)
        .where(Idea.id == idea_id)
    ).one()
    if idea.assessment is not None:
        fill(
            Assessment,
            idea.assessment.id,
            joinedload(Assessment.scores).joinedload(Score.criterion),
        )
    if rollout is not None:
        fill(Rollout, rollout.id, joinedload(Rollout.units).joinedload(RolloutUnit.unit))
        fill(Rollout, rollout.id, joinedload(Rollout.activities))
    return Head(idea, closing, rollout, settings, supported)


def read_people(head: Head, pilots: list[Pilot], benefits: list[Benefit]) -> list[User]:
    """Everyone the page names (but the history's actors, read with it), in one statement. While
    the caller holds the list, the templates find them in the session: a many-to-one by primary
    key reads no more."""
    idea, closing, rollout = head.idea, head.closing_assessment, head.rollout
    ids = {idea.submitter_id, idea.owner_id, *(b.owner_id for b in benefits)}
    if idea.assessment is not None:
        ids.add(idea.assessment.assessor_id)
    if closing is not None:
        ids.update((closing.keeper_id, closing.assessed_by_id))
    if rollout is not None:
        ids.update(u.contact_id for u in rollout.units)
        ids.update(a.owner_id for a in rollout.activities)
    for pilot in pilots:
        ids.add(pilot.owner_id)
        ids.update(e.actor_id for e in pilot.extensions)
        if pilot.evaluation is not None:
            ids.add(pilot.evaluation.evaluator_id)
    ids.discard(None)
    return list(db.session.scalars(select(User).where(User.id.in_(ids)))) if ids else []


def gate_facts(idea: Idea, pilots: list[Pilot]) -> IdeaFacts:
    """What the gate forms of the idea's moves read (ideas.gates.form_for: the responsible
    manager, the assessment, the latest pilot), from what the page has loaded. The counts that
    only the move itself checks (services.facts_of) are left at their defaults."""
    facts = {}
    if idea.stage in (Stage.PRIORITISED, Stage.PILOT):
        evaluation = pilots[-1].evaluation if pilots else None
        facts["open_pilot"] = bool(pilots) and evaluation is None
        facts["decision"] = evaluation.decision if evaluation else None
    if idea.stage is Stage.SCREENING:  # the one stage whose moves ask for an assessment
        facts["assessed"] = idea.assessment is not None and idea.strategic_goal_id is not None
    return IdeaFacts(stage=idea.stage, owner_id=idea.owner_id, **facts)
