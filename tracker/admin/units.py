"""The organisation's units as a tree: create, rename, move. (De)activation is in catalogue."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.admin import bp, queries, services
from tracker.admin.access import owned
from tracker.admin.forms import UnitForm
from tracker.admin.views import form_template, form_values, saved
from tracker.orgs.models import Unit
from tracker.web import run_form


@bp.get("/units")
def units():
    org = current_user.organisation_id
    return render_template(
        "admin/units.html", tree=queries.unit_tree(org), members=queries.users_per_unit(org)
    )


@bp.route("/units/new", methods=["GET", "POST"])
@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
def unit_form(unit_id: int | None = None):
    """Create a unit (no id), or rename or move one of the organisation's."""
    unit = None if unit_id is None else owned(Unit, unit_id)
    choices = queries.unit_options(current_user.organisation_id, unit.parent if unit else None)
    form = UnitForm(obj=unit, units=choices)
    back = url_for("admin.units")
    return run_form(
        form,
        lambda: services.save_unit(current_user, unit, **form_values(form)),
        done=saved(back),
        render=form_template(form, back, _("Edit the unit") if unit else _("New unit"), obj=unit),
    )
