"""Pilots: the plan with its success criteria, its extensions and its evaluation."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.dbtypes import enum_column
from tracker.extensions import db
from tracker.ideas.models import Idea, utcnow
from tracker.orgs.models import Unit
from tracker.pilots.rules import Decision, Outcome

CRITERION_MAX = 300


class Pilot(db.Model):
    """An experiment with a hypothesis; an idea may be piloted again after a pivot."""

    __table_args__ = (
        UniqueConstraint("idea_id", "number", name="pilot_number"),
        CheckConstraint("ends_on >= starts_on", name="pilot_dates"),
        Index("ix_pilot_ends_on", "ends_on"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id"))
    number: Mapped[int]  # 1, 2, ... within the idea
    hypothesis: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    planned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    idea: Mapped[Idea] = relationship()
    unit: Mapped[Unit] = relationship()
    owner: Mapped[User] = relationship(foreign_keys=[owner_id])
    planned_by: Mapped[User | None] = relationship(foreign_keys=[planned_by_id])
    criteria: Mapped[list[PilotCriterion]] = relationship(
        order_by="PilotCriterion.position", cascade="all, delete-orphan", back_populates="pilot"
    )
    extensions: Mapped[list[PilotExtension]] = relationship(
        order_by="PilotExtension.id", cascade="all, delete-orphan"
    )
    evaluation: Mapped[Evaluation | None] = relationship(back_populates="pilot")

    def overdue(self, today: date) -> bool:
        """Past its end date and not evaluated."""
        return self.evaluation is None and self.ends_on < today


class PilotCriterion(db.Model):
    """A measurable success criterion with its threshold."""

    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), index=True)
    position: Mapped[int]
    description: Mapped[str] = mapped_column(String(CRITERION_MAX))
    threshold: Mapped[str] = mapped_column(String(CRITERION_MAX))

    pilot: Mapped[Pilot] = relationship(back_populates="criteria")


class PilotExtension(db.Model):
    """A new end date for a pilot, with the reason; kept as history."""

    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), index=True)
    previous_end: Mapped[date]
    new_end: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship()


class Evaluation(db.Model):
    """What a pilot showed, what was learned, and the decision."""

    __table_args__ = (Index("ix_evaluation_at", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), unique=True)
    decision: Mapped[Decision] = mapped_column(enum_column(Decision))
    learnings: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")  # what a pivot changes
    evaluator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    pilot: Mapped[Pilot] = relationship(back_populates="evaluation")
    evaluator: Mapped[User | None] = relationship()
    results: Mapped[list[CriterionResult]] = relationship(
        cascade="all, delete-orphan", order_by="CriterionResult.id"
    )


class CriterionResult(db.Model):
    """One success criterion's outcome in an evaluation, with the evidence."""

    __table_args__ = (UniqueConstraint("evaluation_id", "criterion_id", name="result_criterion"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("pilot_criterion.id"))
    outcome: Mapped[Outcome] = mapped_column(enum_column(Outcome))
    evidence: Mapped[str] = mapped_column(Text, default="")

    criterion: Mapped[PilotCriterion] = relationship()
