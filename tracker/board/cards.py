"""Read-only queries of the board: a constant number of SQL statements whatever the card count."""

from dataclasses import dataclass, field, fields
from datetime import datetime

from sqlalchemy import Select, bindparam, column, select, union_all
from sqlalchemy.orm import aliased

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.extensions import db
from tracker.ideas.models import Idea, Tag, idea_tag
from tracker.ideas.queries import counts_by_stage, readable_where, tag_ids
from tracker.ideas.stages import BOARD, Stage
from tracker.orgs.models import Category, Unit
from tracker.orgs.scope import subtree_ids
from tracker.search_text import contains_text
from tracker.web import int_arg

PAGE = 50


@dataclass
class BoardFilter:
    unit: int | None = None
    category: int | None = None
    goal: int | None = None
    owner: int | None = None
    tag: str = ""
    q: str = ""
    sort: str = "rank"  # or "score"

    @classmethod
    def from_args(cls, args) -> "BoardFilter":
        """Read the filters from the query string; malformed values are ignored, not errors."""
        return cls(
            unit=int_arg("unit", args),
            category=int_arg("category", args),
            goal=int_arg("goal", args),
            owner=int_arg("owner", args),
            tag=args.get("tag", "").strip()[:40],
            q=args.get("q", "").strip()[:200],
            sort="score" if args.get("sort") == "score" else "rank",
        )

    def args(self) -> dict[str, str]:
        """The filters as query-string arguments, without the empty ones."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["sort"] = "" if self.sort == "rank" else self.sort
        return {k: str(v) for k, v in values.items() if v not in (None, "")}


def _conditions(user: User, f: BoardFilter) -> list:
    """The filters' conditions, without the read rights (worked out once: some take a query)."""
    conditions = []
    if f.unit:
        conditions.append(Idea.unit_id.in_(subtree_ids(user.organisation_id, f.unit)))
    if f.category:
        conditions.append(Idea.category_id == f.category)
    if f.goal:
        conditions.append(Idea.strategic_goal_id == f.goal)
    if f.owner:
        conditions.append(Idea.owner_id == f.owner)
    if f.tag:
        ids = tag_ids(user.organisation_id, f.tag)
        conditions.append(Idea.id.in_(select(idea_tag.c.idea_id).where(idea_tag.c.tag_id.in_(ids))))
    if f.q:
        conditions.append(contains_text((Idea.title, Idea.need), f.q))
    return conditions


def _where(user: User, f: BoardFilter, query: Select) -> Select:
    return query.where(readable_where(user), *_conditions(user, f))


def _order(f: BoardFilter, c=Idea) -> list:
    """The order within a column, of the ideas or of the columns `c` of a union."""
    manual = [c.board_rank, c.created_at, c.id]
    if f.sort == "score":
        return [c.priority_score.desc().nulls_last(), *manual]
    return manual


@dataclass(slots=True)
class Card:
    """What a card shows: plain values, read without building ORM objects (500 of them add up)."""

    id: int
    version: int
    title: str
    stage: Stage
    stage_entered_at: datetime
    priority_score: float | None
    support_count: int
    organisation_id: int
    unit_id: int
    submitter_id: int | None
    confidential: bool
    unit_name: str
    owner_name: str | None
    category_name: str | None
    tags: list[str] = field(default_factory=list)


Owner = aliased(User)

# What a page of a column reads from the idea table; the names are joined to the page after.
PAGE_COLUMNS = (
    Idea.id, Idea.version, Idea.title, Idea.stage, Idea.stage_entered_at, Idea.priority_score,
    Idea.support_count, Idea.organisation_id, Idea.unit_id, Idea.submitter_id,
    Idea.confidential, Idea.owner_id, Idea.category_id, Idea.board_rank, Idea.created_at,
)  # fmt: skip
NAMES = tuple(column(c.key, c.type) for c in PAGE_COLUMNS)


