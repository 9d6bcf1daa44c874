"""The dashboard page: who may open it, what it shows, its filters and drill-downs."""

import re

import pytest

from tests.dashboard.helpers import S, hand_fixture, history_idea
from tests.factories import counted_statements
from tracker.dashboard.rebuild import rebuild_aggregates
from tracker.extensions import db

pytestmark = (
    pytest.mark.kept_by_hand
)  # the hand-worked fixture writes history and year figures directly


@pytest.fixture
def fixture(world):
    return hand_fixture(world)


def cells(html: str, heading_id: str) -> list[list[str]]:
    """The text of each row of the first table after the section heading `heading_id`."""
    section = html[html.index(f'id="{heading_id}"') :]
    table = section[section.index("<tbody>") : section.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


@pytest.mark.parametrize("path", ["/dashboard/", "/dashboard/ideas?fig=reached:screening"])
@pytest.mark.parametrize("role", ["employee", "manager"])
def test_only_leaders_and_admins_open_it(world, login, role, path):
    assert login(getattr(world.a, role)).get(path).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/login" in response.location


@pytest.mark.parametrize("role", ["leader", "admin"])
def test_leaders_and_admins_see_their_organisation(world, login, fixture, role):
    html = login(getattr(world.a, role)).get("/dashboard/").get_data(as_text=True)
    funnel = {row[0]: row[1:] for row in cells(html, "funnel-heading")}
    assert funnel["Submitted"] == ["4", "75%", "1"]
    assert funnel["Pilot"] == ["2", "50%", "0"]
    assert funnel["Declined"] == ["1", "–", "1"]


def test_lead_times_and_flow_tables(world, login, fixture):
    html = login(world.a.leader).get("/dashboard/").get_data(as_text=True)
    lead = {row[0]: row[1:4] for row in cells(html, "lead-heading")}
    assert lead["Submitted"] == ["4", "10", "3"]
    assert lead["Pilot"] == ["30", "91", "2"]
    flow = {row[0]: row[1:] for row in cells(html, "flow-heading")}
    assert flow["2025 Q1"] == ["3", "1"]
    assert flow["2026 Q1"] == ["1", "0"]


def test_portfolio_table_in_kronor(world, login, fixture):
    html = login(world.a.leader).get("/dashboard/").get_data(as_text=True)
    rows = {row[0]: row[1:] for row in cells(html, "portfolio-heading")}
    assert rows["2025"] == [
        "1,000\xa0kr", "400\xa0kr", "100\xa0kr", "300\xa0kr", "350\xa0kr", "420\xa0kr",
        "650\xa0kr", "-20\xa0kr",
    ]  # fmt: skip


def test_other_organisation_is_never_shown(world, login, fixture):
    html = login(world.b.leader).get("/dashboard/").get_data(as_text=True)
    funnel = {row[0]: row[1] for row in cells(html, "funnel-heading")}
    assert funnel["Submitted"] == "1"
    assert "Digitala inköp" not in html
    assert "99,999" in html  # b's own money


def test_a_filter_answers_htmx_with_the_fragment_only(world, login, fixture):
    client = login(world.a.leader)
    response = client.get(f"/dashboard/?unit={world.a.school.id}", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert "<h1" not in html and 'id="dashboard"' in html
    assert response.headers["Vary"] == "HX-Request" or "HX-Request" in response.headers["Vary"]
    funnel = {row[0]: row[1] for row in cells(html, "funnel-heading")}
    assert funnel["Submitted"] == "2"


def test_the_filter_form_keeps_its_choices(world, login, fixture):
    html = login(world.a.leader).get(f"/dashboard/?year=2026&goal={world.a.goal.id}").text
    assert re.search(r'<option value="2026"\s+selected>', html)
    assert re.search(rf'<option value="{world.a.goal.id}"\s+selected>', html)


@pytest.mark.parametrize("query", ["?year=1890", "?unit=abc", "?goal=%00", "?category=99999999"])
def test_odd_filters_are_ignored_or_empty_never_an_error(world, login, fixture, query):
    assert login(world.a.leader).get("/dashboard/" + query).status_code == 200


def test_figures_drill_down_to_the_ideas_behind_them(world, login, fixture):
    client = login(world.a.leader)
    html = client.get(f"/dashboard/?category={world.a.category.id}").text
    link = re.search(r'href="(/dashboard/ideas\?[^"]*stage=submitted[^"]*)"', html).group(1)
    assert f"category={world.a.category.id}" in link
    listed = client.get(link.replace("&amp;", "&")).text
    assert "Ny idé" in listed and "Digitala inköp" not in listed


def drill_links(html: str, heading_id: str) -> dict[str, str]:
    """The drill-down links in the section after `heading_id`: {href: the figure's text}."""
    start = html.index(f'id="{heading_id}"')
    section = html[start : html.index("</section>", start)]
    found = re.findall(r'<a href="(/dashboard/ideas\?[^"]*fig=[^"]*)"[^>]*>([^<]+)</a>', section)
    return {href.replace("&amp;", "&"): text.strip() for href, text in found}


def listed(client, href: str) -> tuple[int, str]:
    html = client.get(href).text
    count = re.search(r'class="result-count"[^>]*>\s*(\d+) idea', html)
    return int(count.group(1)), html


def test_every_idea_figure_opens_as_many_ideas_as_it_says(world, login, fixture):
    client = login(world.a.leader)
    html = client.get("/dashboard/?year=2025").text
    figures = {}
    for heading in ("funnel-heading", "flow-heading", "cfd-heading"):
        figures.update({href: int(text) for href, text in drill_links(html, heading).items()})
    assert len(figures) >= 10
    for href, count in figures.items():
        assert listed(client, href)[0] == count, href


def test_a_benefit_figure_lists_its_ideas_and_says_what_they_are(world, login, fixture):
    client = login(world.a.leader)
    links = drill_links(client.get("/dashboard/").text, "status-heading")
    missed = next(href for href in links if "fig=status:missed" in href)
    count, html = listed(client, missed)
    assert count == 1 and "Digitala inköp" not in html
    assert "From the dashboard:" in html and "tracking status is “Missed”" in html
    assert "fig=status:missed" in re.search(r'href="([^"]*exports[^"]*csv[^"]*)"', html).group(1)


def test_a_drilled_list_keeps_its_figure_through_the_filter_form(world, login, fixture):
    client = login(world.a.leader)
    html = client.get(f"/dashboard/ideas?fig=reached:screening&category={world.a.category.id}").text
    assert '<input type="hidden" name="fig" value="reached:screening">' in html
    assert f'<input type="hidden" name="category" value="{world.a.category.id}">' in html
    assert "Category: " in html and listed(client, "/dashboard/ideas?fig=reached:screening")[0] == 3


def test_a_drilled_list_shows_only_the_readers_organisation(world, login, fixture):
    count, html = listed(login(world.b.leader), "/dashboard/ideas?fig=reached:submitted")
    assert count == 1 and "Digitala inköp" not in html  # b's own idea, none of a's


def test_a_malformed_figure_lists_every_idea(world, login, fixture):
    client = login(world.a.leader)
    assert listed(client, "/dashboard/ideas?fig=reached:nowhere")[0] == listed(client, "/ideas/")[0]


def test_a_drilled_list_speaks_swedish(world, login, fixture):
    client = login(world.a.leader)
    html = client.get(
        "/dashboard/ideas?fig=stood:pilot:20251", headers={"Accept-Language": "sv"}
    ).text
    assert "Från översikten:" in html and "Idéer i Pilot vid slutet av 2025 kv. 1" in html


def test_query_count_does_not_grow_with_the_ideas(world, login, fixture):
    client = login(world.a.leader)

    def statements() -> int:
        with counted_statements() as seen:
            assert client.get("/dashboard/").status_code == 200
        return len(seen)

    few = statements()
    for i in range(30):
        history_idea(world.a, world.a.school, [(S.SUBMITTED, f"2025-0{1 + i % 9}-0{1 + i % 9}")])
    rebuild_aggregates()
    db.session.commit()
    assert statements() == few


def test_the_page_speaks_swedish(world, login, fixture):
    html = login(world.a.leader).get("/dashboard/", headers={"Accept-Language": "sv"}).text
    assert "<h1>Ledningens översikt</h1>" in html
    funnel = {row[0]: row[1:] for row in cells(html, "funnel-heading")}
    assert funnel["Inskickad"] == ["4", "75\xa0%", "1"]


def test_ideas_not_counted_yet_are_announced(world, login, fixture):
    client = login(world.a.leader)
    assert "not counted on the dashboard" not in client.get("/dashboard/").text
    history_idea(world.a, world.a.school, [(S.SUBMITTED, "2026-02-02")])  # no rebuild
    db.session.commit()
    assert "1 idea is not counted on the dashboard yet" in client.get("/dashboard/").text


def test_a_drill_down_link_saved_before_the_move_opens_the_dashboards_list(world, login, fixture):
    client = login(world.a.leader)
    response = client.get("/ideas/?fig=reached:screening&stage=pilot")
    assert response.status_code == 301
    assert response.headers["Location"] == "/dashboard/ideas?fig=reached:screening&stage=pilot"
    assert client.get("/ideas/?stage=pilot").status_code == 200
