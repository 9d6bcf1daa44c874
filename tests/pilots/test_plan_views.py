"""Planning and extending a pilot through its pages, and who may do it.

Every refused write is checked against the database: nothing of it is saved.
"""

import re
from datetime import timedelta

import pytest
from babel.dates import format_date as babel_date

from tests.factories import make_idea, reload, version_of
from tests.ideas.helpers import NOT_A_CHOICE, REQUIRED, STALE, _flash, _history, _login_next
from tests.pilot_factories import TODAY, prioritised_idea
from tests.pilots.helpers import field_error, in_pilot, other_client, unchanged
from tracker.extensions import db
from tracker.ideas.stages import Stage
from tracker.pilots.models import Pilot


def english(day) -> str:
    """A date as the English pages show it."""
    return babel_date(day, "medium", locale="en")


# ---------------------------------------------------------------- plan a pilot


def _plan(org, idea, **overrides) -> dict:
    data = {
        "version": version_of(idea),
        "hypothesis": "Digital signering halverar handläggningstiden.",
        "criteria-0-description": "Handläggningstid per ärende",
        "criteria-0-threshold": "under 10 minuter",
        "criteria-1-description": "",
        "criteria-1-threshold": "",
        "criteria-2-description": "Andel nöjda brukare",
        "criteria-2-threshold": "minst 80 %",
        "unit_id": org.home_care.id,
        "owner_id": org.employee.id,
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(days=60)).isoformat(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _new(idea) -> str:
    return f"/ideas/{idea.id}/pilot/new"


def test_the_plan_form_starts_with_the_ideas_unit_and_owner_and_three_criteria(
    world, login, client
):
    idea = prioritised_idea(world.a)
    page = login(world.a.manager).get(_new(idea))
    assert page.status_code == 200
    assert "Plan a pilot" in page.text
    assert re.search(rf'<option selected value="{world.a.social.id}">', page.text)
    assert re.search(rf'<option selected value="{world.a.manager.id}">', page.text)
    assert page.text.count('name="criteria-2-threshold"') == 1
    assert 'name="criteria-3-threshold"' not in page.text


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_the_manager_or_an_admin_plans_a_pilot_and_the_idea_is_in_pilot(world, login, client, role):
    idea = prioritised_idea(world.a)
    user = getattr(world.a, role)
    client = login(user)
    assert "Plan a pilot" in client.get(f"/ideas/{idea.id}").text
    response = client.post(_new(idea), data=_plan(world.a, idea))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert reload(idea).stage is Stage.PILOT
    assert _history(idea)[-1] == (Stage.PRIORITISED, Stage.PILOT, user.id, "")
    pilot = db.session.scalars(db.select(Pilot)).one()
    assert (pilot.number, pilot.unit_id, pilot.owner_id, pilot.planned_by_id) == (
        1,
        world.a.home_care.id,
        world.a.employee.id,
        user.id,
    )
    assert [(c.position, c.description, c.threshold) for c in pilot.criteria] == [
        (1, "Handläggningstid per ärende", "under 10 minuter"),
        (2, "Andel nöjda brukare", "minst 80 %"),
    ]
    page = client.get(f"/ideas/{idea.id}")
    assert "The pilot is planned and the idea is in pilot." in _flash(page)
    assert 'id="pilot-1-heading"' in page.text
    assert "Digital signering halverar handläggningstiden." in page.text
    assert "<td>minst 80 %</td>" in page.text


def test_adding_a_criterion_row_keeps_what_was_typed_and_saves_nothing(world, login, client):
    idea = prioritised_idea(world.a)
    before = unchanged()
    data = _plan(world.a, idea, add_row="criteria", ends_on="not a date")
    response = login(world.a.manager).post(_new(idea), data=data)
    assert response.status_code == 200
    assert response.text.count('name="criteria-3-description"') == 1
    assert 'value="Handläggningstid per ärende"' in response.text
    assert 'class="error"' not in response.text  # an added row is not a submit: no errors yet
    assert unchanged() == before
    assert reload(idea).stage is Stage.PRIORITISED


def test_a_local_next_path_is_where_the_plan_returns_to(world, login, client):
    idea = prioritised_idea(world.a)
    client = login(world.a.manager)
    response = client.post(_new(idea) + "?next=/board/", data=_plan(world.a, idea))
    assert response.headers["Location"] == "/board/"
    other = prioritised_idea(world.a)
    response = client.post(_new(other) + "?next=https://evil.example/", data=_plan(world.a, other))
    assert response.headers["Location"] == f"/ideas/{other.id}"


BAD_PLANS = {
    "end before start": (
        {"starts_on": TODAY.isoformat(), "ends_on": (TODAY - timedelta(days=1)).isoformat()},
        "ends_on",
        "The end must be on or after the start.",
    ),
    "criterion without threshold": (
        {"criteria-0-threshold": "  "},
        "criteria-0-threshold",
        "Give the threshold that counts as success.",
    ),
    "threshold without criterion": (
        {"criteria-2-description": ""},
        "criteria-2-description",
        "Say what the threshold measures.",
    ),
    "no criterion": (
        {f"criteria-{i}-{part}": "" for i in range(3) for part in ("description", "threshold")},
        "criteria",
        "Write at least one success criterion with its threshold.",
    ),
    "no hypothesis": ({"hypothesis": " "}, "hypothesis", REQUIRED),
    "no unit": ({"unit_id": ""}, "unit_id", REQUIRED),
    "no owner": ({"owner_id": None}, "owner_id", REQUIRED),
    "no start": ({"starts_on": ""}, "starts_on", REQUIRED),
    "not a date": ({"ends_on": "i vår"}, "ends_on", "Not a valid date value."),
    "unit of another organisation": ({"unit_id": "b.social"}, "unit_id", NOT_A_CHOICE),
    "unknown unit": ({"unit_id": 999999}, "unit_id", NOT_A_CHOICE),
    "person of another organisation": ({"owner_id": "b.manager"}, "owner_id", NOT_A_CHOICE),
    "unknown person": ({"owner_id": 999999}, "owner_id", NOT_A_CHOICE),
}


def _resolve(world, overrides: dict) -> dict:
    """Overrides such as "b.social" become the id of that unit or person of world.b."""
    out = {}
    for key, value in overrides.items():
        if isinstance(value, str) and value.startswith("b."):
            value = getattr(world.b, value[2:]).id
        out[key] = value
    return out


@pytest.mark.parametrize(("overrides", "name", "message"), BAD_PLANS.values(), ids=BAD_PLANS)
def test_a_bad_plan_is_shown_again_with_the_message_on_its_field_and_nothing_saved(
    world, login, client, overrides, name, message
):
    idea = prioritised_idea(world.a)
    before = unchanged()
    data = _plan(world.a, idea, **_resolve(world, overrides))
    response = login(world.a.manager).post(_new(idea), data=data)
    assert response.status_code == 422
    assert field_error(response, name) == message
    assert "Please correct the fields marked below." in response.text
    assert unchanged() == before


def test_a_plan_on_a_version_changed_meanwhile_is_refused_and_nothing_of_it_saved(
    world, login, client, app
):
    idea = prioritised_idea(world.a)
    seen = version_of(idea)
    first = other_client(app, world.a.admin).post(_new(idea), data=_plan(world.a, idea))
    assert first.status_code == 302
    after_first = unchanged()
    response = login(world.a.manager).post(_new(idea), data=_plan(world.a, idea, version=seen))
    assert response.status_code == 409
    assert STALE in response.text
    assert "now at stage Pilot" in response.text
    assert unchanged() == after_first


def test_an_idea_not_prioritised_cannot_go_to_pilot(world, login, client):
    idea = make_idea(world.a.employee, world.a.social, Stage.SCREENING, owner_id=world.a.manager.id)
    db.session.commit()
    before = unchanged()
    client = login(world.a.manager)
    assert "Only a prioritised idea can go to pilot." in client.get(_new(idea)).text
    response = client.post(_new(idea), data=_plan(world.a, idea))
    assert response.status_code == 400
    assert "Only a prioritised idea can go to pilot." in response.text
    assert unchanged() == before


# ---------------------------------------------------------------- extend a pilot


def _extend(idea) -> str:
    return f"/ideas/{idea.id}/pilot/extend"


def test_the_manager_extends_a_pilot_and_the_idea_page_shows_the_extension(world, login, client):
    idea = in_pilot(world.a)
    old_end = TODAY + timedelta(days=30)
    new_end = old_end + timedelta(days=21)
    client = login(world.a.manager)
    assert f'href="{_extend(idea)}"' in client.get(f"/ideas/{idea.id}").text
    form = client.get(_extend(idea))
    assert form.status_code == 200
    assert f"now ends on {english(old_end)}" in form.text
    data = {
        "version": version_of(idea),
        "ends_on": new_end.isoformat(),
        "reason": "Sjukskrivningar",
    }
    response = client.post(_extend(idea), data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    pilot = db.session.scalars(db.select(Pilot)).one()
    assert pilot.ends_on == new_end
    assert [(e.previous_end, e.new_end, e.reason) for e in pilot.extensions] == [
        (old_end, new_end, "Sjukskrivningar")
    ]
    assert reload(idea).stage is Stage.PILOT
    page = client.get(f"/ideas/{idea.id}")
    assert f"The pilot now ends on {english(new_end)}." in _flash(page)
    moved = f"Maja Berg moved the end from {english(old_end)} to {english(new_end)}."
    assert moved in page.text
    assert "Sjukskrivningar" in page.text


BAD_EXTENSIONS = {
    "same end": ({"ends_on": 30}, "ends_on", "The new end must be after the current end."),
    "earlier end": ({"ends_on": 10}, "ends_on", "The new end must be after the current end."),
    "no end": ({"ends_on": ""}, "ends_on", REQUIRED),
    "not a date": ({"ends_on": "snart"}, "ends_on", "Not a valid date value."),
    "no reason": ({"reason": "  "}, "reason", REQUIRED),
}


@pytest.mark.parametrize(
    ("overrides", "name", "message"), BAD_EXTENSIONS.values(), ids=BAD_EXTENSIONS
)
def test_a_bad_extension_is_shown_again_with_the_message_on_its_field_and_nothing_saved(
    world, login, client, overrides, name, message
):
    idea = in_pilot(world.a)
    before = unchanged()
    data = {"version": version_of(idea), "ends_on": 60, "reason": "Sjukskrivningar", **overrides}
    if isinstance(data["ends_on"], int):
        data["ends_on"] = (TODAY + timedelta(days=data["ends_on"])).isoformat()
    response = login(world.a.manager).post(_extend(idea), data=data)
    assert response.status_code == 422
    assert field_error(response, name) == message
    assert unchanged() == before


def test_an_extension_on_a_version_changed_meanwhile_is_refused(world, login, client, app):
    idea = in_pilot(world.a)
    seen = version_of(idea)
    first = {"version": seen, "ends_on": TODAY + timedelta(days=40), "reason": "Semester"}
    assert other_client(app, world.a.admin).post(_extend(idea), data=first).status_code == 302
    after_first = unchanged()
    data = {"version": seen, "ends_on": TODAY + timedelta(days=90), "reason": "Sjukskrivningar"}
    response = login(world.a.manager).post(_extend(idea), data=data)
    assert response.status_code == 409
    assert STALE in response.text
    assert unchanged() == after_first


def test_an_idea_without_a_running_pilot_cannot_be_extended(world, login, client):
    idea = prioritised_idea(world.a)
    before = unchanged()
    client = login(world.a.manager)
    assert client.get(_extend(idea)).status_code == 409
    data = {"version": version_of(idea), "ends_on": TODAY + timedelta(days=9), "reason": "x"}
    assert client.post(_extend(idea), data=data).status_code == 409
    assert unchanged() == before


# ---------------------------------------------------------------- who may plan and extend


def _requests(org, idea) -> dict[str, tuple[str, str, dict]]:
    version = version_of(idea)
    extension = {"version": version, "ends_on": TODAY + timedelta(days=90), "reason": "Semester"}
    return {
        "plan form": ("GET", _new(idea), {}),
        "plan": ("POST", _new(idea), _plan(org, idea, version=version)),
        "add a criterion": ("POST", _new(idea), {"version": version, "add_row": "criteria"}),
        "extend form": ("GET", _extend(idea), {}),
        "extend": ("POST", _extend(idea), extension),
    }


@pytest.mark.parametrize("role", ["employee", "leader", "school_manager"])
@pytest.mark.parametrize(
    "action", ["plan form", "plan", "add a criterion", "extend form", "extend"]
)
def test_who_does_not_manage_the_idea_may_not_plan_or_extend(world, login, client, role, action):
    idea = in_pilot(world.a) if action.startswith("extend") else prioritised_idea(world.a)
    method, url, data = _requests(world.a, idea)[action]
    before = unchanged()
    response = login(getattr(world.a, role)).open(url, method=method, data=data)
    assert response.status_code == 403
    assert "You do not have access to this" in response.text
    assert unchanged() == before


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader", "admin"])
def test_another_organisations_idea_is_not_found_when_planning_or_extending(
    world, login, client, role
):
    planned = in_pilot(world.b)
    prioritised = prioritised_idea(world.b)
    before = unchanged()
    client = login(getattr(world.a, role))
    for action, (method, url, data) in {
        **_requests(world.b, prioritised),
        "extend form": _requests(world.b, planned)["extend form"],
        "extend": _requests(world.b, planned)["extend"],
    }.items():
        response = client.open(url, method=method, data=data)
        assert response.status_code == 404, action
        assert "Digital signering" not in response.text
    assert unchanged() == before


@pytest.mark.parametrize("idea_id", [999999, 2**31, 10**20])
@pytest.mark.parametrize("page", ["pilot/new", "pilot/extend"])
def test_an_unknown_idea_is_not_found(world, login, client, idea_id, page):
    client = login(world.a.admin)
    assert client.get(f"/ideas/{idea_id}/{page}").status_code == 404
    assert client.post(f"/ideas/{idea_id}/{page}", data={"version": 1}).status_code == 404


@pytest.mark.parametrize("page", ["pilot/new", "pilot/extend"])
def test_planning_and_extending_need_a_login(client, page):
    response = client.get(f"/ideas/1/{page}")
    assert response.status_code == 302
    assert _login_next(response.headers["Location"]) == f"/ideas/1/{page}"
    response = client.post(f"/ideas/1/{page}", data={"version": 1})
    assert response.headers["Location"] == "/login"
