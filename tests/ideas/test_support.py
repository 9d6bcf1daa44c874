"""Supporting an idea: a toggle for readers but the submitter, counted without a new version."""

import re

import pytest
from sqlalchemy import func, insert, select, update

from tests.factories import make_idea, make_user, reload, version_of
from tracker.extensions import db
from tracker.ideas import services
from tracker.ideas.models import Idea, Support
from tracker.ideas.stages import Stage

HTMX = {"HX-Request": "true"}


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def submitted(org, **kw) -> Idea:
    idea = make_idea(org.employee, org.home_care, **kw)
    db.session.commit()
    return idea


def url(idea: Idea) -> str:
    return f"/ideas/{idea.id}/support"


def supporters(idea: Idea) -> set[int]:
    db.session.expire_all()
    return set(db.session.scalars(select(Support.user_id).where(Support.idea_id == idea.id)))


def state(idea: Idea) -> tuple:
    """The idea's supporters and its row as the database holds them."""
    fresh = reload(idea)
    return supporters(idea), fresh.support_count, fresh.version, fresh.updated_at


def button(text: str) -> str | None:
    found = re.search(r'<button[^>]* id="support-button"[^>]*>[^<]*</button>', text)
    return found.group(0) if found else None


@pytest.mark.parametrize("role", ["manager", "leader", "admin"])
def test_a_reader_supports_an_idea_and_withdraws_the_support(world, login, client, role):
    idea = submitted(world.a)
    user = getattr(world.a, role)
    client = login(user)
    response = client.post(url(idea))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert supporters(idea) == {user.id} and reload(idea).support_count == 1
    page = client.get(f"/ideas/{idea.id}").text
    assert "You support the idea." in page
    assert "1 person supports the idea." in page
    assert 'aria-pressed="true"' in button(page) and ">I support the idea<" in button(page)

    assert client.post(url(idea)).status_code == 302
    assert supporters(idea) == set() and reload(idea).support_count == 0
    page = client.get(f"/ideas/{idea.id}").text
    assert "You no longer support the idea." in page
    assert "Nobody supports the idea yet." in page
    assert 'aria-pressed="false"' in button(page) and ">I support the idea<" in button(page)


def test_the_count_follows_several_supporters(world, login, client):
    idea = submitted(world.a)
    for user in (world.a.manager, world.a.leader, world.a.admin):
        login(user).post(url(idea))
    assert reload(idea).support_count == 3 == len(supporters(idea))
    assert "3 people support the idea." in login(world.a.employee).get(f"/ideas/{idea.id}").text
    login(world.a.leader).post(url(idea))
    assert reload(idea).support_count == 2 == len(supporters(idea))


def test_supporting_changes_neither_the_version_nor_the_time_of_the_last_change(
    world, login, client
):
    idea = make_idea(
        world.a.employee, world.a.home_care, Stage.SCREENING, owner_id=world.a.manager.id
    )
    db.session.commit()
    _, _, version, updated_at = state(idea)
    login(world.a.leader).post(url(idea))
    assert state(idea) == ({world.a.leader.id}, 1, version, updated_at)
    login(world.a.leader).post(url(idea))
    assert state(idea) == (set(), 0, version, updated_at)


def test_a_managers_open_form_does_not_go_stale_when_someone_supports_the_idea(
    world, login, client, app
):
    idea = make_idea(
        world.a.employee, world.a.home_care, Stage.SCREENING, owner_id=world.a.manager.id
    )
    db.session.commit()
    form = login(world.a.manager).get(f"/ideas/{idea.id}/move/declined").text
    seen = re.search(r'name="version" type="hidden" value="(\d+)"', form).group(1)
    leader = app.test_client()
    with leader.session_transaction() as session:
        session["_user_id"] = world.a.leader.get_id()
    assert leader.post(url(idea)).status_code == 302
    response = login(world.a.manager).post(
        f"/ideas/{idea.id}/move/declined", data={"version": seen, "reason": "Inte nu."}
    )
    assert response.status_code == 302
    assert reload(idea).stage is Stage.DECLINED and reload(idea).support_count == 1


def test_the_count_is_added_in_the_database_not_copied_from_a_stale_read(world):
    """Another request supported the idea after this one loaded it: both supports count."""
    idea = submitted(world.a)
    assert idea.support_count == 0  # loaded here, before the other request
    with db.engine.begin() as connection:
        connection.execute(insert(Support).values(idea_id=idea.id, user_id=world.a.admin.id))
        connection.execute(
            update(Idea.__table__)
            .where(Idea.__table__.c.id == idea.id)
            .values(support_count=Idea.__table__.c.support_count + 1)
        )
    assert services.toggle_support(idea, world.a.leader) is True
    assert idea.support_count == 2  # the session holds the count the database computed
    db.session.commit()
    assert reload(idea).support_count == 2 == len(supporters(idea))


