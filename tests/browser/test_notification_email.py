"""A person chooses how each kind of notification reaches them by e-mail, and an e-mail's
unsubscribe link works without logging in: in both languages, accessible, at 390 px."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_idea_journey import log_in
from tracker.extensions import db
from tracker.notifications.email.tokens import make_token
from tracker.notifications.models import Kind

TEXT = {
    "sv-SE": {
        "link": "Aviseringar via e-post",
        "weekly": "I en veckovis sammanfattning med e-post",
        "save": "Spara mina val",
        "saved": "Dina val för e-post är sparade.",
        "stop": "Stoppa den här e-posten",
        "done": "Du får ingen mer e-post om detta",
    },
    "en-GB": {
        "link": "E-mail notifications",
        "weekly": "In a weekly e-mail digest",
        "save": "Save my choices",
        "saved": "Your e-mail choices are saved.",
        "stop": "Stop this e-mail",
        "done": "You get no more e-mail about this",
    },
}


def no_sideways_scroll(page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
def test_a_person_chooses_the_weekly_digest_for_comments(world, visit, locale):
    t = TEXT[locale]
    browser = visit(locale)
    page = log_in(browser, world.a.employee.email)
    page.get_by_role("link", name=t["link"]).click()
    expect(page.locator("main h1")).to_have_text(t["link"])
    browser.check()
    comments = page.locator("fieldset", has=page.locator("#comment-0"))
    comments.get_by_label(t["weekly"]).check()
    page.get_by_role("button", name=t["save"]).click()
    expect(page.locator("#messages")).to_contain_text(t["saved"])
    page.reload()
    expect(page.locator("#comment-2")).to_be_checked()
    expect(page.locator("#mention-0")).to_be_checked()  # the others kept their defaults
    browser.check()
    no_sideways_scroll(page)
    browser.check()


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
def test_the_unsubscribe_link_works_without_logging_in(world, visit, locale):
    t = TEXT[locale]
    a = world.a
    person = a.manager if locale == "en-GB" else a.employee
    person.locale = "en" if locale == "en-GB" else None
    db.session.commit()
    browser = visit(locale)
    page = browser.goto(f"/unsubscribe/{make_token(person.id, [Kind.COMMENT, Kind.STAGE])}")
    browser.check()
    no_sideways_scroll(page)
    page.get_by_role("button", name=t["stop"]).click()
    expect(page.locator("main h1")).to_have_text(t["done"])
    browser.check()
    browser.goto("/unsubscribe/not-a-token")
    expect(page.locator("main h1")).to_be_visible()
    browser.check()
