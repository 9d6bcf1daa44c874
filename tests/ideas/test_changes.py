"""Changing an idea: edit and withdraw by the submitter, take and assess by a manager.

Every refused write is checked against the database: nothing of it is saved.
"""

import re

import pytest

from tests.factories import db_state, make_idea, reload, version_of
from tests.ideas.helpers import (
    NOT_A_CHOICE,
    REQUIRED,
    STALE,
    _assessed,
    _assessment_data,
    _flash,
    _history,
    _idea_data,
    _in_screening,
    _submitted,
    _url,
)
from tracker.extensions import db
from tracker.ideas.stages import Stage

# ---------------------------------------------------------------- edit and withdraw


def test_the_submitter_edits_a_submitted_idea(world, login, client):
    idea = _submitted(world.a)
    client = login(world.a.employee)
    form = client.get(_url(idea, "edit"))
    assert form.status_code == 200
    assert "Digital signering av avtal" in form.text
    assert f'name="version" type="hidden" value="{version_of(idea)}"' in form.text
    data = _idea_data(world.a, title="E-signering", version=version_of(idea))
    response = client.post(_url(idea, "edit"), data=data)
    assert response.status_code == 302
    assert reload(idea).title == "E-signering"
    assert "Your changes are saved." in _flash(client.get(_url(idea)))


def test_the_second_of_two_concurrent_edits_is_refused_and_nothing_of_it_is_saved(
    world, login, client, app
):
    idea = _submitted(world.a)
    seen = version_of(idea)
    first = login(world.a.employee)
    second = app.test_client()
    second.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    with second.session_transaction() as session:
        session["_user_id"] = world.a.employee.get_id()
    saved = first.post(_url(idea, "edit"), data=_idea_data(world.a, title="Första", version=seen))
    assert saved.status_code == 302
    after_first = db_state()
    response = second.post(
        _url(idea, "edit"), data=_idea_data(world.a, title="Andra", need="Annat", version=seen)
    )
    assert response.status_code == 409
    assert STALE in response.text
    assert "Andra" in response.text  # the user's text is kept in the form
    assert f'name="version" type="hidden" value="{version_of(idea)}"' in response.text
    assert db_state() == after_first
    assert reload(idea).title == "Första"


def test_an_idea_cannot_be_edited_once_a_manager_has_taken_it(world, login, client):
    idea = _in_screening(world.a)
    before = db_state()
    client = login(world.a.employee)
    assert client.get(_url(idea, "edit")).status_code == 403
    data = _idea_data(world.a, title="Ändrad", version=version_of(idea))
    assert client.post(_url(idea, "edit"), data=data).status_code == 403
    assert "Edit the idea" not in client.get(_url(idea)).text
    assert db_state() == before


@pytest.mark.parametrize("role", ["manager", "leader", "admin"])
def test_only_the_submitter_edits(world, login, client, role):
    idea = _submitted(world.a)
    before = db_state()
    client = login(getattr(world.a, role))
    data = _idea_data(world.a, title="Ändrad", version=version_of(idea))
    assert client.get(_url(idea, "edit")).status_code == 403
    assert client.post(_url(idea, "edit"), data=data).status_code == 403
    assert db_state() == before


def test_an_edit_to_a_unit_of_another_organisation_is_refused(world, login, client):
    idea = _submitted(world.a)
    before = db_state()
    data = _idea_data(world.a, unit_id=world.b.social.id, version=version_of(idea))
    response = login(world.a.employee).post(_url(idea, "edit"), data=data)
    assert response.status_code == 422
    assert NOT_A_CHOICE in response.text
    assert db_state() == before


def test_the_submitter_withdraws_a_submitted_idea(world, login, client):
    idea = _submitted(world.a)
    client = login(world.a.employee)
    response = client.post(_url(idea, "withdraw"), data={"version": version_of(idea)})
    assert response.status_code == 302
    assert reload(idea).stage is Stage.WITHDRAWN
    assert _history(idea)[-1] == (Stage.SUBMITTED, Stage.WITHDRAWN, world.a.employee.id, "")
    page = client.get(_url(idea))
    assert "Your idea is withdrawn." in _flash(page)
    assert "Withdraw the idea" not in page.text


