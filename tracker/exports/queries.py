"""Read-only selects for the exports: built in the view, executed while the response streams."""

from collections.abc import Iterator
from datetime import date

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from tracker.auth.models import User
from tracker.benefits import calculation
from tracker.benefits.calc import Calculation
from tracker.benefits.models import Benefit, Measurement
from tracker.costs.models import Cost
from tracker.extensions import db
from tracker.ideas.models import Idea, StageChange
from tracker.ideas.queries import IdeaFilter, filtered
from tracker.orgs.models import Unit

BATCH = 500  # rows fetched at a time: memory stays flat however large the organisation


def ideas(user: User, f: IdeaFilter) -> Select:
    """The ideas the user may read under the idea list's filters, in the list's order."""
    return (
        filtered(user, f)
        .options(
            joinedload(Idea.unit),
            joinedload(Idea.category),
            joinedload(Idea.owner),
            joinedload(Idea.submitter),
            selectinload(Idea.tags),
        )
        .order_by(Idea.created_at.desc(), Idea.id.desc())
    )


def benefits(organisation_id: int) -> Select:
    """Every measurement of the organisation's benefits, and each benefit without any once."""
    recorder = aliased(User)
    return (
        select(
            Benefit.id,
            Idea.id,
            Idea.title,
            Benefit.title,
            Benefit.type,
            Benefit.indicator,
            Benefit.measure,
            Measurement.on,
            Measurement.value,
            Measurement.comment,
            Measurement.data_source,
            Measurement.corrects_id,
            recorder.display_name,
        )
        .select_from(Benefit)
        .join(Idea, Benefit.idea_id == Idea.id)
        .outerjoin(Measurement, Measurement.benefit_id == Benefit.id)
        .outerjoin(recorder, Measurement.recorded_by_id == recorder.id)
        .where(Idea.organisation_id == organisation_id)
        .order_by(Idea.id, Benefit.id, Measurement.on, Measurement.id)
    )


def costs(organisation_id: int) -> Select:
    """Every cost of the organisation's ideas, by idea and first year."""
    return (
        select(
            Idea.id,
            Idea.title,
            Cost.description,
            Cost.kind,
            Cost.category,
            Cost.year_from,
            Cost.year_to,
            Cost.planned,
            Cost.actual,
            Unit.name,
        )
        .select_from(Cost)
        .join(Idea, Cost.idea_id == Idea.id)
        .outerjoin(Unit, Cost.paid_by_id == Unit.id)
        .where(Idea.organisation_id == organisation_id)
        .order_by(Idea.id, Cost.year_from, Cost.id)
    )


def history(organisation_id: int) -> Select:
    """Every stage change of the organisation's ideas, idea by idea, oldest first."""
    return (
        select(
            StageChange.idea_id,
            Idea.title,
            StageChange.from_stage,
            StageChange.to_stage,
            User.display_name,
            StageChange.at,
            StageChange.reason,
        )
        .join(Idea, StageChange.idea_id == Idea.id)
        .outerjoin(User, StageChange.actor_id == User.id)
        .where(Idea.organisation_id == organisation_id)
        .order_by(StageChange.idea_id, StageChange.at, StageChange.id)
    )


def streamed(statement: Select, scalars: bool = False) -> Iterator:
    """The statement's rows, fetched `BATCH` at a time (a server-side cursor on PostgreSQL)."""
    result = db.session.execute(statement.execution_options(yield_per=BATCH))
    yield from result.scalars() if scalars else result


def calculations(organisation_id: int, today: date) -> Iterator[tuple[int, str, Calculation]]:
    """The benefit calculation of each of the organisation's ideas that has benefits or costs."""
    has_figures = or_(
        exists().where(Benefit.idea_id == Idea.id), exists().where(Cost.idea_id == Idea.id)
    )
    ids = list(
        db.session.scalars(
            select(Idea.id)
            .where(Idea.organisation_id == organisation_id, has_figures)
            .order_by(Idea.id)
        )
    )
    for start in range(0, len(ids), BATCH):
        chunk = db.session.scalars(
            select(Idea).where(Idea.id.in_(ids[start : start + BATCH])).order_by(Idea.id)
        )
        for idea in chunk.all():
            yield idea.id, idea.title, calculation.calculation(idea, today)
