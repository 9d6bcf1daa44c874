"""Read-only selects about people."""

from sqlalchemy import select

from tracker.auth.models import User
from tracker.extensions import db
from tracker.orgs.models import Unit


def people_choices(organisation_id: int) -> list[tuple[int, str]]:
    """The organisation's active people as (id, "Name, unit"), by name."""
    rows = db.session.execute(
        select(User.id, User.name, Unit.name)
        .outerjoin(Unit, Unit.id == User.unit_id)
        .where(User.organisation_id == organisation_id, User.active)
        .order_by(User.name, User.id)
    )
    return [(uid, f"{name}, {unit}" if unit else name) for uid, name, unit in rows]
