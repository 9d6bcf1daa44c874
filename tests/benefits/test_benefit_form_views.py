"""Identifying, planning and changing benefits through their forms, in English and Swedish."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.benefit_factories import TODAY, idea_with_benefit
from tests.benefits.helpers import (
    benefit_data,
    benefit_rows,
    edit_data,
    edit_url,
    english,
    fact,
    identified_data,
    iso,
    new_url,
    only_benefit,
    reloaded,
    show_url,
    text_of,
    unchanged,
)
from tests.ideas.helpers import _flash
from tests.pilot_factories import in_rollout
from tests.pilots.helpers import field_error
from tracker.benefits import calc
from tracker.benefits.models import PlanChange
from tracker.benefits.rules import BenefitType, Lifecycle
from tracker.extensions import db

# ---------------------------------------------------------------- identify and plan


@pytest.mark.kept_by_hand  # sets the goal on the idea directly
def test_the_new_benefit_form_starts_with_the_ideas_unit_owner_goal_and_the_defaults(
    world, login, client
):
    idea = in_rollout(world.a)
    idea.strategic_goal_id = world.a.goal.id
    db.session.commit()
    page = login(world.a.manager).get(new_url(idea))
    assert page.status_code == 200
    assert "Add a benefit" in page.text
    assert re.search(rf'<option selected value="{world.a.social.id}">', page.text)
    assert re.search(rf'<option selected value="{world.a.manager.id}">', page.text)
    assert re.search(rf'<option selected value="{world.a.goal.id}">', page.text)
    assert re.search(r'<option selected value="medium">', page.text)
    assert re.search(r'name="attribution"[^>]*value="100"', page.text)
    assert re.search(r'name="interval_months"[^>]*value="3"', page.text)
    assert page.text.count('name="interim-0-on"') == 1
    assert 'name="interim-1-on"' not in page.text
    assert 'name="reason"' not in page.text  # a new benefit has no plan to change


def test_a_benefit_with_only_what_identifies_it_is_identified_without_figures(world, login, client):
    idea = in_rollout(world.a)
    client = login(world.a.manager)
    response = client.post(new_url(idea), data=identified_data(world.a))
    assert response.status_code == 302
    benefit = only_benefit()
    assert response.headers["Location"] == show_url(benefit)
    assert benefit.lifecycle is Lifecycle.IDENTIFIED
    assert (benefit.title, benefit.type, benefit.indicator, benefit.measure) == (
        "Kortare handläggningstid för bygglov",
        BenefitType.REALLOCATION,
        "Handläggningstid per bygglov",
        "dagar",
    )
    assert benefit.owner_id is None
    assert benefit.attribution == 100
    figures = (benefit.latest_value, benefit.realised_change, benefit.next_due_on)
    assert figures == (None, None, None)
    page = client.get(show_url(benefit))
    assert "The benefit is saved." in _flash(page)
    assert fact(page, "Stage of the benefit") == "Identified"
    assert "identified but not planned yet" in page.text
    assert fact(page, "Next follow-up") == "–"
    assert "Record a measurement" not in page.text
    rows = benefit_rows(client.get(f"/ideas/{idea.id}"))
    assert rows == [
        ["Kortare handläggningstid för bygglov", "Reallocation", "Identified", "–", "– / – dagar"]
        + ["–", "–"]
    ]


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_the_manager_or_an_admin_plans_a_benefit_and_it_is_planned(world, login, client, role):
    idea = in_rollout(world.a)
    client = login(getattr(world.a, role))
    assert f'href="{new_url(idea)}"' in client.get(f"/ideas/{idea.id}").text
    response = client.post(new_url(idea), data=benefit_data(world.a))
    assert response.status_code == 302
    benefit = only_benefit()
    assert benefit.lifecycle is Lifecycle.PLANNED
    assert (benefit.baseline_value, benefit.baseline_on) == (20, TODAY - timedelta(days=180))
    assert (benefit.target_value, benefit.target_on) == (10, TODAY + timedelta(days=185))
    assert (benefit.owner_id, benefit.unit_id, benefit.strategic_goal_id) == (
        world.a.employee.id,
        world.a.home_care.id,
        world.a.goal.id,
    )
    assert (benefit.sek_per_unit, benefit.price_year, benefit.interval_months) == (5000, 2025, 3)
    assert benefit.interim_targets == []
    due = calc.add_months(TODAY - timedelta(days=180), 3)
    assert (benefit.latest_value, benefit.realised_change, benefit.next_due_on) == (None, None, due)
    page = client.get(show_url(benefit))
    assert fact(page, "Stage of the benefit") == "Planned"
    assert fact(page, "Tracking status") == "Not measured"
    assert fact(page, "Progress") == "–"
    assert fact(page, "Next follow-up") == f"{english(due)} Overdue"
    assert fact(page, "Benefit owner") == "Eva Ek"
    assert "Medianen ur ärendesystemet varje kvartal." in page.text
    assert "The baseline and target have not changed since they were planned." in page.text


def test_the_ideas_responsible_manager_plans_even_outside_their_units(world, login, client):
    idea = in_rollout(world.a)
    idea.owner_id = world.a.school_manager.id
    db.session.commit()
    response = login(world.a.school_manager).post(new_url(idea), data=benefit_data(world.a))
    assert response.status_code == 302
    assert only_benefit().lifecycle is Lifecycle.PLANNED


def test_adding_an_interim_row_keeps_what_was_typed_and_saves_nothing(world, login, client):
    idea = in_rollout(world.a)
    before = unchanged()
    data = benefit_data(
        world.a, **{"interim-0-on": iso(0), "interim-0-value": "16"}, add_row="interim"
    )
    data["target_value"] = "tolv"  # an added row is not a submit: no errors yet
    response = login(world.a.manager).post(new_url(idea), data=data)
    assert response.status_code == 200
    assert response.text.count('name="interim-1-on"') == 1
    assert re.search(r'<input autofocus[^>]*name="interim-1-on"', response.text)
    assert f'value="{iso(0)}"' in response.text
    assert 'class="error"' not in response.text
    assert unchanged() == before


def test_interim_targets_are_saved_and_a_row_marked_remove_is_dropped(world, login, client):
    idea = in_rollout(world.a)
    data = benefit_data(
        world.a,
        **{"interim-0-on": iso(0), "interim-0-value": "16"},
        **{"interim-1-on": iso(90), "interim-1-value": "12", "interim-1-remove": "y"},
        **{"interim-2-on": "", "interim-2-value": ""},
    )
    client = login(world.a.manager)
    assert client.post(new_url(idea), data=data).status_code == 302
    benefit = only_benefit()
    assert [(t.on, t.value) for t in benefit.interim_targets] == [(TODAY, 16)]
    page = client.get(show_url(benefit))
    assert '<th scope="row">Interim target</th>' in page.text
    form = client.get(edit_url(benefit))
    assert re.search(rf'name="interim-0-on"[^>]*value="{iso(0)}"', form.text)
    assert 'name="interim-1-on"' not in form.text


def test_a_benefit_with_interim_targets_is_saved_again_with_one_moved(world, login, client):
    idea, benefit = idea_with_benefit(
        world.a, interim=[(TODAY, Decimal(16)), (TODAY + timedelta(days=90), Decimal(12))]
    )
    client = login(world.a.manager)
    data = edit_data(world.a, benefit, title="Snabbare bygglov")
    assert client.post(edit_url(benefit), data=data).status_code == 302
    data = edit_data(world.a, benefit, **{"interim-1-on": iso(100), "interim-1-value": "11,5"})
    response = client.post(edit_url(benefit), data=data, headers={"Accept-Language": "sv"})
    assert response.status_code == 302
    targets = [(t.on, t.value) for t in reloaded(benefit).interim_targets]
    assert targets == [(TODAY, 16), (TODAY + timedelta(days=100), Decimal("11.5"))]


def test_removing_every_interim_row_on_edit_drops_the_interim_targets(world, login, client):
    idea, benefit = idea_with_benefit(world.a, interim=[(TODAY, Decimal(16))])
    data = edit_data(world.a, benefit, **{"interim-0-remove": "y"})
    response = login(world.a.manager).post(edit_url(benefit), data=data)
    assert response.status_code == 302
    benefit = reloaded(benefit)
    assert benefit.interim_targets == []
    assert db.session.scalars(select(PlanChange)).all() == []  # baseline and target as before


def test_a_target_change_is_kept_in_the_plans_history_with_who_and_why(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    target_on = TODAY + timedelta(days=185)
    client = login(world.a.manager)
    form = client.get(edit_url(benefit))
    assert form.status_code == 200
    assert "Change the benefit" in form.text
    assert 'name="reason"' in form.text
    assert re.search(r'name="target_value"[^>]*value="10"', form.text)
    data = edit_data(world.a, benefit, target_value="8", reason="Ny lagstiftning kräver mer.")
    response = client.post(edit_url(benefit), data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == show_url(benefit)
    changes = db.session.scalars(select(PlanChange)).all()
    assert [
        (c.what, c.old_value, c.old_on, c.new_value, c.new_on, c.reason, c.actor_id)
        for c in changes
    ] == [
        ("target", 10, target_on, 8, target_on, "Ny lagstiftning kräver mer.", world.a.manager.id)
    ]
    assert reloaded(benefit).target_value == 8
    assert reloaded(benefit).lifecycle is Lifecycle.PLANNED
    page = client.get(show_url(benefit))
    history = re.search(r'id="history-heading">.*?</section>', page.text, re.S).group(0)
    day = english(target_on)
    assert f"Maja Berg changed the target from 10 ({day}) to 8 ({day})." in text_of(history)
    assert "Ny lagstiftning kräver mer." in history


def test_a_change_outside_the_baseline_and_target_needs_no_reason(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    data = edit_data(world.a, benefit, title="Snabbare bygglov", reason="")
    assert login(world.a.manager).post(edit_url(benefit), data=data).status_code == 302
    assert reloaded(benefit).title == "Snabbare bygglov"
    assert db.session.scalars(select(PlanChange)).all() == []


def test_a_benefit_of_an_idea_not_yet_in_screening_is_refused(world, login, client):
    from tests.factories import make_idea

    idea = make_idea(world.a.employee, world.a.social, owner_id=world.a.manager.id)
    db.session.commit()
    before = unchanged()
    response = login(world.a.manager).post(new_url(idea), data=benefit_data(world.a))
    assert response.status_code == 422
    assert "Benefits are planned from screening until the follow-up ends." in response.text
    assert unchanged() == before


# ---------------------------------------------------------------- numbers in Swedish


def test_swedish_numbers_are_accepted_and_shown_in_swedish(world, login, client):
    idea = in_rollout(world.a)
    client = login(world.a.manager)
    sv = {"Accept-Language": "sv"}
    data = benefit_data(
        world.a,
        direction="higher",
        measure="timmar per månad",
        baseline_value="12,5",
        target_value="1 200",
        sek_per_unit="1 200,50",
    )
    response = client.post(new_url(idea), data=data, headers=sv)
    assert response.status_code == 302, field_error(response, "baseline_value")
    benefit = only_benefit()
    assert (benefit.baseline_value, benefit.target_value) == (Decimal("12.5"), 1200)
    assert benefit.sek_per_unit == Decimal("1200.50")
    page = client.get(show_url(benefit), headers=sv)
    assert '<td class="num">12,5</td>' in page.text
    assert '<td class="num">1\u00a0200</td>' in page.text
    form = client.get(edit_url(benefit), headers=sv)
    assert re.search(r'name="baseline_value"[^>]*value="12,5"', form.text)
    english_form = client.get(edit_url(benefit))
    assert re.search(r'name="baseline_value"[^>]*value="12.5"', english_form.text)


def test_a_swedish_decimal_comma_is_not_a_number_in_english(world, login, client):
    idea = in_rollout(world.a)
    before = unchanged()
    response = login(world.a.manager).post(
        new_url(idea), data=benefit_data(world.a, target_value="12,5")
    )
    assert response.status_code == 422
    assert field_error(response, "target_value") == "Enter a number, such as 1.5."
    assert unchanged() == before
