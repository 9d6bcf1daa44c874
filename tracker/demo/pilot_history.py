"""The pilots and the rollout of a demo idea: dated along its history, then written as rows.

`schedule` dates them (pure Python), so that history.check can test every move against the
gates; `write` adds the rows of the models directly, as the loader does for the stage changes:
the services act in the present, the demo writes the past. The rows stay valid for the
services afterwards: an idea in pilot has one open pilot, its latest; an idea in rollout or
later has its rollout plan.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.demo.history import (
    ActivityPast,
    DemoError,
    History,
    PilotPast,
    RolloutPast,
    Step,
    UnitPast,
)
from tracker.demo.pilots import PilotSpec
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage
from tracker.orgs.models import Unit
from tracker.pilots.models import CriterionResult, Evaluation, Pilot, PilotCriterion, PilotExtension
from tracker.pilots.rules import Decision, UnitStatus
from tracker.rollouts.models import Activity, Rollout, RolloutUnit

S = Stage
DECISIONS = {
    S.ROLLOUT: Decision.SCALE_UP,
    S.PRIORITISED: Decision.PIVOT,
    S.SCREENING: Decision.PIVOT,
    S.STOPPED: Decision.STOP,
}
PAST_ROLLOUT = (S.FOLLOW_UP, S.REALISED)


def _moment(start: datetime, end: datetime, rng: random.Random, low=0.0, high=1.0) -> datetime:
    """A moment in office hours on a day between start and end, after start and not after end."""
    at = start + (end - start) * rng.uniform(low, high)
    at = at.replace(hour=rng.randint(7, 16), minute=rng.randint(0, 59), second=0, microsecond=0)
    if at <= start:  # earlier on the start's own day: the day after
        at += timedelta(days=1)
    return at if start < at <= end else end


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def visits(steps: list[Step]) -> list[tuple[Step, Step | None]]:
    """Each move into pilot with the move out of it; None while the idea is in its pilot."""
    pairs = zip(steps, [*steps[1:], None], strict=True)
    return [(step, following) for step, following in pairs if step.stage is S.PILOT]


def schedule(past: History, spec: PilotSpec | None, rng: random.Random, now: datetime) -> None:
    """One pilot per visit to the pilot stage, and a rollout from the first move into rollout."""
    rollout = next((s for s in past.steps if s.stage is S.ROLLOUT), None)
    if spec is None:
        if visits(past.steps) or rollout:
            raise DemoError("An idea that reaches the pilot stage or later needs pilot content.")
        return
    past.pilots = [_pilot(enter, leave, spec, rng, now) for enter, leave in visits(past.steps)]
    if rollout is not None:
        past.rollout = _rollout(past, spec, rollout.at, rng, now)
        past.rollout.activities = _activity_dates(past, past.rollout, spec, rng, now)


def _pilot(
    enter: Step, leave: Step | None, spec: PilotSpec, rng: random.Random, now: datetime
) -> PilotPast:
    """Planned with the move into pilot; evaluated when the idea leaves it, a scale-up a little
    before the rollout is planned. A running pilot ends in the future, unless it is overdue."""
    end = leave.at if leave else now
    starts_on = (enter.at + (end - enter.at) * rng.uniform(0, 0.08)).date()
    if leave is None:
        today = now.date()
        if spec.overdue:
            ends_on = max(starts_on, today - _days(rng, 6, 25))
            if ends_on >= today:
                raise DemoError(f"{spec.title}: the pilot is too young to be overdue.")
        else:
            ends_on = today + _days(rng, 14, 90)
        pilot = PilotPast(enter.at, starts_on, ends_on)
        if spec.text("X"):
            pilot.extension = _extension(pilot, rng, now)
        return pilot
    decision = DECISIONS[leave.stage]
    evaluated = leave.at
    if decision is Decision.SCALE_UP:
        evaluated = _moment(enter.at, leave.at, rng, 0.85, 0.97)
    ends_on = max(starts_on, (enter.at + (evaluated - enter.at) * rng.uniform(0.85, 1)).date())
    return PilotPast(enter.at, starts_on, ends_on, evaluated, decision)


def _extension(pilot: PilotPast, rng: random.Random, now: datetime) -> tuple[date, datetime]:
    """The end the pilot had before it was extended, and when it was extended."""
    previous = pilot.ends_on - _days(rng, 21, 42)
    if previous <= pilot.starts_on:
        raise DemoError("The pilot is too short to have been extended.")
    latest = min(datetime.combine(previous, time(12)), now - timedelta(days=1))
    if latest <= pilot.planned_at:
        raise DemoError("The pilot is too young to have been extended.")
    return previous, _moment(pilot.planned_at, latest, rng, 0.6)


def _rollout(
    past: History, spec: PilotSpec, planned: datetime, rng: random.Random, now: datetime
) -> RolloutPast:
    """Units done before the first move to follow-up (or the last, beyond the first unit);
    in a running rollout the first unit is done once the rollout is well under way."""
    if not spec.units:
        raise DemoError(f"{spec.title}: the rollout has no adopting units.")
    follow_ups = [s.at for s in past.steps if s.stage is S.FOLLOW_UP]
    final = past.steps[-1].stage
    today, yesterday = now.date(), max(planned, now - timedelta(days=1))
    units = []
    for i in range(len(spec.units)):
        status = _status(final, i, len(spec.units), bool(follow_ups), (now - planned).days)
        if status is UnitStatus.DONE:
            limit = (follow_ups[0] if i == 0 else follow_ups[-1]) if follow_ups else yesterday
            done = _moment(planned, limit, rng, 0.3, 0.95)
            starts = _moment(planned, done, rng, 0, 0.3).date()
            units.append(UnitPast(status, starts, done.date(), done, done))
        elif status is UnitStatus.IN_PROGRESS:
            started = _moment(planned, yesterday, rng, 0.1, 0.9)
            units.append(UnitPast(status, started.date(), today + _days(rng, 14, 90), started))
        else:
            starts = today + _days(rng, 7, 60)
            units.append(UnitPast(status, starts, starts + _days(rng, 30, 90), planned))
    return RolloutPast(planned, units)


def _status(final: Stage, i: int, n: int, followed_up: bool, days: int) -> UnitStatus:
    if final is S.REALISED or (final is S.FOLLOW_UP and (i < n - 1 or n < 3)):
        return UnitStatus.DONE
    if final is S.FOLLOW_UP:
        return UnitStatus.IN_PROGRESS
    if i == 0 and (followed_up or (n > 1 and days >= 30)):
        return UnitStatus.DONE
    return UnitStatus.IN_PROGRESS if i <= 1 else UnitStatus.PLANNED


def last_change(past: History) -> datetime:
    """The latest moment anything of the idea changed: a move, a pilot or a rollout unit."""
    moments = [past.steps[-1].at, past.assessed_at or past.steps[-1].at]
    moments += [p.evaluated_at for p in past.pilots if p.evaluated_at]
    moments += [p.extension[1] for p in past.pilots if p.extension]
    if past.rollout:
        moments += [u.updated_at for u in past.rollout.units]
        moments += [a.done_at for a in past.rollout.activities if a.done_at]
    return max(moments)


@dataclass
class People:
    """Who a demo organisation's pilots and rollouts may name."""

    users: list[User]
    units: dict[str, Unit]

    def by_email(self, email: str) -> User:
        for user in self.users:
            if user.email == email:
                return user
        raise DemoError(f"No demo person {email}")

    def of_unit(self, unit: Unit, rng: random.Random, fallback: User) -> User:
        """An employee of the unit or of its sub-units; else the manager nearest above it."""
        for match in (lambda u: u.unit is unit, lambda u: u.unit.parent is unit):
            employees = [u for u in self.users if u.role is Role.EMPLOYEE and match(u)]
            if employees:
                return rng.choice(employees)
        scope: Unit | None = unit
        while scope is not None:
            for user in self.users:
                if user.role is Role.MANAGER and user.unit is scope:
                    return user
            scope = scope.parent
        return fallback

    def unit(self, name: str) -> Unit:
        if name not in self.units:
            raise DemoError(f"No demo unit {name}")
        return self.units[name]


