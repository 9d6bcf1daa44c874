"""The write services check their own input: a caller without a form (the API, the demo loader,
the generator) gets `Invalid` on the right field, never a database error, and nothing is written.
"""

import html
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests import english
from tests.benefit_factories import benefit_input, idea_with_benefit
from tests.factories import db_state, make_idea, table_rows
from tests.pilot_factories import CRITERIA, in_rollout, pilot_state, plan_pilot, prioritised_idea
from tracker import validation as check
from tracker.admin import services as admin
from tracker.audit import AuditEntry
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits import closing
from tracker.benefits import services as benefits
from tracker.benefits.models import (
    Benefit,
    ClosingAssessment,
    InterimTarget,
    Measurement,
    PlanChange,
)
from tracker.benefits.rules import Lifecycle
from tracker.costs import services as costs
from tracker.costs.models import Cost
from tracker.costs.rules import CostCategory, CostKind
from tracker.extensions import db
from tracker.ideas import services as ideas
from tracker.ideas.models import TEXT_MAX, TITLE_MAX, Idea, Source
from tracker.ideas.stages import Stage
from tracker.orgs.models import Category, ScoringCriterion, StrategicGoal, Unit
from tracker.pilots import services as pilots
from tracker.pilots.models import CRITERION_MAX
from tracker.pilots.rules import Decision, Outcome, UnitStatus
from tracker.refusals import Invalid
from tracker.rollouts import services as rollouts
from tracker.rollouts.models import ACTIVITY_MAX

ctx, client = english.ctx, english.client  # services and pages speak English: fixtures
TODAY = date.today()
TOO_LONG = "Use at most %d characters."
REQUIRED = "This field is required."
CONTROL = "Remove the control characters (such as NUL) from the text."
OPTIONS = "Choose one of the options."
DATES = "Enter a date in the years 2000 to 2100."


def refusal(call, state) -> Invalid:
    """The Invalid that `call` raises; the rolled-back session leaves `state` as it was."""
    before = state()
    with pytest.raises(Invalid) as refused:
        call()
    db.session.rollback()
    assert state() == before
    return refused.value


def refused_on(call, state) -> tuple[str, str]:
    found = refusal(call, state)
    return found.field, str(found)


def everything() -> dict:
    """Every row a service below may write."""
    return {
        **db_state(),
        **pilot_state(),
        **table_rows(Benefit, InterimTarget, PlanChange, Measurement, Cost, ClosingAssessment),
        **table_rows(Unit, StrategicGoal, Category, ScoringCriterion, User, AuditEntry),
    }


# ------------------------------------------------------------------------- the helper


def test_the_limits_come_from_the_columns():
    assert check.column_length(Idea.title) == TITLE_MAX == 160
    assert check.column_length(Idea.need) is None  # Text: the service passes TEXT_MAX
    assert check.numeric_limit(Benefit.baseline_value) == Decimal(10) ** 14  # Numeric(18, 4)


@pytest.mark.parametrize("kept", ["tab\there", "two\nlines", "windows\r\nlines", "åäö – ok"])
def test_tab_newline_and_carriage_return_are_text(ctx, kept):
    assert check.text("f", f"  {kept}  ", 50) == kept


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\x1f"])
def test_other_control_characters_are_refused(ctx, bad):
    with pytest.raises(Invalid) as refused:
        check.text("f", f"a{bad}b", 50)
    assert (refused.value.field, str(refused.value)) == ("f", CONTROL)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "Enter a whole number."),
        ("3", "Enter a whole number."),
        (3.0, "Enter a whole number."),
        (0, "Enter a number from 1 to 5."),
        (6, "Enter a number from 1 to 5."),
    ],
)
def test_a_whole_number_is_an_int_in_range(ctx, value, message):
    with pytest.raises(Invalid) as refused:
        check.whole_number("n", value, 1, 5)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, "Enter a number."),
        ("1.5", "Enter a number."),
        (Decimal("NaN"), "Enter a number."),
        (Decimal("Infinity"), "Enter a number."),
        (Decimal(1000), "The number is too large."),
        (Decimal(-1000), "The number is too large."),
        (Decimal("-0.01"), "Enter a number of at least 0."),
        (Decimal("1.234"), "Use at most 2 decimals."),
    ],
)
def test_a_number_is_a_finite_decimal_its_column_holds(ctx, value, message):
    with pytest.raises(Invalid) as refused:
        check.number("n", value, Decimal(1000), minimum=0, places=2)
    assert str(refused.value) == message


