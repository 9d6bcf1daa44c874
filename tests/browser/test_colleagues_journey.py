"""The idea pool's journey from the issue, in Swedish through the UI alone: an employee of one
unit opens a colleague's idea of another unit from "Alla idéer", comments and mentions a third
person, who sees the bell's count, opens the notification and replies; the commenter is told of
the reply, and the idea's submitter of both."""

import re

from playwright.sync_api import expect

from tests.browser.test_idea_journey import log_in
from tests.factories import make_idea, make_user
from tracker.auth.roles import Role
from tracker.extensions import db


def _bell(page):
    return page.get_by_role("link", name=re.compile(r"^Aviseringar, \d+ olästa?$"))


def test_colleagues_of_two_units_discuss_an_idea_and_the_mentioned_person_replies(world, visit):
    a = world.a
    teacher = make_user(a.org, a.school, Role.EMPLOYEE, "tove.lund@a.example.org", "Tove Lund")
    nurse = make_user(a.org, a.home_care, Role.EMPLOYEE, "nils.nord@a.example.org", "Nils Nord")
    idea = make_idea(a.employee, a.home_care, title="Nattfasta i äldreomsorgen")
    db.session.commit()

    # The teacher finds the home-care idea under "Alla idéer" and mentions the nurse
    tove = visit("sv-SE")
    page = log_in(tove, teacher.email)
    page.get_by_role("navigation").get_by_role("link", name="Alla idéer", exact=True).click()
    page.locator("#results").get_by_role("link", name="Nattfasta i äldreomsorgen").click()
    expect(page.locator("h1")).to_have_text("Nattfasta i äldreomsorgen")
    field = page.get_by_label("Din kommentar")
    field.click()
    field.press_sequentially("Vi har samma problem i skolan. @Nil", delay=20)
    expect(page.get_by_role("option").first).to_contain_text("Nils Nord")
    field.press("Enter")
    expect(field).to_have_value("Vi har samma problem i skolan. @nils.nord ")
    field.press_sequentially("hur löste ni det?")
    page.get_by_role("button", name="Skicka kommentaren").click()
    thread = page.locator("#comments")
    expect(thread).to_contain_text("@Nils Nord hur löste ni det?")
    tove.check()

    # The nurse sees the bell's count, opens the notification and replies in the thread
    nils = visit("sv-SE")
    page = log_in(nils, nurse.email)
    bell = _bell(page)
    expect(bell).to_have_attribute("aria-label", "Aviseringar, 1 oläst")
    bell.click()
    item = page.locator("li.notification", has_text="Tove Lund nämnde dig")
    expect(item).to_contain_text("Nattfasta i äldreomsorgen")
    nils.check()
    item.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"/ideas/{idea.id}#comment-\d+$"))
    expect(_bell(page)).to_have_attribute("aria-label", "Aviseringar, 0 olästa")
    page.get_by_role("link", name="Svara till Tove Lund").click()
    page.get_by_label("Ditt svar").fill("Vi flyttade frukosten tidigare. Det hjälpte.")
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.locator("#comments .replies")).to_contain_text("Vi flyttade frukosten tidigare.")
    nils.check()

    # The teacher, who follows the idea since she commented, is told of the reply
    page = tove.goto("/notifications/")
    expect(page.locator("li.notification", has_text="Nils Nord kommenterade")).to_be_visible()

    # The submitter is told of the comment and the reply, and reads them in the thread
    eva = visit("sv-SE")
    page = log_in(eva, a.employee.email)
    page = eva.goto("/notifications/")
    group = page.locator("section.notification-group", has_text="Nattfasta i äldreomsorgen")
    expect(group.locator("li.notification")).to_have_count(2)
    page = eva.goto(f"/ideas/{idea.id}#comments")
    expect(page.locator("#comments")).to_contain_text("Det hjälpte.")
    eva.check()
