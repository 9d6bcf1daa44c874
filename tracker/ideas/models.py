"""Ideas, their assessments and their append-only stage history."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.dbtypes import enum_column, utcnow
from tracker.extensions import db
from tracker.ideas.stages import Stage
from tracker.labels import LabelledEnum, labels
from tracker.orgs.models import Category, ScoringCriterion, StrategicGoal, Unit


class Source(LabelledEnum):
    EMPLOYEE = "employee"
    CITIZEN_DIALOGUE = "citizen_dialogue"
    SURVEY = "survey"
    PARTNER = "partner"


labels(
    {
        Source.EMPLOYEE: _l("Employee"),
        Source.CITIZEN_DIALOGUE: _l("Citizen dialogue"),
        Source.SURVEY: _l("Survey"),
        Source.PARTNER: _l("Partner"),
    }
)

TITLE_MAX = 160
TAG_MAX = 40

idea_tag = Table(
    "idea_tag",
    db.metadata,
    Column("idea_id", ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(db.Model):
    """A free keyword of an organisation, shared by its ideas."""

    __table_args__ = (UniqueConstraint("organisation_id", "name", name="tag_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    name: Mapped[str] = mapped_column(String(TAG_MAX))

    def __str__(self) -> str:
        return self.name


TEXT_MAX = 5000


class Idea(db.Model):
    __table_args__ = (
        # Covers counting the ideas a person may read, per stage, without reading the rows.
        Index("ix_idea_org_stage_scope", "organisation_id", "stage", "unit_id", "submitter_id"),
        Index("ix_idea_unit_stage", "unit_id", "stage"),
        # Counts the ideas of a manager's units (readable_parts) without reading the rows.
        Index("ix_idea_org_unit_stage", "organisation_id", "unit_id", "stage"),
        # Counts a member's readable ideas: the open ones, and seeks the few confidential ones.
        Index("ix_idea_org_confidential", "organisation_id", "confidential", "stage", "unit_id"),
        Index("ix_idea_submitter", "submitter_id", "created_at"),
        Index("ix_idea_owner", "owner_id"),
        Index("ix_idea_board", "organisation_id", "stage", "board_rank"),
        Index("ix_idea_org_stage_entered", "organisation_id", "stage", "stage_entered_at"),
        Index("ix_idea_org_created", "organisation_id", "created_at"),
        Index("ix_idea_segment", "segment_id", "organisation_id"),
        CheckConstraint("version >= 1", name="version_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    submitter_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    strategic_goal_id: Mapped[int | None] = mapped_column(ForeignKey("strategic_goal.id"))
    # Kept for the dashboard (dashboard/keep.py): the segment the idea is counted in.
    segment_id: Mapped[int | None] = mapped_column(ForeignKey("segment.id"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    need: Mapped[str] = mapped_column(Text)
    proposal: Mapped[str] = mapped_column(Text)
    expected_benefit: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[Source] = mapped_column(enum_column(Source), default=Source.EMPLOYEE)
    stage: Mapped[Stage] = mapped_column(enum_column(Stage), default=Stage.SUBMITTED)
    stage_entered_at: Mapped[datetime] = mapped_column(default=utcnow)
    revisit_on: Mapped[date | None]
    board_rank: Mapped[float] = mapped_column(default=0.0)
    priority_score: Mapped[float | None]
    support_count: Mapped[int] = mapped_column(default=0, server_default="0")
    # Read only by its submitter, the managers in scope, leaders and admins.
    confidential: Mapped[bool] = mapped_column(default=False, server_default="0")
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    unit: Mapped[Unit] = relationship()
    category: Mapped[Category | None] = relationship()
    submitter: Mapped[User | None] = relationship(foreign_keys=[submitter_id])
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    strategic_goal: Mapped[StrategicGoal | None] = relationship()
    assessment: Mapped[Assessment | None] = relationship(back_populates="idea")
    tags: Mapped[list[Tag]] = relationship(secondary=idea_tag, order_by=Tag.name)
    history: Mapped[list[StageChange]] = relationship(order_by="StageChange.id", viewonly=True)

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return self.title


class Assessment(db.Model):
    """The screening of an idea: a score per criterion, a strategic goal and a rationale."""

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id"), unique=True)
    assessor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    rationale: Mapped[str] = mapped_column(Text)
    assessed_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    idea: Mapped[Idea] = relationship(back_populates="assessment")
    assessor: Mapped[User | None] = relationship()
    scores: Mapped[list[Score]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan"
    )


class Score(db.Model):
    __table_args__ = (
        UniqueConstraint("assessment_id", "criterion_id", name="score_criterion"),
        CheckConstraint("value BETWEEN 1 AND 5", name="value_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("scoring_criterion.id"))
    value: Mapped[int]

    assessment: Mapped[Assessment] = relationship(back_populates="scores")
    criterion: Mapped[ScoringCriterion] = relationship()


class Support(db.Model):
    """A person who supports an idea; the idea keeps the count for its card."""

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StageChange(db.Model):
    """One move of an idea, written once and never changed."""

    __table_args__ = (Index("ix_stage_change_idea", "idea_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id"))
    from_stage: Mapped[Stage | None] = mapped_column(enum_column(Stage))
    to_stage: Mapped[Stage] = mapped_column(enum_column(Stage))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")
    revisit_on: Mapped[date | None]

    actor: Mapped[User | None] = relationship()


@event.listens_for(StageChange, "before_update")
@event.listens_for(StageChange, "before_delete")
def _history_is_append_only(mapper, connection, target) -> None:
    raise ValueError("StageChange rows are append-only")
