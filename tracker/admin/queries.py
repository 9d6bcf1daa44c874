"""Read-only selects for the administration pages, always within one organisation."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from tracker.audit import AuditEntry
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.extensions import db
from tracker.orgs.models import ScoringCriterion, Unit
from tracker.orgs.scope import subtree_ids, tree_order, unit_choices
from tracker.search_text import contains_text


def counts(organisation_id: int, model) -> tuple[int, int]:
    """(active, total) of an organisation's users, units, goals, categories or criteria."""
    active, total = db.session.execute(
        select(func.count(case((model.active, 1))), func.count()).where(
            model.organisation_id == organisation_id
        )
    ).one()
    return active, total


def audit_count(organisation_id: int) -> int:
    return db.session.scalar(
        select(func.count()).where(AuditEntry.organisation_id == organisation_id)
    )


@dataclass
class UserFilter:
    q: str = ""
    role: Role | None = None
    unit_id: int | None = None


def user_page(organisation_id: int, f: UserFilter, page: int, per_page: int):
    """One page of the organisation's users by name; the unit filter includes its sub-units."""
    query = select(User).where(User.organisation_id == organisation_id)
    if f.q.strip():
        query = query.where(contains_text((User.name, User.email), f.q))
    if f.role:
        query = query.where(User.role == f.role)
    if f.unit_id:
        query = query.where(User.unit_id.in_(subtree_ids(organisation_id, f.unit_id)))
    query = query.options(selectinload(User.unit)).order_by(User.name, User.id)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def unit_tree(organisation_id: int) -> list[tuple[Unit, int]]:
    """Every unit of the organisation, active or not, with its depth, parents first."""
    units = db.session.scalars(
        select(Unit).where(Unit.organisation_id == organisation_id).order_by(Unit.name)
    ).all()
    return tree_order(list(units))


def users_per_unit(organisation_id: int) -> dict[int, int]:
    rows = db.session.execute(
        select(User.unit_id, func.count())
        .where(User.organisation_id == organisation_id, User.active)
        .group_by(User.unit_id)
    )
    return dict(rows.all())


def unit_options(organisation_id: int, current: Unit | None) -> list[tuple[int, str]]:
    """The active units to choose from, plus the current choice if it has been deactivated."""
    choices = unit_choices(organisation_id)
    if current is not None and not current.active:
        choices.append((current.id, _("%(name)s (deactivated)", name=current.name)))
    return choices


def catalogue(model, organisation_id: int) -> list:
    """An organisation's goals, categories or criteria; criteria in their scoring order."""
    order = (
        (ScoringCriterion.position, ScoringCriterion.id)
        if model is ScoringCriterion
        else (model.name, model.id)
    )
    return list(
        db.session.scalars(
            select(model).where(model.organisation_id == organisation_id).order_by(*order)
        )
    )


def next_position(organisation_id: int) -> int:
    """The position after the organisation's last criterion."""
    last = db.session.scalar(
        select(func.max(ScoringCriterion.position)).where(
            ScoringCriterion.organisation_id == organisation_id
        )
    )
    return 0 if last is None else last + 1


def audit_page(organisation_id: int, page: int, per_page: int):
    """One page of the organisation's audit log, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.organisation_id == organisation_id)
        .options(selectinload(AuditEntry.actor))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)
