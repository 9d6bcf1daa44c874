"""Read-only selects of pilots for pages."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage
from tracker.loading import fill
from tracker.orgs import tenancy
from tracker.pilots.models import Evaluation, Pilot


def pilots_of(idea: Idea) -> list[Pilot]:
    """Every pilot of the idea in order, with unit, criteria, extensions and evaluation loaded
    (not the people: the idea page reads them all at once): one statement with the criteria,
    and one for each of extensions and results when there are pilots."""
    pilots = list(
        db.session.scalars(
            select(Pilot)
            .where(Pilot.idea_id == idea.id)
            .options(
                joinedload(Pilot.unit), joinedload(Pilot.criteria), joinedload(Pilot.evaluation)
            )
            .order_by(Pilot.number)
        ).unique()
    )
    if pilots:
        fill(Pilot, (p.id for p in pilots), joinedload(Pilot.extensions))
    evaluations = [p.evaluation.id for p in pilots if p.evaluation is not None]
    if evaluations:
        fill(Evaluation, evaluations, joinedload(Evaluation.results))
    return pilots


def to_evaluate(user: User, today: date, limit: int = 20) -> list[Pilot]:
    """Running pilots past their end date in a manager's scope (an admin's: the organisation),
    longest overdue first."""
    query = (
        select(Pilot)
        .join(Idea, Idea.id == Pilot.idea_id)
        .outerjoin(Evaluation, Evaluation.pilot_id == Pilot.id)
        .where(
            tenancy.of_organisation(Idea.organisation_id, user.organisation_id),
            Idea.stage == Stage.PILOT,
            Evaluation.id.is_(None),
            Pilot.ends_on < today,
        )
        .options(selectinload(Pilot.idea).selectinload(Idea.unit))
        .order_by(Pilot.ends_on, Pilot.id)
        .limit(limit)
    )
    if user.role is not Role.ADMIN:
        query = query.where(Idea.unit_id.in_(access.managed_unit_ids(user)))
    return list(db.session.scalars(query))
