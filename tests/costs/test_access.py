"""Who may change an idea's costs, deleting a cost, and what the costs fragment offers whom.

Every refused write is checked against the database: nothing of it is saved.
"""

import pytest

from tests.benefits.helpers import (
    _new,
    add_cost,
    cost_data,
    idea_in,
    saved_costs,
)
from tests.factories import make_user
from tests.ideas.helpers import _flash
from tracker.auth.roles import Role
from tracker.benefits.calculation import costs_context
from tracker.costs.models import Cost
from tracker.costs.rules import CostKind
from tracker.extensions import db
from tracker.ideas.stages import Stage

# ---------------------------------------------------------------- who may


@pytest.mark.parametrize("who", ["employee", "leader", "school_manager"])
def test_others_of_the_organisation_may_not_add_edit_or_delete_costs(world, login, client, who):
    idea = idea_in(world.a)
    cost = add_cost(idea, world.a.manager)
    before = saved_costs()
    client = login(getattr(world.a, who))
    assert client.get(_new(idea)).status_code == 403
    assert client.post(_new(idea), data=cost_data(world.a)).status_code == 403
    assert client.get(f"/costs/{cost.id}/edit").status_code == 403
    edited = cost_data(world.a, description="Ändrad")
    assert client.post(f"/costs/{cost.id}/edit", data=edited).status_code == 403
    assert client.post(f"/costs/{cost.id}/delete").status_code == 403
    assert saved_costs() == before


@pytest.mark.parametrize("who", ["manager", "admin", "leader"])
def test_another_organisations_idea_and_cost_answer_404(world, login, client, who):
    idea = idea_in(world.a)
    cost = add_cost(idea, world.a.manager)
    before = saved_costs()
    client = login(getattr(world.b, who))
    assert client.get(_new(idea)).status_code == 404
    assert client.post(_new(idea), data=cost_data(world.b)).status_code == 404
    assert client.get(f"/costs/{cost.id}/edit").status_code == 404
    assert client.post(f"/costs/{cost.id}/edit", data=cost_data(world.b)).status_code == 404
    assert client.post(f"/costs/{cost.id}/delete").status_code == 404
    assert client.get(f"/ideas/{idea.id}/calculation").status_code == 404
    assert saved_costs() == before


@pytest.mark.parametrize("url", ["/costs/999/edit", "/costs/0/edit", "/costs/99999999999/edit"])
def test_an_unknown_cost_answers_404(world, login, client, url):
    assert login(world.a.manager).get(url).status_code == 404
    assert client.post(url.replace("edit", "delete")).status_code == 404


def test_signed_out_visitors_are_sent_to_log_in(world, client):
    idea = idea_in(world.a)
    cost = add_cost(idea, world.a.manager)
    for url in (_new(idea), f"/costs/{cost.id}/edit"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")
    assert client.post(f"/costs/{cost.id}/delete").status_code == 302
    assert len(saved_costs()) == 1


@pytest.mark.parametrize("stage", [Stage.SUBMITTED, Stage.REALISED, Stage.STOPPED])
def test_costs_are_planned_only_from_screening_until_the_follow_up_ends(
    world, login, client, stage
):
    idea = idea_in(world.a, stage)
    client = login(world.a.manager)
    message = "Costs are planned from screening until the follow-up ends."
    assert message in client.get(_new(idea)).text
    response = client.post(_new(idea), data=cost_data(world.a))
    assert response.status_code == 422
    assert message in response.text
    assert saved_costs() == []


def test_a_cost_of_an_idea_that_left_follow_up_can_no_longer_be_changed(world, login, client):
    idea = idea_in(world.a, Stage.FOLLOW_UP)
    cost = add_cost(idea, world.a.manager)
    idea.stage = Stage.REALISED
    db.session.commit()
    before = saved_costs()
    client = login(world.a.manager)
    response = client.post(f"/costs/{cost.id}/edit", data=cost_data(world.a, planned="1"))
    assert response.status_code == 422
    response = client.post(f"/costs/{cost.id}/delete")
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert "Costs are planned from screening until the follow-up ends." in _flash(page)
    assert saved_costs() == before


# ---------------------------------------------------------------- delete


def test_a_cost_entered_by_mistake_is_deleted_from_its_edit_page(world, login, client):
    idea = idea_in(world.a)
    cost = add_cost(idea, world.a.manager)
    keep = add_cost(idea, world.a.manager, description="Utbildning")
    client = login(world.a.manager)
    page = client.get(f"/costs/{cost.id}/edit")
    assert f'action="/costs/{cost.id}/delete"' in page.text
    assert "Delete “Licens för e-signering”" in page.text
    response = client.post(f"/costs/{cost.id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}#costs"
    assert [c[1] for c in saved_costs()] == ["Utbildning"]
    assert db.session.get(Cost, keep.id) is not None
    assert "The cost “Licens för e-signering” is deleted." in _flash(
        client.get(f"/ideas/{idea.id}")
    )


def test_a_get_does_not_delete(world, login, client):
    idea = idea_in(world.a)
    cost = add_cost(idea, world.a.manager)
    assert login(world.a.manager).get(f"/costs/{cost.id}/delete").status_code == 405
    assert len(saved_costs()) == 1


# ---------------------------------------------------------------- the costs fragment


def test_the_costs_fragment_lists_the_costs_with_edit_links_for_those_who_plan(world, app, ctx):
    from flask import render_template

    idea = idea_in(world.a)
    cost = add_cost(idea, world.a.manager)
    add_cost(idea, world.a.manager, kind=CostKind.ONE_OFF, year_to=None, description="Skanner")
    html = render_template("costs/_costs.html", **costs_context(idea, world.a.manager))
    assert html.count('id="costs"') == 1
    assert "<caption>" in html
    assert f'<tr id="cost-{cost.id}">' in html
    assert '<th scope="row">Licens för e-signering</th>' in html
    assert "2025–2027, every year" in html
    assert "12,000\u00a0kr" in html
    assert f'href="/costs/{cost.id}/edit"' in html
    assert f'href="/ideas/{idea.id}/costs/new"' in html
    reader = make_user(world.a.org, world.a.root, Role.LEADER, "reader@a.example.org")
    html = render_template("costs/_costs.html", **costs_context(idea, reader))
    assert "Licens för e-signering" in html
    assert "/edit" not in html and "/costs/new" not in html


def test_the_costs_fragment_says_when_there_are_none(world, app, ctx):
    from flask import render_template

    idea = idea_in(world.a)
    html = render_template("costs/_costs.html", **costs_context(idea, world.a.manager))
    assert "No costs are entered yet." in html
    assert "<table" not in html
