"""The reactions that write follows and notifications, each listed in tracker/handlers.py.

Every handler is set-based: one select of the people concerned, one INSERT for all of them. The
row conventions are those of describe.py.
"""

from sqlalchemy import select

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits.closing import may_sign_off
from tracker.events import (
    CommentEdited,
    CommentPosted,
    IdeaMoved,
    IdeaSubmitted,
    IdeaSupported,
    ItemDue,
    RoleGiven,
    SignOffRequested,
)
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import TRANSITIONS, Stage
from tracker.ideas.stages import Kind as MoveKind
from tracker.notifications.audience import takers, tell
from tracker.notifications.follows import auto_follow, followers_of
from tracker.notifications.models import FollowReason, Kind

# Moves that are decisions: the submitter is told them with their reason.
DECISIONS = (Stage.DECLINED, Stage.PARKED, Stage.STOPPED)


def idea_submitted(event: IdeaSubmitted) -> None:
    """The submitter follows the new idea; the managers who may take it are told it waits."""
    idea = event.idea
    auto_follow(idea.id, [idea.submitter_id], FollowReason.SUBMITTED)
    tell(
        idea,
        takers(idea),
        Kind.WAITING,
        actor_id=idea.submitter_id,
        subject="take",
        subject_id=idea.id,
        key=f"take:{idea.id}",
        readers_known=True,
    )


def idea_supported(event: IdeaSupported) -> None:
    """A supporter follows the idea."""
    auto_follow(event.idea.id, [event.supporter.id], FollowReason.SUPPORTED)


def is_decision(change) -> bool:
    """A close (declined, parked, stopped) or a move back with its reason."""
    if change.to_stage in DECISIONS:
        return True
    transition = TRANSITIONS.get((change.from_stage, change.to_stage))
    return transition is not None and transition.kind is MoveKind.BACK and bool(change.reason)


def idea_moved(event: IdeaMoved) -> None:
    """The followers but the mover are told of the new stage, or of the decision and its reason."""
    idea, change = event.idea, event.change
    tell(
        idea,
        followers_of(idea.id),
        Kind.DECISION if is_decision(change) else Kind.STAGE,
        actor_id=change.actor_id,
        subject=change.to_stage.value,
        subject_id=change.id,
        text=change.reason or "",
    )


def comment_posted(event: CommentPosted) -> None:
    """The author follows the idea; each person mentioned is told so, every other follower of
    the comment: one notification each."""
    idea, comment = event.idea, event.comment
    author = comment.author_id
    auto_follow(idea.id, [author], FollowReason.COMMENTED)
    mentioned = {u.id for u in event.mentioned}
    about = {"actor_id": author, "subject": "comment", "subject_id": comment.id}
    tell(idea, mentioned, Kind.MENTION, **about)
    tell(idea, followers_of(idea.id) - mentioned, Kind.COMMENT, **about)


def comment_edited(event: CommentEdited) -> None:
    """The people an edit newly mentions are told so."""
    comment = event.comment
    tell(
        event.idea,
        {u.id for u in event.mentioned},
        Kind.MENTION,
        actor_id=comment.author_id,
        subject="comment",
        subject_id=comment.id,
    )


def role_given(event: RoleGiven) -> None:
    """A person given a role on the idea follows it and is told, unless they gave it
    themselves."""
    idea, user = event.idea, event.user
    auto_follow(idea.id, [user.id], FollowReason.ROLE)
    by = event.by.id if event.by is not None else None
    tell(idea, [user.id], Kind.ROLE, actor_id=by, subject=event.role)


def sign_off_requested(event: SignOffRequested) -> None:
    """Everyone who may sign the benefit off is told it waits for them."""
    idea, benefit = event.idea, event.benefit
    candidates = db.session.scalars(
        select(User).where(
            User.organisation_id == idea.organisation_id,
            User.active.is_(True),
            (User.id == idea.owner_id) | (User.role == Role.LEADER),
        )
    )
    signers = [u.id for u in candidates if may_sign_off(u, benefit)]
    tell(
        idea,
        signers,
        Kind.WAITING,
        actor_id=event.proposer.id,
        subject="sign_off",
        subject_id=benefit.id,
    )


def item_due(event: ItemDue) -> None:
    """A dated item due for a person is told once for each due day (its key)."""
    idea = db.session.get(Idea, event.idea_id)
    if idea is None:
        return
    tell(
        idea,
        [event.user_id],
        Kind.WAITING,
        actor_id=None,
        subject=event.subject,
        subject_id=event.subject_id,
        key=f"{event.subject}:{event.subject_id}:{event.due_on.isoformat()}",
    )
