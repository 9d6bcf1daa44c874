"""Moves on the board: a card's stage goes through the one stage service, its place is a rank."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select, tuple_, update

from tracker.auth.models import User
from tracker.board.ranking import rank_between, renumbered
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.ideas.services import Forbidden, Refused, Stale, ensure_fresh, move_idea
from tracker.ideas.stages import Stage


class UnknownCard(Refused):
    status = 400


def _order(descending: bool = False):
    columns = (Idea.board_rank, Idea.created_at, Idea.id)
    return [c.desc() for c in columns] if descending else list(columns)


def _neighbour(idea: Idea, neighbour_id: int | None) -> Idea | None:
    if neighbour_id is None:
        return None
    neighbour = db.session.get(Idea, neighbour_id)
    if neighbour is None or neighbour.organisation_id != idea.organisation_id:
        raise UnknownCard(_l("The board does not have the card you dropped next to."))
    if neighbour.id == idea.id or neighbour.stage is not idea.stage:
        raise Stale(_l("The board has changed since you loaded it. Here is the current board."))
    return neighbour


def _renumber(organisation_id: int, stage: Stage) -> None:
    """Evenly gapped ranks for a whole column, in its current order: rare, when gaps run out."""
    ids = db.session.scalars(
        select(Idea.id)
        .where(Idea.organisation_id == organisation_id, Idea.stage == stage)
        .order_by(*_order())
    ).all()
    rows = [{"card": i, "rank": r} for i, r in zip(ids, renumbered(len(ids)), strict=True)]
    if rows:
        # one statement for the column, past the ORM: a renumbering is not a change of content,
        # so the ideas keep their versions and nobody's open form goes stale
        table = Idea.__table__
        statement = (
            update(table)
            .where(table.c.id == bindparam("card"))
            .values(board_rank=bindparam("rank"))
        )
        db.session.execute(statement, rows)
        db.session.expire_all()


def _last(idea: Idea) -> int | None:
    """The card at the bottom of the idea's column, the idea itself aside."""
    return db.session.scalar(
        select(Idea.id)
        .where(
            Idea.organisation_id == idea.organisation_id,
            Idea.stage == idea.stage,
            Idea.id != idea.id,
        )
        .order_by(*_order(descending=True))
        .limit(1)
    )


def place(idea: Idea, above_id: int | None, below_id: int | None) -> None:
    """Put a card between its new neighbours in its column; with neighbours, at the bottom."""
    if above_id is None and below_id is None:
        above_id = _last(idea)
    above, below = _neighbour(idea, above_id), _neighbour(idea, below_id)
    if above and below and (above.board_rank, above.id) > (below.board_rank, below.id):
        raise Stale(_l("The board has changed since you loaded it. Here is the current board."))
    rank = rank_between(above and above.board_rank, below and below.board_rank)
    if rank is None:
        stage, organisation_id, version = idea.stage, idea.organisation_id, idea.version
        _renumber(organisation_id, stage)
        if idea.version != version:
            raise Stale(_l("Someone else changed this idea meanwhile. Nothing was saved."))
        above, below = _neighbour(idea, above_id), _neighbour(idea, below_id)
        rank = rank_between(above and above.board_rank, below and below.board_rank)
    idea.board_rank = rank
    db.session.flush()


def move_card(
    idea: Idea,
    mover: User,
    target: Stage,
    *,
    version: int,
    above_id: int | None,
    below_id: int | None,
) -> bool:
    """Drop a card: into another column through the stage service, then into its place.

    Returns True when the stage changed. Refusals (stale, gate, forbidden) change nothing.
    """
    if not access.can_manage(mover, idea):
        raise Forbidden(_l("You may not make this move."))
    ensure_fresh(idea, version)
    moved = target is not idea.stage
    if moved:
        move_idea(idea, mover, target, version=None)
    place(idea, above_id, below_id)
    return moved


def step(idea: Idea, mover: User, direction: str, version: int) -> bool:
    """Move a card one place up or down among the cards the mover sees in its column.

    Returns False when it is already at that end.
    """
    if not access.can_manage(mover, idea):
        raise Forbidden(_l("You may not make this move."))
    ensure_fresh(idea, version)
    up = direction == "up"
    here = tuple_(*_order())
    mine = (idea.board_rank, idea.created_at, idea.id)
    nearest = db.session.scalars(
        select(Idea.id)
        .where(
            access.readable(mover),
            Idea.stage == idea.stage,
            here < mine if up else here > mine,
        )
        .order_by(*_order(descending=up))
        .limit(2)
    ).all()
    if not nearest:
        return False
    beyond = nearest[1] if len(nearest) > 1 else None
    if up:
        place(idea, beyond, nearest[0])
    else:
        place(idea, nearest[0], beyond)
    return True
