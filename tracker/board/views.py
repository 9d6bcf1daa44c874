"""The kanban board: columns per stage, moves by drag and drop or keyboard, gate dialogs."""

import json
from urllib.parse import parse_qsl, urlencode, urlsplit

from flask import abort, flash, make_response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.board import bp, cards
from tracker.board.card_html import cards_html
from tracker.board.forms import CardMoveForm
from tracker.board.kit import CardKit
from tracker.board.queries import stage_limits
from tracker.board.services import move_card, step
from tracker.extensions import db, htmx
from tracker.ideas import access
from tracker.ideas.gates import form_for
from tracker.ideas.services import facts_of
from tracker.ideas.stages import BOARD, TRANSITIONS, Stage
from tracker.orgs.models import Category, StrategicGoal
from tracker.orgs.queries import organisation_choices
from tracker.orgs.scope import unit_choices
from tracker.refusals import Refused
from tracker.web import int_arg, page_or_fragment, redirect_to

bp.before_request(login_required(lambda: None))


def _stage(value: str) -> Stage:
    if value not in Stage._value2member_map_ or Stage(value) not in BOARD:
        abort(404)
    return Stage(value)


def filter_from(view: str | None) -> cards.BoardFilter:
    """The filters of the board the request came from: a form's `view`, or HTMX's current URL."""
    if view is None and htmx and htmx.current_url:
        view = urlsplit(htmx.current_url).query
    return cards.BoardFilter.from_args(dict(parse_qsl(view or "")))


def _board_context(f: cards.BoardFilter) -> dict:
    board = cards.board(current_user, f, stage_limits(current_user.organisation_id))
    kit = CardKit(current_user)
    return {"board": board, "view": urlencode(f.args()), "kit": kit, "cards_html": cards_html}


@bp.get("/")
def index():
    f = cards.BoardFilter.from_args(request.args)
    org = current_user.organisation_id
    return page_or_fragment(
        "board/index.html",
        "board/_columns.html",
        units=unit_choices(org),
        categories=organisation_choices(org, Category),
        goals=organisation_choices(org, StrategicGoal),
        owners=cards.owners(current_user),
        tags=[(name, name) for name in cards.tag_names(org)],
        **_board_context(f),
    )


@bp.get("/column/<stage>")
def more(stage: str):
    """The next cards of a column, replacing its "show more" item."""
    column = _stage(stage)
    f = cards.BoardFilter.from_args(request.args)
    offset = int_arg("offset", minimum=0) or 0
    batch = cards.column_cards(current_user, f, column, offset, cards.PAGE + 1)
    return render_template(
        "board/_more.html",
        stage=column,
        cards=batch[: cards.PAGE],
        next_offset=offset + cards.PAGE if len(batch) > cards.PAGE else None,
        view=urlencode(f.args()),
        kit=CardKit(current_user),
        cards_html=cards_html,
    )


def answer(
    f: cards.BoardFilter,
    message: str,
    status: int = 200,
    card_id: int | None = None,
):
    """After a move: HTMX gets the fresh columns and an event to announce; a form a redirect."""
    if not htmx:
        flash(message, "success" if status < 400 else "error")
        return redirect_to(url_for("board.index", **f.args()))
    response = make_response(render_template("board/_columns.html", **_board_context(f)), status)
    response.headers["HX-Retarget"] = "#board-columns"
    response.headers["HX-Reswap"] = "outerHTML"
    event = {"message": message, "card": card_id, "failed": status >= 400}
    response.headers["HX-Trigger-After-Settle"] = json.dumps({"boardMoved": event})
    return response


@bp.post("/move")
def move():
    """The one endpoint for drops and keyboard moves; it checks everything it receives."""
    form = CardMoveForm()
    if not form.validate():
        abort(400, _("The move was incomplete or malformed. Reload the board and try again."))
    idea = access.idea_for(current_user, form.idea_id.data, check=access.can_manage)
    if form.stage.data not in Stage._value2member_map_:
        abort(400, _("Unknown stage: %(stage)s", stage=form.stage.data))
    target = Stage(form.stage.data)
    f = filter_from(form.view.data)
    try:
        if form.direction.data:
            moved = step(idea, current_user, form.direction.data, form.version.data)
            message = _("“%(title)s” moved %(where)s.", title=idea.title, where=_where(form))
            if not moved:
                message = _("“%(title)s” is already at that end.", title=idea.title)
        else:
            changed = move_card(
                idea,
                current_user,
                target,
                version=form.version.data,
                above_id=form.above_id.data,
                below_id=form.below_id.data,
            )
            message = _moved_message(idea, changed)
    except Refused as refusal:
        db.session.rollback()
        return _refused(idea, target, refusal, form, f)
    db.session.commit()
    return answer(f, message, card_id=form.idea_id.data)  # the idea is expired by the commit


def _where(form: CardMoveForm) -> str:
    return _("up") if form.direction.data == "up" else _("down")


def _moved_message(idea, changed: bool) -> str:
    if changed:
        return _("“%(title)s” moved to %(stage)s.", title=idea.title, stage=idea.stage.label)
    return _("“%(title)s” has a new place in %(stage)s.", title=idea.title, stage=idea.stage.label)


def _refused(idea, target: Stage, refusal: Refused, form: CardMoveForm, f: cards.BoardFilter):
    """A refused drop: open the form that meets the gate, or say why and show the fresh board."""
    if refusal.status in (400, 403):
        abort(refusal.status, " ".join(str(m) for m in refusal.messages))
    transition = TRANSITIONS.get((idea.stage, target))
    if refusal.status == 422 and transition and form_for(transition, facts_of(idea)):
        from tracker.board.gate_views import gate_response  # gate_views builds on this module

        return gate_response(idea, target, form)
    message = " ".join(str(m) for m in refusal.messages)
    return answer(f, message, refusal.status, card_id=idea.id)


@bp.get("/ideas/<int:idea_id>/move")
def move_menu(idea_id: int):
    """The keyboard way to move a card: choose a column, or step up or down."""
    idea = access.idea_for(current_user, idea_id, check=access.can_manage)
    f = cards.BoardFilter.from_args(request.args)
    return page_or_fragment(
        "board/move.html",
        "board/_move.html",
        idea=idea,
        stages=CardKit(current_user).movable(idea),
        view=urlencode(f.args()),
    )
