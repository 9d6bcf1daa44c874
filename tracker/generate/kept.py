"""The figures the services keep on write, computed for rows written in bulk: the same pure
functions (benefits/calc.py) with the same rounding (benefits/figures.py `refresh_figures`,
benefits/figures.py `year_rows`), fed from memory instead of the database.

`flask rebuild-benefit-figures --check` proves them equal to a recomputation from the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracker.benefits import calc, figures
from tracker.benefits.rules import DROPPED, Lifecycle

PLACES = Decimal("0.0001")  # Benefit.realised_change's column


@dataclass(frozen=True)
class Planned:
    """A benefit as its idea's calculation reads it."""

    id: int
    plan: calc.Plan
    readings: list[calc.Reading]
    lifecycle: Lifecycle
    interval_months: int

    @property
    def counted(self) -> bool:
        """In the idea's calculation: planned (here always) and not dropped."""
        return self.lifecycle not in DROPPED


def benefit_figures(b: Planned) -> dict:
    """latest_value, latest_on, realised_change and next_due_on, as `refresh_figures` keeps
    them."""
    reading = calc.latest(b.readings)
    realised = calc.realised_change(b.plan, b.readings) if reading else None
    open_ = not b.lifecycle.closed
    latest_on = reading.on if reading else None
    return {
        "latest_value": reading.value if reading else None,
        "latest_on": latest_on,
        "realised_change": None if realised is None else realised.quantize(PLACES),
        "next_due_on": calc.next_due(latest_on, b.plan.baseline.on, b.interval_months)
        if open_
        else None,
    }


def year_rows(
    benefits: list[Planned], costs: list[calc.CostLine], horizon: int, rollout_year: int | None
) -> dict[int, dict[str, Decimal]]:
    """The idea's SEK per year, as `figures.year_rows` computes it: benefits by id, costs by
    first year then id (the caller passes them so); `rollout_year`: when the idea first entered
    rollout."""
    counted = sorted((b for b in benefits if b.counted), key=lambda b: b.id)
    return figures.kept_rows([(b.plan, b.readings) for b in counted], costs, horizon, rollout_year)