def test_a_stale_withdrawal_is_refused_with_a_message_and_nothing_is_saved(world, login, client):
    idea = _submitted(world.a)
    before = db_state()
    client = login(world.a.employee)
    response = client.post(_url(idea, "withdraw"), data={"version": version_of(idea) - 1})
    assert STALE in _flash(client.get(response.headers["Location"]))
    assert db_state() == before


@pytest.mark.parametrize("role", ["manager", "leader", "admin"])
def test_only_the_submitter_withdraws(world, login, client, role):
    idea = _submitted(world.a)
    before = db_state()
    response = login(getattr(world.a, role)).post(
        _url(idea, "withdraw"), data={"version": version_of(idea)}
    )
    assert response.status_code == 403
    assert db_state() == before


def test_an_idea_in_screening_cannot_be_withdrawn(world, login, client):
    idea = _in_screening(world.a)
    before = db_state()
    response = login(world.a.employee).post(
        _url(idea, "withdraw"), data={"version": version_of(idea)}
    )
    assert response.status_code == 403
    assert db_state() == before


# ---------------------------------------------------------------- take


def test_a_manager_takes_an_idea_and_it_moves_to_screening(world, login, client):
    idea = _submitted(world.a)
    client = login(world.a.manager)
    page = client.get(_url(idea))
    assert "I am responsible" in page.text
    response = client.post(_url(idea, "take"), data={"version": version_of(idea)})
    assert response.status_code == 302
    idea = reload(idea)
    assert (idea.owner_id, idea.stage) == (world.a.manager.id, Stage.SCREENING)
    assert _history(idea)[-1] == (Stage.SUBMITTED, Stage.SCREENING, world.a.manager.id, "")
    page = client.get(_url(idea))
    assert "You are now responsible for the idea. It is in screening." in _flash(page)
    assert "<dt>Responsible</dt><dd>Maja Berg</dd>" in page.text
    assert "I am responsible" not in page.text


def test_an_admin_takes_an_idea_of_any_unit(world, login, client):
    idea = make_idea(world.a.employee, world.a.school)
    db.session.commit()
    response = login(world.a.admin).post(_url(idea, "take"), data={"version": version_of(idea)})
    assert response.status_code == 302
    assert reload(idea).owner_id == world.a.admin.id


def test_a_stale_take_is_refused_with_a_message_and_nothing_is_saved(world, login, client):
    idea = _submitted(world.a)
    seen = version_of(idea)
    edited = login(world.a.employee).post(
        _url(idea, "edit"), data=_idea_data(world.a, title="Ändrad", version=seen)
    )
    assert edited.status_code == 302
    before = db_state()
    client = login(world.a.manager)
    response = client.post(_url(idea, "take"), data={"version": seen})
    assert STALE in _flash(client.get(response.headers["Location"]))
    assert db_state() == before


def test_an_idea_already_in_screening_cannot_be_taken_again(world, login, client):
    idea = _in_screening(world.a)
    before = db_state()
    client = login(world.a.manager)
    response = client.post(_url(idea, "take"), data={"version": version_of(idea)})
    assert "An idea cannot move from Screening to Screening." in _flash(
        client.get(response.headers["Location"])
    )
    assert db_state() == before


@pytest.mark.parametrize("version", ["x", ""], ids=["not-a-number", "empty"])
def test_a_take_without_a_valid_version_is_a_bad_request(world, login, client, version):
    idea = _submitted(world.a)
    before = db_state()
    response = login(world.a.manager).post(_url(idea, "take"), data={"version": version})
    assert response.status_code == 400
    assert db_state() == before


# ---------------------------------------------------------------- assess


def test_a_manager_assesses_an_idea_and_its_priority_is_computed_and_shown(world, login, client):
    idea = _in_screening(world.a)
    benefit, feasibility, effort = world.a.criteria  # weights 2, 1, 1 (effort inverted)
    client = login(world.a.manager)
    form = client.get(_url(idea, "assess"))
    assert form.status_code == 200
    for criterion in world.a.criteria:
        assert criterion.name in form.text
    data = {
        f"score_{benefit.id}": 5,
        f"score_{feasibility.id}": 2,
        f"score_{effort.id}": 4,
        "strategic_goal_id": world.a.goal.id,
        "rationale": "Stor nytta, liten insats.",
        "version": version_of(idea),
    }
    response = client.post(_url(idea, "assess"), data=data)
    assert response.status_code == 302
    idea = reload(idea)
    # (2 * 4/4 + 1 * 1/4 + 1 * (1 - 3/4)) / 4 = 62.5 %
    assert idea.priority_score == 62.5
    assert idea.strategic_goal_id == world.a.goal.id
    assert {s.criterion_id: s.value for s in idea.assessment.scores} == {
        benefit.id: 5,
        feasibility.id: 2,
        effort.id: 4,
    }
    assert idea.assessment.assessor_id == world.a.manager.id
    page = client.get(_url(idea))
    assert "The assessment is saved." in _flash(page)
    assert "<dt>Priority score</dt><dd>62.5</dd>" in page.text
    assert "Stor nytta, liten insats." in page.text