def test_dates_ids_and_members(ctx):
    assert check.day("d", date(2026, 1, 31)) == date(2026, 1, 31)
    for bad, message in [
        ("2026-01-31", "Enter a date."),
        (date(1999, 12, 31), DATES),
        (date(2101, 1, 1), DATES),
    ]:
        with pytest.raises(Invalid, match=re.escape(message)):
            check.day("d", bad)
    for bad in (0, -1, 2**31, "7", True, None):
        with pytest.raises(Invalid, match=OPTIONS):
            check.identifier("i", bad)
    assert check.member("s", Source.SURVEY, Source) is Source.SURVEY
    with pytest.raises(Invalid, match=OPTIONS):
        check.member("s", "survey", Source)


# ------------------------------------------------------------------------- ideas


def idea_text(org, **changes) -> ideas.IdeaText:
    values = dict(
        title="Matsvinn i skolköket",
        need="Vi slänger mycket mat.",
        proposal="Väg svinnet dagligen.",
        expected_benefit="Mindre svinn.",
        category_id=org.category.id,
        unit_id=org.home_care.id,
    )
    values.update(changes)
    return ideas.IdeaText(**values)


BAD_IDEAS = {
    "long title": ({"title": "x" * 300}, "title", TOO_LONG % TITLE_MAX),
    "blank title": ({"title": "   "}, "title", REQUIRED),
    "NUL in title": ({"title": "Mat\x00svinn"}, "title", CONTROL),
    "empty need": ({"need": ""}, "need", REQUIRED),
    "escape in proposal": ({"proposal": "Väg \x1b[31msvinnet"}, "proposal", CONTROL),
    "long benefit": (
        {"expected_benefit": "x" * (TEXT_MAX + 1)},
        "expected_benefit",
        TOO_LONG % TEXT_MAX,
    ),
    "source as text": ({"source": "employee"}, "source", OPTIONS),
    "unit id as text": ({"unit_id": "5"}, "unit_id", OPTIONS),
    "unit id too large": ({"unit_id": 2**40}, "unit_id", OPTIONS),
    "unit of another organisation": (
        {"unit_id": "b.home_care"},
        "unit_id",
        "Choose one of the organisation's units.",
    ),
    "category of another organisation": (
        {"category_id": "b.category"},
        "category_id",
        "Choose one of the organisation's categories.",
    ),
    "NUL in a tag": ({"tags": ["matsvinn", "skola\x00"]}, "tags", CONTROL),
}


def _of_b(world, changes: dict) -> dict:
    return {
        k: getattr(world.b, v[2:]).id if isinstance(v, str) and v.startswith("b.") else v
        for k, v in changes.items()
    }


@pytest.mark.parametrize(("changes", "field", "message"), BAD_IDEAS.values(), ids=BAD_IDEAS)
def test_submit_idea_refuses_bad_input_on_its_field(world, changes, field, message):
    text = idea_text(world.a, **_of_b(world, changes))
    call = lambda: ideas.submit_idea(world.a.employee, text)  # noqa: E731
    assert refused_on(call, everything) == (field, message)


def test_submit_idea_stores_trimmed_text_with_its_tabs_and_newlines(world):
    idea = ideas.submit_idea(world.a.employee, idea_text(world.a, need="  Rad ett\n\tRad två  "))
    assert (idea.need, idea.title) == ("Rad ett\n\tRad två", "Matsvinn i skolköket")


def test_edit_idea_refuses_a_long_title(world):
    idea = make_idea(world.a.employee)
    db.session.commit()
    text = idea_text(world.a, title="x" * (TITLE_MAX + 1))
    call = lambda: ideas.edit_idea(idea, world.a.employee, text, version=None)  # noqa: E731
    assert refused_on(call, everything) == ("title", TOO_LONG % TITLE_MAX)


