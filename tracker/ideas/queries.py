"""Read-only selects for the idea pages."""

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits.models import Benefit
from tracker.dashboard.models import BenefitKept
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea, StageChange, Support, Tag, idea_tag
from tracker.ideas.stages import BOARD, Stage
from tracker.orgs.models import StrategicGoal
from tracker.orgs.scope import subtree_ids


@dataclass
class IdeaFilter:
    stage: Stage | None = None
    unit_id: int | None = None
    q: str = ""
    mine: bool = False
    tag: str = ""
    category_id: int | None = None  # the next three: the dashboard's drill-downs
    goal_id: int | None = None
    benefit_status: str = ""  # ideas with a counted benefit of this tracking status today

    @property
    def from_dashboard(self) -> bool:
        return bool(self.category_id or self.goal_id or self.benefit_status)


def filtered(user: User, f: IdeaFilter) -> Select:
    query = select(Idea).where(access.readable(user))
    if f.mine:
        query = query.where(Idea.submitter_id == user.id)
    if f.stage:
        query = query.where(Idea.stage == f.stage)
    if f.unit_id:
        query = query.where(Idea.unit_id.in_(subtree_ids(user.organisation_id, f.unit_id)))
    if f.q.strip():
        escaped = f.q.strip().replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
        pattern = "%" + escaped + "%"
        query = query.where(
            or_(Idea.title.ilike(pattern, escape="\\"), Idea.need.ilike(pattern, escape="\\"))
        )
    if f.category_id:
        query = query.where(Idea.category_id == f.category_id)
    if f.goal_id:
        query = query.where(Idea.strategic_goal_id == f.goal_id)
    if f.benefit_status:
        with_status = (
            select(Benefit.idea_id)
            .join(BenefitKept, BenefitKept.benefit_id == Benefit.id)
            .where(BenefitKept.status == f.benefit_status)
        )
        query = query.where(Idea.id.in_(with_status))
    if f.tag.strip():
        tagged = select(idea_tag.c.idea_id).where(
            idea_tag.c.tag_id.in_(tag_ids(user.organisation_id, f.tag))
        )
        query = query.where(Idea.id.in_(tagged))
    return query


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


def idea_page(user: User, f: IdeaFilter, page: int, per_page: int):
    """One page of the ideas a user may read, newest first, with unit and owner loaded."""
    query = filtered(user, f).options(
        selectinload(Idea.unit), selectinload(Idea.owner), selectinload(Idea.category)
    )
    return db.paginate(
        query.order_by(Idea.created_at.desc(), Idea.id.desc()),
        page=page,
        per_page=per_page,
        error_out=False,
    )


def stage_counts(user: User, mine: bool = False) -> dict[Stage, int]:
    """How many readable ideas stand in each stage."""
    query = select(Idea.stage, func.count()).where(access.readable(user)).group_by(Idea.stage)
    if mine:
        query = query.where(Idea.submitter_id == user.id)
    return dict(db.session.execute(query).all())


def awaiting_owner(user: User, limit: int = 20) -> list[Idea]:
    """Submitted ideas in a manager's scope that nobody has taken yet, oldest first."""
    units = access.managed_unit_ids(user)
    query = select(Idea).where(
        Idea.organisation_id == user.organisation_id,
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


def organisation_choices(organisation_id: int, model) -> list[tuple[int, str]]:
    """(id, name) of an organisation's active categories or goals, by name."""
    rows = db.session.execute(
        select(model.id, model.name)
        .where(model.organisation_id == organisation_id, model.active)
        .order_by(model.name)
    ).all()
    return [(row.id, row.name) for row in rows]


def goals(organisation_id: int) -> list[StrategicGoal]:
    return list(
        db.session.scalars(
            select(StrategicGoal)
            .where(StrategicGoal.organisation_id == organisation_id, StrategicGoal.active)
            .order_by(StrategicGoal.name)
        )
    )
