"""Planning and revising a rollout through its page: bad input, stale versions and who may."""

import re
from datetime import timedelta

import pytest

from tests.factories import reload, version_of
from tests.ideas.helpers import NOT_A_CHOICE, STALE, _flash, _history
from tests.pilot_factories import TODAY, evaluate, in_rollout, prioritised_idea
from tests.pilots.helpers import (
    activity_row,
    field_error,
    in_pilot,
    iso_day,
    other_client,
    rollout_plan,
    rollout_units,
    rollout_url,
    scaled_up,
    unchanged,
    unit_row,
)
from tracker.extensions import db
from tracker.ideas.stages import Stage
from tracker.pilots.rules import Decision, UnitStatus
from tracker.rollouts.models import Activity, RolloutUnit

# ---------------------------------------------------------------- plan the rollout


def test_the_plan_of_a_scaled_up_pilot_starts_with_the_ideas_own_unit(world, login, client):
    idea = scaled_up(world.a)
    client = login(world.a.manager)
    assert "Plan the rollout" in client.get(f"/ideas/{idea.id}").text
    page = client.get(rollout_url(idea))
    assert page.status_code == 200
    assert "<h1>Plan the rollout</h1>" in page.text
    assert re.search(rf'<option selected value="{world.a.social.id}">', page.text)
    assert 'name="reason"' not in page.text  # a scale-up needs no reason for skipping a pilot
    assert 'name="activities-0-description"' in page.text


@pytest.mark.parametrize(
    ("button", "row"), [("units", "units-2-unit_id"), ("activities", "activities-1-description")]
)
def test_adding_a_row_keeps_what_was_typed_and_saves_nothing(world, login, client, button, row):
    idea = scaled_up(world.a)
    before = unchanged()
    data = rollout_plan(world.a, idea, add_row=button, **{"units-0-ends_on": iso_day(-9)})
    response = login(world.a.manager).post(rollout_url(idea), data=data)
    assert response.status_code == 200
    assert response.text.count(f'name="{row}"') == 1
    assert 'value="Utbilda personalen i e-signering"' in response.text
    assert 'class="error"' not in response.text  # not a submit: no errors yet
    assert unchanged() == before


def test_the_rollout_plan_of_a_scaled_up_pilot_moves_the_idea_to_rollout(world, login, client):
    idea = scaled_up(world.a)
    client = login(world.a.manager)
    response = client.post(rollout_url(idea), data=rollout_plan(world.a, idea))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert reload(idea).stage is Stage.ROLLOUT
    assert _history(idea)[-1] == (Stage.PILOT, Stage.ROLLOUT, world.a.manager.id, "")
    assert [row[1:] for row in rollout_units(idea)] == [
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
    page = client.get(rollout_url(idea))
    assert page.status_code == 200
    assert "Why roll out without a pilot?" in page.text
    reason = "Beprövat i grannkommunen i två år."
    response = client.post(rollout_url(idea), data=rollout_plan(world.a, idea, reason=reason))
    assert response.status_code == 302
    assert reload(idea).stage is Stage.ROLLOUT
    assert _history(idea)[-1] == (Stage.PRIORITISED, Stage.ROLLOUT, world.a.manager.id, reason)


def test_a_prioritised_idea_without_a_reason_for_skipping_the_pilot_is_not_rolled_out(
    world, login, client
):
    idea = prioritised_idea(world.a)
    before = unchanged()
    response = login(world.a.manager).post(
        rollout_url(idea), data=rollout_plan(world.a, idea, reason=" ")
    )
    assert response.status_code == 422
    assert field_error(response, "reason") == "Give the reason for rolling out without a pilot."
    assert unchanged() == before


def test_a_pilot_not_yet_evaluated_is_not_rolled_out(world, login, client):
    idea = in_pilot(world.a)
    before = unchanged()
    client = login(world.a.manager)
    message = "Evaluate the pilot first: a rollout follows a decision to scale up."
    assert message in client.get(rollout_url(idea)).text
    response = client.post(rollout_url(idea), data=rollout_plan(world.a, idea))
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
    assert message in client.get(rollout_url(idea)).text
    response = client.post(rollout_url(idea), data=rollout_plan(world.a, idea))
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
    kept_unit = rollout_units(idea)[0][0]
    kept_activity = db.session.scalars(db.select(Activity.id)).one()
    client = login(a.manager)
    form = client.get(rollout_url(idea))
    assert "<h1>Change the rollout plan</h1>" in form.text
    assert f'name="activities-0-id" type="hidden" value="{kept_activity}"' in form.text
    data = {
        "version": version_of(idea),
        **unit_row(0, a.home_care, a.employee, "done"),
        **unit_row(1, a.school, a.school_manager),
        **activity_row(
            0, "Ny rutin för avtal, version 2", a.leader, done=True, row_id=kept_activity
        ),
        **activity_row(1, "Stäng av det gamla systemet", a.manager, due=40),
    }
    response = client.post(rollout_url(idea), data=data)
    assert response.status_code == 302
    assert rollout_units(idea) == [
        (kept_unit, a.home_care.id, UnitStatus.DONE, a.employee.id),
        (rollout_units(idea)[1][0], a.school.id, UnitStatus.PLANNED, a.school_manager.id),
    ]
    assert rollout_units(idea)[1][0] != kept_unit
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
        **unit_row(0, a.home_care, a.employee),
        **activity_row(0, "Ny rutin", a.leader, row_id=kept),
        **activity_row(1, "Utbildning", a.leader, row_id=kept),
    }
    assert login(a.manager).post(rollout_url(idea), data=data).status_code == 302
    rows = db.session.execute(db.select(Activity.id, Activity.description).order_by(Activity.id))
    assert [(row_id == kept, text) for row_id, text in rows] == [
        (True, "Ny rutin"),
        (False, "Utbildning"),
    ]


