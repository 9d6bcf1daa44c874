"""From rollout to realised through the routes alone, and the two closing panels as they render."""

from flask import render_template
from sqlalchemy import select

from tests.benefit_factories import TODAY, plan_benefit
from tests.benefits.test_closing_services import (
    closing_input,
    fresh,
    in_follow_up,
    proposed,
)
from tests.factories import reload, version_of
from tests.ideas.helpers import _flash, _history
from tests.pilot_factories import in_rollout
from tests.pilots.helpers import rollout_units
from tracker.benefits import closing
from tracker.benefits.models import Benefit
from tracker.benefits.rules import Lifecycle
from tracker.extensions import db
from tracker.ideas.stages import Stage


def test_an_idea_goes_from_rollout_to_realised_through_the_pages(world, login, client):
    a = world.a
    idea = in_rollout(a)
    plan_benefit(idea, a.manager, owner=a.employee)
    benefit = db.session.scalar(select(Benefit).where(Benefit.idea_id == idea.id))
    unit_row = rollout_units(idea)[0][0]

    # The unit's contact reports the rollout done; the manager moves the idea to follow-up.
    client = login(a.employee)
    response = client.post(f"/rollout-units/{unit_row}/status", data={"status": "done"})
    assert response.status_code == 302
    client = login(a.manager)
    response = client.post(f"/ideas/{idea.id}/move/follow_up", data={"version": version_of(idea)})
    assert response.status_code == 302, response.text
    assert reload(idea).stage is Stage.FOLLOW_UP

    # The owner proposes the benefit with a final value.
    client = login(a.employee)
    response = client.post(
        f"/benefits/{benefit.id}/propose",
        data={"on": TODAY.isoformat(), "value": "11", "version": fresh(benefit).version},
    )
    assert response.status_code == 302

    # The manager writes the closing assessment while the benefit is not yet signed off.
    client = login(a.manager)
    response = client.post(
        f"/ideas/{idea.id}/closing",
        data={
            "summary": "Handläggningstiden nästan halverades.",
            "learnings": "Mät från start.",
            "keeper_id": a.employee.id,
            "version": version_of(idea),
        },
    )
    assert response.status_code == 302
    assert reload(idea).stage is Stage.FOLLOW_UP

    # A leader signs the benefit off; then the manager moves the idea with the move button.
    client = login(a.leader)
    response = client.post(
        f"/benefits/{benefit.id}/confirm", data={"version": fresh(benefit).version}
    )
    assert response.status_code == 302
    assert fresh(benefit).lifecycle is Lifecycle.REALISED
    client = login(a.manager)
    response = client.post(f"/ideas/{idea.id}/move/realised", data={"version": version_of(idea)})
    assert response.status_code == 302, response.text
    assert reload(idea).stage is Stage.REALISED
    assert _history(idea)[-1] == (Stage.FOLLOW_UP, Stage.REALISED, a.manager.id, "")
    assert "The idea is moved to Realised." in _flash(client.get(f"/ideas/{idea.id}"))


def test_the_closing_assessment_realises_the_idea_once_the_other_benefit_is_cancelled(
    world, login, client
):
    a = world.a
    idea, benefit = proposed(a)
    second = plan_benefit(idea, a.manager, owner=a.employee, title="Färre pappersutskick")
    client = login(a.manager)
    client.post(f"/benefits/{benefit.id}/confirm", data={"version": fresh(benefit).version})
    page = client.get(f"/ideas/{idea.id}/closing").text
    assert "1 of 2 benefits are closed." in page and "Save the closing assessment" in page
    response = client.post(
        f"/benefits/{second.id}/close",
        data={
            "outcome": "cancelled",
            "reason": "Ingår i en annan idé.",
            "version": fresh(second).version,
        },
    )
    assert response.status_code == 302
    assert fresh(second).lifecycle is Lifecycle.CANCELLED
    response = client.post(
        f"/ideas/{idea.id}/closing",
        data={
            "summary": "Målet nåddes.",
            "learnings": "Mät tidigt.",
            "keeper_id": a.manager.id,
            "version": version_of(idea),
        },
    )
    assert response.status_code == 302
    assert reload(idea).stage is Stage.REALISED
    assert _history(idea)[-1] == (Stage.FOLLOW_UP, Stage.REALISED, a.manager.id, "")


