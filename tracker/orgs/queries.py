"""Read-only look-ups of an organisation's configuration, for forms and filters."""

from sqlalchemy import select

from tracker.extensions import db


def organisation_choices(organisation_id: int, model) -> list[tuple[int, str]]:
    """(id, name) of an organisation's active categories or goals, by name."""
    rows = db.session.execute(
        select(model.id, model.name)
        .where(model.organisation_id == organisation_id, model.active)
        .order_by(model.name)
    ).all()
    return [(row.id, row.name) for row in rows]
