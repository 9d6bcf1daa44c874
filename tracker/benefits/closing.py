"""Closing benefits and the idea's follow-up (DESIGN.md, "Sign-off").

A benefit closes as realised when its owner proposes it with a final measurement and the idea's
responsible manager or a leader confirms it, never the person who proposed it; or as evaporated
or cancelled, with a reason, by whoever plans the idea's benefits. The idea's closing assessment
(a summary, the learnings and who in line operations keeps the benefit) completes the gate from
follow-up to realised.

The services come first: they add and flush, never commit. The routes after them live on the
benefits blueprint, as the board's gate dialogs live on the board's.
"""

from dataclasses import dataclass, replace

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from tracker.auth.models import User
from tracker.auth.queries import people_choices
from tracker.auth.roles import Role
from tracker.benefits import figures, services
from tracker.benefits.closing_forms import CloseForm, ClosingAssessmentForm, ProposeForm
from tracker.benefits.models import Benefit, ClosingAssessment, Measurement
from tracker.benefits.rules import DROPPED, Lifecycle
from tracker.benefits.services import PLANNING_STAGES, Invalid
from tracker.benefits.views import _attach, benefit_for, bp
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.forms import VersionedForm
from tracker.ideas.models import Idea, StageChange, utcnow
from tracker.ideas.services import Forbidden, Refused, ensure_fresh, facts_of, move_idea
from tracker.ideas.stages import MoveInput, Stage, benefits_closed
from tracker.pilots.services import check_member
from tracker.web import redirect_to

# A benefit is proposed as realised and signed off once the solution is rolled out.
SIGN_OFF_STAGES = (Stage.ROLLOUT, Stage.FOLLOW_UP)
# It can turn out evaporated or cancelled whenever benefits are planned.
DROP_STAGES = PLANNING_STAGES


class Stale(Invalid):
    """Someone changed the benefit or the idea since the form was opened: on the version field,
    as services.save_benefit refuses it, and answered with a 409."""

    status = 409


# ------------------------------------------------------------------------------- who may


def may_propose(user: User, benefit: Benefit) -> bool:
    """Only the benefit owner proposes it as realised."""
    return services.may_measure(user, benefit)


def may_sign_off(user: User, benefit: Benefit) -> bool:
    """The idea's responsible manager or a leader of its organisation signs a benefit off as
    realised, but never the person who proposed it."""
    idea = benefit.idea
    if idea.organisation_id != user.organisation_id or benefit.proposed_by_id == user.id:
        return False
    return idea.owner_id == user.id or user.role is Role.LEADER


def may_drop(user: User, benefit: Benefit) -> bool:
    """Whoever plans the idea's benefits closes one as evaporated or cancelled."""
    return services.may_plan(user, benefit.idea)


# ------------------------------------------------------------------------------- services


def closing_problem(benefit: Benefit, *, sign_off: bool) -> str | None:
    """Why the benefit cannot be signed off (or, with `sign_off` False, dropped) now, or None."""
    if benefit.lifecycle.closed:
        return _l("This benefit is closed already.")
    if sign_off and benefit.idea.stage not in SIGN_OFF_STAGES:
        return _l("A benefit is signed off as realised during rollout or benefit follow-up.")
    if not sign_off and benefit.idea.stage not in DROP_STAGES:
        return _l("Benefits are planned from screening until the follow-up ends.")
    return None


def _closable(benefit: Benefit, version: int | None, *, sign_off: bool) -> None:
    problem = closing_problem(benefit, sign_off=sign_off)
    if problem:
        raise Invalid("", problem)
    if version is not None and version != benefit.version:
        raise Stale(
            "version", _l("Someone else changed this benefit meanwhile. Nothing was saved.")
        )


def propose_realised(
    benefit: Benefit, user: User, data: services.MeasurementInput, version: int | None
) -> Measurement:
    """The benefit owner records a final measurement and proposes the benefit as realised; it
    stays realising until someone else with the right confirms it."""
    if not may_propose(user, benefit):
        raise Forbidden(_l("Only the benefit owner proposes it as realised."))
    _closable(benefit, version, sign_off=True)
    measurement = services.record_measurement(benefit, user, replace(data, corrects_id=None))
    benefit.proposed_by_id = user.id
    db.session.flush()
    return measurement


def confirm_realised(benefit: Benefit, user: User, version: int | None) -> None:
    """The idea's responsible manager or a leader confirms a proposed benefit: it is realised,
    signed off by them, and no more follow-ups are due."""
    if not may_sign_off(user, benefit):
        raise Forbidden(
            _l(
                "Only the idea's responsible manager or a leader signs a benefit off, "
                "and not the person who proposed it."
            )
        )
    _closable(benefit, version, sign_off=True)
    if benefit.proposed_by_id is None:
        raise Invalid(
            "",
            _l("The benefit owner first proposes the benefit as realised, with a final value."),
        )
    _close(benefit, user, Lifecycle.REALISED)


