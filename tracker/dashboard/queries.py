"""The dashboard's reads: a handful of grouped sums over the kept cells, whatever the number of
ideas, and two short lists (the longest-standing ideas and the overdue follow-ups)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, func, literal_column, select, true, union_all
from sqlalchemy.orm import joinedload

from tracker.benefits.models import YEAR_FIGURES, Benefit
from tracker.benefits.rules import BenefitType, Status
from tracker.dashboard import rules
from tracker.dashboard.models import ANY, BenefitCell, BenefitKept, FlowCell, Segment, YearCell
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import BOARD, Stage
from tracker.orgs.scope import subtree_ids

CLOSED = (Stage.DECLINED, Stage.PARKED, Stage.STOPPED, Stage.WITHDRAWN)
WAITING = BOARD[:-1]  # stages an idea can stand still in (realised is the end)
LIST_SIZE = 10


@dataclass(frozen=True)
class DashFilter:
    unit_id: int | None = None
    year: int | None = None
    goal_id: int | None = None
    category_id: int | None = None

    def args(self, **extra) -> dict:
        """The filter as query-string arguments (for drill-down links), plus `extra`."""
        keep = {"unit": self.unit_id, "category": self.category_id, "goal": self.goal_id}
        return {k: v for k, v in (keep | extra).items() if v is not None}


def fine_segments(organisation_id: int, f: DashFilter) -> Select:
    """The ids of the segments of single (unit, category, goal) keys in the filter."""
    query = select(Segment.id).where(
        Segment.organisation_id == organisation_id,
        Segment.unit_id != ANY,
        Segment.category_id != ANY,
        Segment.goal_id != ANY,
    )
    if f.unit_id:
        query = query.where(Segment.unit_id.in_(subtree_ids(organisation_id, f.unit_id)))
    if f.category_id:
        query = query.where(Segment.category_id == f.category_id)
    if f.goal_id:
        query = query.where(Segment.goal_id == f.goal_id)
    return query


def segments(organisation_id: int, f: DashFilter) -> Select:
    """The fewest segments whose cells add up to the filter: the organisation's sum without a
    filter, the units' sums for a unit, the category's or the goal's sum; else the single ones."""
    given = [bool(f.unit_id), bool(f.category_id), bool(f.goal_id)]
    if sum(given) > 1:
        return fine_segments(organisation_id, f)
    query = select(Segment.id).where(Segment.organisation_id == organisation_id)
    units = Segment.unit_id.in_(subtree_ids(organisation_id, f.unit_id)) if f.unit_id else None
    return query.where(
        units if units is not None else Segment.unit_id == ANY,
        Segment.category_id == (f.category_id or ANY),
        Segment.goal_id == (f.goal_id or ANY),
    )


@dataclass
class Funnel:
    reached: dict[Stage, int]  # ideas submitted in the period that reached each stage
    now: dict[Stage, int]  # ideas in each stage today

    def conversion(self, stage: Stage) -> Decimal | None:
        """Of the ideas that reached `stage`, the share that reached the next board stage."""
        i = BOARD.index(stage)
        if i + 1 >= len(BOARD) or not self.reached.get(stage):
            return None
        return Decimal(self.reached.get(BOARD[i + 1], 0)) / self.reached[stage]


@dataclass
class Flow:
    funnel: Funnel
    quarters: list[int]
    started: list[int]
    finished: list[int]
    in_stage: dict[str, list[int]]  # the cumulative flow, per board stage and quarter
    lead_times: dict[Stage, tuple[int | None, int | None, int]]  # median, p85, stays


