"""An employee finds a colleague's idea of another unit under "Alla idéer" and supports it; a
confidential idea stays out of her list and board; a manager marks an idea confidential."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_idea_journey import log_in
from tests.factories import make_idea, make_user
from tracker.auth.roles import Role
from tracker.extensions import db

TEXT = {
    "sv-SE": {
        "all": "Alla idéer",
        "support": "Jag stöder idén",
        "supported": "1 person stöder idén.",
        "confidential": "Konfidentiell",
        "mark": "Gör konfidentiell",
        "open": "Öppna den för alla",
    },
    "en-GB": {
        "all": "All ideas",
        "support": "I support the idea",
        "supported": "1 person supports the idea.",
        "confidential": "Confidential",
        "mark": "Mark as confidential",
        "open": "Open it to everyone",
    },
}


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
def test_an_employee_finds_and_supports_a_colleagues_idea_but_not_a_confidential_one(
    world, visit, locale
):
    t = TEXT[locale]
    a = world.a
    teacher = make_user(a.org, a.school, Role.EMPLOYEE, "teacher@a.example.org", "Tove Lund")
    colleagues = make_idea(teacher, a.school, title="Läxhjälp på biblioteket")
    make_idea(teacher, a.school, title="Elev med skyddad identitet", confidential=True)
    make_idea(a.employee, a.home_care, title="Min känsliga idé", confidential=True)
    db.session.commit()

    browser = visit(locale)
    page = log_in(browser, a.employee.email)
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("navigation").get_by_role("link", name=t["all"], exact=True).click()
    expect(page.locator("h1")).to_have_text(t["all"])
    browser.check()
    # the table scrolls inside its region; the page itself never scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    results = page.locator("#results")
    expect(results).to_contain_text("Läxhjälp på biblioteket")
    expect(results).not_to_contain_text("Elev med skyddad identitet")
    own = results.get_by_role("row").filter(has_text="Min känsliga idé")
    expect(own).to_contain_text(t["confidential"])  # said in words

    results.get_by_role("link", name="Läxhjälp på biblioteket").click()
    expect(page.locator("h1")).to_have_text("Läxhjälp på biblioteket")
    page.get_by_role("button", name=t["support"]).click()
    expect(page.locator("#support")).to_contain_text(t["supported"])
    browser.check()
    db.session.expire_all()
    assert colleagues.support_count == 1

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(browser.base_url + "/board/")
    expect(page.locator("#board-columns")).to_contain_text("Läxhjälp på biblioteket")
    expect(page.locator("#board-columns")).not_to_contain_text("Elev med skyddad identitet")
    assert page.locator(".drag-handle").count() == 0
    assert page.locator(".card-move").count() == 0
    browser.check()


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
def test_a_manager_marks_an_idea_confidential_on_its_page(world, visit, locale):
    t = TEXT[locale]
    a = world.a
    idea = make_idea(a.employee, a.home_care, title="Brukaren på Tallen")
    db.session.commit()
    browser = visit(locale)
    page = log_in(browser, a.manager.email)
    page.goto(f"{browser.base_url}/ideas/{idea.id}")
    page.get_by_role("button", name=t["mark"]).click()
    status = page.locator("#confidential")
    expect(status.get_by_role("button", name=t["open"])).to_be_visible()
    expect(status).to_contain_text(t["confidential"])
    browser.check()
    db.session.expire_all()
    assert idea.confidential

    admin = visit(locale)
    page = log_in(admin, a.admin.email)
    page.goto(admin.base_url + "/admin/idea-settings")
    admin.check()
