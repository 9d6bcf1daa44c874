"""The thread of an idea: its comments with their replies, and the managers' decisions with
their reasons, in the order they happened; read in a fixed number of statements."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.auth.models import User
from tracker.discussion.mentions import names_of
from tracker.discussion.models import Comment, Mention
from tracker.extensions import db
from tracker.ideas import queries as idea_queries
from tracker.ideas.models import Idea, StageChange
from tracker.ideas.stages import TRANSITIONS, Kind, Stage
from tracker.templating import render_markdown

CLOSING = (Stage.DECLINED, Stage.PARKED, Stage.STOPPED)


@dataclass
class Shown:
    """A comment as the thread shows it: its text as HTML (none when removed) and its replies."""

    comment: Comment
    html: Markup
    replies: list[Shown] = field(default_factory=list)
    kind: str = "comment"

    @property
    def at(self) -> datetime:
        return self.comment.created_at


@dataclass
class Decision:
    """A manager's move with its reason: declined, parked, stopped, or back to an earlier stage."""

    change: StageChange
    kind: str = "decision"

    @property
    def at(self) -> datetime:
        return self.change.at

    @property
    def back(self) -> bool:
        return self.change.to_stage not in CLOSING


@dataclass
class Thread:
    entries: list[Shown | Decision]  # top-level comments and decisions, oldest first
    comments: int  # comments and replies not removed


def is_decision(change: StageChange) -> bool:
    """A closing (declined, parked, stopped) or a move back, with its reason."""
    if not change.reason or change.from_stage is None:
        return False
    transition = TRANSITIONS.get((change.from_stage, change.to_stage))
    return change.to_stage in CLOSING or (transition is not None and transition.kind is Kind.BACK)


def thread(idea: Idea, history: list[StageChange] | None = None) -> Thread:
    """The idea's thread; `history` as the idea page read it (with the actors), else read here.
    Comments and their people in one statement, the mentioned people in one more."""
    if history is None:
        history = idea_queries.history(idea)
    comments = list(
        db.session.scalars(
            select(Comment)
            .where(Comment.idea_id == idea.id)
            .options(joinedload(Comment.author), joinedload(Comment.removed_by))
            .order_by(Comment.created_at, Comment.id)
        )
    )
    mentioned: dict[int, list[User]] = {}
    if comments:
        rows = db.session.execute(
            select(Mention.comment_id, User)
            .join(User, User.id == Mention.user_id)
            .join(Comment, Comment.id == Mention.comment_id)
            .where(Comment.idea_id == idea.id)
        )
        for comment_id, user in rows:
            mentioned.setdefault(comment_id, []).append(user)
    shown: dict[int, Shown] = {}
    top: list[Shown | Decision] = []
    for comment in comments:
        html = Markup("")
        if comment.removed_at is None:
            names = names_of(mentioned.get(comment.id, ()))
            html = render_markdown(comment.body, raw_html=False, names=names)
        entry = shown[comment.id] = Shown(comment, html)
        parent = shown.get(comment.parent_id) if comment.parent_id else None
        if parent is not None:
            parent.replies.append(entry)
        else:
            top.append(entry)
    top += [Decision(change) for change in history if is_decision(change)]
    top.sort(key=lambda entry: entry.at)
    alive = sum(1 for c in comments if c.removed_at is None)
    return Thread(top, alive)


def comment_of(comment_id: int) -> Comment | None:
    """A comment by id (the caller checks who may read its idea)."""
    return db.session.get(Comment, comment_id)
