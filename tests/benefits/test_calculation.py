"""The benefit calculation (nyttokalkyl) of an idea: its page against a case computed by hand,
what it counts, where it starts, and who may read it."""

import html
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from flask import render_template

from tests.benefit_factories import benefit_input, measure, plan_benefit
from tests.factories import make_idea, make_user
from tests.pilot_factories import plan_rollout, prioritised_idea
from tracker.auth.roles import Role
from tracker.benefits import calculation, figures, services
from tracker.benefits.calculation import costs_context
from tracker.benefits.models import BenefitSettings, IdeaYearFigure
from tracker.benefits.rules import BenefitType, Direction, Lifecycle
from tracker.costs import services as cost_services
from tracker.costs.rules import CostCategory, CostKind
from tracker.extensions import db
from tracker.ideas.models import StageChange
from tracker.ideas.stages import Stage
from tracker.pilots.rules import UnitStatus

pytestmark = pytest.mark.kept_by_hand  # the hand-computed calculation writes its history directly

Y = date(2021, 12, 31)  # every baseline


def into_rollout(idea, on: datetime, from_stage: Stage = Stage.SCREENING) -> None:
    db.session.add(
        StageChange(idea_id=idea.id, from_stage=from_stage, to_stage=Stage.ROLLOUT, at=on)
    )
    idea.stage = Stage.ROLLOUT
    db.session.commit()


def cost(idea, user, description, kind, year_from, planned, year_to=None, actual=None):
    cost_services.save_cost(
        idea,
        user,
        cost_services.CostInput(
            description=description,
            kind=kind,
            category=CostCategory.PURCHASE,
            year_from=year_from,
            year_to=year_to,
            planned=Decimal(planned),
            actual=None if actual is None else Decimal(actual),
        ),
    )
    db.session.commit()


def hand_case(org):
    """An idea that entered rollout in March 2022, over the default 5 years (2022–2026) at 3 %,
    with 2021 before them for the pre-study paid then:

    - saving (financial): 0 → 100 (×1 000 kr) from 31 Dec 2021 to 31 Dec 2023, so planned
      50 000 kr in 2022 and 100 000 kr a year after; measured 40 on 31 Dec 2022 and 90 in
      June 2023: realised 40 000 kr in 2022, 90 000 kr a year after;
    - freed time (reallocation, 50 % attribution): 0 → 10 hours (×500 kr) by 31 Dec 2022, so
      planned 2 500 kr a year; measured 8 in March 2023: realised 2 000 kr a year from 2023;
    - not counted: a cancelled benefit, a benefit only identified; counted but shown in its
      own unit: a quality benefit;
    - costs: a purchase in 2022 (planned 120 000, actual 150 000 kr), a licence from 2022 on
      (10 000 kr a year, actual unknown), and a pre-study in 2021 (5 000 kr, actual unknown),
      before rollout: the calculation starts in 2021 for it.

    The table by year is HAND_TABLE below.

    2021 is undiscounted; 1/1.03² + 1/1.03³ + 1/1.03⁴ + 1/1.03⁵ = 3.608833, so the NPV is
    -5 000 - 120 000/1.03 + 82 000 × 3.608833 = 174 419 kr, planned
    -5 000 - 77 500/1.03 + 92 500 × 3.608833 = 253 574 kr; the payback year is 2024, planned
    2023.
    """
    idea = make_idea(org.employee, org.home_care, Stage.SCREENING, owner_id=org.manager.id)
    into_rollout(idea, datetime(2022, 3, 1, 9))
    m, owner = org.manager, org.employee
    saving = plan_benefit(
        idea, m, owner, title="Färre pappersutskick", type=BenefitType.FINANCIAL,
        direction=Direction.HIGHER, indicator="Besparing", measure="tkr",
        baseline_value=Decimal(0), baseline_on=Y, target_value=Decimal(100),
        target_on=date(2023, 12, 31), sek_per_unit=Decimal(1000),
    )  # fmt: skip
    measure(saving, owner, 40, on=date(2022, 12, 31))
    measure(saving, owner, 90, on=date(2023, 6, 30))
    time = plan_benefit(
        idea, m, owner, title="Frigjord tid i hemtjänsten", type=BenefitType.REALLOCATION,
        direction=Direction.HIGHER, indicator="Frigjord tid", measure="timmar",
        baseline_value=Decimal(0), baseline_on=Y, target_value=Decimal(10),
        target_on=date(2022, 12, 31), sek_per_unit=Decimal(500), attribution=Decimal(50),
    )  # fmt: skip
    measure(time, owner, 8, on=date(2023, 3, 1))
    cancelled = plan_benefit(
        idea, m, owner, title="Inställd", type=BenefitType.FINANCIAL, direction=Direction.HIGHER,
        baseline_value=Decimal(0), baseline_on=date(2019, 1, 1), target_value=Decimal(100),
        target_on=date(2022, 1, 1), sek_per_unit=Decimal(10**6),
    )  # fmt: skip
    cancelled.lifecycle = Lifecycle.CANCELLED
    services.save_benefit(idea, m, benefit_input(m, title="Bara identifierad", owner_id=None))
    plan_benefit(
        idea, m, owner, title="Nöjdhet med e-tjänsten", type=BenefitType.QUALITY,
        measure="NKI", baseline_on=Y, sek_per_unit=None,
    )  # fmt: skip
    db.session.commit()
    cost(idea, m, "Skannrar", CostKind.ONE_OFF, 2022, 120000, actual=150000)
    cost(idea, m, "Licens", CostKind.RUNNING, 2022, 10000)
    cost(idea, m, "Förstudie", CostKind.ONE_OFF, 2021, 5000)
    return idea


