"""Every page, for the role that sees it, passes the accessibility check."""

from datetime import timedelta

import pytest

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
        "/admin/units",
        "/admin/units/new",
        "/admin/goals",
        "/admin/goals/new",
        "/admin/categories",
        "/admin/criteria",
        "/admin/criteria/new",
        "/admin/audit",
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
        "/learnings/?decision=stop",
        "/learnings/?q=ingenting+alls",  # no match
    ],
    "employee": [
        "/",  # with rollout tasks, one overdue
        "/ideas/{scaled}",  # the unit contact's status buttons
        "/ideas/{stopped}",
        "/learnings/",
        "/ideas/?mine=1",
        "/ideas/{submitted}/edit",
        "/ideas/{screening}",
        "/account/password",
        "/admin/",  # 403 page
    ],
    "leader": ["/", "/ideas/", "/ideas/{submitted}", "/board/matrix", "/ideas/{scaled}"],
}


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
    }
    db.session.commit()
    browser = visit(locale)
    page = log_in(browser, getattr(a, role).email)
    for path in PAGES[role]:
        page.goto(browser.base_url + path.format(**ids))
        browser.check()
