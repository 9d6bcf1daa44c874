"""Figures kept on write: each benefit's latest value, realised change and next due date, each
idea's SEK per year (IdeaYearFigure), and the rebuild of every kept figure from scratch.

The handlers at the end of the first part react to the events of the writes that change what
a calculation reads (tracker/handlers.py lists them); `rebuild_all` is the from-scratch repair
behind `flask rebuild-benefit-figures`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

from sqlalchemy import func, select, union
from sqlalchemy.orm import selectinload

from tracker.benefits import calc, services
from tracker.benefits.models import YEAR_FIGURES as FIGURES
from tracker.benefits.models import Benefit, IdeaYearFigure
from tracker.benefits.rules import DROPPED
from tracker.costs.models import Cost
from tracker.costs.services import costs_of
from tracker.events import (
    BenefitChanged,
    BenefitFiguresKept,
    BenefitSettingsChanged,
    CostsChanged,
    IdeaMoved,
    MeasurementRecorded,
    YearFiguresChanged,
    publish,
)
from tracker.extensions import db
from tracker.ideas.models import Idea, StageChange
from tracker.ideas.stages import Stage

CENT = Decimal("0.01")  # IdeaYearFigure's columns keep öre, as MONEY does


def refresh_figures(benefit: Benefit, readings: list[calc.Reading] | None = None) -> None:
    """Keep the benefit's latest value, realised change and next due date, so that no page has
    to read its measurements; from `readings` when the caller has read them. The caller has
    flushed the measurements and interim targets: the benefit's own changes are written with
    its figures, in one update."""
    with db.session.no_autoflush:
        plan = services.plan_of(benefit)
        readings = services.readings_of(benefit) if readings is None else readings
    reading = calc.latest(readings)
    benefit.latest_value = reading.value if reading else None
    benefit.latest_on = reading.on if reading else None
    realised = calc.realised_change(plan, readings) if plan and reading else None
    # Stored as the column keeps it, so that a recomputation changes nothing.
    benefit.realised_change = None if realised is None else realised.quantize(Decimal("0.0001"))
    open_ = not benefit.lifecycle.closed and plan is not None
    benefit.next_due_on = (
        calc.next_due(benefit.latest_on, benefit.baseline_on, benefit.interval_months)
        if open_
        else None
    )
    db.session.flush()
    publish(BenefitFiguresKept(benefit, plan, readings))


def _entered_rollout(idea_id: int):
    return select(func.min(StageChange.at)).where(
        StageChange.idea_id == idea_id, StageChange.to_stage == Stage.ROLLOUT
    )


def first_rollout_year(idea_id: int) -> int | None:
    """The year the idea first entered rollout, from its history."""
    entered = db.session.scalar(_entered_rollout(idea_id))
    return None if entered is None else entered.year


def kept_rows(
    plans: list[tuple[calc.Plan, list[calc.Reading]]],
    costs: list[calc.CostLine],
    horizon: int,
    rollout_year: int | None,
) -> dict[int, dict[str, Decimal]]:
    """An idea's SEK per year in öre, over the years of its calculation page
    (`calc.calculation_years`), from its counted plans with their readings and its costs; none
    when nothing in it is valued in SEK (every row would be zero). The services
    (`year_rows`) and the generator (generate/kept.py) both keep these."""
    priced = any(calc.annual_sek(p, calc.ZERO) is not None for p, _ in plans)
    cost_years = [c.year_from for c in costs]
    start = calc.horizon_start(rollout_year, (p.baseline.on.year for p, _ in plans), cost_years)
    if start is None or not (priced or costs):
        return {}
    years = calc.calculation_years(start[0], cost_years, horizon)
    calculation = calc.calculate(plans, costs, years.start, horizon=len(years))
    return {
        row.year: {
            "planned_sek": _cents(row.planned_benefit),
            "realised_sek": _cents(row.realised_benefit),
            "cash_sek": _cents(row.cash),
            "non_cash_sek": _cents(row.non_cash),
            "planned_cost": _cents(row.planned_cost),
            "actual_cost": _cents(row.actual_cost),
        }
        for row in calculation.rows
    }


def cost_line(cost: Cost) -> calc.CostLine:
    return calc.CostLine(
        kind=cost.kind,
        year_from=cost.year_from,
        year_to=cost.year_to,
        planned=Decimal(cost.planned),
        actual=None if cost.actual is None else Decimal(cost.actual),
    )


def _cents(amount: Decimal) -> Decimal:
    return (amount + calc.ZERO).quantize(CENT, rounding=ROUND_HALF_EVEN)


Read = tuple[list[Benefit], dict[int, list[calc.Reading]], int | None]


def read_benefits(idea: Idea) -> Read:
    """Every benefit of the idea, its interim targets loaded, the readings of each by benefit,
    and the year the idea first entered rollout: three queries."""
    entered = _entered_rollout(idea.id).scalar_subquery()
    rows = db.session.execute(
        select(Benefit, entered)
        .where(Benefit.idea_id == idea.id)
        .options(selectinload(Benefit.interim_targets))
        .order_by(Benefit.id)
    ).all()
    benefits = [benefit for benefit, _ in rows]
    if rows:
        rollout = None if rows[0][1] is None else rows[0][1].year
    else:
        rollout = first_rollout_year(idea.id)
    return benefits, services.readings_by_benefit(b.id for b in benefits), rollout


def year_rows(idea: Idea, read: Read | None = None) -> dict[int, dict[str, Decimal]]:
    """The idea's SEK per year as its calculation gives it, from the benefits it counts (planned,
    neither evaporated nor cancelled) and its costs, in öre: a from-scratch computation that
    reads no kept figure. `read`: `read_benefits(idea)`, when read already."""
    benefits, readings, rollout = read or read_benefits(idea)
    counted = [b for b in benefits if b.planned and b.lifecycle not in DROPPED]
    plans = {b.id: services.plan_of(b) for b in counted}  # as costs.counted_benefits counts
    costs = [cost_line(c) for c in costs_of(idea)]
    horizon = services.settings_for(idea.organisation_id).horizon_years
    return kept_rows([(plans[b], readings.get(b, [])) for b in plans], costs, horizon, rollout)


def refresh_idea_figures(idea: Idea, read: Read | None = None) -> list[int]:
    """Keep the idea's SEK per year equal to its calculation: one row per year of its range,
    none outside it. Returns the years whose row was added, changed or removed. `read`: the
    idea's benefits and readings, when the caller has read them (`read_benefits`)."""
    wanted = year_rows(idea, read)
    kept = {
        f.year: f
        for f in db.session.scalars(select(IdeaYearFigure).where(IdeaYearFigure.idea_id == idea.id))
    }
    before = {y: {n: Decimal(getattr(f, n) or 0) for n in FIGURES} for y, f in kept.items()}
    changed = []
    for year, values in wanted.items():
        row = kept.get(year)
        if row is None:
            db.session.add(IdeaYearFigure(idea_id=idea.id, year=year, **values))
            changed.append(year)
            continue
        differs = False
        for name, value in values.items():
            if getattr(row, name) is None or Decimal(getattr(row, name)) != value:
                setattr(row, name, value)
                differs = True
        if differs:
            changed.append(year)
    stale = sorted(set(kept) - set(wanted))
    for year in stale:
        db.session.delete(kept[year])
    db.session.flush()
    publish(YearFiguresChanged(idea, before, wanted))
    return sorted(changed + stale)