@pytest.mark.parametrize(
    ("back", "expected"), [("/board/", "/board/"), ("https://evil.example/", None)]
)
def test_the_rollout_plan_returns_to_a_local_next_path_only(world, login, client, back, expected):
    idea = scaled_up(world.a)
    response = login(world.a.manager).post(
        f"{rollout_url(idea)}?next={back}", data=rollout_plan(world.a, idea)
    )
    assert response.status_code == 302
    assert response.headers["Location"] == (expected or f"/ideas/{idea.id}")


BAD_PLANS = {
    "unit ends before it starts": (
        lambda w: unit_row(0, w.a.social, w.a.manager, starts=10, ends=9),
        "units-0-ends_on",
        "The end must be on or after the start.",
    ),
    "unit without a start": (
        lambda w: unit_row(0, w.a.social, w.a.manager, starts=None),
        "units-0-starts_on",
        "Give the planned start.",
    ),
    "unit without a contact": (
        lambda w: unit_row(0, w.a.social, None),
        "units-0-contact_id",
        "Choose the contact person.",
    ),
    "dates without a unit": (
        lambda w: unit_row(0, None, w.a.manager),
        "units-0-unit_id",
        "Choose the unit.",
    ),
    "the same unit twice": (
        lambda w: unit_row(1, w.a.social, w.a.employee),
        "units",
        "Each unit appears once in the plan.",
    ),
    "no unit at all": (
        lambda w: {
            **unit_row(0, None, None, starts=None, ends=None),
            **unit_row(1, None, None, starts=None, ends=None),
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
    idea = scaled_up(world.a)
    before = unchanged()
    response = login(world.a.manager).post(
        rollout_url(idea), data=rollout_plan(world.a, idea, **overrides(world))
    )
    assert response.status_code == 422
    assert field_error(response, name) == message
    assert unchanged() == before
    assert reload(idea).stage is Stage.PILOT


def test_a_rollout_plan_on_a_version_changed_meanwhile_is_refused_and_nothing_saved(
    world, login, client, app
):
    idea = scaled_up(world.a)
    seen = version_of(idea)
    first = other_client(app, world.a.admin).post(
        rollout_url(idea), data=rollout_plan(world.a, idea)
    )
    assert first.status_code == 302
    after_first = unchanged()
    data = rollout_plan(
        world.a, idea, version=seen, **unit_row(1, world.a.school, world.a.school_manager)
    )
    response = login(world.a.manager).post(rollout_url(idea), data=data)
    assert response.status_code == 409
    assert STALE in response.text
    assert unchanged() == after_first


# ---------------------------------------------------------------- who may plan the rollout


@pytest.mark.parametrize("role", ["employee", "leader", "school_manager"])
@pytest.mark.parametrize("action", ["form", "plan", "add a row"])
def test_who_does_not_manage_the_idea_may_not_plan_the_rollout(world, login, client, role, action):
    idea = scaled_up(world.a)
    method, data = {
        "form": ("GET", {}),
        "plan": ("POST", rollout_plan(world.a, idea)),
        "add a row": ("POST", {"version": version_of(idea), "add_row": "units"}),
    }[action]
    before = unchanged()
    response = login(getattr(world.a, role)).open(rollout_url(idea), method=method, data=data)
    assert response.status_code == 403
    assert "You do not have access to this" in response.text
    assert unchanged() == before


def test_an_admin_plans_the_rollout(world, login, client):
    idea = scaled_up(world.a)
    response = login(world.a.admin).post(rollout_url(idea), data=rollout_plan(world.a, idea))
    assert response.status_code == 302
    assert reload(idea).stage is Stage.ROLLOUT
