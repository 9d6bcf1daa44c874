"""State changes of a person's notifications: marking them read. Add and flush, never commit."""

from sqlalchemy import update

from tracker.auth.models import User
from tracker.dbtypes import utcnow
from tracker.extensions import db
from tracker.notifications.models import Notification


def mark_read(user: User, notification: Notification) -> None:
    """The person's own notification is read from now on (a second time changes nothing)."""
    if notification.user_id == user.id and notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()


def mark_all_read(user: User) -> int:
    """Every unread notification of the person is read from now on; how many were unread."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