def refresh_organisation_figures(organisation_id: int) -> list[int]:
    """Refresh the year figures of every idea of an organisation (after its horizon changed);
    returns the ids of the ideas whose figures changed."""
    ideas = db.session.scalars(
        select(Idea).where(Idea.organisation_id == organisation_id).order_by(Idea.id)
    )
    return [idea.id for idea in ideas if refresh_idea_figures(idea)]


# Handlers (tracker/handlers.py)


def benefit_changed(event: BenefitChanged) -> None:
    """A planned, replanned or closed benefit: its figures and its idea's SEK per year."""
    refresh_figures(event.benefit)
    refresh_idea_figures(event.benefit.idea)


def measurement_recorded(event: MeasurementRecorded) -> None:
    """A reading changes its own benefit's figures; the idea's SEK per year only when the
    benefit is valued in SEK: then the idea's benefits and readings are read once, for both."""
    benefit = event.benefit
    if not (benefit.type.monetised and benefit.sek_per_unit is not None):
        refresh_figures(benefit)
        return
    with db.session.no_autoflush:
        read = read_benefits(benefit.idea)
    refresh_figures(benefit, read[1].get(benefit.id, []))
    refresh_idea_figures(benefit.idea, read)


def costs_changed(event: CostsChanged) -> None:
    refresh_idea_figures(event.idea)


