"""Who may administer: admins, and only their own organisation's objects."""

from flask import abort
from flask_login import current_user, login_required

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.extensions import db
from tracker.orgs import tenancy


def is_admin(user: User) -> bool:
    return user.is_authenticated and user.role is Role.ADMIN


@login_required
def admins_only() -> None:
    """Every /admin route: sign in first, then only the admin role gets through (403)."""
    if not is_admin(current_user):
        abort(403)


def owned(model, object_id: int):
    """An object of the admin's own organisation; any other id answers 404, as if it were absent."""
    obj = db.session.get(model, object_id)
    if obj is None or not tenancy.same_organisation(
        obj.organisation_id, current_user.organisation_id
    ):
        abort(404)
    return obj
