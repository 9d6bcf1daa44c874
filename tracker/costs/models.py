"""The costs of ideas."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.costs.rules import CostCategory, CostKind
from tracker.dbtypes import MONEY, enum_column
from tracker.extensions import db
from tracker.orgs.models import Unit

DESCRIPTION_MAX = 160


class Cost(db.Model):
    """A cost of an idea: one-off in a year, or running per year from and to a year."""

    __table_args__ = (
        CheckConstraint("year_to IS NULL OR year_to >= year_from", name="cost_years"),
        CheckConstraint("planned >= 0", name="cost_planned_positive"),
        CheckConstraint("actual IS NULL OR actual >= 0", name="cost_actual_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id"), index=True)
    description: Mapped[str] = mapped_column(String(DESCRIPTION_MAX))
    kind: Mapped[CostKind] = mapped_column(enum_column(CostKind))
    category: Mapped[CostCategory] = mapped_column(enum_column(CostCategory))
    year_from: Mapped[int]
    year_to: Mapped[int | None]  # running costs; None: through the horizon
    planned: Mapped[Decimal] = mapped_column(MONEY)
    actual: Mapped[Decimal | None] = mapped_column(MONEY)
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))

    paid_by: Mapped[Unit | None] = relationship()
