"""The bell, the notifications page and the follow button: a person's own notifications only,
of ideas they may still read, escaped wherever they appear."""

from sqlalchemy import select

from tests.factories import counted_statements, make_idea
from tests.notifications.helpers import colleague, comment, follow_of, told
from tracker.dbtypes import utcnow
from tracker.extensions import db
from tracker.ideas import services
from tracker.ideas.stages import Stage
from tracker.notifications import queries
from tracker.notifications.models import Kind, Notification

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HX = {"HX-Request": "true"}


def _declined(org, title="Digital signering av avtal", reason="För dyrt just nu."):
    idea = make_idea(org.employee, org.home_care, Stage.SCREENING, title=title)
    idea.owner_id = org.manager.id
    db.session.commit()
    services.move_idea(idea, org.manager, Stage.DECLINED, version=None, reason=reason)
    db.session.commit()
    return idea


def _unread(user) -> list[Notification]:
    return [n for n in told(user) if n.read_at is None]


def test_the_bell_shows_the_unread_count_with_its_accessible_name(world, login):
    a = world.a
    _declined(a)
    page = login(a.employee).get("/").text
    bell = page.split('id="bell"')[1].split("</a>")[0]
    unread = len(_unread(a.employee))
    assert unread == 2  # the factory's jump into screening, then the decision
    assert 'aria-label="Notifications, 2 unread"' in bell
    assert '<span class="bell-count" aria-hidden="true">2</span>' in bell


def test_the_bell_counts_in_one_statement_and_stops_at_99(world, app):
    a = world.a
    idea = make_idea(a.employee, a.home_care)
    rows = [
        Notification(user_id=a.employee.id, idea_id=idea.id, kind=Kind.STAGE, subject="screening")
        for _ in range(120)
    ]
    db.session.add_all(rows)
    db.session.commit()
    assert a.employee.role  # the person is read already, as for a page
    with counted_statements() as seen:
        count = queries.unread_count(a.employee)
    assert len(seen) == 1 and count == 100
    with app.test_request_context(headers={"Accept-Language": "sv"}):
        from flask import render_template_string
        from flask_login import login_user

        login_user(a.employee)
        html = render_template_string('{% include "notifications/_bell.html" %}')
    assert 'aria-label="Aviseringar, fler än 99 olästa"' in html and ">99+</span>" in html


def test_the_page_groups_by_idea_newest_first_with_the_decisions_reason(world, login, client):
    a = world.a
    first = _declined(a, title="Första idén", reason="Inte nu.")
    second = _declined(a, title="Andra idén", reason="Redan gjort.")
    page = login(a.employee).get("/notifications/").text
    assert page.count("<h1>") == 1
    assert page.index("Andra idén") < page.index("Första idén")
    assert page.count('class="panel notification-group"') == 2
    assert "Redan gjort." in page and "Inte nu." in page
    assert "Maja Berg decided on “Andra idén”: Declined" in page
    assert f'href="/ideas/{second.id}"' in page and f'href="/ideas/{first.id}"' in page
    assert page.count('class="badge unread-badge">Unread</span>') == 4


def test_marking_one_read_plain_and_by_htmx(world, login, client):
    a = world.a
    _declined(a)
    newest, older = sorted(_unread(a.employee), key=lambda n: n.id, reverse=True)
    client = login(a.employee)
    response = client.post(f"/notifications/{newest.id}/read")
    assert response.status_code == 302 and response.headers["Location"].startswith(
        "/notifications/"
    )
    response = client.post(f"/notifications/{older.id}/read", headers=HX)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "notificationsChanged"
    assert "HX-Request" in response.headers["Vary"]
    assert f'id="notification-{older.id}"' in response.text
    assert 'id="bell"' in response.text and 'hx-swap-oob="true"' in response.text
    assert "Notifications, 0 unread" in response.text
    assert _unread(a.employee) == []


def test_mark_all_read_plain_and_by_htmx(world, login, client):
    a = world.a
    _declined(a)
    client = login(a.employee)
    response = client.post("/notifications/read-all", headers=HX)
    assert response.status_code == 200 and 'id="notifications"' in response.text
    assert "Mark all as read" not in response.text
    assert _unread(a.employee) == []
    _declined(a, title="Till")
    assert client.post("/notifications/read-all").status_code == 302
    assert _unread(a.employee) == []


