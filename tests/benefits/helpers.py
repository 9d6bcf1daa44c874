"""Shared builders and readers for the benefit view tests."""

import html
import re
from datetime import date, timedelta
from decimal import Decimal

from babel.dates import format_date as babel_date
from sqlalchemy import select

from tests.benefit_factories import TODAY, benefit_input
from tests.factories import db_state, make_idea, table_rows
from tests.pilot_factories import pilot_state
from tracker.benefits import services
from tracker.benefits.models import (
    Benefit,
    BenefitSettings,
    ClosingAssessment,
    IdeaYearFigure,
    InterimTarget,
    Measurement,
    PlanChange,
    ReminderSent,
)
from tracker.costs import services as cost_services
from tracker.costs.models import Cost
from tracker.costs.rules import CostCategory, CostKind
from tracker.extensions import db
from tracker.ideas.models import Idea, StageChange
from tracker.ideas.stages import Stage

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
    return table_rows(*BENEFIT_MODELS)


def closing_state() -> dict[str, list[dict]]:
    """Every row the closing routes could write, to show that a refused one wrote nothing."""
    return table_rows(Benefit, Measurement, ClosingAssessment, Idea, StageChange)


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


# ---------------------------------------------------- the benefit service tests

BASELINE_ON = TODAY - timedelta(days=180)
TARGET_ON = TODAY + timedelta(days=185)


def _figures(benefit: Benefit) -> tuple:
    b = reloaded(benefit)
    return b.latest_value, b.latest_on, b.realised_change, b.next_due_on


def _history(benefit: Benefit) -> list[tuple]:
    rows = db.session.scalars(
        select(PlanChange).where(PlanChange.benefit_id == benefit.id).order_by(PlanChange.id)
    )
    return [(c.what, c.old_value, c.old_on, c.new_value, c.new_on, c.reason) for c in rows]


def _change(benefit: Benefit, user, reason: str = "", version=None, **changes) -> Benefit:
    """Save the benefit again as planned by the factory, with the changes."""
    data = benefit_input(benefit.owner or user, **changes)
    return services.save_benefit(benefit.idea, user, data, benefit, version, reason)


# ---------------------------------------------------- the cost view tests

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
    cost = cost_services.save_cost(idea, user, cost_services.CostInput(**values))
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
