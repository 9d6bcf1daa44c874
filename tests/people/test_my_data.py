"""My data: a signed-in person downloads their own data as JSON; the download is audited."""

import json
import re
from datetime import date

import pytest
from sqlalchemy import exists, func, select

from tests.benefit_factories import idea_with_benefit, measure
from tests.demo_helpers import DEMO_PASSWORD
from tests.factories import make_idea
from tracker.audit import AuditAction, AuditEntry
from tracker.auth.models import User
from tracker.benefits.models import Measurement
from tracker.discussion.models import Comment
from tracker.extensions import db
from tracker.ideas import services as ideas
from tracker.ideas.models import Idea, StageChange
from tracker.people import data

NOTES = {
    "sv": (
        "Dina kommentarer och svar med deras text; en borttagen kommentar med den text den hade.",
        "Mina uppgifter",
    ),
    "en": (
        "Your comments and replies with their text; a removed comment with the text it had.",
        "My data",
    ),
}


def download(client, lang: str):
    return client.get("/account/data.json", headers={"Accept-Language": lang})


def _demo_person() -> User:
    """A demo person who submitted ideas and recorded measurements."""
    return db.session.scalar(
        select(User)
        .where(
            exists().where(Idea.submitter_id == User.id),
            exists().where(Measurement.recorded_by_id == User.id),
        )
        .order_by(User.id)
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_demo_person_downloads_their_ideas_and_measurements(demo, client, lang):
    person = _demo_person()
    ideas_ids = list(
        db.session.scalars(select(Idea.id).where(Idea.submitter_id == person.id).order_by(Idea.id))
    )
    measured = list(
        db.session.scalars(
            select(Measurement.id)
            .where(Measurement.recorded_by_id == person.id)
            .order_by(Measurement.id)
        )
    )
    moves = db.session.scalar(select(func.count()).where(StageChange.actor_id == person.id))
    comments = list(
        db.session.scalars(
            select(Comment.id).where(Comment.author_id == person.id).order_by(Comment.id)
        )
    )
    email, name = person.email, person.name
    client.post("/login", data={"email": email, "password": DEMO_PASSWORD})

    response = download(client, lang)

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "private, no-store"
    today = date.today().isoformat()
    assert response.headers["Content-Disposition"] == f"attachment; filename=my-data-{today}.json"
    got = json.loads(response.text)
    assert got["format"] == data.FORMAT
    assert got["profile"]["name"] == name and got["profile"]["email"] == email
    assert got["profile"]["roles"] == [person.role.value]
    assert [i["id"] for i in got["ideas_submitted"]] == ideas_ids
    first = got["ideas_submitted"][0]
    assert set(first) >= {"title", "need", "proposal", "stage", "created_at", "updated_at"}
    assert [m["id"] for m in got["measurements_recorded"]] == measured
    assert len(got["history"]["stage_changes"]) == moves
    assert [c["id"] for c in got["comments"]] == comments and got["costs"] == []
    assert got["notes"]["comments"] == NOTES[lang][0]


def test_the_download_holds_only_the_persons_own_rows_and_exact_values(world, login, client):
    a = world.a
    idea, benefit = idea_with_benefit(a)  # submitted by a's employee, the benefit is hers
    measure(benefit, a.employee, "12.5")
    supported = make_idea(a.manager, a.home_care, title="Maja's own idea")
    ideas.toggle_support(supported, a.leader)
    db.session.commit()
    got = json.loads(download(login(a.employee), "en").text)

    assert [i["title"] for i in got["ideas_submitted"]] == [idea.title]
    assert got["supports"] == []
    assert [b["id"] for b in got["benefits_owned"]] == [benefit.id]
    reading = got["measurements_recorded"][0]
    assert reading["value"] == "12.5" and reading["benefit_id"] == benefit.id
    assert got["profile"]["unit"] == "Hemtjänsten"
    assert got["profile"]["organisation"] == "Sotenäs kommun"
    assert "Maja Berg" not in json.dumps(got, ensure_ascii=False)
    leaders = json.loads(download(login(a.leader), "en").text)
    assert [s["idea_id"] for s in leaders["supports"]] == [supported.id]
    assert leaders["ideas_submitted"] == leaders["measurements_recorded"] == []


def test_the_download_is_written_to_the_audit_log(world, login, client):
    assert download(login(world.a.employee), "sv").status_code == 200
    db.session.expire_all()
    entry = db.session.scalar(select(AuditEntry))
    assert (entry.actor_id, entry.action, entry.object_type, entry.object_id) == (
        world.a.employee.id,
        AuditAction.EXPORT,
        "user",
        world.a.employee.id,
    )
    # the next download lists the earlier one among the person's audit entries
    got = json.loads(download(login(world.a.employee), "sv").text)
    assert [e["action"] for e in got["history"]["audit_log"]] == ["export"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_my_data_page_says_what_the_file_holds(world, login, client, lang):
    page = login(world.a.employee).get("/account/data", headers={"Accept-Language": lang}).text
    assert page.count("<h1") == 1
    assert f"<h1>{NOTES[lang][1]}</h1>" in page
    assert re.search(r'<a class="button primary" href="/account/data.json" download>', page)


@pytest.mark.parametrize("url", ["/account/password", "/"])
def test_the_account_pages_link_to_my_data(world, login, client, url):
    assert 'href="/account/data"' in login(world.a.employee).get(url).text


@pytest.mark.parametrize("url", ["/account/data", "/account/data.json"])
def test_signed_out_visitors_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
