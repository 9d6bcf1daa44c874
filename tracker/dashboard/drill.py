"""Drill-downs: every dashboard figure names the ideas behind it.

A figure travels in the idea list's URL as `fig`, e.g. `reached:pilot:2025` (the ideas
submitted in 2025 that reached the pilot), `stood:rollout:20253` (in rollout at the end of the
third quarter of 2025) or `status:at_risk` (ideas with a benefit at risk). The dashboard's own
filter travels beside it as `unit`, `category` and `goal`; for a benefit figure the goal is the
benefit's (its own, else its idea's), as the dashboard counts it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import aliased

from tracker.benefits.models import Benefit, IdeaYearFigure
from tracker.benefits.rules import BenefitType, Status
from tracker.dashboard import rules
from tracker.dashboard.models import BenefitKept, Segment
from tracker.ideas.models import Idea, StageChange
from tracker.ideas.queries import IdeaFilter
from tracker.ideas.stages import BOARD, Stage
from tracker.orgs.models import Category, StrategicGoal
from tracker.orgs.queries import organisation_choices
from tracker.orgs.scope import unit_choices
from tracker.templating import quarter_name
from tracker.web import int_arg, parse_id

# kind: (needs a stage, needs a period, the period is a quarter)
IDEA_KINDS = {
    "reached": (True, False, False),  # optional period: the year of submission
    "left": (True, False, False),  # optional period: the year the stay ended
    "entered": (True, True, True),
    "finished": (False, True, True),
    "stood": (True, True, True),
    "year": (False, True, False),
}
BENEFIT_KINDS = ("status", "type", "measure", "overdue", "unit", "goal", "counted")
MAX_VALUE = 60  # an indicator's unit is at most this long (BenefitKept.measure)
_MONEY = ("planned_sek", "realised_sek", "planned_cost", "actual_cost")  # a calculation year's


@dataclass(frozen=True)
class Figure:
    kind: str
    stage: Stage | None = None
    period: int | None = None  # a year (2025) or a quarter (20253)
    value: str = ""  # a status, type, indicator unit, unit id or goal id

    @property
    def of_benefits(self) -> bool:
        return self.kind in BENEFIT_KINDS

    def arg(self) -> str:
        """The figure as its `fig` query-string value."""
        if self.of_benefits:
            return f"{self.kind}:{self.value}" if self.value else self.kind
        parts = [self.kind, self.stage.value if self.stage else "", str(self.period or "")]
        return ":".join(parts).rstrip(":").replace("::", ":")

    @classmethod
    def parse(cls, text: str) -> Figure | None:
        """A figure from its `fig` value; None for anything malformed (the list then shows all)."""
        kind, _sep, rest = (text or "").partition(":")
        if kind in BENEFIT_KINDS:
            return _benefit_figure(kind, rest)
        if kind not in IDEA_KINDS:
            return None
        wants_stage, wants_period, quarterly = IDEA_KINDS[kind]
        parts = rest.split(":") if rest else []
        stage = None
        if wants_stage:
            if not parts or parts[0] not in Stage._value2member_map_:
                return None
            stage = Stage(parts.pop(0))
        period = None
        if parts:
            period = _period(parts.pop(0), quarterly)
            if period is None:
                return None
        if parts or (wants_period and period is None):
            return None
        return cls(kind, stage, period)

    def describe(self, names: dict[str, dict[int, str]]) -> str:
        """One sentence saying which ideas the list shows."""
        stage = self.stage.label if self.stage else ""
        period = self.period or 0
        quarter = quarter_name(period) if period > 9999 else ""
        match self.kind:
            case "reached" if period:
                return _("Ideas submitted in %(year)d that reached %(stage)s or further", year=period, stage=stage)  # fmt: skip # noqa: E501
            case "reached":
                return _("Ideas that reached %(stage)s or further", stage=stage)
            case "left" if period:
                return _("Ideas that left %(stage)s in %(year)d", stage=stage, year=period)
            case "left":
                return _("Ideas that have left %(stage)s", stage=stage)
            case "entered" if self.stage is Stage.SUBMITTED:
                return _("Ideas submitted in %(quarter)s", quarter=quarter)
            case "entered":
                return _("Ideas that entered %(stage)s in %(quarter)s", stage=stage, quarter=quarter)  # fmt: skip # noqa: E501
            case "finished":
                return _("Ideas that finished their way in %(quarter)s: realised, declined, stopped or withdrawn", quarter=quarter)  # fmt: skip # noqa: E501
            case "stood":
                return _("Ideas in %(stage)s at the end of %(quarter)s", stage=stage, quarter=quarter)  # fmt: skip # noqa: E501
            case "year":
                return _("Ideas with benefits or costs in their benefit calculation for %(year)d", year=period)  # fmt: skip # noqa: E501
            case "status":
                return _("Ideas with a benefit whose tracking status is “%(status)s”", status=Status(self.value).label)  # fmt: skip # noqa: E501
            case "type":
                return _("Ideas with a counted benefit of the type “%(type)s”", type=BenefitType(self.value).label)  # fmt: skip # noqa: E501
            case "measure":
                return _("Ideas with a counted benefit measured in “%(unit)s”", unit=self.value)
            case "overdue":
                return _("Ideas with a benefit whose follow-up is overdue")
            case "unit":
                name = names["unit"].get(int(self.value)) or _("Archived unit")
                return _("Ideas of %(unit)s with counted benefits", unit=name)
            case "goal" if self.value == "0":
                return _("Ideas with a counted benefit that serves no strategic goal")
            case "goal":
                name = names["goal"].get(int(self.value)) or _("Archived strategic goal")
                return _("Ideas with a counted benefit that serves “%(goal)s”", goal=name)
        return _("Ideas with counted benefits")


def _period(text: str, quarterly: bool) -> int | None:
    """A year (1900–2999) or, when `quarterly`, a quarter (19001–29994); None when malformed."""
    if (n := parse_id(text)) is None:
        return None
    if quarterly:
        return n if 19001 <= n <= 29994 and 1 <= n % 10 <= 4 else None
    return n if 1900 <= n <= 2999 else None


def _benefit_figure(kind: str, value: str) -> Figure | None:
    valid = {
        "status": value in Status._value2member_map_,
        "type": value in BenefitType._value2member_map_,
        "measure": 0 < len(value) <= MAX_VALUE,
        "unit": parse_id(value) is not None,
        "goal": parse_id(value, minimum=0) is not None,
        "overdue": value == "",
        "counted": value == "",
    }
    return Figure(kind, value=value) if valid[kind] else None


def _bounds(period: int) -> tuple[datetime, datetime]:
    """The first moment of a quarter or a year, and of the next one."""
    if period > 9999:
        year, q = divmod(period, 10)
        nxt = rules.next_quarter(period)
        start = datetime(year, 3 * q - 2, 1)
        return start, datetime(nxt // 10, 3 * (nxt % 10) - 2, 1)
    return datetime(period, 1, 1), datetime(period + 1, 1, 1)


def condition(figure: Figure, organisation_id: int, goal_id: int | None, today: date):
    """The SQL condition on Idea for the ideas behind `figure`."""
    if figure.of_benefits:
        return _benefit_condition(figure, organisation_id, goal_id, today)
    changes = select(StageChange.idea_id)
    start, end = _bounds(figure.period) if figure.period else (None, None)
    match figure.kind:
        case "reached":
            later = BOARD[BOARD.index(figure.stage) :] if figure.stage in BOARD else [figure.stage]
            found = Idea.id.in_(changes.where(StageChange.to_stage.in_(later)))
            if start is None:
                return found
            first = changes.where(
                StageChange.from_stage.is_(None), StageChange.at >= start, StageChange.at < end
            )
            return and_(found, Idea.id.in_(first))
        case "left":
            left = changes.where(StageChange.from_stage == figure.stage)
            if start is not None:
                left = left.where(StageChange.at >= start, StageChange.at < end)
            return Idea.id.in_(left)
        case "entered" | "finished":
            stages = [figure.stage] if figure.kind == "entered" else list(rules.FINISHED)
            return Idea.id.in_(
                changes.where(
                    StageChange.to_stage.in_(stages), StageChange.at >= start, StageChange.at < end
                )
            )
        case "stood":
            return Idea.id.in_(_stood(figure.stage, end))
        case _:  # "year"
            money = [getattr(IdeaYearFigure, c) != 0 for c in _MONEY]
            return Idea.id.in_(
                select(IdeaYearFigure.idea_id).where(
                    IdeaYearFigure.year == figure.period, or_(*money)
                )
            )


def _stood(stage: Stage, end: datetime):
    """Ideas whose last move before `end` took them into `stage`."""
    later = aliased(StageChange)
    last = ~exists().where(
        later.idea_id == StageChange.idea_id,
        later.at < end,
        or_(later.at > StageChange.at, and_(later.at == StageChange.at, later.id > StageChange.id)),
    )
    return select(StageChange.idea_id).where(
        StageChange.to_stage == stage, StageChange.at < end, last
    )


def _benefit_condition(figure: Figure, organisation_id: int, goal_id: int | None, today: date):
    """Ideas with a counted benefit (one the dashboard adds up) that matches the figure."""
    kept = (
        select(Benefit.idea_id)
        .join(BenefitKept, BenefitKept.benefit_id == Benefit.id)
        .where(BenefitKept.organisation_id == organisation_id)
    )
    goal = int(figure.value) if figure.kind == "goal" else goal_id
    if goal is not None:
        segments = select(Segment.id).where(Segment.goal_id == goal)
        kept = kept.where(BenefitKept.segment_id.in_(segments))
    match figure.kind:
        case "status":
            kept = kept.where(BenefitKept.status == figure.value)
        case "type":
            kept = kept.where(BenefitKept.type == figure.value)
        case "measure":
            kept = kept.where(BenefitKept.measure == figure.value)
        case "overdue":
            kept = kept.where(BenefitKept.due_on < today)
        case "unit":  # the unit's own row of the table: not its sub-units
            return and_(Idea.unit_id == int(figure.value), Idea.id.in_(kept))
    return Idea.id.in_(kept)


@dataclass(frozen=True)
class Selection:
    """What a list opened from the dashboard selects, from its query string."""

    figure: Figure | None
    category_id: int | None
    goal_id: int | None

    @classmethod
    def from_args(cls, args) -> Selection:
        return cls(
            Figure.parse(args.get("fig", "")[:100]),
            int_arg("category", args),
            int_arg("goal", args),
        )

    def args(self) -> dict:
        """The selection as query-string values, for the list's links and its export."""
        values = {"fig": self.figure.arg() if self.figure else None}
        values |= {"category": self.category_id, "goal": self.goal_id}
        return {k: v for k, v in values.items() if v}

    def narrow(self, f: IdeaFilter, organisation_id: int, today: date) -> IdeaFilter:
        """The idea list's filter narrowed to the selection; for a benefit figure the goal is
        its benefits', so it goes into the figure's condition, not the idea's goal."""
        of_benefits = self.figure is not None and self.figure.of_benefits
        selection = None
        if self.figure is not None:
            goal = self.goal_id if of_benefits else None
            selection = condition(self.figure, organisation_id, goal, today)
        goal_id = None if of_benefits else self.goal_id
        return replace(f, category_id=self.category_id, goal_id=goal_id, selection=selection)


def explain(figure: Figure | None, category_id, goal_id, organisation_id: int) -> list[str]:
    """What a list opened from the dashboard shows: the figure, and the dashboard's category and
    goal (the unit and the stage stand in the list's own filters)."""
    goals = dict(organisation_choices(organisation_id, StrategicGoal))
    lines = []
    if figure is not None:
        units = {i: n.strip("\u2003") for i, n in unit_choices(organisation_id)}
        lines.append(figure.describe({"unit": units, "goal": goals}))
    if category_id:
        categories = dict(organisation_choices(organisation_id, Category))
        name = categories.get(category_id) or _("Archived category")
        lines.append(_("Category: %(name)s", name=name))
    if goal_id:
        name = goals.get(goal_id) or _("Archived strategic goal")
        if figure is not None and figure.of_benefits:
            lines.append(_("Benefits serving: %(goal)s", goal=name))
        else:
            lines.append(_("Strategic goal: %(goal)s", goal=name))
    return lines
