"""The dashboard's arithmetic: pure Python, no app, no database.

An idea's stage history is turned into counts (its contribution to the flow cells); the
dashboard adds the cells of the ideas in its filter and reads its figures off the sums. The
same functions serve the write path (a move adds the difference of an idea's contribution
before and after) and the full recomputation (`flask rebuild-aggregates`), so the two agree.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from tracker.ideas.stages import BOARD, Stage

# The metrics of a flow cell.
ENTERED = "in"  # entries into a stage, by quarter of entry
LEFT = "out"  # exits from a stage, by quarter of exit
REACHED = "reach"  # ideas that reached a stage (a board stage: or a later one), by submission year
STAY = "stay"  # finished stays in a stage, by year of exit and length bucket (days)

# Stages in which an idea has finished its way: the flow's "finished".
FINISHED = (Stage.REALISED, Stage.DECLINED, Stage.STOPPED, Stage.WITHDRAWN)


@dataclass(frozen=True)
class Change:
    """One row of an idea's stage history, as the dashboard reads it."""

    to_stage: Stage
    at: datetime


def quarter(day: date | datetime) -> int:
    """A quarter as one sortable number: 20263 is the third quarter of 2026."""
    return day.year * 10 + (day.month - 1) // 3 + 1


def next_quarter(period: int) -> int:
    year, q = divmod(period, 10)
    return period + 1 if q < 4 else (year + 1) * 10 + 1


def quarters(first: int, last: int) -> list[int]:
    """Every quarter from `first` to `last`, both included."""
    out = []
    while first <= last:
        out.append(first)
        first = next_quarter(first)
    return out


def bucket(days: int) -> int:
    """The length of a stay as kept: whole days up to a month, then rounded up to the week (up to
    half a year), to 30 days (up to two years) and to the year. Keeping lengths in buckets keeps
    the cells few; a percentile is read as "at most" its bucket."""
    if days <= 31:
        return max(days, 0)
    if days <= 182:
        return math.ceil(days / 7) * 7
    if days <= 730:
        return math.ceil(days / 30) * 30
    return math.ceil(days / 365) * 365


def idea_flow(changes: Iterable[Change]) -> Counter:
    """An idea's contribution to the flow cells, keyed (metric, stage, period, bucket).

    Every row enters a stage in its quarter; every row after the first also ends the stay in the
    stage before it (an exit in its quarter and a stay of its length, counted in the year it
    ended). The idea reaches each board stage up to the furthest it entered, counted in the year
    of its first row (its submission)."""
    changes = list(changes)
    counts: Counter = Counter()
    if not changes:
        return counts
    for before, after in zip([None, *changes], changes, strict=False):
        counts[(ENTERED, after.to_stage.value, quarter(after.at), 0)] += 1
        if before is not None:
            stage = before.to_stage.value
            counts[(LEFT, stage, quarter(after.at), 0)] += 1
            days = (after.at.date() - before.at.date()).days
            counts[(STAY, stage, after.at.year, bucket(days))] += 1
    furthest = max((BOARD.index(c.to_stage) for c in changes if c.to_stage in BOARD), default=-1)
    ended = {c.to_stage for c in changes if c.to_stage not in BOARD}
    for stage in [*BOARD[: furthest + 1], *sorted(ended)]:
        counts[(REACHED, stage.value, changes[0].at.year, 0)] += 1
    return counts


def difference(after: Mapping, before: Mapping) -> dict:
    """`after` minus `before`, key by key, without the keys that do not change."""
    keys = set(after) | set(before)
    out = {k: after.get(k, 0) - before.get(k, 0) for k in keys}
    return {k: v for k, v in out.items() if v}


def percentile(histogram: Mapping[int, int], share: float) -> int | None:
    """The nearest-rank percentile of lengths kept as {bucket: count}: the smallest bucket with at
    least `share` of the stays at or below it; None without stays."""
    total = sum(histogram.values())
    if total <= 0:
        return None
    rank = max(math.ceil(share * total), 1)
    seen = 0
    for length in sorted(histogram):
        seen += histogram[length]
        if seen >= rank:
            return length
    return max(histogram)


def in_stage_by_quarter(
    entered: Mapping[tuple[str, int], int], left: Mapping[tuple[str, int], int], periods: list[int]
) -> dict[str, list[int]]:
    """The cumulative flow: how many ideas stood in each stage at the end of each quarter, from
    the entries and exits per (stage, quarter). Quarters before the first one count too."""
    stages = {s for s, _ in entered} | {s for s, _ in left}
    out = {}
    for stage in stages:
        start = periods[0] if periods else 0
        level = sum(n for (s, p), n in entered.items() if s == stage and p < start) - sum(
            n for (s, p), n in left.items() if s == stage and p < start
        )
        row = []
        for period in periods:
            level += entered.get((stage, period), 0) - left.get((stage, period), 0)
            row.append(level)
        out[stage] = row
    return out
