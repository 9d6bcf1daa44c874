"""Every page, for the role that sees it, passes the accessibility check."""

from datetime import timedelta
from decimal import Decimal

import pytest

from tests.benefit_factories import idea_with_benefit, measure, plan_benefit
from tests.benefits.followup_factories import close
from tests.benefits.test_closing_services import closing_input, proposed
from tests.browser.test_idea_journey import log_in
from tests.factories import make_idea
from tests.pilot_factories import (
    TODAY,
    evaluate,
    in_rollout,
    plan_pilot,
    plan_rollout,
    prioritised_idea,
)
from tracker.benefits import closing
from tracker.benefits.rules import BenefitType, Direction, Lifecycle
from tracker.costs import services as cost_services
from tracker.costs.rules import CostCategory, CostKind
from tracker.dashboard.rebuild import rebuild_aggregates
from tracker.extensions import db
from tracker.ideas.stages import Stage
from tracker.pilots import services as pilots
from tracker.pilots.rules import Decision, UnitStatus

PAGES = {
    "admin": [
        "/",
        "/ideas/",
        "/admin/",
        "/admin/users",
        "/admin/users/new",
        "/admin/users/{employee}",
        "/admin/users/{employee}/anonymise",
        "/admin/units",
        "/admin/units/new",
        "/admin/goals",
        "/admin/goals/new",
        "/admin/categories",
        "/admin/criteria",
        "/admin/criteria/new",
        "/admin/audit",
        "/admin/benefit-settings",
        "/exports/",
        "/dashboard/",
    ],
    "manager": [
        "/",
        "/ideas/?stage=screening",
        "/ideas/{screening}",
        "/ideas/{screening}/assess",
        "/ideas/{screening}/move/declined",
        "/ideas/{screening}/move/parked",
        "/ideas/{screening}/move/submitted",
        "/ideas/{other_org}",  # 404 page
        "/board/matrix",
        "/ideas/{prioritised}/pilot/new",
        "/ideas/{prioritised}/rollout",
        "/ideas/{to_evaluate}",
        "/ideas/{to_evaluate}/pilot/extend",
        "/ideas/{to_evaluate}/pilot/evaluate",
        "/ideas/{to_evaluate}/pilot/evaluate?decision=pivot&back_to=screening",
        "/ideas/{scaled}",
        "/ideas/{scaled}/rollout",
        "/ideas/{stopped}",
        "/ideas/{in_rollout}",  # rolled out without a pilot
        "/learnings/",
        "/notifications/",  # roles given, stage changes, what waits
        "/learnings/?decision=stop",
        "/learnings/?q=ingenting+alls",  # no match
        # benefits: "/" above lists the overdue follow-ups in the manager's units
        "/ideas/{benefits}",  # benefits of every state, costs, the calculation in figures
        "/ideas/{benefits}/benefits/new",
        "/benefits/{measured}/edit",  # planned: with the reason for a changed plan
        "/benefits/{identified}/edit",
        "/benefits/{measured}",  # measurements with a correction, the chart, plan history
        "/benefits/{realised}",
        "/benefits/{evaporated}",
        "/benefits/{identified}",
        "/benefits/{proposed}",  # the confirm button
        "/benefits/{measured}/close",
        "/ideas/{benefits}/costs/new",
        "/costs/{cost}/edit",
        "/ideas/{benefits}/calculation",
        "/ideas/{follow_up}",  # with its closing assessment
        "/ideas/{follow_up}/closing",
    ],
    "employee": [
        "/",  # with rollout tasks, one overdue
        "/notifications/",  # decisions, stage changes and roles on her ideas
        "/ideas/{scaled}",  # the unit contact's status buttons
        "/ideas/{stopped}",
        "/learnings/",
        "/outcomes/",
        "/ideas/?mine=1",
        "/ideas/{submitted}/edit",
        "/ideas/{screening}",
        "/account/password",
        "/account/data",
        "/admin/",  # 403 page
        # benefits: "/" above lists the follow-ups due of the benefits she owns
        "/benefits/{measured}",
        "/benefits/{measured}/measure",
        "/benefits/{measured}/measure?corrects={first_measurement}",
        "/benefits/{measured}/propose",
        "/benefits/{proposed}",  # proposed by her: no confirm button
        "/ideas/{benefits}",
        "/ideas/{benefits}/calculation",
    ],
    "leader": [
        "/",
        "/ideas/",
        "/ideas/{submitted}",
        "/board/matrix",
        "/ideas/{scaled}",
        "/ideas/{benefits}",
        "/benefits/{realised}",
        "/benefits/{proposed}",
        "/ideas/{benefits}/calculation",
        "/ideas/{follow_up}",
        "/exports/?stage=rollout",  # the ideas export keeps the list's filters
        "/outcomes/",
        "/dashboard/",
        "/dashboard/?year=2026",  # a year with few quarters and an empty lead-time table
        "/dashboard/ideas?fig=status:not_measured&category=1",  # a drill-down from the dashboard
    ],
}

# The pages meant to answer with an error; every other page answers 200.
ERROR_PAGES = {("manager", "/ideas/{other_org}"): 404, ("employee", "/admin/"): 403}


