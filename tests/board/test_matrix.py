"""The prioritisation page: impact and effort of the screened and prioritised ideas.

The arithmetic and the geometry are tested without the app; the page for every role, its
filters and its notes through the test client; its SQL statements do not grow with the ideas.
"""

import re
from decimal import Decimal

import pytest
from sqlalchemy import event

from tests.factories import assess, make_idea, make_user
from tracker.auth.roles import Role
from tracker.board.matrix import (
    BOTTOM,
    LEFT,
    RIGHT,
    TOP,
    MatrixFilter,
    MatrixRow,
    by_priority,
    impact_and_effort,
    place,
    x_of,
    y_of,
)
from tracker.board.queries import MatrixIdea
from tracker.extensions import db
from tracker.ideas import services
from tracker.ideas.scoring import WeightedScore
from tracker.ideas.stages import Stage


def _scores(*triples) -> list[WeightedScore]:
    return [WeightedScore(value, Decimal(str(weight)), inv) for value, weight, inv in triples]


# The pure rule


def test_impact_and_effort_are_weighted_means_of_their_own_criteria():
    scores = _scores((4, 2, False), (1, 1, False), (5, 1, True), (3, 3, True))
    impact, effort = impact_and_effort(scores)
    assert impact == pytest.approx((4 * 2 + 1) / 3)
    assert effort == pytest.approx((5 + 3 * 3) / 4)


def test_equal_weights_give_the_plain_mean():
    assert impact_and_effort(_scores((2, 1, False), (5, 1, False), (4, 1, True))) == (3.5, 4.0)


def test_without_an_inverted_criterion_there_is_no_effort():
    assert impact_and_effort(_scores((4, 1, False), (2, 1, False))) == (3.0, None)


def test_without_a_normal_criterion_there_is_no_impact():
    assert impact_and_effort(_scores((2, 1.5, True))) == (None, 2.0)


def test_missing_scores_leave_both_sides_empty():
    assert impact_and_effort([]) == (None, None)


def test_a_score_without_weight_counts_for_nothing():
    scores = _scores((5, 0, False), (2, 1, False), (1, 0, True))
    assert impact_and_effort(scores) == (2.0, None)


def _row(idea_id, impact, effort, priority=50.0, title=None, stage=Stage.SCREENING):
    idea = MatrixIdea(idea_id, title or f"Idea {idea_id}", stage, "Unit", priority, True)
    return MatrixRow(idea, impact, effort)


def test_low_effort_is_left_and_high_impact_is_up():
    assert x_of(1) < x_of(3) < x_of(5)
    assert y_of(5) < y_of(3) < y_of(1)  # SVG's y grows downwards


def test_a_lone_point_sits_exactly_on_its_values():
    (point,) = place([_row(1, 4.0, 2.0)])
    assert (point.x, point.y) == (round(x_of(2.0), 1), round(y_of(4.0), 1))


def test_points_on_the_same_spot_fan_out_so_each_stays_clickable():
    rows = [_row(i, 3.0, 3.0) for i in range(1, 13)]
    points = place(rows)
    spots = {(p.x, p.y) for p in points}
    assert len(spots) == 12
    for a in points:
        for b in points:
            if a is not b:
                assert (a.x - b.x) ** 2 + (a.y - b.y) ** 2 >= 6**2  # at least a marker apart
    assert place(list(reversed(rows))) == sorted(points, key=lambda p: p.row.idea.id)


def test_ideas_without_both_values_are_not_placed():
    assert place([_row(1, 3.0, None), _row(2, None, 2.0)]) == []


def test_rows_are_sorted_by_priority_with_unscored_last():
    rows = [_row(1, 3, 3, None, "A"), _row(2, 3, 3, 40.0, "B"), _row(3, 3, 3, 80.0, "C")]
    assert [r.idea.id for r in by_priority(rows)] == [3, 2, 1]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, MatrixFilter()),
        ({"stage": "prioritised", "unit": "7"}, MatrixFilter(Stage.PRIORITISED, 7)),
        ({"stage": "pilot", "unit": "x"}, MatrixFilter()),  # not a matrix stage; not a number
        ({"stage": "nonsense", "unit": "12345678901"}, MatrixFilter()),
    ],
)
def test_the_filter_ignores_malformed_values(args, expected):
    assert MatrixFilter.from_args(args) == expected


