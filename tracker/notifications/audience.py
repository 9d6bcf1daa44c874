"""Who may be told about an idea: the people it concerns who may read it, never the actor."""

from collections.abc import Iterable

from sqlalchemy import select

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.dbtypes import utcnow
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.locking import insert_for
from tracker.notifications.models import Kind, Notification
from tracker.orgs.models import Unit


def readers(idea: Idea, user_ids: Iterable[int]) -> list[int]:
    """Those of the people who are active and may read the idea (access.can_read), in id order:
    one statement for the people, and one more for each whose right to read depends on taking
    part in the idea."""
    ids = set(user_ids)
    if not ids:
        return []
    users = db.session.scalars(select(User).where(User.id.in_(ids), User.active.is_(True)))
    return sorted(u.id for u in users if access.can_read(u, idea))


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
    readers_known: bool = False,
) -> None:
    """One notification to each of the people who may read the idea, never to the actor; a row
    whose key the person has already is not written again. `readers_known`: the caller chose
    people who read the idea by their role (its managers in scope), so it is not asked again."""
    ids = {u for u in user_ids if u is not None} - {actor_id}
    ids = sorted(ids) if readers_known else readers(idea, ids)
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
        ).all()
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
