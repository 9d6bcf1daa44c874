"""An idea's costs through their pages: add, edit and delete, who may, and bad input.

Every refused write is checked against the database: nothing of it is saved.
"""

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.factories import make_idea, make_user
from tests.ideas.helpers import REQUIRED, _flash
from tests.pilots.helpers import field_error
from tracker.auth.roles import Role
from tracker.benefits import costs
from tracker.benefits.cost_views import costs_context
from tracker.benefits.models import Cost, IdeaYearFigure
from tracker.benefits.rules import CostCategory, CostKind
from tracker.extensions import db
from tracker.ideas.stages import Stage

THIS_YEAR = date.today().year


def idea_in(org, stage: Stage = Stage.SCREENING, **kw):
    """An idea of the home-care unit with the org's manager responsible."""
    idea = make_idea(org.employee, org.home_care, stage, owner_id=org.manager.id, **kw)
    db.session.commit()
    return idea


def add_cost(idea, user, **kw) -> Cost:
    values = dict(
        description="Licens för e-signering",
        kind=CostKind.RUNNING,
        category=CostCategory.LICENCE,
        year_from=2025,
        year_to=2027,
        planned=Decimal("12000"),
        paid_by_id=idea.unit_id,
    )
    values.update(kw)
    cost = costs.save_cost(idea, user, costs.CostInput(**values))
    db.session.commit()
    return cost


def cost_data(org, **overrides) -> dict:
    data = {
        "description": "Licens för e-signering",
        "kind": "running",
        "category": "licence",
        "year_from": "2025",
        "year_to": "2027",
        "planned": "12000.50",
        "actual": "",
        "paid_by_id": org.social.id,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def saved_costs() -> list[tuple]:
    db.session.expire_all()
    return [
        (c.idea_id, c.description, c.kind, c.category, c.year_from, c.year_to, c.planned, c.actual,
         c.paid_by_id)
        for c in db.session.scalars(select(Cost).order_by(Cost.id))
    ]  # fmt: skip


def _new(idea) -> str:
    return f"/ideas/{idea.id}/costs/new"


# ---------------------------------------------------------------- add


def test_the_new_cost_form_starts_with_the_ideas_unit_and_this_year(world, login, client):
    idea = idea_in(world.a)
    page = login(world.a.manager).get(_new(idea))
    assert page.status_code == 200
    assert page.text.count("<h1>") == 1
    assert "<h1>Add a cost</h1>" in page.text
    assert re.search(rf'<option selected value="{world.a.home_care.id}">', page.text)
    assert f'value="{THIS_YEAR}"' in page.text
    assert '<label for="planned">Planned amount (kr)' in page.text
    assert 'inputmode="decimal"' in page.text


@pytest.mark.parametrize("who", ["manager", "admin", "owner"])
def test_the_responsible_manager_a_manager_in_scope_or_an_admin_adds_a_cost(
    world, login, client, who
):
    idea = idea_in(world.a)
    user = getattr(world.a, who, None)
    if who == "owner":  # responsible, though the idea's unit is outside their own
        user = world.a.school_manager
        idea.owner_id = user.id
        db.session.commit()
    response = login(user).post(_new(idea), data=cost_data(world.a, actual="11000"))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}#costs"
    assert saved_costs() == [
        (
            idea.id,
            "Licens för e-signering",
            CostKind.RUNNING,
            CostCategory.LICENCE,
            2025,
            2027,
            Decimal("12000.50"),
            Decimal("11000"),
            world.a.social.id,
        )
    ]
    assert "The cost is added." in _flash(client.get(f"/ideas/{idea.id}"))


def test_a_one_off_cost_without_an_actual_amount_or_payer_is_saved_as_such(world, login, client):
    idea = idea_in(world.a, Stage.FOLLOW_UP)
    data = cost_data(
        world.a, kind="one_off", year_to="", category="purchase", planned="80000", paid_by_id=""
    )
    assert login(world.a.manager).post(_new(idea), data=data).status_code == 302
    assert saved_costs() == [
        (
            idea.id,
            "Licens för e-signering",
            CostKind.ONE_OFF,
            CostCategory.PURCHASE,
            2025,
            None,
            Decimal("80000"),
            None,
            None,
        )
    ]


