"""Moving ideas between stages, and who may do what on every route.

Every refused write is checked against the database: nothing of it is saved.
"""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.factories import db_state, make_idea, reload, version_of
from tests.ideas.helpers import (
    STALE,
    _assessed,
    _flash,
    _history,
    _idea_data,
    _in_screening,
    _login_next,
    _submitted,
    _url,
)
from tests.pilot_factories import in_rollout
from tracker.extensions import db
from tracker.ideas.models import StageChange
from tracker.ideas.stages import Stage

# ---------------------------------------------------------------- move


def test_an_assessed_idea_moves_to_prioritised(world, login, client):
    idea = _assessed(world.a)
    client = login(world.a.manager)
    assert "Move to Prioritised" in client.get(_url(idea)).text
    response = client.post(_url(idea, "move/prioritised"), data={"version": version_of(idea)})
    assert response.status_code == 302
    assert reload(idea).stage is Stage.PRIORITISED
    assert _history(idea)[-1] == (Stage.SCREENING, Stage.PRIORITISED, world.a.manager.id, "")
    assert "The idea is moved to Prioritised." in _flash(client.get(_url(idea)))


def test_an_idea_without_an_assessment_does_not_move_to_prioritised(world, login, client):
    idea = _in_screening(world.a)
    before = db_state()
    response = login(world.a.manager).post(
        _url(idea, "move/prioritised"), data={"version": version_of(idea)}
    )
    assert response.status_code == 422
    assert "The idea needs an assessment: scores, a strategic goal and a rationale." in (
        response.text
    )
    assert db_state() == before


def test_a_move_whose_gate_is_not_met_is_refused_with_every_reason(world, login, client):
    idea = in_rollout(world.a)
    before = db_state()
    client = login(world.a.manager)
    page = client.get(_url(idea))
    assert "Move to Benefit follow-up" in page.text
    response = client.post(_url(idea, "move/follow_up"), data={"version": version_of(idea)})
    assert response.status_code == 422
    assert "Benefit follow-up needs a rollout where at least one unit is done." in response.text
    assert "Benefit follow-up needs a planned benefit: a baseline, a target and an owner." in (
        response.text
    )
    assert db_state() == before


def test_a_plain_move_to_pilot_is_refused_without_a_pilot_plan(world, login, client):
    idea = make_idea(
        world.a.employee, world.a.home_care, Stage.PRIORITISED, owner_id=world.a.manager.id
    )
    db.session.commit()
    before = db_state()
    client = login(world.a.manager)
    response = client.post(_url(idea, "move/pilot"), data={"version": version_of(idea)})
    assert response.status_code == 422
    assert "Moving to pilot needs a pilot plan" in response.text
    assert db_state() == before


def test_a_move_the_table_does_not_have_is_refused_with_a_message(world, login, client):
    idea = _submitted(world.a)
    before = db_state()
    client = login(world.a.manager)
    page = client.get(_url(idea, "move/realised"))
    assert "An idea cannot move from Submitted to Realised." in page.text
    response = client.post(_url(idea, "move/realised"), data={"version": version_of(idea)})
    assert response.status_code == 400
    assert "An idea cannot move from Submitted to Realised." in response.text
    assert db_state() == before


def test_a_move_to_an_unknown_stage_is_not_found(world, login, client):
    idea = _submitted(world.a)
    before = db_state()
    client = login(world.a.manager)
    assert client.get(_url(idea, "move/bogus")).status_code == 404
    response = client.post(_url(idea, "move/bogus"), data={"version": version_of(idea)})
    assert response.status_code == 404
    assert db_state() == before


def test_a_manager_declines_an_idea_and_the_submitter_reads_why(world, login, client):
    idea = _in_screening(world.a)
    reason = "Vi har redan ett avtal som täcker detta."
    client = login(world.a.manager)
    form = client.get(_url(idea, "move/declined"))
    assert form.status_code == 200
    assert "The reason is shown to the person who submitted the idea." in form.text
    response = client.post(
        _url(idea, "move/declined"), data={"version": version_of(idea), "reason": reason}
    )
    assert response.status_code == 302
    assert reload(idea).stage is Stage.DECLINED
    assert _history(idea)[-1] == (Stage.SCREENING, Stage.DECLINED, world.a.manager.id, reason)
    page = login(world.a.employee).get(_url(idea))
    assert 'class="badge stage-declined">Declined<' in page.text
    assert reason in page.text