@pytest.mark.parametrize(
    ("reason", "revisit_on", "field", "message"),
    [
        ("Nej\x00", None, "reason", CONTROL),
        ("x" * (TEXT_MAX + 1), None, "reason", TOO_LONG % TEXT_MAX),
        ("Senare.", date(1900, 1, 1), "revisit_on", DATES),
        ("Senare.", "2030-01-01", "revisit_on", "Enter a date."),
    ],
)
def test_move_idea_refuses_a_bad_reason_or_revisit_date(world, reason, revisit_on, field, message):
    idea = make_idea(world.a.employee, stage=Stage.SCREENING, owner_id=world.a.manager.id)
    db.session.commit()
    call = lambda: ideas.move_idea(  # noqa: E731
        idea, world.a.manager, Stage.PARKED, version=None, reason=reason, revisit_on=revisit_on
    )
    assert refused_on(call, everything) == (field, message)


@pytest.mark.parametrize(
    ("score", "rationale", "field", "message"),
    [
        (6, "Bra idé.", "score_{}", "Enter a number from 1 to 5."),
        (0, "Bra idé.", "score_{}", "Enter a number from 1 to 5."),
        ("3", "Bra idé.", "score_{}", "Enter a whole number."),
        (3, "Bra\x00 idé.", "rationale", CONTROL),
        (3, "  ", "rationale", REQUIRED),
    ],
)
def test_assess_idea_refuses_bad_scores_and_rationale(world, score, rationale, field, message):
    idea = make_idea(world.a.employee, stage=Stage.SCREENING, owner_id=world.a.manager.id)
    db.session.commit()
    criteria = ideas.active_criteria(world.a.org.id)
    scores = {c.id: 3 for c in criteria} | {criteria[0].id: score}
    data = ideas.AssessmentInput(scores, world.a.goal.id, rationale)
    call = lambda: ideas.assess_idea(idea, world.a.manager, data, version=None)  # noqa: E731
    assert refused_on(call, everything) == (field.format(criteria[0].id), message)


# ------------------------------------------------------------------------- pilots, rollouts


def pilot_input(idea, manager, **changes) -> pilots.PilotInput:
    values = dict(
        hypothesis="Digital signering halverar handläggningstiden.",
        criteria=[pilots.CriterionInput(d, t) for d, t in CRITERIA],
        unit_id=idea.unit_id,
        owner_id=manager.id,
        starts_on=TODAY,
        ends_on=TODAY + timedelta(days=30),
    )
    values.update(changes)
    return pilots.PilotInput(**values)


BAD_PLANS = {
    "NUL in hypothesis": ({"hypothesis": "Det\x00 går"}, "hypothesis", CONTROL),
    "long criterion": (
        {"criteria": [pilots.CriterionInput("x" * (CRITERION_MAX + 1), "minst 80 %")]},
        "criteria",
        TOO_LONG % CRITERION_MAX,
    ),
    "start in 1900": ({"starts_on": date(1900, 1, 1)}, "starts_on", DATES),
    "unit id as text": ({"unit_id": "3"}, "unit_id", OPTIONS),
}


@pytest.mark.parametrize(("changes", "field", "message"), BAD_PLANS.values(), ids=BAD_PLANS)
def test_plan_pilot_refuses_bad_input_on_its_field(world, changes, field, message):
    idea = prioritised_idea(world.a)
    data = pilot_input(idea, world.a.manager, **changes)
    call = lambda: pilots.plan_pilot(idea, world.a.manager, data, version=None)  # noqa: E731
    assert refused_on(call, everything) == (field, message)


