"""Rollouts: the units that adopt the solution and the change activities."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.dbtypes import enum_column
from tracker.extensions import db
from tracker.ideas.models import Idea, utcnow
from tracker.orgs.models import Unit
from tracker.pilots.rules import UnitStatus, progress

ACTIVITY_MAX = 300


class Rollout(db.Model):
    """An idea's rollout plan; one per idea, kept when the idea comes back to rollout."""

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id"), unique=True)
    planned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    idea: Mapped[Idea] = relationship()
    units: Mapped[list[RolloutUnit]] = relationship(
        order_by="RolloutUnit.id", cascade="all, delete-orphan", back_populates="rollout"
    )
    activities: Mapped[list[Activity]] = relationship(
        order_by="(Activity.due_on, Activity.id)",
        cascade="all, delete-orphan",
        back_populates="rollout",
    )

    @property
    def units_done(self) -> int:
        return sum(u.status is UnitStatus.DONE for u in self.units)

    @property
    def activities_done(self) -> int:
        return sum(a.done for a in self.activities)

    @property
    def progress(self) -> int | None:
        """Overall progress: units and activities done of all of them."""
        return progress(
            self.units_done + self.activities_done, len(self.units) + len(self.activities)
        )


class RolloutUnit(db.Model):
    """A unit that adopts the solution, with its status, dates and contact person."""

    __table_args__ = (
        UniqueConstraint("rollout_id", "unit_id", name="rollout_unit_once"),
        CheckConstraint("ends_on >= starts_on", name="rollout_unit_dates"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    rollout_id: Mapped[int] = mapped_column(ForeignKey("rollout.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    status: Mapped[UnitStatus] = mapped_column(enum_column(UnitStatus), default=UnitStatus.PLANNED)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    contact_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    rollout: Mapped[Rollout] = relationship(back_populates="units")
    unit: Mapped[Unit] = relationship()
    contact: Mapped[User] = relationship()


class Activity(db.Model):
    """A change needed to realise the benefits: a routine, a training, a system switched off."""

    __table_args__ = (Index("ix_activity_owner_open", "owner_id", "done", "due_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    rollout_id: Mapped[int] = mapped_column(ForeignKey("rollout.id"), index=True)
    description: Mapped[str] = mapped_column(String(ACTIVITY_MAX))
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    due_on: Mapped[date]
    done: Mapped[bool] = mapped_column(default=False)
    done_at: Mapped[datetime | None]

    rollout: Mapped[Rollout] = relationship(back_populates="activities")
    owner: Mapped[User] = relationship()

    def overdue(self, today: date) -> bool:
        return not self.done and self.due_on < today
