"""Who follows an idea: automatic follows that never override an unfollow, and the button."""

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.auth.models import User
from tracker.dbtypes import utcnow
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.locking import insert_for
from tracker.notifications.models import Follow, FollowReason
from tracker.refusals import Forbidden


def auto_follow(idea_id: int, user_ids: Iterable[int | None], reason: FollowReason) -> None:
    """The people follow the idea, unless they have a row already: an unfollow sticks."""
    ids = sorted({u for u in user_ids if u is not None})
    if not ids:
        return
    rows = [
        {"idea_id": idea_id, "user_id": u, "following": True, "reason": reason, "at": utcnow()}
        for u in ids
    ]
    db.session.execute(insert_for(Follow).on_conflict_do_nothing(), rows)


def followers_of(idea_id: int) -> set[int]:
    """The ids of the people who follow the idea now (an unfollow left out)."""
    query = select(Follow.user_id).where(Follow.idea_id == idea_id, Follow.following.is_(True))
    return set(db.session.scalars(query))


def toggle_follow(idea: Idea, user: User) -> bool:
    """A reader follows the idea by choice, or stops following it (which sticks); returns
    whether the reader follows it now."""
    if not access.can_read(user, idea):
        raise Forbidden(_l("You may not follow this idea."))
    follow = db.session.get(Follow, (idea.id, user.id))
    if follow is None:
        auto_follow(idea.id, [user.id], FollowReason.CHOSEN)
        return True
    follow.following = not follow.following
    if follow.following:
        follow.reason = FollowReason.CHOSEN
    follow.at = utcnow()
    db.session.flush()
    return follow.following
