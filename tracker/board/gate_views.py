"""Gate dialogs: a card dropped on a column whose gate is not met opens the form that meets it."""

from flask import make_response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.board.forms import AssessGateForm, ReasonGateForm, TakeGateForm
from tracker.board.services import place
from tracker.board.views import _moved_message, _stage, answer, bp, filter_from
from tracker.extensions import htmx
from tracker.ideas import access, queries
from tracker.ideas.forms import assessment_form
from tracker.ideas.gates import GateForm, form_for
from tracker.ideas.services import (
    AssessmentInput,
    active_criteria,
    assess_idea,
    facts_of,
    move_idea,
    take_idea,
)
from tracker.ideas.stages import TRANSITIONS, Stage
from tracker.pilots.links import gate_page
from tracker.web import page_or_fragment, redirect_to, run_form

PLACEMENT = ("version", "above_id", "below_id", "view")


def _form(kind: GateForm, idea, data: dict, formdata=True):
    """The gate's form, prefilled with the move's placement and what the idea already has."""
    options = {} if formdata else {"formdata": None}
    if kind is GateForm.TAKE:
        return TakeGateForm(**options, **data)
    if kind is GateForm.REASON:
        form = ReasonGateForm(**options, **data)
        form.reason.flags.required = True
        return form
    if idea.assessment and not formdata:
        data = {
            "rationale": idea.assessment.rationale,
            **{f"score_{s.criterion_id}": s.value for s in idea.assessment.scores},
            **data,
        }
    data.setdefault("strategic_goal_id", idea.strategic_goal_id)
    criteria = active_criteria(idea.organisation_id)
    goals = queries.goals(idea.organisation_id)
    return assessment_form(criteria, goals, base=AssessGateForm, **options, **data)


def _meet(kind: GateForm, idea, target: Stage, form) -> None:
    """Meet the gate with the form's data, then make the move: all or nothing."""
    if kind is GateForm.TAKE:
        take_idea(idea, current_user, form.version.data)
        return
    if kind is GateForm.ASSESS:
        scores = {c.id: f.data for c, f in zip(form.criteria, form.score_fields, strict=True)}
        data = AssessmentInput(scores, form.strategic_goal_id.data, form.rationale.data)
        assess_idea(idea, current_user, data, form.version.data)
        move_idea(idea, current_user, target, version=None)
        return
    move_idea(idea, current_user, target, version=form.version.data, reason=form.reason.data)


def _own_page(kind: GateForm, idea, target: Stage, view: str | None) -> str:
    """The gate's own page, which comes back to the board (with its filters) when done."""
    board = url_for("board.index") + (f"?{view}" if view else "")
    return gate_page(kind, idea, target, next=board)


def _render(idea, target: Stage, kind: GateForm, form, status: int = 200):
    return page_or_fragment(
        "board/gate.html",
        "board/_gate.html",
        status=status,
        idea=idea,
        target=target,
        kind=kind,
        form=form,
    )


def gate_response(idea, target: Stage, move_form):
    """Open the gate's form: in the board's dialog for HTMX, else on a page of its own."""
    kind = form_for(TRANSITIONS[idea.stage, target], facts_of(idea))
    data = {name: getattr(move_form, name).data for name in PLACEMENT}
    if kind.own_page:
        return redirect_to(_own_page(kind, idea, target, data.get("view")))
    if not htmx:
        args = {k: v for k, v in data.items() if v not in (None, "")}
        return redirect_to(url_for("board.gate", idea_id=idea.id, stage=target.value, **args))
    form = _form(kind, idea, data, formdata=False)
    html = render_template("board/_gate.html", idea=idea, target=target, kind=kind, form=form)
    response = make_response(html)
    response.headers.update(
        {"HX-Retarget": "#gate-dialog-body", "HX-Reswap": "innerHTML", "HX-Trigger": "openGate"}
    )
    return response


@bp.route("/ideas/<int:idea_id>/gate/<stage>", methods=["GET", "POST"])
def gate(idea_id: int, stage: str):
    idea = access.idea_for(current_user, idea_id, check=access.can_manage)
    target = _stage(stage)
    transition = TRANSITIONS.get((idea.stage, target))
    kind = form_for(transition, facts_of(idea)) if transition else None
    f = filter_from(request.values.get("view", ""))
    if kind is None:
        if transition is None:
            message = _(
                "An idea cannot move from %(source)s to %(target)s.",
                source=idea.stage.label,
                target=target.label,
            )
        else:
            message = _("This move needs no form.")
        return answer(f, message, 409, idea.id)
    if kind.own_page:
        return redirect_to(_own_page(kind, idea, target, request.values.get("view")))
    if request.method == "GET":
        data = {name: request.args.get(name) for name in PLACEMENT}
        form = _form(kind, idea, {k: v for k, v in data.items() if v}, formdata=False)
        return _render(idea, target, kind, form)
    form = _form(kind, idea, {})
    return run_form(
        form,
        lambda: _meet_and_place(kind, idea, target, form),
        done=lambda _result: answer(f, _moved_message(idea, True), card_id=idea.id),
        render=lambda: _render(idea, target, kind, form),
        version=lambda: idea.version,
    )


def _meet_and_place(kind: GateForm, idea, target: Stage, form) -> None:
    """Meet the gate and make the move, then give the card its place on the board."""
    _meet(kind, idea, target, form)
    place(idea, form.above_id.data, form.below_id.data)
