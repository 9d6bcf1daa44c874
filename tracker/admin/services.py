"""Administrative changes: each checks its rules, writes an audit entry and flushes (no commit)."""

import enum
import secrets
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from tracker import validation as check
from tracker.audit import AuditAction, audit
from tracker.auth.models import PASSWORD_MAX, User
from tracker.auth.roles import Role
from tracker.board.models import StageLimit
from tracker.dbtypes import utcnow
from tracker.extensions import db
from tracker.ideas.models import TEXT_MAX
from tracker.ideas.stages import BOARD, Stage
from tracker.locking import lock
from tracker.orgs import tenancy
from tracker.orgs.models import Category, Organisation, ScoringCriterion, StrategicGoal, Unit
from tracker.orgs.scope import subtree_ids
from tracker.refusals import Forbidden, Invalid, Refused

WEIGHT_MAX = Decimal(100)
SHOWN_MAX = 80  # characters of a value that the audit summary keeps
WIP_LIMIT_MAX = 999
WIP_LIMIT_RULE = _l(
    "Leave it blank for no limit, or enter a whole number from 1 to %(max)d.", max=WIP_LIMIT_MAX
)


def _show(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, bool | int):
        return str(value).lower()
    text = str(value)
    return '"' + (text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…") + '"'


def _assign(obj, values: dict, creating: bool) -> str:
    """Set the values; describe them ("name: "A"") or, on a change, what changed ("A" → "B")."""
    changes = []
    for name, new in values.items():
        old = getattr(obj, name)
        if creating:
            changes.append(f"{name}: {_show(new)}")
        elif old != new:
            changes.append(f"{name}: {_show(old)} → {_show(new)}")
        setattr(obj, name, new)
    return "; ".join(changes)


def _save(actor: User, obj, values: dict):
    """Create or change an object of the actor's organisation; audited when anything changed."""
    creating = obj.id is None
    if creating:
        obj.organisation_id = actor.organisation_id
        db.session.add(obj)
    summary = _assign(obj, values, creating)
    db.session.flush()
    if summary:
        audit(actor, AuditAction.CREATE if creating else AuditAction.UPDATE, obj, summary)
    return obj


def _check_name_free(model, organisation_id: int, name: str, obj, **same) -> None:
    """Names are unique in the organisation (or among siblings), whatever their letter case."""
    query = select(model.id, model.name).where(model.organisation_id == organisation_id)
    for name_of_column, value in same.items():
        column = getattr(model, name_of_column)
        query = query.where(column.is_(None) if value is None else column == value)
    for other_id, other_name in db.session.execute(query):
        if other_name.casefold() == name.casefold() and other_id != obj.id:
            raise Invalid("name", _l("The name is already used. Choose another."))


def _unit_of(actor: User, unit_id: int | None, field: str, current: Unit | None) -> Unit | None:
    """The chosen unit: one of the actor's organisation, active unless it is already the choice."""
    if check.identifier(field, unit_id, required=False) is None:
        return None
    unit = db.session.get(Unit, unit_id)
    if unit is None or not tenancy.same_organisation(unit.organisation_id, actor.organisation_id):
        raise Invalid(field, _l("Choose one of the organisation's units."))
    if not unit.active and unit is not current:
        raise Invalid(field, _l("This unit is deactivated. Choose an active one."))
    return unit


def create_user(actor: User, *, name: str, email: str, role: Role, unit_id, password: str) -> User:
    """An admin adds a user to their organisation; the email address is unique in the instance."""
    name = check.text("name", name, check.column_length(User.name), required=True)
    email = check.text("email", email, check.column_length(User.email), required=True).lower()
    check.member("role", role, Role)
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        raise Invalid("email", _l("This email address is already used by another account."))
    user = User()
    user.set_password(check.secret("password", password, PASSWORD_MAX))
    unit = _unit_of(actor, unit_id, "unit_id", None)
    return _save(actor, user, {"name": name, "email": email, "role": role, "unit": unit})


def edit_user(actor: User, user: User, *, name: str, role: Role, unit_id, active: bool) -> User:
    """Change a user's name, role, unit or access; an admin keeps their own access and role; an
    anonymised person stays anonymised."""
    name = check.text("name", name, check.column_length(User.name), required=True)
    check.member("role", role, Role)
    check.boolean("active", active)
    _hold_people(actor, user)
    if user.anonymised_at is not None:
        raise Refused(ANONYMISED_FOR_GOOD)
    if user.id == actor.id and not active:
        raise Invalid("active", _l("You cannot deactivate your own account."))
    if user.id == actor.id and role is not Role.ADMIN:
        raise Invalid("role", _l("You cannot remove your own administrator role."))
    unit = _unit_of(actor, unit_id, "unit_id", user.unit)
    return _save(actor, user, {"name": name, "role": role, "unit": unit, "active": active})


ANONYMISED_NAME = "–"  # the stored name of an anonymised person; pages show User.display_name
ANONYMISED_FOR_GOOD = _l("This person is anonymised. An anonymised account cannot be changed.")
ALREADY_ANONYMISED = _l("This person is already anonymised.")


def anonymised_email(user_id: int) -> str:
    """A unique address that no mail can reach (.invalid is reserved, RFC 2606)."""
    return f"anonymised-{user_id}@invalid"


def anonymise_user(actor: User, user: User) -> User:
    """An admin anonymises a leaver of their organisation, never themselves nor the last active
    admin: name and e-mail replaced, password unusable, account closed; content and history stay.
    """
    if actor.role is not Role.ADMIN or not tenancy.same_organisation(
        user.organisation_id, actor.organisation_id
    ):
        raise Forbidden(_l("Only an administrator of the person's organisation may anonymise."))
    _hold_people(actor, user)
    if user.id == actor.id:
        raise Invalid("", _l("You cannot anonymise your own account."))
    if user.anonymised_at is not None:
        raise Invalid("", ALREADY_ANONYMISED)
    if user.role is Role.ADMIN and user.active and not _other_active_admin(user):
        raise Invalid("", _l("This is the last active administrator. Appoint another one first."))
    user.name = ANONYMISED_NAME
    user.email = anonymised_email(user.id)
    # No hash matches: check_password_hash wants "method$salt$hash". A new value also ends every
    # session and remember-me cookie, which carry the end of the hash (User.get_id).
    user.password_hash = "!anonymised:" + secrets.token_urlsafe(32)
    user.active = False
    user.anonymised_at = utcnow()
    db.session.flush()
    audit(actor, AuditAction.ANONYMISE, user, f"user #{user.id} anonymised")
    return user


def _hold_people(actor: User, *people: User) -> None:
    """Changes of the people of one organisation wait for each other, and the actor must still
    be one of its active admins: two admins cannot take each other's rights at the same moment
    and leave the organisation without one."""
    lock(db.session.get(Organisation, actor.organisation_id), actor, *people)
    if actor.role is not Role.ADMIN or not actor.is_active:
        raise Forbidden(_l("Only an administrator may change people's roles and access."))


def _other_active_admin(user: User) -> bool:
    return (
        db.session.scalar(
            select(func.count()).where(
                User.organisation_id == user.organisation_id,
                User.role == Role.ADMIN,
                User.active,
                User.anonymised_at.is_(None),
                User.id != user.id,
            )
        )
        > 0
    )


def save_unit(actor: User, unit: Unit | None, *, name: str, parent_id) -> Unit:
    """Create, rename or move a unit: no cycle in the tree, no active unit under an inactive one."""
    name = check.text("name", name, check.column_length(Unit.name), required=True)
    unit = unit or Unit()
    parent = _unit_of(actor, parent_id, "parent_id", unit.parent)
    parent_id = parent.id if parent else None
    if unit.id is not None and parent_id in subtree_ids(actor.organisation_id, unit.id):
        raise Invalid(
            "parent_id", _l("A unit cannot be placed under itself or one of its own sub-units.")
        )
    if parent is not None and not parent.active and unit.active is not False:
        raise Invalid("parent_id", _l("This unit is deactivated. Choose an active one."))
    _check_name_free(Unit, actor.organisation_id, name, unit, parent_id=parent_id)
    return _save(actor, unit, {"name": name, "parent": parent})


def save_goal(actor: User, goal: StrategicGoal | None, *, name: str, description: str):
    """Create or change a strategic goal; its name is unique in the organisation."""
    name = check.text("name", name, check.column_length(StrategicGoal.name), required=True)
    description = check.text("description", description, TEXT_MAX)
    goal = goal or StrategicGoal()
    _check_name_free(StrategicGoal, actor.organisation_id, name, goal)
    return _save(actor, goal, {"name": name, "description": description})


def save_category(actor: User, category: Category | None, *, name: str) -> Category:
    """Create or rename a category; its name is unique in the organisation."""
    name = check.text("name", name, check.column_length(Category.name), required=True)
    category = category or Category()
    _check_name_free(Category, actor.organisation_id, name, category)
    return _save(actor, category, {"name": name})


def save_criterion(actor: User, criterion: ScoringCriterion | None, **values) -> ScoringCriterion:
    """Create or change a scoring criterion: a unique name and a weight above 0, at most 100."""
    values["name"] = check.text(
        "name", values["name"], check.column_length(ScoringCriterion.name), required=True
    )
    if "description" in values:
        values["description"] = check.text("description", values["description"], TEXT_MAX)
    check.number("weight", values["weight"], check.numeric_limit(ScoringCriterion.weight))
    if "position" in values:
        check.whole_number("position", values["position"], 0, check.ID_MAX)
    criterion = criterion or ScoringCriterion()
    weight = values["weight"]
    if not (0 < weight <= WEIGHT_MAX):
        raise Invalid("weight", _l("The weight must be more than 0 and at most 100."))
    if weight != weight.quantize(Decimal("0.01")):
        raise Invalid("weight", _l("Use at most two decimals."))
    _check_name_free(ScoringCriterion, actor.organisation_id, values["name"], criterion)
    return _save(actor, criterion, values)


def set_active(actor: User, obj, active: bool) -> None:
    """Deactivate or reactivate a unit, goal, category or criterion; nothing is ever deleted."""
    check.boolean("active", active)
    if obj.active == active:
        return
    if isinstance(obj, Unit):
        _check_unit_activation(obj, active)
    obj.active = active
    db.session.flush()
    audit(actor, AuditAction.REACTIVATE if active else AuditAction.DEACTIVATE, obj, _show(str(obj)))


def _check_unit_activation(unit: Unit, active: bool) -> None:
    """Active units form one tree: no active unit under a deactivated one."""
    if active and unit.parent is not None and not unit.parent.active:
        raise Invalid("active", _l("Reactivate the unit it belongs to first."))
    if not active and db.session.scalar(
        select(func.count()).where(Unit.parent_id == unit.id, Unit.active)
    ):
        raise Invalid("active", _l("Deactivate or move its active sub-units first."))


def limit_field(stage: Stage) -> str:
    """The form field of a board column's WIP limit."""
    return f"limit_{stage.value}"


def set_stage_limits(actor: User, limits: dict[Stage, int | None]) -> Organisation:
    """Set the WIP limit of each board column (None: no limit) in one go, as one audit entry.

    A limit is a whole number from 1 to 999; the columns not given keep their limits.
    """
    for stage, limit in limits.items():
        if stage not in BOARD:
            raise Invalid(limit_field(stage), _l("Only the columns of the board have limits."))
        if limit is not None and not (1 <= limit <= WIP_LIMIT_MAX):
            raise Invalid(limit_field(stage), WIP_LIMIT_RULE)
    rows = {
        row.stage: row
        for row in db.session.scalars(
            select(StageLimit).where(StageLimit.organisation_id == actor.organisation_id)
        )
    }
    changes = []
    for stage in BOARD:
        if stage not in limits:
            continue
        row, new = rows.get(stage), limits[stage]
        old = row.wip_limit if row else None
        if new == old:
            continue
        if new is None:
            db.session.delete(row)
        elif row is None:
            db.session.add(
                StageLimit(organisation_id=actor.organisation_id, stage=stage, wip_limit=new)
            )
        else:
            row.wip_limit = new
        changes.append(f"{stage.value}: {_show(old)} → {_show(new)}")
    db.session.flush()
    organisation = db.session.get(Organisation, actor.organisation_id)
    if changes:
        audit(actor, AuditAction.UPDATE, organisation, "WIP limits: " + "; ".join(changes))
    return organisation


def set_ideas_confidential_by_default(actor: User, confidential: bool) -> Organisation:
    """An admin chooses whether new ideas start open to every member (the default) or
    confidential; a change is audited on the organisation."""
    if not isinstance(confidential, bool):
        raise Invalid("new_ideas", _l("Choose open or confidential."))
    organisation = db.session.get(Organisation, actor.organisation_id)
    old = organisation.ideas_confidential_by_default
    if old != confidential:
        organisation.ideas_confidential_by_default = confidential
        db.session.flush()
        audit(
            actor,
            AuditAction.UPDATE,
            organisation,
            f"ideas_confidential_by_default: {_show(old)} → {_show(confidential)}",
        )
    return organisation
