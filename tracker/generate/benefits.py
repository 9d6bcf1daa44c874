"""The benefits of a synthetic idea in rollout or later, with their measurements and kept
figures; the costs of every idea that was piloted or rolled out; the closing assessment of a
realised idea; and the idea's SEK per year (IdeaYearFigure)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from tracker.benefits import calc
from tracker.benefits.models import (
    Benefit,
    ClosingAssessment,
    IdeaYearFigure,
    InterimTarget,
    Measurement,
)
from tracker.benefits.rules import (
    BenefitType,
    Confidence,
    Direction,
    Lifecycle,
    Stakeholder,
)
from tracker.costs.models import Cost
from tracker.costs.rules import CostCategory, CostKind
from tracker.generate import kept, words
from tracker.generate.bulk import Writer
from tracker.generate.ideas import Written, owner_or_member
from tracker.generate.org import People
from tracker.ideas.stages import Stage

S = Stage
CENT = Decimal("0.01")
HORIZON = 5  # BenefitSettings' default, which the generated organisation keeps
ELIGIBLE = (S.ROLLOUT, S.FOLLOW_UP, S.REALISED)
COST_NAMES = {
    CostCategory.INTERNAL_TIME: "Egen arbetstid",
    CostCategory.LICENCE: "Licens",
    CostCategory.PURCHASE: "Inköp",
}


class Quota:
    """Hands out a total over a number of takers, about evenly, each within its capacity."""

    def __init__(self, total: int, takers: int) -> None:
        self.left, self.takers = total, max(takers, 1)

    def take(self, rng: random.Random, capacity: int, minimum: int = 0) -> int:
        if self.takers <= 1:
            wanted = self.left
        else:
            wanted = round(self.left / self.takers * rng.uniform(0.5, 1.5))
        n = max(minimum, min(capacity, wanted))
        self.left -= n
        self.takers -= 1
        return n


def _money(low: int, high: int, rng: random.Random) -> Decimal:
    return Decimal(rng.randrange(low, high, 500))


def _sek(kind: str | None, rng: random.Random) -> Decimal | None:
    """SEK per unit of change per year: an hour a month at 450-650 kr, a case at 150-400 kr."""
    if kind == "hours":
        return Decimal(rng.randrange(450, 650, 10) * 12)
    if kind == "case":
        return Decimal(rng.randrange(150, 400, 10) * 12)
    return Decimal(1) if kind == "one" else None


def write(w: Writer, people: People, idea: Written, count: int, quota: Quota, rng, anchor):
    """The idea's benefits (if it is in rollout or later), costs, closing assessment and SEK per
    year."""
    benefits = []
    if idea.stage in ELIGIBLE:
        start = idea.entered(S.ROLLOUT)[0]
        benefits = [_benefit(w, people, idea, start, quota, rng, anchor) for _ in range(count)]
    costs = _costs(w, idea, rng, anchor)
    if idea.stage is S.REALISED:
        w.add(
            ClosingAssessment.__table__,
            {
                "idea_id": idea.id, "summary": "Nyttan är hemtagen och förvaltas i linjen.",
                "learnings": rng.choice(words.LEARNINGS),
                "keeper_id": owner_or_member(people, idea.unit_id, rng),
                "assessed_by_id": idea.owner_id, "at": idea.steps[-1].at - timedelta(hours=1),
            },
        )  # fmt: skip
    rollout = next((at.year for at in idea.entered(S.ROLLOUT)), None)
    for year, values in kept.year_rows(benefits, costs, HORIZON, rollout).items():
        w.add(IdeaYearFigure.__table__, {"idea_id": idea.id, "year": year, **values})


def _end(idea: Written, baseline: date, rng: random.Random, anchor: datetime):
    """The last day the benefit is measured, and whether it is closed then."""
    today = anchor.date() - timedelta(days=1)
    if idea.stage is S.REALISED:
        return idea.steps[-1].at.date() - timedelta(days=rng.randint(1, 15)), True
    if idea.stage is S.FOLLOW_UP and rng.random() < 0.25:
        since = idea.steps[-1].at.date()
        return since + timedelta(days=int((today - since).days * rng.random())), True
    if rng.random() < 0.2:  # overdue: the last measurement is a while ago
        lag = timedelta(days=rng.randint(40, 200))
        return max(today - lag, baseline + timedelta(days=(today - baseline).days // 2)), False
    return today, False


def _benefit(w: Writer, people: People, idea: Written, start: datetime, quota, rng, anchor):
    measure, kind, direction, (low, high), (f_low, f_high), price, title = rng.choice(
        words.INDICATORS
    )
    thing = rng.choice(words.THINGS)
    kind, direction = BenefitType(kind), Direction(direction)
    baseline_on = max((start - timedelta(days=rng.uniform(0, 120))).date(), idea.created_at.date())
    baseline = Decimal(rng.randint(low, high))
    dis = kind is BenefitType.QUALITY and rng.random() < 0.05  # a feared change
    factor = rng.uniform(1.05, 1.2) if dis else rng.uniform(f_low, f_high)
    target = (baseline * Decimal(str(round(factor, 3)))).quantize(CENT)
    target_on = baseline_on + timedelta(days=rng.randint(365, 900))
    end, closed = _end(idea, baseline_on, rng, anchor)
    end = max(end, baseline_on + timedelta(days=1))
    span = (end - baseline_on).days
    unmeasured = not closed and rng.random() < 0.08
    n = quota.take(rng, 0 if unmeasured else max(1, span // 3))
    interval = min(12, max(1, round(span / n / 30.4))) if n else rng.choice((1, 3, 6))
    owner = owner_or_member(people, idea.unit_id, rng)
    benefit_id = w.new_id(Benefit.__table__)
    interim = ()
    if rng.random() < 0.15:
        middle = baseline_on + timedelta(days=(target_on - baseline_on).days // 2)
        value = (baseline + (target - baseline) * Decimal("0.6")).quantize(CENT)
        interim = (calc.Point(middle, value),)
    sek = _sek(price, rng)
    plan = calc.Plan(
        baseline=calc.Point(baseline_on, baseline), target=calc.Point(target_on, target),
        direction=direction, interim=interim, attribution=Decimal(rng.choice((100, 100, 80, 50))),
        sek_per_unit=sek, type=kind, dis_benefit=dis,
    )  # fmt: skip
    rows = _readings(w, benefit_id, plan, n, span, owner, rng, anchor)
    readings = [calc.Reading(r["id"], r["on"], r["value"], r["corrects_id"]) for r in rows]
    if closed:
        dropped = rng.random() < 0.2 or not rows
        lifecycle = rng.choice((Lifecycle.EVAPORATED, Lifecycle.CANCELLED)) if dropped else None
        lifecycle = lifecycle or Lifecycle.REALISED
    else:
        lifecycle = Lifecycle.REALISING if rows else Lifecycle.PLANNED
    planned = kept.Planned(benefit_id, plan, readings, lifecycle, interval)
    created = datetime.combine(baseline_on, time(9)) - timedelta(days=rng.randint(0, 20))
    realised = lifecycle is Lifecycle.REALISED
    signer = idea.owner_id if idea.owner_id != owner else people.leaders[0]
    w.add(
        Benefit.__table__,
        {
            "id": benefit_id, "idea_id": idea.id, "title": title.format(thing=thing),
            "type": kind, "dis_benefit": dis, "stakeholder": rng.choice(list(Stakeholder)),
            "unit_id": idea.unit_id, "indicator": f"{measure.capitalize()}, {thing}",
            "measure": measure, "direction": direction,
            "method": "Uttag ur verksamhetssystemet.", "data_source": "Verksamhetssystemet",
            "baseline_value": baseline, "baseline_on": baseline_on, "target_value": target,
            "target_on": target_on, "confidence": rng.choice(list(Confidence)),
            "sek_per_unit": sek, "price_year": baseline_on.year if sek else None,
            "attribution": plan.attribution, "owner_id": owner,
            "strategic_goal_id": idea.goal_id, "interval_months": interval, "risks": "",
            "lifecycle": lifecycle,
            "closing_reason": "Verksamheten ändrades." if lifecycle.closed and not realised
            else "",
            "proposed_by_id": owner if realised else None,
            "signed_off_by_id": signer if realised else None,
            "signed_off_at": datetime.combine(end, time(14)) if realised else None,
            "created_at": created, "updated_at": rows[-1]["recorded_at"] if rows else created,
            "version": 1, **kept.benefit_figures(planned),
        },
    )  # fmt: skip
    for point in interim:
        w.add(
            InterimTarget.__table__,
            {"benefit_id": benefit_id, "on": point.on, "value": point.value},
        )
    for row in rows:
        w.add(Measurement.__table__, row)
    return planned


def _readings(w: Writer, benefit_id, plan: calc.Plan, n: int, span: int, owner, rng, anchor):
    """n measurement rows spread evenly after the baseline, heading for the target as well as
    this benefit manages (some overshoot, some lag); now and then one corrects the one before."""
    base, goal = plan.baseline.value, plan.target.value
    length = max((plan.target.on - plan.baseline.on).days, 1)
    performance, noise = rng.uniform(0.3, 1.2), float(abs(goal - base)) * 0.04
    rows: list[dict] = []
    for k in range(1, n + 1):
        if rows and rng.random() < 0.01:  # the one before was mistyped: this corrects it
            wrong = rows[-1]
            on, fixed = wrong["on"], wrong["value"]
            wrong["value"] = (fixed * Decimal("1.5")).quantize(CENT)
            corrects = wrong["id"]
        else:
            on = plan.baseline.on + timedelta(days=round(k * span / n))
            share = min(1.0, (on - plan.baseline.on).days / length) * performance
            value = float(base) + float(goal - base) * share + rng.gauss(0, noise)
            fixed, corrects = Decimal(str(round(max(value, 0.0), 2))), None
        recorded = min(datetime.combine(on, time(10)) + timedelta(days=rng.randint(0, 4)), anchor)
        rows.append(
            {
                "id": w.new_id(Measurement.__table__), "benefit_id": benefit_id, "on": on,
                "value": fixed, "comment": "", "data_source": "Verksamhetssystemet",
                "corrects_id": corrects,
                "recorded_by_id": owner, "recorded_at": recorded - timedelta(minutes=1),
            }
        )  # fmt: skip
    return rows


def _costs(w: Writer, idea: Written, rng: random.Random, anchor: datetime) -> list[calc.CostLine]:
    """The costs of an idea that was piloted or rolled out: internal time in its first year, and
    now and then a licence and a purchase; actual amounts for the years gone by."""
    entered = idea.entered(S.PILOT) + idea.entered(S.ROLLOUT)
    if not entered:
        return []
    year = min(entered).year
    one_off, running = CostKind.ONE_OFF, CostKind.RUNNING
    lines = [(one_off, CostCategory.INTERNAL_TIME, year, year, _money(20_000, 300_000, rng))]
    if rng.random() < 0.5:
        last = rng.choice((None, year + 1, year + 2, year + 3))
        lines.append((running, CostCategory.LICENCE, year, last, _money(10_000, 150_000, rng)))
    if rng.random() < 0.3:
        lines.append((one_off, CostCategory.PURCHASE, year, year, _money(5_000, 200_000, rng)))
    out = []
    for cost_kind, category, first, last, planned in lines:
        actual = None
        if first < anchor.year and rng.random() < 0.7:
            actual = (planned * Decimal(str(round(rng.uniform(0.8, 1.3), 2)))).quantize(CENT)
        last = None if cost_kind is CostKind.ONE_OFF else last
        row = w.add(
            Cost.__table__,
            {
                "idea_id": idea.id, "description": COST_NAMES[category], "kind": cost_kind,
                "category": category, "year_from": first, "year_to": last, "planned": planned,
                "actual": actual, "paid_by_id": idea.unit_id,
            },
        )  # fmt: skip
        out.append((first, row["id"], calc.CostLine(cost_kind, first, last, planned, actual)))
    return [line for *_, line in sorted(out, key=lambda t: (t[0], t[1]))]
