"""What the idea page reads: a fixed number of statements, however many benefits, measurements,
pilots, costs or history rows the idea has, and no lazy load from the templates."""

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload, selectinload

from tracker.auth.models import User
from tracker.benefits.models import BenefitSettings, ClosingAssessment
from tracker.extensions import db
from tracker.ideas.models import Assessment, Idea, Score, Support
from tracker.ideas.stages import IdeaFacts, Stage
from tracker.pilots.models import Pilot
from tracker.rollouts.models import Activity, Rollout, RolloutUnit
from tracker.web import MAX_ID


@dataclass(frozen=True)
class Head:
    """The idea with what hangs on it one to one, read in one statement (two more for its tags
    and assessment scores, three more for its rollout's units and activities)."""

    idea: Idea
    closing_assessment: ClosingAssessment | None
    rollout: Rollout | None
    settings: BenefitSettings | None  # None: the organisation keeps the defaults
    supported: bool  # by the reader


def head_of(user: User, idea_id: int) -> Head | None:
    """The idea with its unit, people, category, goal, tags and assessment; its closing
    assessment, rollout plan and organisation's benefit settings; and whether `user` supports
    it. None when there is no such idea; access is checked by the caller."""
    if not 0 < idea_id <= MAX_ID:
        return None
    supported = exists().where(Support.idea_id == Idea.id, Support.user_id == user.id)
    row = db.session.execute(
        select(Idea, ClosingAssessment, Rollout, BenefitSettings, supported)
        .outerjoin(ClosingAssessment, ClosingAssessment.idea_id == Idea.id)
        .outerjoin(Rollout, Rollout.idea_id == Idea.id)
        .outerjoin(BenefitSettings, BenefitSettings.organisation_id == Idea.organisation_id)
        .where(Idea.id == idea_id)
        .options(
            joinedload(Idea.unit),
            joinedload(Idea.category),
            joinedload(Idea.submitter),
            joinedload(Idea.owner),
            joinedload(Idea.strategic_goal),
            joinedload(Idea.assessment).joinedload(Assessment.assessor),
            joinedload(Idea.assessment).selectinload(Assessment.scores).joinedload(Score.criterion),
            selectinload(Idea.tags),
            joinedload(ClosingAssessment.keeper),
            joinedload(ClosingAssessment.assessed_by),
            selectinload(Rollout.units).joinedload(RolloutUnit.unit),
            selectinload(Rollout.units).joinedload(RolloutUnit.contact),
            selectinload(Rollout.activities).joinedload(Activity.owner),
        )
    ).one_or_none()
    return Head(*row) if row else None


def gate_facts(idea: Idea, pilots: list[Pilot]) -> IdeaFacts:
    """What the gate forms of the idea's moves read (board.gates.form_for: the responsible
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
