"""The impact/effort matrix of screened and prioritised ideas: a server-drawn SVG and its table.

The arithmetic and the geometry are pure functions; the route reads with a constant number of
selects (tracker/board/queries.py) and renders templates/board/matrix.html.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from flask import render_template, request
from flask_login import current_user

from tracker.board import bp, queries
from tracker.ideas.scoring import SCALE_MAX, SCALE_MIN, WeightedScore
from tracker.ideas.stages import Stage
from tracker.orgs.scope import unit_choices
from tracker.web import int_arg

MATRIX_STAGES = (Stage.SCREENING, Stage.PRIORITISED)
MIDPOINT = (SCALE_MIN + SCALE_MAX) / 2


def impact_and_effort(scores: Iterable[WeightedScore]) -> tuple[float | None, float | None]:
    """Impact is the weighted mean of the scores on normal criteria, effort the weighted mean of
    the scores on inverted criteria (effort), both on the 1-5 scale.

    A score without weight counts for nothing; a side with no weighted score is None.
    """
    sums = {False: [Decimal(0), Decimal(0)], True: [Decimal(0), Decimal(0)]}
    for score in scores:
        if score.weight > 0:
            side = sums[bool(score.inverted)]
            side[0] += score.weight * score.value
            side[1] += score.weight
    impact, effort = (
        float(total / weight) if weight else None for total, weight in (sums[False], sums[True])
    )
    return impact, effort


@dataclass(frozen=True)
class MatrixRow:
    idea: queries.MatrixIdea
    impact: float | None
    effort: float | None

    @property
    def placed(self) -> bool:
        return self.impact is not None and self.effort is not None


def by_priority(rows: Iterable[MatrixRow]) -> list[MatrixRow]:
    """Highest priority score first; ideas without a score last; then by title."""
    return sorted(
        rows,
        key=lambda r: (r.idea.priority is None, -(r.idea.priority or 0), r.idea.title.casefold()),
    )


# The drawing, in SVG user units: the plot area inside the view box, with room for the axes.
WIDTH, HEIGHT = 640, 500
LEFT, RIGHT, TOP, BOTTOM = 80, 624, 16, 428
INSET = 18  # keeps a point on 1 or 5 off the frame
SPREAD = 9  # distance between points fanned out from one spot
MARKER = 8  # a marker's half width
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def x_of(effort: float) -> float:
    """Low effort left, high effort right."""
    share = (effort - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
    return LEFT + INSET + share * (RIGHT - LEFT - 2 * INSET)


def y_of(impact: float) -> float:
    """Low impact at the bottom, high impact at the top."""
    share = (impact - SCALE_MIN) / (SCALE_MAX - SCALE_MIN)
    return BOTTOM - INSET - share * (BOTTOM - TOP - 2 * INSET)


@dataclass(frozen=True)
class Point:
    row: MatrixRow
    x: float
    y: float


def place(rows: Iterable[MatrixRow]) -> list[Point]:
    """Each idea with an impact and an effort at its spot. Ideas on the same spot (within a
    marker's width) fan out in a small sunflower, in id order, so that each stays clickable."""
    spots: dict[tuple[int, int], list[MatrixRow]] = {}
    for row in sorted((r for r in rows if r.placed), key=lambda r: r.idea.id):
        x, y = x_of(row.effort), y_of(row.impact)
        spots.setdefault((round(x / SPREAD), round(y / SPREAD)), []).append(row)
    points = []
    for group in spots.values():
        reach = MARKER + (SPREAD * math.sqrt(len(group) - 0.5) if len(group) > 1 else 0.0)
        # A crowd near the frame moves inwards as a whole, so that it keeps its spacing.
        x0 = _within(x_of(group[0].effort), LEFT + reach, RIGHT - reach)
        y0 = _within(y_of(group[0].impact), TOP + reach, BOTTOM - reach)
        for i, row in enumerate(group):
            radius = SPREAD * math.sqrt(i + 0.5) if len(group) > 1 else 0.0
            x = x0 + radius * math.cos(i * GOLDEN_ANGLE)
            y = y0 + radius * math.sin(i * GOLDEN_ANGLE)
            points.append(Point(row, round(x, 1), round(y, 1)))
    return points


def _within(value: float, low: float, high: float) -> float:
    return (low + high) / 2 if low > high else min(max(value, low), high)


@dataclass(frozen=True)
class Chart:
    """What the template draws: the placed points and the frame, in SVG user units."""

    points: list[Point]
    ticks: tuple[int, ...] = tuple(range(SCALE_MIN, SCALE_MAX + 1))
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM
    mid_x: float = x_of(MIDPOINT)
    mid_y: float = y_of(MIDPOINT)
    x_of = staticmethod(x_of)
    y_of = staticmethod(y_of)


@dataclass(frozen=True)
class MatrixFilter:
    stage: Stage | None = None
    unit: int | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> MatrixFilter:
        """The filters from the query string; a malformed value is ignored, not an error."""
        stage = args.get("stage", "")
        return cls(
            stage=Stage(stage) if stage in {s.value for s in MATRIX_STAGES} else None,
            unit=int_arg("unit", args),
        )

    @property
    def stages(self) -> tuple[Stage, ...]:
        return (self.stage,) if self.stage else MATRIX_STAGES


@bp.get("/matrix")
def matrix():
    """The matrix and its table for the ideas the user may read."""
    f = MatrixFilter.from_args(request.args)
    data = queries.matrix_data(current_user, f.stages, f.unit)
    rows = by_priority(
        MatrixRow(idea, *impact_and_effort(data.scores.get(idea.id, ())))
        for idea in data.ideas
        if idea.assessed
    )
    return render_template(
        "board/matrix.html",
        filter=f,
        stages=MATRIX_STAGES,
        stage_choices=[(stage.value, stage.label) for stage in MATRIX_STAGES],
        units=unit_choices(current_user.organisation_id),
        rows=rows,
        chart=Chart(place(rows)) if data.has_effort_criterion else None,
        unassessed=sum(not idea.assessed for idea in data.ideas),
    )