def test_a_safe_next_path_is_where_the_form_returns_to(world, login, client):
    idea = idea_in(world.a)
    client = login(world.a.manager)
    response = client.post(
        _new(idea) + f"?next=/ideas/{idea.id}/calculation", data=cost_data(world.a)
    )
    assert response.headers["Location"] == f"/ideas/{idea.id}/calculation"
    response = client.post(_new(idea) + "?next=//evil.example/", data=cost_data(world.a))
    assert response.headers["Location"] == f"/ideas/{idea.id}#costs"


def test_an_htmx_submit_redirects_the_whole_page(world, login, client):
    idea = idea_in(world.a)
    response = login(world.a.manager).post(
        _new(idea), data=cost_data(world.a), headers={"HX-Request": "true"}
    )
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == f"/ideas/{idea.id}#costs"


def test_a_cost_refreshes_the_ideas_kept_figures_per_year(world, ctx):
    idea = idea_in(world.a)
    add_cost(idea, world.a.manager, year_from=THIS_YEAR, year_to=None, planned=Decimal(500))
    figures = db.session.scalars(
        select(IdeaYearFigure).where(IdeaYearFigure.idea_id == idea.id)
    ).all()
    assert figures and all(f.planned_cost == Decimal(500) for f in figures)


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


# ---------------------------------------------------------------- bad input

NOT_A_NUMBER = "Enter a number, such as 1,200.5."
RANGE = "Enter a number from 0 to 100,000,000,000."
ORDER = "The last year cannot be before the first year."
ONE_YEAR = "A one-off cost has one year: leave the last year blank."
UNIT = "Choose a unit of your organisation."
TOO_LONG = "Field cannot be longer than 160 characters."
YEARS = "Enter a year from 2000 to 2100."
BAD_COSTS = {
    "amount not a number": ({"planned": "tolv tusen"}, "planned", NOT_A_NUMBER),
    "Swedish decimal comma in English": ({"planned": "12,5"}, "planned", NOT_A_NUMBER),
    "huge amount": ({"planned": "100000000000.01"}, "planned", RANGE),
    "huge actual": ({"actual": "1e12"}, "actual", RANGE),
    "negative amount": ({"planned": "-1"}, "planned", RANGE),
    "negative actual": ({"actual": "-0.5"}, "actual", RANGE),
    "infinite amount": ({"planned": "Infinity"}, "planned", NOT_A_NUMBER),
    "fractions of öre": ({"planned": "10.005"}, "planned", "Use at most 2 decimals."),
    "no amount": ({"planned": ""}, "planned", REQUIRED),
    "last year before the first": ({"year_to": "2024"}, "year_to", ORDER),
    "one-off with a last year": ({"kind": "one_off"}, "year_to", ONE_YEAR),
    "year too early": ({"year_from": "1999"}, "year_from", YEARS),
    "year too late": ({"year_to": "2101"}, "year_to", YEARS),
    "year not a number": ({"year_from": "tjugo"}, "year_from", YEARS),
    "no year": ({"year_from": ""}, "year_from", REQUIRED),
    "no description": ({"description": "  "}, "description", REQUIRED),
    "description too long": ({"description": "x" * 161}, "description", TOO_LONG),
    "no category": ({"category": ""}, "category", REQUIRED),
    "unknown category": ({"category": "travel"}, "category", "Not a valid choice."),
    "no kind": ({"kind": None}, "kind", "Choose one-off or running."),
    "unit of another organisation": ({"paid_by_id": "OTHER"}, "paid_by_id", UNIT),
    "unknown unit": ({"paid_by_id": "99999"}, "paid_by_id", UNIT),
}  # fmt: skip


@pytest.mark.parametrize("overrides, name, message", BAD_COSTS.values(), ids=BAD_COSTS.keys())
def test_bad_input_shows_its_message_on_its_field_and_saves_nothing(
    world, login, client, overrides, name, message
):
    idea = idea_in(world.a)
    if overrides.get("paid_by_id") == "OTHER":
        overrides = {"paid_by_id": world.b.social.id}
    response = login(world.a.manager).post(_new(idea), data=cost_data(world.a, **overrides))
    assert response.status_code == 422
    assert field_error(response, name) == message
    assert 'class="error-summary"' in response.text
    assert saved_costs() == []


def test_bad_input_keeps_what_was_typed(world, login, client):
    idea = idea_in(world.a)
    data = cost_data(world.a, planned="12 000,50 kr", description="Utbildning")
    response = login(world.a.manager).post(_new(idea), data=data)
    assert response.status_code == 422
    assert 'value="12 000,50 kr"' in response.text
    assert 'value="Utbildning"' in response.text