@pytest.mark.parametrize("reason", ["", "   \n  "], ids=["empty", "blank"])
def test_a_decline_needs_a_reason(world, login, client, reason):
    idea = _in_screening(world.a)
    before = db_state()
    response = login(world.a.manager).post(
        _url(idea, "move/declined"), data={"version": version_of(idea), "reason": reason}
    )
    assert response.status_code == 422
    assert "Give a reason." in response.text
    assert db_state() == before


def test_a_manager_parks_an_idea_with_a_reason_and_a_revisit_date(world, login, client):
    idea = _in_screening(world.a)
    revisit = date.today() + timedelta(days=90)
    client = login(world.a.manager)
    form = client.get(_url(idea, "move/parked"))
    assert 'name="revisit_on"' in form.text
    data = {"version": version_of(idea), "reason": "Vänta på budget", "revisit_on": revisit}
    response = client.post(_url(idea, "move/parked"), data=data)
    assert response.status_code == 302
    idea = reload(idea)
    assert (idea.stage, idea.revisit_on) == (Stage.PARKED, revisit)
    change = db.session.scalars(select(StageChange).order_by(StageChange.id.desc())).first()
    assert (change.reason, change.revisit_on) == ("Vänta på budget", revisit)
    page = client.get(_url(idea))
    assert "<dt>Revisit on</dt>" in page.text
    assert "Vänta på budget" in page.text


BAD_PARKINGS = {
    "no reason": ({"reason": ""}, "Give a reason."),
    "no date": ({"revisit_on": ""}, "Give a date to revisit the idea."),
    "today": ({"revisit_on": date.today()}, "The revisit date must be in the future."),
    "yesterday": (
        {"revisit_on": date.today() - timedelta(days=1)},
        "The revisit date must be in the future.",
    ),
    "not a date": ({"revisit_on": "nästa vår"}, "Not a valid date value."),
    "long reason": ({"reason": "x" * 2001}, "longer than 2000"),
}


@pytest.mark.parametrize(("overrides", "message"), BAD_PARKINGS.values(), ids=BAD_PARKINGS)
def test_a_bad_parking_is_refused_with_a_message_and_nothing_is_saved(
    world, login, client, overrides, message
):
    idea = _in_screening(world.a)
    before = db_state()
    data = {
        "version": version_of(idea),
        "reason": "Vänta på budget",
        "revisit_on": date.today() + timedelta(days=30),
        **overrides,
    }
    response = login(world.a.manager).post(_url(idea, "move/parked"), data=data)
    assert response.status_code == 422
    assert message in response.text
    assert db_state() == before


def test_a_stale_move_is_refused_with_a_message_and_nothing_of_it_is_saved(
    world, login, client, app
):
    idea = _in_screening(world.a)
    seen = version_of(idea)
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = world.a.admin.get_id()
    declined = other.post(_url(idea, "move/declined"), data={"version": seen, "reason": "Nej"})
    assert declined.status_code == 302
    after_first = db_state()
    data = {"version": seen, "reason": "Vänta", "revisit_on": date.today() + timedelta(days=9)}
    response = login(world.a.manager).post(_url(idea, "move/parked"), data=data)
    assert response.status_code == 409
    assert STALE in response.text
    assert "now at stage Declined" in response.text
    assert db_state() == after_first


def test_a_parked_idea_is_revived_into_screening(world, login, client):
    idea = make_idea(world.a.employee, world.a.home_care, Stage.PARKED, owner_id=world.a.manager.id)
    db.session.commit()
    client = login(world.a.manager)
    assert "Revive into Screening" in client.get(_url(idea)).text
    response = client.post(_url(idea, "move/screening"), data={"version": version_of(idea)})
    assert response.status_code == 302
    assert reload(idea).stage is Stage.SCREENING


# ---------------------------------------------------------------- who may do what


def _write_requests(org, idea) -> dict[str, tuple[str, str, dict]]:
    version = version_of(idea)
    scores = {f"score_{c.id}": 3 for c in org.criteria}
    return {
        "take": ("POST", _url(idea, "take"), {"version": version}),
        "assess form": ("GET", _url(idea, "assess"), {}),
        "assess": (
            "POST",
            _url(idea, "assess"),
            {**scores, "strategic_goal_id": org.goal.id, "rationale": "x", "version": version},
        ),
        "move form": ("GET", _url(idea, "move/declined"), {}),
        "move": ("POST", _url(idea, "move/declined"), {"version": version, "reason": "Nej"}),
        "move forward": ("POST", _url(idea, "move/screening"), {"version": version}),
    }