def flow(organisation_id: int, f: DashFilter, today: date) -> Flow:
    ids = FlowCell.segment_id.in_(segments(organisation_id, f))
    by_period = (FlowCell.period == f.year) if f.year else true()
    zero = literal_column("0")
    total = func.sum(FlowCell.count)
    metric, stage, period = FlowCell.metric, FlowCell.stage, FlowCell.period
    length = FlowCell.bucket
    rows = db.session.execute(  # one round trip: moves per quarter, reached stages, stays
        union_all(
            select(metric, stage, period, zero, total)
            .where(ids, metric.in_((rules.ENTERED, rules.LEFT)))
            .group_by(metric, stage, period),
            select(metric, stage, zero, zero, total)
            .where(ids, metric == rules.REACHED, by_period)
            .group_by(metric, stage),
            select(metric, stage, zero, length, total)
            .where(ids, metric == rules.STAY, by_period)
            .group_by(metric, stage, length),
        )
    ).all()
    entered, left = defaultdict(int), defaultdict(int)
    reached: dict[Stage, int] = {}
    histograms: dict[Stage, dict[int, int]] = defaultdict(dict)
    for kind, name, quarter, days, n in rows:
        if kind == rules.ENTERED:
            entered[(name, quarter)] += int(n)
        elif kind == rules.LEFT:
            left[(name, quarter)] += int(n)
        elif kind == rules.REACHED:
            reached[Stage(name)] = int(n)
        else:
            histograms[Stage(name)][days] = int(n)
    now = {s: 0 for s in (*BOARD, *CLOSED)}
    for (name, _), n in entered.items():
        now[Stage(name)] = now.get(Stage(name), 0) + n
    for (name, _), n in left.items():
        now[Stage(name)] -= n
    periods = _quarters([p for _, p in entered], f.year, today)
    return Flow(
        funnel=Funnel(reached=reached, now=now),
        quarters=periods,
        started=[entered.get((Stage.SUBMITTED.value, q), 0) for q in periods],
        finished=[sum(entered.get((s.value, q), 0) for s in rules.FINISHED) for q in periods],
        in_stage=rules.in_stage_by_quarter(
            {k: v for k, v in entered.items() if Stage(k[0]) in BOARD},
            {k: v for k, v in left.items() if Stage(k[0]) in BOARD},
            periods,
        ),
        lead_times={
            stage: (
                rules.percentile(histograms[stage], 0.5),
                rules.percentile(histograms[stage], 0.85),
                sum(histograms[stage].values()),
            )
            for stage in (*BOARD[:-1], *CLOSED)
            if stage in histograms
        },
    )


def _quarters(seen: list[int], year: int | None, today: date) -> list[int]:
    """The quarters the flow shows: the chosen year's, or from the first with an entry to now."""
    if year:
        return [year * 10 + q for q in range(1, 5)]
    if not seen:
        return []
    return rules.quarters(min(seen), max(max(seen), rules.quarter(today)))


@dataclass(frozen=True)
class YearRow:
    year: int
    planned_sek: Decimal
    realised_sek: Decimal
    cash_sek: Decimal
    non_cash_sek: Decimal
    planned_cost: Decimal
    actual_cost: Decimal

    @property
    def planned_net(self) -> Decimal:
        return self.planned_sek - self.planned_cost

    @property
    def net(self) -> Decimal:
        return self.realised_sek - self.actual_cost


def portfolio(organisation_id: int, f: DashFilter) -> list[YearRow]:
    """The portfolio's benefit calculation: its ideas' year figures added per year."""
    sums = [func.sum(getattr(YearCell, c)) for c in YEAR_FIGURES]
    query = (
        select(YearCell.year, *sums)
        .where(YearCell.segment_id.in_(segments(organisation_id, f)))
        .group_by(YearCell.year)
        .order_by(YearCell.year)
    )
    if f.year:
        query = query.where(YearCell.year == f.year)
    rows = [
        YearRow(year, *(Decimal(v or 0) for v in values))
        for year, *values in db.session.execute(query)
    ]
    return [r for r in rows if any((r.planned_sek, r.realised_sek, r.planned_cost, r.actual_cost))]


@dataclass
class Money:
    count: int = 0
    planned: Decimal = Decimal(0)
    realised: Decimal = Decimal(0)


@dataclass
class Benefits:
    by_goal: dict[int, Money] = field(default_factory=lambda: defaultdict(Money))
    by_unit: dict[int, Money] = field(default_factory=lambda: defaultdict(Money))
    by_type: dict[BenefitType, Money] = field(default_factory=lambda: defaultdict(Money))
    by_measure: dict[str, Money] = field(default_factory=lambda: defaultdict(Money))
    statuses: dict[Status, int] = field(default_factory=lambda: {s: 0 for s in Status})

    @property
    def total(self) -> int:
        return sum(self.statuses.values())


def benefits(organisation_id: int, f: DashFilter) -> Benefits:
    """The counted benefits today, added by goal, unit and type (SEK a year), by indicator unit
    (in that unit) and by tracking status: three grouped sums over the fewest cells."""
    none, zero = literal_column("''"), literal_column("0")
    by_status = (BenefitCell.type, BenefitCell.status, BenefitCell.measure)
    rows = db.session.execute(  # one round trip: by type and status, by unit, by goal
        union_all(
            _sums(segments(organisation_id, f), by_status, (*by_status, zero)),
            _sums(
                _sums_by_key(organisation_id, f, "unit"),
                (Segment.unit_id,),
                (literal_column("'unit'"), none, none, Segment.unit_id),
            ),
            _sums(
                _sums_by_key(organisation_id, f, "goal"),
                (Segment.goal_id,),
                (literal_column("'goal'"), none, none, Segment.goal_id),
            ),
        )
    )
    out = Benefits()
    for type_, status, measure, key, n, *sums in rows:
        if not n:
            continue
        n, (planned, realised, planned_change, realised_change) = int(n), _decimals(sums)
        if type_ == "unit":
            _add(out.by_unit[key], n, (planned, realised))
        elif type_ == "goal":
            _add(out.by_goal[key], n, (planned, realised))
        else:
            _add(out.by_type[BenefitType(type_)], n, (planned, realised))
            if not BenefitType(type_).monetised or not (planned or realised):
                _add(out.by_measure[measure], n, (planned_change, realised_change))
            out.statuses[Status(status)] += n
    return out


