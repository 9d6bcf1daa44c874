"""Rollouts: plan the rollout, and let contacts and owners report their progress."""

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import AnyOf, InputRequired

from tracker.auth.queries import people_choices
from tracker.extensions import db
from tracker.forms import add_row
from tracker.ideas import access
from tracker.ideas.answers import saved
from tracker.ideas.stages import Stage
from tracker.orgs import tenancy
from tracker.orgs.scope import unit_choices
from tracker.pilots.rules import Decision, UnitStatus
from tracker.pilots.services import latest_pilot
from tracker.rollouts import bp, services
from tracker.rollouts.forms import RolloutForm
from tracker.rollouts.models import Activity, RolloutUnit
from tracker.web import MAX_ID, back_on_refusal, next_url_is_safe, redirect_to, run_form

bp.before_request(login_required(lambda: None))


@bp.route("/ideas/<int:idea_id>/rollout", methods=["GET", "POST"])
def plan(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=access.can_manage)
    org = idea.organisation_id
    rollout = services.rollout_of(idea)
    form = RolloutForm(
        data=_plan_data(idea, rollout) if request.method == "GET" else None,
        units=unit_choices(org),
        people=people_choices(org),
        needs_reason=idea.stage is Stage.PRIORITISED,
    )
    problem = _not_ready(idea)
    if problem:
        form.form_errors.append(problem)
    if add_row(form, "units") or add_row(form, "activities"):
        form.give_choices()
        added = request.form["add_row"]
        return render_template(
            "rollouts/plan.html", form=form, idea=idea, rollout=rollout, added=added
        )
    moves = idea.stage in (Stage.PRIORITISED, Stage.PILOT)
    return run_form(
        form,
        lambda: services.plan_rollout(idea, current_user, _input(form), form.version.data),
        done=saved(
            _("The rollout is planned and the idea is in rollout.")
            if moves
            else _("The rollout plan is saved."),
            idea_id,
        ),
        render=lambda: render_template("rollouts/plan.html", form=form, idea=idea, rollout=rollout),
        version=lambda: idea.version,
    )


def _not_ready(idea) -> str | None:
    """Why the plan cannot be saved yet, if it cannot."""
    if idea.stage not in services.PLANNING_STAGES:
        return _("A rollout is planned for a prioritised idea or a pilot.")
    if idea.stage is Stage.PILOT:
        pilot = latest_pilot(idea)
        if pilot is None or pilot.evaluation is None:
            return _("Evaluate the pilot first: a rollout follows a decision to scale up.")
        if pilot.evaluation.decision is not Decision.SCALE_UP:
            return _("The pilot's evaluation did not decide to scale up.")
    return None


def _plan_data(idea, rollout) -> dict:
    """The form's rows from the saved plan, or one row for the idea's own unit."""
    data = {"version": idea.version}
    if rollout is None:
        data["units"] = [{"unit_id": idea.unit_id, "status": UnitStatus.PLANNED.value}]
        return data
    data["units"] = [
        {
            "unit_id": u.unit_id,
            "status": u.status.value,
            "starts_on": u.starts_on,
            "ends_on": u.ends_on,
            "contact_id": u.contact_id,
        }
        for u in rollout.units
    ]
    data["activities"] = [
        {
            "id": a.id,
            "description": a.description,
            "owner_id": a.owner_id,
            "due_on": a.due_on,
            "done": a.done,
        }
        for a in rollout.activities
    ] or [{}]
    return data


def _input(form: RolloutForm) -> services.RolloutInput:
    return services.RolloutInput(
        units=[
            services.UnitInput(
                unit_id=row.unit_id.data,
                status=UnitStatus(row.status.data),
                starts_on=row.starts_on.data,
                ends_on=row.ends_on.data,
                contact_id=row.contact_id.data,
            )
            for row in (entry.form for entry in form.units)
            if row.unit_id.data
        ],
        activities=[
            services.ActivityInput(
                description=row.description.data,
                owner_id=row.owner_id.data,
                due_on=row.due_on.data,
                done=row.done.data,
                id=row.id.data,
            )
            for row in (entry.form for entry in form.activities)
            if row.description.data
        ],
        reason=form.reason.data or "",
    )


class StatusForm(FlaskForm):
    status = HiddenField(validators=[InputRequired(), AnyOf([s.value for s in UnitStatus])])


class DoneForm(FlaskForm):
    done = HiddenField(validators=[InputRequired(), AnyOf(["1", "0"])])


def _back(idea_id: int) -> str:
    back = request.form.get("next")
    return back if next_url_is_safe(back) else url_for("ideas.show", idea_id=idea_id)


def _organisation_row(model, row_id: int):
    """A rollout's unit or activity of the user's organisation, else 404."""
    row = db.session.get(model, row_id) if 0 < row_id <= MAX_ID else None
    if row is None or not tenancy.same_organisation(
        row.rollout.idea.organisation_id, current_user.organisation_id
    ):
        abort(404)
    return row


def _apply(idea_id: int, change, message: str):
    back_on_refusal(_back(idea_id))
    change()
    db.session.commit()
    flash(message, "success")
    return redirect_to(_back(idea_id))


@bp.post("/rollout-units/<int:row_id>/status")
def unit_status(row_id: int):
    unit = _organisation_row(RolloutUnit, row_id)
    if not services.may_update_unit(current_user, unit):
        abort(403)
    form = StatusForm()
    if not form.validate():
        abort(400, _("Choose one of the statuses: planned, in progress or done."))
    status = UnitStatus(form.status.data)
    return _apply(
        unit.rollout.idea_id,
        lambda: services.set_unit_status(unit, current_user, status),
        _("%(unit)s: %(status)s.", unit=unit.unit.name, status=status.label),
    )


@bp.post("/activities/<int:row_id>/done")
def activity_done(row_id: int):
    activity = _organisation_row(Activity, row_id)
    if not services.may_update_activity(current_user, activity):
        abort(403)
    form = DoneForm()
    if not form.validate():
        abort(400)
    done = form.done.data == "1"
    return _apply(
        activity.rollout.idea_id,
        lambda: services.set_activity_done(activity, current_user, done),
        _("The activity is marked done.") if done else _("The activity is marked not done."),
    )
