"""Bad input and stale versions on the benefit forms: refused, with nothing saved."""

import re

import pytest

from tests.benefit_factories import idea_with_benefit
from tests.benefits.helpers import (
    benefit_data,
    benefit_version,
    edit_data,
    edit_url,
    iso,
    new_url,
    unchanged,
)
from tests.ideas.helpers import NOT_A_CHOICE, REQUIRED
from tests.pilot_factories import in_rollout
from tests.pilots.helpers import field_error, other_client

STALE_BENEFIT = "Someone else changed this benefit meanwhile. Nothing was saved."
FIX_FIELDS = "Please correct the fields marked below."

# ---------------------------------------------------------------- bad input

BAD_BENEFITS = {
    "not a number": ({"target_value": "tolv"}, "target_value", "Enter a number, such as 1.5."),
    "huge number": (
        {"baseline_value": "1000000000000000"},
        "baseline_value",
        "The number is too large.",
    ),
    "huge price": (
        {"sek_per_unit": "1000000000000000"},
        "sek_per_unit",
        "The number is too large.",
    ),
    "target date before the baseline date": (
        {"target_on": iso(-181)},
        "target_on",
        "The target date must be after the baseline date.",
    ),
    "target date on the baseline date": (
        {"target_on": iso(-180)},
        "target_on",
        "The target date must be after the baseline date.",
    ),
    "baseline value without date": (
        {"baseline_on": ""},
        "baseline_on",
        "Give the baseline's value and date together.",
    ),
    "baseline date without value": (
        {"baseline_value": ""},
        "baseline_value",
        "Give the baseline's value and date together.",
    ),
    "target value without date": (
        {"target_on": ""},
        "target_on",
        "Give the target's value and date together.",
    ),
    "interval of 0": (
        {"interval_months": "0"},
        "interval_months",
        "Give an interval from 1 to 60 months.",
    ),
    "interval of -1": (
        {"interval_months": "-1"},
        "interval_months",
        "Give an interval from 1 to 60 months.",
    ),
    "attribution of 101": (
        {"attribution": "101"},
        "attribution",
        "The attribution is a share from 0 to 100 %.",
    ),
    "attribution of -1": (
        {"attribution": "-1"},
        "attribution",
        "The attribution is a share from 0 to 100 %.",
    ),
    "no attribution": ({"attribution": ""}, "attribution", REQUIRED),
    "blank attribution": ({"attribution": "  "}, "attribution", REQUIRED),
    "no title": ({"title": "  "}, "title", REQUIRED),
    "interim date without value": (
        {"interim-0-on": iso(0)},
        "interim-0-value",
        "Give the value planned for this date.",
    ),
    "interim value without date": (
        {"interim-0-value": "15"},
        "interim-0-on",
        "Give the date of this interim target.",
    ),
    "interim target after the target date": (
        {"interim-0-on": iso(186), "interim-0-value": "9"},
        "interim",
        "Interim targets lie between the baseline date and the target date.",
    ),
    "two interim targets on one day": (
        {
            **{"interim-0-on": iso(0), "interim-0-value": "16"},
            **{"interim-1-on": iso(0), "interim-1-value": "15"},
        },
        "interim",
        "Each interim target has a date of its own.",
    ),
    "owner of another organisation": ({"owner_id": "b.employee"}, "owner_id", NOT_A_CHOICE),
    "unknown owner": ({"owner_id": 999999}, "owner_id", NOT_A_CHOICE),
    "unit of another organisation": ({"unit_id": "b.social"}, "unit_id", NOT_A_CHOICE),
    "unknown unit": ({"unit_id": 999999}, "unit_id", NOT_A_CHOICE),
    "goal of another organisation": (
        {"strategic_goal_id": "b.goal"},
        "strategic_goal_id",
        NOT_A_CHOICE,
    ),
    "unknown goal": ({"strategic_goal_id": 999999}, "strategic_goal_id", NOT_A_CHOICE),
    "unknown type": ({"type": "happiness"}, "type", NOT_A_CHOICE),
}


