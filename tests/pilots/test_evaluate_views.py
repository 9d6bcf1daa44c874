"""Evaluating a pilot through its page: scale up, pivot or stop, and who may do it.

Every refused write is checked against the database: nothing of it is saved.
"""

import re
from datetime import timedelta

import pytest

from tests.factories import assess, reload, version_of
from tests.ideas.helpers import NOT_A_CHOICE, STALE, _flash, _history, _login_next
from tests.pilot_factories import TODAY, evaluate, prioritised_idea
from tests.pilots.helpers import field_error, in_pilot, other_client, unchanged
from tracker.extensions import db
from tracker.ideas.stages import Stage
from tracker.pilots.models import Evaluation, Pilot
from tracker.pilots.rules import Decision, Outcome


def _url(idea) -> str:
    return f"/ideas/{idea.id}/pilot/evaluate"


def _criteria(idea) -> list[int]:
    pilot = db.session.scalars(
        db.select(Pilot).where(Pilot.idea_id == idea.id).order_by(Pilot.number.desc())
    ).first()
    return [c.id for c in pilot.criteria]


def _evaluation(idea, decision: str, **overrides) -> dict:
    first, second = _criteria(idea)
    data = {
        "version": version_of(idea),
        f"outcome_{first}": "met",
        f"evidence_{first}": "Snittet blev 8 minuter.",
        f"outcome_{second}": "partly_met",
        f"evidence_{second}": "72 % nöjda.",
        "decision": decision,
        "back_to": "prioritised",
        "learnings": "Brukarna behöver en kort introduktion.",
        "changes": "Vi byter leverantör." if decision == "pivot" else "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_form_lists_every_criterion_with_its_threshold(world, login, client):
    idea = in_pilot(world.a)
    page = login(world.a.manager).get(_url(idea))
    assert page.status_code == 200
    assert "Handläggningstid per ärende" in page.text
    assert "Threshold: under 10 minuter" in page.text
    for criterion_id in _criteria(idea):
        assert f'name="outcome_{criterion_id}"' in page.text
        assert f'name="evidence_{criterion_id}"' in page.text


def test_the_decision_and_where_a_pivot_goes_come_prefilled_from_the_link(world, login, client):
    idea = in_pilot(world.a)
    client = login(world.a.manager)
    page = client.get(_url(idea) + "?decision=pivot&back_to=screening").text
    assert re.search(
        r'<input checked id="decision-\d" name="decision" required type="radio" value="pivot">',
        page,
    )
    assert '<option selected value="screening">' in page
    page = client.get(_url(idea) + "?decision=maybe&back_to=rollout").text
    assert "checked" not in page
    assert '<option selected value="prioritised">' in page


@pytest.mark.parametrize("back_to", [Stage.PRIORITISED, Stage.SCREENING])
def test_a_pivot_sends_the_idea_back_with_what_changes_as_the_reason(world, login, client, back_to):
    idea = in_pilot(world.a)
    client = login(world.a.manager)
    data = _evaluation(idea, "pivot", back_to=back_to.value, changes="Vi testar i hemtjänsten.")
    response = client.post(_url(idea), data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert reload(idea).stage is back_to
    assert _history(idea)[-1] == (
        Stage.PILOT,
        back_to,
        world.a.manager.id,
        "Vi testar i hemtjänsten.",
    )
    evaluation = db.session.scalars(db.select(Evaluation)).one()
    assert (evaluation.decision, evaluation.changes, evaluation.evaluator_id) == (
        Decision.PIVOT,
        "Vi testar i hemtjänsten.",
        world.a.manager.id,
    )
    assert [(r.outcome, r.evidence) for r in evaluation.results] == [
        (Outcome.MET, "Snittet blev 8 minuter."),
        (Outcome.PARTLY_MET, "72 % nöjda."),
    ]
    page = client.get(f"/ideas/{idea.id}")
    assert "The pilot is evaluated: pivot. The idea is back, ready for a new plan." in _flash(page)


def test_a_pivoted_idea_is_piloted_again_and_both_pilots_show_in_order(world, login, client):
    idea = in_pilot(world.a)
    client = login(world.a.manager)
    client.post(_url(idea), data=_evaluation(idea, "pivot", changes="Ny målgrupp: nattpatrullen."))
    assert reload(idea).stage is Stage.PRIORITISED
    plan = {
        "version": version_of(idea),
        "hypothesis": "Nattpatrullen sparar en timme per natt.",
        "criteria-0-description": "Tid per natt",
        "criteria-0-threshold": "en timme kortare",
        "unit_id": world.a.home_care.id,
        "owner_id": world.a.manager.id,
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(days=30)).isoformat(),
    }
    response = client.post(f"/ideas/{idea.id}/pilot/new", data=plan)
    assert response.status_code == 302
    assert reload(idea).stage is Stage.PILOT
    numbers = db.session.scalars(db.select(Pilot.number).where(Pilot.idea_id == idea.id))
    assert list(numbers) == [1, 2]
    page = client.get(f"/ideas/{idea.id}").text
    first, second = page.index('id="pilot-1-heading"'), page.index('id="pilot-2-heading"')
    assert first < second
    assert "Ny målgrupp: nattpatrullen." in page[first:second]
    assert "Nattpatrullen sparar en timme per natt." in page[second:]
    assert "Evaluate: scale up" in page  # the second pilot is the one to evaluate now


def test_a_screened_again_idea_is_prioritised_and_piloted_again(world, login, client):
    idea = in_pilot(world.a)
    client = login(world.a.manager)
    data = _evaluation(idea, "pivot", back_to="screening")
    assert client.post(_url(idea), data=data).status_code == 302
    assert reload(idea).stage is Stage.SCREENING
    assess(reload(idea), world.a.manager)
    db.session.commit()
    response = client.post(f"/ideas/{idea.id}/move/prioritised", data={"version": version_of(idea)})
    assert response.status_code == 302
    assert reload(idea).stage is Stage.PRIORITISED
    assert "Plan a pilot" in client.get(f"/ideas/{idea.id}").text


def test_a_stop_closes_the_idea_with_its_learnings(world, login, client):
    idea = in_pilot(world.a)
    client = login(world.a.manager)
    data = _evaluation(idea, "stop", learnings="Tekniken var inte mogen för hemtjänsten.")
    response = client.post(_url(idea), data=data)
    assert response.status_code == 302
    assert reload(idea).stage is Stage.STOPPED
    reason = "Tekniken var inte mogen för hemtjänsten."
    assert _history(idea)[-1] == (Stage.PILOT, Stage.STOPPED, world.a.manager.id, reason)
    evaluation = db.session.scalars(db.select(Evaluation)).one()
    assert (evaluation.decision, evaluation.learnings, evaluation.changes) == (
        Decision.STOP,
        reason,
        "",
    )
    page = client.get(f"/ideas/{idea.id}")
    assert "The learnings are kept for the organisation." in _flash(page)
    assert reason in page.text


def test_a_scale_up_keeps_the_idea_in_pilot_and_opens_the_rollout_plan(world, login, client):
    idea = in_pilot(world.a)
    history = _history(idea)
    client = login(world.a.manager)
    response = client.post(_url(idea) + "?next=/board/", data=_evaluation(idea, "scale_up"))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}/rollout?next=/board/"
    assert reload(idea).stage is Stage.PILOT
    assert _history(idea) == history
    assert db.session.scalars(db.select(Evaluation.decision)).one() is Decision.SCALE_UP
    page = client.get(f"/ideas/{idea.id}/rollout")
    assert page.status_code == 200
    assert "The pilot is evaluated: scale up. Now plan the rollout." in _flash(page)


