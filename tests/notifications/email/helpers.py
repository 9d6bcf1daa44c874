"""Notification rows written directly, at Stockholm times, and `flask send-notifications` run
as cron runs it."""

from datetime import UTC, datetime

from tracker.discussion.models import Comment
from tracker.extensions import db
from tracker.notifications.email.windows import STOCKHOLM
from tracker.notifications.models import Kind, Notification


def utc(local: str) -> datetime:
    """A Stockholm time ("2026-05-11T23:30") as the columns keep it: naive UTC."""
    moment = datetime.fromisoformat(local).replace(tzinfo=STOCKHOLM)
    return moment.astimezone(UTC).replace(tzinfo=None)


def notify(user, idea, kind: Kind, local: str, actor=None, **row) -> Notification:
    """A notification for `user` about `idea`, written at the Stockholm time `local`."""
    if kind in (Kind.COMMENT, Kind.MENTION) and "subject_id" not in row:
        comment = Comment(
            idea_id=idea.id,
            author_id=actor.id if actor else None,
            body=row.pop("body", "Bra förslag!"),
            created_at=utc(local),
        )
        db.session.add(comment)
        db.session.flush()
        row.update(subject="comment", subject_id=comment.id)
    notification = Notification(
        user_id=user.id,
        idea_id=idea.id,
        kind=kind,
        actor_id=actor.id if actor else None,
        created_at=utc(local),
        **row,
    )
    db.session.add(notification)
    db.session.flush()
    return notification


def send(app, now: str, *args):
    """Run `flask send-notifications --now <Stockholm time>`."""
    result = app.test_cli_runner().invoke(args=["send-notifications", "--now", now, *args])
    assert result.exit_code == 0, result.output
    return result


def parts(message) -> tuple[str, str]:
    """The plain-text and the HTML part of an e-mail."""
    return (
        message.get_body(("plain",)).get_content(),
        message.get_body(("html",)).get_content(),
    )
