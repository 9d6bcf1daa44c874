"""Users of the organisation: list and filter, create, edit, anonymise a leaver."""

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.admin import bp, queries, services
from tracker.admin.access import owned
from tracker.admin.forms import AnonymiseForm, EditUserForm, NewUserForm
from tracker.admin.views import form_template, form_values, page_number, per_page, saved
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.orgs.scope import unit_choices
from tracker.refusals import Refused
from tracker.web import back_on_refusal, int_arg, page_or_fragment, run_form


def _filter() -> queries.UserFilter:
    role = request.args.get("role", "")
    return queries.UserFilter(
        q=request.args.get("q", "")[:200],
        role=Role(role) if role in Role._value2member_map_ else None,
        unit_id=int_arg("unit"),
    )


def _not_anonymised(user: User, message) -> User:
    """An anonymised person has no edit or anonymise page: back to the list, saying why."""
    if user.anonymised_at is not None:
        back_on_refusal(url_for("admin.users"))
        raise Refused(message)
    return user


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
    user = _not_anonymised(owned(User, user_id), services.ANONYMISED_FOR_GOOD)
    units = queries.unit_options(current_user.organisation_id, user.unit)
    form = EditUserForm(obj=user, units=units)
    back = url_for("admin.users")
    return run_form(
        form,
        lambda: services.edit_user(current_user, user, **form_values(form)),
        done=saved(back),
        render=form_template(
            form,
            back,
            _("Edit the user"),
            obj=user,
            note=_("Email: %(email)s", email=user.email),
            anonymise=None if user.id == current_user.id else user,
        ),
    )


@bp.route("/users/<int:user_id>/anonymise", methods=["GET", "POST"])
def user_anonymise(user_id: int):
    """Confirm, then anonymise a leaver: it cannot be undone, so it has a page of its own."""
    user = _not_anonymised(owned(User, user_id), services.ALREADY_ANONYMISED)
    form = AnonymiseForm()
    back = url_for("admin.users")
    name = user.display_name
    return run_form(
        form,
        lambda: services.anonymise_user(current_user, user),
        done=saved(back, _("%(name)s is anonymised.", name=name)),
        render=lambda: render_template("admin/anonymise.html", form=form, user=user, back=back),
    )
