"""Comments on an idea, one level of replies, their edit history and their mentions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.dbtypes import utcnow
from tracker.extensions import db

COMMENT_MAX = 2000  # characters of Markdown
EDIT_MINUTES = 15  # the author edits a comment this long after posting it


class Comment(db.Model):
    """A comment on an idea, or a reply to one (never a reply to a reply). A removed comment
    keeps its row, shown as a placeholder; its text stays in its revisions."""

    __table_args__ = (
        Index("ix_comment_idea", "idea_id", "created_at"),
        Index("ix_comment_parent", "parent_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    removed_at: Mapped[datetime | None]
    removed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    removed_by: Mapped[User | None] = relationship(foreign_keys=[removed_by_id])


class CommentRevision(db.Model):
    """A comment's text as it was before an edit or a removal: written once, never changed."""

    __table_args__ = (Index("ix_comment_revision_comment", "comment_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id"))
    body: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Mention(db.Model):
    """A person of the organisation named with @ in a comment, who may read its idea."""

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True, index=True)