def test_an_edit_with_bad_input_leaves_the_cost_as_it_was(world, login, client):
    idea = idea_in(world.a)
    cost = add_cost(idea, world.a.manager)
    before = saved_costs()
    data = cost_data(world.a, description="Ändrad", year_to="2020")
    response = login(world.a.manager).post(f"/costs/{cost.id}/edit", data=data)
    assert response.status_code == 422
    assert field_error(response, "year_to") == "The last year cannot be before the first year."
    assert saved_costs() == before


# ---------------------------------------------------------------- Swedish


def test_swedish_amounts_are_read_and_shown_as_swedes_write_them(world, login, client):
    world.a.manager.locale = "sv"
    idea = idea_in(world.a)
    client = login(world.a.manager)
    data = cost_data(world.a, planned="1 200,50", actual="1\u00a0100")
    assert client.post(_new(idea), data=data).status_code == 302
    cost = db.session.scalars(select(Cost)).one()
    assert (cost.planned, cost.actual) == (Decimal("1200.50"), Decimal("1100"))
    page = client.get(f"/costs/{cost.id}/edit")
    assert 'value="1\u00a0200,5"' in page.text
    assert 'value="1\u00a0100"' in page.text
    response = client.post(f"/costs/{cost.id}/edit", data=cost_data(world.a, planned="1.5.0"))
    assert response.status_code == 422
    assert field_error(response, "planned") == "Skriv ett tal, till exempel 1\u00a0200,5."


# ---------------------------------------------------------------- edit and delete


def test_the_edit_form_shows_the_cost_and_saves_the_actual_amount(world, login, client):
    idea = idea_in(world.a, Stage.ROLLOUT)
    cost = add_cost(idea, world.a.manager)
    client = login(world.a.admin)
    page = client.get(f"/costs/{cost.id}/edit")
    assert page.status_code == 200
    assert "<h1>Edit the cost</h1>" in page.text
    assert 'value="12,000"' in page.text
    assert re.search(
        r'<input checked id="kind-1" name="kind" required type="radio" value="running"', page.text
    )
    assert re.search(r'<option selected value="licence">', page.text)
    data = cost_data(world.a, actual="13500", year_to="")
    response = client.post(f"/costs/{cost.id}/edit", data=data)
    assert response.status_code == 302
    assert saved_costs()[0][5:8] == (None, Decimal("12000.50"), Decimal("13500"))
    assert "The cost is saved." in _flash(client.get(f"/ideas/{idea.id}"))


def test_a_deactivated_unit_stays_the_payer_of_a_cost_it_pays(world, login, client):
    idea = idea_in(world.a)
    cost = add_cost(idea, world.a.manager, paid_by_id=world.a.school.id)
    world.a.school.active = False
    db.session.commit()
    client = login(world.a.manager)
    page = client.get(f"/costs/{cost.id}/edit")
    assert re.search(rf'<option selected value="{world.a.school.id}">', page.text)
    data = cost_data(world.a, paid_by_id=world.a.school.id, actual="1")
    assert client.post(f"/costs/{cost.id}/edit", data=data).status_code == 302
    other = idea_in(world.a)
    response = client.post(_new(other), data=cost_data(world.a, paid_by_id=world.a.school.id))
    assert field_error(response, "paid_by_id") == "Choose a unit of your organisation."


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
    html = render_template("benefits/_costs.html", **costs_context(idea, world.a.manager))
    assert html.count('id="costs"') == 1
    assert "<caption>" in html
    assert f'<tr id="cost-{cost.id}">' in html
    assert '<th scope="row">Licens för e-signering</th>' in html
    assert "2025–2027, every year" in html
    assert "12,000\u00a0kr" in html
    assert f'href="/costs/{cost.id}/edit"' in html
    assert f'href="/ideas/{idea.id}/costs/new"' in html
    reader = make_user(world.a.org, world.a.root, Role.LEADER, "reader@a.example.org")
    html = render_template("benefits/_costs.html", **costs_context(idea, reader))
    assert "Licens för e-signering" in html
    assert "/edit" not in html and "/costs/new" not in html


def test_the_costs_fragment_says_when_there_are_none(world, app, ctx):
    from flask import render_template

    idea = idea_in(world.a)
    html = render_template("benefits/_costs.html", **costs_context(idea, world.a.manager))
    assert "No costs are entered yet." in html
    assert "<table" not in html
