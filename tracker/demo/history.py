"""The made-up past of a demo idea: its path through the stages, the reasons and the dates.

Pure Python. The loader writes the rows directly, because the services work in the present
and the demo writes the past; so every step is checked here against the transition table and
against the gates, with the facts (assessment, pilots, rollout) as they stood at that moment.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise

from tracker.demo import content
from tracker.demo.content import IdeaSpec
from tracker.ideas.stages import BOARD, TRANSITIONS, IdeaFacts, Kind, MoveInput, Stage
from tracker.pilots.rules import Decision, UnitStatus

S = Stage
HISTORY_DAYS = 540  # the oldest idea is about 18 months old

# Days spent before a move into each stage, that is in the stage before it.
DAYS_BEFORE = {
    S.SCREENING: (2, 21),
    S.PRIORITISED: (7, 45),
    S.PILOT: (14, 60),
    S.ROLLOUT: (45, 120),
    S.FOLLOW_UP: (45, 120),
    S.REALISED: (60, 150),
    S.DECLINED: (3, 45),
    S.PARKED: (5, 45),
    S.STOPPED: (60, 120),
    S.WITHDRAWN: (1, 20),
}
DAYS_BEFORE_KIND = {Kind.BACK: (5, 30), Kind.REVIVE: (60, 150)}
DAYS_BEFORE_PIVOT = (30, 90)  # a pilot runs a while before it is evaluated and pivoted
# Days an idea has stood in its current stage, for the stages it has yet to leave.
DAYS_SINCE = {
    S.SUBMITTED: (1, 40),
    S.SCREENING: (3, 60),
    S.PRIORITISED: (5, 90),
    S.PILOT: (10, 100),
    S.ROLLOUT: (10, 120),
    S.FOLLOW_UP: (20, 150),
}
# Detours that come back to where they left: (from, via, chance). A pivot (pilot, prioritised,
# pilot) is no chance: it is taken by the ideas whose pilot content has one.
DETOURS = (
    (S.SCREENING, S.PARKED, 0.1),  # parked, then revived on its revisit date
    (S.PRIORITISED, S.SCREENING, 0.2),  # screened again
    (S.ROLLOUT, S.PRIORITISED, 0.1),  # a rollout planned again
    (S.FOLLOW_UP, S.ROLLOUT, 0.3),  # a rollout taken up again
)


class DemoError(Exception):
    """The demo content asks for something the rules do not allow."""


@dataclass
class Step:
    stage: Stage
    reason: str = ""
    at: datetime = datetime.min
    revisit_on: date | None = None


@dataclass
class PilotPast:
    """When a pilot was planned (with the move into pilot) and evaluated, and what it decided."""

    planned_at: datetime
    starts_on: date
    ends_on: date
    evaluated_at: datetime | None = None
    decision: Decision | None = None
    extension: tuple[date, datetime] | None = None  # the end before it was extended, and when


@dataclass
class UnitPast:
    """An adopting unit: its dates, its status today, and when it was marked done."""

    status: UnitStatus
    starts_on: date
    ends_on: date
    updated_at: datetime
    done_at: datetime | None = None


@dataclass
class ActivityPast:
    due_on: date
    done_at: datetime | None = None  # None: not done


@dataclass
class RolloutPast:
    planned_at: datetime  # with the first move into rollout
    units: list[UnitPast]
    activities: list[ActivityPast] = field(default_factory=list)


@dataclass
class BenefitPast:
    """When a benefit was identified, planned (None: not yet) and closed (None: still open)."""

    identified_at: datetime
    planned_at: datetime | None = None
    closed_at: datetime | None = None
    dropped: bool = False  # closed as evaporated or cancelled, not realised

    def planned_by(self, at: datetime) -> bool:
        """Planned at `at`, and not dropped by then."""
        if self.planned_at is None or self.planned_at > at:
            return False
        return not (self.dropped and self.closed_by(at))

    def closed_by(self, at: datetime) -> bool:
        return self.closed_at is not None and self.closed_at <= at


@dataclass
class History:
    steps: list[Step]
    assessed_at: datetime | None  # when the screening was recorded, if it was
    pilots: list[PilotPast] = field(default_factory=list)  # one per visit to the pilot stage
    rollout: RolloutPast | None = None
    benefits: list[BenefitPast] = field(default_factory=list)
    closing_at: datetime | None = None  # when the closing assessment was written

    @property
    def owned(self) -> bool:
        """A responsible manager took the idea: it reached screening."""
        return any(step.stage is S.SCREENING for step in self.steps)


def plan(spec: IdeaSpec, rng: random.Random, now: datetime, pivot: str = "") -> History:
    """A believable past that ends in the idea's stage, within the last 18 months before now.

    With `pivot`, what a pivot changes, a pilot of the idea is pivoted once and piloted again.
    """
    steps = _timed(_path(spec, rng, pivot), rng, now)
    return History(steps, _assessment_time(steps, spec.stage, rng, now))


def _path(spec: IdeaSpec, rng: random.Random, pivot: str = "") -> list[Step]:
    """Forward through the stages, with a jump past the pilot or a detour now and then."""
    final = spec.stage
    if final is S.WITHDRAWN:
        stages = [S.SUBMITTED, S.WITHDRAWN]
    elif final in BOARD:
        stages = list(BOARD[: BOARD.index(final) + 1])
        if final in (S.ROLLOUT, S.FOLLOW_UP, S.REALISED) and rng.random() < 0.3:
            stages.remove(S.PILOT)
    elif final is S.STOPPED:
        stages = [S.SUBMITTED, S.SCREENING, S.PRIORITISED, S.PILOT, S.STOPPED]
    else:  # declined or parked
        origin = rng.choice((S.SUBMITTED, S.SCREENING, S.SCREENING, S.PRIORITISED))
        stages = [*BOARD[: BOARD.index(origin) + 1], final]
    for stage, via, chance in DETOURS:
        if stage in stages and via is not final and rng.random() < chance:
            at = stages.index(stage) + 1
            stages[at:at] = [via, stage]
    if pivot and S.PILOT in stages:
        at = stages.index(S.PILOT) + 1
        stages[at:at] = [S.PRIORITISED, S.PILOT]
    steps = [Step(stages[0])]
    for i in range(1, len(stages)):
        final_move = i == len(stages) - 1
        reason = _reason(stages[:i], stages[i], final_move, spec, rng, pivot)
        steps.append(Step(stages[i], reason))
    return steps


def _reason(
    before: list[Stage],
    target: Stage,
    final_move: bool,
    spec: IdeaSpec,
    rng: random.Random,
    pivot: str = "",
) -> str:
    """The idea's own reason for its closing move; a typical one for a jump or a move back.

    A pivot's reason is what it changes, as when the evaluation moves the idea back."""
    source = before[-1]
    transition = TRANSITIONS.get((source, target))
    if transition is None:
        raise DemoError(f"{spec.title}: no move from {source} to {target}")
    if source is S.PILOT and transition.kind is Kind.BACK:
        return pivot
    if final_move and transition.kind in (Kind.CLOSE, Kind.WITHDRAW):
        return spec.reason
    if transition.kind is Kind.JUMP and target in before:  # a rollout taken up again
        return rng.choice(content.RESUMED_ROLLOUT_REASONS)
    if transition.kind is Kind.JUMP:
        return rng.choice(content.JUMP_REASONS)
    if transition.kind is Kind.BACK:
        return rng.choice(content.BACK_REASONS[(source, target)])
    if target is S.PARKED:
        return rng.choice(content.PARK_REASONS)
    return ""


