"""Board settings of an organisation."""

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.dbtypes import enum_column
from tracker.extensions import db
from tracker.ideas.stages import Stage


class StageLimit(db.Model):
    """The work-in-progress limit of one board column; exceeding it warns but never blocks."""

    __table_args__ = (
        UniqueConstraint("organisation_id", "stage", name="stage_limit_stage"),
        CheckConstraint("wip_limit > 0", name="wip_limit_positive"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    stage: Mapped[Stage] = mapped_column(enum_column(Stage))
    wip_limit: Mapped[int]
