"""Aggregates kept on write for the leadership dashboard.

Ideas fall in segments (organisation, unit, category, strategic goal); each cell adds up what the
ideas of one segment contributed. The dashboard filters segments and sums their cells, so it
reads a few thousand rows whatever the number of ideas. `flask rebuild-aggregates` recomputes
every cell from the history, the measurements and the costs, and says which ones had drifted.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.extensions import db

SUM = Numeric(28, 2)  # kronor, added over ideas
CHANGE = Numeric(28, 4)  # an indicator's change, added over benefits of the same indicator
NONE = 0  # no category or no goal, in a segment's key
ANY = -1  # a segment that adds up every unit, category or goal


def rollup_keys(unit: int, category: int, goal: int) -> list[tuple[int, int, int]]:
    """An idea's (unit, category, goal) and the sums it is added into: its unit's, its
    category's, its goal's and the organisation's. The dashboard reads the smallest set of cells
    its filter allows: the organisation's when unfiltered, the units' for a unit filter."""
    return [
        (unit, category, goal),
        (unit, ANY, ANY),
        (ANY, category, ANY),
        (ANY, ANY, goal),
        (ANY, ANY, ANY),
    ]


class Segment(db.Model):
    """Ideas of one unit, category and strategic goal: the grain the dashboard filters by; or a
    sum of such segments, with ANY (-1) in the keys it adds up. No category or no goal is kept
    as 0, so that the key is unique on every database."""

    __table_args__ = (
        UniqueConstraint(
            "organisation_id", "unit_id", "category_id", "goal_id", name="segment_key"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    unit_id: Mapped[int]  # no foreign key: ANY is not a unit
    category_id: Mapped[int] = mapped_column(default=NONE)
    goal_id: Mapped[int] = mapped_column(default=NONE)


class FlowCell(db.Model):
    """Counts from the stage histories of a segment's ideas: entries and exits per stage and
    quarter, reached stages per year of submission, finished stays per year and length."""

    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), primary_key=True)
    metric: Mapped[str] = mapped_column(String(8), primary_key=True)
    stage: Mapped[str] = mapped_column(String(20), primary_key=True)
    period: Mapped[int] = mapped_column(primary_key=True)  # a quarter (20263) or a year (2026)
    bucket: Mapped[int] = mapped_column(primary_key=True)  # days of a stay; 0 otherwise
    count: Mapped[int] = mapped_column(default=0)


class YearCell(db.Model):
    """A segment's benefit calculation for one year: the sum of its ideas' year figures."""

    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    planned_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    realised_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    cash_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    non_cash_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    planned_cost: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    actual_cost: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))


class BenefitCell(db.Model):
    """A segment's counted benefits of one type, tracking status and indicator unit: how many,
    SEK a year at target and realised (money), and the planned and realised change (in the
    indicator's own unit: only cells of the same unit are ever added)."""

    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"), primary_key=True)
    type: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    measure: Mapped[str] = mapped_column(String(60), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    planned_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    realised_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    planned_change: Mapped[Decimal] = mapped_column(CHANGE, default=Decimal(0))
    realised_change: Mapped[Decimal] = mapped_column(CHANGE, default=Decimal(0))


class BenefitKept(db.Model):
    """What one benefit adds to its BenefitCell, as last written: a write takes it out and puts
    the new one in. A status that changes when the target date passes flips on `flips_on`."""

    __table_args__ = (
        Index("ix_benefit_kept_flips", "organisation_id", "flips_on"),
        Index("ix_benefit_kept_due", "organisation_id", "due_on", "segment_id"),
    )
    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefit.id"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    segment_id: Mapped[int] = mapped_column(ForeignKey("segment.id"))
    type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    status_after: Mapped[str] = mapped_column(String(20))  # once the target date has passed
    flips_on: Mapped[date | None]
    due_on: Mapped[date | None]  # the benefit's next follow-up, for the overdue ones
    measure: Mapped[str] = mapped_column(String(60))
    planned_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    realised_sek: Mapped[Decimal] = mapped_column(SUM, default=Decimal(0))
    planned_change: Mapped[Decimal] = mapped_column(CHANGE, default=Decimal(0))
    realised_change: Mapped[Decimal] = mapped_column(CHANGE, default=Decimal(0))
