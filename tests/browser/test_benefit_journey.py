"""A manager plans a benefit with an interim target and a cost, its owner measures it twice and
corrects one value, the idea shows the progress, status and benefit calculation, and the manager
signs the benefit off: in Swedish, in real Chromium, through the UI alone.

The numbers, by hand. The benefit goes from 20 days (baseline, 100 days ago) to 10 days (target,
in 100 days), lower is better, through an interim target of 14 days 50 days ago; one day less is
worth 5 000 kr a year, attribution 100 %.

- Measured 15 (40 days ago) and 12,5 (10 days ago): the latest change is 20 - 12,5 = 7,5 days,
  progress 75 %. The plan 10 days ago is 14 - 4 * 40/150 = 12,93 days, a change of 7,07; 90 % of
  it is 6,36, so 7,5 is on track.
- 12,5 corrected to 14: the change is 6 days, progress 60 %, and 6 < 6,36 is at risk. SEK a
  year: 6 * 5 000 = 30 000 kr, non-cash (reallocation).
- The calculation starts this year Y (rollout) and runs 5 years at 3 %. Every measurement is on
  or before 31 December Y, so each year realises 30 000 kr; the one-off cost of 120 000 kr falls
  in Y. Net: -90 000, then 30 000 a year; cumulative -90 000, -60 000, -30 000, 0: payback in
  Y + 3. NPV = -90 000 + 30 000 (1/1,03 + 1/1,03^2 + 1/1,03^3 + 1/1,03^4) = 21 512,95: 21 513 kr.
- The owner proposes a final value of 10 days: the change is 10, achieved, 100 %.
"""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.test_idea_journey import log_in
from tests.pilot_factories import in_rollout

TODAY = date.today()
YEAR = TODAY.year
BENEFIT = "Kortare handläggningstid för bygglov"
COST = "Utbildning av handläggarna"

# The Swedish texts of the labels, buttons and messages the journey reads (messages.po).
SV = {
    "add_benefit": "Lägg till en nytta",
    "reallocation": "Omfördelning",
    "lower_is_better": "Lägre är bättre",
    "add_interim": "Lägg till ett delmål",
    "save_benefit": "Spara nyttan",
    "benefit_saved": "Nyttan är sparad.",
    "planned": "Planerad",
    "interim_target": "Delmål",
    "add_cost": "Lägg till en kostnad",
    "one_off": "Engångskostnad",
    "internal_time": "Intern tid",
    "add_the_cost": "Lägg till kostnaden",
    "cost_added": "Kostnaden är tillagd.",
    "waiting": "Väntar på dig",
    "overdue": "Försenad",
    "record": "Registrera en mätning",
    "save_measurement": "Spara mätningen",
    "before_baseline": "En mätning kan inte ha ett datum före datumet för nollmätningen.",
    "recorded": "Mätningen är registrerad.",
    "correct": "Rätta",
    "correct_heading": "Rätta en mätning",
    "save_correction": "Spara rättelsen",
    "corrected": "(rättad)",
    "tracking_status": "Uppföljningsstatus",
    "progress": "Måluppfyllelse",
    "realised_change": "Realiserad förändring",
    "sek_realised": "Kr per år, realiserat",
    "non_cash": "ej budgetpåverkande",
    "on_track": "Enligt plan",
    "at_risk": "I riskzonen",
    "achieved": "Uppnådd",
    "calculation_link": "Nyttokalkylen år för år",
    "calculation": "Nyttokalkyl",
    "propose": "Föreslå som realiserad",
    "propose_heading": "Föreslå nyttan som realiserad",
    "proposed": "Slutvärdet är registrerat och nyttan är föreslagen som realiserad.",
    "proposes": "{who} föreslår nyttan som realiserad.",
    "confirm": "Bekräfta: nyttan är realiserad",
    "signed_off": "Nyttan är godkänd som realiserad.",
    "signed_off_by": "Realiserad: godkänd av {who} den",
    "stage_of_benefit": "Nyttans skede",
    "realised": "Realiserad",
}


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def kr(amount: int) -> str:
    """An amount as the Swedish pages show it: "-90 000 kr", with no-break spaces."""
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


