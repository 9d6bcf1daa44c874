"""Strategic goals, categories and scoring criteria: named lists that work alike.

Each is a Section (its model, form, service and columns); one set of routes serves all three.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from tracker.admin import bp, queries, services
from tracker.admin.access import owned
from tracker.admin.forms import CategoryForm, CriterionForm, GoalForm
from tracker.admin.views import form_template, form_values, saved, set_active
from tracker.orgs.models import Category, ScoringCriterion, StrategicGoal, Unit
from tracker.web import run_form


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[object], str]
    numeric: bool = False


@dataclass(frozen=True)
class Section:
    slug: str
    model: type
    title: str  # the list's heading
    new_title: str
    edit_title: str
    form: type[FlaskForm]
    save: Callable  # services.save_…(actor, obj or None, **values)
    columns: tuple[Column, ...] = ()
    defaults: Callable[[int], dict] = field(default=lambda organisation_id: {})


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


SECTIONS = {
    section.slug: section
    for section in (
        Section(
            "goals",
            StrategicGoal,
            _l("Strategic goals"),
            _l("New strategic goal"),
            _l("Edit the strategic goal"),
            GoalForm,
            services.save_goal,
            (Column(_l("Description"), lambda goal: goal.description),),
        ),
        Section(
            "categories",
            Category,
            _l("Categories"),
            _l("New category"),
            _l("Edit the category"),
            CategoryForm,
            services.save_category,
        ),
        Section(
            "criteria",
            ScoringCriterion,
            _l("Scoring criteria"),
            _l("New scoring criterion"),
            _l("Edit the scoring criterion"),
            CriterionForm,
            services.save_criterion,
            (
                Column(_l("Position"), lambda c: str(c.position), numeric=True),
                Column(_l("Weight"), lambda c: format_decimal(c.weight), numeric=True),
                Column(_l("More lowers the priority"), lambda c: _yes_no(c.inverted)),
                Column(_l("Description"), lambda c: c.description),
            ),
            lambda organisation_id: {"position": queries.next_position(organisation_id)},
        ),
    )
}
KIND = "<any(goals, categories, criteria):kind>"
TOGGLED = {"units": Unit, **{slug: s.model for slug, s in SECTIONS.items()}}


def _list_url(kind: str) -> str:
    return url_for("admin.units") if kind == "units" else url_for("admin.catalogue", kind=kind)


@bp.get(f"/{KIND}")
def catalogue(kind: str):
    section = SECTIONS[kind]
    rows = queries.catalogue(section.model, current_user.organisation_id)
    return render_template("admin/catalogue.html", section=section, rows=rows)


@bp.route(f"/{KIND}/new", methods=["GET", "POST"])
@bp.route(f"/{KIND}/<int:object_id>", methods=["GET", "POST"])
def catalogue_form(kind: str, object_id: int | None = None):
    """Create an entry (no id) or edit one of the organisation's."""
    section = SECTIONS[kind]
    obj = None if object_id is None else owned(section.model, object_id)
    new = obj is None and request.method == "GET"
    form = section.form(obj=obj, data=section.defaults(current_user.organisation_id) if new else {})
    back = _list_url(kind)
    return run_form(
        form,
        lambda: section.save(current_user, obj, **form_values(form)),
        done=saved(back),
        render=form_template(form, back, section.edit_title if obj else section.new_title, obj=obj),
    )


@bp.post(
    "/<any(units, goals, categories, criteria):kind>"
    "/<int:object_id>/<any(deactivate, reactivate):action>"
)
def toggle(kind: str, object_id: int, action: str):
    """Deactivate or reactivate a unit, goal, category or criterion of the organisation."""
    obj = owned(TOGGLED[kind], object_id)
    return set_active(obj, action == "reactivate", _list_url(kind))
