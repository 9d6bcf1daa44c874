"""Closing benefits and the idea's follow-up (DESIGN.md, "Sign-off").

A benefit closes as realised when its owner proposes it with a final measurement and the idea's
responsible manager or a leader confirms it, never the person who proposed it; or as evaporated
or cancelled, with a reason, by whoever plans the idea's benefits. The idea's closing assessment
(a summary, the learnings and who in line operations keeps the benefit) completes the gate from
follow-up to realised.

The services add and flush, never commit. The routes are in closing_views.py, on the benefits
blueprint, as the board's gate dialogs live on the board's.
"""

from dataclasses import dataclass, replace

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker import validation as check
from tracker.auth.members import check_member
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits import services
from tracker.benefits.models import Benefit, ClosingAssessment, Measurement
from tracker.benefits.rules import DROPPED, Lifecycle
from tracker.events import BenefitChanged, SignOffRequested, publish
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import TEXT_MAX, Idea, StageChange, utcnow
from tracker.ideas.services import ensure_fresh, facts_of, move_idea
from tracker.ideas.stages import PLANNING_STAGES, MoveInput, Stage, benefits_closed
from tracker.locking import lock
from tracker.orgs import tenancy
from tracker.refusals import Forbidden, Invalid, Refused, Stale

# A benefit is proposed as realised and signed off once the solution is rolled out.
SIGN_OFF_STAGES = (Stage.ROLLOUT, Stage.FOLLOW_UP)
# It can turn out evaporated or cancelled whenever benefits are planned.
DROP_STAGES = PLANNING_STAGES


# ------------------------------------------------------------------------------- who may


def may_propose(user: User, benefit: Benefit) -> bool:
    """Only the benefit owner proposes it as realised."""
    return services.may_measure(user, benefit)


def may_sign_off(user: User, benefit: Benefit) -> bool:
    """The idea's responsible manager or a leader of its organisation signs a benefit off as
    realised, but never the person who proposed it."""
    idea = benefit.idea
    ours = tenancy.same_organisation(idea.organisation_id, user.organisation_id)
    if not ours or benefit.proposed_by_id == user.id:
        return False
    return idea.owner_id == user.id or user.role is Role.LEADER


def may_drop(user: User, benefit: Benefit) -> bool:
    """Whoever plans the idea's benefits closes one as evaporated or cancelled."""
    return access.can_plan(user, benefit.idea)


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
    lock(benefit.idea, benefit)
    problem = closing_problem(benefit, sign_off=sign_off)
    if problem:
        raise Invalid("", problem)
    if version is not None and version != benefit.version:
        raise Stale(_l("Someone else changed this benefit meanwhile. Nothing was saved."))


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
    publish(SignOffRequested(benefit.idea, benefit, user))
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
    check.member("outcome", outcome, Lifecycle)
    if outcome not in DROPPED:
        raise Invalid("outcome", _l("Choose how the benefit ends."))
    check.text("reason", reason, TEXT_MAX)
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
    publish(BenefitChanged(benefit))  # no next follow-up; a dropped benefit no longer counts


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
    if not access.can_plan(user, idea):
        raise Forbidden(_l("Only the idea's manager writes its closing assessment."))
    if idea.stage is not Stage.FOLLOW_UP:
        raise Invalid("", _l("The closing assessment is written during benefit follow-up."))
    try:
        ensure_fresh(idea, version)
    except Refused as stale:
        raise Stale(stale.messages[0]) from None
    check.text("summary", data.summary, TEXT_MAX)
    check.text("learnings", data.learnings, TEXT_MAX)
    check.identifier("keeper_id", data.keeper_id, required=False)
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


def idea_closing(idea: Idea, user: User, read: tuple | None = None) -> IdeaClosing:
    """`read`: (the closing assessment or None, the idea's benefits) when the caller has them."""
    if read is None:
        lifecycles = db.session.scalars(
            select(Benefit.lifecycle).where(Benefit.idea_id == idea.id)
        ).all()
        assessment = assessment_of(idea)
    else:
        assessment, benefits = read
        lifecycles = [b.lifecycle for b in benefits]
    closed = [lc.closed for lc in lifecycles]
    return IdeaClosing(
        assessment=assessment,
        open_benefits=closed.count(False),
        closed_benefits=closed.count(True),
        may_write=idea.stage is Stage.FOLLOW_UP and access.can_plan(user, idea),
    )


def closing_assessment_context(idea: Idea, user: User, read: tuple | None = None) -> dict:
    """The context of templates/benefits/_closing_assessment.html: `idea_closing`, an IdeaClosing,
    or None when the idea has nothing to show (not in follow-up and not assessed). `read`: as
    for idea_closing."""
    closing = idea_closing(idea, user, read)
    shown = closing.assessment is not None or idea.stage is Stage.FOLLOW_UP
    return {"idea_closing": closing if shown else None}