def fact(page, label: str):
    """The value of a benefit page's figure with this label."""
    row = page.locator(".figures > div", has=page.locator("dt").get_by_text(label, exact=True))
    return row.locator("dd")


def facts_of_benefit(page, label: str):
    row = page.locator("dl.facts > div", has=page.locator("dt").get_by_text(label, exact=True))
    return row.locator("dd")


def plan_the_benefit(manager, owner_id: int):
    """From the idea page: the benefit form, with one interim target added by its button."""
    page = manager.page
    page.locator("#benefits").get_by_role("link", name=SV["add_benefit"]).click()
    expect(page.locator("h1")).to_have_text(SV["add_benefit"])
    manager.check()
    page.locator("#title").fill(BENEFIT)
    page.locator("#type").select_option(label=SV["reallocation"])
    page.locator("#indicator").fill("Handläggningstid per bygglov")
    page.locator("#measure").fill("dagar")
    page.locator("#direction").select_option(label=SV["lower_is_better"])
    page.locator("#baseline_value").fill("20")
    page.locator("#baseline_on").fill(day(-100))
    page.locator("#target_value").fill("10")
    page.locator("#target_on").fill(day(100))

    rows = page.locator("#interim tbody tr")
    expect(rows).to_have_count(1)
    page.get_by_role("button", name=SV["add_interim"]).click()
    expect(rows).to_have_count(2)
    expect(page.locator("#interim-1-on")).to_be_focused()  # the added row
    expect(page.locator("#title")).to_have_value(BENEFIT)  # nothing typed is lost
    expect(page.locator("#baseline_on")).to_have_value(day(-100))
    expect(page.locator(".error-summary")).to_have_count(0)  # adding a row validates nothing
    manager.check()
    page.locator("#interim-1-on").fill(day(-50))
    page.locator("#interim-1-value").fill("14")  # row 0 stays empty, and is ignored

    page.locator("#sek_per_unit").fill("5 000")
    page.locator("#owner_id").select_option(str(owner_id))
    page.get_by_role("button", name=SV["save_benefit"]).click()
    expect(page.locator("#messages")).to_contain_text(SV["benefit_saved"])
    expect(page.locator("h1")).to_have_text(BENEFIT)
    expect(facts_of_benefit(page, SV["stage_of_benefit"])).to_have_text(SV["planned"])
    plan = page.locator("table.plan-points tbody tr")
    expect(plan).to_have_count(3)  # baseline, interim target, target
    expect(plan.nth(1)).to_contain_text(SV["interim_target"])
    expect(plan.nth(1).locator("td.num")).to_have_text("14")
    manager.check()


def add_the_cost(manager, idea_title: str):
    """From the benefit page back to the idea, and a one-off cost of internal time."""
    page = manager.page
    page.locator("main").get_by_role("link", name=idea_title, exact=True).click()
    expect(page.locator("h1")).to_have_text(idea_title)
    manager.check()
    page.locator("#costs").get_by_role("link", name=SV["add_cost"]).click()
    expect(page.locator("h1")).to_have_text(SV["add_cost"])
    expect(page.locator("#year_from")).to_have_value(str(YEAR))
    manager.check()
    page.locator("#description").fill(COST)
    page.get_by_label(SV["one_off"], exact=True).check()
    page.locator("#category").select_option(label=SV["internal_time"])
    page.locator("#planned").fill("120 000")
    page.get_by_role("button", name=SV["add_the_cost"]).click()
    expect(page.locator("#messages")).to_contain_text(SV["cost_added"])
    expect(page).to_have_url(re.compile(r"#costs$"))
    cost = page.locator("#costs tbody tr", has_text=COST)
    expect(cost).to_contain_text(SV["internal_time"])
    expect(cost).to_contain_text(kr(120_000))
    manager.check()


