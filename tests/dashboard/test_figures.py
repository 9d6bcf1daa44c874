"""Every dashboard figure against the hand-worked fixture of helpers.hand_fixture."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.dashboard.helpers import hand_fixture
from tracker.dashboard import queries
from tracker.dashboard.queries import DashFilter
from tracker.extensions import db
from tracker.ideas.stages import Stage as S
from tracker.orgs.models import StrategicGoal

pytestmark = (
    pytest.mark.kept_by_hand
)  # the hand-worked fixture writes history and year figures directly

TODAY = date(2026, 11, 25)


@pytest.fixture
def fixture(world):
    return hand_fixture(world)


def flow(world, **f):
    return queries.flow(world.a.org.id, DashFilter(**f), TODAY)


def test_funnel_counts_reached_stages_and_conversion(world, fixture):
    funnel = flow(world).funnel
    assert funnel.reached == {
        S.SUBMITTED: 4,
        S.SCREENING: 3,
        S.PRIORITISED: 2,
        S.PILOT: 2,
        S.ROLLOUT: 1,
        S.FOLLOW_UP: 1,
        S.DECLINED: 1,
        S.STOPPED: 1,
    }
    assert funnel.conversion(S.SUBMITTED) == Decimal("0.75")
    assert funnel.conversion(S.PILOT) == Decimal("0.5")
    assert funnel.conversion(S.FOLLOW_UP) == 0  # none of the 1 reached realised
    now = {stage: n for stage, n in funnel.now.items() if n}
    assert now == {S.SUBMITTED: 1, S.FOLLOW_UP: 1, S.DECLINED: 1, S.STOPPED: 1}


def test_conversion_of_a_stage_nobody_reached_is_none(world, fixture):
    assert flow(world).funnel.conversion(S.REALISED) is None


def test_lead_times_are_nearest_rank_percentiles_of_finished_stays(world, fixture):
    lead = flow(world).lead_times
    assert lead[S.SUBMITTED] == (4, 10, 3)  # stays 2, 4, 10
    assert lead[S.SCREENING] == (20, 30, 3)  # 5, 20, 30
    assert lead[S.PRIORITISED] == (10, 10, 2)
    assert lead[S.PILOT] == (30, 91, 2)  # 30 and 90 days, 90 kept as 13 weeks
    assert lead[S.ROLLOUT] == (35, 35, 1)  # 32 days, kept as 5 weeks
    assert S.FOLLOW_UP not in lead  # still there: no finished stay


def test_flow_per_quarter(world, fixture):
    f = flow(world)
    started = dict(zip(f.quarters, f.started, strict=True))
    finished = dict(zip(f.quarters, f.finished, strict=True))
    assert f.quarters[0] == 20251 and f.quarters[-1] == 20264
    assert started[20251] == 3 and started[20261] == 1 and sum(started.values()) == 4
    assert finished == {q: 0 for q in f.quarters} | {20251: 1, 20252: 1}


def test_cumulative_flow(world, fixture):
    f = flow(world)
    at = {q: i for i, q in enumerate(f.quarters)}
    assert f.in_stage["pilot"][at[20251]] == 1  # care entered 1 March
    assert f.in_stage["pilot"][at[20252]] == 0  # care to rollout, care_stopped stopped
    assert f.in_stage["submitted"][at[20261]] == 1
    assert f.in_stage["follow_up"][at[20264]] == 1


def test_year_filter_takes_the_ideas_submitted_that_year(world, fixture):
    f = flow(world, year=2026)
    assert f.funnel.reached == {S.SUBMITTED: 1}
    assert f.quarters == [20261, 20262, 20263, 20264]
    assert f.lead_times == {}


def test_unit_filter_takes_sub_units(world, fixture):
    social = flow(world, unit_id=world.a.social.id).funnel.reached
    assert social[S.SUBMITTED] == 2  # home care is under social
    school = flow(world, unit_id=world.a.school.id).funnel.reached
    assert school == {S.SUBMITTED: 2, S.SCREENING: 1, S.DECLINED: 1}


def test_category_and_goal_filters(world, fixture):
    by_category = flow(world, category_id=world.a.category.id).funnel.reached
    assert by_category[S.SUBMITTED] == 2
    assert flow(world, goal_id=world.a.goal.id).funnel.reached[S.SUBMITTED] == 1


def test_portfolio_adds_year_figures_and_nets(world, fixture):
    rows = queries.portfolio(world.a.org.id, DashFilter())
    assert [r.year for r in rows] == [2025, 2026]
    y2025 = rows[0]
    assert (y2025.planned_sek, y2025.realised_sek) == (1000, 400)
    assert (y2025.cash_sek, y2025.non_cash_sek) == (100, 300)
    assert (y2025.planned_cost, y2025.actual_cost) == (350, 420)
    assert (y2025.planned_net, y2025.net) == (650, -20)
    assert rows[1].planned_net == 1900


def test_portfolio_filters(world, fixture):
    only_school = queries.portfolio(world.a.org.id, DashFilter(unit_id=world.a.school.id))
    assert only_school == []
    in_2026 = queries.portfolio(world.a.org.id, DashFilter(year=2026))
    assert [r.year for r in in_2026] == [2026]
    goal = queries.portfolio(world.a.org.id, DashFilter(goal_id=world.a.goal.id))
    assert sum(r.planned_cost for r in goal) == 400  # care only


def test_other_organisation_never_counts(world, fixture):
    b = queries.flow(world.b.org.id, DashFilter(), TODAY).funnel.reached
    assert b == {S.SUBMITTED: 1, S.SCREENING: 1}
    a_money = queries.portfolio(world.a.org.id, DashFilter())
    assert all(r.planned_sek < 99999 for r in a_money)
    # A unit of b in a's filter finds nothing of a or b.
    assert flow(world, unit_id=world.b.social.id).funnel.reached == {}


def test_longest_standing_lists_ideas_on_their_way_oldest_first(world, fixture):
    longest = queries.longest_standing(world.a.org.id, DashFilter())
    assert [i.title for i in longest] == ["Digitala inköp", "Ny idé"]
    school = queries.longest_standing(world.a.org.id, DashFilter(unit_id=world.a.school.id))
    assert [i.title for i in school] == ["Ny idé"]


def test_tracking_status_counts(world, fixture):
    statuses = queries.benefits(world.a.org.id, DashFilter()).statuses
    assert {s.value: n for s, n in statuses.items() if n} == {
        "on_track": 1,
        "not_measured": 1,
        "missed": 1,
    }


def money(total):
    return (total.count, total.planned, total.realised)


def test_realised_against_planned_by_type_goal_and_unit(world, fixture):
    b = queries.benefits(world.a.org.id, DashFilter())
    by_type = {t.value: money(m) for t, m in b.by_type.items()}
    assert by_type == {
        "financial": (1, 60000, 30000),
        "reallocation": (1, 0, 0),
        "quality": (1, 0, 0),
    }
    other_goal = fixture_goal(world)
    assert {g: money(m) for g, m in b.by_goal.items()} == {
        world.a.goal.id: (2, 60000, 30000),  # savings and hours take their idea's goal
        other_goal: (1, 0, 0),
    }
    assert {u: money(m) for u, m in b.by_unit.items()} == {
        world.a.home_care.id: (2, 60000, 30000),
        world.a.social.id: (1, 0, 0),
    }


def test_indicators_are_added_only_within_their_own_unit(world, fixture):
    b = queries.benefits(world.a.org.id, DashFilter())
    assert {m: money(t) for m, t in b.by_measure.items()} == {
        "timmar per månad": (1, 100, 0),
        "NKI": (1, 10, 2),
    }  # the SEK benefit is counted in kronor, not in "kr per år"


def test_benefit_figures_follow_the_filters(world, fixture):
    school = queries.benefits(world.a.org.id, DashFilter(unit_id=world.a.school.id))
    assert school.total == 0 and not school.by_goal
    social = queries.benefits(world.a.org.id, DashFilter(unit_id=world.a.social.id))
    assert social.total == 3  # home care is under social
    goal = queries.benefits(world.a.org.id, DashFilter(goal_id=fixture_goal(world)))
    assert {s.value: n for s, n in goal.statuses.items() if n} == {"missed": 1}
    both = queries.benefits(
        world.a.org.id, DashFilter(unit_id=world.a.social.id, category_id=world.a.category.id)
    )
    assert {u: money(m) for u, m in both.by_unit.items()} == {
        world.a.home_care.id: (2, 60000, 30000)
    }


def test_overdue_follow_ups_oldest_first(world, fixture):
    count, rows = queries.overdue(world.a.org.id, DashFilter(), TODAY)
    assert count == 3
    assert [b.title for b in rows] == ["Frigjord tid", "Nöjdhet", "Lägre portokostnad"]
    count, rows = queries.overdue(world.a.org.id, DashFilter(), date(2026, 2, 1))
    assert [b.title for b in rows] == ["Frigjord tid"]
    assert queries.overdue(world.a.org.id, DashFilter(unit_id=world.a.school.id), TODAY)[0] == 0
    assert queries.overdue(world.b.org.id, DashFilter(), TODAY) == (0, [])


def fixture_goal(world) -> int:
    return db.session.scalar(select(StrategicGoal.id).where(StrategicGoal.name == "Nöjda invånare"))
