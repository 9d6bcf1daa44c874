"""The made-up past of a synthetic idea: the stages it went through and when. Pure Python.

Each path is drawn forward along the board, with the closing moves and the detours of the
transition table (a step back and forth again, a park and revival, a pivoted pilot), and every
step is checked against the table. Open ideas are dated back from the anchor, so that they stand
a plausible while in their stage; closed ideas are spread over the whole window.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from tracker.ideas.stages import BOARD, TRANSITIONS, Stage

S = Stage
WINDOW_DAYS = 5 * 365

# The stage an idea ends in, in plausible proportions (percent).
FINAL = {
    S.SUBMITTED: 14, S.SCREENING: 11, S.PRIORITISED: 8, S.PILOT: 4, S.ROLLOUT: 5,
    S.FOLLOW_UP: 5, S.REALISED: 6, S.DECLINED: 32, S.PARKED: 8, S.STOPPED: 4, S.WITHDRAWN: 3,
}  # fmt: skip
# Days spent in the stage before a move into each stage.
DAYS_BEFORE = {
    S.SUBMITTED: (3, 30), S.SCREENING: (2, 30), S.PRIORITISED: (7, 60), S.PILOT: (14, 90),
    S.ROLLOUT: (30, 150), S.FOLLOW_UP: (60, 180), S.REALISED: (150, 480), S.DECLINED: (3, 60),
    S.PARKED: (5, 60), S.STOPPED: (60, 150), S.WITHDRAWN: (1, 20),
}  # fmt: skip
DAYS_BACK = (5, 30)  # before a step back
DAYS_PIVOT = (30, 120)  # a pilot runs a while before it is evaluated and pivoted
DAYS_REVIVE = (60, 200)  # a parked idea waits for its revisit date
# How long an open idea has stood in its current stage.
DAYS_SINCE = {
    S.SUBMITTED: (1, 60), S.SCREENING: (3, 90), S.PRIORITISED: (5, 120), S.PILOT: (10, 150),
    S.ROLLOUT: (20, 240), S.FOLLOW_UP: (30, 365),
}  # fmt: skip
# Detours that come back to the stage they left: (at, the stages between, chance).
DETOURS = (
    (S.SCREENING, (S.SUBMITTED,), 0.04),  # sent back for more detail
    (S.SCREENING, (S.PARKED,), 0.05),  # parked, then revived
    (S.PRIORITISED, (S.SCREENING,), 0.08),  # screened again
    (S.PILOT, (S.PRIORITISED,), 0.08),  # pivoted, piloted again
    (S.PILOT, (S.SCREENING, S.PRIORITISED), 0.04),  # pivoted further back
    (S.ROLLOUT, (S.PRIORITISED,), 0.03),  # the rollout planned again
    (S.FOLLOW_UP, (S.ROLLOUT,), 0.05),  # the rollout taken up again
)
JUMP_CHANCE = 0.35  # rollout without a pilot
FORWARD = BOARD


@dataclass(frozen=True)
class Step:
    """One move: into `stage` at `at` (the first step has no source)."""

    source: Stage | None
    stage: Stage
    at: datetime


def draw_final(rng: random.Random) -> Stage:
    return rng.choices(list(FINAL), weights=list(FINAL.values()))[0]


def stages(final: Stage, rng: random.Random) -> list[Stage]:
    """The stages an idea passes through on its way to `final`, detours included."""
    if final is S.WITHDRAWN:
        return [S.SUBMITTED, S.WITHDRAWN]
    if final in (S.DECLINED, S.PARKED):
        last = rng.choices((S.SUBMITTED, S.SCREENING, S.PRIORITISED), weights=(35, 45, 20))[0]
        main = [*FORWARD[: FORWARD.index(last) + 1], final]
    elif final is S.STOPPED:
        main = [*FORWARD[: FORWARD.index(S.PILOT) + 1], final]
    else:
        main = list(FORWARD[: FORWARD.index(final) + 1])
    if S.ROLLOUT in main and rng.random() < JUMP_CHANCE:
        main.remove(S.PILOT)
    path: list[Stage] = []
    for stage in main:
        path.append(stage)
        for at, between, chance in DETOURS:
            if at is stage and rng.random() < chance:
                path += [*between, stage]
                break
    check(path)
    return path


def check(path: list[Stage]) -> None:
    """Every step of the path is a move of the transition table."""
    if path[0] is not S.SUBMITTED:
        raise ValueError(f"a path starts submitted, not {path[0]}")
    for source, target in pairwise(path):
        if (source, target) not in TRANSITIONS:
            raise ValueError(f"no move from {source} to {target} in {path}")


def _days(source: Stage, target: Stage, rng: random.Random) -> float:
    if source is S.PILOT and target in (S.SCREENING, S.PRIORITISED):
        low, high = DAYS_PIVOT
    elif source is S.PARKED:
        low, high = DAYS_REVIVE
    elif source in FORWARD and target in FORWARD and FORWARD.index(target) < FORWARD.index(source):
        low, high = DAYS_BACK
    else:
        low, high = DAYS_BEFORE[target]
    return rng.uniform(low, high)


def dated(path: list[Stage], rng: random.Random, anchor: datetime) -> list[Step]:
    """The path with a time for each move, all before `anchor`, strictly increasing."""
    gaps = [_days(a, b, rng) for a, b in pairwise(path)]
    window = float(WINDOW_DAYS)
    final = path[-1]
    if final in DAYS_SINCE:  # open: it has stood a while in its stage, up to now
        since = rng.uniform(*DAYS_SINCE[final])
        total = sum(gaps) + since
        scale = min(1.0, window / total)
        start = window - total * scale
    else:  # closed: anywhere in the window
        total = sum(gaps) + 1
        scale = min(1.0, window / total)
        start = rng.uniform(0, window - total * scale)
    first = anchor - timedelta(days=window) + timedelta(days=start)
    times = [first]
    for gap in gaps:
        times.append(times[-1] + timedelta(days=gap * scale, hours=1))
    times = [t.replace(microsecond=0) for t in times]
    if times[-1] >= anchor:
        shift = times[-1] - anchor + timedelta(hours=1)
        times = [t - shift for t in times]
    sources = [None, *path[:-1]]
    return [Step(s, t, at) for s, t, at in zip(sources, path, times, strict=True)]


def revisit_on(moved: datetime, rng: random.Random) -> date:
    """A parked idea's revisit date, after the day it was parked."""
    return moved.date() + timedelta(days=rng.randint(30, 365))
