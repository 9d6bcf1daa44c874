"""Being told, through the UI alone, in Swedish: a manager declines an idea with a reason and its
submitter reads it from the bell; a benefit proposed as realised waits on the manager's start
page, whose button leads to the sign-off."""

import re

from playwright.sync_api import expect

from tests.benefits.test_closing_services import in_follow_up
from tests.browser.test_idea_journey import log_in
from tests.factories import make_idea
from tracker.extensions import db
from tracker.ideas.stages import Stage

REASON = "Vi saknar budget i år, men idén är bra."


def _no_sideways_scroll(page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url}: {width} px wide at 390 px"


def test_the_submitter_reads_a_decision_from_the_bell_and_a_sign_off_waits(world, visit):
    a = world.a
    idea = make_idea(a.employee, a.home_care, Stage.SCREENING, title="Digitala matsedlar")
    idea.owner_id = a.manager.id
    _idea, benefit = in_follow_up(world.a)
    db.session.commit()

    # The manager declines the idea with a reason
    manager = visit("sv-SE")
    page = log_in(manager, a.manager.email)
    manager.goto(f"/ideas/{idea.id}/move/declined")
    manager.check()
    page.locator("#reason").fill(REASON)
    page.locator("main form button.primary").click()
    expect(page.locator("#messages")).to_contain_text("Avslutad")

    # The submitter sees the bell's count, opens the list, reads the reason, marks it read
    submitter = visit("sv-SE")
    page = log_in(submitter, a.employee.email)
    bell = page.get_by_role("link", name=re.compile(r"^Aviseringar, \d+ olästa$"))
    expect(bell).to_be_visible()
    unread = int(re.search(r"\d+", bell.get_attribute("aria-label")).group())
    assert unread >= 2  # the move into screening and the decision, and the benefit's roles
    bell.click()
    expect(page.locator("h1")).to_have_text("Aviseringar")
    group = page.locator("section.notification-group", has_text="Digitala matsedlar")
    decision = group.locator("li.notification", has_text="Avslutad")
    expect(decision).to_contain_text(REASON)
    expect(decision.locator(".unread-badge")).to_have_text("Oläst")
    submitter.check()
    decision.get_by_role("button", name=re.compile("^Markera som läst")).click()
    expect(decision.locator(".unread-badge")).to_have_count(0)
    expect(page.locator("#bell")).to_have_attribute(
        "aria-label", f"Aviseringar, {unread - 1} olästa"
    )
    submitter.check()
    _no_sideways_scroll(page)
    # ... and reads the same reason in the idea's thread, as the decision it was
    page.set_viewport_size({"width": 1280, "height": 900})
    page = submitter.goto(f"/ideas/{idea.id}#comments")
    expect(page.locator("#comments")).to_contain_text(REASON)

    # The benefit's owner proposes it as realised
    page.set_viewport_size({"width": 1280, "height": 900})
    submitter.goto(f"/benefits/{benefit.id}/propose")
    page.locator("#value").fill("11")
    page.get_by_role("button", name="Föreslå som realiserad").click()
    expect(page.locator("#messages")).to_be_visible()

    # The manager finds it under "Väntar på dig"; its button leads to the sign-off
    page = manager.goto("/")
    waiting = page.locator("#waiting")
    expect(waiting.get_by_role("heading", level=2)).to_have_text("Väntar på dig")
    item = waiting.locator("li", has_text="En nytta att skriva under")
    expect(item).to_contain_text(benefit.title)
    manager.check()
    item.get_by_role("link", name=re.compile("^Skriv under")).click()
    expect(page).to_have_url(re.compile(rf"/benefits/{benefit.id}#closing$"))
    expect(page.get_by_role("button", name="Bekräfta: nyttan är realiserad")).to_be_visible()
    manager.check()
