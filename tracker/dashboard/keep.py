"""Keeping the dashboard's cells on write: each write adds the difference it makes.

The handlers of dashboard/handlers.py call `count_new_idea` after a submission, `sync_idea`
after a move or an edit, `sync_benefit` after a benefit's figures were refreshed and
`add_year_changes` when an idea's year figures changed. Every cell is changed by adding to it (an
upsert), so two writers never overwrite each other's counts. The segments a write adds to are
looked up once a transaction (dashboard/lookups.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from tracker.benefits import calc, services
from tracker.benefits.models import YEAR_FIGURES, Benefit, IdeaYearFigure
from tracker.benefits.rules import DROPPED
from tracker.dashboard import rules
from tracker.dashboard.lookups import segment_id, targets
from tracker.dashboard.lookups import segment_ids as segment_ids  # rebuild.py finds it here
from tracker.dashboard.models import BenefitCell, BenefitKept, FlowCell, YearCell
from tracker.extensions import db
from tracker.ideas.models import Idea, StageChange
from tracker.locking import insert_for

BENEFIT_SUMS = ("planned_sek", "realised_sek", "planned_change", "realised_change")


_STATEMENTS: dict[tuple, object] = {}  # built once a process: building one costs a millisecond


def _upsert(model, keys: tuple[str, ...], sums: tuple[str, ...]):
    """INSERT ... ON CONFLICT (keys) DO UPDATE adding the sums, for this database."""
    cached = (model, db.session.get_bind().dialect.name, keys, sums)
    if cached not in _STATEMENTS:
        stmt = insert_for(model)
        _STATEMENTS[cached] = stmt.on_conflict_do_update(
            index_elements=list(keys),
            set_={name: getattr(model, name) + stmt.excluded[name] for name in sums},
        )
    return _STATEMENTS[cached]


def add_to(model, keys: tuple[str, ...], sums: tuple[str, ...], rows: list[dict]) -> None:
    """Add each row's sums to the cell of its keys, creating the cell when it is missing. Rows of
    the same cell are added up first (a share taken out of a cell and put back), and a cell
    that gains nothing is left alone."""
    merged: dict[tuple, dict] = {}
    for row in rows:
        key = tuple(row[k] for k in keys)
        if key in merged:
            merged[key] = merged[key] | {n: merged[key][n] + row[n] for n in sums}
        else:
            merged[key] = row
    # in the order of their keys: two writers lock the cells they share in the same order
    rows = sorted(
        (row for row in merged.values() if any(row[n] for n in sums)),
        key=lambda row: tuple((row[k] is None, row[k]) for k in keys),
    )
    if rows:
        db.session.execute(_upsert(model, keys, sums), rows)


def add_flow(segment: int, counts: Mapping[tuple, int]) -> None:
    rows = [
        {"segment_id": t, "metric": m, "stage": s, "period": p, "bucket": b, "count": n}
        for t in targets(segment)
        for (m, s, p, b), n in sorted(counts.items())
        if n
    ]
    add_to(FlowCell, ("segment_id", "metric", "stage", "period", "bucket"), ("count",), rows)


def add_years(segment: int, years: Mapping[int, Mapping[str, Decimal]], sign: int = 1) -> None:
    rows = [
        {"segment_id": t, "year": year, **{n: sign * values[n] for n in YEAR_FIGURES}}
        for t in targets(segment)
        for year, values in sorted(years.items())
    ]
    add_to(YearCell, ("segment_id", "year"), YEAR_FIGURES, rows)


def history(idea_id: int) -> list[tuple[int, rules.Change]]:
    rows = db.session.execute(
        select(StageChange.id, StageChange.to_stage, StageChange.at)
        .where(StageChange.idea_id == idea_id)
        .order_by(StageChange.at, StageChange.id)
    )
    return [(i, rules.Change(stage, at)) for i, stage, at in rows]


def _year_figures(idea_id: int) -> dict[int, dict[str, Decimal]]:
    rows = db.session.scalars(select(IdeaYearFigure).where(IdeaYearFigure.idea_id == idea_id))
    return {r.year: {n: Decimal(getattr(r, n)) for n in YEAR_FIGURES} for r in rows}


def sync_idea(idea: Idea, new_change: int | None = None) -> None:
    """Keep the cells of an idea after a write: a new history row (`new_change`) adds the
    difference it makes to the flow; a new unit, category or goal moves everything the idea
    counted (flow, year figures and benefits) to its new segment."""
    db.session.flush()
    segment = segment_of(idea)
    old = idea.segment_id
    rows = history(idea.id)
    after = rules.idea_flow(c for _, c in rows)
    if old == segment:
        before = rules.idea_flow(c for i, c in rows if i != new_change)
        add_flow(segment, rules.difference(after, before))
        return
    years = _year_figures(idea.id)
    if old is not None:
        before = rules.idea_flow(c for i, c in rows if i != new_change)
        add_flow(old, {k: -n for k, n in before.items()})
        add_years(old, years, sign=-1)
    add_flow(segment, after)
    add_years(segment, years)
    _set_segment(idea, segment)
    _resync_benefits(idea)


def _set_segment(idea: Idea, segment: int) -> None:
    """Kept data, not the idea's content: written around the ORM so the idea keeps its version."""
    db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values(segment_id=segment, updated_at=Idea.updated_at)  # not an edit: no onupdate
        .execution_options(synchronize_session=False)
    )
    set_committed_value(idea, "segment_id", segment)


