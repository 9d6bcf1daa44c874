"""The benefit page, its figures and money, the follow-up gate, and who may do what."""

from decimal import Decimal

import pytest

from tests.benefit_factories import TODAY, idea_with_benefit, measure, plan_benefit
from tests.benefits.helpers import (
    benefit_data,
    benefit_rows,
    edit_data,
    edit_url,
    english,
    fact,
    iso,
    new_url,
    only_benefit,
    show_url,
    unchanged,
)
from tests.factories import reload, version_of
from tests.ideas.helpers import _login_next
from tests.pilot_factories import in_rollout
from tracker.benefits import calc
from tracker.benefits.rules import BenefitType, Lifecycle
from tracker.extensions import db
from tracker.ideas.stages import Stage
from tracker.pilots.rules import UnitStatus

# ---------------------------------------------------------------- the benefit page and figures


def test_the_benefit_page_shows_status_progress_and_money_for_a_hand_computed_case(
    world, login, client
):
    # From 20 to 10 days over 365 days, 180 days in: the plan is at 20 - 10 * 180/365 = 15.07
    # days, a change of 4.93 days; 17 days is a change of 3, 30 % of the target change of 10,
    # under 90 % of 4.93 (4.44): at risk. 3 days at 5 000 kr a day a year = 15 000 kr, not cash.
    idea, benefit = idea_with_benefit(world.a)
    measure(benefit, world.a.employee, "17")
    client = login(world.a.manager)
    page = client.get(show_url(benefit))
    assert page.status_code == 200
    assert fact(page, "Tracking status") == "At risk"
    assert 'class="badge status-at-risk"' in page.text
    assert fact(page, "Realised change") == "3 dagar"
    assert fact(page, "Target change") == "10 dagar"
    assert fact(page, "Progress") == "30 %"
    assert fact(page, "SEK a year, realised") == "15,000 kr (non-cash)"
    assert fact(page, "SEK a year at the target") == "50,000 kr"
    assert "On track means at least 90 % of the change planned" in page.text
    assert fact(page, "Stage of the benefit") == "Realising"
    row = benefit_rows(client.get(f"/ideas/{idea.id}"))[0]
    title = "Kortare handläggningstid för bygglov"
    due = english(calc.add_months(TODAY, 3))
    assert row == [title, "Reallocation", "At risk", "30 %", "17 / 10 dagar", "Eva Ek", due]


def test_a_financial_benefit_is_shown_as_cash_releasing(world, login, client):
    idea, benefit = idea_with_benefit(
        world.a, type=BenefitType.FINANCIAL, sek_per_unit=Decimal(100)
    )
    measure(benefit, world.a.employee, "15")
    page = login(world.a.manager).get(show_url(benefit))
    assert fact(page, "SEK a year, realised") == "500 kr (cash-releasing)"
    assert fact(page, "Tracking status") == "On track"
    assert fact(page, "Progress") == "50 %"


def test_a_quality_benefit_is_shown_in_its_own_unit(world, login, client):
    idea, benefit = idea_with_benefit(world.a, type=BenefitType.QUALITY)
    page = login(world.a.manager).get(show_url(benefit))
    assert "SEK a year" not in page.text
    assert "Quality and environment benefits are shown in their own unit" in page.text


def test_progress_is_a_dash_when_the_target_equals_the_baseline(world, login, client):
    idea, benefit = idea_with_benefit(world.a, target_value=Decimal(20))
    measure(benefit, world.a.employee, "18")
    client = login(world.a.manager)
    page = client.get(show_url(benefit))
    assert page.status_code == 200
    assert fact(page, "Progress") == "–"
    assert fact(page, "Target change") == "0 dagar"
    assert benefit_rows(client.get(f"/ideas/{idea.id}"))[0][3] == "–"


