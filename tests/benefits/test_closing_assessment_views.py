"""An idea's closing assessment through its page, and the move to realised it gates. Every
refused write leaves the database as it was."""

import pytest

from tests.benefits.helpers import closing_state
from tests.benefits.test_closing_services import (
    in_follow_up,
    proposed,
)
from tests.factories import reload, version_of
from tests.ideas.helpers import _flash
from tests.pilot_factories import in_rollout
from tests.pilots.helpers import field_error
from tracker.benefits import closing
from tracker.extensions import db
from tracker.ideas.stages import Stage

HX = {"HX-Request": "true"}


def _assess(idea) -> str:
    return f"/ideas/{idea.id}/closing"


# ---------------------------------------------------------------- the closing assessment


def _assessment_form(org, idea, **overrides) -> dict:
    data = {
        "summary": "Handläggningstiden halverades.",
        "learnings": "Börja mäta tidigt.",
        "keeper_id": org.employee.id,
        "version": version_of(idea),
    }
    data.update(overrides)
    return data


def test_the_manager_writes_the_closing_assessment_while_a_benefit_is_open(world, login, client):
    idea, benefit = in_follow_up(world.a)
    client = login(world.a.manager)
    page = client.get(_assess(idea))
    assert page.status_code == 200
    assert "0 of 1 benefit is closed." in page.text
    assert "Save the closing assessment" in page.text
    response = client.post(_assess(idea), data=_assessment_form(world.a, idea))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert reload(idea).stage is Stage.FOLLOW_UP
    assert "The idea moves to realised when every benefit is closed." in _flash(
        client.get(response.location)
    )
    page = client.get(_assess(idea))
    assert "Handläggningstiden halverades." in page.text
    assert f'<option selected value="{world.a.employee.id}">' in page.text


def test_saving_the_closing_assessment_with_every_benefit_closed_realises_the_idea(
    world, login, client
):
    idea, benefit = proposed(world.a)
    closing.confirm_realised(benefit, world.a.leader, None)
    db.session.commit()
    client = login(world.a.admin)
    page = client.get(_assess(idea))
    assert "1 of 1 benefit is closed." in page.text
    assert "Save and move to realised" in page.text
    response = client.post(_assess(idea), data=_assessment_form(world.a, idea))
    assert response.status_code == 302
    assert reload(idea).stage is Stage.REALISED
    assert "The closing assessment is saved and the idea is realised." in _flash(
        client.get(response.location)
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"summary": "   "}, "summary", "Write a summary."),
        ({"learnings": ""}, "learnings", "Write what was learned."),
        ({"keeper_id": ""}, "keeper_id", "Choose who keeps the benefit."),
        ({"keeper_id": "999999"}, "keeper_id", "Not a valid choice."),
    ],
    ids=["no-summary", "no-learnings", "no-keeper", "unknown-keeper"],
)
def test_a_bad_closing_assessment_is_shown_on_its_field_and_nothing_is_saved(
    world, login, client, overrides, field, message
):
    idea, benefit = in_follow_up(world.a)
    before = closing_state()
    data = _assessment_form(world.a, idea, **overrides)
    response = login(world.a.manager).post(_assess(idea), data=data)
    assert response.status_code == 422
    assert field_error(response, field) == message
    assert closing_state() == before


def test_a_keeper_of_another_organisation_is_not_offered(world, login, client):
    idea, benefit = in_follow_up(world.a)
    client = login(world.a.manager)
    page = client.get(_assess(idea)).text
    assert f'<option value="{world.a.leader.id}">' in page
    assert f'<option value="{world.b.employee.id}">' not in page
    data = _assessment_form(world.a, idea, keeper_id=world.b.employee.id)
    before = closing_state()
    response = client.post(_assess(idea), data=data)
    assert response.status_code == 422
    assert field_error(response, "keeper_id") == "Not a valid choice."
    assert closing_state() == before


def test_a_closing_assessment_on_a_changed_idea_is_refused(world, login, client):
    idea, benefit = in_follow_up(world.a)
    before = closing_state()
    data = _assessment_form(world.a, idea, version=version_of(idea) - 1)
    response = login(world.a.manager).post(_assess(idea), data=data)
    assert response.status_code == 409
    assert "Someone else changed this idea while you were working on it" in response.text
    assert closing_state() == before


def test_the_closing_assessment_waits_for_benefit_follow_up(world, login, client):
    idea = in_rollout(world.a)
    client = login(world.a.manager)
    page = client.get(_assess(idea))
    assert "The closing assessment is written during benefit follow-up." in page.text
    before = closing_state()
    response = client.post(_assess(idea), data=_assessment_form(world.a, idea))
    assert response.status_code == 422
    assert "The closing assessment is written during benefit follow-up." in response.text
    assert closing_state() == before


@pytest.mark.parametrize("who", ["employee", "leader", "school_manager"])
def test_only_the_idea_manager_writes_the_closing_assessment(world, login, client, who):
    idea, benefit = in_follow_up(world.a)
    before = closing_state()
    client = login(getattr(world.a, who))
    assert client.get(_assess(idea)).status_code == 403
    assert client.post(_assess(idea), data=_assessment_form(world.a, idea)).status_code == 403
    assert closing_state() == before


@pytest.mark.parametrize("who", ["employee", "manager", "leader", "admin"])
def test_the_closing_assessment_of_another_organisation_is_not_found(world, login, client, who):
    idea, benefit = in_follow_up(world.a)
    client = login(getattr(world.b, who))
    assert client.get(_assess(idea)).status_code == 404
    assert client.post(_assess(idea), data=_assessment_form(world.a, idea)).status_code == 404


# ---------------------------------------------------------------- the move to realised


def test_the_move_button_is_refused_until_the_gate_is_met(world, login, client):
    idea, benefit = in_follow_up(world.a)
    client = login(world.a.manager)
    assert "Move to Realised" in client.get(f"/ideas/{idea.id}").text
    before = closing_state()
    response = client.post(f"/ideas/{idea.id}/move/realised", data={"version": version_of(idea)})
    assert response.status_code == 422
    assert "Realised needs every benefit closed: realised and signed off, evaporated or" in (
        response.text
    )
    assert "Realised needs a closing assessment: a summary, the learnings and who keeps" in (
        response.text
    )
    assert closing_state() == before


def test_a_card_dropped_on_realised_is_refused_with_the_reasons(world, login, client):
    idea, benefit = in_follow_up(world.a)
    before = closing_state()
    data = {"idea_id": idea.id, "version": version_of(idea), "stage": "realised"}
    response = login(world.a.manager).post("/board/move", data=data, headers=HX)
    assert response.status_code == 422
    assert "every benefit closed" in response.headers["HX-Trigger-After-Settle"]
    assert closing_state() == before
