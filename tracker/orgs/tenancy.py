"""Tenancy: which rows and objects belong together. The one place the rule lives."""

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, false


def same_organisation(a_org_id: int | None, b_org_id: int | None) -> bool:
    """Two things belong together when they have the same organisation; None never matches."""
    return a_org_id is not None and a_org_id == b_org_id


def in_unit_scope(unit_id: int | None, scope_unit_ids: Collection[int]) -> bool:
    """A unit is in scope when it is one of the scope's units; no unit is in no scope."""
    return unit_id is not None and unit_id in scope_unit_ids


def of_organisation(column: Any, organisation_id: int | None) -> ColumnElement[bool]:
    """The SQL counterpart of `same_organisation`: rows whose organisation is the given one."""
    if organisation_id is None:
        return false()
    return column == organisation_id
