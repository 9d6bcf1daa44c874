"""The rows of a demo idea's benefits, costs and closing assessment, as benefit_history.py dated
them: written with the models directly, as the loader writes the stage changes (the services act
in the present; the demo writes the past), then with the figures the services keep computed as
they would compute them.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime

from sqlalchemy import update

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits.figures import refresh_figures, refresh_idea_figures
from tracker.benefits.models import (
    Benefit,
    ClosingAssessment,
    InterimTarget,
    Measurement,
    PlanChange,
)
from tracker.benefits.rules import Lifecycle
from tracker.costs.models import Cost
from tracker.demo.benefit_history import BenefitDates, final_plan
from tracker.demo.benefits import IdeaBenefits
from tracker.demo.history import DemoError, History
from tracker.demo.pilot_history import People
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage

S = Stage


def write(
    idea: Idea,
    past: History,
    spec: IdeaBenefits | None,
    people: People,
    manager: User,
    rng: random.Random,
    now: datetime,
) -> Counter[str]:
    """The rows of the idea's benefits, costs and closing assessment, with their kept figures;
    their counts."""
    counts: Counter[str] = Counter()
    if spec is None:
        return counts
    leader = next(u for u in people.users if u.role is Role.LEADER)
    for dates in past.benefits:
        benefit = _write_benefit(idea, dates, people, manager, leader, rng)
        counts[f"benefits ({benefit.lifecycle.value})"] += 1
        counts["measurements"] += len(dates.readings)
        counts["corrections"] += sum(r.wrong is not None for r in dates.readings)
        counts["plan changes"] += dates.changed_at is not None
    start = next((s.at for s in past.steps if s.stage is S.ROLLOUT), None)
    year = (start or min(b.identified_at for b in past.benefits)).year
    for cost in spec.costs:
        first, last = (year + offset if offset is not None else None for offset in cost.years)
        if cost.actual is not None and first > now.year:
            raise DemoError(f"{spec.title}: an actual cost in a future year.")
        db.session.add(
            Cost(
                idea_id=idea.id,
                description=cost.description,
                kind=cost.kind,
                category=cost.category,
                year_from=first,
                year_to=last,
                planned=cost.planned,
                actual=cost.actual,
                paid_by_id=idea.unit_id,
            )
        )
    counts["costs"] += len(spec.costs)
    if past.closing_at:
        if not (spec.texts.get("A") and spec.texts.get("L") and spec.keeper):
            raise DemoError(f"{spec.title}: a realised idea needs its closing assessment.")
        db.session.add(
            ClosingAssessment(
                idea_id=idea.id,
                summary=spec.texts["A"],
                learnings=spec.texts["L"],
                keeper_id=people.by_email(spec.keeper).id,
                assessed_by_id=manager.id,
                at=past.closing_at,
            )
        )
        counts["closing assessments"] += 1
    db.session.flush()
    refresh_idea_figures(idea)
    return counts


def _write_benefit(
    idea: Idea,
    dates: BenefitDates,
    people: People,
    manager: User,
    leader: User,
    rng: random.Random,
) -> Benefit:
    spec = dates.spec
    unit = people.unit(spec.unit) if spec.unit else idea.unit
    owner = people.by_email(spec.owner) if spec.owner else people.of_unit(unit, rng, manager)
    planned = dates.planned_at is not None
    baseline, target = final_plan(spec)
    realised = dates.lifecycle is Lifecycle.REALISED
    benefit = Benefit(
        idea_id=idea.id,
        title=spec.title,
        type=spec.type,
        dis_benefit=spec.dis_benefit,
        stakeholder=spec.stakeholder,
        unit_id=unit.id,
        indicator=spec.indicator,
        measure=spec.measure,
        direction=spec.direction,
        method=spec.method,
        data_source=spec.data_source,
        baseline_value=baseline if planned else None,
        baseline_on=dates.baseline_on,
        target_value=target if planned else None,
        target_on=dates.target_on,
        confidence=spec.confidence,
        sek_per_unit=spec.sek_per_unit,
        price_year=dates.planned_at.year if planned and spec.sek_per_unit else None,
        attribution=spec.attribution,
        owner_id=owner.id,
        strategic_goal_id=idea.strategic_goal_id,
        interval_months=spec.interval,
        risks=spec.risks,
        lifecycle=dates.lifecycle,
        closing_reason=spec.reason if dates.closed_at else "",
        proposed_by_id=owner.id if realised or dates.proposed_at else None,
        signed_off_by_id=(leader if owner is manager else manager).id if realised else None,
        signed_off_at=dates.closed_at if realised else None,
        created_at=dates.identified_at,
        updated_at=dates.identified_at,
        interim_targets=[InterimTarget(on=on, value=value) for on, value in dates.interim],
    )
    if dates.dropped and not spec.reason:
        raise DemoError(f"{spec.title}: a dropped benefit needs its reason.")
    db.session.add(benefit)
    db.session.flush()
    if spec.change:
        what, new, reason = spec.change
        old = spec.baseline if what == "baseline" else spec.target
        on = dates.baseline_on if what == "baseline" else dates.target_on
        db.session.add(
            PlanChange(
                benefit_id=benefit.id,
                what=what,
                old_value=old,
                old_on=on,
                new_value=new,
                new_on=on,
                reason=reason,
                actor_id=manager.id,
                at=dates.changed_at,
            )
        )
    for reading in dates.readings:
        row = Measurement(
            benefit_id=benefit.id,
            on=reading.on,
            value=reading.wrong if reading.wrong is not None else reading.value,
            comment="" if reading.wrong is not None else reading.comment,
            data_source=spec.data_source,
            recorded_by_id=owner.id,
            recorded_at=reading.recorded_at,
        )
        db.session.add(row)
        if reading.wrong is not None:
            db.session.flush()
            db.session.add(
                Measurement(
                    benefit_id=benefit.id,
                    on=reading.on,
                    value=reading.value,
                    comment=reading.comment,
                    data_source=spec.data_source,
                    corrects_id=row.id,
                    recorded_by_id=owner.id,
                    recorded_at=reading.corrected_at,
                )
            )
    db.session.flush()
    refresh_figures(benefit)
    # The figures are today's; the benefit last changed when its past says.
    db.session.execute(
        update(Benefit).where(Benefit.id == benefit.id).values(updated_at=dates.last_change)
    )
    return benefit
