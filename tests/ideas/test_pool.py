"""The idea pool: every member reads the organisation's ideas, except confidential ones, which
their submitter, responsible manager, managers in scope, leaders, admins and participants read;
the confidential switch, the organisation's default for new ideas, and the badges."""

from itertools import product

import pytest
from sqlalchemy import func, select, union_all

from tests.factories import db_state, make_idea, make_user, reload, version_of
from tests.ideas.helpers import _idea_data
from tests.pilot_factories import plan_pilot, prioritised_idea
from tracker.audit import AuditEntry
from tracker.auth.roles import Role
from tracker.extensions import db
from tracker.ideas import access, services
from tracker.ideas.models import Idea
from tracker.ideas.queries import IdeaFilter, idea_page, readable_where, stage_counts
from tracker.refusals import Forbidden

HTMX = {"HX-Request": "true"}


@pytest.fixture
def pool(world):
    """Ideas of the first organisation, open and confidential, in the social and school units,
    one piloted by a teacher; and an idea of the second organisation."""
    a = world.a
    teacher = make_user(a.org, a.school, Role.EMPLOYEE, "teacher@a.example.org")
    colleague = make_user(a.org, a.home_care, Role.EMPLOYEE, "colleague@a.example.org")
    ideas = {
        "open school": make_idea(teacher, a.school, title="Öppen skolidé"),
        "secret school": make_idea(teacher, a.school, title="Hemlig skolidé", confidential=True),
        "secret care": make_idea(colleague, a.home_care, title="Hemlig omsorg", confidential=True),
        "own secret": make_idea(a.employee, a.home_care, title="Min hemlis", confidential=True),
        "other org": make_idea(world.b.employee, world.b.home_care, title="Munkedals idé"),
    }
    piloted = prioritised_idea(a, title="Hemlig pilot", confidential=True)
    plan_pilot(piloted, a.manager, unit=a.school, owner=teacher)
    ideas["piloted"] = piloted
    db.session.commit()
    return {"teacher": teacher, "colleague": colleague, "ideas": ideas}


@pytest.mark.parametrize(
    ("who", "idea", "reads"),
    [
        ("employee", "open school", True),  # a colleague's open idea of another unit
        ("employee", "secret school", False),
        ("employee", "secret care", False),  # even in her own unit
        ("employee", "own secret", True),  # she submitted it
        ("teacher", "secret school", True),  # submitter
        ("teacher", "piloted", True),  # she owns its pilot
        ("manager", "secret care", True),  # in scope
        ("manager", "piloted", True),  # responsible, in scope
        ("school_manager", "secret care", False),  # out of scope
        ("school_manager", "open school", True),
        ("leader", "secret school", True),
        ("admin", "secret care", True),
        ("employee", "other org", False),
        ("admin", "other org", False),
    ],
)
def test_who_reads_which_idea(world, pool, who, idea, reads):
    user = pool[who] if who in pool else getattr(world.a, who)
    assert access.can_read(user, pool["ideas"][idea]) is reads


def test_the_responsible_manager_reads_a_confidential_idea_out_of_their_scope(world, pool):
    idea = pool["ideas"]["secret school"]
    assert not access.can_read(world.a.manager, idea)
    idea.owner_id = world.a.manager.id
    assert access.can_read(world.a.manager, idea)


def test_a_reader_of_a_confidential_idea_supports_it_and_others_may_not(world, pool):
    idea = pool["ideas"]["secret school"]
    assert access.can_support(world.a.leader, idea)
    assert not access.can_support(world.a.employee, idea)
    assert not access.can_support(pool["teacher"], idea)  # her own
    assert access.can_support(world.a.employee, pool["ideas"]["open school"])


def _everyone(world, pool):
    a, b = world.a, world.b
    return [
        a.employee,
        a.manager,
        a.school_manager,
        a.leader,
        a.admin,
        pool["teacher"],
        pool["colleague"],
        b.employee,
        b.admin,
    ]


def test_the_sql_conditions_and_readable_ids_agree_with_can_read(world, pool):
    ideas = list(db.session.scalars(select(Idea)))
    for user in _everyone(world, pool):
        expected = {i.id for i in ideas if access.can_read(user, i)}
        assert set(db.session.scalars(select(Idea.id).where(access.readable(user)))) == expected
        assert set(db.session.scalars(select(Idea.id).where(readable_where(user)))) == expected
        parts = [select(Idea.id).where(part) for part in access.readable_parts(user)]
        found = list(db.session.scalars(union_all(*parts) if len(parts) > 1 else parts[0]))
        assert len(found) == len(set(found)), "the parts overlap"
        assert set(found) == expected
        assert access.readable_ids(user, ideas) == expected