def test_the_priority_is_written_the_swedish_way_in_swedish(world, login, client):
    idea = _assessed(world.a, value=4)  # 75 % on every criterion but the inverted one
    client = login(world.a.leader)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "sv"
    page = client.get(_url(idea))
    assert reload(idea).priority_score == 62.5
    assert re.search(r"<dd>62,5</dd>", page.text)


def test_reassessing_changes_the_scores_and_the_priority(world, login, client):
    idea = _assessed(world.a, value=3)
    data = {f"score_{c.id}": 5 for c in world.a.criteria}
    data.update(strategic_goal_id=world.a.goal.id, rationale="Ny bedömning")
    data["version"] = version_of(idea)
    client = login(world.a.manager)
    form = client.get(_url(idea, "assess"))
    assert "Bra idé." in form.text  # the current assessment is prefilled
    assert client.post(_url(idea, "assess"), data=data).status_code == 302
    idea = reload(idea)
    assert [s.value for s in idea.assessment.scores] == [5, 5, 5]
    assert idea.priority_score == 75.0  # (2 + 1 + 0) / 4
    assert idea.assessment.rationale == "Ny bedömning"


BAD_ASSESSMENTS = {
    "no rationale": (lambda o: {"rationale": ""}, REQUIRED),
    "blank rationale": (lambda o: {"rationale": "   "}, REQUIRED),
    "long rationale": (lambda o: {"rationale": "x" * 2001}, "longer than 2000"),
    "no goal": (lambda o: {"strategic_goal_id": ""}, REQUIRED),
    "goal of another organisation": (
        lambda o: {"strategic_goal_id": o.b.goal.id},
        NOT_A_CHOICE,
    ),
    "goal not a number": (lambda o: {"strategic_goal_id": "abc"}, NOT_A_CHOICE),
    "a score missing": (lambda o: {f"score_{o.a.criteria[0].id}": None}, "Choose a score."),
    "a score of six": (lambda o: {f"score_{o.a.criteria[0].id}": 6}, NOT_A_CHOICE),
    "a score of zero": (lambda o: {f"score_{o.a.criteria[0].id}": 0}, NOT_A_CHOICE),
    "a score not a number": (
        lambda o: {f"score_{o.a.criteria[0].id}": "hög"},
        NOT_A_CHOICE,
    ),
    "version not a number": (lambda o: {"version": "x"}, "Reload the page and try again."),
}


@pytest.mark.parametrize(("overrides", "message"), BAD_ASSESSMENTS.values(), ids=BAD_ASSESSMENTS)
def test_a_bad_assessment_is_refused_with_a_message_and_nothing_is_saved(
    world, login, client, overrides, message
):
    idea = _in_screening(world.a)
    before = db_state()
    data = _assessment_data(world.a, idea, **overrides(world))
    response = login(world.a.manager).post(_url(idea, "assess"), data=data)
    assert response.status_code == 422
    assert message in response.text
    assert db_state() == before


def test_a_stale_assessment_is_refused_and_nothing_is_saved(world, login, client):
    idea = _in_screening(world.a)
    data = _assessment_data(world.a, idea, version=version_of(idea) - 1)
    before = db_state()
    response = login(world.a.manager).post(_url(idea, "assess"), data=data)
    assert response.status_code == 409
    assert STALE in response.text
    assert db_state() == before


def test_a_submitted_idea_cannot_be_assessed_before_it_is_taken(world, login, client):
    idea = _submitted(world.a)
    before = db_state()
    response = login(world.a.manager).post(
        _url(idea, "assess"), data=_assessment_data(world.a, idea)
    )
    assert response.status_code == 422
    assert "Only ideas in screening or prioritised can be assessed." in response.text
    assert db_state() == before
