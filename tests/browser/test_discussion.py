"""Comments through the UI alone, in Swedish: post, reply, mention someone by keyboard from the
suggestions, edit, remove; the thread is accessible in both languages and reflows at 390 px."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_idea_journey import log_in
from tests.discussion.helpers import open_idea
from tracker.discussion import services
from tracker.extensions import db


def test_a_conversation_in_swedish_by_keyboard(world, visit):
    a = world.a
    idea = open_idea(a)
    v = visit("sv-SE")
    page = log_in(v, a.employee.email)
    v.goto(f"/ideas/{idea.id}#comments")
    expect(page.get_by_role("heading", name="Kommentarer")).to_be_visible()

    field = page.get_by_label("Din kommentar")
    field.click()
    field.press_sequentially("Vad tycker du, @Maj", delay=20)
    options = page.get_by_role("option")
    expect(options.first).to_contain_text("Maja Berg")
    expect(field).to_have_attribute("aria-expanded", "true")
    active = field.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    field.press("Enter")
    expect(field).to_have_value("Vad tycker du, @manager ")
    expect(field).to_have_attribute("aria-expanded", "false")
    field.press_sequentially("om det här?")
    page.get_by_role("button", name="Skicka kommentaren").press("Enter")
    comment = page.locator("article.comment").first
    expect(comment).to_contain_text("Vad tycker du, @Maja Berg om det här?")
    v.check()

    page.get_by_role("link", name="Svara till Eva Ek").press("Enter")
    reply = page.get_by_label("Ditt svar")
    expect(reply).to_be_focused()
    reply.fill("Jag lägger till en sak.")
    page.get_by_role("button", name="Skicka svaret").click()
    expect(page.locator(".replies article.comment")).to_contain_text("Jag lägger till en sak.")

    page.locator("article.comment").first.get_by_role("link", name="Ändra").click()
    edit = page.get_by_label("Din kommentar").first
    expect(edit).to_be_focused()
    edit.fill("Vad tycker du, @manager? Ändrad.")
    page.get_by_role("button", name="Spara ändringen").click()
    first = page.locator("article.comment").first
    expect(first).to_contain_text("Ändrad.")
    expect(first.locator(".edited")).to_contain_text("redigerad")
    v.check()

    first.get_by_role("link", name="Ta bort").first.click()
    expect(page.locator("h1")).to_have_text("Ta bort kommentaren?")
    v.check()
    page.get_by_role("button", name="Ta bort kommentaren").click()
    expect(page.locator("article.comment.removed")).to_contain_text(
        "Kommentaren togs bort av Eva Ek"
    )
    expect(page.locator(".replies")).to_contain_text("Jag lägger till en sak.")
    v.check()


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
def test_the_thread_is_accessible_and_reflows_at_390_px(world, visit, locale):
    a = world.a
    idea = open_idea(a)
    top = services.post_comment(idea, a.employee, "En **lång** kommentar " + "ord " * 80)
    services.post_comment(idea, a.manager, "Svar med https://example.org/" + "x" * 80, top.id)
    db.session.commit()
    v = visit(locale)
    page = log_in(v, a.employee.email)
    page.set_viewport_size({"width": 390, "height": 800})
    v.goto(f"/ideas/{idea.id}#comments")
    v.check()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("article.comment").first.get_by_role("link").first.click()  # reply, inline
    v.check()
    v.goto(f"/comments/{top.id}/edit")
    v.check()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
