"""Drill-downs: each figure of the hand-worked fixture names exactly the ideas behind it."""

from datetime import date

import pytest
from sqlalchemy import select

from tests.dashboard.helpers import hand_fixture
from tracker.dashboard.drill import Figure, condition
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage as S
from tracker.orgs.models import StrategicGoal

pytestmark = (
    pytest.mark.kept_by_hand
)  # the hand-worked fixture writes history and year figures directly

TODAY = date(2026, 11, 25)


@pytest.fixture
def fixture(world):
    return hand_fixture(world)


def behind(world, fig: str, goal_id: int | None = None) -> set[str]:
    """The keys of the fixture's ideas (of organisation a) behind the figure `fig`."""
    figure = Figure.parse(fig)
    assert figure is not None, fig
    where = condition(figure, world.a.org.id, goal_id, TODAY)
    ids = db.session.scalars(
        select(Idea.id).where(Idea.organisation_id == world.a.org.id, where)
    ).all()
    return set(ids)


def keys(fixture, *names) -> set[int]:
    return {fixture[n].id for n in names}


@pytest.mark.parametrize(
    ("fig", "ideas"),
    [
        ("reached:screening", ("care", "school_declined", "care_stopped")),  # funnel: 3
        ("reached:pilot", ("care", "care_stopped")),
        ("reached:submitted:2026", ("school_new",)),
        ("reached:screening:2026", ()),
        ("reached:declined", ("school_declined",)),
        ("left:pilot", ("care", "care_stopped")),  # the 2 pilot stays of the lead times
        ("left:submitted:2025", ("care", "school_declined", "care_stopped")),
        ("left:follow_up", ()),
        ("entered:submitted:20251", ("care", "school_declined", "care_stopped")),  # started 3
        ("entered:submitted:20261", ("school_new",)),
        ("finished:20251", ("school_declined",)),
        ("finished:20252", ("care_stopped",)),
        ("stood:pilot:20251", ("care",)),
        ("stood:pilot:20252", ()),
        ("stood:rollout:20252", ("care",)),
        ("stood:follow_up:20264", ("care",)),
        ("stood:submitted:20261", ("school_new",)),
        ("year:2025", ("care", "care_stopped")),
        ("year:2026", ("care",)),
        ("year:2024", ()),
    ],
)
def test_idea_figures_name_their_ideas(world, fixture, fig, ideas):
    assert behind(world, fig) == keys(fixture, *ideas)


@pytest.mark.parametrize(
    ("fig", "ideas"),
    [
        ("status:on_track", ("care",)),
        ("status:not_measured", ("care",)),
        ("status:missed", ("care_stopped",)),
        ("status:achieved", ()),
        ("type:quality", ("care_stopped",)),
        ("type:financial", ("care",)),
        ("measure:NKI", ("care_stopped",)),
        ("measure:samtal per vecka", ()),  # the evaporated benefit is not counted
        ("overdue", ("care", "care_stopped")),
        ("counted", ("care", "care_stopped")),
        ("goal:0", ()),
    ],
)
def test_benefit_figures_name_ideas_with_such_a_counted_benefit(world, fixture, fig, ideas):
    assert behind(world, fig) == keys(fixture, *ideas)


def test_a_benefit_serves_its_own_goal_before_its_ideas(world, fixture):
    own = db.session.scalar(select(StrategicGoal.id).where(StrategicGoal.name == "Nöjda invånare"))
    assert fixture["care_stopped"].strategic_goal_id is None  # only its benefit names a goal
    assert behind(world, f"goal:{own}") == keys(fixture, "care_stopped")
    assert behind(world, f"goal:{world.a.goal.id}") == keys(fixture, "care")
    # the dashboard filtered by a goal counts the benefits serving it: so does the drill-down
    assert behind(world, "status:missed", goal_id=world.a.goal.id) == set()
    assert behind(world, "status:missed", goal_id=own) == keys(fixture, "care_stopped")


def test_a_units_row_is_the_unit_itself_not_its_sub_units(world, fixture):
    assert behind(world, f"unit:{world.a.social.id}") == keys(fixture, "care_stopped")
    assert behind(world, f"unit:{world.a.home_care.id}") == keys(fixture, "care")


@pytest.mark.parametrize(
    "text",
    [
        "reached:pilot",
        "reached:pilot:2025",
        "left:screening:2026",
        "entered:submitted:20253",
        "finished:20254",
        "stood:rollout:20251",
        "year:2026",
        "status:at_risk",
        "type:financial",
        "measure:timmar per månad",
        "overdue",
        "counted",
        "unit:12",
        "goal:0",
    ],
)
def test_a_figure_reads_back_as_it_was_written(text):
    assert Figure.parse(text).arg() == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "reached",
        "reached:nowhere",
        "reached:pilot:25",
        "reached:pilot:2025:1",
        "entered:submitted",
        "entered:submitted:20255",
        "entered:submitted:2025",
        "finished",
        "stood:pilot:abc",
        "year:0",
        "status:splendid",
        "type:",
        "measure:",
        "measure:" + "x" * 61,
        "overdue:1",
        "unit:-1",
        "goal:x",
        "drop table idea",
    ],
)
def test_a_malformed_figure_is_none(text):
    assert Figure.parse(text) is None


def test_stage_enum_is_kept():
    assert Figure.parse("stood:pilot:20251").stage is S.PILOT
