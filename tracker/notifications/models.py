"""Who follows which idea, what each person is told, and how they want to hear it."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.dbtypes import enum_column, utcnow
from tracker.extensions import db
from tracker.labels import LabelledEnum, labels


class FollowReason(LabelledEnum):
    SUBMITTED = "submitted"
    COMMENTED = "commented"
    SUPPORTED = "supported"
    ROLE = "role"
    CHOSEN = "chosen"  # the person pressed "Follow"


labels(
    {
        FollowReason.SUBMITTED: _l("You submitted it"),
        FollowReason.COMMENTED: _l("You commented on it"),
        FollowReason.SUPPORTED: _l("You support it"),
        FollowReason.ROLE: _l("You have a role on it"),
        FollowReason.CHOSEN: _l("You chose to follow it"),
    }
)


class Follow(db.Model):
    """A person's following of an idea. `following` false is an unfollow, which sticks:
    automatic follows insert only where no row exists."""

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True, index=True)
    following: Mapped[bool] = mapped_column(default=True)
    reason: Mapped[FollowReason] = mapped_column(enum_column(FollowReason))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class Kind(LabelledEnum):
    """What a notification is about; each person chooses per kind how to hear of it."""

    STAGE = "stage"  # a followed idea changed stage
    DECISION = "decision"  # declined, parked, stopped or moved back, with its reason
    COMMENT = "comment"  # a new comment or reply on a followed idea
    MENTION = "mention"
    ROLE = "role"  # given a role on an idea
    WAITING = "waiting"  # something waits for the person


labels(
    {
        Kind.STAGE: _l("An idea you follow changes stage"),
        Kind.DECISION: _l("A decision with its reason"),
        Kind.COMMENT: _l("A new comment or reply"),
        Kind.MENTION: _l("Someone mentions you"),
        Kind.ROLE: _l("You are given a role on an idea"),
        Kind.WAITING: _l("Something waits for you"),
    }
)


class Delivery(LabelledEnum):
    """How a kind reaches a person by e-mail; NEVER leaves it in the app only."""

    IMMEDIATE = "immediate"
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"


labels(
    {
        Delivery.IMMEDIATE: _l("By e-mail at once"),
        Delivery.DAILY: _l("In a daily e-mail digest"),
        Delivery.WEEKLY: _l("In a weekly e-mail digest"),
        Delivery.NEVER: _l("In the app only"),
    }
)

# Unless the person chose otherwise: these go at once, the rest in the daily digest.
DEFAULT_DELIVERY = {
    Kind.STAGE: Delivery.DAILY,
    Kind.DECISION: Delivery.DAILY,
    Kind.COMMENT: Delivery.DAILY,
    Kind.MENTION: Delivery.IMMEDIATE,
    Kind.ROLE: Delivery.IMMEDIATE,
    Kind.WAITING: Delivery.IMMEDIATE,
}


class Notification(db.Model):
    """One thing one person is told about one idea. `subject` and `subject_id` name what it is
    about beyond the idea (a comment, a stage change, a benefit to sign off...); `key` makes a
    notification that a sweep may write twice unique per person."""

    __table_args__ = (
        Index("ix_notification_user", "user_id", "read_at", "created_at"),
        Index("ix_notification_mail", "emailed_at", "created_at"),
        UniqueConstraint("user_id", "key", name="notification_key"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    kind: Mapped[Kind] = mapped_column(enum_column(Kind))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    subject: Mapped[str] = mapped_column(String(20), default="")
    subject_id: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text, default="")  # e.g. a decision's reason, as written
    key: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]
    emailed_at: Mapped[datetime | None]  # sent at once or in a digest; never sent twice


class Preference(db.Model):
    """A person's choice for one kind; no row means DEFAULT_DELIVERY."""

    __tablename__ = "notification_preference"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    kind: Mapped[Kind] = mapped_column(enum_column(Kind), primary_key=True)
    delivery: Mapped[Delivery] = mapped_column(enum_column(Delivery))