def test_the_list_counts_and_shows_the_readable_ideas(world, pool):
    for user in _everyone(world, pool):
        expected = {i.id for i in db.session.scalars(select(Idea)) if access.can_read(user, i)}
        page = idea_page(user, IdeaFilter(), 1, 100)
        assert {i.id for i in page.items} == expected
        assert page.total == len(expected) == sum(stage_counts(user).values())


def test_can_plan_asks_for_the_right_to_read(world, pool):
    idea = pool["ideas"]["piloted"]
    assert access.can_plan(world.a.manager, idea)
    assert not access.can_plan(world.a.school_manager, idea)
    assert not access.can_plan(world.a.employee, idea)


# ---------------------------------------------------------------- the switch (service)


def _entries(idea: Idea) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEntry.summary)
            .where(AuditEntry.object_type == "idea", AuditEntry.object_id == idea.id)
            .order_by(AuditEntry.id)
        )
    )


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_a_manager_in_scope_or_an_admin_marks_an_idea_confidential_and_opens_it(world, who):
    idea = make_idea(world.a.employee, world.a.home_care)
    db.session.commit()
    version = version_of(idea)
    actor = getattr(world.a, who)
    assert services.set_confidential(idea, actor, True) is True
    assert services.set_confidential(idea, actor, True) is False  # already so: nothing to do
    db.session.commit()
    assert reload(idea).confidential and version_of(idea) == version  # no open form goes stale
    services.set_confidential(idea, actor, False)
    db.session.commit()
    assert not reload(idea).confidential
    assert _entries(idea) == ["confidential: false → true", "confidential: true → false"]


@pytest.mark.parametrize("who", ["employee", "school_manager", "leader"])
def test_others_may_not_switch_it(world, who):
    idea = make_idea(world.a.employee, world.a.home_care)
    db.session.commit()
    with pytest.raises(Forbidden):
        services.set_confidential(idea, getattr(world.a, who), True)


def test_a_new_idea_takes_the_organisations_default_unless_the_submitter_chooses(world):
    a = world.a
    assert not make_idea(a.employee).confidential
    a.org.ideas_confidential_by_default = True
    db.session.flush()
    assert make_idea(a.employee).confidential
    text = services.IdeaText("Öppen", "Behov", "Förslag", "", None, a.home_care.id)
    text.confidential = False
    assert not services.submit_idea(a.employee, text).confidential


def test_the_submitter_marks_it_on_the_edit_form_with_an_audit_entry(world, login, client):
    idea = make_idea(world.a.employee, world.a.home_care)
    db.session.commit()
    data = _idea_data(world.a, version=version_of(idea), confidential="y")
    response = login(world.a.employee).post(f"/ideas/{idea.id}/edit", data=data)
    assert response.status_code == 302
    assert reload(idea).confidential
    assert _entries(idea) == ["confidential: false → true"]
    data = _idea_data(world.a, version=version_of(idea))  # an unticked box is not sent
    client.post(f"/ideas/{idea.id}/edit", data=data)
    assert not reload(idea).confidential


def test_the_new_idea_form_is_ticked_when_the_organisation_makes_ideas_confidential(
    world, login, client
):
    client = login(world.a.employee)
    ticked = 'checked id="confidential" name="confidential" type="checkbox"'
    page = client.get("/ideas/new").text
    assert 'id="confidential" name="confidential" type="checkbox"' in page and ticked not in page
    world.a.org.ideas_confidential_by_default = True
    db.session.commit()
    assert ticked in client.get("/ideas/new").text
    response = client.post("/ideas/new", data=_idea_data(world.a, confidential="y"))
    assert response.status_code == 302
    assert db.session.scalar(select(Idea.confidential).order_by(Idea.id.desc()).limit(1))


# ---------------------------------------------------------------- the switch (page)


def test_the_idea_page_says_confidential_in_words_and_offers_the_switch(world, login, client):
    idea = make_idea(world.a.employee, world.a.home_care, confidential=True)
    db.session.commit()
    page = login(world.a.manager).get(f"/ideas/{idea.id}").text
    assert '<span class="badge confidential">Confidential</span>' in page
    assert 'name="state" value="open"' in page
    page = login(world.a.employee).get(f"/ideas/{idea.id}").text
    assert '<span class="badge confidential">Confidential</span>' in page
    assert 'name="state"' not in page  # she changes it on the edit form


