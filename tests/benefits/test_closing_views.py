"""The closing routes of a benefit, for every role: propose, confirm (sign off), evaporate or
cancel. Every refused write leaves the database as it was."""

from datetime import timedelta

import pytest

from tests.benefit_factories import TODAY
from tests.benefits.helpers import closing_state
from tests.benefits.test_closing_services import (
    fresh,
    in_follow_up,
    proposed,
)
from tests.ideas.helpers import _flash
from tests.pilots.helpers import field_error
from tracker.benefits import closing
from tracker.benefits.rules import Lifecycle
from tracker.extensions import db

HX = {"HX-Request": "true"}
OTHERS = ["leader", "admin", "school_manager"]  # of the idea's organisation, none the owner


def _propose(benefit) -> str:
    return f"/benefits/{benefit.id}/propose"


def _confirm(benefit) -> str:
    return f"/benefits/{benefit.id}/confirm"


def _close(benefit) -> str:
    return f"/benefits/{benefit.id}/close"


def _assess(idea) -> str:
    return f"/ideas/{idea.id}/closing"


def _final(benefit, **overrides) -> dict:
    data = {"on": TODAY.isoformat(), "value": "12", "version": fresh(benefit).version}
    data.update(overrides)
    return data


# ---------------------------------------------------------------- propose


def test_the_owner_proposes_the_benefit_as_realised_with_a_final_value(world, login, client):
    idea, benefit = in_follow_up(world.a)
    client = login(world.a.employee)
    page = client.get(_propose(benefit))
    assert page.status_code == 200
    assert "Propose the benefit as realised" in page.text
    assert f'name="version" type="hidden" value="{benefit.version}"' in page.text
    response = client.post(_propose(benefit), data=_final(benefit, data_source="Ärendesystemet"))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/benefits/{benefit.id}"
    benefit = fresh(benefit)
    assert benefit.proposed_by_id == world.a.employee.id
    assert benefit.lifecycle is Lifecycle.REALISING
    assert benefit.latest_value == 12
    assert "The final value is recorded and the benefit is proposed as realised." in _flash(
        client.get(f"/benefits/{benefit.id}")
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"value": "tolv"}, "value", "Enter a number, such as 1.5."),
        ({"value": "1000000000000"}, "value", "The number is too large."),
        ({"value": ""}, "value", "This field is required."),
        ({"on": ""}, "on", "This field is required."),
        (
            {"on": (TODAY - timedelta(days=400)).isoformat()},
            "on",
            "A measurement cannot be dated before the baseline date.",
        ),
        (
            {"on": (TODAY + timedelta(days=1)).isoformat()},
            "on",
            "A measurement cannot be dated in the future.",
        ),
    ],
    ids=["not-a-number", "huge", "no-value", "no-date", "before-baseline", "future"],
)
def test_a_bad_final_value_is_shown_on_its_field_and_nothing_is_saved(
    world, login, client, overrides, field, message
):
    idea, benefit = in_follow_up(world.a)
    before = closing_state()
    response = login(world.a.employee).post(_propose(benefit), data=_final(benefit, **overrides))
    assert response.status_code == 422
    assert field_error(response, field) == message
    assert closing_state() == before


def test_a_proposal_on_a_changed_benefit_is_refused_and_carries_the_new_version(
    world, login, client
):
    idea, benefit = in_follow_up(world.a)
    data = _final(benefit, version=benefit.version - 1)
    before = closing_state()
    response = login(world.a.employee).post(_propose(benefit), data=data)
    assert response.status_code == 409
    assert "Someone else changed this benefit meanwhile. Nothing was saved." in response.text
    assert f'value="{benefit.version}"' in response.text
    assert closing_state() == before