def drop_benefit(
    benefit: Benefit, user: User, outcome: Lifecycle, reason: str, version: int | None
) -> None:
    """The idea's manager closes a benefit as evaporated or cancelled, with a reason."""
    if not may_drop(user, benefit):
        raise Forbidden(_l("Only the idea's manager may plan its benefits."))
    if outcome not in DROPPED:
        raise Invalid("outcome", _l("Choose how the benefit ends."))
    if not reason.strip():
        raise Invalid("reason", _l("Give a reason."))
    _closable(benefit, version, sign_off=False)
    benefit.closing_reason = reason.strip()
    _close(benefit, user, outcome)


def _close(benefit: Benefit, user: User, lifecycle: Lifecycle) -> None:
    """Who closed the benefit and when is kept in the sign-off columns, whatever the outcome."""
    benefit.lifecycle = lifecycle
    benefit.signed_off_by_id = user.id
    benefit.signed_off_at = utcnow()
    benefit.updated_at = utcnow()
    db.session.flush()
    services.refresh_figures(benefit)  # a closed benefit has no next follow-up
    figures.refresh_idea_figures(benefit.idea)  # a dropped benefit no longer counts


@dataclass
class ClosingInput:
    summary: str
    learnings: str
    keeper_id: int | None


def assessment_of(idea: Idea) -> ClosingAssessment | None:
    return db.session.scalar(select(ClosingAssessment).where(ClosingAssessment.idea_id == idea.id))


def assess_closing(
    idea: Idea, user: User, data: ClosingInput, version: int | None
) -> StageChange | None:
    """The idea's manager writes how its follow-up ended and who keeps the benefit. When every
    benefit is closed the idea moves to realised with it, in the same transaction; the move made
    is returned, or None when the idea stays in follow-up."""
    if not services.may_plan(user, idea):
        raise Forbidden(_l("Only the idea's manager writes its closing assessment."))
    if idea.stage is not Stage.FOLLOW_UP:
        raise Invalid("", _l("The closing assessment is written during benefit follow-up."))
    try:
        ensure_fresh(idea, version)
    except Refused as stale:
        raise Stale("version", stale.messages[0]) from None
    if not data.summary.strip():
        raise Invalid("summary", _l("Write a summary."))
    if not data.learnings.strip():
        raise Invalid("learnings", _l("Write what was learned."))
    if data.keeper_id is None:
        raise Invalid("keeper_id", _l("Choose who keeps the benefit."))
    try:
        check_member(idea.organisation_id, data.keeper_id)
    except Refused as refused:
        raise Invalid("keeper_id", refused.messages[0]) from None
    assessment = assessment_of(idea) or ClosingAssessment(idea_id=idea.id)
    assessment.summary = data.summary.strip()
    assessment.learnings = data.learnings.strip()
    assessment.keeper_id = data.keeper_id
    assessment.assessed_by_id = user.id
    assessment.at = utcnow()
    idea.updated_at = utcnow()  # the assessment is part of the idea: a new version
    db.session.add(assessment)
    db.session.flush()
    if benefits_closed(facts_of(idea), MoveInput()):
        return None  # it moves later, with the move button, once the last benefit is closed
    try:
        return move_idea(idea, user, Stage.REALISED, version=None)
    except Refused:  # e.g. the responsible manager is no longer one: the assessment still counts
        return None


# ------------------------------------------------------------------------------- for pages


@dataclass(frozen=True)
class ClosingPanel:
    """What the closing panel of a benefit page shows, and which actions it offers."""

    proposed_by: User | None
    realised: bool
    dropped: bool
    may_propose: bool
    may_confirm: bool
    may_drop: bool


def closing_context(benefit: Benefit, user: User) -> dict:
    """The context of templates/benefits/_closing.html: `closing`, a ClosingPanel (the template
    also reads `benefit`)."""
    open_ = not benefit.lifecycle.closed
    signing = open_ and benefit.idea.stage in SIGN_OFF_STAGES
    proposed_by = db.session.get(User, benefit.proposed_by_id) if benefit.proposed_by_id else None
    return {
        "closing": ClosingPanel(
            proposed_by=proposed_by,
            realised=benefit.lifecycle is Lifecycle.REALISED,
            dropped=benefit.lifecycle in DROPPED,
            may_propose=signing and benefit.planned and may_propose(user, benefit),
            may_confirm=signing and proposed_by is not None and may_sign_off(user, benefit),
            may_drop=open_ and benefit.idea.stage in DROP_STAGES and may_drop(user, benefit),
        )
    }