def test_a_plain_post_switches_and_redirects_to_the_idea(world, login, client):
    idea = make_idea(world.a.employee, world.a.home_care)
    db.session.commit()
    response = login(world.a.manager).post(
        f"/ideas/{idea.id}/confidential", data={"state": "confidential"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/ideas/{idea.id}")
    assert reload(idea).confidential
    assert "The idea is confidential." in client.get(f"/ideas/{idea.id}").text


def test_an_htmx_post_answers_with_the_fragment_and_its_event(world, login, client):
    idea = make_idea(world.a.employee, world.a.home_care)
    db.session.commit()
    response = login(world.a.admin).post(
        f"/ideas/{idea.id}/confidential", data={"state": "confidential"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "confidentialChanged"
    assert "HX-Request" in response.headers["Vary"]
    html = response.get_data(as_text=True)
    assert html.strip().startswith('<div id="confidential"') and "<html" not in html
    assert 'name="state" value="open"' in html


@pytest.mark.parametrize(
    ("who", "state", "status"),
    [("employee", "confidential", 403), ("school_manager", "confidential", 403)]
    + [("manager", state, 400) for state in ("", "secret", "1")],
)
def test_a_refused_switch_changes_nothing(world, login, client, who, state, status):
    idea = make_idea(world.a.employee, world.a.home_care)
    db.session.commit()
    before = db_state()
    response = login(getattr(world.a, who)).post(
        f"/ideas/{idea.id}/confidential", data={"state": state}
    )
    assert response.status_code == status
    assert db_state() == before


def test_another_organisations_idea_is_not_found(world, login, client):
    idea = make_idea(world.b.employee, world.b.home_care, confidential=True)
    db.session.commit()
    for who, path in product(("employee", "admin"), ("", "/confidential")):
        client = login(getattr(world.a, who))
        method = client.post if path else client.get
        assert method(f"/ideas/{idea.id}{path}", data={"state": "open"}).status_code == 404


# ---------------------------------------------------------------- lists and the board


def test_the_list_and_the_board_mark_the_confidential_ideas(world, pool, login, client):
    client = login(world.a.leader)
    badge = '<span class="badge confidential">Confidential</span>'
    listing = client.get("/ideas/").text
    assert listing.count(badge) == 4
    board = client.get("/board/").text
    assert board.count(badge) == 4


def test_an_employee_lists_every_open_idea_and_her_own_confidential_one(world, pool, login, client):
    listing = login(world.a.employee).get("/ideas/").text
    assert "Öppen skolidé" in listing and "Min hemlis" in listing
    assert "Hemlig skolidé" not in listing and "Hemlig omsorg" not in listing
    assert "Munkedals idé" not in listing
    mine = client.get("/ideas/?mine=1").text
    assert "Min hemlis" in mine and "Öppen skolidé" not in mine
    board = client.get("/board/").text
    assert "Öppen skolidé" in board and "Hemlig skolidé" not in board
    assert "drag-handle" not in board and "card-move" not in board


def test_the_employees_list_takes_a_fixed_number_of_statements(world, pool, login, client):
    from tests.factories import counted_statements

    client = login(world.a.employee)
    client.get("/ideas/")
    with counted_statements() as few:
        client.get("/ideas/")
    for n in range(5):
        make_idea(pool["teacher"], world.a.school, title=f"Fler {n}", confidential=n % 2 == 0)
    db.session.commit()
    with counted_statements() as more:
        client.get("/ideas/")
    assert len(more) == len(few)


# ---------------------------------------------------------------- the admin setting


def test_an_admin_makes_new_ideas_confidential_with_an_audit_entry(world, login, client):
    client = login(world.a.admin)
    page = client.get("/admin/idea-settings").text
    assert (
        '<input checked id="new_ideas-0" name="new_ideas" required type="radio" value="open">'
        in page
    )
    response = client.post("/admin/idea-settings", data={"new_ideas": "confidential"})
    assert response.status_code == 302
    db.session.expire_all()
    assert world.a.org.ideas_confidential_by_default
    assert not world.b.org.ideas_confidential_by_default
    summaries = db.session.scalars(
        select(AuditEntry.summary).where(AuditEntry.object_type == "organisation")
    )
    assert list(summaries) == ["ideas_confidential_by_default: false → true"]
    client.post("/admin/idea-settings", data={"new_ideas": "confidential"})  # no change
    assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 1


@pytest.mark.parametrize("who", ["employee", "manager", "leader"])
def test_only_admins_reach_the_idea_settings(world, login, client, who):
    client = login(getattr(world.a, who))
    assert client.get("/admin/idea-settings").status_code == 403
    response = client.post("/admin/idea-settings", data={"new_ideas": "confidential"})
    assert response.status_code == 403
    db.session.expire_all()
    assert not world.a.org.ideas_confidential_by_default


def test_a_bad_choice_shows_the_form_again_and_changes_nothing(world, login, client):
    response = login(world.a.admin).post("/admin/idea-settings", data={"new_ideas": "secret"})
    assert response.status_code in (200, 422)
    assert "Not a valid choice" in response.text
    db.session.expire_all()
    assert not world.a.org.ideas_confidential_by_default