def _cards(pages: list[Select], f: BoardFilter) -> list[Card]:
    """The cards of pages of columns, in one query: a UNION ALL of the pages, each an index walk
    that stops at its page, with the unit, owner and category names joined to the few rows.
    (Joined inside each page, PostgreSQL spent longer planning the query than running it.)"""
    # Each page in a subquery (SQLite takes ORDER BY and LIMIT in a union only there), read by
    # bare column names: a subquery's own columns would copy the table's foreign keys, which
    # cost SQLAlchemy more than running the query.
    pages = [select(*NAMES).select_from(page.subquery()) for page in pages]
    page = (union_all(*pages) if len(pages) > 1 else pages[0]).subquery()
    c = page.c
    query = (
        select(
            c.id,
            c.version,
            c.title,
            c.stage,
            c.stage_entered_at,
            c.priority_score,
            c.support_count,
            c.organisation_id,
            c.unit_id,
            c.submitter_id,
            c.confidential,
            Unit.name,
            Owner.display_name,
            Category.name,
        )  # fmt: skip
        .join(Unit, Unit.id == c.unit_id)
        .outerjoin(Owner, Owner.id == c.owner_id)
        .outerjoin(Category, Category.id == c.category_id)
        # each page's order, which a union alone does not promise to keep
        .order_by(*_order(f, c))
    )
    return [Card(*row) for row in _rows(query)]


def _rows(query: Select) -> list:
    """Plain rows through the session's connection: no ORM loading work for values we only read."""
    return db.session.connection().execute(query).all()


def _tagged(found: list[Card]) -> list[Card]:
    """Add the tags of the cards, in one query."""
    by_id = {card.id: card for card in found}
    if by_id:
        tags = _rows(
            select(idea_tag.c.idea_id, Tag.name)
            .join(Tag, Tag.id == idea_tag.c.tag_id)
            # integers rendered inline: 500 bound parameters cost PostgreSQL's driver ~5 ms
            .where(idea_tag.c.idea_id.in_(bindparam("ids", list(by_id), literal_execute=True)))
            .order_by(Tag.name)
        )
        for idea_id, name in tags:
            by_id[idea_id].tags.append(name)
    return found


@dataclass
class Column:
    stage: Stage
    cards: list[Card]
    total: int
    limit: int | None = None  # the WIP limit

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.total > self.limit

    @property
    def remaining(self) -> int:
        return self.total - len(self.cards)


@dataclass
class Board:
    columns: list[Column]
    filter: BoardFilter


def board(user: User, f: BoardFilter, limits: dict[Stage, int], per_column: int = 0) -> Board:
    """The first cards of every column, each column's count (counts_by_stage) and the cards'
    tags: three queries whatever the number of cards."""
    per_column = per_column or PAGE
    conditions = _conditions(user, f)
    readable = readable_where(user)
    pages = [
        select(*PAGE_COLUMNS)
        .where(readable, *conditions, Idea.stage == stage)
        .order_by(*_order(f))
        .limit(per_column)
        for stage in BOARD
    ]
    by_stage: dict[Stage, list[Card]] = {stage: [] for stage in BOARD}
    for card in _tagged(_cards(pages, f)):
        by_stage[card.stage].append(card)
    counts = counts_by_stage(user, [Idea.stage.in_(BOARD), *conditions])
    columns = [Column(s, by_stage[s], counts.get(s, 0), limits.get(s)) for s in BOARD]
    return Board(columns, f)


def column_cards(user: User, f: BoardFilter, stage: Stage, offset: int, limit: int = PAGE):
    """The next cards of one column, for "show more"."""
    page = _where(user, f, select(*PAGE_COLUMNS)).where(Idea.stage == stage)
    return _tagged(_cards([page.order_by(*_order(f)).offset(offset).limit(limit)], f))


def owners(user: User) -> list[tuple[int, str]]:
    """People who can be responsible for ideas in the organisation, for the owner filter."""
    rows = db.session.execute(
        select(User.id, User.name)
        .where(
            User.organisation_id == user.organisation_id,
            User.role.in_([Role.MANAGER, Role.ADMIN]),
            User.active,
        )
        .order_by(User.name)
    ).all()
    return [(row.id, row.name) for row in rows]


def tag_names(organisation_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(Tag.name).where(Tag.organisation_id == organisation_id).order_by(Tag.name)
        )
    )