# The page


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _scored(org, idea, benefit: int, feasibility: int, effort: int) -> None:
    """Assess with one score per criterion of the world: benefit (2), feasibility (1), effort."""
    benefit_c, feasibility_c, effort_c = org.criteria
    data = services.AssessmentInput(
        scores={benefit_c.id: benefit, feasibility_c.id: feasibility, effort_c.id: effort},
        strategic_goal_id=org.goal.id,
        rationale="Bra.",
    )
    services.assess_idea(idea, org.admin, data, version=None)


def _assessed(org, submitter, unit, title, stage=Stage.SCREENING, scores=(3, 3, 3)):
    # confidential, but for the own idea: who reads which one is what the tests below ask
    idea = make_idea(submitter, unit, Stage.SCREENING, title=title, confidential=True)
    _scored(org, idea, *scores)
    idea.stage = stage
    db.session.flush()
    return idea


def _ids(html: str) -> set[int]:
    return {int(i) for i in re.findall(r'href="/ideas/(\d+)"', html)}


@pytest.fixture
def ideas(world):
    """Assessed confidential ideas in both organisations, in several units and stages."""
    a, b = world.a, world.b
    colleague = make_user(a.org, a.home_care, Role.EMPLOYEE, "colleague@a.example.org")
    teacher = make_user(a.org, a.school, Role.EMPLOYEE, "teacher@a.example.org")
    made = {
        "own": _assessed(a, a.employee, a.home_care, "Own idea", scores=(5, 3, 1)),
        "colleague": _assessed(
            a, colleague, a.home_care, "Colleague idea", Stage.PRIORITISED, (2, 2, 4)
        ),
        "social": _assessed(a, a.manager, a.social, "Social idea", Stage.PRIORITISED),
        "school": _assessed(a, teacher, a.school, "School idea", scores=(4, 4, 2)),
        "pilot": _assessed(a, a.employee, a.home_care, "Pilot idea", Stage.PILOT),
        "other_org": _assessed(b, b.employee, b.home_care, "Other org idea"),
    }
    made["unassessed"] = make_idea(a.employee, a.home_care, Stage.SCREENING, title="Fresh idea")
    db.session.commit()
    return {name: idea.id for name, idea in made.items()}


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("employee", {"own"}),
        ("manager", {"own", "colleague", "social"}),
        ("school_manager", {"school"}),
        ("leader", {"own", "colleague", "social", "school"}),
        ("admin", {"own", "colleague", "social", "school"}),
    ],
)
def test_each_role_sees_only_the_assessed_ideas_it_may_read(world, ideas, login, role, visible):
    """Of the confidential ideas: the own, those in scope, all for leaders and admins."""
    response = login(getattr(world.a, role)).get("/board/matrix")
    assert response.status_code == 200
    assert _ids(response.get_data(as_text=True)) == {ideas[name] for name in visible}


def test_another_organisations_ideas_never_appear(world, ideas, login):
    html = login(world.b.leader).get("/board/matrix").get_data(as_text=True)
    assert _ids(html) == {ideas["other_org"]}
    html = login(world.a.admin).get(f"/board/matrix?unit={world.b.home_care.id}").text
    assert _ids(html) == set()


def test_the_chart_places_each_idea_with_its_values_and_the_table_matches(world, ideas, login):
    html = login(world.a.leader).get("/board/matrix").get_data(as_text=True)
    assert 'aria-labelledby="matrix-title" aria-describedby="matrix-desc"' in html
    # Own idea: impact (5*2 + 3) / 3 = 4.3, effort 1.0; the <title> names both.
    assert "<title>Own idea: impact 4.3, effort 1.0 (Screening)</title>" in html
    assert "<title>Colleague idea: impact 2.0, effort 4.0 (Prioritised)</title>" in html
    # Screening ideas are circles, prioritised ones diamonds (a path).
    own = html.split("<title>Own idea")[1].split("</a>")[0]
    colleague = html.split("<title>Colleague idea")[1].split("</a>")[0]
    assert '<circle class="marker"' in own and '<path class="marker"' in colleague
    table = html.split('<table class="matrix-table">')[1]
    order = [int(i) for i in re.findall(r'href="/ideas/(\d+)"', table)]
    assert order[0] == ideas["own"]  # the highest priority score first
    assert order[-1] == ideas["colleague"]
    assert ' style="' not in html  # the CSP forbids inline styles


