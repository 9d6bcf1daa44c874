"""Users of the organisation: list and filter, create, edit."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.admin import bp, queries, services
from tracker.admin.access import owned
from tracker.admin.forms import EditUserForm, NewUserForm
from tracker.admin.views import form_template, form_values, page_number, per_page, saved
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.orgs.scope import unit_choices
from tracker.web import int_arg, page_or_fragment, run_form


def _filter() -> queries.UserFilter:
    role = request.args.get("role", "")
    return queries.UserFilter(
        q=request.args.get("q", "")[:200],
        role=Role(role) if role in Role._value2member_map_ else None,
        unit_id=int_arg("unit"),
    )


@bp.get("/users")
def users():
    org = current_user.organisation_id
    f = _filter()
    return page_or_fragment(
        "admin/users.html",
        "admin/_users.html",
        page=queries.user_page(org, f, page_number(), per_page()),
        filter=f,
        units=unit_choices(org),
        roles=[(role.value, role.label) for role in Role],
    )


@bp.route("/users/new", methods=["GET", "POST"])
def user_new():
    form = NewUserForm(units=unit_choices(current_user.organisation_id))
    back = url_for("admin.users")
    return run_form(
        form,
        lambda: services.create_user(current_user, **form_values(form)),
        done=saved(back),
        render=form_template(form, back, _("New user")),
    )


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user_edit(user_id: int):
    user = owned(User, user_id)
    units = queries.unit_options(current_user.organisation_id, user.unit)
    form = EditUserForm(obj=user, units=units)
    back = url_for("admin.users")
    return run_form(
        form,
        lambda: services.edit_user(current_user, user, **form_values(form)),
        done=saved(back),
        render=form_template(
            form, back, _("Edit the user"), obj=user, note=_("Email: %(email)s", email=user.email)
        ),
    )
