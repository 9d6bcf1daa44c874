"""Read-only selects for the idea pages."""

from collections.abc import Mapping
from dataclasses import dataclass

from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import ColumnElement, Select, func, select, union_all
from sqlalchemy.orm import joinedload, selectinload

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea, StageChange, Support, Tag, idea_tag
from tracker.ideas.stages import BOARD, Stage
from tracker.orgs import tenancy
from tracker.orgs.models import StrategicGoal
from tracker.orgs.scope import subtree_ids
from tracker.search_text import contains_text
from tracker.web import int_arg


@dataclass
class IdeaFilter:
    stage: Stage | None = None
    unit_id: int | None = None
    q: str = ""
    mine: bool = False
    tag: str = ""
    category_id: int | None = None  # the next three: a selection made on another page
    goal_id: int | None = None
    selection: ColumnElement[bool] | None = None  # e.g. the ideas behind a dashboard figure

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "IdeaFilter":
        """The list's own filters from a query string; a ValueError names an unknown stage."""
        stage = args.get("stage", "")
        return cls(
            stage=Stage(stage) if stage else None,
            unit_id=int_arg("unit", args),
            q=args.get("q", "")[:200],
            mine=args.get("mine") == "1",
            tag=" ".join(args.get("tag", "")[:200].split()),
        )


def filtered(user: User, f: IdeaFilter) -> Select:
    return select(Idea).where(access.readable(user), *_conditions(user, f))


def _conditions(user: User, f: IdeaFilter) -> list:
    """The filters' conditions, without the read rights (worked out once: some take a query)."""
    conditions = []
    if f.mine:
        conditions.append(Idea.submitter_id == user.id)
    if f.stage:
        conditions.append(Idea.stage == f.stage)
    if f.unit_id:
        conditions.append(Idea.unit_id.in_(subtree_ids(user.organisation_id, f.unit_id)))
    if f.q.strip():
        conditions.append(contains_text((Idea.title, Idea.need), f.q))
    if f.category_id:
        conditions.append(Idea.category_id == f.category_id)
    if f.goal_id:
        conditions.append(Idea.strategic_goal_id == f.goal_id)
    if f.selection is not None:
        conditions.append(f.selection)
    if f.tag.strip():
        tagged = select(idea_tag.c.idea_id).where(
            idea_tag.c.tag_id.in_(tag_ids(user.organisation_id, f.tag))
        )
        conditions.append(Idea.id.in_(tagged))
    return conditions


def _per_part(user: User, query: Select) -> Select:
    """The query once per disjoint part of the read rights, in a UNION ALL: each part seeks its
    index, where an OR of them would read every idea of the organisation."""
    parts = [query.where(part) for part in access.readable_parts(user)]
    return union_all(*parts) if len(parts) > 1 else parts[0]


def readable_where(user: User) -> ColumnElement[bool]:
    """The read rights as one condition, for the pages: the open ideas of the organisation, or
    a confidential one the user reads (`access.readable`). A page of them, newest first, walks
    the organisation's index and meets few confidential ideas on its way."""
    return access.readable(user)


def counts_by_stage(user: User, conditions: list) -> dict[Stage, int]:
    """How many readable ideas that meet the conditions stand in each stage: counted per part
    of the read rights, each grouped in the order of its index, and added up."""
    counts: dict[Stage, int] = {}
    query = select(Idea.stage, func.count()).where(*conditions).group_by(Idea.stage)
    for stage, n in db.session.execute(_per_part(user, query)):
        counts[stage] = counts.get(stage, 0) + n
    return counts


def tag_ids(organisation_id: int, name: str) -> list[int]:
    """The ids of the organisation's tags called `name`, whatever the letter case."""
    wanted = " ".join(name.split()).casefold()
    # Compared in Python: SQLite's lower() folds ASCII only, and "Äldreomsorg" must match.
    rows = db.session.execute(
        select(Tag.id, Tag.name).where(Tag.organisation_id == organisation_id)
    )
    return [tag_id for tag_id, tag_name in rows if tag_name.casefold() == wanted]


def is_supporter(user: User, idea: Idea) -> bool:
    """Whether the user supports the idea."""
    return db.session.get(Support, (idea.id, user.id)) is not None


class _IdeaPage(SelectPagination):
    """A page of ideas whose total is the sum of the counts its count query gives."""

    def _query_count(self) -> int:
        return sum(db.session.scalars(self._query_args["count_query"]))


def idea_page(user: User, f: IdeaFilter, page: int, per_page: int):
    """One page of the ideas a user may read, newest first, with unit and owner loaded."""
    conditions = _conditions(user, f)
    query = (
        select(Idea)
        .where(readable_where(user), *conditions)
        .options(
            joinedload(Idea.unit, innerjoin=True), joinedload(Idea.owner), joinedload(Idea.category)
        )
        .order_by(Idea.created_at.desc(), Idea.id.desc())
    )
    return _IdeaPage(
        select=query,
        session=db.session(),
        count_query=_per_part(user, select(func.count()).where(*conditions)),  # added up
        page=page,
        per_page=per_page,
        max_per_page=None,
        error_out=False,
    )


def stage_counts(user: User, mine: bool = False) -> dict[Stage, int]:
    """How many readable ideas stand in each stage."""
    return counts_by_stage(user, [Idea.submitter_id == user.id] if mine else [])


def awaiting_owner(user: User, limit: int = 20) -> list[Idea]:
    """Submitted ideas in a manager's scope that nobody has taken yet, oldest first."""
    units = access.managed_unit_ids(user)
    query = select(Idea).where(
        tenancy.of_organisation(Idea.organisation_id, user.organisation_id),
        Idea.stage == Stage.SUBMITTED,
        Idea.owner_id.is_(None),
    )
    if user.role is not Role.ADMIN:
        query = query.where(Idea.unit_id.in_(units))
    query = query.options(selectinload(Idea.unit)).order_by(Idea.created_at).limit(limit)
    return list(db.session.scalars(query))


def owned_by(user: User, limit: int = 20) -> list[Idea]:
    """Ideas the user is responsible for that are still on their way, longest waiting first."""
    query = (
        select(Idea)
        .where(Idea.owner_id == user.id, Idea.stage.in_(BOARD), Idea.stage != Stage.REALISED)
        .options(selectinload(Idea.unit))
        .order_by(Idea.stage_entered_at)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def history(idea: Idea) -> list[StageChange]:
    return list(
        db.session.scalars(
            select(StageChange)
            .where(StageChange.idea_id == idea.id)
            .options(joinedload(StageChange.actor))
            .order_by(StageChange.at, StageChange.id)
        )
    )


def goals(organisation_id: int) -> list[StrategicGoal]:
    return list(
        db.session.scalars(
            select(StrategicGoal)
            .where(StrategicGoal.organisation_id == organisation_id, StrategicGoal.active)
            .order_by(StrategicGoal.name)
        )
    )
