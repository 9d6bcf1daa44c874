"""Read-only views of benefits for pages: figures from the pure calculation, a chart, lists."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from tracker.benefits import calc
from tracker.benefits.models import Benefit, Measurement, PlanChange
from tracker.benefits.services import plan_of, readings_by_benefit, readings_of
from tracker.extensions import db
from tracker.ideas.models import Idea

CHART_W, CHART_H, PAD = 640, 240, 40


@dataclass(frozen=True)
class Figures:
    """How a benefit goes, for one line in a list or the head of its page."""

    status: object  # rules.Status
    progress: Decimal | None
    realised_change: Decimal | None
    target_change: Decimal | None
    realised_sek: Decimal | None  # a year, at the latest level
    planned_sek: Decimal | None  # a year, at the target level


def figures(benefit: Benefit, readings: list[calc.Reading], today: date, tolerance) -> Figures:
    plan = plan_of(benefit)
    if plan is None:
        return Figures(calc.Status.NOT_MEASURED, None, None, None, None, None)
    realised = calc.realised_change(plan, readings)
    target = calc.target_change(plan)
    return Figures(
        status=calc.status(plan, readings, today, tolerance),
        progress=calc.progress(plan, readings),
        realised_change=realised,
        target_change=target,
        realised_sek=calc.annual_sek(plan, realised) if realised is not None else None,
        planned_sek=calc.annual_sek(plan, target),
    )


def benefit_view(benefit: Benefit, today: date, tolerance: Decimal) -> dict:
    """Everything the benefit page shows: figures, measurements, history and the chart."""
    readings = readings_of(benefit)
    measurements = list(
        db.session.scalars(
            select(Measurement)
            .where(Measurement.benefit_id == benefit.id)
            .options(selectinload(Measurement.recorded_by))
            .order_by(Measurement.on, Measurement.id)
        )
    )
    counted = {r.id for r in calc.effective(readings)}
    history = list(
        db.session.scalars(
            select(PlanChange)
            .where(PlanChange.benefit_id == benefit.id)
            .options(selectinload(PlanChange.actor))
            .order_by(PlanChange.at, PlanChange.id)
        )
    )
    plan = plan_of(benefit)
    return {
        "benefit": benefit,
        "idea": benefit.idea,
        "figures": figures(benefit, readings, today, tolerance),
        "measurements": measurements,
        "counted": counted,
        "corrected": {m.corrects_id for m in measurements if m.corrects_id},
        "history": history,
        "chart": chart(plan, calc.effective(readings)) if plan else None,
        "today": today,
    }


def idea_benefits(
    idea: Idea, today: date, tolerance: Decimal, read: tuple | None = None
) -> list[tuple[Benefit, Figures]]:
    """The idea's benefits with their figures, in the order they were identified. `read`: what
    benefits_with_readings returns, when the caller has it."""
    benefits, readings = read or benefits_with_readings(idea)
    return [(b, figures(b, readings.get(b.id, []), today, tolerance)) for b in benefits]


def benefits_with_readings(idea: Idea) -> tuple[list[Benefit], dict[int, list[calc.Reading]]]:
    """The idea's benefits in the order they were identified, with interim targets, and their
    readings by benefit: two statements, however many benefits and measurements."""
    benefits = list(
        db.session.scalars(
            select(Benefit)
            .where(Benefit.idea_id == idea.id)
            .options(joinedload(Benefit.interim_targets))
            .order_by(Benefit.id)
        ).unique()
    )
    return benefits, readings_by_benefit([b.id for b in benefits])


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    planned: str  # SVG points of the planned curve
    measured: str  # SVG points of the counted measurements
    dots: list[tuple[float, float]]
    target_y: float
    y_min: Decimal
    y_max: Decimal
    x_first: date
    x_last: date


def chart(plan: calc.Plan, readings: list[calc.Reading]) -> Chart:
    """The planned curve (baseline, interim targets, target) and the measurements, scaled."""
    knots = [plan.baseline, *sorted(plan.interim, key=lambda p: p.on), plan.target]
    days = [p.on for p in knots] + [r.on for r in readings]
    values = [p.value for p in knots] + [r.value for r in readings]
    x0, x1 = min(days).toordinal(), max(days).toordinal()
    y0, y1 = min(values), max(values)
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1

    def point(on: date, value: Decimal) -> tuple[float, float]:
        x = PAD + (on.toordinal() - x0) / max(x1 - x0, 1) * (CHART_W - 2 * PAD)
        y = CHART_H - PAD - float((value - y0) / (y1 - y0)) * (CHART_H - 2 * PAD)
        return round(x, 1), round(y, 1)

    def points(pairs) -> str:
        return " ".join(f"{x},{y}" for x, y in pairs)

    dots = [point(r.on, r.value) for r in readings]
    return Chart(
        width=CHART_W,
        height=CHART_H,
        planned=points(point(p.on, p.value) for p in knots),
        measured=points(dots),
        dots=dots,
        target_y=point(plan.target.on, plan.target.value)[1],
        y_min=y0,
        y_max=y1,
        x_first=min(days),
        x_last=max(days),
    )