def write(
    idea: Idea,
    past: History,
    spec: PilotSpec | None,
    people: People,
    manager: User,
    rng: random.Random,
) -> Counter[str]:
    """The rows of the idea's pilots, evaluations and rollout; their counts."""
    counts: Counter[str] = Counter()
    if spec is None:
        return counts
    if past.pilots and (not spec.hypothesis or not 1 <= len(spec.criteria) <= 3):
        raise DemoError(f"{spec.title}: a pilot needs a hypothesis and 1–3 criteria.")
    leaves = [leave for _, leave in visits(past.steps)]
    for number, (pilot, leave) in enumerate(zip(past.pilots, leaves, strict=True), start=1):
        pivoted = pilot.decision is Decision.PIVOT
        unit = people.unit(spec.unit) if spec.unit else idea.unit
        row = Pilot(
            idea_id=idea.id,
            number=number,
            hypothesis=(spec.text("HP") if pivoted else "") or spec.hypothesis,
            unit_id=unit.id,
            owner_id=people.of_unit(unit, rng, manager).id,
            starts_on=pilot.starts_on,
            ends_on=pilot.ends_on,
            planned_by_id=manager.id,
            created_at=pilot.planned_at,
            criteria=[
                PilotCriterion(position=i, description=c.description, threshold=c.threshold)
                for i, c in enumerate(spec.criteria, start=1)
            ],
        )
        if pilot.extension:
            previous, at = pilot.extension
            row.extensions = [
                PilotExtension(
                    previous_end=previous,
                    new_end=pilot.ends_on,
                    reason=spec.text("X"),
                    actor_id=manager.id,
                    at=at,
                )
            ]
            counts["pilot extensions"] += 1
        if pilot.decision is not None and leave is not None:
            row.evaluation = _evaluation(row, pilot, leave, spec, manager)
            counts[f"evaluations ({pilot.decision.value})"] += 1
        db.session.add(row)
        counts["pilots"] += 1
    if past.rollout is not None:
        counts += _write_rollout(idea, past.rollout, spec, people, manager, rng)
    return counts


