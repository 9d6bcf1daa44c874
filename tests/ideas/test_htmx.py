"""HTMX answers of the idea pages, and races that the form check misses.

Every refused write is checked against the database: nothing of it is saved.
"""

import sqlite3
from contextlib import closing

import pytest

from tests.factories import db_state, make_idea, reload, version_of
from tests.ideas.helpers import (
    STALE,
    _assessed,
    _assessment_data,
    _idea_data,
    _login_next,
    _submitted,
    _url,
)
from tracker.extensions import db
from tracker.ideas import services
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage

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
    """Both requests passed the version check; the second one's UPDATE finds a newer row. On
    SQLite the race cannot happen: a write request holds the write lock from its first
    statement (tracker/sqlite.py), so the other writer waits and this change is saved."""
    idea = _submitted(world.a)
    seen = version_of(idea)
    ensure_fresh = services.ensure_fresh
    other_wrote = []

    def racing(target, version):
        ensure_fresh(target, version)
        if db.engine.dialect.name == "sqlite":
            other = closing(sqlite3.connect(db.engine.url.database, timeout=0.2))
            with other as o, pytest.raises(sqlite3.OperationalError, match="locked"):
                o.execute("UPDATE idea SET title = 'Den andres titel'")
            return
        with db.engine.begin() as connection:  # another request commits in between
            connection.execute(
                Idea.__table__.update()
                .where(Idea.id == target.id)
                .values(title="Den andres titel", version=Idea.version + 1)
            )
        other_wrote.append(True)

    monkeypatch.setattr(services, "ensure_fresh", racing)
    data = _idea_data(world.a, title="Min titel", version=seen)
    response = login(world.a.employee).post(_url(idea, "edit"), data=data)
    if not other_wrote:
        assert response.status_code == 302 and reload(idea).title == "Min titel"
        return
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
