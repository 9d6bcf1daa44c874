"""The learnings page: every evaluation of the organisation, searchable and filterable."""

import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import event

from tests.pilot_factories import evaluate, plan_pilot, prioritised_idea
from tracker.extensions import db
from tracker.pilots.rules import Decision, Outcome


def _evaluated(
    org,
    decision=Decision.STOP,
    title="Digital signering av avtal",
    learnings="Brukarna behöver en kort introduktion.",
    changes="",
    hypothesis="Digital signering halverar handläggningstiden.",
    at=None,
    unit=None,
    outcome=Outcome.MET,
    **idea_fields,
):
    """An idea of the org piloted once and evaluated, optionally at a given (UTC) time."""
    idea = prioritised_idea(org, title=title, **idea_fields)
    plan_pilot(idea, org.manager, unit=unit, hypothesis=hypothesis)
    evaluation = evaluate(
        idea, org.manager, decision, learnings=learnings, changes=changes, outcome=outcome
    )
    if at is not None:
        evaluation.at = at
        db.session.commit()
    return evaluation


def _titles(html: str) -> list[str]:
    """The idea titles of the entries, in page order."""
    headings = re.findall(r'<h3 id="learning-\d+-heading">(.*?)</h3>', html, re.S)
    return [re.sub(r"<[^>]+>", "", h).strip() for h in headings]


def _page(client, **args):
    response = client.get("/learnings/", query_string=args)
    assert response.status_code == 200, response.text
    return response.text


# ---------------------------------------------------------------- the list


def test_learnings_are_listed_newest_evaluation_first(world, login, client):
    _evaluated(world.a, title="Mitten", at=datetime(2025, 1, 10, 12))
    _evaluated(world.a, title="Nyast", at=datetime(2025, 6, 1, 12))
    _evaluated(world.a, title="Äldst", at=datetime(2024, 3, 5, 12))
    assert _titles(_page(login(world.a.leader))) == ["Nyast", "Mitten", "Äldst"]


def test_scaled_up_pivoted_and_stopped_pilots_all_show_their_learnings(world, login, client):
    _evaluated(world.a, Decision.SCALE_UP, title="Skalas upp", learnings="Fungerar i stor skala.")
    _evaluated(
        world.a,
        Decision.PIVOT,
        title="Vänds",
        learnings="Målgruppen var fel.",
        changes="Vi prövar med **hemtjänsten** i stället.",
    )
    _evaluated(world.a, Decision.STOP, title="Stoppas", learnings="Tekniken var inte mogen.")
    html = _page(login(world.a.leader))
    assert sorted(_titles(html)) == ["Skalas upp", "Stoppas", "Vänds"]
    for text in ("Fungerar i stor skala.", "Målgruppen var fel.", "Tekniken var inte mogen."):
        assert text in html
    for badge in ("Scale up", "Pivot", "Stop"):
        assert f'">{badge}</span>' in html
    assert "What changes" in html
    assert "Vi prövar med <strong>hemtjänsten</strong> i stället." in html
    assert html.count("What changes") == 1  # only the pivot has changes


def test_an_entry_shows_the_pilot_its_unit_category_date_hypothesis_and_criteria(
    world, login, client
):
    _evaluated(
        world.a,
        Decision.STOP,
        hypothesis="Surfplattor minskar *dubbelregistreringen*.",
        unit=world.a.home_care,
        at=datetime(2025, 5, 14, 9),
        outcome=Outcome.PARTLY_MET,
        category_id=world.a.category.id,
    )
    html = _page(login(world.a.leader))
    assert "Pilot 1" in html
    assert "<dd>Hemtjänsten</dd>" in html
    assert "<dd>Digitalisering</dd>" in html
    assert "May 14, 2025" in html
    assert "Surfplattor minskar <em>dubbelregistreringen</em>." in html
    assert "Handläggningstid per ärende" in html and "under 10 minuter" in html
    assert html.count(">Partly met<") == 2
    assert "Mätt under fyra veckor." in html


def test_learnings_are_markdown_without_scripts(world, login, client):
    _evaluated(world.a, learnings="<script>alert(1)</script> Det gick **bra**.")
    html = _page(login(world.a.leader))
    assert "<strong>bra</strong>" in html
    assert "<script>alert" not in html


