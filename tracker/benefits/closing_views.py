"""The closing routes (DESIGN.md, "Sign-off"): propose a benefit as realised, sign it off, close
it as evaporated or cancelled, and write the idea's closing assessment. The services are in
closing.py; these routes live on the benefits blueprint, as the board's gate dialogs live on the
board's.
"""

from flask import flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.auth.queries import people_choices
from tracker.benefits import bp, services
from tracker.benefits.closing import (
    ClosingInput,
    assess_closing,
    assessment_of,
    closing_problem,
    confirm_realised,
    drop_benefit,
    idea_closing,
    may_drop,
    may_propose,
    may_sign_off,
    propose_realised,
)
from tracker.benefits.closing_forms import CloseForm, ClosingAssessmentForm, ProposeForm
from tracker.benefits.rules import Lifecycle
from tracker.benefits.views import benefit_for
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.forms import VersionedForm
from tracker.ideas.models import StageChange
from tracker.ideas.stages import Stage
from tracker.web import back_on_refusal, redirect_to, run_form, saved


def _measurement(form: ProposeForm) -> services.MeasurementInput:
    return services.MeasurementInput(
        on=form.on.data,
        value=form.value.data,
        comment=form.comment.data or "",
        data_source=form.data_source.data or "",
    )


@bp.route("/benefits/<int:benefit_id>/propose", methods=["GET", "POST"])
def propose(benefit_id: int):
    benefit = benefit_for(benefit_id, check=may_propose)
    form = ProposeForm()
    if request.method == "GET":
        form.version.data = benefit.version
        problem = closing_problem(benefit, sign_off=True)
        if problem:
            form.form_errors.append(problem)
    page = url_for("benefits.show", benefit_id=benefit.id)
    return run_form(
        form,
        lambda: propose_realised(benefit, current_user, _measurement(form), form.version.data),
        done=lambda _result: saved(
            _("The final value is recorded and the benefit is proposed as realised."), page
        ),
        render=lambda: render_template(
            "benefits/close.html", form=form, benefit=benefit, proposing=True
        ),
        version=lambda: benefit.version,
    )


@bp.post("/benefits/<int:benefit_id>/confirm")
def confirm(benefit_id: int):
    """Sign a proposed benefit off as realised: a button, so refusals come back as messages."""
    benefit = benefit_for(benefit_id, check=may_sign_off)
    form = VersionedForm()
    page = url_for("benefits.show", benefit_id=benefit.id)
    if not form.validate_on_submit():
        message = _("Something in the request was missing or wrong. Reload the page and try again.")
        flash(message, "error")
        return redirect_to(page)
    back_on_refusal(page)
    confirm_realised(benefit, current_user, form.version.data)
    db.session.commit()
    flash(_("The benefit is signed off as realised."), "success")
    return redirect_to(page)


@bp.route("/benefits/<int:benefit_id>/close", methods=["GET", "POST"])
def close(benefit_id: int):
    benefit = benefit_for(benefit_id, check=may_drop)
    form = CloseForm()
    if request.method == "GET":
        form.version.data = benefit.version
        problem = closing_problem(benefit, sign_off=False)
        if problem:
            form.form_errors.append(problem)
    page = url_for("benefits.show", benefit_id=benefit.id)
    return run_form(
        form,
        lambda: drop_benefit(
            benefit,
            current_user,
            Lifecycle(form.outcome.data),
            form.reason.data or "",
            form.version.data,
        ),
        done=lambda _result: saved(
            _("The benefit is closed as %(outcome)s.", outcome=_outcome(form)), page
        ),
        render=lambda: render_template(
            "benefits/close.html", form=form, benefit=benefit, proposing=False
        ),
        version=lambda: benefit.version,
    )


def _outcome(form: CloseForm) -> str:
    return Lifecycle(form.outcome.data).label.lower()


@bp.route("/ideas/<int:idea_id>/closing", methods=["GET", "POST"])
def assess(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=access.can_plan)
    org = idea.organisation_id
    form = ClosingAssessmentForm(people=people_choices(org))
    if request.method == "GET":
        form.version.data = idea.version
        assessment = assessment_of(idea)
        if assessment is not None:
            form.summary.data = assessment.summary
            form.learnings.data = assessment.learnings
            form.keeper_id.data = assessment.keeper_id
        if idea.stage is not Stage.FOLLOW_UP:
            form.form_errors.append(
                _("The closing assessment is written during benefit follow-up.")
            )
    page = url_for("ideas.show", idea_id=idea.id)
    return run_form(
        form,
        lambda: assess_closing(
            idea,
            current_user,
            ClosingInput(form.summary.data or "", form.learnings.data or "", form.keeper_id.data),
            form.version.data,
        ),
        done=lambda moved: saved(_assessed_message(moved), page),
        render=lambda: render_template(
            "benefits/closing_assessment.html",
            form=form,
            idea=idea,
            closing=idea_closing(idea, current_user),
        ),
        version=lambda: idea.version,
    )


def _assessed_message(moved: StageChange | None) -> str:
    if moved is not None:
        return _("The closing assessment is saved and the idea is realised.")
    return _(
        "The closing assessment is saved. The idea moves to realised when every benefit is closed."
    )