def _timed(steps: list[Step], rng: random.Random, now: datetime) -> list[Step]:
    """Date the steps in office hours, whole days apart, the last one yesterday at the latest."""
    gaps = []
    for previous, step in pairwise(steps):
        kind = TRANSITIONS[(previous.stage, step.stage)].kind
        days = DAYS_BEFORE_KIND.get(kind, DAYS_BEFORE[step.stage])
        if previous.stage is S.PILOT and kind is Kind.BACK:
            days = DAYS_BEFORE_PIVOT
        gaps.append(rng.uniform(*days))
    final = steps[-1].stage
    if final in DAYS_SINCE:
        since = rng.uniform(*DAYS_SINCE[final])
    else:  # closed or realised, lately or long ago
        since = rng.uniform(5, max(6, HISTORY_DAYS - sum(gaps)))
    scale = min(1.0, HISTORY_DAYS / (sum(gaps) + since))
    days_ago = [round((sum(gaps) + since) * scale)]
    for gap in gaps:
        days_ago.append(days_ago[-1] - max(1, round(gap * scale)))
    lift = max(0, 1 - days_ago[-1])
    for step, ago in zip(steps, days_ago, strict=True):
        day = now - timedelta(days=ago + lift)
        step.at = day.replace(hour=rng.randint(6, 15), minute=rng.randint(0, 59), second=0)
    for step, following in zip(steps, [*steps[1:], None], strict=True):
        if step.stage is S.PARKED:  # revived on its revisit date, or due in the future
            revisit = following.at if following else now + timedelta(days=rng.randint(30, 240))
            step.revisit_on = revisit.date()
    return steps


