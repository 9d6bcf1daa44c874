"""Who may read and act on which idea: named predicates, one place."""

from collections.abc import Collection, Iterable

from flask import abort, g
from sqlalchemy import ColumnElement, CompoundSelect, false, or_, select, true, union

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
    return (
        not idea.confidential
        or user.role in READS_ORGANISATION
        or user.id in (idea.submitter_id, idea.owner_id)
        or in_scope(user, idea)
    )


def can_read(user: User, idea: Idea) -> bool:
    """Every member of the organisation reads its ideas; a confidential one only its submitter,
    its responsible manager, the managers in scope, leaders, admins and those who take part in
    it (as pilot owner, unit contact, activity or benefit owner)."""
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


def _taking_part(user: User, idea_ids: Collection[int] | None = None) -> CompoundSelect:
    """The ids of the ideas whose pilot the user owns, whose rollout the user is a contact of,
    or one of whose activities or benefits the user owns; among `idea_ids` when given."""

    def among(column):
        return column.in_(list(idea_ids)) if idea_ids is not None else true()

    return union(
        select(Pilot.idea_id).where(among(Pilot.idea_id), Pilot.owner_id == user.id),
        select(Rollout.idea_id)
        .join(RolloutUnit, RolloutUnit.rollout_id == Rollout.id)
        .where(among(Rollout.idea_id), RolloutUnit.contact_id == user.id),
        select(Rollout.idea_id)
        .join(Activity, Activity.rollout_id == Rollout.id)
        .where(among(Rollout.idea_id), Activity.owner_id == user.id),
        select(Benefit.idea_id).where(among(Benefit.idea_id), Benefit.owner_id == user.id),
    )


def ideas_taken_part_in(user: User, idea_ids: Collection[int]) -> set[int]:
    """Those of the ideas whose pilot the user owns, whose rollout the user is a contact of,
    or one of whose activities or benefits the user owns."""
    if not idea_ids:
        return set()
    return set(db.session.scalars(_taking_part(user, idea_ids)))


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
    """The idea's responsible manager, a manager in scope or an admin, who reads it, plans its
    benefits and costs."""
    if not tenancy.same_organisation(idea.organisation_id, user.organisation_id):
        return False
    return (idea.owner_id == user.id or can_manage(user, idea)) and can_read(user, idea)


def can_mark_confidential(user: User, idea: Idea) -> bool:
    """Managers in scope and admins mark an idea confidential or open it, at any stage; its
    submitter does it on the idea's form while they may edit it."""
    return can_manage(user, idea)


def actor(user: User, idea: Idea) -> Actor:
    return Actor(user.role, in_scope(user, idea), idea.submitter_id == user.id)


def readable(user: User) -> ColumnElement[bool]:
    """The SQL condition for the ideas a user may read: `can_read` in SQL."""
    same_org = tenancy.of_organisation(Idea.organisation_id, user.organisation_id)
    if user.role in READS_ORGANISATION:
        return same_org
    return same_org & or_(Idea.confidential == false(), _reads_confidential(user))


def _reads_confidential(user: User) -> ColumnElement[bool]:
    """Of the organisation's confidential ideas, those a user who does not read the whole
    organisation reads: their own, those they are responsible for, their units' (managers) and
    those they take part in."""
    units = managed_unit_ids(user)
    return or_(
        Idea.submitter_id == user.id,
        Idea.owner_id == user.id,
        Idea.unit_id.in_(units) if units else false(),
        Idea.id.in_(_taking_part(user)),
    )


def readable_parts(user: User) -> list[ColumnElement[bool]]:
    """`readable` as disjoint conditions, each of which an index can seek: the open ideas of the
    organisation, and the few confidential ones the user reads (ix_idea_org_confidential)."""
    same_org = tenancy.of_organisation(Idea.organisation_id, user.organisation_id)
    if user.role in READS_ORGANISATION:
        return [same_org]
    return [
        same_org & (Idea.confidential == false()),
        same_org & (Idea.confidential == true()) & _reads_confidential(user),
    ]


def idea_for(user: User, idea_id: int, check=can_read) -> Idea:
    """Load an idea for a user: 404 outside their organisation, 403 without the right."""
    idea = db.session.get(Idea, idea_id) if 0 < idea_id <= MAX_ID else None
    if idea is None or not tenancy.same_organisation(idea.organisation_id, user.organisation_id):
        abort(404)
    if not check(user, idea):
        abort(403)
    return idea
