"""Ideas: submit, read, edit, withdraw, take, assess and move."""

from datetime import date

from flask import (
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from tracker.benefits import calculation
from tracker.benefits import queries as benefit_queries
from tracker.benefits import services as benefit_services
from tracker.benefits.calculation import costs_context
from tracker.benefits.closing import closing_assessment_context
from tracker.costs import services as cost_services
from tracker.discussion import page as discussion_page
from tracker.extensions import db
from tracker.ideas import access, bp, listing, queries, services
from tracker.ideas.answers import saved
from tracker.ideas.forms import (
    ConfidentialForm,
    IdeaForm,
    MoveForm,
    VersionedForm,
    assessment_form,
)
from tracker.ideas.gates import GateForm, form_for
from tracker.ideas.models import Idea, Source
from tracker.ideas.page import Head, gate_facts, head_of, read_people
from tracker.ideas.stages import PLANNING_STAGES, TRANSITIONS, Stage, may_perform, transitions_from
from tracker.orgs.models import Category
from tracker.orgs.queries import organisation_choices
from tracker.orgs.scope import unit_choices
from tracker.pilots import queries as pilot_queries
from tracker.pilots.links import gate_page
from tracker.web import (
    back_on_refusal,
    redirect_to,
    run_form,
    trigger,
    wants_fragment,
)

bp.before_request(login_required(lambda: None))


# A list opened from the dashboard names its figure in these; such lists moved to the dashboard.
DASHBOARD_ARGS = ("fig", "category", "goal")


@bp.get("/")
def index():
    if any(request.args.get(name) for name in DASHBOARD_ARGS):  # a link saved before the move
        return redirect(url_for("dashboard.ideas", **request.args), 301)
    return listing.idea_list(listing.idea_filter())


def _idea_form(idea: Idea | None = None) -> IdeaForm:
    org = current_user.organisation_id
    form = IdeaForm(
        obj=idea,
        categories=organisation_choices(org, Category),
        units=unit_choices(org),
    )
    if idea is None and request.method == "GET":
        form.unit_id.data = current_user.unit_id
        form.version.data = 0
        form.confidential.data = current_user.organisation.ideas_confidential_by_default
    return form


def _text(form: IdeaForm) -> services.IdeaText:
    return services.IdeaText(
        title=form.title.data.strip(),
        need=form.need.data.strip(),
        proposal=form.proposal.data.strip(),
        expected_benefit=(form.expected_benefit.data or "").strip(),
        category_id=form.category_id.data,
        unit_id=form.unit_id.data,
        source=Source(form.source.data),
        tags=form.tags.data,
        confidential=bool(form.confidential.data),
    )


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = _idea_form()
    return run_form(
        form,
        lambda: services.submit_idea(current_user, _text(form)).id,
        done=saved(_("Thank you! Your idea is submitted.")),
        render=lambda: render_template("ideas/form.html", form=form, idea=None),
    )


@bp.get("/<int:idea_id>")
def show(idea_id: int):
    read = head_of(current_user, idea_id)  # fills the session: idea_for reads no more
    idea = access.idea_for(current_user, idea_id)
    return render_template("ideas/show.html", **_show_context(idea, read))


def _show_context(idea: Idea, read: Head) -> dict:
    """What the idea page shows, read in a fixed number of statements (see page.py)."""
    actor = access.actor(current_user, idea)
    moves = [t for t in transitions_from(idea.stage) if may_perform(t, actor)]
    pilots = pilot_queries.pilots_of(idea)
    gate_links = _gate_links(idea, moves, gate_facts(idea, pilots))
    running = pilots[-1] if pilots and pilots[-1].evaluation is None else None
    history = queries.history(idea)
    benefits = _benefit_context(idea, read, history)
    return {
        "people": read_people(read, pilots, [b for b, _ in benefits["benefits"]]),
        "current_user": current_user._get_current_object(),  # not the proxy: read often
        "idea": idea,
        "history": history,
        "moves": [t for t in moves if gate_links.get(t.target, "") is not None],
        "gate_links": gate_links,
        "pilots": pilots,
        "running_pilot": running,
        "rollout": read.rollout,
        "today": date.today(),
        **benefits,
        "can_edit": access.can_edit(current_user, idea),
        "can_manage": access.can_manage(current_user, idea),
        "can_mark_confidential": access.can_mark_confidential(current_user, idea),
        "can_support": access.can_support(current_user, idea),
        "supported": read.supported,
        "discussion": discussion_page.context(idea, current_user, history),
    }


def _benefit_context(idea: Idea, read: Head, history) -> dict:
    """The benefits, closing assessment, costs and calculation sections, from one read of the
    benefits and their measurements."""
    today = date.today()
    settings = read.settings or benefit_services.settings_for(idea.organisation_id)
    benefits, readings = benefit_queries.benefits_with_readings(idea)
    rows = cost_services.costs_of(idea)
    calculated = calculation.calculation_from(
        idea, settings, calculation.counted(benefits), readings, rows, today, history
    )
    return {
        **closing_assessment_context(idea, current_user, (read.closing_assessment, benefits)),
        "benefits": benefit_queries.idea_benefits(
            idea, today, settings.tolerance, (benefits, readings)
        ),
        "may_plan_benefits": idea.stage in PLANNING_STAGES and access.can_plan(current_user, idea),
        **costs_context(idea, current_user, (rows, calculated)),
    }


def _gate_links(idea: Idea, moves, facts) -> dict:
    """Moves whose gate has its own form page, by target: the page, or None when the move is
    not possible now (a pilot already evaluated cannot be evaluated again)."""
    if not moves:
        return {}
    links = {}
    for transition in moves:
        kind = form_for(transition, facts)
        if kind is None or not kind.own_page:
            continue
        usable = kind is not GateForm.EVALUATE or facts.open_pilot
        url = gate_page(kind, idea, transition.target)
        links[transition.target] = {"kind": kind.value, "url": url} if usable else None
    return links


def _support_context(idea: Idea) -> dict:
    return {
        "idea": idea,
        "can_support": access.can_support(current_user, idea),
        "supported": queries.is_supporter(current_user, idea),
    }


@bp.post("/<int:idea_id>/support")
def support(idea_id: int):
    """Support the idea, or withdraw the support; an HTMX request gets the support fragment."""
    idea = access.idea_for(current_user, idea_id, check=access.can_support)
    try:
        supported = services.toggle_support(idea, current_user)
        db.session.commit()
    except IntegrityError:  # a double click: the first click's support stands
        db.session.rollback()
        supported = True
    if wants_fragment():
        response = make_response(render_template("ideas/_support.html", **_support_context(idea)))
        response.vary.add("HX-Request")
        return trigger(response, "supportChanged")
    if supported:
        flash(_("You support the idea."), "success")
    else:
        flash(_("You no longer support the idea."), "success")
    return redirect_to(url_for("ideas.show", idea_id=idea.id))


@bp.post("/<int:idea_id>/confidential")
def confidential(idea_id: int):
    """Mark the idea confidential or open it; an HTMX request gets the fragment back."""
    idea = access.idea_for(current_user, idea_id, check=access.can_mark_confidential)
    form = ConfidentialForm()
    if not form.validate():
        abort(400, _("The request was incomplete or malformed. Reload the page and try again."))
    back_on_refusal(url_for("ideas.show", idea_id=idea.id))
    services.set_confidential(idea, current_user, form.state.data == "confidential")
    db.session.commit()
    if wants_fragment():
        context = {"idea": idea, "can_mark_confidential": True}
        response = make_response(render_template("ideas/_confidential.html", **context))
        response.vary.add("HX-Request")
        return trigger(response, "confidentialChanged")
    if idea.confidential:
        flash(_("The idea is confidential."), "success")
    else:
        flash(_("The idea is open to everyone in the organisation."), "success")
    return redirect_to(url_for("ideas.show", idea_id=idea.id))


@bp.route("/<int:idea_id>/edit", methods=["GET", "POST"])
def edit(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=access.can_edit)
    form = _idea_form(idea)
    return run_form(
        form,
        lambda: services.edit_idea(idea, current_user, _text(form), form.version.data),
        done=saved(_("Your changes are saved."), idea_id),
        render=lambda: render_template("ideas/form.html", form=form, idea=idea),
        version=lambda: idea.version,
    )


@bp.post("/<int:idea_id>/take")
def take(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=access.can_manage)
    form = VersionedForm()
    if not form.validate():
        abort(400)
    back_on_refusal(url_for("ideas.show", idea_id=idea.id))
    services.take_idea(idea, current_user, form.version.data)
    db.session.commit()
    flash(_("You are now responsible for the idea. It is in screening."), "success")
    return redirect_to(url_for("ideas.show", idea_id=idea.id))


@bp.post("/<int:idea_id>/withdraw")
def withdraw(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=access.can_edit)
    form = MoveForm()
    if not form.validate():
        abort(400)
    back_on_refusal(url_for("ideas.show", idea_id=idea.id))
    services.move_idea(
        idea,
        current_user,
        Stage.WITHDRAWN,
        version=form.version.data,
        reason=form.reason.data or "",
    )
    db.session.commit()
    flash(_("Your idea is withdrawn."), "success")
    return redirect_to(url_for("ideas.show", idea_id=idea.id))


@bp.route("/<int:idea_id>/move/<target>", methods=["GET", "POST"])
def move(idea_id: int, target: str):
    """Move an idea to another stage; reasons and revisit dates are asked for here."""
    idea = access.idea_for(current_user, idea_id, check=access.can_manage)
    if target not in Stage._value2member_map_:
        abort(404)
    stage = Stage(target)
    transition = TRANSITIONS.get((idea.stage, stage))
    form = MoveForm(version=idea.version)
    form.reason.flags.required = bool(transition and transition.needs_reason)
    form.revisit_on.flags.required = bool(transition and transition.needs_revisit)
    return run_form(
        form,
        lambda: services.move_idea(
            idea,
            current_user,
            stage,
            version=form.version.data,
            reason=form.reason.data or "",
            revisit_on=form.revisit_on.data,
        ),
        done=saved(_("The idea is moved to %(stage)s.", stage=stage.label), idea_id),
        render=lambda: render_template(
            "ideas/move.html", form=form, idea=idea, target=stage, transition=transition
        ),
        version=lambda: idea.version,
    )


@bp.route("/<int:idea_id>/assess", methods=["GET", "POST"])
def assess(idea_id: int):
    idea = access.idea_for(current_user, idea_id, check=access.can_manage)
    criteria = services.active_criteria(idea.organisation_id)
    form = assessment_form(criteria, queries.goals(idea.organisation_id), **_prefill(idea))
    return run_form(
        form,
        lambda: services.assess_idea(idea, current_user, _assessment(form), form.version.data),
        done=saved(_("The assessment is saved."), idea_id),
        render=lambda: render_template("ideas/assess.html", form=form, idea=idea),
        version=lambda: idea.version,
    )


def _assessment(form) -> services.AssessmentInput:
    return services.AssessmentInput(
        scores={c.id: f.data for c, f in zip(form.criteria, form.score_fields, strict=True)},
        strategic_goal_id=form.strategic_goal_id.data,
        rationale=form.rationale.data,
    )


def _prefill(idea: Idea) -> dict:
    """The form's initial data on GET: the current assessment, if any."""
    if request.method != "GET":
        return {}
    data = {"version": idea.version, "strategic_goal_id": idea.strategic_goal_id}
    if idea.assessment:
        data["rationale"] = idea.assessment.rationale
        data.update({f"score_{s.criterion_id}": s.value for s in idea.assessment.scores})
    return data
