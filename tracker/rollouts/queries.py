"""Read-only selects of rollouts for pages."""

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.auth.models import User
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.pilots.rules import UnitStatus
from tracker.rollouts.models import Activity, Rollout, RolloutUnit


def rollout_with_rows(idea: Idea) -> Rollout | None:
    """The idea's rollout plan with its units, contacts and activity owners loaded."""
    return db.session.scalar(
        select(Rollout)
        .where(Rollout.idea_id == idea.id)
        .options(
            selectinload(Rollout.units).joinedload(RolloutUnit.unit),
            selectinload(Rollout.units).joinedload(RolloutUnit.contact),
            selectinload(Rollout.activities).joinedload(Activity.owner),
        )
    )


def my_units(user: User, limit: int = 20) -> list[RolloutUnit]:
    """The adopting units the user is the contact of and that are not done yet."""
    return list(
        db.session.scalars(
            select(RolloutUnit)
            .where(RolloutUnit.contact_id == user.id, RolloutUnit.status != UnitStatus.DONE)
            .options(
                selectinload(RolloutUnit.unit),
                selectinload(RolloutUnit.rollout).selectinload(Rollout.idea),
            )
            .order_by(RolloutUnit.ends_on, RolloutUnit.id)
            .limit(limit)
        )
    )


def my_activities(user: User, limit: int = 20) -> list[Activity]:
    """The user's change activities that are not done, the most overdue first."""
    return list(
        db.session.scalars(
            select(Activity)
            .where(Activity.owner_id == user.id, Activity.done.is_(False))
            .options(selectinload(Activity.rollout).selectinload(Rollout.idea))
            .order_by(Activity.due_on, Activity.id)
            .limit(limit)
        )
    )


def progress_by_idea(idea_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """(done, total) of units plus activities per idea with a rollout plan, for lists."""
    ids = list(idea_ids)
    if not ids:
        return {}
    units = select(
        Rollout.idea_id,
        func.count(RolloutUnit.id).filter(RolloutUnit.status == UnitStatus.DONE).label("done"),
        func.count(RolloutUnit.id).label("total"),
    ).join(RolloutUnit, RolloutUnit.rollout_id == Rollout.id)
    activities = select(
        Rollout.idea_id,
        func.count(Activity.id).filter(Activity.done).label("done"),
        func.count(Activity.id).label("total"),
    ).join(Activity, Activity.rollout_id == Rollout.id)
    out: dict[int, tuple[int, int]] = {}
    for query in (units, activities):
        rows = db.session.execute(query.where(Rollout.idea_id.in_(ids)).group_by(Rollout.idea_id))
        for idea_id, done, total in rows:
            d, t = out.get(idea_id, (0, 0))
            out[idea_id] = (d + done, t + total)
    return out
