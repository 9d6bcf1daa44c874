"""Loading helpers for read pages."""

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm.interfaces import LoaderOption

from tracker.extensions import db


def fill(model, ids: int | Iterable[int], load: LoaderOption) -> None:
    """Load a relationship of rows the session holds already (one id, or several) in one
    statement that joins it: what selectinload does, at about half its cost in Python. The
    caller keeps the rows. One collection a statement: joined together, collections multiply."""
    ids = [ids] if isinstance(ids, int) else list(ids)
    db.session.scalars(select(model).where(model.id.in_(ids)).options(load)).unique().all()
