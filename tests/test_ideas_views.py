"""The idea pages for every role: submit, read, edit, withdraw, take, assess and move.

Every refused write is checked against the database: nothing of it is saved.
"""

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from tests.factories import assess, db_state, make_idea, make_user, reload, version_of
from tracker.extensions import db
from tracker.ideas import services
from tracker.ideas.models import TEXT_MAX, TITLE_MAX, Idea, StageChange
from tracker.ideas.stages import Stage

STALE = "Someone else changed this idea while you were working on it"
REQUIRED = "This field is required."
NOT_A_CHOICE = "Not a valid choice."


@pytest.fixture
def client(client):
    """Pages in English, so that the messages read as written (WTForms ships Swedish ones)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _idea_data(org, **overrides) -> dict:
    data = {
        "title": "Matsvinn i skolköket",
        "need": "Vi slänger mycket mat varje dag.",
        "proposal": "Väg svinnet dagligen och visa det.",
        "expected_benefit": "Mindre svinn.",
        "category_id": org.category.id,
        "unit_id": org.home_care.id,
        "source": "employee",
        "version": 0,
    }
    data.update(overrides)
    return data


def _submitted(org, **kw) -> Idea:
    idea = make_idea(org.employee, org.home_care, **kw)
    db.session.commit()
    return idea


def _in_screening(org, **kw) -> Idea:
    idea = make_idea(org.employee, org.home_care, Stage.SCREENING, owner_id=org.manager.id, **kw)
    db.session.commit()
    return idea


def _assessed(org, value: int = 3) -> Idea:
    idea = make_idea(org.employee, org.home_care, Stage.SCREENING, owner_id=org.manager.id)
    assess(idea, org.manager, value)
    db.session.commit()
    return idea


def _url(idea: Idea, action: str = "") -> str:
    return f"/ideas/{idea.id}" + (f"/{action}" if action else "")


def _flash(response) -> str:
    return " ".join(re.findall(r'<p class="message[^"]*">(.*?)</p>', response.text, re.S))


def _history(idea: Idea) -> list[tuple]:
    db.session.expire_all()
    rows = db.session.scalars(
        select(StageChange).where(StageChange.idea_id == idea.id).order_by(StageChange.id)
    )
    return [(r.from_stage, r.to_stage, r.actor_id, r.reason) for r in rows]


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
    waiting = page.text.split('id="awaiting-heading"')[1].split("</section>")[0]
    assert "Ny idé i hemtjänsten" in waiting
    assert "Ny idé i skolan" not in waiting


def test_an_employee_sees_no_stage_counts_and_no_waiting_list(world, login, client):
    page = login(world.a.employee).get("/")
    assert "Ideas per stage" not in page.text
    assert "Waiting for a responsible manager" not in page.text


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
    "unit not a number": ({"unit_id": "abc"}, "unit_id", "could not coerce"),
    "no unit": ({"unit_id": ""}, "unit_id", REQUIRED),
    "unknown source": ({"source": "rumour"}, "source", NOT_A_CHOICE),
    "category not a number": ({"category_id": "abc"}, "category_id", "could not coerce"),
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


def test_an_employee_cannot_read_a_colleagues_idea(world, login, client):
    colleague = make_user(world.a.org, world.a.home_care, email="kollega@a.example.org")
    idea = make_idea(colleague, title="Kollegans idé")
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


def test_a_manager_lists_the_ideas_of_their_units_and_sub_units_only(world, login, client):
    _submitted(world.a, title="Idé i hemtjänsten")
    make_idea(world.a.leader, world.a.social, title="Idé i socialförvaltningen")
    make_idea(world.a.school_manager, world.a.school, title="Idé i skolan")
    db.session.commit()
    listing = login(world.a.manager).get("/ideas/")
    assert "Idé i hemtjänsten" in listing.text
    assert "Idé i socialförvaltningen" in listing.text
    assert "Idé i skolan" not in listing.text


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


# ---------------------------------------------------------------- edit and withdraw


def test_the_submitter_edits_a_submitted_idea(world, login, client):
    idea = _submitted(world.a)
    client = login(world.a.employee)
    form = client.get(_url(idea, "edit"))
    assert form.status_code == 200
    assert "Digital signering av avtal" in form.text
    assert f'name="version" type="hidden" value="{version_of(idea)}"' in form.text
    data = _idea_data(world.a, title="E-signering", version=version_of(idea))
    response = client.post(_url(idea, "edit"), data=data)
    assert response.status_code == 302
    assert reload(idea).title == "E-signering"
    assert "Your changes are saved." in _flash(client.get(_url(idea)))


def test_the_second_of_two_concurrent_edits_is_refused_and_nothing_of_it_is_saved(
    world, login, client, app
):
    idea = _submitted(world.a)
    seen = version_of(idea)
    first = login(world.a.employee)
    second = app.test_client()
    second.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    with second.session_transaction() as session:
        session["_user_id"] = world.a.employee.get_id()
    saved = first.post(_url(idea, "edit"), data=_idea_data(world.a, title="Första", version=seen))
    assert saved.status_code == 302
    after_first = db_state()
    response = second.post(
        _url(idea, "edit"), data=_idea_data(world.a, title="Andra", need="Annat", version=seen)
    )
    assert response.status_code == 409
    assert STALE in response.text
    assert "Andra" in response.text  # the user's text is kept in the form
    assert f'name="version" type="hidden" value="{version_of(idea)}"' in response.text
    assert db_state() == after_first
    assert reload(idea).title == "Första"


def test_an_idea_cannot_be_edited_once_a_manager_has_taken_it(world, login, client):
    idea = _in_screening(world.a)
    before = db_state()
    client = login(world.a.employee)
    assert client.get(_url(idea, "edit")).status_code == 403
    data = _idea_data(world.a, title="Ändrad", version=version_of(idea))
    assert client.post(_url(idea, "edit"), data=data).status_code == 403
    assert "Edit the idea" not in client.get(_url(idea)).text
    assert db_state() == before


@pytest.mark.parametrize("role", ["manager", "leader", "admin"])
def test_only_the_submitter_edits(world, login, client, role):
    idea = _submitted(world.a)
    before = db_state()
    client = login(getattr(world.a, role))
    data = _idea_data(world.a, title="Ändrad", version=version_of(idea))
    assert client.get(_url(idea, "edit")).status_code == 403
    assert client.post(_url(idea, "edit"), data=data).status_code == 403
    assert db_state() == before


def test_an_edit_to_a_unit_of_another_organisation_is_refused(world, login, client):
    idea = _submitted(world.a)
    before = db_state()
    data = _idea_data(world.a, unit_id=world.b.social.id, version=version_of(idea))
    response = login(world.a.employee).post(_url(idea, "edit"), data=data)
    assert response.status_code == 422
    assert NOT_A_CHOICE in response.text
    assert db_state() == before


def test_the_submitter_withdraws_a_submitted_idea(world, login, client):
    idea = _submitted(world.a)
    client = login(world.a.employee)
    response = client.post(_url(idea, "withdraw"), data={"version": version_of(idea)})
    assert response.status_code == 302
    assert reload(idea).stage is Stage.WITHDRAWN
    assert _history(idea)[-1] == (Stage.SUBMITTED, Stage.WITHDRAWN, world.a.employee.id, "")
    page = client.get(_url(idea))
    assert "Your idea is withdrawn." in _flash(page)
    assert "Withdraw the idea" not in page.text


def test_a_stale_withdrawal_is_refused_with_a_message_and_nothing_is_saved(world, login, client):
    idea = _submitted(world.a)
    before = db_state()
    client = login(world.a.employee)
    response = client.post(_url(idea, "withdraw"), data={"version": version_of(idea) - 1})
    assert STALE in _flash(client.get(response.headers["Location"]))
    assert db_state() == before


@pytest.mark.parametrize("role", ["manager", "leader", "admin"])
def test_only_the_submitter_withdraws(world, login, client, role):
    idea = _submitted(world.a)
    before = db_state()
    response = login(getattr(world.a, role)).post(
        _url(idea, "withdraw"), data={"version": version_of(idea)}
    )
    assert response.status_code == 403
    assert db_state() == before


def test_an_idea_in_screening_cannot_be_withdrawn(world, login, client):
    idea = _in_screening(world.a)
    before = db_state()
    response = login(world.a.employee).post(
        _url(idea, "withdraw"), data={"version": version_of(idea)}
    )
    assert response.status_code == 403
    assert db_state() == before


# ---------------------------------------------------------------- take


def test_a_manager_takes_an_idea_and_it_moves_to_screening(world, login, client):
    idea = _submitted(world.a)
    client = login(world.a.manager)
    page = client.get(_url(idea))
    assert "I am responsible" in page.text
    response = client.post(_url(idea, "take"), data={"version": version_of(idea)})
    assert response.status_code == 302
    idea = reload(idea)
    assert (idea.owner_id, idea.stage) == (world.a.manager.id, Stage.SCREENING)
    assert _history(idea)[-1] == (Stage.SUBMITTED, Stage.SCREENING, world.a.manager.id, "")
    page = client.get(_url(idea))
    assert "You are now responsible for the idea. It is in screening." in _flash(page)
    assert "<dt>Responsible</dt><dd>Maja Berg</dd>" in page.text
    assert "I am responsible" not in page.text


def test_an_admin_takes_an_idea_of_any_unit(world, login, client):
    idea = make_idea(world.a.employee, world.a.school)
    db.session.commit()
    response = login(world.a.admin).post(_url(idea, "take"), data={"version": version_of(idea)})
    assert response.status_code == 302
    assert reload(idea).owner_id == world.a.admin.id


def test_a_stale_take_is_refused_with_a_message_and_nothing_is_saved(world, login, client):
    idea = _submitted(world.a)
    seen = version_of(idea)
    edited = login(world.a.employee).post(
        _url(idea, "edit"), data=_idea_data(world.a, title="Ändrad", version=seen)
    )
    assert edited.status_code == 302
    before = db_state()
    client = login(world.a.manager)
    response = client.post(_url(idea, "take"), data={"version": seen})
    assert STALE in _flash(client.get(response.headers["Location"]))
    assert db_state() == before


def test_an_idea_already_in_screening_cannot_be_taken_again(world, login, client):
    idea = _in_screening(world.a)
    before = db_state()
    client = login(world.a.manager)
    response = client.post(_url(idea, "take"), data={"version": version_of(idea)})
    assert "An idea cannot move from Screening to Screening." in _flash(
        client.get(response.headers["Location"])
    )
    assert db_state() == before


@pytest.mark.parametrize("version", ["x", ""], ids=["not-a-number", "empty"])
def test_a_take_without_a_valid_version_is_a_bad_request(world, login, client, version):
    idea = _submitted(world.a)
    before = db_state()
    response = login(world.a.manager).post(_url(idea, "take"), data={"version": version})
    assert response.status_code == 400
    assert db_state() == before


# ---------------------------------------------------------------- assess


def test_a_manager_assesses_an_idea_and_its_priority_is_computed_and_shown(world, login, client):
    idea = _in_screening(world.a)
    benefit, feasibility, effort = world.a.criteria  # weights 2, 1, 1 (effort inverted)
    client = login(world.a.manager)
    form = client.get(_url(idea, "assess"))
    assert form.status_code == 200
    for criterion in world.a.criteria:
        assert criterion.name in form.text
    data = {
        f"score_{benefit.id}": 5,
        f"score_{feasibility.id}": 2,
        f"score_{effort.id}": 4,
        "strategic_goal_id": world.a.goal.id,
        "rationale": "Stor nytta, liten insats.",
        "version": version_of(idea),
    }
    response = client.post(_url(idea, "assess"), data=data)
    assert response.status_code == 302
    idea = reload(idea)
    # (2 * 4/4 + 1 * 1/4 + 1 * (1 - 3/4)) / 4 = 62.5 %
    assert idea.priority_score == 62.5
    assert idea.strategic_goal_id == world.a.goal.id
    assert {s.criterion_id: s.value for s in idea.assessment.scores} == {
        benefit.id: 5,
        feasibility.id: 2,
        effort.id: 4,
    }
    assert idea.assessment.assessor_id == world.a.manager.id
    page = client.get(_url(idea))
    assert "The assessment is saved." in _flash(page)
    assert "<dt>Priority score</dt><dd>62.5</dd>" in page.text
    assert "Stor nytta, liten insats." in page.text


def test_the_priority_is_written_the_swedish_way_in_swedish(world, login, client):
    idea = _assessed(world.a, value=4)  # 75 % on every criterion but the inverted one
    client = login(world.a.leader)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "sv"
    page = client.get(_url(idea))
    assert reload(idea).priority_score == 62.5
    assert re.search(r"<dd>62,5</dd>", page.text)


def test_reassessing_changes_the_scores_and_the_priority(world, login, client):
    idea = _assessed(world.a, value=3)
    data = {f"score_{c.id}": 5 for c in world.a.criteria}
    data.update(strategic_goal_id=world.a.goal.id, rationale="Ny bedömning")
    data["version"] = version_of(idea)
    client = login(world.a.manager)
    form = client.get(_url(idea, "assess"))
    assert "Bra idé." in form.text  # the current assessment is prefilled
    assert client.post(_url(idea, "assess"), data=data).status_code == 302
    idea = reload(idea)
    assert [s.value for s in idea.assessment.scores] == [5, 5, 5]
    assert idea.priority_score == 75.0  # (2 + 1 + 0) / 4
    assert idea.assessment.rationale == "Ny bedömning"


def _assessment_data(org, idea, **overrides) -> dict:
    data = {f"score_{c.id}": 3 for c in org.criteria}
    data.update(strategic_goal_id=org.goal.id, rationale="Bra", version=version_of(idea))
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


BAD_ASSESSMENTS = {
    "no rationale": (lambda o: {"rationale": ""}, REQUIRED),
    "blank rationale": (lambda o: {"rationale": "   "}, REQUIRED),
    "long rationale": (lambda o: {"rationale": "x" * 2001}, "longer than 2000"),
    "no goal": (lambda o: {"strategic_goal_id": ""}, REQUIRED),
    "goal of another organisation": (
        lambda o: {"strategic_goal_id": o.b.goal.id},
        NOT_A_CHOICE,
    ),
    "goal not a number": (lambda o: {"strategic_goal_id": "abc"}, "could not coerce"),
    "a score missing": (lambda o: {f"score_{o.a.criteria[0].id}": None}, "Choose a score."),
    "a score of six": (lambda o: {f"score_{o.a.criteria[0].id}": 6}, NOT_A_CHOICE),
    "a score of zero": (lambda o: {f"score_{o.a.criteria[0].id}": 0}, NOT_A_CHOICE),
    "a score not a number": (
        lambda o: {f"score_{o.a.criteria[0].id}": "hög"},
        "could not coerce",
    ),
    "version not a number": (lambda o: {"version": "x"}, "Reload the page and try again."),
}


@pytest.mark.parametrize(("overrides", "message"), BAD_ASSESSMENTS.values(), ids=BAD_ASSESSMENTS)
def test_a_bad_assessment_is_refused_with_a_message_and_nothing_is_saved(
    world, login, client, overrides, message
):
    idea = _in_screening(world.a)
    before = db_state()
    data = _assessment_data(world.a, idea, **overrides(world))
    response = login(world.a.manager).post(_url(idea, "assess"), data=data)
    assert response.status_code == 422
    assert message in response.text
    assert db_state() == before


def test_a_stale_assessment_is_refused_and_nothing_is_saved(world, login, client):
    idea = _in_screening(world.a)
    data = _assessment_data(world.a, idea, version=version_of(idea) - 1)
    before = db_state()
    response = login(world.a.manager).post(_url(idea, "assess"), data=data)
    assert response.status_code == 409
    assert STALE in response.text
    assert db_state() == before


def test_a_submitted_idea_cannot_be_assessed_before_it_is_taken(world, login, client):
    idea = _submitted(world.a)
    before = db_state()
    response = login(world.a.manager).post(
        _url(idea, "assess"), data=_assessment_data(world.a, idea)
    )
    assert response.status_code == 422
    assert "Only ideas in screening or prioritised can be assessed." in response.text
    assert db_state() == before


# ---------------------------------------------------------------- move


def test_an_assessed_idea_moves_to_prioritised(world, login, client):
    idea = _assessed(world.a)
    client = login(world.a.manager)
    assert "Move to Prioritised" in client.get(_url(idea)).text
    response = client.post(_url(idea, "move/prioritised"), data={"version": version_of(idea)})
    assert response.status_code == 302
    assert reload(idea).stage is Stage.PRIORITISED
    assert _history(idea)[-1] == (Stage.SCREENING, Stage.PRIORITISED, world.a.manager.id, "")
    assert "The idea is moved to Prioritised." in _flash(client.get(_url(idea)))


def test_an_idea_without_an_assessment_does_not_move_to_prioritised(world, login, client):
    idea = _in_screening(world.a)
    before = db_state()
    response = login(world.a.manager).post(
        _url(idea, "move/prioritised"), data={"version": version_of(idea)}
    )
    assert response.status_code == 422
    assert "The idea needs an assessment: scores, a strategic goal and a rationale." in (
        response.text
    )
    assert db_state() == before


def test_a_move_that_waits_for_a_later_version_is_refused_with_its_reason(world, login, client):
    idea = make_idea(
        world.a.employee, world.a.home_care, Stage.PRIORITISED, owner_id=world.a.manager.id
    )
    db.session.commit()
    before = db_state()
    client = login(world.a.manager)
    page = client.get(_url(idea))
    assert "Moves that are not possible yet" in page.text
    assert "needs a pilot plan" in page.text
    response = client.post(_url(idea, "move/pilot"), data={"version": version_of(idea)})
    assert response.status_code == 422
    assert "Moving to pilot needs a pilot plan, which Tracker cannot record yet." in response.text
    assert db_state() == before


def test_a_move_the_table_does_not_have_is_refused_with_a_message(world, login, client):
    idea = _submitted(world.a)
    before = db_state()
    client = login(world.a.manager)
    page = client.get(_url(idea, "move/realised"))
    assert "An idea cannot move from Submitted to Realised." in page.text
    response = client.post(_url(idea, "move/realised"), data={"version": version_of(idea)})
    assert response.status_code == 400
    assert "An idea cannot move from Submitted to Realised." in response.text
    assert db_state() == before


def test_a_move_to_an_unknown_stage_is_not_found(world, login, client):
    idea = _submitted(world.a)
    before = db_state()
    client = login(world.a.manager)
    assert client.get(_url(idea, "move/bogus")).status_code == 404
    response = client.post(_url(idea, "move/bogus"), data={"version": version_of(idea)})
    assert response.status_code == 404
    assert db_state() == before


def test_a_manager_declines_an_idea_and_the_submitter_reads_why(world, login, client):
    idea = _in_screening(world.a)
    reason = "Vi har redan ett avtal som täcker detta."
    client = login(world.a.manager)
    form = client.get(_url(idea, "move/declined"))
    assert form.status_code == 200
    assert "The reason is shown to the person who submitted the idea." in form.text
    response = client.post(
        _url(idea, "move/declined"), data={"version": version_of(idea), "reason": reason}
    )
    assert response.status_code == 302
    assert reload(idea).stage is Stage.DECLINED
    assert _history(idea)[-1] == (Stage.SCREENING, Stage.DECLINED, world.a.manager.id, reason)
    page = login(world.a.employee).get(_url(idea))
    assert 'class="badge stage-declined">Declined<' in page.text
    assert reason in page.text


@pytest.mark.parametrize("reason", ["", "   \n  "], ids=["empty", "blank"])
def test_a_decline_needs_a_reason(world, login, client, reason):
    idea = _in_screening(world.a)
    before = db_state()
    response = login(world.a.manager).post(
        _url(idea, "move/declined"), data={"version": version_of(idea), "reason": reason}
    )
    assert response.status_code == 422
    assert "Give a reason." in response.text
    assert db_state() == before


def test_a_manager_parks_an_idea_with_a_reason_and_a_revisit_date(world, login, client):
    idea = _in_screening(world.a)
    revisit = date.today() + timedelta(days=90)
    client = login(world.a.manager)
    form = client.get(_url(idea, "move/parked"))
    assert 'name="revisit_on"' in form.text
    data = {"version": version_of(idea), "reason": "Vänta på budget", "revisit_on": revisit}
    response = client.post(_url(idea, "move/parked"), data=data)
    assert response.status_code == 302
    idea = reload(idea)
    assert (idea.stage, idea.revisit_on) == (Stage.PARKED, revisit)
    change = db.session.scalars(select(StageChange).order_by(StageChange.id.desc())).first()
    assert (change.reason, change.revisit_on) == ("Vänta på budget", revisit)
    page = client.get(_url(idea))
    assert "<dt>Revisit on</dt>" in page.text
    assert "Vänta på budget" in page.text


BAD_PARKINGS = {
    "no reason": ({"reason": ""}, "Give a reason."),
    "no date": ({"revisit_on": ""}, "Give a date to revisit the idea."),
    "today": ({"revisit_on": date.today()}, "The revisit date must be in the future."),
    "yesterday": (
        {"revisit_on": date.today() - timedelta(days=1)},
        "The revisit date must be in the future.",
    ),
    "not a date": ({"revisit_on": "nästa vår"}, "Not a valid date value."),
    "long reason": ({"reason": "x" * 2001}, "longer than 2000"),
}


@pytest.mark.parametrize(("overrides", "message"), BAD_PARKINGS.values(), ids=BAD_PARKINGS)
def test_a_bad_parking_is_refused_with_a_message_and_nothing_is_saved(
    world, login, client, overrides, message
):
    idea = _in_screening(world.a)
    before = db_state()
    data = {
        "version": version_of(idea),
        "reason": "Vänta på budget",
        "revisit_on": date.today() + timedelta(days=30),
        **overrides,
    }
    response = login(world.a.manager).post(_url(idea, "move/parked"), data=data)
    assert response.status_code == 422
    assert message in response.text
    assert db_state() == before


def test_a_stale_move_is_refused_with_a_message_and_nothing_of_it_is_saved(
    world, login, client, app
):
    idea = _in_screening(world.a)
    seen = version_of(idea)
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = world.a.admin.get_id()
    declined = other.post(_url(idea, "move/declined"), data={"version": seen, "reason": "Nej"})
    assert declined.status_code == 302
    after_first = db_state()
    data = {"version": seen, "reason": "Vänta", "revisit_on": date.today() + timedelta(days=9)}
    response = login(world.a.manager).post(_url(idea, "move/parked"), data=data)
    assert response.status_code == 409
    assert STALE in response.text
    assert "now at stage Declined" in response.text
    assert db_state() == after_first


def test_a_parked_idea_is_revived_into_screening(world, login, client):
    idea = make_idea(world.a.employee, world.a.home_care, Stage.PARKED, owner_id=world.a.manager.id)
    db.session.commit()
    client = login(world.a.manager)
    assert "Revive into Screening" in client.get(_url(idea)).text
    response = client.post(_url(idea, "move/screening"), data={"version": version_of(idea)})
    assert response.status_code == 302
    assert reload(idea).stage is Stage.SCREENING


# ---------------------------------------------------------------- who may do what


def _write_requests(org, idea) -> dict[str, tuple[str, str, dict]]:
    version = version_of(idea)
    scores = {f"score_{c.id}": 3 for c in org.criteria}
    return {
        "take": ("POST", _url(idea, "take"), {"version": version}),
        "assess form": ("GET", _url(idea, "assess"), {}),
        "assess": (
            "POST",
            _url(idea, "assess"),
            {**scores, "strategic_goal_id": org.goal.id, "rationale": "x", "version": version},
        ),
        "move form": ("GET", _url(idea, "move/declined"), {}),
        "move": ("POST", _url(idea, "move/declined"), {"version": version, "reason": "Nej"}),
        "move forward": ("POST", _url(idea, "move/screening"), {"version": version}),
    }


@pytest.mark.parametrize("role", ["employee", "leader", "school_manager"])
@pytest.mark.parametrize(
    "action", ["take", "assess form", "assess", "move form", "move", "move forward"]
)
def test_who_may_not_manage_an_idea_is_forbidden_and_nothing_changes(
    world, login, client, role, action
):
    stage = Stage.SUBMITTED if action in ("take", "move forward") else Stage.SCREENING
    idea = make_idea(world.a.employee, world.a.home_care, stage, owner_id=world.a.manager.id)
    db.session.commit()
    method, url, data = _write_requests(world.a, idea)[action]
    before = db_state()
    response = login(getattr(world.a, role)).open(url, method=method, data=data)
    assert response.status_code == 403
    assert "You do not have access to this" in response.text
    assert db_state() == before


def test_a_manager_of_another_unit_cannot_even_read_the_idea(world, login, client):
    idea = _submitted(world.a)
    before = db_state()
    client = login(world.a.school_manager)
    assert client.get(_url(idea)).status_code == 403
    assert client.get(_url(idea, "edit")).status_code == 403
    version = version_of(idea)
    assert client.post(_url(idea, "withdraw"), data={"version": version}).status_code == 403
    assert "Digital signering av avtal" not in client.get("/ideas/").text
    assert db_state() == before


def _every_route(idea_id: int, org) -> list[tuple[str, str, dict]]:
    scores = {f"score_{c.id}": 3 for c in org.criteria}
    base = f"/ideas/{idea_id}"
    return [
        ("GET", base, {}),
        ("GET", base + "/edit", {}),
        ("POST", base + "/edit", _idea_data(org, version=1)),
        ("POST", base + "/withdraw", {"version": 1}),
        ("POST", base + "/take", {"version": 1}),
        ("GET", base + "/assess", {}),
        ("POST", base + "/assess", {**scores, "strategic_goal_id": org.goal.id, "version": 1}),
        ("GET", base + "/move/declined", {}),
        ("POST", base + "/move/declined", {"version": 1, "reason": "Nej"}),
        ("POST", base + "/move/screening", {"version": 1}),
    ]


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader", "admin"])
def test_another_organisations_idea_is_not_found_on_every_route(world, login, client, role):
    idea = make_idea(world.b.employee, world.b.home_care, Stage.SCREENING)
    db.session.commit()
    before = db_state()
    client = login(getattr(world.a, role))
    for method, url, data in _every_route(idea.id, world.b):
        response = client.open(url, method=method, data=data)
        assert response.status_code == 404, (method, url)
        assert "Page not found" in response.text
        assert "Digital signering" not in response.text
    assert db_state() == before


@pytest.mark.parametrize("idea_id", [999, 2**31, 99999999999999999999999])
def test_an_idea_that_does_not_exist_is_not_found_on_every_route(world, login, client, idea_id):
    client = login(world.a.admin)
    for method, url, data in _every_route(idea_id, world.a):
        assert client.open(url, method=method, data=data).status_code == 404, (method, url)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/ideas/"),
        ("GET", "/ideas/new"),
        ("POST", "/ideas/new"),
        ("GET", "/ideas/1"),
        ("POST", "/ideas/1/take"),
        ("POST", "/ideas/1/move/declined"),
        ("GET", "/ideas/1/assess"),
    ],
)
def test_every_idea_page_needs_a_login(client, method, url):
    response = client.open(url, method=method)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def _login_next(location: str) -> str | None:
    parts = urlsplit(location)
    assert parts.path == "/login"
    return parse_qs(parts.query).get("next", [None])[0]


def test_a_post_without_a_session_returns_to_the_login_without_a_post_only_next(client):
    response = client.post("/ideas/1/take", data={"version": 1})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"


def test_an_htmx_post_without_a_session_returns_to_the_page_it_came_from(client):
    headers = {"HX-Request": "true", "HX-Current-URL": "http://localhost/ideas/1"}
    response = client.post("/ideas/1/take", data={"version": 1}, headers=headers)
    assert _login_next(response.headers["HX-Redirect"]) == "/ideas/1"


def test_an_htmx_request_from_another_site_gets_no_next(client):
    headers = {"HX-Request": "true", "HX-Current-URL": "http://evil.example/ideas/1"}
    response = client.get("/ideas/", headers=headers)
    assert response.headers["HX-Redirect"] == "/login"


# ---------------------------------------------------------------- HTMX


def test_an_htmx_request_gets_only_the_results_fragment(world, login, client):
    _submitted(world.a, title="Matsvinn")
    response = login(world.a.leader).get("/ideas/?q=svinn", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="results"')
    assert "<html" not in response.text
    assert "Matsvinn" in response.text
    assert "HX-Request" in response.headers["Vary"]


def test_a_plain_request_gets_the_whole_page_with_the_same_fragment(world, login, client):
    _submitted(world.a, title="Matsvinn")
    response = login(world.a.leader).get("/ideas/?q=svinn")
    assert "<html" in response.text
    assert '<section id="results"' in response.text
    assert "Matsvinn" in response.text
    assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize(
    "headers",
    [{"HX-Boosted": "true"}, {"HX-History-Restore-Request": "true"}],
    ids=["boosted", "history-restore"],
)
def test_a_boosted_or_history_request_gets_the_whole_page(world, login, client, headers):
    response = login(world.a.leader).get("/ideas/", headers={"HX-Request": "true", **headers})
    assert response.status_code == 200
    assert "<html" in response.text


def test_an_htmx_request_without_a_session_is_sent_to_the_login_page(client):
    response = client.get(
        "/ideas/?q=x",
        headers={"HX-Request": "true", "HX-Current-URL": "http://localhost/ideas/?q=x"},
    )
    assert response.status_code == 204
    assert _login_next(response.headers["HX-Redirect"]) == "/ideas/?q=x"
    assert response.text == ""


@pytest.mark.parametrize(("who", "status", "title"), [
    ("school_manager", 403, "You do not have access to this"),
    ("other organisation", 404, "Page not found"),
])  # fmt: skip
def test_an_htmx_refusal_gets_the_message_fragment_retargeted(
    world, login, client, who, status, title
):
    idea = _submitted(world.b if who == "other organisation" else world.a)
    user = world.a.admin if who == "other organisation" else world.a.school_manager
    response = login(user).post(
        _url(idea, "take"), data={"version": version_of(idea)}, headers={"HX-Request": "true"}
    )
    assert response.status_code == status
    assert response.headers["HX-Retarget"] == "#messages"
    assert "<html" not in response.text
    assert title in response.text


def test_an_htmx_take_answers_with_a_redirect_header(world, login, client):
    idea = _submitted(world.a)
    response = login(world.a.manager).post(
        _url(idea, "take"), data={"version": version_of(idea)}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == _url(idea)
    assert reload(idea).stage is Stage.SCREENING


# ---------------------------------------------------------------- races the form check misses


def test_a_change_that_loses_a_race_in_the_database_is_a_conflict_not_an_error(
    world, login, client, monkeypatch
):
    """Both requests passed the version check; the second one's UPDATE finds a newer row."""
    idea = _submitted(world.a)
    seen = version_of(idea)
    ensure_fresh = services.ensure_fresh

    def racing(target, version):
        ensure_fresh(target, version)
        with db.engine.begin() as connection:  # another request commits in between
            connection.execute(
                Idea.__table__.update()
                .where(Idea.id == target.id)
                .values(title="Den andres titel", version=Idea.version + 1)
            )

    monkeypatch.setattr(services, "ensure_fresh", racing)
    data = _idea_data(world.a, title="Min titel", version=seen)
    response = login(world.a.employee).post(_url(idea, "edit"), data=data)
    assert response.status_code == 409
    assert "Someone else changed this first" in response.text
    assert reload(idea).title == "Den andres titel"


