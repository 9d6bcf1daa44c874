"""Benefits (nyttoeffekter) of ideas, their plan history, measurements, closing and kept figures."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.benefits.rules import (
    BenefitType,
    Confidence,
    Direction,
    Lifecycle,
    Stakeholder,
)
from tracker.dbtypes import MONEY, enum_column
from tracker.extensions import db
from tracker.ideas.models import Idea, utcnow
from tracker.orgs.models import StrategicGoal, Unit

VALUE = Numeric(18, 4)  # an indicator's value: "12,5 dagar", "1 200 timmar"
SUM = Numeric(28, 2)  # a change times a price, added over benefits: room for any product
TITLE_MAX = 160


class Benefit(db.Model):
    """A measurable change an idea should bring, planned, measured and followed up."""

    __table_args__ = (
        Index("ix_benefit_idea", "idea_id"),
        Index("ix_benefit_owner_due", "owner_id", "next_due_on"),
        CheckConstraint("attribution >= 0 AND attribution <= 100", name="attribution_range"),
        CheckConstraint("interval_months >= 1", name="interval_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    type: Mapped[BenefitType] = mapped_column(enum_column(BenefitType))
    dis_benefit: Mapped[bool] = mapped_column(default=False)
    stakeholder: Mapped[Stakeholder] = mapped_column(enum_column(Stakeholder))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))  # the unit that gains
    indicator: Mapped[str] = mapped_column(String(TITLE_MAX))
    measure: Mapped[str] = mapped_column(String(60))  # the indicator's unit: "dagar", "NKI"
    direction: Mapped[Direction] = mapped_column(enum_column(Direction))
    method: Mapped[str] = mapped_column(Text, default="")
    data_source: Mapped[str] = mapped_column(String(200), default="")
    baseline_value: Mapped[Decimal | None] = mapped_column(VALUE)
    baseline_on: Mapped[date | None]
    target_value: Mapped[Decimal | None] = mapped_column(VALUE)
    target_on: Mapped[date | None]
    confidence: Mapped[Confidence] = mapped_column(
        enum_column(Confidence), default=Confidence.MEDIUM
    )
    sek_per_unit: Mapped[Decimal | None] = mapped_column(MONEY)  # per unit of change per year
    price_year: Mapped[int | None]
    attribution: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal(100))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    strategic_goal_id: Mapped[int | None] = mapped_column(ForeignKey("strategic_goal.id"))
    interval_months: Mapped[int] = mapped_column(default=3)
    risks: Mapped[str] = mapped_column(Text, default="")
    lifecycle: Mapped[Lifecycle] = mapped_column(
        enum_column(Lifecycle), default=Lifecycle.IDENTIFIED
    )
    closing_reason: Mapped[str] = mapped_column(Text, default="")
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    signed_off_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    signed_off_at: Mapped[datetime | None]
    # Figures kept on write, so that no page scans the measurements.
    latest_value: Mapped[Decimal | None] = mapped_column(VALUE)
    latest_on: Mapped[date | None]
    realised_change: Mapped[Decimal | None] = mapped_column(VALUE)
    next_due_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    idea: Mapped[Idea] = relationship()
    unit: Mapped[Unit | None] = relationship()
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    strategic_goal: Mapped[StrategicGoal | None] = relationship()
    signed_off_by: Mapped[User | None] = relationship(foreign_keys=[signed_off_by_id])
    interim_targets: Mapped[list[InterimTarget]] = relationship(
        order_by="InterimTarget.on", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def planned(self) -> bool:
        """Baseline, target and owner are set."""
        return None not in (
            self.baseline_value,
            self.baseline_on,
            self.target_value,
            self.target_on,
            self.owner_id,
        )


class InterimTarget(db.Model):
    """A point the planned curve passes through between the baseline and the target."""

    __table_args__ = (UniqueConstraint("benefit_id", "on", name="interim_target_day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefit.id"))
    on: Mapped[date]
    value: Mapped[Decimal] = mapped_column(VALUE)


class PlanChange(db.Model):
    """A baseline or target changed after planning: the old and new values, who and why."""

    id: Mapped[int] = mapped_column(primary_key=True)
    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefit.id"), index=True)
    what: Mapped[str] = mapped_column(String(20))  # "baseline" or "target"
    old_value: Mapped[Decimal | None] = mapped_column(VALUE)
    old_on: Mapped[date | None]
    new_value: Mapped[Decimal | None] = mapped_column(VALUE)
    new_on: Mapped[date | None]
    reason: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship()


class Measurement(db.Model):
    """A value of a benefit's indicator on a date; a correction is a new row pointing back."""

    __table_args__ = (Index("ix_measurement_benefit", "benefit_id", "on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefit.id"))
    on: Mapped[date]
    value: Mapped[Decimal] = mapped_column(VALUE)
    comment: Mapped[str] = mapped_column(Text, default="")
    data_source: Mapped[str] = mapped_column(String(200), default="")
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("measurement.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    recorded_by: Mapped[User | None] = relationship()


@event.listens_for(PlanChange, "before_update")
@event.listens_for(PlanChange, "before_delete")
@event.listens_for(Measurement, "before_update")
@event.listens_for(Measurement, "before_delete")
def _append_only(mapper, connection, target) -> None:
    raise ValueError(f"{type(target).__name__} rows are append-only")


class BenefitSettings(db.Model):
    """An organisation's benefit calculation settings."""

    __table_args__ = (
        CheckConstraint("tolerance > 0 AND tolerance <= 1", name="tolerance_range"),
        CheckConstraint("horizon_years BETWEEN 1 AND 30", name="horizon_range"),
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), primary_key=True)
    discount_rate: Mapped[Decimal] = mapped_column(Numeric(6, 4), default=Decimal("0.03"))
    horizon_years: Mapped[int] = mapped_column(default=5)
    tolerance: Mapped[Decimal] = mapped_column(Numeric(4, 3), default=Decimal("0.9"))


class ReminderSent(db.Model):
    """A follow-up reminder sent for a benefit's due date: each due date is reminded once."""

    __table_args__ = (UniqueConstraint("benefit_id", "due_on", name="reminder_once"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefit.id"))
    due_on: Mapped[date]
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class ClosingAssessment(db.Model):
    """How an idea's follow-up ended: a summary, the learnings, and who keeps the benefit."""

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id"), unique=True)
    summary: Mapped[str] = mapped_column(Text)
    learnings: Mapped[str] = mapped_column(Text)
    keeper_id: Mapped[int] = mapped_column(ForeignKey("user.id"))  # in line operations
    assessed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    keeper: Mapped[User] = relationship(foreign_keys=[keeper_id])
    assessed_by: Mapped[User | None] = relationship(foreign_keys=[assessed_by_id])


# The figures of an IdeaYearFigure, in the order of the calculation's columns.
YEAR_FIGURES = (
    "planned_sek",
    "realised_sek",
    "cash_sek",
    "non_cash_sek",
    "planned_cost",
    "actual_cost",
)


class IdeaYearFigure(db.Model):
    """An idea's benefits and costs in SEK for one year, kept on write for the dashboard."""

    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    planned_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    realised_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    cash_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))  # realised, cash
    non_cash_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))  # realised, not
    planned_cost: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    actual_cost: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