def record(owner, on: str, value: str):
    page = owner.page
    expect(page.locator("h1")).to_have_text(SV["record"])
    page.locator("#on").fill(on)
    page.locator("#value").fill(value)
    page.get_by_role("button", name=SV["save_measurement"]).click()
    expect(page.locator("#messages")).to_contain_text(SV["recorded"])
    expect(page.locator("h1")).to_have_text(BENEFIT)
    owner.check()


def test_a_benefit_is_planned_measured_corrected_calculated_and_signed_off(world, visit):
    a = world.a
    idea = in_rollout(a)
    idea_id, idea_title = idea.id, idea.title

    # The manager plans the benefit with an interim target, and a cost
    manager = visit("sv-SE")
    page = log_in(manager, a.manager.email)
    manager.check()
    page.goto(f"{manager.base_url}/ideas/{idea_id}")
    expect(page.locator("h1")).to_have_text(idea_title)
    manager.check()
    plan_the_benefit(manager, a.employee.id)
    add_the_cost(manager, idea_title)

    # The owner finds the overdue follow-up waiting on the start page (due 3 months after the
    # baseline)
    owner = visit("sv-SE")
    page = log_in(owner, a.employee.email)
    waiting = page.locator("#waiting")
    expect(waiting.get_by_role("heading", level=2)).to_have_text(SV["waiting"])
    due = waiting.locator("li", has_text=BENEFIT)
    expect(due.locator(".badge")).to_have_text(SV["overdue"])
    owner.check()
    due.get_by_role("link", name=re.compile("^" + re.escape(SV["record"]))).click()
    expect(page.locator("h1")).to_have_text(SV["record"])
    owner.check()

    # A date before the baseline is refused, with the message on the date field
    page.locator("#on").fill(day(-101))
    page.locator("#value").fill("15")
    page.get_by_role("button", name=SV["save_measurement"]).click()
    expect(page.locator("#on-error")).to_have_text(SV["before_baseline"])
    expect(page.locator("#on")).to_have_attribute("aria-describedby", "on-error")
    expect(page.locator("#on")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#value")).to_have_value("15")  # the value is kept
    owner.check()
    record(owner, day(-40), "15")

    # The second measurement, in Swedish decimals: on track at 75 %
    page.locator(".benefit > .actions").get_by_role("link", name=SV["record"]).click()
    owner.check()
    record(owner, day(-10), "12,5")
    expect(fact(page, SV["tracking_status"])).to_have_text(SV["on_track"])
    expect(fact(page, SV["progress"])).to_have_text("75 %")
    expect(fact(page, SV["realised_change"])).to_have_text("7,5 dagar")

    # The owner corrects 12,5 to 14: both stay, 12,5 struck through; at risk at 60 %
    measurements = page.locator("table.measurements tbody tr")
    expect(measurements).to_have_count(2)
    wrong = measurements.filter(has_text="12,5")
    wrong.get_by_role("link", name=re.compile("^" + re.escape(SV["correct"]))).click()
    expect(page.locator("h1")).to_have_text(SV["correct_heading"])
    expect(page.locator("#on")).to_have_value(day(-10))
    expect(page.locator("#value")).to_have_value("12,5")
    owner.check()
    page.locator("#value").fill("14")
    page.get_by_role("button", name=SV["save_correction"]).click()
    expect(page.locator("#messages")).to_contain_text(SV["recorded"])
    expect(measurements).to_have_count(3)
    struck = page.locator("table.measurements del")
    expect(struck).to_have_count(2)  # the date and the value of the corrected row
    expect(struck.nth(1)).to_have_text("12,5")
    expect(measurements.filter(has_text="12,5")).to_contain_text(SV["corrected"])
    expect(measurements.filter(has=page.locator("del"))).to_have_count(1)
    expect(measurements.filter(has_text="14").locator("del")).to_have_count(0)
    expect(fact(page, SV["tracking_status"])).to_have_text(SV["at_risk"])
    expect(fact(page, SV["progress"])).to_have_text("60 %")
    expect(fact(page, SV["realised_change"])).to_have_text("6 dagar")
    expect(fact(page, SV["sek_realised"])).to_contain_text(kr(30_000))
    expect(fact(page, SV["sek_realised"])).to_contain_text(SV["non_cash"])
    owner.check()

    # The idea page: the benefit's status and progress, and the calculation in figures
    page.locator("main").get_by_role("link", name=idea_title, exact=True).click()
    expect(page.locator("h1")).to_have_text(idea_title)
    row = page.locator("#benefits tbody tr", has_text=BENEFIT)
    expect(row.locator(".badge")).to_have_text(SV["at_risk"])
    expect(row.locator("td.num")).to_have_text("60 %")
    summary = page.locator("#calculation-summary")
    expect(summary.locator("#npv")).to_have_text(kr(21_513))
    expect(summary.locator("#payback")).to_have_text(str(YEAR + 3))
    owner.check()

    # ... and year by year on the calculation page
    summary.get_by_role("link", name=SV["calculation_link"]).click()
    expect(page.locator("h1")).to_have_text(SV["calculation"])
    cells = page.locator(f"#year-{YEAR} td")
    # planned benefit, realised, cash, non-cash, planned cost, actual cost, planned net, net,
    # planned cumulative net, cumulative net
    expect(cells.nth(1)).to_have_text(kr(30_000))
    expect(cells.nth(2)).to_have_text(kr(0))
    expect(cells.nth(3)).to_have_text(kr(30_000))
    expect(cells.nth(4)).to_have_text(kr(120_000))
    expect(cells.nth(5)).to_have_text(kr(120_000))
    expect(cells.nth(7)).to_have_text(kr(-90_000))
    expect(cells.nth(9)).to_have_text(kr(-90_000))
    for offset, cumulative in ((1, -60_000), (2, -30_000), (3, 0), (4, 30_000)):
        year = page.locator(f"#year-{YEAR + offset} td")
        expect(year.nth(7)).to_have_text(kr(30_000))
        expect(year.nth(9)).to_have_text(kr(cumulative))
    expect(page.locator("#npv")).to_have_text(kr(21_513))
    expect(page.locator("#payback")).to_have_text(str(YEAR + 3))
    owner.check()

    # The owner proposes the benefit as realised with a final value
    page.get_by_role("link", name=idea_title, exact=True).click()
    expect(page.locator("h1")).to_have_text(idea_title)
    owner.check()
    page.locator("#benefits").get_by_role("link", name=BENEFIT).click()
    expect(page.locator("h1")).to_have_text(BENEFIT)
    owner.check()
    page.locator("#closing").get_by_role("link", name=SV["propose"]).click()
    expect(page.locator("h1")).to_have_text(SV["propose_heading"])
    expect(page.locator("#on")).to_have_value(day(0))
    owner.check()
    page.locator("#value").fill("10")
    page.get_by_role("button", name=SV["propose"]).click()
    expect(page.locator("#messages")).to_contain_text(SV["proposed"])
    closing = page.locator("#closing")
    expect(closing).to_contain_text(SV["proposes"].format(who=a.employee.name))
    expect(closing.get_by_role("button", name=SV["confirm"])).to_have_count(0)  # not hers
    expect(fact(page, SV["tracking_status"])).to_have_text(SV["achieved"])
    expect(fact(page, SV["progress"])).to_have_text("100 %")
    owner.check()

    # The manager signs it off
    page = manager.page
    page.reload()
    expect(page.locator("h1")).to_have_text(idea_title)
    manager.check()
    page.locator("#benefits").get_by_role("link", name=BENEFIT).click()
    expect(page.locator("h1")).to_have_text(BENEFIT)
    manager.check()
    page.locator("#closing").get_by_role("button", name=SV["confirm"]).click()
    expect(page.locator("#messages")).to_contain_text(SV["signed_off"])
    expect(page.locator("#closing")).to_contain_text(SV["signed_off_by"].format(who=a.manager.name))
    expect(facts_of_benefit(page, SV["stage_of_benefit"])).to_have_text(SV["realised"])
    expect(page.locator("#closing").get_by_role("button")).to_have_count(0)
    expect(page.locator(".benefit > .actions a")).to_have_count(0)  # closed: no more changes
    manager.check()
