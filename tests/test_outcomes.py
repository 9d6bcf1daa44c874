"""The outcomes page: what happened to the organisation's ideas, for every signed-in user."""

import re
from datetime import date, datetime

import pytest

from tests.benefits.followup_factories import close, make_benefit, make_followed_idea
from tests.factories import counted_statements, make_idea
from tracker.benefits import closing
from tracker.benefits.rules import BenefitType, Direction, Lifecycle
from tracker.extensions import db
from tracker.ideas.stages import Stage

BASELINE = date(2024, 1, 1)


@pytest.fixture
def client(client):
    """Pages in English, so that the texts read as written."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _realised(org, title, at: datetime, benefits=({},), summary="Handläggningen gick fortare."):
    """An idea of the org's home care taken through follow-up to realised by the services: each
    benefit realised at its target (or closed as given), then the closing assessment. Without
    benefits the gate would refuse it: such an idea is set straight into realised."""
    if not benefits:
        idea = make_idea(org.employee, org.home_care, Stage.REALISED, title=title)
        idea.stage_entered_at = at
        db.session.commit()
        return idea
    idea = make_followed_idea(org, title=title)
    for kw in map(dict, benefits):
        lifecycle = kw.pop("lifecycle", Lifecycle.REALISED)
        close(make_benefit(idea, org.employee, BASELINE, **kw), lifecycle)
    data = closing.ClosingInput(summary=summary, learnings="Mät tidigt.", keeper_id=org.employee.id)
    closing.assess_closing(idea, org.manager, data, version=None)
    assert idea.stage is Stage.REALISED
    idea.stage_entered_at = at
    db.session.commit()
    return idea


def _page(client) -> str:
    response = client.get("/outcomes/")
    assert response.status_code == 200, response.text
    return response.text


def _counts(html: str) -> dict[str, int]:
    """The stage table: label -> count."""
    table = re.search(
        r'<table class="counts" id="stage-counts">.*?<tbody>(.*?)</tbody>', html, re.S
    )
    rows = re.findall(r'<th scope="row">(.*?)</th><td class="num">(\d+)</td>', table.group(1))
    return {label: int(count) for label, count in rows}


def _titles(html: str) -> list[str]:
    headings = re.findall(r'<h3 id="outcome-\d+-heading">(.*?)</h3>', html, re.S)
    return [re.sub(r"<[^>]+>", "", h).strip() for h in headings]


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get("/outcomes/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_employee_sees_the_organisations_ideas_counted_per_stage_in_stage_order(
    world, login, client
):
    a = world.a
    make_idea(a.employee)
    make_idea(a.manager, a.social)  # not hers: the whole organisation counts
    make_idea(a.employee, stage=Stage.DECLINED)
    _realised(a, "Digital signering", datetime(2025, 3, 1))
    make_idea(world.b.employee, stage=Stage.DECLINED)  # another organisation's
    html = _page(login(a.employee))
    counts = _counts(html)
    assert list(counts) == [  # every stage: the board's, then the closed outcomes
        "Submitted", "Screening", "Prioritised", "Pilot", "Rollout", "Benefit follow-up",
        "Realised", "Declined", "Parked", "Stopped after pilot", "Withdrawn",
    ]  # fmt: skip
    assert counts["Submitted"] == 2
    assert counts["Declined"] == 1
    assert counts["Realised"] == 1
    assert sum(counts.values()) == 4
    assert '<td class="num">4</td></tr></tfoot>' in html
    assert "counts once, in the stage it is in now" in html


def test_another_organisations_ideas_never_appear(world, login, client):
    _realised(world.b, "Munkedals hemliga idé", datetime(2025, 3, 1))
    make_idea(world.b.employee, title="Munkedals andra idé")
    html = _page(login(world.a.leader))
    assert "Munkedal" not in html
    assert set(_counts(html).values()) == {0}
    assert "No idea has been realised yet." in html


def test_realised_ideas_are_listed_newest_first_with_their_benefits(world, login, client):
    a = world.a
    _realised(a, "Mitten", datetime(2025, 2, 1), summary="Ledtiden **halverades**.")
    quality = dict(
        title="Nöjdare brukare", type=BenefitType.QUALITY, measure="NKI",
        direction=Direction.HIGHER, baseline_value=60, target_value=75, sek_per_unit=None,
    )  # fmt: skip
    gone = dict(title="Färre samtal", lifecycle=Lifecycle.EVAPORATED)
    _realised(a, "Nyast", datetime(2025, 6, 1), benefits=({}, quality, gone))
    _realised(a, "Äldst", datetime(2024, 11, 5), benefits=())
    make_idea(a.employee, title="Inte klar", stage=Stage.FOLLOW_UP)
    html = _page(login(a.employee))
    assert _titles(html) == ["Nyast", "Mitten", "Äldst"]
    newest = html[html.index(">Nyast<") : html.index(">Mitten<")]
    assert "Hemtjänsten" in newest and "Jun 1, 2025" in newest
    # 40 -> 20 days (lower is better), 1 000 kr a day: a change of 20 days, 20 000 kr a year
    assert re.search(r"Kortare handläggningstid för bygglov</th>\s*<td[^>]*>20 dagar</td>", newest)
    assert "20,000\u00a0kr" in newest
    assert re.search(r"Nöjdare brukare</th>\s*<td[^>]*>15 NKI</td>\s*<td[^>]*>–</td>", newest)
    assert re.search(r'Färre samtal <span class="badge">Evaporated</span></th>\s*<td', newest)
    assert "Ledtiden <strong>halverades</strong>." in html
    assert "No benefit was recorded for this idea." in html[html.index(">Äldst<") :]


def test_only_the_latest_ten_realised_ideas_are_listed(world, login, client):
    for day in range(1, 12):
        _realised(world.a, f"Idé {day}", datetime(2025, 1, day), benefits=())
    titles = _titles(_page(login(world.a.leader)))
    assert titles == [f"Idé {day}" for day in range(11, 1, -1)]


def test_a_confidential_idea_is_shown_only_to_those_who_may_read_it(world, login, client):
    a = world.a
    idea = _realised(a, "Digital signering", datetime(2025, 3, 1))
    link = f'<a href="/ideas/{idea.id}">Digital signering</a>'
    assert link in _page(login(a.school_manager))  # open: every member reads it
    idea.confidential = True
    db.session.commit()
    assert link in _page(login(a.leader))
    assert link in _page(login(a.employee))  # she submitted it
    assert link in _page(login(a.manager))  # her unit's
    assert "Digital signering" not in _page(login(a.school_manager))  # not even the title


def test_the_page_and_its_navigation_link_speak_swedish(world, login, client):
    client = login(world.a.employee)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "sv"
    html = _page(client)
    assert "<title>Vad hände med idéerna?" in html
    assert "<h1>Vad hände med idéerna?</h1>" in html
    assert 'href="/outcomes/" aria-current="page">Vad hände med idéerna?</a>' in html
    assert "Inskickad" in html


def test_the_number_of_queries_does_not_grow_with_the_ideas(world, login, client):
    a = world.a
    client = login(a.school_manager)  # reads through the per-request scope and participation

    def queries_for_page() -> int:
        with counted_statements() as seen:
            _page(client)
        return len(seen)

    _realised(a, "En", datetime(2025, 1, 1))
    one = queries_for_page()
    _realised(a, "Två", datetime(2025, 2, 1), benefits=({}, {"title": "Andra nyttan"}))
    _realised(a, "Tre", datetime(2025, 3, 1), summary="Klart.")
    assert queries_for_page() == one
