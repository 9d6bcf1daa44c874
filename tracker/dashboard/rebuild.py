"""The full recomputation of the dashboard's cells, behind `flask rebuild-aggregates`.

It reads the stage histories, the benefits with their measurements and the ideas' year figures,
computes every cell as the write path would have kept it, says which cells had drifted, and
writes the recomputed cells in their place.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import islice

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.orm import selectinload

from tracker.benefits import services
from tracker.benefits.models import YEAR_FIGURES, Benefit, BenefitSettings, IdeaYearFigure
from tracker.dashboard import keep, rules
from tracker.dashboard.models import (
    NONE,
    BenefitCell,
    BenefitKept,
    FlowCell,
    Segment,
    YearCell,
    rollup_keys,
)
from tracker.extensions import db
from tracker.ideas.models import Idea, StageChange

CHUNK = 2000
FLOW_KEY = ("segment_id", "metric", "stage", "period", "bucket")
YEAR_KEY = ("segment_id", "year")
BENEFIT_KEY = ("segment_id", "type", "status", "measure")


def batched(items, size: int):
    """`items` in lists of at most `size` (itertools.batched is Python 3.12)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass
class Rebuilt:
    """What the recomputation found: how many ideas and benefits it read, and which cells (by
    table) and idea segments differed from what was kept."""

    ideas: int = 0
    benefits: int = 0
    drifted: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(self.drifted.values())


class _Segments:
    """Segment ids by key, created when missing."""

    def __init__(self) -> None:
        rows = db.session.execute(
            select(
                Segment.organisation_id,
                Segment.unit_id,
                Segment.category_id,
                Segment.goal_id,
                Segment.id,
            )
        )
        self.ids = {tuple(r[:4]): r[4] for r in rows}

    def __call__(self, organisation_id, unit_id, category_id, goal_id) -> int:
        key = (organisation_id, unit_id, category_id or NONE, goal_id or NONE)
        if key not in self.ids:
            self.ids[key] = keep.segment_id(*key)
        return self.ids[key]

    def targets(self, segment: int) -> list[int]:
        """The fine segment and the sums it is added into, as keep.targets gives them."""
        if not hasattr(self, "_targets"):
            self._targets = {}
        if segment not in self._targets:
            self._keys = {v: k for k, v in self.ids.items()}
        if segment not in self._targets:
            organisation_id, *key = self._keys[segment]
            ids = []
            for unit, category, goal in rollup_keys(*key):
                full = (organisation_id, unit, category, goal)
                if full not in self.ids:
                    self.ids[full] = keep.segment_ids(organisation_id, [full[1:]])[0]
                ids.append(self.ids[full])
            self._targets[segment] = ids
        return self._targets[segment]

    def spread(self, cells: dict[tuple, object], add) -> dict[tuple, object]:
        """Cells keyed (fine segment, ...) added into every segment they count in."""
        out: dict[tuple, object] = {}
        for (segment, *rest), value in cells.items():
            for target in self.targets(segment):
                key = (target, *rest)
                out[key] = add(out[key], value) if key in out else value
        return out


def _flow(segment_of_idea: dict[int, int]) -> dict[tuple, int]:
    cells: dict[tuple, int] = defaultdict(int)
    rows = db.session.execute(
        select(StageChange.idea_id, StageChange.to_stage, StageChange.at).order_by(
            StageChange.idea_id, StageChange.at, StageChange.id
        )
    )
    current, changes = None, []

    def add(idea_id, changes):
        segment = segment_of_idea[idea_id]
        for key, n in rules.idea_flow(changes).items():
            cells[(segment, *key)] += n

    for idea_id, stage, at in rows.yield_per(10000):
        if idea_id != current:
            if changes:
                add(current, changes)
            current, changes = idea_id, []
        changes.append(rules.Change(stage, at))
    if changes:
        add(current, changes)
    return {k: n for k, n in cells.items() if n}


def _years(segment_of_idea: dict[int, int]) -> dict[tuple, dict]:
    cells: dict[tuple, dict] = {}
    columns = [getattr(IdeaYearFigure, n) for n in YEAR_FIGURES]
    rows = db.session.execute(select(IdeaYearFigure.idea_id, IdeaYearFigure.year, *columns))
    for idea_id, year, *values in rows.yield_per(10000):
        cell = cells.setdefault(
            (segment_of_idea[idea_id], year), dict.fromkeys(YEAR_FIGURES, Decimal(0))
        )
        for name, value in zip(YEAR_FIGURES, values, strict=True):
            cell[name] += Decimal(value)
    return {k: v for k, v in cells.items() if any(v.values())}


def _shares(ideas: dict[int, tuple], segments: _Segments, today: date) -> dict[int, keep.Share]:
    tolerance = {
        s.organisation_id: Decimal(s.tolerance) for s in db.session.scalars(select(BenefitSettings))
    }
    shares = {}
    held = {id(o) for o in db.session.identity_map.values()}
    ids = db.session.scalars(select(Benefit.id).order_by(Benefit.id)).all()
    for chunk in batched(ids, CHUNK):
        benefits = db.session.scalars(
            select(Benefit)
            .where(Benefit.id.in_(chunk))
            .options(selectinload(Benefit.interim_targets))
        ).all()
        readings = services.readings_by_benefit(chunk)
        for benefit in benefits:
            organisation_id, unit_id, category_id, goal_id = ideas[benefit.idea_id]
            segment = segments(
                organisation_id, unit_id, category_id, benefit.strategic_goal_id or goal_id
            )
            share = keep.share(
                benefit,
                segment,
                services.plan_of(benefit),
                readings.get(benefit.id, []),
                tolerance.get(organisation_id, Decimal("0.9")),
                today,
            )
            if share is not None:
                shares[benefit.id] = (organisation_id, share)
        for benefit in benefits:  # keep the memory flat; the caller's objects stay
            if id(benefit) not in held:
                db.session.expunge(benefit)
    return shares