def _resolve(world, overrides: dict) -> dict:
    """Overrides such as "b.social" become the id of that unit, person or goal of world.b."""
    return {
        key: getattr(world.b, value[2:]).id
        if isinstance(value, str) and value.startswith("b.")
        else value
        for key, value in overrides.items()
    }


@pytest.mark.parametrize(("overrides", "name", "message"), BAD_BENEFITS.values(), ids=BAD_BENEFITS)
def test_a_bad_new_benefit_is_shown_again_with_the_message_on_its_field_and_nothing_saved(
    world, login, client, overrides, name, message
):
    idea = in_rollout(world.a)
    before = unchanged()
    data = benefit_data(world.a, **_resolve(world, overrides))
    response = login(world.a.manager).post(new_url(idea), data=data)
    assert response.status_code == 422
    assert field_error(response, name) == message
    assert FIX_FIELDS in response.text
    assert unchanged() == before


@pytest.mark.parametrize(
    "case", ["not a number", "baseline value without date", "interval of 0", "attribution of 101"]
)
def test_a_bad_change_is_shown_again_with_the_message_on_its_field_and_nothing_saved(
    world, login, client, case
):
    idea, benefit = idea_with_benefit(world.a)
    overrides, name, message = BAD_BENEFITS[case]
    before = unchanged()
    data = edit_data(world.a, benefit, reason="Ny mätmetod", **overrides)
    response = login(world.a.manager).post(edit_url(benefit), data=data)
    assert response.status_code == 422
    assert field_error(response, name) == message
    assert unchanged() == before


def test_a_plan_change_without_a_reason_is_refused_and_nothing_saved(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    before = unchanged()
    data = edit_data(world.a, benefit, baseline_value="22", reason="  ")
    response = login(world.a.manager).post(edit_url(benefit), data=data)
    assert response.status_code == 422
    assert field_error(response, "reason") == "Say why the baseline or target changes."
    assert 'value="22"' in response.text  # what was typed stays
    assert unchanged() == before


def test_a_planned_benefit_keeps_its_owner(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    before = unchanged()
    data = edit_data(world.a, benefit, owner_id="")
    response = login(world.a.manager).post(edit_url(benefit), data=data)
    assert response.status_code == 422
    assert "A planned benefit keeps its baseline, target and owner." in response.text
    assert unchanged() == before


def test_a_change_on_a_version_changed_meanwhile_is_refused_and_nothing_of_it_saved(
    world, login, client, app
):
    idea, benefit = idea_with_benefit(world.a)
    seen = edit_data(world.a, benefit)
    first = dict(seen, title="Snabbare bygglov")
    assert other_client(app, world.a.admin).post(edit_url(benefit), data=first).status_code == 302
    after_first = unchanged()
    response = login(world.a.manager).post(edit_url(benefit), data=dict(seen, risks="Ny risk"))
    assert response.status_code == 409
    assert STALE_BENEFIT in response.text
    assert unchanged() == after_first
    # the form now carries the version the user was told about, so a second save goes through
    version = re.search(r'name="version"[^>]*value="(\d+)"', response.text).group(1)
    assert int(version) == benefit_version(benefit)


def test_a_stale_change_is_refused_in_swedish_too(world, login, client, app):
    idea, benefit = idea_with_benefit(world.a)
    seen = edit_data(world.a, benefit)
    other = other_client(app, world.a.admin)
    assert other.post(edit_url(benefit), data=dict(seen, title="Snabbare")).status_code == 302
    after_first = unchanged()
    client = login(world.a.manager)
    response = client.post(
        edit_url(benefit), data=dict(seen, risks="Ny risk"), headers={"Accept-Language": "sv"}
    )
    assert response.status_code == 409
    assert '<html lang="sv">' in response.text
    assert unchanged() == after_first