def test_with_no_evaluation_the_page_says_so(world, login, client):
    html = _page(login(world.a.leader))
    assert "No pilot has been evaluated yet." in html
    assert "<ol" not in html


def test_twenty_learnings_fit_on_a_page_and_the_rest_are_on_the_next(world, login, client):
    for i in range(21):
        _evaluated(world.a, title=f"Idé {i:02}", at=datetime(2025, 1, 1 + i, 12))
    client = login(world.a.leader)
    first = _page(client, q="Idé")
    assert len(_titles(first)) == 20
    assert _titles(first)[0] == "Idé 20"
    assert "Page 1 of 2" in first
    next_link = re.search(r'<a href="([^"]+)" rel="next">', first).group(1)
    assert parse_qs(urlsplit(next_link.replace("&amp;", "&")).query) == {
        "q": ["Idé"],
        "page": ["2"],
    }
    second = _page(client, q="Idé", page=2)
    assert _titles(second) == ["Idé 00"]
    assert 'rel="prev"' in second


def test_the_number_of_queries_does_not_grow_with_the_entries(world, login, client):
    client = login(world.a.leader)

    def queries_for_page() -> int:
        statements = []

        def count(*args):
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            _page(client)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    _evaluated(world.a, Decision.STOP, category_id=world.a.category.id)
    one = queries_for_page()
    _evaluated(world.a, Decision.PIVOT, unit=world.a.home_care, category_id=world.a.category.id)
    _evaluated(world.a, Decision.SCALE_UP, unit=world.a.school)
    assert queries_for_page() == one


# ---------------------------------------------------------------- search


def test_search_finds_a_learning_by_a_word_in_it_and_not_the_others(world, login, client):
    _evaluated(world.a, title="Surfplattor", learnings="Personalen behövde mer utbildning.")
    _evaluated(world.a, title="Larm", learnings="Larmen gick fel på natten.")
    assert _titles(_page(login(world.a.leader), q="UTBILDNING")) == ["Surfplattor"]


@pytest.mark.parametrize(
    "q", ["kvällspersonalen", "KVÄLLSPERSONALEN", "Kvällspersonalen", "ÄLDREBOENDET"]
)
def test_search_ignores_the_case_of_swedish_letters(world, login, client, q):
    _evaluated(world.a, title="Nattfrid", learnings="Äldreboendet och Kvällspersonalen var nöjda.")
    _evaluated(world.a, title="Annat", learnings="Inget om kvällar.")
    assert _titles(_page(login(world.a.leader), q=q)) == ["Nattfrid"]


@pytest.mark.parametrize(
    ("field", "q"),
    [
        ("title", "fakturor"),
        ("hypothesis", "halverar väntetiden"),
        ("changes", "ny leverantör"),
        ("learnings", "introduktion"),
    ],
)
def test_search_looks_in_the_title_hypothesis_changes_and_learnings(world, login, client, field, q):
    texts = {
        "title": "Automatiska fakturor",
        "hypothesis": "Roboten halverar väntetiden.",
        "changes": "Vi tar en ny leverantör.",
        "learnings": "Brukarna behöver en kort introduktion.",
    }
    _evaluated(world.a, Decision.PIVOT, **texts)
    _evaluated(
        world.a,
        Decision.PIVOT,
        title="Annat",
        hypothesis="Annat.",
        changes="Annat.",
        learnings="Annat.",
    )
    assert _titles(_page(login(world.a.leader), q=q.upper())) == ["Automatiska fakturor"], field


@pytest.mark.parametrize("q", ["%", "_", "*", "?", "[a]"])
def test_search_wildcards_are_taken_literally(world, login, client, q):
    _evaluated(world.a, title="Vanlig", learnings="Inga specialtecken här.")
    _evaluated(world.a, title="Special", learnings=f"Tecknet {q} finns här.")
    assert _titles(_page(login(world.a.leader), q=q)) == ["Special"]


