"""An idea's costs (add, edit, delete) and its benefit calculation (nyttokalkyl) page.

The idea page shows the same costs table and calculation summary: it merges
`costs_context(idea, user)` into its context and includes benefits/_costs.html and
benefits/_calculation_summary.html.
"""

from datetime import date
from decimal import Decimal

from flask import Blueprint, abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.auth.models import User
from tracker.benefits import costs
from tracker.benefits.models import Cost
from tracker.benefits.money import CostForm
from tracker.extensions import db
from tracker.forms import shown
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.ideas.stages import PLANNING_STAGES
from tracker.orgs.scope import unit_choices
from tracker.web import MAX_ID, back_on_refusal, next_url_is_safe, redirect_to, run_form

bp = Blueprint("costs", __name__)
bp.before_request(login_required(lambda: None))


def percent(fraction: Decimal) -> str:
    """A fraction as a percentage number in the user's locale: 0.035 is "3,5" in Swedish."""
    return shown(Decimal(fraction) * 100)


def costs_context(idea: Idea, user: User, read: tuple | None = None) -> dict:
    """The context of benefits/_costs.html and benefits/_calculation_summary.html (and of the
    calculation page):

    - idea: the idea;
    - costs: its Cost rows by first year;
    - calculation: its calc.Calculation (rows per year, npv, planned_npv, payback_year,
      planned_payback_year, rate);
    - calculation_basis: costs.Basis (start_year, start, settings, counted, unpriced);
    - costs_after: the costs that start after the calculation's last year;
    - can_plan_costs: whether `user` may add, edit and delete costs now;
    - percent(fraction): a rate as a percentage number in the user's locale (amounts use the
      `sek` filter).

    `read`: (costs, (calculation, basis)) when the caller has them already (the idea page).
    """
    rows, (result, basis) = read or _read(idea)
    return {
        "idea": idea,
        "costs": rows,
        "calculation": result,
        "calculation_basis": basis,
        "costs_after": costs.after_years(rows, result.rows[-1].year),
        "can_plan_costs": access.can_plan(user, idea) and idea.stage in PLANNING_STAGES,
        "percent": percent,
    }


def _read(idea: Idea) -> tuple:
    rows = costs.costs_of(idea)
    return rows, costs.calculation_with_basis(idea, costs=rows)


@bp.get("/ideas/<int:idea_id>/calculation")
def calculation(idea_id: int):
    idea = access.idea_for(current_user, idea_id)
    return render_template("benefits/calc_page.html", **costs_context(idea, current_user))


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
        lambda: costs.save_cost(idea, current_user, form.values(), cost),
        done=lambda _result: _saved(
            _("The cost is saved.") if cost else _("The cost is added."), back
        ),
        render=lambda: render_template("benefits/cost_form.html", form=form, idea=idea, cost=cost),
    )


def _saved(message: str, location: str):
    flash(message, "success")
    return redirect_to(location)


@bp.post("/costs/<int:cost_id>/delete")
def delete(cost_id: int):
    """Delete a cost entered by mistake; the button on the edit page is the confirmation."""
    cost, idea = _cost_and_idea(cost_id)
    description = cost.description
    back = _back(idea)
    back_on_refusal(back)
    costs.delete_cost(cost, current_user)
    db.session.commit()
    flash(_("The cost “%(description)s” is deleted.", description=description), "success")
    return redirect_to(back)