def test_numbers_follow_the_locale(world, ideas, login):
    client = login(world.a.leader)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "sv"
    html = client.get("/board/matrix").get_data(as_text=True)
    assert '<td class="num">4,3</td>' in html


def test_ideas_without_an_assessment_are_left_out_and_counted(world, ideas, login):
    html = login(world.a.employee).get("/board/matrix").get_data(as_text=True)
    assert ideas["unassessed"] not in _ids(html)
    assert "1 idea in these stages has no assessment yet and is not shown." in html


def test_the_unit_filter_includes_the_sub_units(world, ideas, login):
    client = login(world.a.leader)
    html = client.get(f"/board/matrix?unit={world.a.social.id}").get_data(as_text=True)
    assert _ids(html) == {ideas["own"], ideas["colleague"], ideas["social"]}
    html = client.get(f"/board/matrix?unit={world.a.school.id}").get_data(as_text=True)
    assert _ids(html) == {ideas["school"]}


def test_the_stage_filter_keeps_one_stage(world, ideas, login):
    client = login(world.a.leader)
    html = client.get("/board/matrix?stage=prioritised").get_data(as_text=True)
    assert _ids(html) == {ideas["colleague"], ideas["social"]}
    assert '<option value="prioritised" selected>' in html
    html = client.get("/board/matrix?stage=pilot").get_data(as_text=True)  # ignored
    assert _ids(html) == {ideas["own"], ideas["colleague"], ideas["social"], ideas["school"]}


def test_without_an_effort_criterion_the_page_says_so_instead_of_drawing(world, ideas, login):
    world.a.criteria[2].inverted = False
    db.session.commit()
    html = login(world.a.leader).get("/board/matrix").get_data(as_text=True)
    assert "Your organisation has no effort criterion" in html
    assert '<svg class="matrix-chart"' not in html
    assert ideas["own"] in _ids(html)  # the table still lists the ideas


def test_an_idea_scored_before_the_effort_criterion_is_listed_but_not_drawn(world, login):
    a = world.a
    effort = a.criteria[2]
    effort.active = False
    db.session.flush()
    idea = make_idea(a.employee, a.home_care, Stage.SCREENING, title="Early idea")
    assess(idea, a.admin, 4)
    effort.active = True
    db.session.commit()
    html = login(a.leader).get("/board/matrix").get_data(as_text=True)
    assert "1 idea lacks an impact or an effort score and is only listed in the table." in html
    assert "<title>Early idea" not in html
    assert idea.id in _ids(html)


def test_no_matching_ideas_says_so(world, login):
    html = login(world.a.leader).get("/board/matrix").get_data(as_text=True)
    assert "No assessed ideas in screening or prioritised match the filter." in html


def test_the_main_menu_links_the_page_for_everyone_but_employees(world, login):
    assert 'href="/board/matrix"' in login(world.a.manager).get("/").get_data(as_text=True)
    assert 'href="/board/matrix"' not in login(world.a.employee).get("/").get_data(as_text=True)


def test_the_page_needs_a_login(client):
    response = client.get("/board/matrix")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def _statements(client, path: str) -> int:
    count = 0

    def counter(*args):
        nonlocal count
        count += 1

    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)
    return count


def _many(org, n: int) -> None:
    for i in range(n):
        stage = Stage.PRIORITISED if i % 2 else Stage.SCREENING
        _assessed(org, org.employee, org.home_care, f"Idea {i}", stage, (1 + i % 5, 3, 5 - i % 5))
        make_idea(org.employee, org.home_care, Stage.SCREENING, title=f"Unassessed {i}")
    db.session.commit()


@pytest.mark.parametrize("role", ["manager", "leader"])
def test_the_number_of_sql_statements_does_not_grow_with_the_ideas(world, login, role):
    client = login(getattr(world.a, role))
    path = f"/board/matrix?unit={world.a.social.id}&stage="
    _many(world.a, 3)
    few = _statements(client, path)
    _many(world.a, 27)
    many = _statements(client, path)
    assert many == few, (few, many)
    assert len(_ids(client.get(path).get_data(as_text=True))) == 30


def test_a_crowd_in_a_corner_stays_inside_the_plot():
    points = place([_row(i, 1.0, 5.0) for i in range(1, 41)])
    assert len({(p.x, p.y) for p in points}) == 40
    assert all(LEFT < p.x < RIGHT and TOP < p.y < BOTTOM for p in points)