def test_a_closed_benefit_cannot_be_proposed(world, login, client):
    idea, benefit = in_follow_up(world.a)
    closing.drop_benefit(benefit, world.a.manager, Lifecycle.CANCELLED, "Dubblett.", None)
    db.session.commit()
    client = login(world.a.employee)
    page = client.get(_propose(benefit))
    assert page.status_code == 200 and "This benefit is closed already." in page.text
    before = closing_state()
    response = client.post(_propose(benefit), data=_final(benefit))
    assert response.status_code == 422
    assert "This benefit is closed already." in response.text
    assert closing_state() == before


@pytest.mark.parametrize("who", ["manager", *OTHERS])
def test_only_the_benefit_owner_may_propose(world, login, client, who):
    idea, benefit = in_follow_up(world.a)
    before = closing_state()
    client = login(getattr(world.a, who))
    assert client.get(_propose(benefit)).status_code == 403
    assert client.post(_propose(benefit), data=_final(benefit)).status_code == 403
    assert closing_state() == before


@pytest.mark.parametrize("route", [_propose, _close])
@pytest.mark.parametrize("who", ["employee", "manager", "leader", "admin"])
def test_a_benefit_of_another_organisation_is_not_found(world, login, client, route, who):
    idea, benefit = in_follow_up(world.a)
    client = login(getattr(world.b, who))
    assert client.get(route(benefit)).status_code == 404
    assert client.post(route(benefit), data={}).status_code == 404
    assert client.post(_confirm(benefit), data={"version": 1}).status_code == 404
    assert client.get("/benefits/999999/propose").status_code == 404


# ---------------------------------------------------------------- confirm


@pytest.mark.parametrize("who", ["manager", "leader"])
def test_the_responsible_manager_or_a_leader_signs_off_with_one_button(world, login, client, who):
    idea, benefit = proposed(world.a)
    signer = getattr(world.a, who)
    client = login(signer)
    response = client.post(_confirm(benefit), data={"version": benefit.version})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/benefits/{benefit.id}"
    benefit = fresh(benefit)
    assert benefit.lifecycle is Lifecycle.REALISED
    assert benefit.signed_off_by_id == signer.id and benefit.signed_off_at is not None
    assert benefit.next_due_on is None
    assert "The benefit is signed off as realised." in _flash(client.get(response.location))


def test_an_htmx_sign_off_redirects_the_whole_page(world, login, client):
    idea, benefit = proposed(world.a)
    response = login(world.a.manager).post(
        _confirm(benefit), data={"version": benefit.version}, headers=HX
    )
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == f"/benefits/{benefit.id}"
    assert fresh(benefit).lifecycle is Lifecycle.REALISED


@pytest.mark.parametrize("who", ["employee", "admin", "school_manager"])
def test_signing_off_without_the_right_is_forbidden(world, login, client, who):
    """The proposer (the owner), an admin who is not the responsible manager, another manager."""
    idea, benefit = proposed(world.a)
    before = closing_state()
    response = login(getattr(world.a, who)).post(
        _confirm(benefit), data={"version": benefit.version}
    )
    assert response.status_code == 403
    assert closing_state() == before


def test_the_responsible_manager_who_proposed_cannot_sign_off_but_a_leader_can(
    world, login, client
):
    idea, benefit = proposed(world.a, owner_id=world.a.manager.id)
    before = closing_state()
    data = {"version": benefit.version}
    assert login(world.a.manager).post(_confirm(benefit), data=data).status_code == 403
    assert closing_state() == before
    assert login(world.a.leader).post(_confirm(benefit), data=data).status_code == 302
    assert fresh(benefit).signed_off_by_id == world.a.leader.id


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        ("not-proposed", "The benefit owner first proposes the benefit as realised"),
        ("stale", "Someone else changed this benefit meanwhile. Nothing was saved."),
        ("no-version", "Something in the request was missing or wrong."),
    ],
)
def test_a_sign_off_that_cannot_be_made_says_why_and_saves_nothing(
    world, login, client, prepare, message
):
    if prepare == "not-proposed":
        idea, benefit = in_follow_up(world.a)
    else:
        idea, benefit = proposed(world.a)
    data = {"version": benefit.version - 1 if prepare == "stale" else benefit.version}
    if prepare == "no-version":
        data = {}
    before = closing_state()
    client = login(world.a.manager)
    response = client.post(_confirm(benefit), data=data)
    assert response.status_code == 302
    assert message in _flash(client.get(response.location))
    assert closing_state() == before