def test_the_idea_page_offers_to_add_a_benefit_only_to_who_may_plan(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    for role, offered in [("manager", True), ("admin", True), ("leader", False)]:
        page = login(getattr(world.a, role)).get(f"/ideas/{idea.id}")
        assert 'id="benefits-heading"' in page.text
        assert (f'href="{new_url(idea)}"' in page.text) is offered, role
    page = login(world.a.employee).get(f"/ideas/{idea.id}")
    assert f'href="{show_url(benefit)}"' in page.text
    assert f'href="{new_url(idea)}"' not in page.text


def test_the_benefit_page_offers_changes_to_planners_and_measurements_to_the_owner(
    world, login, client
):
    idea, benefit = idea_with_benefit(world.a)
    measure_link = f'href="/benefits/{benefit.id}/measure"'
    manager = login(world.a.manager).get(show_url(benefit)).text
    assert f'href="{edit_url(benefit)}"' in manager
    assert measure_link not in manager
    owner = login(world.a.employee).get(show_url(benefit)).text
    assert measure_link in owner
    assert f'href="{edit_url(benefit)}"' not in owner


def test_a_benefit_is_not_offered_for_change_once_the_idea_is_realised(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    idea = reload(idea)
    idea.stage = Stage.REALISED
    db.session.commit()
    client = login(world.a.manager)
    assert f'href="{edit_url(benefit)}"' not in client.get(show_url(benefit)).text
    assert f'href="{new_url(idea)}"' not in client.get(f"/ideas/{idea.id}").text
    before = unchanged()
    response = client.post(edit_url(benefit), data=edit_data(world.a, benefit, title="Annat"))
    assert response.status_code == 422
    assert "Benefits are planned from screening until the follow-up ends." in response.text
    assert unchanged() == before


# ---------------------------------------------------------------- the follow-up gate


def _done_rollout(org):
    return in_rollout(org, units=[(org.home_care, org.employee, UnitStatus.DONE)])


def test_an_idea_with_a_unit_done_and_a_planned_benefit_moves_to_follow_up(world, login, client):
    idea = _done_rollout(world.a)
    plan_benefit(idea, world.a.manager, owner=world.a.employee)
    response = login(world.a.manager).post(
        f"/ideas/{idea.id}/move/follow_up", data={"version": version_of(idea)}
    )
    assert response.status_code == 302
    assert reload(idea).stage is Stage.FOLLOW_UP


def test_an_idea_without_a_planned_benefit_does_not_move_to_follow_up(world, login, client):
    idea = _done_rollout(world.a)
    plan_benefit(
        idea, world.a.manager, baseline_value=None, baseline_on=None, target_value=None,
        target_on=None,
    )  # fmt: skip
    assert only_benefit().lifecycle is Lifecycle.IDENTIFIED
    before = unchanged()
    response = login(world.a.manager).post(
        f"/ideas/{idea.id}/move/follow_up", data={"version": version_of(idea)}
    )
    assert response.status_code == 422
    assert (
        "Benefit follow-up needs a planned benefit: a baseline, a target and an owner."
        in response.text
    )
    assert unchanged() == before
    assert reload(idea).stage is Stage.ROLLOUT


# ---------------------------------------------------------------- who may do what


def _requests(org, idea, benefit) -> dict[str, tuple[str, str, dict]]:
    return {
        "new form": ("GET", new_url(idea), {}),
        "new": ("POST", new_url(idea), benefit_data(org)),
        "add an interim row": ("POST", new_url(idea), {"version": 0, "add_row": "interim"}),
        "edit form": ("GET", edit_url(benefit), {}),
        "edit": ("POST", edit_url(benefit), edit_data(org, benefit, title="Annat")),
        "add an interim row on edit": (
            "POST",
            edit_url(benefit),
            {"version": 1, "add_row": "interim"},
        ),
    }


PLANNING = [
    "new form",
    "new",
    "add an interim row",
    "edit form",
    "edit",
    "add an interim row on edit",
]


@pytest.mark.parametrize("role", ["employee", "leader", "school_manager"])
@pytest.mark.parametrize("action", PLANNING)
def test_who_does_not_manage_the_idea_may_not_plan_its_benefits(world, login, client, role, action):
    idea, benefit = idea_with_benefit(world.a)
    method, url, data = _requests(world.a, idea, benefit)[action]
    before = unchanged()
    response = login(getattr(world.a, role)).open(url, method=method, data=data)
    assert response.status_code == 403
    assert "You do not have access to this" in response.text
    assert unchanged() == before


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader", "admin"])
def test_another_organisations_idea_and_benefit_are_not_found(world, login, client, role):
    idea, benefit = idea_with_benefit(world.b)
    requests = {
        **_requests(world.b, idea, benefit),
        "show": ("GET", show_url(benefit), {}),
        "measure form": ("GET", f"/benefits/{benefit.id}/measure", {}),
        "measure": ("POST", f"/benefits/{benefit.id}/measure", {"on": iso(0), "value": "15"}),
    }
    before = unchanged()
    client = login(getattr(world.a, role))
    for action, (method, url, data) in requests.items():
        response = client.open(url, method=method, data=data)
        assert response.status_code == 404, action
        assert "Kortare handläggningstid" not in response.text
    assert unchanged() == before


@pytest.mark.parametrize("role", ["manager", "admin", "leader", "employee"])
def test_who_may_read_the_idea_reads_its_benefit(world, login, client, role):
    idea, benefit = idea_with_benefit(world.a)
    page = login(getattr(world.a, role)).get(show_url(benefit))
    assert page.status_code == 200
    assert "<h1>Kortare handläggningstid för bygglov" in page.text


def test_who_may_not_read_the_idea_reads_its_benefit_only_as_the_benefit_owner(
    world, login, client
):
    idea, benefit = idea_with_benefit(world.a)
    idea.confidential = True  # an open idea is every member's to read
    db.session.commit()
    client = login(world.a.school_manager)
    assert client.get(show_url(benefit)).status_code == 403
    owned_idea, owned = idea_with_benefit(world.a, owner_id=world.a.school_manager.id)
    owned_idea.confidential = True
    db.session.commit()
    assert client.get(show_url(owned)).status_code == 200
    assert client.get(f"/ideas/{owned_idea.id}").status_code == 200  # the owner takes part


@pytest.mark.parametrize("benefit_id", [999999, 2**31, 10**20])
@pytest.mark.parametrize("page", ["", "/edit", "/measure"])
def test_an_unknown_benefit_is_not_found(world, login, client, benefit_id, page):
    client = login(world.a.admin)
    assert client.get(f"/benefits/{benefit_id}{page}").status_code == 404
    if page:  # the benefit page itself takes no POST
        assert client.post(f"/benefits/{benefit_id}{page}", data={"version": 1}).status_code == 404


@pytest.mark.parametrize("idea_id", [999999, 2**31, 10**20])
def test_an_unknown_idea_takes_no_benefit(world, login, client, idea_id):
    client = login(world.a.admin)
    assert client.get(f"/ideas/{idea_id}/benefits/new").status_code == 404
    assert client.post(f"/ideas/{idea_id}/benefits/new", data={"version": 0}).status_code == 404


@pytest.mark.parametrize(
    "url", ["/ideas/1/benefits/new", "/benefits/1", "/benefits/1/edit", "/benefits/1/measure"]
)
def test_the_benefit_pages_need_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert _login_next(response.headers["Location"]) == url
    if url != "/benefits/1":
        response = client.post(url, data={"version": 1})
        assert response.headers["Location"] == "/login"
