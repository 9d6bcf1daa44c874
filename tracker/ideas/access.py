"""Who may read and act on which idea: named predicates, one place."""

from collections.abc import Collection, Iterable

from flask import abort, g
from sqlalchemy import ColumnElement, false, or_, select, union

from tracker.auth.models import User
from tracker.auth.roles import MOVES_IDEAS, READS_ORGANISATION, Role
from tracker.benefits.models import Benefit
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import Actor, Stage
from tracker.orgs import tenancy
from tracker.orgs.scope import subtree_ids
from tracker.pilots.models import Pilot
from tracker.rollouts.models import Activity, Rollout, RolloutUnit
from tracker.web import MAX_ID


def managed_unit_ids(user: User) -> frozenset[int]:
    """A manager's unit and its sub-units, computed once per request."""
    cache = g.setdefault("managed_units", {})
    if user.id not in cache:
        cache[user.id] = (
            subtree_ids(user.organisation_id, user.unit_id)
            if user.role is Role.MANAGER
            else frozenset()
        )
    return cache[user.id]


def in_scope(user: User, idea: Idea) -> bool:
    """An admin's scope is the organisation; a manager's is their unit and its sub-units."""
    if not tenancy.same_organisation(idea.organisation_id, user.organisation_id):
        return False
    if user.role is Role.ADMIN:
        return True
    return user.role is Role.MANAGER and tenancy.in_unit_scope(idea.unit_id, managed_unit_ids(user))


def _reads_without_query(user: User, idea: Idea) -> bool:
    """Read rights that the user and the idea tell by themselves (same organisation assumed)."""
    return user.role in READS_ORGANISATION or idea.submitter_id == user.id or in_scope(user, idea)


def can_read(user: User, idea: Idea) -> bool:
    """Leaders and admins read the organisation, managers their units, everyone their own ideas
    and the ideas they take part in (as pilot owner, unit contact or activity owner)."""
    if not tenancy.same_organisation(idea.organisation_id, user.organisation_id):
        return False
    return _reads_without_query(user, idea) or takes_part(user, idea)


def readable_ids(user: User, ideas: Iterable[Idea]) -> set[int]:
    """The ids of those ideas `can_read` lets the user read, with at most one query."""
    ours = [i for i in ideas if tenancy.same_organisation(i.organisation_id, user.organisation_id)]
    direct = {idea.id for idea in ours if _reads_without_query(user, idea)}
    return direct | ideas_taken_part_in(user, {idea.id for idea in ours} - direct)


def takes_part(user: User, idea: Idea) -> bool:
    """The user owns the idea's pilot, is a contact of its rollout, or owns one of its
    activities or benefits."""
    return bool(ideas_taken_part_in(user, {idea.id}))


def ideas_taken_part_in(user: User, idea_ids: Collection[int]) -> set[int]:
    """Those of the ideas whose pilot the user owns, whose rollout the user is a contact of,
    or one of whose activities or benefits the user owns."""
    if not idea_ids:
        return set()
    ids = list(idea_ids)
    query = union(
        select(Pilot.idea_id).where(Pilot.idea_id.in_(ids), Pilot.owner_id == user.id),
        select(Rollout.idea_id)
        .join(RolloutUnit, RolloutUnit.rollout_id == Rollout.id)
        .where(Rollout.idea_id.in_(ids), RolloutUnit.contact_id == user.id),
        select(Rollout.idea_id)
        .join(Activity, Activity.rollout_id == Rollout.id)
        .where(Rollout.idea_id.in_(ids), Activity.owner_id == user.id),
        select(Benefit.idea_id).where(Benefit.idea_id.in_(ids), Benefit.owner_id == user.id),
    )
    return set(db.session.scalars(query))


def can_edit(user: User, idea: Idea) -> bool:
    """The submitter edits their idea while it is still submitted."""
    return idea.submitter_id == user.id and idea.stage is Stage.SUBMITTED


def can_support(user: User, idea: Idea) -> bool:
    """Whoever may read an idea supports it, except the person who submitted it."""
    return can_read(user, idea) and idea.submitter_id != user.id


def can_manage(user: User, idea: Idea) -> bool:
    """Managers in scope and admins take, assess and move the idea."""
    return user.role in MOVES_IDEAS and in_scope(user, idea)


def can_plan(user: User, idea: Idea) -> bool:
    """The idea's responsible manager, a manager in scope or an admin plans its benefits and
    costs."""
    if not tenancy.same_organisation(idea.organisation_id, user.organisation_id):
        return False
    return idea.owner_id == user.id or can_manage(user, idea)


def actor(user: User, idea: Idea) -> Actor:
    return Actor(user.role, in_scope(user, idea), idea.submitter_id == user.id)


def readable(user: User) -> ColumnElement[bool]:
    """The SQL condition for the ideas a user may read."""
    same_org = tenancy.of_organisation(Idea.organisation_id, user.organisation_id)
    if user.role in READS_ORGANISATION:
        return same_org
    units = managed_unit_ids(user)
    scoped = Idea.unit_id.in_(units) if units else false()
    return same_org & or_(Idea.submitter_id == user.id, scoped)


def readable_parts(user: User) -> list[ColumnElement[bool]]:
    """`readable` as disjoint conditions, each of which an index can seek: a UNION ALL of
    them counts a manager's ideas without reading every idea of the organisation."""
    same_org = tenancy.of_organisation(Idea.organisation_id, user.organisation_id)
    if user.role in READS_ORGANISATION:
        return [same_org]
    # `+ 0` keeps the organisation's index out: the few ideas of the submitter are read by
    # theirs (SQLite, without statistics, would read all the organisation's entries instead).
    own = tenancy.of_organisation(Idea.organisation_id + 0, user.organisation_id) & (
        Idea.submitter_id == user.id
    )
    units = managed_unit_ids(user)
    if not units:
        return [own]
    return [same_org & Idea.unit_id.in_(units), own & Idea.unit_id.not_in(units)]


def idea_for(user: User, idea_id: int, check=can_read) -> Idea:
    """Load an idea for a user: 404 outside their organisation, 403 without the right."""
    idea = db.session.get(Idea, idea_id) if 0 < idea_id <= MAX_ID else None
    if idea is None or not tenancy.same_organisation(idea.organisation_id, user.organisation_id):
        abort(404)
    if not check(user, idea):
        abort(403)
    return idea
