"""Every page of the foundation, for the role that sees it, passes the accessibility check."""

import pytest

from tests.browser.test_idea_journey import log_in
from tests.factories import make_idea
from tracker.extensions import db
from tracker.ideas.stages import Stage

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
    ],
    "employee": [
        "/ideas/?mine=1",
        "/ideas/{submitted}/edit",
        "/ideas/{screening}",
        "/account/password",
        "/admin/",  # 403 page
    ],
    "leader": ["/", "/ideas/", "/ideas/{submitted}", "/board/matrix"],
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
    }
    db.session.commit()
    browser = visit(locale)
    page = log_in(browser, getattr(a, role).email)
    for path in PAGES[role]:
        page.goto(browser.base_url + path.format(**ids))
        browser.check()
