"""Identifying, planning and changing benefits through their pages, the benefit page, the idea
page's Benefits section, the follow-up gate, and who may do what.

Every refused write is checked against the database: nothing of it is saved.
"""

import html
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from babel.dates import format_date as babel_date
from sqlalchemy import select

from tests.benefit_factories import TODAY, idea_with_benefit, measure, plan_benefit
from tests.factories import db_state, reload, version_of
from tests.ideas.helpers import NOT_A_CHOICE, REQUIRED, _flash, _login_next
from tests.pilot_factories import in_rollout, pilot_state
from tests.pilots.helpers import field_error, other_client
from tracker.benefits import calc
from tracker.benefits.models import (
    Benefit,
    BenefitSettings,
    ClosingAssessment,
    Cost,
    IdeaYearFigure,
    InterimTarget,
    Measurement,
    PlanChange,
    ReminderSent,
)
from tracker.benefits.rules import BenefitType, Lifecycle
from tracker.extensions import db
from tracker.ideas.stages import Stage
from tracker.pilots.rules import UnitStatus

STALE_BENEFIT = "Someone else changed this benefit meanwhile. Nothing was saved."
FIX_FIELDS = "Please correct the fields marked below."

# ---------------------------------------------------- readers shared by the benefit view tests

BENEFIT_MODELS = (
    Benefit,
    InterimTarget,
    PlanChange,
    Measurement,
    Cost,
    BenefitSettings,
    ReminderSent,
    ClosingAssessment,
    IdeaYearFigure,
)


def benefit_state() -> dict[str, list[dict]]:
    """Every row of the benefit tables."""
    db.session.expire_all()
    return {
        model.__tablename__: [
            dict(row)
            for row in db.session.execute(
                select(model.__table__).order_by(*model.__table__.primary_key.columns)
            ).mappings()
        ]
        for model in BENEFIT_MODELS
    }


def unchanged():
    """The idea, pilot and benefit tables, to compare before and after a refused write."""
    return db_state(), pilot_state(), benefit_state()


def reloaded(benefit: Benefit) -> Benefit:
    db.session.expire_all()
    return db.session.get(Benefit, benefit.id)


def benefit_version(benefit: Benefit) -> int:
    return reloaded(benefit).version


def iso(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def english(day) -> str:
    """A date as the English pages show it."""
    return babel_date(day, "medium", locale="en")


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def fact(page, label: str) -> str:
    """The value shown beside a label in a list of facts on the benefit page."""
    found = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", page.text, re.S)
    assert found, f"no fact {label!r}"
    return text_of(found.group(1))


def benefit_rows(page) -> list[list[str]]:
    """The rows of the idea page's Benefits table, as the text of their cells."""
    section = re.search(r'<section[^>]*id="benefits">(.*?)</section>', page.text, re.S)
    assert section, "no Benefits section"
    body = re.search(r"<tbody>(.*?)</tbody>", section.group(1), re.S)
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S) if body else []
    return [[text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


# ---------------------------------------------------- the form


def benefit_data(org, **overrides) -> dict:
    """A planned reallocation benefit: handling time from 20 to 10 days over a year."""
    data = {
        "version": 0,
        "title": "Kortare handläggningstid för bygglov",
        "type": "reallocation",
        "stakeholder": "residents",
        "unit_id": org.home_care.id,
        "indicator": "Handläggningstid per bygglov",
        "measure": "dagar",
        "direction": "lower",
        "method": "Medianen ur ärendesystemet varje kvartal.",
        "data_source": "Ärendesystemet",
        "baseline_value": "20",
        "baseline_on": iso(-180),
        "target_value": "10",
        "target_on": iso(185),
        "interim-0-on": "",
        "interim-0-value": "",
        "confidence": "medium",
        "sek_per_unit": "5000",
        "price_year": "2025",
        "attribution": "100",
        "owner_id": org.employee.id,
        "strategic_goal_id": org.goal.id,
        "interval_months": "3",
        "risks": "Fler ansökningar kan äta upp vinsten.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def identified_data(org, **overrides) -> dict:
    """Only what identifies a benefit, as the empty form posts it."""
    empty = ("baseline_value", "baseline_on", "target_value", "target_on", "sek_per_unit")
    data = benefit_data(
        org,
        **dict.fromkeys(empty, ""),
        unit_id="",
        owner_id="",
        strategic_goal_id="",
        method="",
        data_source="",
        price_year="",
        risks="",
    )
    data.update(overrides)
    return data


def edit_data(org, benefit, **overrides) -> dict:
    """The benefit as its edit form posts it back unchanged, with the overrides."""
    b = reloaded(benefit)
    data = benefit_data(
        org,
        version=b.version,
        title=b.title,
        type=b.type.value,
        stakeholder=b.stakeholder.value,
        unit_id=b.unit_id or "",
        direction=b.direction.value,
        method=b.method,
        data_source=b.data_source,
        baseline_value=str(b.baseline_value),
        baseline_on=b.baseline_on.isoformat(),
        target_value=str(b.target_value),
        target_on=b.target_on.isoformat(),
        sek_per_unit=str(b.sek_per_unit) if b.sek_per_unit is not None else "",
        price_year=b.price_year or "",
        attribution=str(b.attribution),
        owner_id=b.owner_id,
        strategic_goal_id=b.strategic_goal_id or "",
        risks=b.risks,
    )
    for i, t in enumerate(b.interim_targets):
        data[f"interim-{i}-on"], data[f"interim-{i}-value"] = t.on.isoformat(), str(t.value)
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def new_url(idea) -> str:
    return f"/ideas/{idea.id}/benefits/new"


def edit_url(benefit) -> str:
    return f"/benefits/{benefit.id}/edit"


def show_url(benefit) -> str:
    return f"/benefits/{benefit.id}"


def only_benefit() -> Benefit:
    db.session.expire_all()
    return db.session.scalars(select(Benefit)).one()


# ---------------------------------------------------------------- identify and plan


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


# ---------------------------------------------------------------- bad input

BAD_BENEFITS = {
    "not a number": ({"target_value": "tolv"}, "target_value", "Enter a number, such as 1.5."),
    "huge number": ({"baseline_value": "1e15"}, "baseline_value", "The number is too large."),
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
    client = login(world.a.school_manager)
    assert client.get(show_url(benefit)).status_code == 403
    owned_idea, owned = idea_with_benefit(world.a, owner_id=world.a.school_manager.id)
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
