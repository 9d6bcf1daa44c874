"""Who may be told about an idea: the people it concerns who may read it, never the actor."""

from collections.abc import Iterable

from sqlalchemy import select, union

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits.models import Benefit
from tracker.dbtypes import utcnow
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.locking import insert_for
from tracker.notifications.models import Kind, Notification
from tracker.orgs.models import Unit
from tracker.pilots.models import Pilot
from tracker.rollouts.models import Activity, Rollout, RolloutUnit


def participants(idea_id: int) -> set[int]:
    """The idea's pilot owners, rollout contacts, activity and benefit owners, in one statement."""
    query = union(
        select(Pilot.owner_id).where(Pilot.idea_id == idea_id),
        select(RolloutUnit.contact_id)
        .join(Rollout, Rollout.id == RolloutUnit.rollout_id)
        .where(Rollout.idea_id == idea_id),
        select(Activity.owner_id)
        .join(Rollout, Rollout.id == Activity.rollout_id)
        .where(Rollout.idea_id == idea_id),
        select(Benefit.owner_id).where(Benefit.idea_id == idea_id),
    )
    return {u for u in db.session.scalars(query) if u is not None}


def readers(idea: Idea, user_ids: Iterable[int]) -> list[int]:
    """Those of the people who are active and may read the idea (access.can_read), in id order;
    the idea's participants are known from one statement, so their reading asks no more."""
    ids = set(user_ids)
    if not ids:
        return []
    users = db.session.scalars(select(User).where(User.id.in_(ids), User.active.is_(True)))
    taking_part = participants(idea.id)
    return sorted(u.id for u in users if u.id in taking_part or access.can_read(u, idea))


def tell(
    idea: Idea,
    user_ids: Iterable[int | None],
    kind: Kind,
    *,
    actor_id: int | None,
    subject: str = "",
    subject_id: int | None = None,
    text: str = "",
    key: str | None = None,
) -> None:
    """One notification to each of the people who may read the idea, never to the actor; a row
    whose key the person has already is not written again."""
    ids = readers(idea, {u for u in user_ids if u is not None} - {actor_id})
    if not ids:
        return
    now = utcnow()
    rows = [
        {
            "user_id": user_id,
            "idea_id": idea.id,
            "kind": kind,
            "actor_id": actor_id,
            "subject": subject,
            "subject_id": subject_id,
            "text": text,
            "key": key,
            "created_at": now,
        }
        for user_id in ids
    ]
    db.session.execute(insert_for(Notification).on_conflict_do_nothing(), rows)


def takers(idea: Idea) -> set[int]:
    """The active managers whose unit holds the idea's unit (theirs or one above it); when
    there is none, the organisation's active admins. Two statements."""
    parents = dict(
        db.session.execute(
            select(Unit.id, Unit.parent_id).where(Unit.organisation_id == idea.organisation_id)
        ).tuples()
    )
    above, unit = set(), idea.unit_id
    while unit is not None and unit not in above:
        above.add(unit)
        unit = parents.get(unit)
    people = db.session.execute(
        select(User.id, User.role, User.unit_id).where(
            User.organisation_id == idea.organisation_id,
            User.active.is_(True),
            User.role.in_((Role.MANAGER, Role.ADMIN)),
        )
    ).all()
    managers = {p.id for p in people if p.role is Role.MANAGER and p.unit_id in above}
    return managers or {p.id for p in people if p.role is Role.ADMIN}