def test_extend_pilot_refuses_a_nul_in_the_reason(world):
    idea = prioritised_idea(world.a)
    plan_pilot(idea, world.a.manager)
    new_end = TODAY + timedelta(days=60)
    call = lambda: pilots.extend_pilot(  # noqa: E731
        idea, world.a.manager, new_end, "Sjuk\x00skrivning", version=None
    )
    assert refused_on(call, everything) == ("reason", CONTROL)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"decision": "stop"}, "decision", OPTIONS),
        ({"learnings": "Lär\x00dom"}, "learnings", CONTROL),
        ({"changes": "x" * (TEXT_MAX + 1)}, "changes", TOO_LONG % TEXT_MAX),
        ({"outcome": "met"}, "outcome_{}", OPTIONS),
        ({"evidence": "Mätt\x00"}, "evidence_{}", CONTROL),
    ],
)
def test_evaluate_pilot_refuses_bad_input_on_its_field(world, changes, field, message):
    idea = prioritised_idea(world.a)
    pilot = plan_pilot(idea, world.a.manager)
    outcome, evidence = changes.pop("outcome", Outcome.MET), changes.pop("evidence", "Mätt.")
    data = pilots.EvaluationInput(
        decision=changes.pop("decision", Decision.SCALE_UP),
        results={c.id: (outcome, evidence) for c in pilot.criteria},
        learnings=changes.pop("learnings", "Brukarna behöver en introduktion."),
        **changes,
    )
    call = lambda: pilots.evaluate_pilot(idea, world.a.manager, data, version=None)  # noqa: E731
    assert refused_on(call, everything) == (field.format(pilot.criteria[0].id), message)


@pytest.mark.parametrize(
    ("unit_changes", "activity", "reason", "field", "message"),
    [
        ({"status": "done"}, None, "Beprövat.", "units", OPTIONS),
        ({"ends_on": date(2200, 1, 1)}, None, "Beprövat.", "units", DATES),
        ({}, "x" * (ACTIVITY_MAX + 1), "Beprövat.", "activities", TOO_LONG % ACTIVITY_MAX),
        ({}, "Utbildning\x00", "Beprövat.", "activities", CONTROL),
        ({}, None, "Beprövat\x00", "reason", CONTROL),
    ],
)
def test_plan_rollout_refuses_bad_rows(world, unit_changes, activity, reason, field, message):
    idea = prioritised_idea(world.a)
    unit = dict(
        unit_id=world.a.home_care.id,
        status=UnitStatus.PLANNED,
        starts_on=TODAY,
        ends_on=TODAY + timedelta(days=60),
        contact_id=world.a.employee.id,
    )
    unit.update(unit_changes)
    activities = [rollouts.ActivityInput(activity, world.a.manager.id, TODAY)] if activity else []
    data = rollouts.RolloutInput([rollouts.UnitInput(**unit)], activities, reason)
    call = lambda: rollouts.plan_rollout(idea, world.a.manager, data, version=None)  # noqa: E731
    assert refused_on(call, everything) == (field, message)


# ------------------------------------------------------------------------- benefits


BAD_BENEFITS = {
    "long title": ({"title": "x" * 161}, "title", TOO_LONG % 160),
    "empty indicator": ({"indicator": " "}, "indicator", REQUIRED),
    "long measure": ({"measure": "x" * 61}, "measure", TOO_LONG % 60),
    "NUL in the data source": ({"data_source": "Ärende\x00system"}, "data_source", CONTROL),
    "NUL in the risks": ({"risks": "\x00"}, "risks", CONTROL),
    "type as text": ({"type": "financial"}, "type", OPTIONS),
    "direction as text": ({"direction": "lower"}, "direction", OPTIONS),
    "baseline beyond its column": (
        {"baseline_value": Decimal(10) ** 14},
        "baseline_value",
        "The number is too large.",
    ),
    "target as a float": ({"target_value": 10.5}, "target_value", "Enter a number."),
    "target not a number": ({"target_value": Decimal("NaN")}, "target_value", "Enter a number."),
    "negative price": ({"sek_per_unit": Decimal(-1)}, "sek_per_unit", "The value is zero or more."),
    "price year 1999": ({"price_year": 1999}, "price_year", "Enter a year from 2000 to 2100."),
    "interval of 61 months": (
        {"interval_months": 61},
        "interval_months",
        "Give an interval from 1 to 60 months.",
    ),
    "interval as text": ({"interval_months": "3"}, "interval_months", "Enter a whole number."),
    "owner id as text": ({"owner_id": "7"}, "owner_id", OPTIONS),
}