def segment_of(idea: Idea) -> int:
    """The segment an idea's unit, category and goal put it in."""
    return segment_id(idea.organisation_id, idea.unit_id, idea.category_id, idea.strategic_goal_id)


def count_new_idea(idea: Idea, first: StageChange) -> None:
    """A new idea and its first history row, flushed: the idea gets its segment and the row's
    flow is added. A new idea has no year figures and no benefits yet."""
    segment = segment_of(idea)
    _set_segment(idea, segment)
    add_flow(segment, rules.idea_flow([rules.Change(first.to_stage, first.at)]))


def ensure_segment(idea: Idea) -> int:
    """The idea's segment, counting the idea in it first if it was never counted (an idea
    written outside the services, as the demo and the generator do before their rebuild)."""
    if idea.segment_id is None:
        sync_idea(idea)
    return idea.segment_id


def add_year_changes(idea: Idea, before: Mapping, after: Mapping) -> None:
    """The idea's year figures went from `before` to `after` ({year: {figure: kronor}}); an idea
    never counted is counted whole, its new figures included."""
    if idea.segment_id is None:
        sync_idea(idea)
        return
    zero = dict.fromkeys(YEAR_FIGURES, Decimal(0))
    delta = {}
    for year in set(before) | set(after):
        old, new = before.get(year, zero), after.get(year, zero)
        change = {n: Decimal(new[n]) - Decimal(old[n]) for n in YEAR_FIGURES}
        if any(change.values()):
            delta[year] = change
    if delta:
        add_years(idea.segment_id, delta)


# Benefits


@dataclass(frozen=True)
class Share:
    """What a benefit adds to its cell."""

    segment_id: int
    type: str
    status: str
    status_after: str
    flips_on: date | None
    due_on: date | None
    measure: str
    planned_sek: Decimal
    realised_sek: Decimal
    planned_change: Decimal
    realised_change: Decimal

    def cells(self, sign: int) -> list[dict]:
        """Its rows for BenefitCell: one in each segment it is added up into."""
        row = {"type": self.type, "status": self.status, "measure": self.measure, "count": sign}
        row |= {n: sign * getattr(self, n) for n in BENEFIT_SUMS}
        return [row | {"segment_id": t} for t in targets(self.segment_id)]


def share(benefit, segment: int, plan, readings, tolerance: Decimal, today: date) -> Share | None:
    """A planned benefit that is not dropped counts: its status today and after its target
    date, its SEK a year at target and realised, and its changes; None when it does not count."""
    if plan is None or benefit.lifecycle in DROPPED:
        return None
    before_target = calc.status(plan, readings, plan.target.on, tolerance).value
    after_target = calc.status(plan, readings, plan.target.on + timedelta(days=1), tolerance).value
    passed = today > plan.target.on
    realised = calc.realised_change(plan, readings) or calc.ZERO
    goal = calc.target_change(plan)
    return Share(
        segment_id=segment,
        type=benefit.type.value,
        status=after_target if passed else before_target,
        status_after=after_target,
        flips_on=None if passed or before_target == after_target else plan.target.on + timedelta(1),
        due_on=benefit.next_due_on,
        measure=benefit.measure,
        planned_sek=_cents(calc.annual_sek(plan, goal)),
        realised_sek=_cents(calc.annual_sek(plan, realised)),
        planned_change=goal.quantize(Decimal("0.0001")),
        realised_change=realised.quantize(Decimal("0.0001")),
    )


