"""Benefits: identify and plan them, see how they go, record measurements."""

from dataclasses import fields
from datetime import date

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from tracker.auth.queries import people_choices
from tracker.benefits import bp, closing, queries, services
from tracker.benefits.calculation import costs_context
from tracker.benefits.forms import BenefitForm, MeasurementForm
from tracker.benefits.models import Benefit, Measurement
from tracker.benefits.rules import BenefitType, Confidence, Direction, Stakeholder
from tracker.extensions import db
from tracker.forms import add_row
from tracker.ideas import access
from tracker.ideas.queries import goals
from tracker.ideas.stages import PLANNING_STAGES
from tracker.orgs import tenancy
from tracker.orgs.scope import unit_choices
from tracker.web import MAX_ID, int_arg, run_form, saved

bp.before_request(login_required(lambda: None))

ENUMS = {
    "type": BenefitType,
    "stakeholder": Stakeholder,
    "direction": Direction,
    "confidence": Confidence,
}


def benefit_for(benefit_id: int, check=None) -> Benefit:
    """A benefit of the user's organisation (else 404) that the user may read (else 403)."""
    benefit = None
    if 0 < benefit_id <= MAX_ID:  # with its idea and its plan, which every benefit page reads
        joined = [joinedload(Benefit.idea), joinedload(Benefit.interim_targets)]
        benefit = db.session.get(Benefit, benefit_id, options=joined)
    if benefit is None or not tenancy.same_organisation(
        benefit.idea.organisation_id, current_user.organisation_id
    ):
        abort(404)
    readable = benefit.owner_id == current_user.id or access.can_read(current_user, benefit.idea)
    if not readable or (check is not None and not check(current_user, benefit)):
        abort(403)
    return benefit


def _form(idea, benefit: Benefit | None = None) -> BenefitForm:
    org = idea.organisation_id
    data = None
    if request.method == "GET" and benefit is not None:
        names = [f.name for f in fields(services.BenefitInput) if f.name != "interim"]
        data = {name: getattr(benefit, name) for name in names}
        data.update({name: getattr(benefit, name).value for name in ENUMS})
        data["interim"] = [{"on": t.on, "value": t.value} for t in benefit.interim_targets] or [{}]
        data["version"] = benefit.version
    elif request.method == "GET":
        data = {"version": 0, "owner_id": idea.owner_id, "unit_id": idea.unit_id}
        data["strategic_goal_id"] = idea.strategic_goal_id
    return BenefitForm(
        data=data,
        units=unit_choices(org),
        people=people_choices(org),
        goals=[(g.id, g.name) for g in goals(org)],
    )


def _input(form: BenefitForm) -> services.BenefitInput:
    values = {}
    for f in fields(services.BenefitInput):
        if f.name == "interim":
            values[f.name] = form.interim_points()
        elif f.name in ENUMS:
            values[f.name] = ENUMS[f.name](form[f.name].data)
        else:
            values[f.name] = form[f.name].data
    values["method"] = values["method"] or ""
    values["data_source"] = values["data_source"] or ""
    values["risks"] = values["risks"] or ""
    return services.BenefitInput(**values)


def _save(form: BenefitForm, idea, change, benefit: Benefit | None):
    """The benefit form: an added interim row, or the form run through the service."""
    if add_row(form, "interim"):
        return render_template(
            "benefits/form.html", form=form, idea=idea, added="interim", benefit=benefit
        )
    return run_form(
        form,
        change,
        done=lambda result: saved(
            _("The benefit is saved."), url_for("benefits.show", benefit_id=result.id)
        ),
        render=lambda: render_template("benefits/form.html", form=form, idea=idea, benefit=benefit),
        version=None if benefit is None else lambda: benefit.version,
    )


@bp.route("/ideas/<int:idea_id>/benefits/new", methods=["GET", "POST"])
def new(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=access.can_plan)
    form = _form(idea)
    return _save(form, idea, lambda: services.save_benefit(idea, current_user, _input(form)), None)


@bp.route("/benefits/<int:benefit_id>/edit", methods=["GET", "POST"])
def edit(benefit_id: int):
    benefit = benefit_for(benefit_id)
    idea = benefit.idea
    if not access.can_plan(current_user, idea):
        abort(403)
    form = _form(idea, benefit)
    return _save(
        form,
        idea,
        lambda: services.save_benefit(
            idea, current_user, _input(form), benefit, form.version.data, form.reason.data or ""
        ),
        benefit,
    )


@bp.get("/benefits/<int:benefit_id>")
def show(benefit_id: int):
    benefit = benefit_for(benefit_id)
    tolerance = services.settings_for(benefit.idea.organisation_id).tolerance
    return render_template(
        "benefits/show.html",
        **queries.benefit_view(benefit, date.today(), tolerance),
        tolerance=tolerance,
        **closing.closing_context(benefit, current_user),
        may_plan=benefit.idea.stage in PLANNING_STAGES
        and access.can_plan(current_user, benefit.idea),
        may_measure=services.may_measure(current_user, benefit),
    )


@bp.route("/benefits/<int:benefit_id>/measure", methods=["GET", "POST"])
def measure(benefit_id: int):
    benefit = benefit_for(benefit_id, check=services.may_measure)
    form = MeasurementForm()
    corrected = None
    if request.args.get("corrects"):  # a correction: only of one of this benefit's measurements
        corrects = int_arg("corrects")
        corrected = db.session.get(Measurement, corrects) if corrects else None
        if corrected is None or corrected.benefit_id != benefit.id:
            abort(404)
        if request.method == "GET":
            form.corrects_id.data = corrected.id
            form.on.data, form.value.data = corrected.on, corrected.value
    return run_form(
        form,
        lambda: services.record_measurement(benefit, current_user, _measurement(form)),
        done=lambda _result: saved(
            _("The measurement is recorded."), url_for("benefits.show", benefit_id=benefit_id)
        ),
        render=lambda: render_template(
            "benefits/measure.html", form=form, benefit=benefit, corrected=corrected
        ),
    )


def _measurement(form: MeasurementForm) -> services.MeasurementInput:
    return services.MeasurementInput(
        on=form.on.data,
        value=form.value.data,
        comment=form.comment.data or "",
        data_source=form.data_source.data or "",
        corrects_id=form.corrects_id.data,
    )


@bp.get("/ideas/<int:idea_id>/calculation")
def calculation(idea_id: int):
    """The idea's benefit calculation year by year, with its costs."""
    idea = access.idea_for(current_user, idea_id)
    return render_template("benefits/calc_page.html", **costs_context(idea, current_user))
