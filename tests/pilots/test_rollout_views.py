"""Planning a rollout and following it: unit statuses and change activities, and who may.

Every refused write is checked against the database: nothing of it is saved.
"""

import re
from datetime import timedelta

import pytest

from tests.factories import reload, version_of
from tests.ideas.helpers import NOT_A_CHOICE, STALE, _flash, _history, _login_next
from tests.pilot_factories import TODAY, evaluate, in_rollout, prioritised_idea
from tests.pilots.test_plan_views import field_error, in_pilot, other_client, unchanged
from tracker.extensions import db
from tracker.ideas.stages import Stage
from tracker.pilots.rules import Decision, UnitStatus
from tracker.rollouts.models import Activity, Rollout, RolloutUnit


def _url(idea) -> str:
    return f"/ideas/{idea.id}/rollout"


def _scaled_up(org):
    """An idea whose pilot was evaluated with "scale up": it waits for its rollout plan."""
    idea = in_pilot(org)
    evaluate(idea, org.manager, Decision.SCALE_UP)
    return reload(idea)


def _day(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def _unit(i: int, unit, contact, status="planned", starts=0, ends=60) -> dict:
    return {
        f"units-{i}-unit_id": unit.id if unit else "",
        f"units-{i}-status": status,
        f"units-{i}-starts_on": _day(starts) if starts is not None else "",
        f"units-{i}-ends_on": _day(ends) if ends is not None else "",
        f"units-{i}-contact_id": contact.id if contact else "",
    }


def _activity(i: int, text: str, owner, due=14, done=False, row_id=None) -> dict:
    data = {
        f"activities-{i}-id": row_id or "",
        f"activities-{i}-description": text,
        f"activities-{i}-owner_id": owner.id if owner else "",
        f"activities-{i}-due_on": _day(due) if due is not None else "",
    }
    if done:
        data[f"activities-{i}-done"] = "y"
    return data


def _plan(org, idea, **overrides) -> dict:
    """Two adopting units and one activity."""
    data = {
        "version": version_of(idea),
        **_unit(0, org.social, org.manager),
        **_unit(1, org.home_care, org.employee, "in_progress"),
        **_activity(0, "Utbilda personalen i e-signering", org.leader),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _units(idea) -> list[tuple]:
    db.session.expire_all()
    rollout = db.session.scalar(db.select(Rollout).where(Rollout.idea_id == idea.id))
    return [(u.id, u.unit_id, u.status, u.contact_id) for u in rollout.units]


# ---------------------------------------------------------------- plan the rollout


def test_the_plan_of_a_scaled_up_pilot_starts_with_the_ideas_own_unit(world, login, client):
    idea = _scaled_up(world.a)
    client = login(world.a.manager)
    assert "Plan the rollout" in client.get(f"/ideas/{idea.id}").text
    page = client.get(_url(idea))
    assert page.status_code == 200
    assert "<h1>Plan the rollout</h1>" in page.text
    assert re.search(rf'<option selected value="{world.a.social.id}">', page.text)
    assert 'name="reason"' not in page.text  # a scale-up needs no reason for skipping a pilot
    assert 'name="activities-0-description"' in page.text


@pytest.mark.parametrize(
    ("button", "row"), [("units", "units-2-unit_id"), ("activities", "activities-1-description")]
)
def test_adding_a_row_keeps_what_was_typed_and_saves_nothing(world, login, client, button, row):
    idea = _scaled_up(world.a)
    before = unchanged()
    data = _plan(world.a, idea, add_row=button, **{"units-0-ends_on": _day(-9)})
    response = login(world.a.manager).post(_url(idea), data=data)
    assert response.status_code == 200
    assert response.text.count(f'name="{row}"') == 1
    assert 'value="Utbilda personalen i e-signering"' in response.text
    assert 'class="error"' not in response.text  # not a submit: no errors yet
    assert unchanged() == before


def test_the_rollout_plan_of_a_scaled_up_pilot_moves_the_idea_to_rollout(world, login, client):
    idea = _scaled_up(world.a)
    client = login(world.a.manager)
    response = client.post(_url(idea), data=_plan(world.a, idea))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert reload(idea).stage is Stage.ROLLOUT
    assert _history(idea)[-1] == (Stage.PILOT, Stage.ROLLOUT, world.a.manager.id, "")
    assert [row[1:] for row in _units(idea)] == [
        (world.a.social.id, UnitStatus.PLANNED, world.a.manager.id),
        (world.a.home_care.id, UnitStatus.IN_PROGRESS, world.a.employee.id),
    ]
    activity = db.session.scalars(db.select(Activity)).one()
    assert (activity.description, activity.owner_id, activity.done) == (
        "Utbilda personalen i e-signering",
        world.a.leader.id,
        False,
    )
    page = client.get(f"/ideas/{idea.id}")
    assert "The rollout is planned and the idea is in rollout." in _flash(page)
    assert "0 of 2 units done" in page.text
    assert "0 of 1 activities done" in page.text
    assert "Utbilda personalen i e-signering" in page.text


def test_a_prioritised_idea_is_rolled_out_without_a_pilot_for_a_stated_reason(world, login, client):
    idea = prioritised_idea(world.a)
    client = login(world.a.manager)
    assert "Roll out without a pilot" in client.get(f"/ideas/{idea.id}").text
    page = client.get(_url(idea))
    assert page.status_code == 200
    assert "Why roll out without a pilot?" in page.text
    reason = "Beprövat i grannkommunen i två år."
    response = client.post(_url(idea), data=_plan(world.a, idea, reason=reason))
    assert response.status_code == 302
    assert reload(idea).stage is Stage.ROLLOUT
    assert _history(idea)[-1] == (Stage.PRIORITISED, Stage.ROLLOUT, world.a.manager.id, reason)


def test_a_prioritised_idea_without_a_reason_for_skipping_the_pilot_is_not_rolled_out(
    world, login, client
):
    idea = prioritised_idea(world.a)
    before = unchanged()
    response = login(world.a.manager).post(_url(idea), data=_plan(world.a, idea, reason=" "))
    assert response.status_code == 422
    assert field_error(response, "reason") == "Give the reason for rolling out without a pilot."
    assert unchanged() == before


def test_a_pilot_not_yet_evaluated_is_not_rolled_out(world, login, client):
    idea = in_pilot(world.a)
    before = unchanged()
    client = login(world.a.manager)
    message = "Evaluate the pilot first: a rollout follows a decision to scale up."
    assert message in client.get(_url(idea)).text
    response = client.post(_url(idea), data=_plan(world.a, idea))
    assert response.status_code == 422
    assert message in response.text
    assert "Rollout needs a pilot evaluation that decides to scale up." in response.text
    assert unchanged() == before
    assert reload(idea).stage is Stage.PILOT


def test_a_stopped_idea_gets_no_rollout(world, login, client):
    idea = in_pilot(world.a)
    evaluate(idea, world.a.manager, Decision.STOP)
    before = unchanged()
    client = login(world.a.manager)
    message = "A rollout is planned for a prioritised idea or a pilot."
    assert message in client.get(_url(idea)).text
    response = client.post(_url(idea), data=_plan(world.a, idea))
    assert response.status_code == 422
    assert message in response.text
    assert unchanged() == before


def test_revising_the_plan_in_rollout_keeps_the_rows_of_what_stays(world, login, client):
    a = world.a
    idea = in_rollout(
        a,
        units=[
            (a.home_care, a.employee, UnitStatus.IN_PROGRESS),
            (a.social, a.leader, UnitStatus.PLANNED),
        ],
        activities=[("Ny rutin för avtal", a.leader, TODAY + timedelta(days=7), False)],
    )
    history = _history(idea)
    kept_unit = _units(idea)[0][0]
    kept_activity = db.session.scalars(db.select(Activity.id)).one()
    client = login(a.manager)
    form = client.get(_url(idea))
    assert "<h1>Change the rollout plan</h1>" in form.text
    assert f'name="activities-0-id" type="hidden" value="{kept_activity}"' in form.text
    data = {
        "version": version_of(idea),
        **_unit(0, a.home_care, a.employee, "done"),
        **_unit(1, a.school, a.school_manager),
        **_activity(0, "Ny rutin för avtal, version 2", a.leader, done=True, row_id=kept_activity),
        **_activity(1, "Stäng av det gamla systemet", a.manager, due=40),
    }
    response = client.post(_url(idea), data=data)
    assert response.status_code == 302
    assert _units(idea) == [
        (kept_unit, a.home_care.id, UnitStatus.DONE, a.employee.id),
        (_units(idea)[1][0], a.school.id, UnitStatus.PLANNED, a.school_manager.id),
    ]
    assert _units(idea)[1][0] != kept_unit
    assert db.session.scalars(db.select(RolloutUnit.unit_id)).all().count(a.social.id) == 0
    activities = db.session.scalars(db.select(Activity).order_by(Activity.id)).all()
    assert [(x.id == kept_activity, x.description, x.done) for x in activities] == [
        (True, "Ny rutin för avtal, version 2", True),
        (False, "Stäng av det gamla systemet", False),
    ]
    assert activities[0].done_at is not None
    assert reload(idea).stage is Stage.ROLLOUT
    assert _history(idea) == history  # a revision is not a move
    page = client.get(f"/ideas/{idea.id}")
    assert "The rollout plan is saved." in _flash(page)
    assert "1 of 2 units done" in page.text


def test_an_activity_id_sent_twice_keeps_both_rows(world, login, client):
    a = world.a
    idea = in_rollout(a, activities=[("Ny rutin", a.leader, TODAY + timedelta(days=7), False)])
    kept = db.session.scalars(db.select(Activity.id)).one()
    data = {
        "version": version_of(idea),
        **_unit(0, a.home_care, a.employee),
        **_activity(0, "Ny rutin", a.leader, row_id=kept),
        **_activity(1, "Utbildning", a.leader, row_id=kept),
    }
    assert login(a.manager).post(_url(idea), data=data).status_code == 302
    rows = db.session.execute(db.select(Activity.id, Activity.description).order_by(Activity.id))
    assert [(row_id == kept, text) for row_id, text in rows] == [
        (True, "Ny rutin"),
        (False, "Utbildning"),
    ]


@pytest.mark.parametrize(
    ("back", "expected"), [("/board/", "/board/"), ("https://evil.example/", None)]
)
def test_the_rollout_plan_returns_to_a_local_next_path_only(world, login, client, back, expected):
    idea = _scaled_up(world.a)
    response = login(world.a.manager).post(f"{_url(idea)}?next={back}", data=_plan(world.a, idea))
    assert response.status_code == 302
    assert response.headers["Location"] == (expected or f"/ideas/{idea.id}")


BAD_PLANS = {
    "unit ends before it starts": (
        lambda w: _unit(0, w.a.social, w.a.manager, starts=10, ends=9),
        "units-0-ends_on",
        "The end must be on or after the start.",
    ),
    "unit without a start": (
        lambda w: _unit(0, w.a.social, w.a.manager, starts=None),
        "units-0-starts_on",
        "Give the planned start.",
    ),
    "unit without a contact": (
        lambda w: _unit(0, w.a.social, None),
        "units-0-contact_id",
        "Choose the contact person.",
    ),
    "dates without a unit": (
        lambda w: _unit(0, None, w.a.manager),
        "units-0-unit_id",
        "Choose the unit.",
    ),
    "the same unit twice": (
        lambda w: _unit(1, w.a.social, w.a.employee),
        "units",
        "Each unit appears once in the plan.",
    ),
    "no unit at all": (
        lambda w: {
            **_unit(0, None, None, starts=None, ends=None),
            **_unit(1, None, None, starts=None, ends=None),
        },
        "units",
        "Name at least one adopting unit.",
    ),
    "a status that does not exist": (
        lambda w: {"units-1-status": "finished"},
        "units-1-status",
        NOT_A_CHOICE,
    ),
    "a unit of another organisation": (
        lambda w: {"units-1-unit_id": w.b.home_care.id},
        "units-1-unit_id",
        NOT_A_CHOICE,
    ),
    "an unknown unit": (lambda w: {"units-1-unit_id": 999999}, "units-1-unit_id", NOT_A_CHOICE),
    "a contact of another organisation": (
        lambda w: {"units-0-contact_id": w.b.employee.id},
        "units-0-contact_id",
        NOT_A_CHOICE,
    ),
    "an unknown contact": (
        lambda w: {"units-0-contact_id": 999999},
        "units-0-contact_id",
        NOT_A_CHOICE,
    ),
    "an activity owner of another organisation": (
        lambda w: {"activities-0-owner_id": w.b.leader.id},
        "activities-0-owner_id",
        NOT_A_CHOICE,
    ),
    "an unknown activity owner": (
        lambda w: {"activities-0-owner_id": 999999},
        "activities-0-owner_id",
        NOT_A_CHOICE,
    ),
    "an activity without an owner": (
        lambda w: {"activities-0-owner_id": ""},
        "activities-0-owner_id",
        "Choose the owner.",
    ),
    "an activity without a due date": (
        lambda w: {"activities-0-due_on": ""},
        "activities-0-due_on",
        "Give the due date.",
    ),
    "a due date without an activity": (
        lambda w: {"activities-0-description": " "},
        "activities-0-description",
        "Describe the activity.",
    ),
}


@pytest.mark.parametrize(("overrides", "name", "message"), BAD_PLANS.values(), ids=BAD_PLANS)
def test_a_bad_rollout_plan_is_shown_again_with_the_message_on_its_field_and_nothing_saved(
    world, login, client, overrides, name, message
):
    idea = _scaled_up(world.a)
    before = unchanged()
    response = login(world.a.manager).post(
        _url(idea), data=_plan(world.a, idea, **overrides(world))
    )
    assert response.status_code == 422
    assert field_error(response, name) == message
    assert unchanged() == before
    assert reload(idea).stage is Stage.PILOT


def test_a_rollout_plan_on_a_version_changed_meanwhile_is_refused_and_nothing_saved(
    world, login, client, app
):
    idea = _scaled_up(world.a)
    seen = version_of(idea)
    first = other_client(app, world.a.admin).post(_url(idea), data=_plan(world.a, idea))
    assert first.status_code == 302
    after_first = unchanged()
    data = _plan(world.a, idea, version=seen, **_unit(1, world.a.school, world.a.school_manager))
    response = login(world.a.manager).post(_url(idea), data=data)
    assert response.status_code == 409
    assert STALE in response.text
    assert unchanged() == after_first


# ---------------------------------------------------------------- who may plan the rollout


@pytest.mark.parametrize("role", ["employee", "leader", "school_manager"])
@pytest.mark.parametrize("action", ["form", "plan", "add a row"])
def test_who_does_not_manage_the_idea_may_not_plan_the_rollout(world, login, client, role, action):
    idea = _scaled_up(world.a)
    method, data = {
        "form": ("GET", {}),
        "plan": ("POST", _plan(world.a, idea)),
        "add a row": ("POST", {"version": version_of(idea), "add_row": "units"}),
    }[action]
    before = unchanged()
    response = login(getattr(world.a, role)).open(_url(idea), method=method, data=data)
    assert response.status_code == 403
    assert "You do not have access to this" in response.text
    assert unchanged() == before


def test_an_admin_plans_the_rollout(world, login, client):
    idea = _scaled_up(world.a)
    response = login(world.a.admin).post(_url(idea), data=_plan(world.a, idea))
    assert response.status_code == 302
    assert reload(idea).stage is Stage.ROLLOUT


# ---------------------------------------------------------------- a unit's status


def _status(row_id: int) -> str:
    return f"/rollout-units/{row_id}/status"


def _single_unit(org, contact=None):
    """An idea in rollout with one adopting unit (home care), and that unit's row id."""
    idea = in_rollout(org, units=[(org.home_care, contact or org.employee, UnitStatus.PLANNED)])
    return idea, _units(idea)[0][0]


def test_the_contact_marks_their_unit_done_and_the_idea_shows_the_progress(world, login, client):
    idea, row_id = _single_unit(world.a)
    client = login(world.a.employee)
    page = client.get(f"/ideas/{idea.id}").text
    assert f'action="{_status(row_id)}"' in page
    response = client.post(_status(row_id), data={"status": "done", "next": f"/ideas/{idea.id}"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert _units(idea)[0][2] is UnitStatus.DONE
    page = client.get(f"/ideas/{idea.id}")
    assert "Hemtjänsten: Done." in _flash(page)
    assert "1 of 1 units done" in page.text
    assert "overall 100 %" in page.text


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_the_ideas_manager_may_set_any_units_status(world, login, client, role):
    idea, row_id = _single_unit(world.a)
    response = login(getattr(world.a, role)).post(_status(row_id), data={"status": "in_progress"})
    assert response.status_code == 302
    assert _units(idea)[0][2] is UnitStatus.IN_PROGRESS


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
    school_row = _units(idea)[1][0]
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
    planned = _scaled_up(b)
    idea = in_rollout(
        b,
        units=[(b.home_care, b.employee, UnitStatus.PLANNED)],
        activities=[("Utbilda personalen", b.leader, TODAY, False)],
    )
    unit_id = _units(idea)[0][0]
    activity_id = db.session.scalars(db.select(Activity.id)).one()
    before = unchanged()
    client = login(getattr(world.a, role))
    for method, url, data in [
        ("GET", _url(planned), {}),
        ("POST", _url(planned), _plan(b, planned)),
        ("GET", _url(idea), {}),
        ("POST", _url(idea), {"version": version_of(idea), "add_row": "units"}),
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
