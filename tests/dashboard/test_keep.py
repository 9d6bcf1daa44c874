"""The cells kept on write stay equal to a full recomputation, after any sequence of writes."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.benefit_factories import idea_with_benefit, measure
from tests.factories import assess, empty_tables, make_idea
from tests.factories import world as make_world
from tracker.board.services import move_card
from tracker.costs import services as cost_services
from tracker.costs.rules import CostCategory, CostKind
from tracker.dashboard import keep
from tracker.dashboard.models import BenefitKept
from tracker.dashboard.rebuild import rebuild_aggregates
from tracker.extensions import db
from tracker.ideas import services
from tracker.ideas.stages import BOARD, Stage
from tracker.refusals import Invalid, Refused

TODAY = date.today()
TARGETS = [s for s in Stage if s is not Stage.WITHDRAWN]

move = st.tuples(st.just("move"), st.integers(0, 2), st.sampled_from(TARGETS))
measurement = st.tuples(st.just("measure"), st.integers(0, 40), st.integers(0, 150))
cost = st.tuples(st.just("cost"), st.integers(0, 3), st.integers(0, 50_000))
drop_cost = st.tuples(st.just("drop_cost"), st.integers(0, 3), st.just(0))
edit = st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 2))
goal = st.tuples(st.just("goal"), st.integers(0, 2), st.just(0))
drop = st.tuples(st.just("drop"), st.integers(0, 3), st.integers(0, 1))  # this column or next
submit = st.tuples(st.just("submit"), st.integers(0, 2), st.integers(0, 1))
OPS = st.lists(st.one_of(move, measurement, cost, drop_cost, edit, goal, drop, submit), max_size=12)


def _apply(w, ideas, benefit, op) -> None:
    kind, i, n = op
    a = w.a
    idea = ideas[i % len(ideas)]
    try:
        if kind == "move":
            revisit = TODAY + timedelta(days=30) if n is Stage.PARKED else None
            services.move_idea(idea, a.admin, n, version=None, reason="Prov", revisit_on=revisit)
        elif kind == "measure":
            measure(benefit, a.employee, 20 - Decimal(n) / 10, on=TODAY - timedelta(days=i))
        elif kind == "cost":
            data = cost_services.CostInput(
                "Licens", CostKind.ONE_OFF, CostCategory.LICENCE, 2025 + i % 3, Decimal(n)
            )
            existing = cost_services.costs_of(benefit.idea)
            cost_services.save_cost(
                benefit.idea, a.manager, data, existing[0] if existing and i % 2 else None
            )
        elif kind == "drop_cost" and (existing := cost_services.costs_of(benefit.idea)):
            cost_services.delete_cost(existing[i % len(existing)], a.manager)
        elif kind == "edit" and idea.stage is Stage.SUBMITTED:
            unit = (a.home_care, a.school, a.social)[n]
            text = services.IdeaText(
                title=idea.title,
                need=idea.need,
                proposal=idea.proposal,
                expected_benefit="",
                unit_id=unit.id,
                category_id=a.category.id if n % 2 else None,
                source=idea.source,
            )
            services.edit_idea(idea, idea.submitter, text, version=None)
        elif kind == "goal" and idea.stage in (Stage.SCREENING, Stage.PRIORITISED):
            assess(idea, a.admin)
        elif kind == "drop" and idea.stage in BOARD[:-1]:
            idea.owner_id = idea.owner_id or a.admin.id  # as "I am responsible" does
            target = BOARD[BOARD.index(idea.stage) + n]
            move_card(idea, a.admin, target, version=idea.version, above_id=None, below_id=None)
        elif kind == "submit":
            unit = (a.home_care, a.school, a.social)[i]
            text = services.IdeaText(
                title="Ny idé",
                need="Behov",
                proposal="Förslag",
                expected_benefit="",
                unit_id=unit.id,
                category_id=a.category.id if n else None,
                tags=["prov"] if n else None,
            )
            ideas.append(services.submit_idea(a.employee, text))
        db.session.commit()
    except (Refused, Invalid):
        db.session.rollback()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=OPS)
def test_kept_cells_equal_a_full_recomputation(app, ctx, ops):
    empty_tables()
    w = make_world()
    ideas = [make_idea(w.a.employee), make_idea(w.b.employee, title="Annan kommun")]
    idea, benefit = idea_with_benefit(w.a)
    ideas.append(idea)
    rebuild_aggregates()  # the factories write some history directly
    db.session.commit()
    for op in ops:
        _apply(w, ideas, benefit, op)
    result = rebuild_aggregates()
    db.session.rollback()
    assert not result.changed, result.drifted


def test_a_rebuild_corrects_and_reports_drift(app, ctx):
    w = make_world()
    make_idea(w.a.employee)
    db.session.commit()
    assert not rebuild_aggregates().changed
    db.session.commit()
    services.submit_idea(w.a.employee, _text(w))  # kept on write: no drift
    keep.add_flow(_segment(w), {("in", "pilot", 20261, 0): 5})  # a cell gone wrong
    result = rebuild_aggregates()
    assert result.drifted["flow"] == 5  # the segment's cell and its four sums
    db.session.commit()
    assert not rebuild_aggregates().changed


def _text(w):
    return services.IdeaText(
        title="Idé",
        need="Behov",
        proposal="Förslag",
        expected_benefit="",
        unit_id=w.a.home_care.id,
        category_id=None,
    )


def _segment(w) -> int:
    return keep.segment_id(w.a.org.id, w.a.home_care.id, None, None)


@pytest.mark.parametrize("days_after_target", [0, 1])
def test_a_status_flips_when_the_target_date_passes(app, ctx, days_after_target):
    w = make_world()
    target = TODAY + timedelta(days=10)
    idea, benefit = idea_with_benefit(w.a, target_on=target)
    rebuild_aggregates()  # the factory writes some history directly
    db.session.commit()
    measure(benefit, w.a.employee, 19)  # 1 of 10 days gained: at risk before, missed after
    kept = db.session.get(BenefitKept, benefit.id)
    assert (kept.status, kept.status_after, kept.flips_on) == (
        "at_risk",
        "missed",
        target + timedelta(1),
    )
    flipped = keep.settle(w.a.org.id, target + timedelta(days=days_after_target))
    db.session.commit()
    assert flipped == days_after_target
    assert db.session.get(BenefitKept, benefit.id).status == (
        "missed" if days_after_target else "at_risk"
    )
    assert not rebuild_aggregates(today=target + timedelta(days=days_after_target)).changed