def test_opening_a_notification_marks_it_read_and_goes_to_the_idea_or_its_comment(world, login):
    a = world.a
    idea = _declined(a)
    row = comment(idea, a.manager, "Läs här.")
    [said] = told(a.employee, Kind.COMMENT)
    client = login(a.employee)
    response = client.get(f"/notifications/{said.id}/open")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}#comment-{row.id}"
    assert told(a.employee, Kind.COMMENT)[0].read_at is not None
    [decision] = told(a.employee, Kind.DECISION)
    assert client.get(f"/notifications/{decision.id}/open").headers["Location"] == (
        f"/ideas/{idea.id}"
    )


def test_another_persons_notification_is_not_found_and_stays_unread(world, login, client):
    a = world.a
    _declined(a)
    [mine, *_] = told(a.employee)
    for person in (a.manager, a.leader, world.b.admin):
        c = login(person)
        assert c.get(f"/notifications/{mine.id}/open").status_code == 404
        assert c.post(f"/notifications/{mine.id}/read").status_code == 404
        assert c.post(f"/notifications/{mine.id}/read", headers=HX).status_code == 404
        assert f"notification-{mine.id}" not in c.get("/notifications/").text
    assert told(a.employee)[0].read_at is None


def test_a_notification_of_an_idea_no_longer_readable_is_neither_shown_nor_counted(world, login):
    a = world.a
    kim = colleague(a)
    idea = make_idea(a.employee, a.home_care, title="Hemlig idé", confidential=True)
    db.session.add(
        Notification(user_id=kim.id, idea_id=idea.id, kind=Kind.STAGE, subject="screening")
    )
    db.session.commit()
    [old] = told(kim)
    client = login(kim)
    page = client.get("/notifications/").text
    assert "Hemlig idé" not in page and "You have no notifications." in page
    assert "Notifications, 0 unread" in page
    assert client.get(f"/notifications/{old.id}/open").status_code == 404


def test_titles_reasons_and_comments_are_escaped_on_the_page_and_in_fragments(world, login):
    a = world.a
    idea = _declined(a, title=XSS, reason=XSS)
    comment(idea, a.manager, XSS)
    client = login(a.employee)
    page = client.get("/notifications/").text
    fragment = client.get("/notifications/", headers=HX).text
    [one, *_] = told(a.employee)
    item = client.post(f"/notifications/{one.id}/read", headers=HX).text
    home = client.get("/").text
    for html in (page, fragment, item, home):
        assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in page


def test_the_list_is_a_page_at_a_time(world, login, client):
    a = world.a
    idea = make_idea(a.employee, a.home_care)
    now = utcnow()
    db.session.add_all(
        Notification(
            user_id=a.employee.id,
            idea_id=idea.id,
            kind=Kind.STAGE,
            subject="screening",
            created_at=now,
        )
        for _ in range(queries.PER_PAGE + 5)
    )
    db.session.commit()
    client = login(a.employee)
    first = client.get("/notifications/").text
    assert first.count('<li id="notification-') == queries.PER_PAGE
    assert 'href="/notifications/?page=2"' in first
    second = client.get("/notifications/?page=2").text
    assert second.count('<li id="notification-') == 5 and "?page=1" in second


def test_the_follow_button_toggles_with_aria_pressed_and_its_reason(world, login, client):
    a = world.a
    idea = make_idea(a.employee, a.home_care)
    db.session.commit()
    client = login(a.manager)
    page = client.get(f"/ideas/{idea.id}").text
    assert 'id="follow-button" class="button" aria-pressed="false"' in page
    response = client.post(f"/ideas/{idea.id}/follow", headers=HX)
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "followChanged"
    assert 'aria-pressed="true"' in response.text and "Following" in response.text
    assert "You chose to follow it" in response.text
    response = client.post(f"/ideas/{idea.id}/follow")
    assert response.status_code == 302
    assert follow_of(a.manager, idea).following is False
    submitter = login(a.employee).get(f"/ideas/{idea.id}").text
    assert 'aria-pressed="true"' in submitter and "You submitted it" in submitter


def test_only_readers_follow(world, login, client):
    a = world.a
    idea = make_idea(a.employee, a.home_care, confidential=True)
    db.session.commit()
    kim = colleague(a)
    assert login(kim).post(f"/ideas/{idea.id}/follow").status_code == 403
    assert login(world.b.admin).post(f"/ideas/{idea.id}/follow").status_code == 404
    assert follow_of(kim, idea) is None
    assert db.session.scalar(select(Notification.id).where(Notification.user_id == kim.id)) is None
