"""The idea pages: the start page, submitting and reading ideas.

Every refused write is checked against the database: nothing of it is saved.
"""

import re

import pytest
from sqlalchemy import select

from tests.factories import db_state, make_idea, make_user
from tests.ideas.helpers import (
    NOT_A_CHOICE,
    REQUIRED,
    _flash,
    _history,
    _idea_data,
    _in_screening,
    _submitted,
    _url,
)
from tracker.extensions import db
from tracker.ideas.models import TEXT_MAX, TITLE_MAX, Idea
from tracker.ideas.stages import Stage

# ---------------------------------------------------------------- the start page


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader", "admin"])
def test_every_role_gets_a_start_page_with_their_latest_ideas(world, login, client, role):
    user = getattr(world.a, role)
    make_idea(user, world.a.home_care, title="Min egen idé")
    db.session.commit()
    page = login(user).get("/")
    assert page.status_code == 200
    assert f"Welcome, {user.name}" in page.text
    assert "Min egen idé" in page.text


def test_a_manager_sees_the_new_ideas_of_their_units_waiting_for_them(world, login, client):
    _submitted(world.a, title="Ny idé i hemtjänsten")
    make_idea(world.a.employee, world.a.school, title="Ny idé i skolan")
    db.session.commit()
    page = login(world.a.manager).get("/")
    waiting = page.text.split('id="waiting-heading"')[1].split("</section>")[0]
    assert "Ny idé i hemtjänsten" in waiting
    assert "Ny idé i skolan" not in waiting


def test_an_employee_sees_no_stage_counts_and_no_waiting_list(world, login, client):
    page = login(world.a.employee).get("/")
    assert "Ideas per stage" not in page.text
    assert "A new idea to take" not in page.text


def test_a_leader_sees_how_many_ideas_stand_in_each_stage(world, login, client):
    _submitted(world.a)
    _in_screening(world.a)
    _in_screening(world.a)
    page = login(world.a.leader).get("/")
    counts = dict(re.findall(r'stage=(\w+)">[^<]+</a></th><td class="num">(\d+)</td>', page.text))
    assert counts["submitted"] == "1"
    assert counts["screening"] == "2"
    assert counts["pilot"] == "0"


# ---------------------------------------------------------------- submit


@pytest.mark.parametrize(
    ("role", "unit"), [("employee", "home_care"), ("manager", "social"), ("leader", "root")]
)
def test_the_new_idea_form_preselects_the_unit_of_the_user(world, login, client, role, unit):
    page = login(getattr(world.a, role)).get("/ideas/new")
    assert page.status_code == 200
    unit_select = re.search(r'<select[^>]*name="unit_id".*?</select>', page.text, re.S).group(0)
    selected = re.findall(r'<option selected value="(\d+)"', unit_select)
    assert selected == [str(getattr(world.a, unit).id)]


def test_the_new_idea_form_offers_only_the_units_and_categories_of_the_organisation(
    world, login, client
):
    page = login(world.a.employee).get("/ideas/new")
    units = re.search(r'<select[^>]*name="unit_id".*?</select>', page.text, re.S).group(0)
    categories = re.search(r'<select[^>]*name="category_id".*?</select>', page.text, re.S).group(0)
    assert set(map(int, re.findall(r'value="(\d+)"', units))) == {
        world.a.root.id,
        world.a.social.id,
        world.a.home_care.id,
        world.a.school.id,
    }
    assert re.findall(r'value="(\d*)"', categories) == ["", str(world.a.category.id)]


def test_an_employee_submits_an_idea(world, login, client):
    response = login(world.a.employee).post("/ideas/new", data=_idea_data(world.a))
    assert response.status_code == 302
    idea = db.session.scalars(select(Idea)).one()
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert (idea.title, idea.stage, idea.unit_id) == (
        "Matsvinn i skolköket",
        Stage.SUBMITTED,
        world.a.home_care.id,
    )
    assert (idea.organisation_id, idea.submitter_id, idea.owner_id) == (
        world.a.org.id,
        world.a.employee.id,
        None,
    )
    assert idea.category_id == world.a.category.id
    assert _history(idea) == [(None, Stage.SUBMITTED, world.a.employee.id, "")]
    page = client.get(response.headers["Location"])
    assert "Thank you! Your idea is submitted." in _flash(page)
    assert "Matsvinn i skolköket" in page.text


def test_a_submitted_idea_has_its_text_trimmed(world, login, client):
    data = _idea_data(world.a, title="  Matsvinn  ", need="\n Mat \n", category_id="")
    login(world.a.employee).post("/ideas/new", data=data)
    idea = db.session.scalars(select(Idea)).one()
    assert (idea.title, idea.need, idea.category_id) == ("Matsvinn", "Mat", None)


