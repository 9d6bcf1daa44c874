"""The benefits of a demo idea, dated along its history (pure Python).

`schedule` dates them: each benefit is identified once the idea is prioritised, planned during
its rollout (before the first move to follow-up, and before the change takes effect), measured
after its baseline and never in the future, and closed before the idea is realised, where the
closing assessment is written last; history.check then tests every move against the gates with
those facts. The measured values follow the planned curve, to the share of it the benefit
reaches, give or take some noise. benefit_rows.py writes the rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from tracker.benefits import calc
from tracker.benefits.calc import add_months
from tracker.benefits.rules import Lifecycle
from tracker.demo.benefits import BenefitSpec, IdeaBenefits
from tracker.demo.history import BenefitPast, DemoError, History
from tracker.demo.pilot_history import _moment
from tracker.ideas.stages import Stage

S = Stage
CORRECTIONS = (
    "Rättad: uttaget ur systemet gällde fel period.",
    "Rättad: en siffra blev fel när värdet fördes över från kalkylarket.",
)
FINAL = "Slutmätning, med förslag att nyttan är hemtagen."


@dataclass
class Reading:
    """A measurement to write; a wrong one is written first and corrected at `corrected_at`."""

    on: date
    value: Decimal
    recorded_at: datetime
    comment: str = ""
    wrong: Decimal | None = None
    corrected_at: datetime | None = None


@dataclass
class BenefitDates(BenefitPast):
    """A benefit's past: the gates' facts, and the dates and values of its plan and readings."""

    spec: BenefitSpec | None = None
    lifecycle: Lifecycle = Lifecycle.IDENTIFIED
    baseline_on: date | None = None
    target_on: date | None = None
    interim: list[tuple[date, Decimal]] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    changed_at: datetime | None = None
    proposed_at: datetime | None = None

    @property
    def last_change(self) -> datetime:
        moments = [self.identified_at, self.planned_at, self.changed_at, self.proposed_at]
        moments += [self.closed_at, *(r.corrected_at or r.recorded_at for r in self.readings)]
        return max(m for m in moments if m is not None)


def _month_start(day: date, months_back: int) -> date:
    return add_months(day.replace(day=1), -months_back)


def _month_end(day: date) -> date:
    return add_months(day.replace(day=1), 1) - timedelta(days=1)


def schedule(past: History, spec: IdeaBenefits | None, rng: random.Random, now: datetime) -> None:
    """Date the idea's benefits along its history; the closing assessment of a realised idea."""
    first: dict[Stage, datetime] = {}
    for step in past.steps:
        first.setdefault(step.stage, step.at)
    if spec is None:
        if S.ROLLOUT in first:
            raise DemoError("An idea that reaches rollout needs benefit content.")
        return
    if S.PRIORITISED not in first:
        raise DemoError("Benefits are planned from prioritised on.")
    final = past.steps[-1]
    realised = final.at if final.stage is S.REALISED else None
    follow_ups = [s.at for s in past.steps if s.stage is S.FOLLOW_UP]
    plan_from = first.get(S.ROLLOUT, final.at)
    plan_by = first.get(S.FOLLOW_UP, now - timedelta(days=1))
    effect = None  # when the change can begin: the first unit done, or well into the rollout
    if past.rollout is not None:
        done = [u.done_at for u in past.rollout.units if u.done_at is not None]
        effect = min(done) if done else past.rollout.planned_at + timedelta(days=45)
    if effect is not None and effect > plan_from:  # the baseline is taken before the change
        plan_by = min(plan_by, effect)
    for benefit in spec.benefits:
        planned = _moment(plan_from, plan_by, rng, 0, 0.5)
        if "identified" in benefit.flags:
            planned = None
        identified = _moment(first[S.PRIORITISED], planned or now, rng, 0, 0.6)
        dates = BenefitDates(identified, planned, spec=benefit)
        # Closed: signed off before the idea is realised, or dropped along the way.
        window = (follow_ups[-1], realised) if realised else (planned or identified, now)
        if benefit.fate or realised:
            dates.closed_at = _moment(*window, rng, 0.3, 0.7)
            dates.dropped = benefit.fate is not None
            if not (dates.dropped or planned):
                raise DemoError(f"{benefit.title}: a realised benefit was planned.")
        if "proposed" in benefit.flags:
            if not follow_ups or realised:
                raise DemoError(f"{benefit.title}: a benefit awaits sign-off during follow-up.")
            dates.proposed_at = _moment(max(follow_ups[-1], now - timedelta(days=20)), now, rng)
        if planned is not None:
            _plan(dates, benefit, realised, effect, rng, now)
        dates.lifecycle = _lifecycle(dates, benefit)
        past.benefits.append(dates)
    if realised:
        past.closing_at = _moment(max(b.closed_at for b in past.benefits), realised, rng, 0.3, 0.9)
    elif "A" in spec.texts:
        raise DemoError("Only a realised idea has a closing assessment.")


def _lifecycle(dates: BenefitDates, spec: BenefitSpec) -> Lifecycle:
    if spec.fate:
        return spec.fate
    if dates.closed_at:
        return Lifecycle.REALISED
    if dates.planned_at is None:
        return Lifecycle.IDENTIFIED
    return Lifecycle.REALISING if dates.readings else Lifecycle.PLANNED