def test_a_double_click_that_races_itself_keeps_one_support(world, login, client, monkeypatch):
    """The second request did not see the first one's support before adding its own."""
    idea = submitted(world.a)
    client = login(world.a.leader)
    assert client.post(url(idea)).status_code == 302
    monkeypatch.setattr(services, "_withdraw_support", lambda idea, supporter: False)
    response = client.post(url(idea))
    assert response.status_code == 302
    assert "You support the idea." in client.get(f"/ideas/{idea.id}").text
    assert supporters(idea) == {world.a.leader.id} and reload(idea).support_count == 1


# ---------------------------------------------------------------- who may


def test_the_submitter_sees_the_count_but_cannot_support_their_own_idea(world, login, client):
    idea = submitted(world.a)
    login(world.a.leader).post(url(idea))
    client = login(world.a.employee)
    page = client.get(f"/ideas/{idea.id}").text
    assert "1 person supports the idea." in page
    assert button(page) is None and url(idea) not in page
    before = state(idea)
    assert client.post(url(idea)).status_code == 403
    assert client.post(url(idea), headers=HTMX).status_code == 403
    assert state(idea) == before


def test_a_manager_who_submitted_an_idea_cannot_support_it(world, login, client):
    idea = make_idea(world.a.manager, world.a.social)
    db.session.commit()
    assert login(world.a.manager).post(url(idea)).status_code == 403
    assert reload(idea).support_count == 0 and supporters(idea) == set()


@pytest.mark.parametrize("who", ["colleague", "school_manager"])
def test_who_may_not_read_the_idea_may_not_support_it(world, login, client, who):
    idea = submitted(world.a, confidential=True)
    if who == "colleague":
        user = make_user(world.a.org, world.a.home_care, email="kollega@a.example.org")
        db.session.commit()
    else:
        user = world.a.school_manager
    before = state(idea)
    response = login(user).post(url(idea))
    assert response.status_code == 403
    assert "You do not have access to this" in response.text
    assert state(idea) == before


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader", "admin"])
def test_another_organisations_idea_is_not_found(world, login, client, role):
    idea = submitted(world.b)
    before = state(idea)
    response = login(getattr(world.a, role)).post(url(idea))
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert state(idea) == before


@pytest.mark.parametrize("idea_id", [999, 2**31, 99999999999999999999999])
def test_an_idea_that_does_not_exist_is_not_found(world, login, client, idea_id):
    assert login(world.a.admin).post(f"/ideas/{idea_id}/support").status_code == 404


def test_supporting_needs_a_login(world, client):
    idea = submitted(world.a)
    response = client.post(url(idea))
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert db.session.scalar(select(func.count()).select_from(Support)) == 0


def test_supporting_is_a_post(world, login, client):
    idea = submitted(world.a)
    assert login(world.a.leader).get(url(idea)).status_code == 405


# ---------------------------------------------------------------- HTMX


def test_an_htmx_support_answers_with_the_fragment_and_an_event(world, login, client):
    idea = submitted(world.a)
    response = login(world.a.leader).post(url(idea), headers=HTMX)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "supportChanged"
    assert "HX-Request" in response.headers["Vary"]
    text = response.text.strip()
    assert text.startswith('<div id="support"') and text.endswith("</div>")
    assert text.count('id="support"') == 1 and "<html" not in text
    root = re.match(r"<div[^>]*>", text).group(0)
    assert 'hx-target="this"' in root and 'hx-swap="outerHTML"' in root
    assert "1 person supports the idea." in text
    assert 'aria-pressed="true"' in button(text) and f'hx-post="{url(idea)}"' in text
    assert reload(idea).support_count == 1
    again = login(world.a.leader).post(url(idea), headers=HTMX)
    assert 'aria-pressed="false"' in button(again.text) and "Nobody supports" in again.text


def test_the_idea_page_includes_the_same_fragment(world, login, client):
    idea = submitted(world.a)
    client = login(world.a.leader)
    fragment = client.post(url(idea), headers=HTMX).text.strip()
    page = client.get(f"/ideas/{idea.id}").text
    # a CSRF token is signed with the second it was made in: the two may differ
    token = re.compile(r'name="csrf_token" value="[^"]*"')
    assert token.sub("", fragment) in token.sub("", page)


def test_a_boosted_post_is_redirected_as_a_whole_page(world, login, client):
    idea = submitted(world.a)
    headers = {**HTMX, "HX-Boosted": "true"}
    response = login(world.a.leader).post(url(idea), headers=headers)
    assert response.headers["HX-Redirect"] == f"/ideas/{idea.id}"
    assert "HX-Trigger" not in response.headers
    assert reload(idea).support_count == 1


def test_an_htmx_refusal_is_retargeted_to_the_messages(world, login, client):
    idea = submitted(world.a, confidential=True)
    response = login(world.a.school_manager).post(url(idea), headers=HTMX)
    assert response.status_code == 403
    assert response.headers["HX-Retarget"] == "#messages"
    assert "<html" not in response.text


def test_the_version_stays_for_every_supporter(world, login, client):
    idea = submitted(world.a)
    seen = version_of(idea)
    for user in (world.a.manager, world.a.leader, world.a.admin):
        login(user).post(url(idea), headers=HTMX)
    assert version_of(idea) == seen
