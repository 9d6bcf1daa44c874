"""Read-only selects for the board."""

from dataclasses import dataclass

from sqlalchemy import exists, select

from tracker.auth.models import User
from tracker.board.models import StageLimit
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Assessment, Idea, Score
from tracker.ideas.scoring import WeightedScore
from tracker.ideas.stages import Stage
from tracker.orgs.models import ScoringCriterion, Unit
from tracker.orgs.scope import subtree_ids


def stage_limits(organisation_id: int) -> dict[Stage, int]:
    """The organisation's WIP limit per board column; a column without a limit is absent."""
    rows = db.session.execute(
        select(StageLimit.stage, StageLimit.wip_limit).where(
            StageLimit.organisation_id == organisation_id
        )
    )
    return {stage: limit for stage, limit in rows}


@dataclass(frozen=True)
class MatrixIdea:
    id: int
    title: str
    stage: Stage
    unit: str
    priority: float | None
    assessed: bool


@dataclass(frozen=True)
class MatrixData:
    ideas: list[MatrixIdea]
    scores: dict[int, list[WeightedScore]]  # idea id -> its scores on the active criteria
    has_effort_criterion: bool


def matrix_data(user: User, stages: tuple[Stage, ...], unit_id: int | None) -> MatrixData:
    """The readable ideas in these stages (in the unit and its sub-units), their scores on the
    active criteria, and whether the organisation has an active, weighted effort criterion.

    Three selects whatever the number of ideas (and the unit tree when a unit is chosen).
    """
    conditions = [access.readable(user), Idea.stage.in_(stages)]
    if unit_id:
        conditions.append(Idea.unit_id.in_(subtree_ids(user.organisation_id, unit_id)))
    rows = db.session.execute(
        select(
            Idea.id,
            Idea.title,
            Idea.stage,
            Unit.name,
            Idea.priority_score,
            Assessment.id.is_not(None),
        )
        .join(Unit, Unit.id == Idea.unit_id)
        .outerjoin(Assessment, Assessment.idea_id == Idea.id)
        .where(*conditions)
    )
    ideas = [MatrixIdea(*row) for row in rows]
    scores: dict[int, list[WeightedScore]] = {}
    for idea_id, value, weight, inverted in db.session.execute(
        select(Assessment.idea_id, Score.value, ScoringCriterion.weight, ScoringCriterion.inverted)
        .join(Score, Score.assessment_id == Assessment.id)
        .join(ScoringCriterion, ScoringCriterion.id == Score.criterion_id)
        .where(ScoringCriterion.active, Assessment.idea_id.in_(select(Idea.id).where(*conditions)))
    ):
        scores.setdefault(idea_id, []).append(WeightedScore(value, weight, inverted))
    has_effort_criterion = db.session.scalar(
        select(
            exists().where(
                ScoringCriterion.organisation_id == user.organisation_id,
                ScoringCriterion.active,
                ScoringCriterion.inverted,
                ScoringCriterion.weight > 0,
            )
        )
    )
    return MatrixData(ideas, scores, bool(has_effort_criterion))