# ---------------------------------------------------------------- the panels


def _panel(benefit, user) -> str:
    return render_template(
        "benefits/_closing.html", benefit=fresh(benefit), **closing.closing_context(benefit, user)
    )


def test_the_owner_is_offered_the_proposal_and_the_manager_the_drop(world, ctx):
    idea, benefit = in_follow_up(world.a)
    owner = _panel(benefit, world.a.employee)
    assert 'id="closing"' in owner
    assert f'href="/benefits/{benefit.id}/propose"' in owner
    assert f"/benefits/{benefit.id}/close" not in owner
    assert f"/benefits/{benefit.id}/confirm" not in owner
    manager = _panel(benefit, world.a.manager)
    assert f'href="/benefits/{benefit.id}/close"' in manager
    assert "/propose" not in manager and "/confirm" not in manager
    leader = _panel(benefit, world.a.leader)
    assert "/propose" not in leader and "/confirm" not in leader and "/close" not in leader


def test_a_proposal_offers_the_confirmation_to_the_manager_and_a_leader_only(world, ctx):
    idea, benefit = proposed(world.a)
    for user in (world.a.manager, world.a.leader):
        panel = _panel(benefit, user)
        assert "Eva Ek proposes the benefit as realised." in panel
        assert f'action="/benefits/{benefit.id}/confirm"' in panel
        assert f'name="version" value="{fresh(benefit).version}"' in panel
    for user in (world.a.employee, world.a.admin, world.a.school_manager):
        assert "/confirm" not in _panel(benefit, user)
    assert "Propose again with a new final value" in _panel(benefit, world.a.employee)


def test_a_realised_benefit_shows_who_signed_it_off_and_when(world, ctx):
    idea, benefit = proposed(world.a)
    closing.confirm_realised(benefit, world.a.leader, None)
    db.session.commit()
    panel = _panel(benefit, world.a.manager)
    assert "Realised: signed off by Lena Lind on" in panel
    assert "Proposed as realised by Eva Ek." in panel
    assert "/confirm" not in panel and "/close" not in panel and "/propose" not in panel


def test_an_evaporated_benefit_shows_who_closed_it_and_why(world, ctx):
    idea, benefit = in_follow_up(world.a)
    closing.drop_benefit(benefit, world.a.manager, Lifecycle.EVAPORATED, "Ingen effekt.", None)
    db.session.commit()
    panel = _panel(benefit, world.a.manager)
    assert "Evaporated: closed by Maja Berg on" in panel
    assert "Ingen effekt." in panel
    assert "/close" not in panel


def test_nothing_is_proposed_in_a_stage_before_rollout(world, ctx):
    idea, benefit = in_follow_up(world.a)
    idea.stage = Stage.PRIORITISED
    db.session.commit()
    assert "/propose" not in _panel(benefit, world.a.employee)


def _assessment_panel(idea, user) -> str | None:
    context = closing.closing_assessment_context(reload(idea), user)
    if context["idea_closing"] is None:
        return None
    return render_template("benefits/_closing_assessment.html", idea=reload(idea), **context)


def test_the_idea_page_snippet_shows_the_closing_assessment(world, ctx):
    idea, benefit = in_follow_up(world.a)
    empty = _assessment_panel(idea, world.a.manager)
    assert 'id="closing-assessment"' in empty
    assert "No closing assessment yet." in empty
    assert "0 of 1 benefit is closed." in empty
    assert f'href="/ideas/{idea.id}/closing"' in empty and "Write the closing assessment" in empty
    assert "/closing" not in _assessment_panel(idea, world.a.employee)
    closing.assess_closing(reload(idea), world.a.manager, closing_input(world.a), None)
    db.session.commit()
    written = _assessment_panel(idea, world.a.leader)
    assert "Handläggningstiden halverades." in written and "Börja mäta tidigt." in written
    assert "Who keeps the benefit:</strong> Eva Ek" in written
    assert "Assessed by Maja Berg" in written
    assert "Change the closing assessment" in _assessment_panel(idea, world.a.manager)


def test_the_snippet_has_nothing_to_show_before_follow_up(world, ctx):
    idea = in_rollout(world.a)
    assert closing.closing_assessment_context(idea, world.a.manager) == {"idea_closing": None}
