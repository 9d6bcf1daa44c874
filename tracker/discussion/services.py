"""Comments on an idea: post or reply, edit for a while, remove leaving a placeholder."""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l

from tracker import validation
from tracker.auth.models import User
from tracker.dbtypes import utcnow
from tracker.discussion import mentions
from tracker.discussion.models import COMMENT_MAX, EDIT_MINUTES, Comment, CommentRevision
from tracker.events import CommentEdited, CommentPosted, publish
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.refusals import Forbidden, Invalid

CLOSED = _l("The idea is closed: it takes no more comments.")
NO_PARENT = _l("The comment you replied to is not there to reply to. Reload the page.")
GONE = _l("The comment was removed.")
TOO_LATE = _l(
    "A comment can be changed for %(minutes)d minutes after it was posted.", minutes=EDIT_MINUTES
)


def may_edit(user: User, comment: Comment, now: datetime | None = None) -> bool:
    """The author changes a comment that is not removed, for EDIT_MINUTES after posting it."""
    return (
        comment.author_id == user.id
        and comment.removed_at is None
        and (now or utcnow()) - comment.created_at <= timedelta(minutes=EDIT_MINUTES)
    )


def may_remove(user: User, comment: Comment, idea: Idea) -> bool:
    """The author, a manager in scope or an admin removes a comment that is not removed yet."""
    mine = comment.author_id == user.id
    return comment.removed_at is None and (mine or access.can_manage(user, idea))


def _body(body) -> str:
    return validation.text("body", body, COMMENT_MAX, required=True)


def _parent(idea: Idea, parent_id) -> Comment | None:
    """The comment replied to: a comment of the same idea, not a reply, not removed."""
    parent_id = validation.identifier("parent_id", parent_id, required=False)
    if parent_id is None:
        return None
    parent = db.session.get(Comment, parent_id)
    fits = parent is not None and parent.idea_id == idea.id
    if not fits or parent.parent_id is not None or parent.removed_at is not None:
        raise Invalid("parent_id", NO_PARENT)
    return parent


def post_comment(
    idea: Idea, author: User, body, parent_id=None, now: datetime | None = None
) -> Comment:
    """A reader comments on an idea that is not closed, or replies to one of its comments; the
    people the text mentions who may read the idea are named in CommentPosted."""
    if not access.can_read(author, idea):
        raise Forbidden()
    if idea.stage.closed:
        raise Invalid("body", CLOSED)
    text = _body(body)
    parent = _parent(idea, parent_id)
    comment = Comment(
        idea_id=idea.id,
        parent_id=parent.id if parent else None,
        author_id=author.id,
        body=text,
        created_at=now or utcnow(),
    )
    db.session.add(comment)
    db.session.flush()
    mentioned = mentions.record(comment, idea, author)
    publish(CommentPosted(idea, comment, mentioned))
    return comment


def edit_comment(comment: Comment, editor: User, body, now: datetime | None = None) -> Comment:
    """The author changes the text for EDIT_MINUTES after posting it; the old text is kept as a
    revision, and only the people newly mentioned are named in CommentEdited."""
    now = now or utcnow()
    if comment.author_id != editor.id:
        raise Forbidden()
    if comment.removed_at is not None:
        raise Invalid("body", GONE)
    if not may_edit(editor, comment, now):
        raise Invalid("body", TOO_LATE)
    text = _body(body)
    if text == comment.body:
        return comment
    db.session.add(
        CommentRevision(comment_id=comment.id, body=comment.body, by_id=editor.id, at=now)
    )
    comment.body, comment.edited_at = text, now
    db.session.flush()
    idea = db.session.get(Idea, comment.idea_id)
    mentioned = mentions.record(comment, idea, editor)
    publish(CommentEdited(idea, comment, mentioned))
    return comment


def remove_comment(comment: Comment, remover: User, now: datetime | None = None) -> Comment:
    """The author, a manager in scope or an admin removes a comment: its row stays as a
    placeholder (its replies stay), its text goes to a revision."""
    now = now or utcnow()
    idea = db.session.get(Idea, comment.idea_id)
    if comment.removed_at is not None:
        raise Invalid("", GONE)
    if not may_remove(remover, comment, idea):
        raise Forbidden()
    db.session.add(
        CommentRevision(comment_id=comment.id, body=comment.body, by_id=remover.id, at=now)
    )
    comment.body, comment.removed_at, comment.removed_by_id = "", now, remover.id
    db.session.flush()
    return comment