def test_a_pilot_already_evaluated_cannot_be_evaluated_again(world, login, client):
    idea = in_pilot(world.a)
    evaluate(idea, world.a.manager, Decision.SCALE_UP)
    before = unchanged()
    client = login(world.a.manager)
    assert client.get(_url(idea)).status_code == 409
    data = {"version": version_of(idea), "decision": "stop", "learnings": "x"}
    assert client.post(_url(idea), data=data).status_code == 409
    assert unchanged() == before


def test_an_idea_that_never_had_a_pilot_has_nothing_to_evaluate(world, login, client):
    idea = prioritised_idea(world.a)
    before = unchanged()
    client = login(world.a.manager)
    assert client.get(_url(idea)).status_code == 409
    assert client.post(_url(idea), data={"version": version_of(idea)}).status_code == 409
    assert unchanged() == before


BAD_EVALUATIONS = {
    "a criterion unassessed": (
        "pivot",
        {"outcome_FIRST": None},
        "outcome_FIRST",
        "Choose how far the criterion was met.",
    ),
    "an outcome that does not exist": (
        "stop",
        {"outcome_SECOND": "great"},
        "outcome_SECOND",
        NOT_A_CHOICE,
    ),
    "pivot without what changes": (
        "pivot",
        {"changes": "  "},
        "changes",
        "A pivot needs what changes.",
    ),
    "stop without learnings": (
        "stop",
        {"learnings": ""},
        "learnings",
        "A stop needs what was learned.",
    ),
    "no decision": (None, {}, "decision", "Choose a decision."),
    "a decision that does not exist": ("continue", {}, "decision", NOT_A_CHOICE),
    "a pivot to a stage it cannot go back to": (
        "pivot",
        {"back_to": "rollout"},
        "back_to",
        NOT_A_CHOICE,
    ),
}