@dataclass(frozen=True)
class IdeaClosing:
    """The closing assessment of an idea, and how far its benefits are closed."""

    assessment: ClosingAssessment | None
    open_benefits: int
    closed_benefits: int
    may_write: bool

    @property
    def all_closed(self) -> bool:
        return bool(self.closed_benefits) and not self.open_benefits


def idea_closing(idea: Idea, user: User) -> IdeaClosing:
    lifecycles = db.session.scalars(select(Benefit.lifecycle).where(Benefit.idea_id == idea.id))
    closed = [lc.closed for lc in lifecycles]
    return IdeaClosing(
        assessment=assessment_of(idea),
        open_benefits=closed.count(False),
        closed_benefits=closed.count(True),
        may_write=idea.stage is Stage.FOLLOW_UP and services.may_plan(user, idea),
    )


def closing_assessment_context(idea: Idea, user: User) -> dict:
    """The context of templates/benefits/_closing_assessment.html: `idea_closing`, an IdeaClosing,
    or None when the idea has nothing to show (not in follow-up and not assessed)."""
    closing = idea_closing(idea, user)
    shown = closing.assessment is not None or idea.stage is Stage.FOLLOW_UP
    return {"idea_closing": closing if shown else None}


# ------------------------------------------------------------------------------- routes


def _run(form, change, message, done: str, template: str, fresh_version=None, **context):
    """Run a service on a valid form and go on to `done`; or show the form again with the
    messages on their fields, having saved nothing. `message` is a text, or a function of what
    the service returned; `fresh_version` gives the version a stale form is told about."""
    status = 200
    if form.validate_on_submit():
        try:
            result = change()
        except Forbidden:
            db.session.rollback()
            abort(403)
        except Invalid as refused:
            db.session.rollback()
            _attach(form, refused)
            status = refused.status
        except (IntegrityError, StaleDataError):  # two people saved the same thing at once
            db.session.rollback()
            form.form_errors.append(_("Someone saved a conflicting change. Nothing was saved."))
            status = 409
        else:
            db.session.commit()
            flash(message(result) if callable(message) else message, "success")
            return redirect_to(done)
        if status == 409 and fresh_version is not None:
            form.version.data = fresh_version()
            form.version.raw_data = [str(form.version.data)]
    elif request.method == "POST":
        status = 422
    return render_template(template, form=form, **context), status


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
    return _run(
        form,
        lambda: propose_realised(benefit, current_user, _measurement(form), form.version.data),
        _("The final value is recorded and the benefit is proposed as realised."),
        url_for("benefits.show", benefit_id=benefit.id),
        "benefits/close.html",
        fresh_version=lambda: benefit.version,
        benefit=benefit,
        proposing=True,
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
    try:
        confirm_realised(benefit, current_user, form.version.data)
    except Forbidden:
        db.session.rollback()
        abort(403)
    except Invalid as refused:
        db.session.rollback()
        flash(str(refused.message), "error")
        return redirect_to(page)
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
    return _run(
        form,
        lambda: drop_benefit(
            benefit,
            current_user,
            Lifecycle(form.outcome.data),
            form.reason.data or "",
            form.version.data,
        ),
        lambda _result: _("The benefit is closed as %(outcome)s.", outcome=_outcome(form)),
        url_for("benefits.show", benefit_id=benefit.id),
        "benefits/close.html",
        fresh_version=lambda: benefit.version,
        benefit=benefit,
        proposing=False,
    )


def _outcome(form: CloseForm) -> str:
    return Lifecycle(form.outcome.data).label.lower()


@bp.route("/ideas/<int:idea_id>/closing", methods=["GET", "POST"])
def assess(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=services.may_plan)
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
    return _run(
        form,
        lambda: assess_closing(
            idea,
            current_user,
            ClosingInput(form.summary.data or "", form.learnings.data or "", form.keeper_id.data),
            form.version.data,
        ),
        _assessed_message,
        url_for("ideas.show", idea_id=idea.id),
        "benefits/closing_assessment.html",
        fresh_version=lambda: idea.version,
        idea=idea,
        closing=idea_closing(idea, current_user),
    )


def _assessed_message(moved: StageChange | None) -> str:
    if moved is not None:
        return _("The closing assessment is saved and the idea is realised.")
    return _(
        "The closing assessment is saved. The idea moves to realised when every benefit is closed."
    )