@pytest.mark.parametrize(("changes", "field", "message"), BAD_BENEFITS.values(), ids=BAD_BENEFITS)
def test_save_benefit_refuses_bad_input_on_its_field(world, changes, field, message):
    idea = in_rollout(world.a)
    data = benefit_input(world.a.employee, **changes)
    call = lambda: benefits.save_benefit(idea, world.a.manager, data)  # noqa: E731
    assert refused_on(call, everything) == (field, message)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"value": Decimal(10) ** 14}, "value", "The number is too large."),
        ({"value": "12"}, "value", "Enter a number."),
        ({"comment": "Mätt\x00"}, "comment", CONTROL),
        ({"data_source": "x" * 201}, "data_source", TOO_LONG % 200),
        ({"on": date(1900, 1, 1)}, "on", DATES),
    ],
)
def test_record_measurement_refuses_bad_input_on_its_field(world, changes, field, message):
    _idea, benefit = idea_with_benefit(world.a)
    data = benefits.MeasurementInput(**{"on": TODAY, "value": Decimal(15), **changes})
    call = lambda: benefits.record_measurement(benefit, world.a.employee, data)  # noqa: E731
    assert refused_on(call, everything) == (field, message)


@pytest.mark.parametrize(
    ("outcome", "reason", "field", "message"),
    [
        ("evaporated", "Behovet försvann.", "outcome", OPTIONS),
        (Lifecycle.EVAPORATED, "Behovet\x00 försvann.", "reason", CONTROL),
    ],
)
def test_drop_benefit_refuses_bad_input_on_its_field(world, outcome, reason, field, message):
    _idea, benefit = idea_with_benefit(world.a)
    call = lambda: closing.drop_benefit(  # noqa: E731
        benefit, world.a.manager, outcome, reason, version=None
    )
    assert refused_on(call, everything) == (field, message)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"summary": "Klart\x00"}, "summary", CONTROL),
        ({"learnings": "x" * (TEXT_MAX + 1)}, "learnings", TOO_LONG % TEXT_MAX),
        ({"keeper_id": "1"}, "keeper_id", OPTIONS),
    ],
)
def test_assess_closing_refuses_bad_input_on_its_field(world, changes, field, message):
    idea = make_idea(world.a.employee, stage=Stage.FOLLOW_UP, owner_id=world.a.manager.id)
    db.session.commit()
    values = {"summary": "Klart.", "learnings": "Mycket.", "keeper_id": world.a.manager.id}
    data = closing.ClosingInput(**{**values, **changes})
    call = lambda: closing.assess_closing(idea, world.a.manager, data, version=None)  # noqa: E731
    assert refused_on(call, everything) == (field, message)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"description": "x" * 161}, "description", TOO_LONG % 160),
        ({"description": "Licens\x00"}, "description", CONTROL),
        ({"kind": "one_off"}, "kind", OPTIONS),
        ({"category": "licences"}, "category", OPTIONS),
        ({"year_from": "2026"}, "year_from", "Enter a whole number."),
        ({"year_from": 1999}, "year_from", "Enter a year from 2000 to 2100."),
        ({"planned": Decimal(10) ** 12}, "planned", "An amount is from 0 to 100 billion kronor."),
        ({"planned": 1000.0}, "planned", "Enter a number."),
    ],
)
def test_save_cost_refuses_bad_input_on_its_field(world, changes, field, message):
    idea = in_rollout(world.a)
    values = dict(
        description="Licenser",
        kind=CostKind.ONE_OFF,
        category=next(iter(CostCategory)),
        year_from=TODAY.year,
        planned=Decimal(1000),
    )
    data = costs.CostInput(**{**values, **changes})
    call = lambda: costs.save_cost(idea, world.a.manager, data)  # noqa: E731
    assert refused_on(call, everything) == (field, message)


# ------------------------------------------------------------------------- administration


