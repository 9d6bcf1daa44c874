"""Unit scope: a unit and everything below it in the tree."""

from sqlalchemy import select

from tracker.extensions import db
from tracker.orgs.models import Unit


def subtree_ids(organisation_id: int, root_id: int | None) -> frozenset[int]:
    """The ids of a unit and all its descendants, from one query over the organisation's units."""
    if root_id is None:
        return frozenset()
    rows = db.session.execute(
        select(Unit.id, Unit.parent_id).where(Unit.organisation_id == organisation_id)
    ).all()
    children: dict[int | None, list[int]] = {}
    for unit_id, parent_id in rows:
        children.setdefault(parent_id, []).append(unit_id)
    if root_id not in {unit_id for unit_id, _ in rows}:
        return frozenset()
    found, todo = set(), [root_id]
    while todo:
        unit_id = todo.pop()
        if unit_id not in found:
            found.add(unit_id)
            todo.extend(children.get(unit_id, ()))
    return frozenset(found)


def tree_order(units: list[Unit]) -> list[tuple[Unit, int]]:
    """Units with their depth, each parent before its children; an orphan counts as a root."""
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    known = {u.id for u in units}
    out: list[tuple[Unit, int]] = []
    todo = [(u, 0) for u in reversed(units) if u.parent_id is None or u.parent_id not in known]
    while todo:
        unit, depth = todo.pop()
        out.append((unit, depth))
        todo.extend((child, depth + 1) for child in reversed(children.get(unit.id, ())))
    return out


def unit_choices(organisation_id: int) -> list[tuple[int, str]]:
    """The organisation's active units as (id, label) in tree order, indented by depth."""
    units = db.session.scalars(
        select(Unit).where(Unit.organisation_id == organisation_id, Unit.active).order_by(Unit.name)
    ).all()
    return [(unit.id, "\u2003" * depth + unit.name) for unit, depth in tree_order(list(units))]
