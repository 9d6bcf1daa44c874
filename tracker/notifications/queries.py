"""Read-only selects: the bell's count, a page of a person's notifications, a follow."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import ColumnElement, Select, func, select, union
from sqlalchemy.orm import aliased

from tracker.auth.models import User
from tracker.benefits.models import Benefit
from tracker.discussion.models import Comment
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.notifications.models import Follow, Notification
from tracker.pilots.models import Pilot
from tracker.rollouts.models import Activity, Rollout, RolloutUnit

PER_PAGE = 30
BELL_MAX = 99  # the bell shows "99+" above this
EXCERPT = 160  # characters of a comment shown with its notification


def _taken_part_in(user: User) -> Select:
    """The ids of the ideas the user takes part in (as access.ideas_taken_part_in), as SQL."""
    return union(
        select(Pilot.idea_id).where(Pilot.owner_id == user.id),
        select(Rollout.idea_id)
        .join(RolloutUnit, RolloutUnit.rollout_id == Rollout.id)
        .where(RolloutUnit.contact_id == user.id),
        select(Rollout.idea_id)
        .join(Activity, Activity.rollout_id == Rollout.id)
        .where(Activity.owner_id == user.id),
        select(Benefit.idea_id).where(Benefit.owner_id == user.id),
    )


def readable_by(user: User) -> ColumnElement[bool]:
    """The ideas the user may read (access.can_read) as one SQL condition on Idea."""
    return access.readable(user) | (
        (Idea.organisation_id == user.organisation_id) & Idea.id.in_(_taken_part_in(user))
    )


def _own(user: User) -> Select:
    """The user's notifications of ideas they may still read."""
    return (
        select(Notification)
        .join(Idea, Idea.id == Notification.idea_id)
        .where(Notification.user_id == user.id, readable_by(user))
    )


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread, counting to BELL_MAX + 1: one
    statement."""
    unread = _own(user).where(Notification.read_at.is_(None)).limit(BELL_MAX + 1)
    return db.session.scalar(select(func.count()).select_from(unread.subquery()))


@dataclass(frozen=True)
class Item:
    """A notification as the list shows it."""

    notification: Notification
    idea_title: str
    actor_name: str | None
    excerpt: str  # of the comment it is about, or ""


@dataclass(frozen=True)
class Group:
    idea_id: int
    idea_title: str
    items: list[Item]


@dataclass(frozen=True)
class Page:
    groups: list[Group]
    number: int
    more: bool
    unread: int  # on this page

    def __bool__(self) -> bool:
        return bool(self.groups)


def _listed(user: User) -> Select:
    """The user's notifications with the idea's title, the actor's name and the comment."""
    actor = aliased(User)
    return (
        _own(user)
        .add_columns(Idea.title, actor.display_name, Comment.body, Comment.removed_at)
        .outerjoin(actor, actor.id == Notification.actor_id)
        .outerjoin(
            Comment, (Notification.subject == "comment") & (Comment.id == Notification.subject_id)
        )
    )


def _item(row) -> Item:
    notification, title, name, body, removed = row
    return Item(notification, title, name, _excerpt(body) if removed is None else "")


def _excerpt(body: str | None) -> str:
    text = " ".join((body or "").split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def notification_page(user: User, number: int = 1) -> Page:
    """A page of the user's notifications, newest first, grouped by idea in the order of each
    idea's newest; one statement."""
    rows = db.session.execute(
        _listed(user)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .offset((number - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
    ).all()
    items = [_item(row) for row in rows[:PER_PAGE]]
    order: dict[int, int] = {}
    for item in items:
        order.setdefault(item.notification.idea_id, len(order))
    items.sort(key=lambda i: order[i.notification.idea_id])  # stable: newest first in a group
    groups = []
    for idea_id, found in groupby(items, key=lambda i: i.notification.idea_id):
        group = list(found)
        groups.append(Group(idea_id, group[0].idea_title, group))
    unread = sum(1 for i in items if i.notification.read_at is None)
    return Page(groups, number, len(rows) > PER_PAGE, unread)


def own_notification(user: User, notification_id: int) -> Notification | None:
    """The user's notification of an idea they may still read, or None."""
    return db.session.scalar(_own(user).where(Notification.id == notification_id))


def item_of(user: User, notification_id: int) -> Item | None:
    """The user's notification as the list shows it, if it is theirs and its idea readable."""
    row = db.session.execute(_listed(user).where(Notification.id == notification_id)).first()
    return _item(row) if row is not None else None


def follow_of(user: User, idea_id: int) -> Follow | None:
    """The user's follow row of the idea (following or not), one statement."""
    return db.session.get(Follow, (idea_id, user.id))