BAD_IDEAS = {
    "empty title": ({"title": ""}, "title", REQUIRED),
    "blank title": ({"title": "   "}, "title", REQUIRED),
    "long title": ({"title": "x" * (TITLE_MAX + 1)}, "title", f"longer than {TITLE_MAX}"),
    "empty need": ({"need": ""}, "need", REQUIRED),
    "blank need": ({"need": " \r\n "}, "need", REQUIRED),
    "long need": ({"need": "x" * (TEXT_MAX + 1)}, "need", f"longer than {TEXT_MAX}"),
    "empty proposal": ({"proposal": ""}, "proposal", REQUIRED),
    "long proposal": ({"proposal": "x" * (TEXT_MAX + 1)}, "proposal", f"longer than {TEXT_MAX}"),
    "long benefit": (
        {"expected_benefit": "x" * (TEXT_MAX + 1)},
        "expected_benefit",
        f"longer than {TEXT_MAX}",
    ),
    "unit not a number": ({"unit_id": "abc"}, "unit_id", NOT_A_CHOICE),
    "no unit": ({"unit_id": ""}, "unit_id", REQUIRED),
    "unknown source": ({"source": "rumour"}, "source", NOT_A_CHOICE),
    "category not a number": ({"category_id": "abc"}, "category_id", NOT_A_CHOICE),
}


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_IDEAS.values(), ids=BAD_IDEAS)
def test_a_bad_new_idea_is_refused_on_its_field_and_nothing_is_saved(
    world, login, client, overrides, field, message
):
    before = db_state()
    response = login(world.a.employee).post("/ideas/new", data=_idea_data(world.a, **overrides))
    assert response.status_code == 422
    error = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', response.text, re.S)
    assert error and message in error.group(1)
    assert "Please correct the fields marked below." in response.text
    assert db_state() == before


def test_a_unit_of_another_organisation_is_refused(world, login, client):
    data = _idea_data(world.a, unit_id=world.b.home_care.id)
    before = db_state()
    response = login(world.a.employee).post("/ideas/new", data=data)
    assert response.status_code == 422
    assert NOT_A_CHOICE in response.text
    assert db_state() == before


def test_a_category_of_another_organisation_is_refused(world, login, client):
    data = _idea_data(world.a, category_id=world.b.category.id)
    before = db_state()
    response = login(world.a.employee).post("/ideas/new", data=data)
    assert response.status_code == 422
    assert NOT_A_CHOICE in response.text
    assert db_state() == before


@pytest.mark.parametrize("version", ["x", "", None], ids=["not-a-number", "empty", "missing"])
def test_a_new_idea_without_a_valid_version_is_refused_with_a_message(
    world, login, client, version
):
    data = _idea_data(world.a, version=version)
    if version is None:
        del data["version"]
    before = db_state()
    response = login(world.a.employee).post("/ideas/new", data=data)
    assert response.status_code == 422
    assert "Reload the page and try again." in response.text
    assert db_state() == before


# ---------------------------------------------------------------- read


def test_an_employee_sees_their_own_ideas_under_my_ideas(world, login, client):
    colleague = make_user(world.a.org, world.a.home_care, email="kollega@a.example.org")
    _submitted(world.a, title="Min idé")
    make_idea(colleague, title="Kollegans idé")
    db.session.commit()
    page = login(world.a.employee).get("/ideas/?mine=1")
    assert page.status_code == 200
    assert "<h1>My ideas</h1>" in page.text
    assert "Min idé" in page.text
    assert "Kollegans idé" not in page.text
    assert "1 idea" in page.text


def test_an_employee_reads_a_colleagues_open_idea_of_another_unit(world, login, client):
    colleague = make_user(world.a.org, world.a.school, email="larare@a.example.org")
    idea = make_idea(colleague, title="Kollegans idé")
    db.session.commit()
    client = login(world.a.employee)
    assert client.get(_url(idea)).status_code == 200
    assert "Kollegans idé" in client.get("/ideas/").text


def test_an_employee_cannot_read_a_colleagues_confidential_idea(world, login, client):
    colleague = make_user(world.a.org, world.a.home_care, email="kollega@a.example.org")
    idea = make_idea(colleague, title="Kollegans idé", confidential=True)
    db.session.commit()
    client = login(world.a.employee)
    assert client.get(_url(idea)).status_code == 403
    assert "Kollegans idé" not in client.get("/ideas/").text


def test_a_leader_reads_every_idea_of_the_organisation(world, login, client):
    social = _submitted(world.a, title="Idé i hemtjänsten")
    school = make_idea(world.a.school_manager, world.a.school, title="Idé i skolan")
    make_idea(world.b.employee, title="Idé i Munkedal")
    db.session.commit()
    client = login(world.a.leader)
    listing = client.get("/ideas/")
    assert "Idé i hemtjänsten" in listing.text
    assert "Idé i skolan" in listing.text
    assert "Idé i Munkedal" not in listing.text
    for idea in (social, school):
        page = client.get(_url(idea))
        assert page.status_code == 200
        assert idea.title in page.text
        assert "I am responsible" not in page.text
        assert "What you can do" not in page.text