def test_a_search_without_match_says_so(world, login, client):
    _evaluated(world.a)
    html = _page(login(world.a.leader), q="finns inte")
    assert "No learnings match." in html
    assert _titles(html) == []


# ---------------------------------------------------------------- filters


def test_the_decision_filter(world, login, client):
    _evaluated(world.a, Decision.SCALE_UP, title="Upp")
    _evaluated(world.a, Decision.PIVOT, title="Vänd")
    _evaluated(world.a, Decision.STOP, title="Stopp")
    client = login(world.a.leader)
    assert _titles(_page(client, decision="pivot")) == ["Vänd"]
    assert _titles(_page(client, decision="scale_up")) == ["Upp"]
    assert '<option value="stop" selected>' in _page(client, decision="stop")


def test_the_unit_filter_takes_the_pilot_unit_with_its_sub_units(world, login, client):
    _evaluated(world.a, title="I hemtjänsten", unit=world.a.home_care)
    _evaluated(world.a, title="I skolan", unit=world.a.school)
    client = login(world.a.leader)
    assert _titles(_page(client, unit=world.a.social.id)) == ["I hemtjänsten"]
    assert _titles(_page(client, unit=world.a.home_care.id)) == ["I hemtjänsten"]
    assert _titles(_page(client, unit=world.a.school.id)) == ["I skolan"]
    assert sorted(_titles(_page(client, unit=world.a.root.id))) == ["I hemtjänsten", "I skolan"]
    assert _titles(_page(client, unit=world.b.social.id)) == []


def test_the_category_filter(world, login, client):
    _evaluated(world.a, title="Digital", category_id=world.a.category.id)
    _evaluated(world.a, title="Okategoriserad")
    client = login(world.a.leader)
    html = _page(client, category=world.a.category.id)
    assert _titles(html) == ["Digital"]
    assert f'<option value="{world.a.category.id}" selected>Digitalisering</option>' in html
    assert _titles(_page(client, category=world.b.category.id)) == []


def test_the_year_filter_offers_the_years_with_evaluations(world, login, client):
    _evaluated(world.a, title="Förra året", at=datetime(2024, 6, 1, 12))
    _evaluated(world.a, title="I år", at=datetime(2025, 3, 1, 12))
    _evaluated(world.b, title="Annan kommun", at=datetime(2019, 3, 1, 12))
    client = login(world.a.leader)
    html = _page(client)
    assert re.findall(r'<option value="(\d{4})"', html) == ["2025", "2024"]
    assert _titles(_page(client, year=2024)) == ["Förra året"]
    assert _titles(_page(client, year=2025)) == ["I år"]
    # A year without evaluations is not offered, and asking for it filters nothing.
    assert len(_titles(_page(client, year=2019))) == 2


def test_the_year_is_the_year_in_swedish_time(world, login, client):
    """23:30 UTC on New Year's Eve is already the new year in Stockholm."""
    _evaluated(world.a, title="Nyårsnatt", at=datetime(2024, 12, 31, 23, 30))
    client = login(world.a.leader)
    assert re.findall(r'<option value="(\d{4})"', _page(client)) == ["2025"]
    assert _titles(_page(client, year=2025)) == ["Nyårsnatt"]


def test_filters_combine_with_search(world, login, client):
    _evaluated(world.a, Decision.STOP, title="Stopp", learnings="Vi lärde oss om journaler.")
    _evaluated(world.a, Decision.PIVOT, title="Vänd", learnings="Vi lärde oss om journaler.")
    html = _page(login(world.a.leader), q="journaler", decision="stop")
    assert _titles(html) == ["Stopp"]
    assert 'value="journaler"' in html


# ---------------------------------------------------------------- who sees what


def test_another_organisations_learnings_never_appear(world, login, client):
    _evaluated(world.a, title="Sotenäs lärdom")
    _evaluated(world.b, title="Munkedals lärdom", learnings="Hemlig lärdom.")
    client = login(world.a.admin)
    assert _titles(_page(client)) == ["Sotenäs lärdom"]
    assert _titles(_page(client, q="Hemlig")) == []
    assert "Munkedals lärdom" not in _page(client, unit=world.b.social.id)


