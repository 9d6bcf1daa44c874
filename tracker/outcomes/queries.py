"""Read-only selects for the outcomes page: every signed-in member of an organisation sees them."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.auth.models import User
from tracker.benefits import calc
from tracker.benefits.models import Benefit, ClosingAssessment
from tracker.benefits.rules import Lifecycle
from tracker.benefits.services import plan_of
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage

LATEST = 10


def counts_by_stage(organisation_id: int) -> list[tuple[Stage, int]]:
    """Every idea of the organisation counts once, in the stage it stands in now; every stage
    is listed, in the order of the Stage enum (the board, then the closed outcomes)."""
    rows = db.session.execute(
        select(Idea.stage, func.count())
        .where(Idea.organisation_id == organisation_id)
        .group_by(Idea.stage)
    )
    counts = dict(rows.all())
    return [(stage, counts.get(stage, 0)) for stage in Stage]


@dataclass(frozen=True)
class BenefitLine:
    """A benefit of a realised idea: its kept realised change and, valued in SEK, a year of it."""

    benefit: Benefit
    change: Decimal | None
    sek: Decimal | None  # per year, at the realised level; None when not valued in SEK


@dataclass(frozen=True)
class Outcome:
    idea: Idea
    benefits: list[BenefitLine]
    summary: str | None  # of the closing assessment


def benefit_line(benefit: Benefit) -> BenefitLine:
    """Only a realised (signed-off) benefit shows a change; an evaporated or cancelled one has
    nothing to show but its state."""
    plan = plan_of(benefit)
    change = benefit.realised_change if benefit.lifecycle is Lifecycle.REALISED else None
    sek = calc.annual_sek(plan, Decimal(change)) if plan and change is not None else None
    return BenefitLine(benefit, change, sek)


def latest_realised(user: User, limit: int = LATEST) -> list[Outcome]:
    """The most recently realised ideas the user reads, newest first, with their benefits in the
    order they were identified and the summary of their closing assessment: a fixed number of
    queries, whatever the number of ideas."""
    ideas = list(
        db.session.scalars(
            select(Idea)
            .where(access.readable(user), Idea.stage == Stage.REALISED)
            .options(selectinload(Idea.unit))
            .order_by(Idea.stage_entered_at.desc(), Idea.id.desc())
            .limit(limit)
        )
    )
    if not ideas:
        return []
    ids = [idea.id for idea in ideas]
    benefits: dict[int, list[BenefitLine]] = {}
    for benefit in db.session.scalars(
        select(Benefit)
        .where(Benefit.idea_id.in_(ids))
        .options(selectinload(Benefit.interim_targets))  # plan_of reads them
        .order_by(Benefit.id)
    ):
        benefits.setdefault(benefit.idea_id, []).append(benefit_line(benefit))
    summaries = dict(
        db.session.execute(
            select(ClosingAssessment.idea_id, ClosingAssessment.summary).where(
                ClosingAssessment.idea_id.in_(ids)
            )
        ).all()
    )
    return [Outcome(idea, benefits.get(idea.id, []), summaries.get(idea.id)) for idea in ideas]