# year, planned benefit, realised, cash, non-cash, planned cost, actual cost, planned net, net,
# planned cumulative net, cumulative net; "." for an empty cell.
HAND_TABLE = """
2021        0        0        0      0    5,000    5,000   -5,000    -5,000   -5,000    -5,000
2022   52,500   40,000   40,000      0  130,000  160,000  -77,500  -120,000  -82,500  -125,000
2023  102,500   92,000   90,000  2,000   10,000   10,000   92,500    82,000   10,000   -43,000
2024  102,500   92,000   90,000  2,000   10,000   10,000   92,500    82,000  102,500    39,000
2025  102,500   92,000   90,000  2,000   10,000   10,000   92,500    82,000  195,000   121,000
2026  102,500   92,000   90,000  2,000   10,000   10,000   92,500    82,000  287,500   203,000
total 462,500  408,000  400,000  8,000  175,000  205,000  287,500   203,000        .         .
"""
HAND_ROWS = {
    row[0]: tuple("" if cell == "." else cell for cell in row[1:])
    for row in (line.split() for line in HAND_TABLE.strip().splitlines())
}


def table_row(page: str, row_id) -> tuple[str, ...]:
    """The amounts of a row of the calculation table, without " kr"."""
    found = re.search(rf'<tr id="year-{row_id}">(.*?)</tr>', page, re.S)
    assert found, f"no row {row_id}"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)
    return tuple(html.unescape(c).strip().removesuffix("\u00a0kr") for c in cells)


def figure(page: str, figure_id: str) -> str:
    found = re.search(rf'<dd id="{figure_id}">(.*?)</dd>', page, re.S)
    assert found, f"no figure {figure_id}"
    return html.unescape(found.group(1)).strip()


def test_the_page_shows_the_hand_computed_calculation_year_by_year(world, login, client):
    idea = hand_case(world.a)
    cost(idea, world.a.manager, "Uppgradering", CostKind.ONE_OFF, 2027, 40000)  # after 2026
    page = login(world.a.leader).get(f"/ideas/{idea.id}/calculation")
    assert page.status_code == 200
    text = page.text
    for year, expected in HAND_ROWS.items():
        assert table_row(text, year) == expected, year
    assert figure(text, "npv") == "174,419\u00a0kr"
    assert figure(text, "planned-npv") == "253,574\u00a0kr"
    assert figure(text, "payback") == "2024"
    assert figure(text, "planned-payback") == "2023"
    assert "5 years from 2022, the year the idea entered rollout." in text
    assert "The costs paid before 2022 count too, from 2021." in text
    assert (
        "the net of each year (realised benefits less actual costs) discounted at 3 % a year, "
        "the first year undiscounted." in text.lower()
    )
    assert "3 benefits are counted" in text
    assert "1 of them has no value in kronor" in text
    assert re.search(r'id="costs-after">[^<]*after 2026[^<]*Uppgradering \(2027\)', text)
    assert "Förstudie" not in re.search(r'id="costs-after">.*?</p>', text, re.S).group(0)