def pilot_ideas(a) -> dict[str, int]:
    """Ideas of every pilot and rollout state, made through the services."""
    to_evaluate = prioritised_idea(a, title="Digitala trygghetslarm")
    plan_pilot(to_evaluate, a.manager, starts_on=TODAY - timedelta(days=60),
               ends_on=TODAY - timedelta(days=20))  # fmt: skip
    pilots.extend_pilot(
        to_evaluate, a.manager, TODAY - timedelta(days=5), "Leveransen dröjde.", None
    )
    db.session.commit()

    scaled = prioritised_idea(a, title="Läsplattor i hemtjänsten")
    plan_pilot(scaled, a.manager)
    evaluate(scaled, a.manager, Decision.PIVOT, learnings="Larmen hördes inte i stora lägenheter.")
    plan_pilot(scaled, a.manager, unit=a.home_care)
    evaluate(scaled, a.manager, Decision.SCALE_UP)
    plan_rollout(
        scaled,
        a.manager,
        [(a.home_care, a.employee, UnitStatus.IN_PROGRESS), (a.social, a.manager, UnitStatus.DONE)],
        [
            ("Utbilda personalen", a.employee, TODAY - timedelta(days=3), False),  # overdue
            ("Stäng av det gamla systemet", a.manager, TODAY + timedelta(days=30), True),
        ],
    )

    stopped = prioritised_idea(a, title="Robotdammsugare i skolan")
    plan_pilot(stopped, a.manager)
    evaluate(stopped, a.manager, Decision.STOP, learnings="Möblerna stod i vägen.")
    return {
        "prioritised": prioritised_idea(a, title="Matsvinn i skolköken").id,
        "to_evaluate": to_evaluate.id,
        "scaled": scaled.id,
        "stopped": stopped.id,
        "in_rollout": in_rollout(a).id,
    }


def benefit_ideas(a) -> dict[str, int]:
    """Benefits of every state, a cost and an idea in follow-up, made through the services.

    The measured benefit (baseline 180 days ago, measured 120 and 100 days ago, the second
    corrected) is due three months after its latest measurement: overdue, on the employee's
    start page as its owner and on the manager's as a follow-up of her units."""
    idea, measured = idea_with_benefit(a)
    first = measure(measured, a.employee, "18", on=TODAY - timedelta(days=120))
    second = measure(measured, a.employee, "15.5", on=TODAY - timedelta(days=100))
    measure(measured, a.employee, "16", on=TODAY - timedelta(days=100), corrects=second.id)

    realised = plan_benefit(
        idea, a.manager, owner=a.employee, title="Färre pappersutskick", measure="kr per år",
        type=BenefitType.FINANCIAL, direction=Direction.LOWER, baseline_value=Decimal(90000),
        target_value=Decimal(30000), sek_per_unit=Decimal(1),
    )  # fmt: skip
    measure(realised, a.employee, "42000", on=TODAY - timedelta(days=30))
    close(realised, Lifecycle.REALISED)
    evaporated = plan_benefit(idea, a.manager, owner=a.employee, title="Färre telefonsamtal")
    close(evaporated, Lifecycle.EVAPORATED)
    identified = plan_benefit(
        idea, a.manager, title="Längre inloggning för handläggarna", type=BenefitType.QUALITY,
        dis_benefit=True, baseline_value=None, baseline_on=None, target_value=None,
        target_on=None, sek_per_unit=None, owner_id=None,
    )  # fmt: skip
    cost = cost_services.save_cost(
        idea,
        a.manager,
        cost_services.CostInput(
            description="Licens för e-tjänsten",
            kind=CostKind.RUNNING,
            category=CostCategory.LICENCE,
            year_from=TODAY.year,
            year_to=TODAY.year + 2,
            planned=Decimal(24000),
            paid_by_id=a.social.id,
        ),
    )
    db.session.commit()

    follow_up, proposed_benefit = proposed(a)  # the owner proposed it; the manager confirms
    closing.assess_closing(follow_up, a.manager, closing_input(a), version=None)
    db.session.commit()
    return {
        "benefits": idea.id,
        "measured": measured.id,
        "first_measurement": first.id,
        "realised": realised.id,
        "evaporated": evaporated.id,
        "identified": identified.id,
        "proposed": proposed_benefit.id,
        "cost": cost.id,
        "follow_up": follow_up.id,
    }


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
@pytest.mark.parametrize("role", sorted(PAGES))
def test_every_page_passes_axe(world, visit, role, locale):
    a = world.a
    ids = {
        "employee": a.employee.id,
        "submitted": make_idea(a.employee, a.home_care).id,
        "screening": make_idea(a.employee, a.home_care, Stage.SCREENING, owner_id=a.manager.id).id,
        "other_org": make_idea(world.b.employee, world.b.home_care).id,
        **pilot_ideas(a),
        **benefit_ideas(a),
    }
    rebuild_aggregates()  # some factories write history directly: count it on the dashboard
    db.session.commit()
    browser = visit(locale)
    page = log_in(browser, getattr(a, role).email)
    for path in PAGES[role]:
        response = page.goto(browser.base_url + path.format(**ids))
        expected = ERROR_PAGES.get((role, path), 200)
        assert response.status == expected, f"{role} {path}: {response.status}"
        browser.check()
