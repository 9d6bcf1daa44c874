"""The board in real Chromium: drag and drop, gate dialogs, the keyboard way, a stale move."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_idea_journey import log_in
from tests.factories import make_idea, reload
from tracker.extensions import db
from tracker.ideas.stages import Stage

TEXT = {
    "sv-SE": {"take": "Jag är ansvarig", "save": "Spara och flytta", "moved": "flyttad till",
              "down": "Flytta ned i kolumnen", "changed": "ändrats"},
    "en-GB": {"take": "I am responsible", "save": "Save and move", "moved": "moved to",
              "down": "Move down in the column", "changed": "changed"},
}  # fmt: skip


def column(page, stage: Stage):
    return page.locator(f'ol.cards[data-stage="{stage.value}"]')


def drag(page, card_id: int, stage: Stage):
    """Drag a card by its handle to the top of a column, with real mouse movements."""
    handle = page.locator(f"#card-{card_id} .drag-handle")
    handle.scroll_into_view_if_needed()
    start = handle.bounding_box()
    target = column(page, stage).bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    x, y = target["x"] + target["width"] / 2, target["y"] + 12
    for step in range(1, 11):
        page.mouse.move(
            start["x"] + (x - start["x"]) * step / 10, start["y"] + (y - start["y"]) * step / 10
        )
    page.mouse.up()


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
def test_a_manager_prioritises_on_the_board_with_the_mouse(world, visit, locale):
    t = TEXT[locale]
    a = world.a
    new = make_idea(a.employee, a.home_care, title="Digitala nycklar")
    screened = make_idea(
        a.employee, a.home_care, Stage.SCREENING, owner_id=a.manager.id, title="Matsvinn"
    )
    spare = make_idea(a.employee, a.home_care, title="Cykelpool")
    db.session.commit()
    browser = visit(locale)
    page = log_in(browser, a.manager.email)
    page.goto(browser.base_url + "/board/")
    browser.check()
    # the columns scroll inside the board; the page itself never scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # submitted -> screening: the gate needs a responsible manager; the dialog asks
    drag(page, new.id, Stage.SCREENING)
    dialog = page.locator("#gate-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name=t["take"])).to_be_visible()
    browser.check()
    dialog.get_by_role("button", name=t["take"]).click()
    expect(dialog).to_be_hidden()
    expect(column(page, Stage.SCREENING).locator(f"#card-{new.id}")).to_be_visible()
    expect(page.locator("#board-status")).to_contain_text(t["moved"])

    # screening -> prioritised: the assessment form opens, is filled, and completes the move
    drag(page, screened.id, Stage.PRIORITISED)
    expect(dialog).to_be_visible()
    for criterion in a.criteria:
        dialog.locator("fieldset", has_text=criterion.name).get_by_label("4", exact=True).check()
    dialog.locator("#strategic_goal_id").select_option(label=a.goal.name)
    dialog.locator("#rationale").fill("Stor nytta för brukarna.")
    browser.check()
    dialog.get_by_role("button", name=t["save"]).click()
    expect(dialog).to_be_hidden()
    expect(column(page, Stage.PRIORITISED).locator(f"#card-{screened.id}")).to_be_visible()
    assert reload(screened).stage is Stage.PRIORITISED

    # cancelling a gate dialog puts the card back; nothing is half-moved
    drag(page, spare.id, Stage.SCREENING)
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(column(page, Stage.SUBMITTED).locator(f"#card-{spare.id}")).to_be_visible()
    assert reload(spare).stage is Stage.SUBMITTED and reload(spare).owner_id is None
    browser.check()


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
def test_a_manager_moves_cards_with_the_keyboard_alone(world, visit, locale):
    t = TEXT[locale]
    a = world.a
    first = make_idea(a.employee, a.home_care, title="Första")
    second = make_idea(a.employee, a.home_care, title="Andra")
    db.session.commit()
    browser = visit(locale)
    page = log_in(browser, a.manager.email)
    page.goto(browser.base_url + "/board/")
    move = page.locator(f"#card-{first.id} .card-move")
    move.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#gate-dialog")
    expect(dialog).to_be_visible()
    browser.check()
    dialog.get_by_role("button", name=t["down"]).focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(column(page, Stage.SUBMITTED).locator(".card").first).to_have_id(f"card-{second.id}")
    expect(page.locator("#board-status")).not_to_be_empty()
    # focus comes back to the moved card's Move control
    expect(page.locator(f"#card-{first.id} .card-move")).to_be_focused()

    # choose another column by keyboard: the gate's form opens in the same dialog
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    dialog.locator("#move-to-screening").check()
    dialog.locator(".move-form button[type=submit]").click()
    expect(dialog.get_by_role("button", name=t["take"])).to_be_visible()
    dialog.get_by_role("button", name=t["take"]).click()
    expect(column(page, Stage.SCREENING).locator(f"#card-{first.id}")).to_be_visible()
    browser.check()


def test_a_stale_move_shows_the_fresh_board(world, visit):
    a = world.a
    idea = make_idea(a.employee, a.home_care, title="Gammal titel")
    other = make_idea(a.employee, a.home_care, title="Granne")
    db.session.commit()
    browser = visit("en-GB")
    page = log_in(browser, a.manager.email)
    page.goto(browser.base_url + "/board/")
    reload(idea).title = "Ny titel från kollegan"  # someone else edits meanwhile
    db.session.commit()
    handle = page.locator(f"#card-{idea.id} .drag-handle").bounding_box()
    below = page.locator(f"#card-{other.id}").bounding_box()
    page.mouse.move(handle["x"] + 4, handle["y"] + 4)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(
            handle["x"] + 4, handle["y"] + (below["y"] + below["height"] - handle["y"]) * step / 10
        )
    page.mouse.up()
    expect(page.locator("#board-status")).to_contain_text(re.compile("changed", re.I))
    expect(page.locator(f"#card-{idea.id}")).to_contain_text("Ny titel från kollegan")
    browser.check()