def admin_calls(world):
    a = world.a
    user = dict(email="ny@a.example.org", role=Role.EMPLOYEE, unit_id=None, password="x" * 12)
    criterion = dict(name="Nytta", description="", weight=Decimal(1), inverted=False, position=0)
    return {
        "long unit name": (
            lambda: admin.save_unit(a.admin, None, name="x" * 121, parent_id=None),
            ("name", TOO_LONG % 120),
        ),
        "NUL in unit name": (
            lambda: admin.save_unit(a.admin, None, name="Skola\x00", parent_id=None),
            ("name", CONTROL),
        ),
        "long goal name": (
            lambda: admin.save_goal(a.admin, None, name="x" * 161, description=""),
            ("name", TOO_LONG % 160),
        ),
        "NUL in goal description": (
            lambda: admin.save_goal(a.admin, None, name="Mål", description="Mål\x00"),
            ("description", CONTROL),
        ),
        "empty category name": (
            lambda: admin.save_category(a.admin, None, name="  "),
            ("name", REQUIRED),
        ),
        "long criterion name": (
            lambda: admin.save_criterion(a.admin, None, **{**criterion, "name": "x" * 121}),
            ("name", TOO_LONG % 120),
        ),
        "weight as a float": (
            lambda: admin.save_criterion(a.admin, None, **{**criterion, "weight": 1.5}),
            ("weight", "Enter a number."),
        ),
        "long email": (
            lambda: admin.create_user(a.admin, name="Ny", **{**user, "email": "x" * 250 + "@a.se"}),
            ("email", TOO_LONG % 254),
        ),
        "NUL in user name": (
            lambda: admin.create_user(a.admin, name="Ny\x00", **user),
            ("name", CONTROL),
        ),
        "role as text": (
            lambda: admin.edit_user(
                a.admin, a.employee, name="Eva", role="manager", unit_id=None, active=True
            ),
            ("role", OPTIONS),
        ),
        "active as text": (
            lambda: admin.edit_user(
                a.admin, a.employee, name="Eva", role=Role.EMPLOYEE, unit_id=None, active="false"
            ),
            ("active", OPTIONS),
        ),
        "unit id out of range": (
            lambda: admin.create_user(a.admin, name="Ny", **{**user, "unit_id": 2**31}),
            ("unit_id", OPTIONS),
        ),
        "unit id as text": (
            lambda: admin.edit_user(
                a.admin, a.employee, name="Eva", role=Role.EMPLOYEE, unit_id="3", active=True
            ),
            ("unit_id", OPTIONS),
        ),
        "deactivate with a number": (
            lambda: admin.set_active(a.admin, a.category, 0),
            ("active", OPTIONS),
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "long unit name",
        "NUL in unit name",
        "long goal name",
        "NUL in goal description",
        "empty category name",
        "long criterion name",
        "weight as a float",
        "long email",
        "NUL in user name",
        "role as text",
        "active as text",
        "unit id out of range",
        "unit id as text",
        "deactivate with a number",
    ],
)
def test_admin_services_refuse_bad_input_on_its_field(world, case):
    call, expected = admin_calls(world)[case]
    assert refused_on(call, everything) == expected


# ------------------------------------------------------------------------- the form path


def _field_error(response, name: str) -> str:
    found = re.search(rf'<p class="error" id="{name}-error">(.*?)</p>', response.text, re.S)
    return html.unescape(found.group(1)) if found else ""


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("x" * 300, f"Field cannot be longer than {TITLE_MAX} characters."),  # the form's
        ("Mat\x00svinn", CONTROL),  # past the form: the service's
    ],
)
def test_a_bad_title_posted_to_the_form_is_refused_on_its_field(
    world, login, client, title, message
):
    data = {
        "title": title,
        "need": "Vi slänger mycket mat.",
        "proposal": "Väg svinnet dagligen.",
        "expected_benefit": "",
        "category_id": world.a.category.id,
        "unit_id": world.a.home_care.id,
        "source": "employee",
        "version": 0,
    }
    before = everything()
    response = login(world.a.employee).post("/ideas/new", data=data)
    assert response.status_code == 422
    assert message in _field_error(response, "title")
    assert everything() == before