def test_a_sign_off_is_a_post(world, login, client):
    idea, benefit = proposed(world.a)
    assert login(world.a.manager).get(_confirm(benefit)).status_code == 405


# ---------------------------------------------------------------- evaporated or cancelled


@pytest.mark.parametrize(("who", "outcome"), [("manager", "evaporated"), ("admin", "cancelled")])
def test_the_idea_manager_closes_a_benefit_with_a_reason(world, login, client, who, outcome):
    idea, benefit = in_follow_up(world.a)
    client = login(getattr(world.a, who))
    page = client.get(_close(benefit))
    assert page.status_code == 200
    assert "Close the benefit as evaporated or cancelled" in page.text
    response = client.post(
        _close(benefit),
        data={"outcome": outcome, "reason": "Verksamheten lades ned.", "version": benefit.version},
    )
    assert response.status_code == 302
    benefit = fresh(benefit)
    assert benefit.lifecycle is Lifecycle(outcome)
    assert benefit.closing_reason == "Verksamheten lades ned."
    assert f"The benefit is closed as {outcome}." in _flash(client.get(response.location))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"outcome": "evaporated", "reason": "  "}, "reason", "Give a reason."),
        ({"reason": "Ingen effekt."}, "outcome", "Choose how the benefit ends."),
        ({"outcome": "realised", "reason": "Klart."}, "outcome", "Not a valid choice."),
        (
            {"outcome": "cancelled", "reason": "x" * 2001},
            "reason",
            "Field cannot be longer than 2000 characters.",
        ),
    ],
    ids=["no-reason", "no-outcome", "realised-is-not-a-drop", "reason-too-long"],
)
def test_a_bad_close_is_shown_on_its_field_and_nothing_is_saved(
    world, login, client, data, field, message
):
    idea, benefit = in_follow_up(world.a)
    before = closing_state()
    response = login(world.a.manager).post(
        _close(benefit), data={**data, "version": benefit.version}
    )
    assert response.status_code == 422
    assert field_error(response, field) == message
    assert closing_state() == before


def test_a_closed_benefit_cannot_be_closed_again(world, login, client):
    idea, benefit = proposed(world.a)
    closing.confirm_realised(benefit, world.a.manager, None)
    db.session.commit()
    client = login(world.a.manager)
    assert "This benefit is closed already." in client.get(_close(benefit)).text
    before = closing_state()
    data = {"outcome": "cancelled", "reason": "Ändå.", "version": fresh(benefit).version}
    response = client.post(_close(benefit), data=data)
    assert response.status_code == 422
    assert closing_state() == before


@pytest.mark.parametrize("who", ["employee", "leader", "school_manager"])
def test_only_the_idea_manager_closes_a_benefit(world, login, client, who):
    idea, benefit = in_follow_up(world.a)
    before = closing_state()
    client = login(getattr(world.a, who))
    assert client.get(_close(benefit)).status_code == 403
    data = {"outcome": "cancelled", "reason": "Nej.", "version": benefit.version}
    assert client.post(_close(benefit), data=data).status_code == 403
    assert closing_state() == before


@pytest.mark.parametrize(
    "url",
    ["/benefits/{b}/propose", "/benefits/{b}/close", "/ideas/{i}/closing"],
)
def test_the_closing_pages_need_a_login(world, client, url):
    idea, benefit = in_follow_up(world.a)
    response = client.get(url.format(b=benefit.id, i=idea.id))
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = client.post(_confirm(benefit), data={"version": benefit.version})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
