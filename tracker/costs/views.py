"""An idea's costs: add, edit and delete, from the costs table on the idea page."""

from datetime import date

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.costs import bp, services
from tracker.costs.forms import CostForm
from tracker.costs.models import Cost
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.ideas.stages import PLANNING_STAGES
from tracker.orgs.scope import unit_choices
from tracker.web import MAX_ID, back_on_refusal, next_url_is_safe, redirect_to, run_form, saved

bp.before_request(login_required(lambda: None))


def _cost_and_idea(cost_id: int) -> tuple[Cost, Idea]:
    """A cost of an idea the user may plan: 404 outside their organisation, 403 without the
    right."""
    cost = db.session.get(Cost, cost_id) if 0 < cost_id <= MAX_ID else None
    if cost is None:
        abort(404)
    return cost, access.idea_for(current_user, cost.idea_id, check=access.can_plan)


def _back(idea: Idea) -> str:
    back = request.args.get("next")
    if next_url_is_safe(back):
        return back
    return url_for("ideas.show", idea_id=idea.id, _anchor="costs")


def _units(idea: Idea, cost: Cost | None) -> list[tuple[int, str]]:
    """The organisation's active units, and the cost's payer even when deactivated since."""
    units = unit_choices(idea.organisation_id)
    if cost is not None and cost.paid_by is not None and cost.paid_by_id not in dict(units):
        units.append((cost.paid_by_id, cost.paid_by.name))
    return units


@bp.route("/ideas/<int:idea_id>/costs/new", methods=["GET", "POST"])
def new(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=access.can_plan)
    form = CostForm(units=_units(idea, None))
    if request.method == "GET":
        form.paid_by_id.data = idea.unit_id
        form.year_from.data = date.today().year
    return _cost_form(form, idea, None)


@bp.route("/costs/<int:cost_id>/edit", methods=["GET", "POST"])
def edit(cost_id: int):
    cost, idea = _cost_and_idea(cost_id)
    form = CostForm(obj=cost, units=_units(idea, cost))
    if request.method == "GET":
        form.kind.data = cost.kind.value
        form.category.data = cost.category.value
    return _cost_form(form, idea, cost)


def _cost_form(form: CostForm, idea: Idea, cost: Cost | None):
    """Save a valid form through the service and go back to the idea; else show the form again
    with each message on its field (422), and nothing saved."""
    if request.method == "GET" and idea.stage not in PLANNING_STAGES:
        form.form_errors.append(_("Costs are planned from screening until the follow-up ends."))
    back = _back(idea)
    return run_form(
        form,
        lambda: services.save_cost(idea, current_user, form.values(), cost),
        done=lambda _result: saved(
            _("The cost is saved.") if cost else _("The cost is added."), back
        ),
        render=lambda: render_template("costs/form.html", form=form, idea=idea, cost=cost),
    )


@bp.post("/costs/<int:cost_id>/delete")
def delete(cost_id: int):
    """Delete a cost entered by mistake; the button on the edit page is the confirmation."""
    cost, idea = _cost_and_idea(cost_id)
    description = cost.description
    back = _back(idea)
    back_on_refusal(back)
    services.delete_cost(cost, current_user)
    db.session.commit()
    flash(_("The cost “%(description)s” is deleted.", description=description), "success")
    return redirect_to(back)