def test_the_page_is_accessible_in_its_structure(world, login, client):
    idea = hand_case(world.a)
    text = login(world.a.manager).get(f"/ideas/{idea.id}/calculation").text
    assert text.count("<h1>") == 1
    assert text.count("<caption") == 2  # the year table and the costs table
    assert text.count('<th scope="col"') == 11 + 7
    assert '<th scope="row">2022</th>' in text
    assert 'id="calculation-summary"' in text
    assert "Net present value and payback year" in text
    assert (
        f'href="/ideas/{idea.id}/calculation"' not in text
    )  # the summary links here only elsewhere
    assert "/costs/" in text and "/edit" in text  # the manager may edit the costs listed


def test_the_calculation_is_the_pure_calculation_of_the_counted_benefits_and_all_costs(world, ctx):
    idea = hand_case(world.a)
    result, basis = calculation.calculation_with_basis(idea)
    assert (basis.start_year, basis.start, basis.counted, basis.unpriced) == (
        2022,
        calculation.Start.ROLLOUT,
        3,
        1,
    )
    assert result == calculation.calculation(idea)
    assert result.rate == Decimal("0.03")
    assert [r.year for r in result.rows] == [2021, 2022, 2023, 2024, 2025, 2026]
    assert result.rows[1].planned_benefit == Decimal(52500)
    assert result.rows[-1].cumulative_net == Decimal(203000)
    assert round(result.npv, 2) == Decimal("174419.48")
    assert round(result.planned_npv, 2) == Decimal("253574.37")


def test_reading_the_calculation_writes_no_settings(world, login, client):
    idea = hand_case(world.a)
    assert login(world.a.manager).get(f"/ideas/{idea.id}/calculation").status_code == 200
    assert db.session.scalars(db.select(BenefitSettings)).all() == []


def test_the_first_entry_into_rollout_starts_the_calculation(world, ctx):
    idea = make_idea(world.a.employee, world.a.home_care, Stage.SCREENING)
    into_rollout(idea, datetime(2023, 5, 1))
    back = StageChange(
        idea_id=idea.id, from_stage=Stage.ROLLOUT, to_stage=Stage.PILOT, at=datetime(2024, 1, 1)
    )
    db.session.add(back)
    idea.stage = Stage.PILOT
    db.session.commit()
    into_rollout(idea, datetime(2025, 2, 1), from_stage=Stage.PILOT)
    assert calculation.start_of(idea, [], date(2030, 1, 1)) == (2023, calculation.Start.ROLLOUT)


def test_before_rollout_the_earliest_baseline_starts_it_else_the_first_cost_else_this_year(
    world, ctx
):
    idea = make_idea(
        world.a.employee, world.a.home_care, Stage.SCREENING, owner_id=world.a.manager.id
    )
    db.session.commit()
    assert calculation.start_of(idea, [], date(2030, 6, 1)) == (2030, calculation.Start.THIS_YEAR)
    result, basis = calculation.calculation_with_basis(idea, today=date(2030, 6, 1))
    assert (basis.start_year, basis.start) == (2030, calculation.Start.THIS_YEAR)
    assert [r.year for r in result.rows] == [2030, 2031, 2032, 2033, 2034]
    cost(idea, world.a.manager, "Förstudie", CostKind.ONE_OFF, 2027, 3000)
    assert calculation.calculation_with_basis(idea)[1].start == calculation.Start.FIRST_COST
    assert calculation.calculation_with_basis(idea)[1].start_year == 2027
    plan_benefit(idea, world.a.manager, baseline_on=date(2024, 3, 1))
    plan_benefit(idea, world.a.manager, baseline_on=date(2023, 11, 30))
    assert calculation.calculation_with_basis(idea)[1].start == calculation.Start.BASELINE
    assert calculation.calculation_with_basis(idea)[1].start_year == 2023


def test_entering_rollout_moves_the_horizon_on_the_page_and_in_the_dashboards_figures(
    world, login, client
):
    a = world.a
    idea = prioritised_idea(a)
    plan_benefit(idea, a.manager, baseline_on=date(2024, 12, 31), target_on=date(2025, 12, 31))
    cost(idea, a.manager, "Förstudie", CostKind.ONE_OFF, 2023, 8000)
    kept = figures.year_rows(idea)  # the dashboard's year cells add up these rows
    assert list(kept) == list(range(2023, 2029))  # 2024 (the baseline) + 5, and 2023's cost
    assert stored_years(idea) == list(kept)
    page = login(a.manager).get(f"/ideas/{idea.id}/calculation").text
    assert "5 years from 2024, the year of the earliest baseline" in page
    assert "The costs paid before 2024 count too, from 2023." in page

    plan_rollout(idea, a.manager, [(a.home_care, a.employee, UnitStatus.PLANNED)], reason="Klart.")
    this_year = date.today().year
    assert stored_years(idea) == list(range(2023, this_year + 5))
    assert stored_years(idea) == list(figures.year_rows(idea))
    result = calculation.calculation(idea)
    assert [r.year for r in result.rows] == stored_years(idea)
    page = login(a.manager).get(f"/ideas/{idea.id}/calculation").text
    assert f"5 years from {this_year}, the year the idea entered rollout." in page
    assert table_row(page, 2023)[4] == "8,000"  # the pre-study's planned cost