@pytest.mark.parametrize(
    ("decision", "overrides", "name", "message"), BAD_EVALUATIONS.values(), ids=BAD_EVALUATIONS
)
def test_a_bad_evaluation_is_shown_again_with_the_message_on_its_field_and_nothing_saved(
    world, login, client, decision, overrides, name, message
):
    idea = in_pilot(world.a)
    first, second = _criteria(idea)
    ids = {"FIRST": str(first), "SECOND": str(second)}
    overrides = {
        key.replace("FIRST", ids["FIRST"]).replace("SECOND", ids["SECOND"]): value
        for key, value in overrides.items()
    }
    name = name.replace("FIRST", ids["FIRST"]).replace("SECOND", ids["SECOND"])
    before = unchanged()
    response = login(world.a.manager).post(
        _url(idea), data=_evaluation(idea, decision, **overrides)
    )
    assert response.status_code == 422
    assert field_error(response, name) == message
    assert unchanged() == before
    assert reload(idea).stage is Stage.PILOT


def test_an_evaluation_on_a_version_changed_meanwhile_is_refused_and_nothing_saved(
    world, login, client, app
):
    idea = in_pilot(world.a)
    seen = version_of(idea)
    extension = {"version": seen, "ends_on": TODAY + timedelta(days=60), "reason": "Semester"}
    moved = other_client(app, world.a.admin).post(f"/ideas/{idea.id}/pilot/extend", data=extension)
    assert moved.status_code == 302
    after_first = unchanged()
    response = login(world.a.manager).post(_url(idea), data=_evaluation(idea, "stop", version=seen))
    assert response.status_code == 409
    assert STALE in response.text
    assert unchanged() == after_first
    assert reload(idea).stage is Stage.PILOT


# ---------------------------------------------------------------- who may evaluate


@pytest.mark.parametrize("role", ["employee", "leader", "school_manager"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_who_does_not_manage_the_idea_may_not_evaluate(world, login, client, role, method):
    idea = in_pilot(world.a)
    data = _evaluation(idea, "stop") if method == "POST" else {}
    before = unchanged()
    response = login(getattr(world.a, role)).open(_url(idea), method=method, data=data)
    assert response.status_code == 403
    assert "You do not have access to this" in response.text
    assert unchanged() == before


def test_an_admin_evaluates(world, login, client):
    idea = in_pilot(world.a)
    response = login(world.a.admin).post(_url(idea), data=_evaluation(idea, "stop"))
    assert response.status_code == 302
    assert reload(idea).stage is Stage.STOPPED
    assert _history(idea)[-1][2] == world.a.admin.id


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader", "admin"])
def test_another_organisations_pilot_is_not_found(world, login, client, role):
    idea = in_pilot(world.b)
    data = _evaluation(idea, "stop")
    before = unchanged()
    client = login(getattr(world.a, role))
    for method in ("GET", "POST"):
        response = client.open(_url(idea), method=method, data=data)
        assert response.status_code == 404, method
        assert "Digital signering" not in response.text
    assert unchanged() == before


@pytest.mark.parametrize("idea_id", [999999, 2**31])
def test_an_unknown_idea_has_no_evaluation(world, login, client, idea_id):
    client = login(world.a.admin)
    assert client.get(f"/ideas/{idea_id}/pilot/evaluate").status_code == 404
    assert client.post(f"/ideas/{idea_id}/pilot/evaluate", data={"version": 1}).status_code == 404


def test_evaluating_needs_a_login(client):
    response = client.get("/ideas/1/pilot/evaluate?decision=stop")
    assert _login_next(response.headers["Location"]) == "/ideas/1/pilot/evaluate?decision=stop"
    response = client.post("/ideas/1/pilot/evaluate", data={"version": 1, "decision": "stop"})
    assert response.headers["Location"] == "/login"