def idea_moved(event: IdeaMoved) -> None:
    """The first entry into rollout starts the calculation's horizon."""
    if event.change.to_stage is Stage.ROLLOUT:
        refresh_idea_figures(event.idea)


def settings_changed(event: BenefitSettingsChanged) -> None:
    """The kept SEK per year cover the organisation's horizon."""
    if event.horizon_changed:
        refresh_organisation_figures(event.organisation_id)


BENEFIT_FIGURES = (
    Benefit.id,
    Benefit.latest_value,
    Benefit.latest_on,
    Benefit.realised_change,
    Benefit.next_due_on,
)


@dataclass
class Rebuilt:
    """What a rebuild found: how much it recomputed and which kept figures were wrong."""

    benefits: int = 0
    ideas: int = 0
    changed_benefits: list[int] = field(default_factory=list)
    changed_ideas: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changed_benefits or self.changed_ideas)


def _snapshot() -> tuple[dict, dict]:
    """Every kept figure as the database holds it, in two queries."""
    benefits = {row[0]: tuple(row[1:]) for row in db.session.execute(select(*BENEFIT_FIGURES))}
    ideas: dict[int, dict] = {}
    columns = [getattr(IdeaYearFigure, name) for name in FIGURES]
    rows = db.session.execute(select(IdeaYearFigure.idea_id, IdeaYearFigure.year, *columns))
    for idea_id, year, *values in rows:
        ideas.setdefault(idea_id, {})[year] = tuple(Decimal(v) for v in values)
    return benefits, ideas


def rebuild_all() -> Rebuilt:
    """Recompute every benefit's kept figures and every idea's year figures from the
    measurements, plans and costs alone, and say which ones had drifted. Flushes; the caller
    commits (or rolls back to only check)."""
    db.session.flush()
    before_benefits, before_ideas = _snapshot()
    benefits = db.session.scalars(
        select(Benefit).options(selectinload(Benefit.interim_targets)).order_by(Benefit.id)
    ).all()
    for benefit in benefits:
        refresh_figures(benefit)
    idea_ids = db.session.scalars(
        union(
            select(Benefit.idea_id), select(Cost.idea_id), select(IdeaYearFigure.idea_id)
        ).order_by("idea_id")
    ).all()
    for idea in db.session.scalars(select(Idea).where(Idea.id.in_(idea_ids)).order_by(Idea.id)):
        refresh_idea_figures(idea)
    db.session.flush()
    db.session.expire_all()  # compare what the database now holds, rounded by its columns
    after_benefits, after_ideas = _snapshot()
    return Rebuilt(
        benefits=len(benefits),
        ideas=len(idea_ids),
        changed_benefits=sorted(
            b for b in after_benefits if after_benefits[b] != before_benefits.get(b)
        ),
        changed_ideas=sorted(
            i
            for i in set(before_ideas) | set(after_ideas)
            if before_ideas.get(i) != after_ideas.get(i)
        ),
    )