def stored_years(idea) -> list[int]:
    db.session.expire_all()
    rows = db.session.scalars(
        db.select(IdeaYearFigure.year).where(IdeaYearFigure.idea_id == idea.id)
    )
    return sorted(rows)


def test_an_idea_without_benefits_or_costs_has_a_calculation_of_zeros(world, login, client):
    idea = make_idea(world.a.employee, world.a.home_care, Stage.SCREENING)
    db.session.commit()
    page = login(world.a.employee).get(f"/ideas/{idea.id}/calculation")
    assert page.status_code == 200
    this_year = date.today().year
    assert table_row(page.text, this_year) == ("0",) * 10
    assert figure(page.text, "npv") == "0\u00a0kr"
    assert figure(page.text, "payback") == "No costs to pay back"
    assert "5 years from this year" in page.text
    assert "No costs are entered yet." in page.text
    assert "Add a cost" not in page.text  # the submitter reads, but does not plan


def test_the_summary_fragment_has_its_figures_and_links_to_the_page(world, app, ctx):
    idea = hand_case(world.a)
    fragment = render_template(
        "benefits/_calculation_summary.html", **costs_context(idea, world.a.leader)
    )
    assert fragment.strip().startswith('<section class="panel" id="calculation-summary"')
    assert figure(fragment, "npv") == "174,419\u00a0kr"
    assert figure(fragment, "payback") == "2024"
    assert f'href="/ideas/{idea.id}/calculation"' in fragment
    assert "6 years, 2021–2026, at a discount rate of 3 %." in fragment  # the pre-study's 2021


def test_amounts_are_shown_in_the_users_language(world, login, client):
    idea = hand_case(world.a)
    world.a.leader.locale = "sv"
    db.session.commit()
    page = login(world.a.leader).get(f"/ideas/{idea.id}/calculation")
    assert table_row(page.text, 2022)[0] == "52\u00a0500"
    assert figure(page.text, "npv") == "174\u00a0419\u00a0kr"


@pytest.mark.parametrize("who", ["employee", "manager", "leader", "admin"])
def test_whoever_reads_the_idea_reads_its_calculation(world, login, client, who):
    idea = make_idea(world.a.employee, world.a.home_care, Stage.ROLLOUT)
    db.session.commit()
    assert login(getattr(world.a, who)).get(f"/ideas/{idea.id}/calculation").status_code == 200


def test_others_may_not_read_the_calculation(world, login, client):
    idea = make_idea(world.a.employee, world.a.home_care, Stage.ROLLOUT)
    idea.confidential = True  # an open idea's calculation is every member's to read
    stranger = make_user(world.a.org, world.a.school, Role.EMPLOYEE, "stranger@a.example.org")
    db.session.commit()
    assert login(stranger).get(f"/ideas/{idea.id}/calculation").status_code == 403
    assert login(world.a.school_manager).get(f"/ideas/{idea.id}/calculation").status_code == 403
    assert login(world.b.leader).get(f"/ideas/{idea.id}/calculation").status_code == 404
    assert login(world.a.leader).get("/ideas/99999/calculation").status_code == 404


def test_signed_out_visitors_are_sent_to_log_in_for_the_calculation(world, client):
    idea = make_idea(world.a.employee, world.a.home_care, Stage.ROLLOUT)
    db.session.commit()
    response = client.get(f"/ideas/{idea.id}/calculation")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_costs_that_no_benefit_pays_back_have_no_payback_year(world, login, client):
    org = world.a
    idea = make_idea(org.employee, org.home_care, Stage.SCREENING, owner_id=org.manager.id)
    db.session.commit()
    cost(idea, org.manager, "Konsult", CostKind.ONE_OFF, date.today().year, 1200)
    page = login(org.manager).get(f"/ideas/{idea.id}/calculation").text
    assert figure(page, "payback") == "Not within the horizon"
    assert figure(page, "planned-payback") == "Not within the horizon"
    assert figure(page, "npv") == "-1,200\u00a0kr"
