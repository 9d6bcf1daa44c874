"""Pilots: plan one, extend it, evaluate it. The learnings page is in learnings.py."""

from datetime import date

from flask import abort, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.auth.queries import people_choices
from tracker.forms import add_row
from tracker.ideas import access
from tracker.ideas.answers import saved
from tracker.ideas.stages import Stage
from tracker.orgs.scope import unit_choices
from tracker.pilots import bp, services
from tracker.pilots.forms import (
    EvaluationForm,
    ExtendForm,
    PilotPlanForm,
    evaluation_form,
)
from tracker.pilots.rules import Decision, Outcome
from tracker.web import run_form

bp.before_request(login_required(lambda: None))


@bp.route("/ideas/<int:idea_id>/pilot/new", methods=["GET", "POST"])
def plan(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=access.can_manage)
    org = idea.organisation_id
    form = PilotPlanForm(units=unit_choices(org), people=people_choices(org))
    if request.method == "GET":
        form.version.data = idea.version
        form.unit_id.data = idea.unit_id
        form.owner_id.data = idea.owner_id
    if idea.stage is not Stage.PRIORITISED:
        form.form_errors.append(_("Only a prioritised idea can go to pilot."))
    if add_row(form, "criteria"):
        return render_template("pilots/plan.html", form=form, idea=idea, added="criteria")
    return run_form(
        form,
        lambda: services.plan_pilot(idea, current_user, _plan(form), form.version.data),
        done=saved(_("The pilot is planned and the idea is in pilot."), idea_id),
        render=lambda: render_template("pilots/plan.html", form=form, idea=idea),
        version=lambda: idea.version,
    )


def _plan(form: PilotPlanForm) -> services.PilotInput:
    return services.PilotInput(
        hypothesis=form.hypothesis.data,
        criteria=[
            services.CriterionInput(row.form.description.data or "", row.form.threshold.data or "")
            for row in form.criteria
        ],
        unit_id=form.unit_id.data,
        owner_id=form.owner_id.data,
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
    )


def _running_pilot(idea):
    pilot = services.running_pilot(idea)
    if pilot is None:
        abort(409, _("This idea has no running pilot."))
    return pilot


@bp.route("/ideas/<int:idea_id>/pilot/extend", methods=["GET", "POST"])
def extend(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=access.can_manage)
    pilot = _running_pilot(idea)
    form = ExtendForm(current_end=pilot.ends_on)
    if request.method == "GET":
        form.version.data = idea.version
    return run_form(
        form,
        lambda: services.extend_pilot(
            idea, current_user, form.ends_on.data, form.reason.data, form.version.data
        ),
        done=saved(
            _("The pilot now ends on %(date)s.", date=format_date(form.ends_on.data)), idea_id
        ),
        render=lambda: render_template("pilots/extend.html", form=form, idea=idea, pilot=pilot),
        version=lambda: idea.version,
    )


@bp.route("/ideas/<int:idea_id>/pilot/evaluate", methods=["GET", "POST"])
def evaluate(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=access.can_manage)
    pilot = _running_pilot(idea)
    form = evaluation_form(pilot.criteria)
    if request.method == "GET":
        form.version.data = idea.version
        if request.args.get("decision") in Decision._value2member_map_:
            form.decision.data = request.args["decision"]
        if request.args.get("back_to") in (Stage.SCREENING.value, Stage.PRIORITISED.value):
            form.back_to.data = request.args["back_to"]
    return run_form(
        form,
        lambda: services.evaluate_pilot(idea, current_user, _evaluation(form), form.version.data),
        done=saved(_evaluated_message(form), idea_id, then=lambda: _rollout_next(idea, form)),
        render=lambda: render_template(
            "pilots/evaluate.html", form=form, idea=idea, pilot=pilot, today=date.today()
        ),
        version=lambda: idea.version,
    )


def _evaluation(form: EvaluationForm) -> services.EvaluationInput:
    return services.EvaluationInput(
        decision=Decision(form.decision.data),
        results={
            criterion.id: (Outcome(outcome.data), evidence.data or "")
            for criterion, outcome, evidence in form.rows
        },
        learnings=form.learnings.data or "",
        changes=form.changes.data or "",
        back_to=Stage(form.back_to.data),
    )


def _rollout_next(idea, form: EvaluationForm) -> str | None:
    """After a scale-up, the rollout plan is next."""
    if form.decision.data != Decision.SCALE_UP.value:
        return None
    return url_for("rollouts.plan", idea_id=idea.id, next=request.args.get("next"))


def _evaluated_message(form: EvaluationForm) -> str:
    if form.decision.data == Decision.SCALE_UP.value:
        return _("The pilot is evaluated: scale up. Now plan the rollout.")
    if form.decision.data == Decision.PIVOT.value:
        return _("The pilot is evaluated: pivot. The idea is back, ready for a new plan.")
    return _("The pilot is evaluated: stop. The learnings are kept for the organisation.")
