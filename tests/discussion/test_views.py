"""Comment pages and fragments: the thread on the idea page, HTMX answers, read rights, escaping,
and a fixed number of statements however many comments there are."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from tests.discussion.helpers import open_idea
from tests.factories import counted_statements, make_user, table_rows
from tracker.auth.roles import Role
from tracker.dbtypes import utcnow
from tracker.discussion import services
from tracker.discussion.models import Comment, CommentRevision, Mention
from tracker.extensions import db
from tracker.ideas import services as idea_services
from tracker.ideas.stages import Stage

HTMX = {"HX-Request": "true"}


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "sv"
    return client


def thread_of(page: str) -> str:
    start = page.index('<section id="comments"')
    return page[start : page.index("</section>", start)]


def test_a_plain_post_goes_back_to_the_idea_at_the_comment(world, login):
    idea = open_idea(world.a)
    client = login(world.a.manager)
    response = client.post(f"/ideas/{idea.id}/comments/new", data={"body": "Bra **idé**"})
    comment = db.session.scalar(select(Comment))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/ideas/{idea.id}#comment-{comment.id}")
    page = client.get(f"/ideas/{idea.id}").text
    assert "Din kommentar är publicerad." in page
    assert '<h2 id="comments-heading">Kommentarer</h2>' in page
    assert "Bra <strong>idé</strong>" in thread_of(page)


def test_an_htmx_post_answers_the_thread_and_its_event(world, login):
    idea = open_idea(world.a)
    response = login(world.a.manager).post(
        f"/ideas/{idea.id}/comments/new", data={"body": "Hej"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "commentsChanged"
    assert "HX-Request" in response.headers["Vary"]
    assert response.text.strip().startswith('<section id="comments"')
    assert "<html" not in response.text and "Hej" in response.text


@pytest.mark.parametrize("htmx", [False, True])
def test_an_empty_comment_is_shown_again_with_its_message_tied_to_the_field(world, login, htmx):
    idea = open_idea(world.a)
    headers = HTMX if htmx else {}
    response = login(world.a.manager).post(
        f"/ideas/{idea.id}/comments/new", data={"body": "  "}, headers=headers
    )
    assert response.status_code == 422
    assert 'aria-describedby="body-help body-error"' in response.text
    assert ("<h1>" in response.text) is not htmx
    assert db.session.scalar(select(func.count(Comment.id))) == 0


def test_a_closed_idea_shows_why_it_takes_no_comment_and_refuses_one(world, login):
    idea = open_idea(world.a)
    comment = services.post_comment(idea, world.a.employee, "Före")
    idea_services.move_idea(idea, world.a.manager, Stage.DECLINED, version=None, reason="Ej nu")
    db.session.commit()
    client = login(world.a.manager)
    thread = thread_of(client.get(f"/ideas/{idea.id}").text)
    assert "Idén är avslutad (Avslutad): den tar inte emot fler kommentarer." in thread
    assert "<textarea" not in thread and f"/comments/{comment.id}/reply" not in thread
    before = table_rows(Comment)
    response = client.post(f"/ideas/{idea.id}/comments/new", data={"body": "Efter"})
    assert response.status_code == 422
    assert "Idén är avslutad: den tar inte emot fler kommentarer." in response.text
    reply = client.post(f"/comments/{comment.id}/reply", data={"reply-body": "Svar"})
    assert reply.status_code == 422 and table_rows(Comment) == before


def test_decisions_with_their_reasons_read_in_the_thread_in_order(world, login):
    a = world.a
    idea = open_idea(a, Stage.PRIORITISED)
    services.post_comment(idea, a.employee, "Första kommentaren", now=utcnow() - timedelta(days=1))
    idea_services.move_idea(idea, a.manager, Stage.SCREENING, version=None, reason="Mer underlag")
    idea_services.move_idea(
        idea,
        a.manager,
        Stage.PARKED,
        version=None,
        reason="Vänta på budget",
        revisit_on=(utcnow() + timedelta(days=60)).date(),
    )
    db.session.commit()
    thread = thread_of(login(a.employee).get(f"/ideas/{idea.id}").text)
    first = thread.index("Första kommentaren")
    back = thread.index("Maja Berg flyttade tillbaka idén till Bedömning:")
    parked = thread.index("Maja Berg parkerade idén:")
    assert first < back < parked
    assert "Mer underlag" in thread and "Vänta på budget" in thread


def test_edit_inline_with_htmx_then_marked_edited(world, login):
    idea = open_idea(world.a)
    comment = services.post_comment(idea, world.a.employee, "Första")
    db.session.commit()
    client = login(world.a.employee)
    form = client.get(f"/comments/{comment.id}/edit", headers=HTMX)
    assert form.status_code == 200 and 'id="edit-body"' in form.text and "Första" in form.text
    assert "<h1>" in client.get(f"/comments/{comment.id}/edit").text  # without JavaScript
    saved = client.post(f"/comments/{comment.id}/edit", data={"edit-body": "Andra"}, headers=HTMX)
    assert saved.status_code == 200 and saved.headers["HX-Trigger"] == "commentsChanged"
    assert "Andra" in saved.text and "redigerad" in saved.text
    assert db.session.scalar(select(CommentRevision.body)) == "Första"


def test_after_the_minutes_the_edit_link_is_gone_and_the_page_says_why(world, login):
    idea = open_idea(world.a)
    old = services.post_comment(idea, world.a.employee, "Gammal", now=utcnow() - timedelta(hours=1))
    db.session.commit()
    client = login(world.a.employee)
    assert f"/comments/{old.id}/edit" not in client.get(f"/ideas/{idea.id}").text
    response = client.get(f"/comments/{old.id}/edit")
    assert response.status_code == 302
    assert "En kommentar kan ändras i 15 minuter" in client.get(response.headers["Location"]).text
    refused = client.post(f"/comments/{old.id}/edit", data={"edit-body": "Ny"})
    assert refused.status_code == 422 and db.session.get(Comment, old.id).body == "Gammal"


def test_removal_is_confirmed_on_a_page_and_leaves_a_placeholder_and_the_replies(world, login):
    a = world.a
    idea = open_idea(a)
    top = services.post_comment(idea, a.employee, "Hemlig text")
    services.post_comment(idea, a.leader, "Svaret står kvar", parent_id=top.id)
    db.session.commit()
    client = login(a.manager)
    confirm = client.get(f"/comments/{top.id}/remove")
    assert confirm.status_code == 200 and confirm.text.count("<h1") == 1
    assert client.post(f"/comments/{top.id}/remove").status_code == 302
    thread = thread_of(client.get(f"/ideas/{idea.id}").text)
    assert "Kommentaren togs bort av Maja Berg" in thread
    assert "Hemlig text" not in thread and "Svaret står kvar" in thread
    assert db.session.scalar(select(CommentRevision.body)) == "Hemlig text"


def test_only_the_author_edits_and_only_the_author_or_a_manager_removes(world, login):
    a = world.a
    idea = open_idea(a)
    comment = services.post_comment(idea, a.employee, "Min")
    db.session.commit()
    leader = login(a.leader)
    assert leader.get(f"/comments/{comment.id}/edit").status_code == 403
    assert leader.post(f"/comments/{comment.id}/remove").status_code == 403
    assert leader.post(f"/comments/{comment.id}/edit", data={"edit-body": "x"}).status_code == 403
    assert db.session.get(Comment, comment.id).removed_at is None


@pytest.mark.parametrize("htmx", [False, True])
def test_comment_routes_check_the_ideas_read_rights(world, login, htmx):
    a, b = world.a, world.b
    idea = open_idea(a)
    comment = services.post_comment(idea, a.manager, "Intern")
    idea.confidential = True  # an open idea is every member's to read and discuss
    outsider = make_user(a.org, a.school, Role.EMPLOYEE, "out@a.example.org", "Ute")
    db.session.commit()
    headers = HTMX if htmx else {}
    urls = [
        ("get", f"/ideas/{idea.id}/comments"),
        ("get", f"/ideas/{idea.id}/comments/people?q=m"),
        ("post", f"/ideas/{idea.id}/comments/new"),
        ("get", f"/comments/{comment.id}/reply"),
        ("post", f"/comments/{comment.id}/reply"),
        ("get", f"/comments/{comment.id}/remove"),
    ]
    for user, status in ((b.admin, 404), (outsider, 403)):
        client = login(user)
        for method, url in urls:
            response = getattr(client, method)(url, headers=headers, data={"body": "x"})
            assert response.status_code == status, (user.email, url)
            assert "Intern" not in response.text
    assert db.session.scalar(select(func.count(Comment.id))) == 1


XSS = [
    "<script>alert(1)</script>",
    "[klicka](javascript:alert(1))",
    '<img src=x onerror="alert(1)">',
    '<a href="https://example.org" onclick="alert(1)">x</a>',
]


@pytest.mark.parametrize("htmx", [False, True])
def test_script_in_comments_mentions_and_titles_is_neutralised(world, login, htmx):
    a = world.a
    idea = open_idea(a, title="<script>alert('titel')</script>")
    a.leader.name = "<img src=x onerror=alert(2)>"
    for text in XSS:
        services.post_comment(idea, a.employee, f"{text} @leader")
    services.post_comment(idea, a.employee, "Se [länk](https://example.org)")
    db.session.commit()
    client = login(a.manager)
    response = client.get(
        f"/ideas/{idea.id}" if not htmx else f"/ideas/{idea.id}/comments",
        headers=HTMX if htmx else {},
    )
    html = response.text if htmx else thread_of(response.text)
    assert Elements(html).unsafe == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>@&lt;img src=x onerror=alert(2)&gt;</strong>" in html
    assert 'href="https://example.org" rel="noopener noreferrer nofollow"' in html
    if not htmx:
        assert "<script>alert(" not in response.text


def test_a_mention_shows_the_persons_current_name_and_a_former_employee_as_such(world, login):
    a = world.a
    idea = open_idea(a)
    services.post_comment(idea, a.employee, "Fråga @manager och @leader")
    a.leader.anonymised_at = utcnow()
    a.manager.name = "Maja Nyberg"
    db.session.commit()
    thread = thread_of(login(a.admin).get(f"/ideas/{idea.id}").text)
    assert "<strong>@Maja Nyberg</strong>" in thread
    assert "<strong>@Tidigare medarbetare</strong>" in thread and "Lena" not in thread


def test_a_handle_of_someone_who_may_not_read_the_idea_stays_as_typed(world, login):
    a, b = world.a, world.b
    idea = open_idea(a, confidential=True)
    make_user(a.org, a.school, Role.EMPLOYEE, "lisa@a.example.org", "Lisa Hemlig")
    services.post_comment(idea, a.manager, "Hej @lisa och @leader@b.example.org")
    db.session.commit()
    thread = thread_of(login(a.manager).get(f"/ideas/{idea.id}").text)
    assert "@lisa" in thread and "Lisa Hemlig" not in thread and b.leader.name not in thread
    assert db.session.scalar(select(func.count()).select_from(Mention)) == 0


def test_suggestions_list_only_people_who_may_read_the_idea(world, login):
    a, b = world.a, world.b
    idea = open_idea(a, confidential=True)
    make_user(a.org, a.school, Role.EMPLOYEE, "lena.hemlig@a.example.org", "Lena Hemlig")
    make_user(b.org, b.root, Role.LEADER, "lena.annan@b.example.org", "Lena Annan")
    db.session.commit()
    response = login(a.manager).get(f"/ideas/{idea.id}/comments/people?q=len", headers=HTMX)
    assert response.status_code == 200
    assert 'role="listbox"' in response.text and 'role="option"' in response.text
    assert "Lena Lind" in response.text and 'data-handle="leader"' in response.text
    assert "Hemlig" not in response.text and "Annan" not in response.text


class Elements(HTMLParser):
    """The elements of some HTML that could run script: script tags, images, event handlers,
    javascript: links."""

    def __init__(self, html: str):
        super().__init__()
        self.unsafe: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe"):
            self.unsafe.append(tag)
        for name, value in attrs:
            if name.startswith("on") or "javascript:" in (value or "").lower():
                self.unsafe.append(f"{tag} {name}={value}")


def _statements(client, idea) -> int:
    with counted_statements() as seen:
        response = client.get(f"/ideas/{idea.id}")
    assert response.status_code == 200
    return len(seen)


def test_the_idea_page_reads_as_many_statements_for_thirty_comments_as_for_one(world, login):
    a = world.a
    one, thirty = open_idea(a), open_idea(a)
    people = [a.employee, a.manager, a.leader, a.admin]
    services.post_comment(one, a.employee, "Ensam @manager")
    top, posted = None, []
    for i in range(30):
        author = people[i % 4]
        parent = top.id if top is not None and i % 3 else None
        comment = services.post_comment(thirty, author, f"Nr {i} @leader @admin", parent_id=parent)
        top = comment if parent is None else top
        posted.append(comment)
    for comment in posted[::7]:
        services.remove_comment(comment, a.manager)
    db.session.commit()
    client = login(a.manager)
    client.get(f"/ideas/{one.id}")  # the first visit of each page warms the caches
    thread = thread_of(client.get(f"/ideas/{thirty.id}").text)
    assert thread.count('class="comment"') + thread.count('class="comment removed"') == 30
    assert _statements(client, one) == _statements(client, thirty)


def test_suggestions_find_a_name_by_a_swedish_first_letter_in_any_case(world, login):
    a = world.a
    idea = open_idea(a)
    make_user(a.org, a.root, Role.LEADER, "asa.orn@a.example.org", "Åsa Örn")
    db.session.commit()
    client = login(a.manager)
    for typed in ("åsa", "Åsa", "örn", "asa.o"):
        response = client.get(f"/ideas/{idea.id}/comments/people?q={typed}", headers=HTMX)
        assert "Åsa Örn" in response.text, typed


@pytest.mark.parametrize("typed", ["%00", "a%00b", "%1F", "%25", "_", "%5C"])
def test_suggestions_for_control_characters_or_wildcards_find_nobody_and_never_fail(
    world, login, typed
):
    idea = open_idea(world.a)
    response = login(world.a.manager).get(f"/ideas/{idea.id}/comments/people?q={typed}")
    assert response.status_code == 200 and 'role="option"' not in response.text
