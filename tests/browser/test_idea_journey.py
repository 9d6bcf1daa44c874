"""An employee submits an idea and a manager takes and assesses it, through the UI alone."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

TEXT = {
    "sv-SE": {
        "lang": "sv",
        "submit_nav": "Lämna en idé",
        "thanks": "Tack! Din idé är inskickad.",
        "log_out": "Logga ut",
        "take": "Jag är ansvarig",
        "screening": "Bedömning",
        "assess": "Bedöm",
        "save_assessment": "Spara bedömningen",
        "priority": "Prioritetspoäng",
        "required": "Det här fältet är obligatoriskt.",
    },
    "en-GB": {
        "lang": "en",
        "submit_nav": "Submit an idea",
        "thanks": "Thank you! Your idea is submitted.",
        "log_out": "Log out",
        "take": "I am responsible",
        "screening": "Screening",
        "assess": "Assess",
        "save_assessment": "Save the assessment",
        "priority": "Priority score",
        "required": "This field is required.",
    },
}


def log_in(visit, email: str):
    page = visit.goto("/login")
    visit.check()
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button.primary").click()
    expect(page.locator("main h1")).to_be_visible()
    return page


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
def test_employee_submits_and_manager_takes_and_assesses(world, visit, locale):
    t = TEXT[locale]
    a = world.a
    employee = visit(locale)
    page = log_in(employee, a.employee.email)
    assert page.locator("html").get_attribute("lang") == t["lang"]
    employee.check()

    page.get_by_role("navigation").get_by_role("link", name=t["submit_nav"]).click()
    expect(page.locator("h1")).to_have_text(t["submit_nav"])
    expect(page.locator("#unit_id")).to_have_value(str(a.home_care.id))  # from the profile
    page.locator("main form button.primary").click()
    expect(page.locator("#title-error")).to_have_text(t["required"])  # nothing typed yet
    employee.check()

    page.locator("#title").fill("Digitala nycklar i hemtjänsten")
    page.locator("#need").fill("Nycklar kvitteras ut på papper och tappas bort.")
    page.locator("#proposal").fill("Inför digitala lås med mobilapp.")
    page.locator("#expected_benefit").fill("Mindre tid på nyckelhantering.")
    page.locator("main form button.primary").click()
    expect(page.locator("#messages")).to_contain_text(t["thanks"])
    expect(page.locator("h1")).to_have_text("Digitala nycklar i hemtjänsten")
    employee.check()

    manager = visit(locale)
    page = log_in(manager, a.manager.email)
    manager.check()
    page.get_by_role("link", name="Digitala nycklar i hemtjänsten").first.click()
    manager.check()
    page.get_by_role("button", name=t["take"]).click()
    expect(page.locator(".idea-stage")).to_contain_text(t["screening"])
    manager.check()

    page.get_by_role("link", name=t["assess"], exact=True).click()
    manager.check()
    for criterion, score in zip(a.criteria, ("5", "4", "2"), strict=True):
        page.locator("fieldset", has_text=criterion.name).get_by_label(score, exact=True).check()
    page.locator("#strategic_goal_id").select_option(label=a.goal.name)
    page.locator("#rationale").fill("Stor nytta, liten insats.")
    page.get_by_role("button", name=t["save_assessment"]).click()
    facts = page.locator(".idea-header .facts")
    expect(facts).to_contain_text(t["priority"])
    # benefit 5 (weight 2) = 2.0, feasibility 4 = 0.75, effort 2 (inverted) = 0.75: 3.5 / 4
    expect(facts).to_contain_text("87,5" if t["lang"] == "sv" else "87.5")
    manager.check()

    page.get_by_role("button", name=t["log_out"]).click()
    expect(page).to_have_url(re.compile(r"/login$"))