@pytest.mark.parametrize("role", ["employee", "leader", "school_manager"])
@pytest.mark.parametrize(
    "action", ["take", "assess form", "assess", "move form", "move", "move forward"]
)
def test_who_may_not_manage_an_idea_is_forbidden_and_nothing_changes(
    world, login, client, role, action
):
    stage = Stage.SUBMITTED if action in ("take", "move forward") else Stage.SCREENING
    idea = make_idea(world.a.employee, world.a.home_care, stage, owner_id=world.a.manager.id)
    db.session.commit()
    method, url, data = _write_requests(world.a, idea)[action]
    before = db_state()
    response = login(getattr(world.a, role)).open(url, method=method, data=data)
    assert response.status_code == 403
    assert "You do not have access to this" in response.text
    assert db_state() == before


def test_a_manager_of_another_unit_cannot_even_read_a_confidential_idea(world, login, client):
    idea = _submitted(world.a, confidential=True)
    before = db_state()
    client = login(world.a.school_manager)
    assert client.get(_url(idea)).status_code == 403
    assert client.get(_url(idea, "edit")).status_code == 403
    version = version_of(idea)
    assert client.post(_url(idea, "withdraw"), data={"version": version}).status_code == 403
    assert "Digital signering av avtal" not in client.get("/ideas/").text
    assert db_state() == before


def _every_route(idea_id: int, org) -> list[tuple[str, str, dict]]:
    scores = {f"score_{c.id}": 3 for c in org.criteria}
    base = f"/ideas/{idea_id}"
    return [
        ("GET", base, {}),
        ("GET", base + "/edit", {}),
        ("POST", base + "/edit", _idea_data(org, version=1)),
        ("POST", base + "/withdraw", {"version": 1}),
        ("POST", base + "/take", {"version": 1}),
        ("GET", base + "/assess", {}),
        ("POST", base + "/assess", {**scores, "strategic_goal_id": org.goal.id, "version": 1}),
        ("GET", base + "/move/declined", {}),
        ("POST", base + "/move/declined", {"version": 1, "reason": "Nej"}),
        ("POST", base + "/move/screening", {"version": 1}),
    ]


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader", "admin"])
def test_another_organisations_idea_is_not_found_on_every_route(world, login, client, role):
    idea = make_idea(world.b.employee, world.b.home_care, Stage.SCREENING)
    db.session.commit()
    before = db_state()
    client = login(getattr(world.a, role))
    for method, url, data in _every_route(idea.id, world.b):
        response = client.open(url, method=method, data=data)
        assert response.status_code == 404, (method, url)
        assert "Page not found" in response.text
        assert "Digital signering" not in response.text
    assert db_state() == before


@pytest.mark.parametrize("idea_id", [999, 2**31, 99999999999999999999999])
def test_an_idea_that_does_not_exist_is_not_found_on_every_route(world, login, client, idea_id):
    client = login(world.a.admin)
    for method, url, data in _every_route(idea_id, world.a):
        assert client.open(url, method=method, data=data).status_code == 404, (method, url)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/ideas/"),
        ("GET", "/ideas/new"),
        ("POST", "/ideas/new"),
        ("GET", "/ideas/1"),
        ("POST", "/ideas/1/take"),
        ("POST", "/ideas/1/move/declined"),
        ("GET", "/ideas/1/assess"),
    ],
)
def test_every_idea_page_needs_a_login(client, method, url):
    response = client.open(url, method=method)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_a_post_without_a_session_returns_to_the_login_without_a_post_only_next(client):
    response = client.post("/ideas/1/take", data={"version": 1})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"


def test_an_htmx_post_without_a_session_returns_to_the_page_it_came_from(client):
    headers = {"HX-Request": "true", "HX-Current-URL": "http://localhost/ideas/1"}
    response = client.post("/ideas/1/take", data={"version": 1}, headers=headers)
    assert _login_next(response.headers["HX-Redirect"]) == "/ideas/1"


def test_an_htmx_request_from_another_site_gets_no_next(client):
    headers = {"HX-Request": "true", "HX-Current-URL": "http://evil.example/ideas/1"}
    response = client.get("/ideas/", headers=headers)
    assert response.headers["HX-Redirect"] == "/login"
