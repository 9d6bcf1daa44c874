"""Notifications and comments for tests: comments are written as rows, their events published
by hand (the discussion's services are another lane's)."""

from sqlalchemy import select

from tests.factories import make_user
from tracker.auth.roles import Role
from tracker.discussion.models import Comment
from tracker.events import CommentEdited, CommentPosted, publish
from tracker.extensions import db
from tracker.notifications.models import Follow, Kind, Notification


def comment(idea, author, body="Bra tanke!", mentioned=(), parent=None) -> Comment:
    row = Comment(idea_id=idea.id, author_id=author.id, body=body, parent_id=parent)
    db.session.add(row)
    db.session.flush()
    publish(CommentPosted(idea, row, list(mentioned)))
    db.session.commit()
    return row


def edit_comment(idea, row: Comment, mentioned) -> None:
    publish(CommentEdited(idea, row, list(mentioned)))
    db.session.commit()


def told(user, kind: Kind | None = None, idea=None) -> list[Notification]:
    """The user's notifications (of a kind, of an idea), oldest first."""
    query = select(Notification).where(Notification.user_id == user.id)
    if kind is not None:
        query = query.where(Notification.kind == kind)
    if idea is not None:
        query = query.where(Notification.idea_id == idea.id)
    db.session.expire_all()
    return list(db.session.scalars(query.order_by(Notification.id)))


def follow_of(user, idea) -> Follow | None:
    db.session.expire_all()
    return db.session.get(Follow, (idea.id, user.id))


def colleague(org, name="Kim Kollega"):
    """Another employee of the home care unit: takes no part in anybody's idea."""
    user = make_user(org.org, org.home_care, Role.EMPLOYEE, f"kim.{org.org.id}@example.org", name)
    db.session.commit()
    return user
