"""Following a rollout: unit statuses, activities done, return paths, and access to every route."""

from datetime import timedelta

import pytest

from tests.factories import version_of
from tests.ideas.helpers import _flash, _login_next
from tests.pilot_factories import TODAY, in_rollout
from tests.pilots.helpers import rollout_plan, rollout_units, rollout_url, scaled_up, unchanged
from tracker.extensions import db
from tracker.pilots.rules import UnitStatus
from tracker.rollouts.models import Activity

# ---------------------------------------------------------------- a unit's status


def _status(row_id: int) -> str:
    return f"/rollout-units/{row_id}/status"


def _single_unit(org, contact=None):
    """An idea in rollout with one adopting unit (home care), and that unit's row id."""
    idea = in_rollout(org, units=[(org.home_care, contact or org.employee, UnitStatus.PLANNED)])
    return idea, rollout_units(idea)[0][0]


def test_the_contact_marks_their_unit_done_and_the_idea_shows_the_progress(world, login, client):
    idea, row_id = _single_unit(world.a)
    client = login(world.a.employee)
    page = client.get(f"/ideas/{idea.id}").text
    assert f'action="{_status(row_id)}"' in page
    response = client.post(_status(row_id), data={"status": "done", "next": f"/ideas/{idea.id}"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert rollout_units(idea)[0][2] is UnitStatus.DONE
    page = client.get(f"/ideas/{idea.id}")
    assert "Hemtjänsten: Done." in _flash(page)
    assert "1 of 1 units done" in page.text
    assert "overall 100 %" in page.text


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_the_ideas_manager_may_set_any_units_status(world, login, client, role):
    idea, row_id = _single_unit(world.a)
    response = login(getattr(world.a, role)).post(_status(row_id), data={"status": "in_progress"})
    assert response.status_code == 302
    assert rollout_units(idea)[0][2] is UnitStatus.IN_PROGRESS


@pytest.mark.parametrize("role", ["leader", "school_manager"])
def test_someone_else_may_not_set_a_units_status(world, login, client, role):
    _idea, row_id = _single_unit(world.a)
    before = unchanged()
    response = login(getattr(world.a, role)).post(_status(row_id), data={"status": "done"})
    assert response.status_code == 403
    assert unchanged() == before


def test_a_contact_may_not_set_the_status_of_another_contacts_unit(world, login, client):
    a = world.a
    idea = in_rollout(
        a,
        units=[
            (a.home_care, a.employee, UnitStatus.PLANNED),
            (a.school, a.school_manager, UnitStatus.PLANNED),
        ],
    )
    school_row = rollout_units(idea)[1][0]
    before = unchanged()
    assert login(a.employee).post(_status(school_row), data={"status": "done"}).status_code == 403
    assert unchanged() == before


@pytest.mark.parametrize("status", ["finished", "", "DONE"])
def test_a_status_that_does_not_exist_is_a_bad_request(world, login, client, status):
    _idea, row_id = _single_unit(world.a)
    before = unchanged()
    response = login(world.a.employee).post(_status(row_id), data={"status": status})
    assert response.status_code == 400
    assert "Choose one of the statuses: planned, in progress or done." in response.text
    assert unchanged() == before


@pytest.mark.parametrize(
    ("back", "expected"),
    [
        ("/", "/"),
        ("/ideas/?stage=rollout", "/ideas/?stage=rollout"),
        ("https://evil.example/", None),
        ("//evil.example/", None),
        ("/\\evil.example", None),
        ("", None),
    ],
)
def test_the_status_returns_to_a_local_path_only(world, login, client, back, expected):
    idea, row_id = _single_unit(world.a)
    response = login(world.a.employee).post(_status(row_id), data={"status": "done", "next": back})
    assert response.headers["Location"] == (expected or f"/ideas/{idea.id}")


# ---------------------------------------------------------------- an activity done


def _done(row_id: int) -> str:
    return f"/activities/{row_id}/done"


def _single_activity(org, owner=None):
    """An idea in rollout with one change activity, and that activity's id."""
    idea = in_rollout(
        org,
        activities=[("Utbilda personalen", owner or org.leader, TODAY + timedelta(days=5), False)],
    )
    return idea, db.session.scalars(db.select(Activity.id)).one()


def _activity_done(row_id: int) -> tuple:
    db.session.expire_all()
    activity = db.session.get(Activity, row_id)
    return activity.done, activity.done_at is not None


def test_the_owner_marks_their_activity_done_and_not_done_again(world, login, client):
    idea, row_id = _single_activity(world.a)
    client = login(world.a.leader)
    page = client.get(f"/ideas/{idea.id}").text
    assert f'action="{_done(row_id)}"' in page
    response = client.post(_done(row_id), data={"done": "1", "next": f"/ideas/{idea.id}"})
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert _activity_done(row_id) == (True, True)
    page = client.get(f"/ideas/{idea.id}")
    assert "The activity is marked done." in _flash(page)
    assert "1 of 1 activities done" in page.text
    response = client.post(_done(row_id), data={"done": "0"})
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert _activity_done(row_id) == (False, False)
    assert "The activity is marked not done." in _flash(client.get(f"/ideas/{idea.id}"))


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_the_ideas_manager_may_mark_any_activity(world, login, client, role):
    _idea, row_id = _single_activity(world.a)
    assert login(getattr(world.a, role)).post(_done(row_id), data={"done": "1"}).status_code == 302
    assert _activity_done(row_id) == (True, True)


@pytest.mark.parametrize("role", ["employee", "school_manager"])
def test_someone_else_may_not_mark_an_activity(world, login, client, role):
    _idea, row_id = _single_activity(world.a)
    before = unchanged()
    response = login(getattr(world.a, role)).post(_done(row_id), data={"done": "1"})
    assert response.status_code == 403
    assert unchanged() == before


@pytest.mark.parametrize("done", ["yes", "", "2"])
def test_a_done_that_is_neither_1_nor_0_is_a_bad_request(world, login, client, done):
    _idea, row_id = _single_activity(world.a)
    before = unchanged()
    assert login(world.a.leader).post(_done(row_id), data={"done": done}).status_code == 400
    assert unchanged() == before


@pytest.mark.parametrize(
    ("back", "expected"),
    [("/", "/"), ("https://evil.example/", None), ("//evil.example", None), ("javascript:x", None)],
)
def test_the_activity_returns_to_a_local_path_only(world, login, client, back, expected):
    idea, row_id = _single_activity(world.a)
    response = login(world.a.leader).post(_done(row_id), data={"done": "1", "next": back})
    assert response.headers["Location"] == (expected or f"/ideas/{idea.id}")


# -------------------------------------------------- other organisations, unknown ids, no login


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader", "admin"])
def test_another_organisations_rollout_is_not_found_on_every_route(world, login, client, role):
    b = world.b
    planned = scaled_up(b)
    idea = in_rollout(
        b,
        units=[(b.home_care, b.employee, UnitStatus.PLANNED)],
        activities=[("Utbilda personalen", b.leader, TODAY, False)],
    )
    unit_id = rollout_units(idea)[0][0]
    activity_id = db.session.scalars(db.select(Activity.id)).one()
    before = unchanged()
    client = login(getattr(world.a, role))
    for method, url, data in [
        ("GET", rollout_url(planned), {}),
        ("POST", rollout_url(planned), rollout_plan(b, planned)),
        ("GET", rollout_url(idea), {}),
        ("POST", rollout_url(idea), {"version": version_of(idea), "add_row": "units"}),
        ("POST", _status(unit_id), {"status": "done"}),
        ("POST", _done(activity_id), {"done": "1"}),
    ]:
        response = client.open(url, method=method, data=data)
        assert response.status_code == 404, (method, url)
        assert "Digital signering" not in response.text
    assert unchanged() == before


@pytest.mark.parametrize("row_id", [999999, 2**31, 10**20, 0])
def test_unknown_ids_are_not_found(world, login, client, row_id):
    client = login(world.a.admin)
    assert client.get(f"/ideas/{row_id}/rollout").status_code == 404
    assert client.post(f"/ideas/{row_id}/rollout", data={"version": 1}).status_code == 404
    assert client.post(_status(row_id), data={"status": "done"}).status_code == 404
    assert client.post(_done(row_id), data={"done": "1"}).status_code == 404


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/ideas/1/rollout"),
        ("POST", "/ideas/1/rollout"),
        ("POST", "/rollout-units/1/status"),
        ("POST", "/activities/1/done"),
    ],
)
def test_the_rollout_routes_need_a_login(client, method, url):
    response = client.open(url, method=method, data={"status": "done", "done": "1"})
    assert response.status_code == 302
    expected = url if method == "GET" else None
    assert _login_next(response.headers["Location"]) == expected