def _decimals(values) -> list[Decimal]:
    return [Decimal(v or 0) for v in values]


def _sums_by_key(organisation_id: int, f: DashFilter, key: str) -> Select:
    """The segments to add up per unit or per goal under the filter: that key's own sums when
    the filter asks for nothing else, else the single segments."""
    others = {"unit": (f.category_id, f.goal_id), "goal": (f.unit_id, f.category_id)}[key]
    if any(others):
        return fine_segments(organisation_id, f)
    column = {"unit": Segment.unit_id, "goal": Segment.goal_id}[key]
    rest = [c for c in (Segment.unit_id, Segment.category_id, Segment.goal_id) if c is not column]
    query = select(Segment.id).where(
        Segment.organisation_id == organisation_id, column != ANY, *(c == ANY for c in rest)
    )
    if key == "goal" and f.goal_id:
        query = query.where(column == f.goal_id)
    if key == "unit" and f.unit_id:
        query = query.where(column.in_(subtree_ids(organisation_id, f.unit_id)))
    return query


def _sums(segment_ids: Select, group_by: tuple, columns: tuple) -> Select:
    """`columns`, then the count, SEK a year planned and realised, and the changes planned and
    realised, of the benefit cells of these segments, grouped by `group_by`."""
    return (
        select(
            *columns,
            func.sum(BenefitCell.count),
            func.sum(BenefitCell.planned_sek),
            func.sum(BenefitCell.realised_sek),
            func.sum(BenefitCell.planned_change),
            func.sum(BenefitCell.realised_change),
        )
        .join(Segment, Segment.id == BenefitCell.segment_id)
        .where(BenefitCell.segment_id.in_(segment_ids))
        .group_by(*group_by)
    )


def _add(total: Money, n: int, amounts: tuple[Decimal, Decimal]) -> None:
    total.count += n
    total.planned += amounts[0]
    total.realised += amounts[1]


def overdue(organisation_id: int, f: DashFilter, today: date) -> tuple[int, list[Benefit]]:
    """The follow-ups past their due date, oldest first, with how many there are."""
    where = [BenefitKept.organisation_id == organisation_id, BenefitKept.due_on < today]
    if f != DashFilter(year=f.year):
        where.append(BenefitKept.segment_id.in_(fine_segments(organisation_id, f)))
    # The total is an uncorrelated subquery over the covering index, counted once; a window
    # count would join every overdue benefit with its owner and idea before the limit.
    total = select(func.count()).select_from(BenefitKept).where(*where).scalar_subquery()
    rows = db.session.execute(  # one round trip: the first rows and the total
        select(Benefit, total)
        .join(BenefitKept, BenefitKept.benefit_id == Benefit.id)
        .where(*where)
        .options(joinedload(Benefit.owner), joinedload(Benefit.idea))
        .order_by(BenefitKept.due_on, Benefit.id)
        .limit(LIST_SIZE)
    ).all()
    return (rows[0][1] if rows else 0), [benefit for benefit, _ in rows]


def longest_standing(organisation_id: int, f: DashFilter) -> list[Idea]:
    """The ideas that have stood longest in their stage, among those still on their way: the
    oldest few of each stage (an index walk each), then the oldest of those."""
    firsts = []
    for stage in WAITING:
        query = (
            select(Idea.id, Idea.stage_entered_at)
            .where(Idea.organisation_id == organisation_id, Idea.stage == stage)
            .order_by(Idea.stage_entered_at, Idea.id)
            .limit(LIST_SIZE)
        )
        if f != DashFilter(year=f.year):
            query = query.where(Idea.segment_id.in_(fine_segments(organisation_id, f)))
        firsts.append(query.subquery().select())
    oldest = union_all(*firsts).subquery()
    ids = select(oldest.c.id).order_by(oldest.c.stage_entered_at, oldest.c.id).limit(LIST_SIZE)
    return list(
        db.session.scalars(
            select(Idea)
            .where(Idea.id.in_(ids))
            .options(joinedload(Idea.unit))
            .order_by(Idea.stage_entered_at, Idea.id)
        )
    )


def uncounted(organisation_id: int) -> int:
    """Ideas not counted in any segment yet: written before the dashboard existed, or outside the
    services; `flask rebuild-aggregates` counts them."""
    return db.session.scalar(
        select(func.count())
        .select_from(Idea)
        .where(Idea.segment_id.is_(None), Idea.organisation_id == organisation_id)
    )