def test_the_second_of_two_concurrent_reassessments_is_refused_even_with_the_same_scores(
    world, login, client, app
):
    idea = _assessed(world.a)
    seen = version_of(idea)
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = world.a.admin.get_id()
    first = _assessment_data(world.a, idea, rationale="Adams motivering", version=seen)
    assert other.post(_url(idea, "assess"), data=first).status_code == 302
    after_first = db_state()
    second = _assessment_data(world.a, idea, rationale="Majas motivering", version=seen)
    response = login(world.a.manager).post(_url(idea, "assess"), data=second)
    assert response.status_code == 409
    assert STALE in response.text
    assert db_state() == after_first
    assert reload(idea).assessment.rationale == "Adams motivering"


def test_a_parked_idea_that_nobody_took_is_taken_back_into_screening(world, login, client):
    idea = make_idea(world.a.employee, world.a.home_care, Stage.PARKED)
    db.session.commit()
    client = login(world.a.manager)
    page = client.get(_url(idea))
    assert "I am responsible" in page.text
    assert "Revive into Screening" not in page.text  # it could only fail: nobody is responsible
    response = client.post(_url(idea, "take"), data={"version": version_of(idea)})
    assert response.status_code == 302
    idea = reload(idea)
    assert (idea.stage, idea.owner_id, idea.revisit_on) == (
        Stage.SCREENING,
        world.a.manager.id,
        None,
    )