def test_a_manager_lists_the_confidential_ideas_of_their_units_and_sub_units_only(
    world, login, client
):
    _submitted(world.a, title="Idé i hemtjänsten", confidential=True)
    make_idea(world.a.leader, world.a.social, title="Idé i socialförvaltningen", confidential=True)
    make_idea(world.a.school_manager, world.a.school, title="Idé i skolan", confidential=True)
    make_idea(world.a.school_manager, world.a.school, title="Öppen idé i skolan")
    db.session.commit()
    listing = login(world.a.manager).get("/ideas/")
    assert "Idé i hemtjänsten" in listing.text
    assert "Idé i socialförvaltningen" in listing.text
    assert "Idé i skolan" not in listing.text
    assert "Öppen idé i skolan" in listing.text


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader", "admin"])
def test_the_idea_list_never_shows_another_organisations_ideas(world, login, client, role):
    make_idea(world.a.employee, title="Sotenäs idé")
    make_idea(world.b.employee, world.b.home_care, title="Munkedals idé")
    db.session.commit()
    client = login(getattr(world.a, role))
    for query in ("", "?q=Munkedals", f"?unit={world.b.home_care.id}", "?stage=submitted"):
        listing = client.get("/ideas/" + query)
        assert listing.status_code == 200
        assert "Munkedals idé" not in listing.text
    if role != "school_manager":  # the list works: the organisation's own idea is there
        assert "Sotenäs idé" in client.get("/ideas/").text


def test_the_idea_list_filters_by_stage_unit_and_text(world, login, client):
    _submitted(world.a, title="Papperslösa avtal")
    _in_screening(world.a, title="Matsvinn i köket")
    make_idea(world.a.school_manager, world.a.school, title="Digitala prov")
    db.session.commit()
    client = login(world.a.leader)

    def titles(query):
        return set(re.findall(r'<td><a href="/ideas/\d+">(.*?)</a></td>', client.get(query).text))

    assert titles("/ideas/?stage=screening") == {"Matsvinn i köket"}
    assert titles(f"/ideas/?unit={world.a.social.id}") == {"Papperslösa avtal", "Matsvinn i köket"}
    assert titles(f"/ideas/?unit={world.a.school.id}") == {"Digitala prov"}
    assert titles("/ideas/?q=svinn") == {"Matsvinn i köket"}
    assert titles("/ideas/?q=%25") == set()  # a % is a percent sign, not a wildcard
    assert titles("/ideas/?q=_") == set()


def test_a_search_for_a_backslash_finds_it_literally(world, login, client):
    _submitted(world.a, title=r"Rensa C:\temp varje natt")
    _submitted(world.a, title="Rensa C:%temp varje natt")
    listing = login(world.a.leader).get("/ideas/", query_string={"q": "C:\\"})
    assert "Rensa C:\\temp" in listing.text
    assert "Rensa C:%temp" not in listing.text


def test_an_unknown_stage_in_the_list_filter_is_a_bad_request_with_a_message(world, login, client):
    response = login(world.a.leader).get("/ideas/?stage=bogus")
    assert response.status_code == 400
    assert "Unknown stage: bogus" in response.text


def test_an_unknown_stage_is_shown_escaped(world, login, client):
    response = login(world.a.leader).get("/ideas/", query_string={"stage": "<b>x</b>"})
    assert response.status_code == 400
    assert "<b>x</b>" not in response.text
    assert "Unknown stage: &lt;b&gt;x&lt;/b&gt;" in response.text


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "99999999999999999999999"])
def test_any_page_number_gives_a_page(world, login, client, page):
    _submitted(world.a)
    response = login(world.a.leader).get(f"/ideas/?page={page}")
    assert response.status_code == 200


def test_idea_text_is_sanitised_markdown(world, login, client):
    need = (
        "<script>alert('need')</script>\n\n"
        "[Klicka här](javascript:alert(1)) och **fetstil**\n\n"
        '<img src="x" onerror="alert(2)">'
    )
    idea = _submitted(world.a, need=need, title="<b>Rubrik</b>")
    page = login(world.a.employee).get(_url(idea))
    assert page.status_code == 200
    assert "alert(" not in page.text
    assert "javascript:" not in page.text
    assert "onerror" not in page.text
    assert "<strong>fetstil</strong>" in page.text
    assert "Klicka här" in page.text
    assert "<b>Rubrik</b>" not in page.text
    assert "&lt;b&gt;Rubrik&lt;/b&gt;" in page.text


@pytest.mark.parametrize("query", ["?unit=²", "?page=²", "?q=%00", "?q=a%00b"])
def test_odd_characters_in_the_idea_list_filters_are_ignored(world, login, client, query):
    response = login(world.a.leader).get("/ideas/" + query)
    assert response.status_code == 200


def test_choices_of_a_form_made_at_import_speak_the_language_of_the_request(world, login, client):
    client = login(world.a.employee)
    swedish = client.get("/ideas/new", headers={"Accept-Language": "sv"}).text
    english = client.get("/ideas/new", headers={"Accept-Language": "en"}).text
    assert "Medborgardialog" in swedish and "Citizen dialogue" not in swedish
    assert "Citizen dialogue" in english
