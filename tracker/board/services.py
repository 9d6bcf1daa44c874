"""Moves on the board: a card's stage goes through the one stage service, its place is a rank."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select, tuple_, update
from sqlalchemy.orm.attributes import set_committed_value

from tracker.auth.models import User
from tracker.board.ranking import rank_between, renumbered
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.ideas.services import checked_move, ensure_fresh, make_move
from tracker.ideas.stages import Stage
from tracker.orgs import tenancy
from tracker.refusals import Forbidden, Stale, UnknownMove


def _order(descending: bool = False):
    columns = (Idea.board_rank, Idea.created_at, Idea.id)
    return [c.desc() for c in columns] if descending else list(columns)


def _neighbours(idea: Idea, stage: Stage, ids: list[int | None]) -> list[tuple | None]:
    """The cards dropped next to, as (id, rank), read in one query; they must stand in the
    column of `stage`."""
    wanted = [i for i in ids if i is not None]
    found = {}
    if wanted:
        columns = (Idea.id, Idea.organisation_id, Idea.stage, Idea.board_rank)
        found = {r.id: r for r in db.session.execute(select(*columns).where(Idea.id.in_(wanted)))}
    out = []
    for neighbour_id in ids:
        if neighbour_id is None:
            out.append(None)
            continue
        neighbour = found.get(neighbour_id)
        if neighbour is None or not tenancy.same_organisation(
            neighbour.organisation_id, idea.organisation_id
        ):
            raise UnknownMove(_l("The board does not have the card you dropped next to."))
        if neighbour.id == idea.id or neighbour.stage is not stage:
            raise Stale(_l("The board has changed since you loaded it. Here is the current board."))
        out.append((neighbour.id, neighbour.board_rank))
    return out


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


def _last_rank(idea: Idea, stage: Stage) -> float | None:
    """The rank of the card at the bottom of the column of `stage`, the idea itself aside."""
    return db.session.scalar(
        select(Idea.board_rank)
        .where(
            Idea.organisation_id == idea.organisation_id,
            Idea.stage == stage,
            Idea.id != idea.id,
        )
        .order_by(*_order(descending=True))
        .limit(1)
    )


def _between(above: tuple | None, below: tuple | None) -> float | None:
    return rank_between(above and above[1], below and below[1])


def _rank(idea: Idea, stage: Stage, above_id: int | None, below_id: int | None) -> float:
    """The rank that puts the card between its new neighbours in the column of `stage`;
    without neighbours, at the bottom of the column."""
    if above_id is None and below_id is None:
        return rank_between(_last_rank(idea, stage), None)
    above, below = _neighbours(idea, stage, [above_id, below_id])
    if above and below and (above[1], above[0]) > (below[1], below[0]):
        raise Stale(_l("The board has changed since you loaded it. Here is the current board."))
    rank = _between(above, below)
    if rank is None:
        version = idea.version
        _renumber(idea.organisation_id, stage)
        if idea.version != version:
            raise Stale(_l("Someone else changed this idea meanwhile. Nothing was saved."))
        rank = _between(*_neighbours(idea, stage, [above_id, below_id]))
    return rank


def place(idea: Idea, above_id: int | None, below_id: int | None) -> None:
    """Put a card between its new neighbours in its column; without neighbours, at the bottom.

    The rank is written with an UPDATE that leaves the idea's version alone: a card's place is
    the board's order, not the idea, so a move followed by a placing is one version, and an
    open form of the idea does not go stale because its card moved up a place."""
    rank = _rank(idea, idea.stage, above_id, below_id)
    db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values(board_rank=rank)
        .execution_options(synchronize_session=False)
    )
    set_committed_value(idea, "board_rank", rank)


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
    if target is idea.stage:
        place(idea, above_id, below_id)
        return False
    change = checked_move(idea, mover, target, version=None)
    idea.board_rank = _rank(idea, target, above_id, below_id)
    make_move(idea, change)  # the new stage and the new place in one update of the idea
    return True


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
