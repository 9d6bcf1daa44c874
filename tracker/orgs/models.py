"""The organisation and its configuration: units (a tree), goals, categories, criteria."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.extensions import db


class Organisation(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # New ideas are confidential unless their submitter opens them (an admin's setting).
    ideas_confidential_by_default: Mapped[bool] = mapped_column(default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    def __str__(self) -> str:
        return self.name


class Unit(db.Model):
    """A förvaltning or enhet; units form one tree per organisation."""

    __table_args__ = (
        UniqueConstraint("organisation_id", "parent_id", "name", name="unit_name"),
        Index("ix_unit_org_parent", "organisation_id", "parent_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(default=True)

    organisation: Mapped[Organisation] = relationship()
    parent: Mapped[Unit | None] = relationship(remote_side=[id])

    def __str__(self) -> str:
        return self.name


class StrategicGoal(db.Model):
    __table_args__ = (UniqueConstraint("organisation_id", "name", name="goal_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)

    def __str__(self) -> str:
        return self.name


class Category(db.Model):
    __table_args__ = (UniqueConstraint("organisation_id", "name", name="category_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(default=True)

    def __str__(self) -> str:
        return self.name


class ScoringCriterion(db.Model):
    """A weighted criterion scored 1-5; an inverted one (effort) lowers the priority."""

    __table_args__ = (UniqueConstraint("organisation_id", "name", name="criterion_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(1))
    inverted: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def __str__(self) -> str:
        return self.name