def _plan(
    dates: BenefitDates,
    spec: BenefitSpec,
    realised: datetime | None,
    effect: datetime | None,
    rng: random.Random,
    now: datetime,
) -> None:
    """The baseline and target dates, the interim targets, a plan change and the readings."""
    planned, today = dates.planned_at, now.date()
    lead = rng.randint(12, 18) if "history" in spec.flags else rng.randint(0, 1)
    if "overdue" in spec.flags:  # a follow-up fell due, and was missed, already
        lead = max(lead, spec.interval + 1)
    dates.baseline_on = _month_start(planned.date(), lead)
    end = dates.closed_at or dates.proposed_at or now
    last = end.date() - timedelta(days=3 if end is not now else 1)
    if realised:  # reached by the final measurement, a little before the sign-off
        target = _month_end(add_months(last, -rng.randint(1, 2)))
    else:
        target = _month_end(add_months(planned.date(), rng.randint(12, 20)))
    earliest = add_months(dates.baseline_on, 6) if effect is None else effect.date()
    dates.target_on = max(target, _month_end(add_months(earliest, 3)))
    # No change is planned before the rollout takes effect; then through the interim targets.
    baseline, target_value = final_plan(spec)
    start = dates.baseline_on
    if effect is not None and effect.date() > dates.baseline_on + timedelta(days=45):
        start = _month_start(effect.date(), 0)
        dates.interim.append((start, baseline))
    step = (dates.target_on - start) / (len(spec.interim) + 1)
    dates.interim += [(start + step * i, value) for i, value in enumerate(spec.interim, 1)]
    curve = calc.Plan(
        calc.Point(dates.baseline_on, baseline),
        calc.Point(dates.target_on, target_value),
        spec.direction,
        tuple(calc.Point(on, value) for on, value in dates.interim),
    )
    # Measured until the benefit was closed or proposed, or until yesterday; not at all when only
    # planned, and not lately when its follow-ups are overdue.
    if "overdue" in spec.flags:
        last = add_months(today, -spec.interval) - timedelta(days=rng.randint(7, 40))
    if "planned" in spec.flags or spec.fate is Lifecycle.CANCELLED:
        last = dates.baseline_on
    if spec.change:
        dates.changed_at = _moment(planned, end, rng, 0.2, 0.5)
    reach = spec.reach or _reach(spec, dates, rng)
    ons, k = [], 1
    while (on := add_months(dates.baseline_on, k * spec.interval)) <= last:
        ons.append(on)
        k += 1
    proposing = bool(dates.proposed_at or dates.closed_at and not dates.dropped)
    if proposing and (not ons or ons[-1] < last - timedelta(days=7)):
        ons.append(last)  # the final measurement that proposes the benefit as realised
    for i, on in enumerate(ons):
        final = proposing and i == len(ons) - 1
        value = _value(spec, curve, on, reach, rng.gauss(0, 0.03), final)
        recorded = datetime.combine(on + timedelta(days=rng.randint(1, 6)), time(8))
        recorded = max(recorded, planned + timedelta(minutes=rng.randint(10, 200)))
        recorded = min(recorded.replace(minute=rng.randint(0, 59)), end - timedelta(minutes=5))
        dates.readings.append(Reading(on, value, recorded, FINAL if final else ""))
    if "correction" in spec.flags:
        _correct(dates, spec, rng, end)
    measured = dates.readings[-1].on if dates.readings else dates.baseline_on
    if "overdue" in spec.flags and not add_months(measured, spec.interval) < today:
        raise DemoError(f"{spec.title}: the follow-up is not overdue.")


def _reach(spec: BenefitSpec, dates: BenefitDates, rng: random.Random) -> float:
    """The share of the planned change reached in the end: a little more than planned when
    signed off; a feared dis-benefit turns out milder; less when it evaporates."""
    if spec.dis_benefit:
        return rng.uniform(0.3, 0.7)
    if dates.dropped:
        return rng.uniform(0.0, 0.2)
    return rng.uniform(1.0, 1.1) if dates.closed_at else rng.uniform(0.8, 1.12)


def _value(
    spec: BenefitSpec, curve: calc.Plan, on: date, reach: float, noise: float, final: bool
) -> Decimal:
    """The level on a day: `reach` of the change the planned curve promises by then, give or
    take the noise; `reach` of the whole change, exactly, in the final measurement."""
    baseline, target = curve.baseline.value, curve.target.value
    planned = target if final else calc.planned_value(curve, on)
    if final:
        noise = 0.0
    value = float(baseline) + float(planned - baseline) * reach + float(target - baseline) * noise
    return max(Decimal(0), Decimal(str(round(value, spec.places))))


def final_plan(spec: BenefitSpec) -> tuple[Decimal, Decimal]:
    """The baseline and target after the plan change, if any."""
    baseline, target = spec.baseline, spec.target
    if spec.change and spec.change[0] == "baseline":
        baseline = spec.change[1]
    elif spec.change:
        target = spec.change[1]
    return baseline, target


def _correct(dates: BenefitDates, spec: BenefitSpec, rng: random.Random, end: datetime) -> None:
    """A reading in the middle of the series was first recorded wrong, then corrected."""
    candidates = [r for r in dates.readings[1:-1] if r.recorded_at < end - timedelta(days=25)]
    if not candidates:
        raise DemoError(f"{spec.title}: too few readings for a correction.")
    reading = candidates[len(candidates) // 2]
    baseline, target = final_plan(spec)
    wrong = reading.value + abs(target - baseline) * Decimal("0.6")
    reading.wrong = wrong.quantize(Decimal(1).scaleb(-spec.places))
    reading.corrected_at = reading.recorded_at + timedelta(days=rng.randint(3, 20), hours=2)
    reading.comment = rng.choice(CORRECTIONS)
