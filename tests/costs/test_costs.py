"""An idea's cost form through its pages: add, edit, bad input and Swedish amounts.

Every refused write is checked against the database: nothing of it is saved.
"""

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.benefits.helpers import (
    THIS_YEAR,
    _new,
    add_cost,
    cost_data,
    idea_in,
    saved_costs,
)
from tests.ideas.helpers import REQUIRED, _flash
from tests.pilots.helpers import field_error
from tracker.benefits.models import IdeaYearFigure
from tracker.costs.models import Cost
from tracker.costs.rules import CostCategory, CostKind
from tracker.extensions import db
from tracker.ideas.stages import Stage

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
    "huge actual": ({"actual": "1000000000000"}, "actual", RANGE),
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


# ---------------------------------------------------------------- edit


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