def _cents(amount: Decimal | None) -> Decimal:
    return calc.ZERO if amount is None else (amount + calc.ZERO).quantize(Decimal("0.01"))


def benefit_segment(benefit) -> int:
    idea = benefit.idea
    return segment_id(
        idea.organisation_id,
        idea.unit_id,
        idea.category_id,
        benefit.strategic_goal_id or idea.strategic_goal_id,
    )


def put_share(benefit_id: int, organisation_id: int, new: Share | None) -> None:
    """Take the benefit's kept share out of its cell and put `new` in."""
    kept = db.session.get(BenefitKept, benefit_id)
    old = None if kept is None else Share(**{f.name: getattr(kept, f.name) for f in fields(Share)})
    if old == new:
        return
    cells = [c for s, sign in ((old, -1), (new, 1)) if s is not None for c in s.cells(sign)]
    add_to(
        BenefitCell, ("segment_id", "type", "status", "measure"), ("count", *BENEFIT_SUMS), cells
    )
    if new is None:
        db.session.delete(kept)
    elif kept is None:
        db.session.add(
            BenefitKept(benefit_id=benefit_id, organisation_id=organisation_id, **vars(new))
        )
    else:
        for name, value in vars(new).items():
            setattr(kept, name, value)
    db.session.flush()


def sync_benefit(benefit, plan, readings, today: date | None = None) -> None:
    """Put the benefit's share, as its refreshed figures give it, in its cell."""
    idea = benefit.idea
    ensure_segment(idea)
    tolerance = Decimal(services.settings_for(idea.organisation_id).tolerance)
    new = share(benefit, benefit_segment(benefit), plan, readings, tolerance, today or date.today())
    put_share(benefit.id, idea.organisation_id, new)


def _resync_benefits(idea: Idea) -> None:
    benefits = db.session.scalars(select(Benefit).where(Benefit.idea_id == idea.id)).all()
    readings = services.readings_by_benefit(b.id for b in benefits)
    for benefit in benefits:
        sync_benefit(benefit, services.plan_of(benefit), readings.get(benefit.id, []))


def resync_organisation_benefits(organisation_id: int) -> None:
    """After the organisation's tolerance changed: every benefit's status again."""
    ideas = select(Idea.id).where(Idea.organisation_id == organisation_id)
    idea_ids = db.session.scalars(
        select(Benefit.idea_id).where(Benefit.idea_id.in_(ideas)).distinct()
    ).all()
    for idea in db.session.scalars(select(Idea).where(Idea.id.in_(idea_ids))):
        _resync_benefits(idea)


_SETTLED: dict[int, date] = {}  # per process: the day each organisation was last settled


def settle_once_a_day(organisation_id: int, today: date) -> int:
    """`settle`, skipped when this process already settled the organisation today: a status
    only flips when a day passes (a write computes it for its own day)."""
    if _SETTLED.get(organisation_id) == today:
        return 0
    flipped = settle(organisation_id, today)
    _SETTLED[organisation_id] = today
    return flipped


def settle(organisation_id: int, today: date) -> int:
    """Flip the statuses whose target date has passed since they were written (on track or at
    risk become missed, for instance); returns how many flipped. Safe to run twice at once:
    each flip is claimed by one conditional update."""
    due = db.session.scalars(
        select(BenefitKept).where(
            BenefitKept.organisation_id == organisation_id, BenefitKept.flips_on <= today
        )
    ).all()
    flipped = 0
    for kept in due:
        claimed = db.session.execute(
            update(BenefitKept)
            .where(BenefitKept.benefit_id == kept.benefit_id, BenefitKept.flips_on.is_not(None))
            .values(status=BenefitKept.status_after, flips_on=None)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not claimed:
            continue
        old = Share(**{f.name: getattr(kept, f.name) for f in fields(Share)})
        new = Share(**(vars(old) | {"status": kept.status_after, "flips_on": None}))
        cells = old.cells(-1) + new.cells(1)
        add_to(
            BenefitCell,
            ("segment_id", "type", "status", "measure"),
            ("count", *BENEFIT_SUMS),
            cells,
        )
        flipped += 1
    if due:
        db.session.expire_all()
    return flipped