def test_an_employee_reads_the_learnings_of_every_idea_but_confidential_ones(world, login, client):
    own = _evaluated(world.a, title="Min egen idé", at=datetime(2025, 2, 1))
    other = _evaluated(
        world.a, title="Ledningens idé", submitter_id=world.a.leader.id, at=datetime(2025, 1, 1)
    )
    secret = _evaluated(
        world.a,
        title="Hemlig idé",
        learnings="Brukaren Gun vill inte.",
        submitter_id=world.a.leader.id,
        confidential=True,
        at=datetime(2024, 12, 1),
    )
    html = _page(login(world.a.employee))
    assert _titles(html) == ["Min egen idé", "Ledningens idé"]
    assert f'<a href="/ideas/{own.pilot.idea_id}">Min egen idé</a>' in html
    assert f'<a href="/ideas/{other.pilot.idea_id}">Ledningens idé</a>' in html
    assert "Hemlig idé" not in html and "Brukaren Gun" not in html
    assert 'value="2024"' not in html  # nor the year of its evaluation, as a filter
    assert client.get(f"/ideas/{secret.pilot.idea_id}").status_code == 403
    assert "Hemlig idé" in _titles(_page(login(world.a.leader)))


def test_a_leader_gets_a_link_to_every_idea(world, login, client):
    evaluation = _evaluated(world.a, title="Ledningens idé", submitter_id=world.a.admin.id)
    html = _page(login(world.a.leader))
    assert f'<a href="/ideas/{evaluation.pilot.idea_id}">Ledningens idé</a>' in html


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/learnings/?q=x")
    assert response.status_code == 302
    parts = urlsplit(response.headers["Location"])
    assert parts.path == "/login"
    assert parse_qs(parts.query)["next"] == ["/learnings/?q=x"]


def test_an_anonymous_htmx_request_is_sent_to_the_login_page(client):
    response = client.get(
        "/learnings/?q=x",
        headers={"HX-Request": "true", "HX-Current-URL": "http://localhost/learnings/?q=x"},
    )
    assert response.status_code == 204
    assert urlsplit(response.headers["HX-Redirect"]).path == "/login"


# ---------------------------------------------------------------- HTMX and bad input


def test_an_htmx_request_gets_only_the_results_fragment(world, login, client):
    _evaluated(world.a, title="Matsvinn", learnings="Köket slängde mindre.")
    response = login(world.a.leader).get("/learnings/?q=slängde", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="learnings"')
    assert "<html" not in response.text and "<h1" not in response.text
    assert "Matsvinn" in response.text
    assert "HX-Request" in response.headers["Vary"]


def test_a_plain_request_gets_the_whole_page_with_the_same_fragment(world, login, client):
    _evaluated(world.a, title="Matsvinn")
    response = login(world.a.leader).get("/learnings/")
    assert "<html" in response.text
    assert response.text.count("<h1>Learnings</h1>") == 1
    assert '<section id="learnings"' in response.text
    assert 'hx-target="#learnings"' in response.text
    assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize(
    "headers",
    [{"HX-Boosted": "true"}, {"HX-History-Restore-Request": "true"}],
    ids=["boosted", "history-restore"],
)
def test_a_boosted_or_history_request_gets_the_whole_page(world, login, client, headers):
    response = login(world.a.leader).get("/learnings/", headers={"HX-Request": "true", **headers})
    assert "<html" in response.text


@pytest.mark.parametrize(
    "query",
    [
        "unit=abc",
        "unit=-1",
        "unit=²",
        "unit=99999999999999999999",
        "category=x",
        "category=0",
        "year=abc",
        "year=0",
        "year=99999",
        "year=²",
        "page=abc",
        "page=0",
        "page=999",
        "q=" + "x" * 5000,
        "q=%00",
    ],
)
def test_bad_filter_values_are_ignored(world, login, client, query):
    _evaluated(world.a, title="Kvar")
    response = login(world.a.leader).get("/learnings/?" + query)
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "htmx"])
def test_an_unknown_decision_is_a_bad_request_not_an_error(world, login, client, headers):
    response = login(world.a.leader).get("/learnings/?decision=bogus", headers=headers)
    assert response.status_code == 400