def _assessment_time(
    steps: list[Step], final: Stage, rng: random.Random, now: datetime
) -> datetime | None:
    """The screening is recorded before the idea first leaves screening.

    Every idea that went on to prioritised has one; about half of those that stayed in
    screening, or were declined or parked from it, too, so that the matrix has their points.
    """
    for i, step in enumerate(steps):
        if step.stage is not S.SCREENING:
            continue
        following = steps[i + 1] if i + 1 < len(steps) else None
        must = any(s.stage is S.PRIORITISED for s in steps[i:])
        if must or (final in (S.SCREENING, S.DECLINED, S.PARKED) and rng.random() < 0.5):
            end = following.at if following else now
            return (step.at + (end - step.at) * rng.uniform(0.4, 0.9)).replace(microsecond=0)
        return None
    return None


def check(history: History, owner_id: int | None) -> None:
    """Every step is an allowed move, later than the one before, whose gates are met by the facts
    of that moment."""
    steps = history.steps
    if steps[0].stage is not S.SUBMITTED:
        raise DemoError("An idea starts as submitted.")
    for previous, step in pairwise(steps):
        transition = TRANSITIONS.get((previous.stage, step.stage))
        if transition is None:
            raise DemoError(f"No move from {previous.stage} to {step.stage}.")
        if not step.at > previous.at:
            raise DemoError(f"The move to {step.stage} is not after the one before it.")
        facts = facts_at(history, previous.stage, step.at, owner_id)
        move = MoveInput(step.reason, step.revisit_on, today=step.at.date())
        problems = [p for gate in transition.gates for p in gate(facts, move)]
        if problems:
            raise DemoError(f"{previous.stage} → {step.stage}: {[str(p) for p in problems]}")
    _check_pilots(history)


def facts_at(history: History, stage: Stage, at: datetime, owner_id: int | None) -> IdeaFacts:
    """What the gates knew of the idea at a move made at `at`: a plan, an evaluation or a unit
    done at that very moment counts, as when a service records it and moves the idea at once."""
    pilots = [p for p in history.pilots if p.planned_at <= at]
    latest = pilots[-1] if pilots else None
    evaluated = latest is not None and latest.evaluated_at is not None and latest.evaluated_at <= at
    rollout = history.rollout
    units = rollout.units if rollout is not None and rollout.planned_at <= at else []
    benefits = [b for b in history.benefits if b.identified_at <= at]
    closed = sum(b.closed_by(at) for b in benefits)
    return IdeaFacts(
        stage=stage,
        owner_id=owner_id,
        assessed=history.assessed_at is not None and history.assessed_at < at,
        open_pilot=latest is not None and not evaluated,
        decision=latest.decision if latest is not None and evaluated else None,
        rollout_units=len(units),
        units_done=sum(u.done_at is not None and u.done_at <= at for u in units),
        planned_benefits=sum(b.planned_by(at) for b in benefits),
        open_benefits=len(benefits) - closed,
        closed_benefits=closed,
        closing_assessed=history.closing_at is not None and history.closing_at <= at,
    )


def _check_pilots(history: History) -> None:
    """One pilot per visit to the pilot stage, planned with the move into it, running while
    the idea is in it and evaluated (if at all) before the idea leaves it."""
    visits = [
        (step, following)
        for step, following in zip(history.steps, [*history.steps[1:], None], strict=True)
        if step.stage is S.PILOT
    ]
    if len(visits) != len(history.pilots):
        raise DemoError(f"{len(visits)} visits to the pilot stage, {len(history.pilots)} pilots.")
    for (enter, leave), pilot in zip(visits, history.pilots, strict=True):
        if pilot.planned_at != enter.at or pilot.ends_on < pilot.starts_on:
            raise DemoError(f"The pilot planned at {pilot.planned_at} does not fit its visit.")
        if pilot.starts_on < enter.at.date() or (leave and pilot.starts_on > leave.at.date()):
            raise DemoError(f"The pilot planned at {pilot.planned_at} starts outside its visit.")
        if (pilot.evaluated_at is None) != (leave is None):
            raise DemoError(f"The pilot planned at {pilot.planned_at} is left unevaluated.")
        if pilot.evaluated_at and not enter.at < pilot.evaluated_at <= leave.at:
            raise DemoError(f"The pilot planned at {pilot.planned_at} is evaluated off its visit.")