def _kept(model, key: tuple[str, ...], values: tuple[str, ...]) -> dict[tuple, object]:
    columns = [getattr(model, n) for n in key + values]
    out = {}
    for row in db.session.execute(select(*columns)).yield_per(10000):
        vals = tuple(row[len(key) :])
        if any(vals):
            out[tuple(row[: len(key)])] = (
                vals[0] if len(vals) == 1 else tuple(Decimal(v) for v in vals)
            )
    return out


def _replace(model, key, values, cells: dict) -> None:
    db.session.execute(delete(model))
    rows = [
        dict(zip(key, k, strict=True))
        | dict(zip(values, v if isinstance(v, tuple) else (v,), strict=True))
        for k, v in cells.items()
    ]
    for chunk in batched(rows, 5000):
        db.session.execute(insert(model), chunk)


def rebuild_aggregates(today: date | None = None) -> Rebuilt:
    """Recompute every cell from the histories, benefits and year figures, compare with the kept
    ones, and write the recomputed cells. Flushes; the caller commits (or rolls back to only
    check)."""
    today = today or date.today()
    db.session.flush()
    segments = _Segments()
    ideas, kept_segment = {}, {}
    columns = (Idea.organisation_id, Idea.unit_id, Idea.category_id, Idea.strategic_goal_id)
    for idea_id, *key, kept in db.session.execute(select(Idea.id, *columns, Idea.segment_id)):
        ideas[idea_id], kept_segment[idea_id] = tuple(key), kept
    segment_of_idea = {i: segments(*key) for i, key in ideas.items()}
    shares = _shares(ideas, segments, today)
    flow = segments.spread(_flow(segment_of_idea), lambda a, b: a + b)
    fine_years = {k: tuple(v[n] for n in YEAR_FIGURES) for k, v in _years(segment_of_idea).items()}
    years = segments.spread(fine_years, _plus)
    benefit_cells: dict[tuple, list] = {}
    for _, share in shares.values():
        cell = benefit_cells.setdefault(
            (share.segment_id, share.type, share.status, share.measure), [0] + [Decimal(0)] * 4
        )
        cell[0] += 1
        for i, name in enumerate(keep.BENEFIT_SUMS, start=1):
            cell[i] += getattr(share, name)
    benefit_cells = segments.spread({k: tuple(v) for k, v in benefit_cells.items()}, _plus)
    benefit_sums = ("count", *keep.BENEFIT_SUMS)
    kept_benefit_cells = {
        k: (int(v[0]), *v[1:]) for k, v in _kept(BenefitCell, BENEFIT_KEY, benefit_sums).items()
    }
    kept_shares = {
        k.benefit_id: (
            k.organisation_id,
            keep.Share(**{n: getattr(k, n) for n in keep.Share.__dataclass_fields__}),
        )
        for k in db.session.scalars(select(BenefitKept))
    }
    result = Rebuilt(ideas=len(ideas), benefits=len(shares))
    result.drifted = {
        "segments": sum(1 for i, s in segment_of_idea.items() if kept_segment[i] != s),
        "flow": _drift(flow, _kept(FlowCell, FLOW_KEY, ("count",))),
        "years": _drift(years, _kept(YearCell, YEAR_KEY, YEAR_FIGURES)),
        "benefits": _drift(benefit_cells, kept_benefit_cells),
        "benefit_shares": _drift(shares, kept_shares),
    }
    moved = [
        {"b_id": i, "b_segment": s} for i, s in segment_of_idea.items() if kept_segment[i] != s
    ]
    table = Idea.__table__
    for chunk in batched(moved, 5000):
        db.session.execute(
            table.update()
            .where(table.c.id == bindparam("b_id"))
            .values(segment_id=bindparam("b_segment"), updated_at=table.c.updated_at),
            chunk,
        )
    _replace(FlowCell, FLOW_KEY, ("count",), flow)
    _replace(YearCell, YEAR_KEY, YEAR_FIGURES, years)
    _replace(BenefitCell, BENEFIT_KEY, benefit_sums, benefit_cells)
    db.session.execute(delete(BenefitKept))
    rows = [{"benefit_id": b, "organisation_id": o, **vars(s)} for b, (o, s) in shares.items()]
    for chunk in batched(rows, 5000):
        db.session.execute(insert(BenefitKept), chunk)
    db.session.flush()
    db.session.expire_all()
    return result


def _plus(a: tuple, b: tuple) -> tuple:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _drift(wanted: dict, kept: dict) -> int:
    """How many keys differ between the recomputed and the kept cells."""
    return sum(1 for k in set(wanted) | set(kept) if wanted.get(k) != kept.get(k))
