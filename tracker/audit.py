"""The audit log: one append-only row per administrative change or personal data download,
and the one way to write it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.dbtypes import enum_column, utcnow
from tracker.extensions import db
from tracker.labels import LabelledEnum, labels

if TYPE_CHECKING:
    from tracker.auth.models import User


class AuditAction(LabelledEnum):
    CREATE = "create"
    UPDATE = "update"
    DEACTIVATE = "deactivate"
    REACTIVATE = "reactivate"
    ANONYMISE = "anonymise"  # a leaver's name, e-mail and login removed (GDPR)
    EXPORT = "export"  # a person downloaded their own data (GDPR)


labels(
    {
        AuditAction.CREATE: _l("Created"),
        AuditAction.UPDATE: _l("Changed"),
        AuditAction.DEACTIVATE: _l("Deactivated"),
        AuditAction.REACTIVATE: _l("Reactivated"),
        AuditAction.ANONYMISE: _l("Anonymised"),
        AuditAction.EXPORT: _l("Downloaded their data"),
    }
)

# What an entry's object_type (the table's name) is called on the page.
OBJECT_LABELS = {
    "user": _l("User"),
    "unit": _l("Unit"),
    "strategic_goal": _l("Strategic goal"),
    "category": _l("Category"),
    "scoring_criterion": _l("Scoring criterion"),
    "organisation": _l("Organisation"),
    "idea": _l("Idea"),
}


class AuditEntry(db.Model):
    """Who changed which object of the organisation's configuration, when, and what changed."""

    __table_args__ = (Index("ix_audit_entry_org_at", "organisation_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int]
    summary: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship("User")

    @property
    def object_label(self) -> str:
        return str(OBJECT_LABELS.get(self.object_type, self.object_type))


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _audit_is_append_only(mapper, connection, target) -> None:
    raise ValueError("AuditEntry rows are append-only")


def audit(actor: User, action: AuditAction, obj, summary: str) -> AuditEntry:
    """Record an administrative change in the actor's organisation's log."""
    entry = AuditEntry(
        organisation_id=actor.organisation_id,
        actor_id=actor.id,
        action=action,
        object_type=obj.__tablename__,
        object_id=obj.id,
        summary=summary,
    )
    db.session.add(entry)
    db.session.flush()
    return entry