def _evaluation(
    row: Pilot, pilot: PilotPast, leave: Step, spec: PilotSpec, manager: User
) -> Evaluation:
    """The results of each criterion; the learnings and what changes as the move recorded them."""
    pivoted = pilot.decision is Decision.PIVOT
    results = [c.pivot_result if pivoted else c.result for c in spec.criteria]
    if any(r is None for r in results):
        raise DemoError(f"{spec.title}: a result is missing for the {pilot.decision} evaluation.")
    if pilot.decision is Decision.STOP:
        learnings = leave.reason  # the stop's reason is what was learned
    else:
        learnings = spec.text("LP" if pivoted else "L")
    if not learnings:
        raise DemoError(f"{spec.title}: the {pilot.decision} evaluation has no learnings.")
    return Evaluation(
        decision=pilot.decision,
        learnings=learnings,
        changes=leave.reason if pivoted else "",
        evaluator_id=manager.id,
        at=pilot.evaluated_at,
        results=[
            CriterionResult(criterion=criterion, outcome=outcome, evidence=evidence)
            for criterion, (outcome, evidence) in zip(row.criteria, results, strict=True)
        ],
    )


def _write_rollout(
    idea: Idea,
    plan: RolloutPast,
    spec: PilotSpec,
    people: People,
    manager: User,
    rng: random.Random,
) -> Counter[str]:
    rollout = Rollout(idea_id=idea.id, planned_by_id=manager.id, created_at=plan.planned_at)
    contacts = []
    for unit_spec, unit_past in zip(spec.units, plan.units, strict=True):
        unit = people.unit(unit_spec.unit)
        contact = (
            people.by_email(unit_spec.contact)
            if unit_spec.contact
            else people.of_unit(unit, rng, manager)
        )
        contacts.append(contact)
        rollout.units.append(
            RolloutUnit(
                unit_id=unit.id,
                status=unit_past.status,
                starts_on=unit_past.starts_on,
                ends_on=unit_past.ends_on,
                contact_id=contact.id,
                updated_at=unit_past.updated_at,
            )
        )
    owners = [manager, *contacts]
    rollout.activities = [
        Activity(
            description=activity.description,
            owner_id=(people.by_email(activity.owner) if activity.owner else rng.choice(owners)).id,
            due_on=dates.due_on,
            done=dates.done_at is not None,
            done_at=dates.done_at,
        )
        for activity, dates in zip(spec.activities, plan.activities, strict=True)
    ]
    db.session.add(rollout)
    counts = Counter({"rollouts": 1, "activities": len(rollout.activities)})
    counts.update(f"units ({u.status.value})" for u in rollout.units)
    counts["activities done"] += sum(a.done for a in rollout.activities)
    return counts


def _activity_dates(
    past: History, plan: RolloutPast, spec: PilotSpec, rng: random.Random, now: datetime
) -> list[ActivityPast]:
    """Due dates spread over the rollout. A finished rollout did them all; a running one did
    those already due, except the late ones, and has the rest ahead of it."""
    start = plan.planned_at
    follow_ups = [s.at for s in past.steps if s.stage is S.FOLLOW_UP]
    finished = past.steps[-1].stage in PAST_ROLLOUT
    end = follow_ups[-1] if finished else now + timedelta(days=75)
    today, rows = now.date(), []
    for i, activity in enumerate(spec.activities, start=1):
        due = (start + (end - start) * i / (len(spec.activities) + 1)).date()
        if activity.late:
            due = max(start.date() + timedelta(days=1), min(due, today - _days(rng, 4, 20)))
            if due >= today:
                raise DemoError(f"{spec.title}: the rollout is too young for a late activity.")
        done_at = None
        if due < today and not activity.late:
            done_at = _moment(start, min(datetime.combine(due, time(16)), now), rng, 0.6)
        rows.append(ActivityPast(due, done_at))
    return rows
