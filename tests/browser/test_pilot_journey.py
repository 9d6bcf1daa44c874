"""A manager pilots an idea twice and rolls it out, a unit contact reports, and the learnings
page finds what the first pilot taught: in Swedish, through the UI alone."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.test_idea_journey import log_in
from tests.pilot_factories import prioritised_idea

TODAY = date.today()
WORD = "trygghetslarmen"  # in the pivot's learnings only


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def open_idea(browser, idea_id: int):
    page = browser.page
    page.goto(f"{browser.base_url}/ideas/{idea_id}")
    expect(page.locator("h1")).to_be_visible()
    browser.check()
    return page


def plan_pilot(browser, criterion: tuple[str, str], unit_id: int, owner_id: int):
    """From the idea page: the pilot plan form, filled in and submitted."""
    page = browser.page
    page.get_by_role("link", name="Planera en pilot").click()
    expect(page.locator("h1")).to_have_text("Planera en pilot")
    browser.check()
    page.locator("#hypothesis").fill("Digitala trygghetslarm ger snabbare hjälp till brukarna.")
    page.locator("#criteria-0-description").fill(criterion[0])
    page.locator("#criteria-0-threshold").fill(criterion[1])
    page.locator("#unit_id").select_option(str(unit_id))
    page.locator("#owner_id").select_option(str(owner_id))
    page.locator("#starts_on").fill(day(-20))
    page.locator("#ends_on").fill(day(10))
    page.get_by_role("button", name="Starta piloten").click()
    expect(page.locator("#messages")).to_contain_text("Piloten är planerad")
    expect(page.locator(".idea-stage")).to_contain_text("Pilot")
    browser.check()


def assess_criterion(page, description: str, outcome: str, evidence: str):
    row = page.locator(".criterion-result", has=page.locator("legend", has_text=description))
    row.get_by_label(outcome, exact=True).check()
    row.get_by_label("Underlag").fill(evidence)


def test_a_manager_pilots_twice_and_rolls_out_and_the_learning_is_found(world, visit):
    a = world.a
    idea = prioritised_idea(a, title="Digitala trygghetslarm")
    manager = visit("sv-SE")
    log_in(manager, a.manager.email)
    page = open_idea(manager, idea.id)

    # Pilot 1: the plan, with the no-JS "add a row" and an end before the start on the way
    page.get_by_role("link", name="Planera en pilot").click()
    expect(page.locator("h1")).to_have_text("Planera en pilot")
    manager.check()
    page.locator("#hypothesis").fill("Digitala trygghetslarm ger snabbare hjälp till brukarna.")
    page.locator("#criteria-0-description").fill("Tid från larm till svar")
    page.locator("#criteria-0-threshold").fill("under 5 minuter")
    rows = page.locator("#criteria tbody tr")
    expect(rows).to_have_count(3)
    page.get_by_role("button", name="Lägg till ett kriterium").click()
    expect(rows).to_have_count(4)
    expect(page.locator("#criteria-0-description")).to_have_value("Tid från larm till svar")
    expect(page.locator("#hypothesis")).to_have_value(re.compile("snabbare hjälp"))
    expect(page.locator(".error-summary")).to_have_count(0)  # adding a row validates nothing
    manager.check()

    page.locator("#unit_id").select_option(str(a.home_care.id))
    page.locator("#owner_id").select_option(str(a.manager.id))
    page.locator("#starts_on").fill(day(-20))
    page.locator("#ends_on").fill(day(-21))
    page.get_by_role("button", name="Starta piloten").click()
    error = page.locator("#ends_on-error")
    expect(error).to_have_text("Slutet måste vara samma dag som starten eller senare.")
    expect(page.locator("#ends_on")).to_have_attribute("aria-describedby", "ends_on-error")
    expect(page.locator("#ends_on")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#unit_id")).to_have_value(str(a.home_care.id))  # the rest is kept
    expect(page.locator("#criteria-0-threshold")).to_have_value("under 5 minuter")
    manager.check()
    page.locator("#ends_on").fill(day(10))
    page.get_by_role("button", name="Starta piloten").click()
    expect(page.locator("#messages")).to_contain_text("Piloten är planerad")
    expect(page.locator(".idea-stage")).to_contain_text("Pilot")
    expect(page.locator("#pilots")).to_contain_text("Tid från larm till svar")
    manager.check()

    # Evaluate pilot 1: pivot, back to prioritised (a missing outcome is refused first)
    page.get_by_role("link", name="Utvärdera: ändra inriktning, tillbaka till Prioriterad").click()
    expect(page.locator("h1")).to_have_text("Utvärdera piloten")
    expect(page.locator("input[name=decision][value=pivot]")).to_be_checked()
    decision = page.locator("fieldset.field-radio", has=page.locator("input[name=decision]"))
    expect(decision).to_contain_text("Ändra inriktning")  # the choices read Swedish too
    expect(page.locator("#back_to option:checked")).to_have_text("Prioriterad")
    manager.check()
    page.locator("#changes").fill("Vi byter till larm med tvåvägsljud.")
    page.locator("#learnings").fill(f"Personalen hörde inte {WORD} i stora lägenheter.")
    page.get_by_role("button", name="Spara utvärderingen").click()
    outcome = page.locator("fieldset.field-radio", has_text="Tid från larm till svar")
    expect(outcome.locator("p.error")).to_have_text("Välj i vilken grad kriteriet uppfylldes.")
    error_id = outcome.locator("p.error").get_attribute("id")
    assert error_id in outcome.get_attribute("aria-describedby").split()
    expect(page.locator("#learnings")).to_have_value(re.compile(WORD))  # nothing typed is lost
    manager.check()
    assess_criterion(page, "Tid från larm till svar", "Delvis uppfyllt", "Svar inom 7 minuter.")
    page.get_by_role("button", name="Spara utvärderingen").click()
    expect(page.locator("#messages")).to_contain_text("ändrad inriktning")
    expect(page.locator(".idea-stage")).to_contain_text("Prioriterad")
    manager.check()

    # Pilot 2, evaluated with scale up: the rollout plan comes next
    plan_pilot(manager, ("Andel larm besvarade i tid", "minst 95 %"), a.home_care.id, a.manager.id)
    page.get_by_role("link", name="Utvärdera: skala upp").click()
    expect(page.locator("h1")).to_have_text("Utvärdera piloten")
    expect(page.locator("input[name=decision][value=scale_up]")).to_be_checked()
    manager.check()
    assess_criterion(page, "Andel larm besvarade i tid", "Uppfyllt", "97 % under sex veckor.")
    page.locator("#learnings").fill("Tvåvägsljudet gjorde skillnaden.")
    page.get_by_role("button", name="Spara utvärderingen").click()
    expect(page.locator("h1")).to_have_text("Planera införandet")
    expect(page.locator("#messages")).to_contain_text("Planera nu införandet")
    manager.check()

    expect(page.locator("#units-0-status option:checked")).to_have_text("Planerad")
    page.locator("#units-0-unit_id").select_option(str(a.home_care.id))
    page.locator("#units-0-starts_on").fill(day(0))
    page.locator("#units-0-ends_on").fill(day(60))
    page.locator("#units-0-contact_id").select_option(str(a.employee.id))
    page.locator("#activities-0-description").fill("Utbilda nattpatrullen i de nya larmen")
    page.locator("#activities-0-owner_id").select_option(str(a.manager.id))
    page.locator("#activities-0-due_on").fill(day(30))
    page.get_by_role("button", name="Starta införandet").click()
    expect(page.locator("#messages")).to_contain_text("Införandet är planerat")
    expect(page.locator(".idea-stage")).to_contain_text("Införande")
    expect(page.locator("#pilots h3")).to_have_count(2)
    expect(page.locator("#pilots h3").nth(0)).to_contain_text("Pilot 1")
    expect(page.locator("#pilots h3").nth(0)).to_contain_text("Ändra inriktning")
    expect(page.locator("#pilots h3").nth(1)).to_contain_text("Pilot 2")
    expect(page.locator("#pilots h3").nth(1)).to_contain_text("Skala upp")
    expect(page.locator("#rollout")).to_contain_text("0 av 1 enheter klara")
    manager.check()

    # The unit contact marks the unit done from the start page
    contact = visit("sv-SE")
    page = log_in(contact, a.employee.email)
    tasks = page.locator("#my-rollout-tasks")
    expect(tasks.get_by_role("heading")).to_have_text("Mina uppgifter i införanden")
    expect(tasks).to_contain_text("Digitala trygghetslarm")
    contact.check()
    tasks.get_by_role("button", name=f"Klar – {a.home_care.name}").click()
    expect(page.locator("#messages")).to_contain_text(f"{a.home_care.name}: Klar")
    expect(page.locator("#my-rollout-tasks")).to_have_count(0)  # nothing left to do
    contact.check()
    page = open_idea(contact, idea.id)
    expect(page.locator("#rollout")).to_contain_text("1 av 1 enheter klara")

    # The learnings page finds the pivot's learning by a word in it, and links to the idea
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Lärdomar").click()
    expect(page.locator("h1")).to_have_text("Lärdomar")
    expect(page.locator("#learnings article")).to_have_count(2)  # both evaluations
    contact.check()
    page.get_by_label("Sök").fill(WORD)
    page.get_by_label("Sök").press("Enter")
    entries = page.locator("#learnings article")
    expect(entries).to_have_count(1)
    expect(entries).to_contain_text(WORD)
    expect(entries).to_contain_text("Ändra inriktning")
    expect(page).to_have_url(re.compile(f"q={WORD}"))
    contact.check()
    entries.get_by_role("link", name="Digitala trygghetslarm").click()
    expect(page).to_have_url(re.compile(f"/ideas/{idea.id}$"))
    contact.check()
