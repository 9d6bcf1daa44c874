"""Anonymising a leaver: admins of the person's organisation only, never themselves nor the last
active admin; name, e-mail and login go, content and history stay, pages say "Former employee"."""

import re

import pytest
from sqlalchemy import select

from tests.benefit_factories import idea_with_benefit, measure
from tests.factories import PASSWORD, make_idea, make_user, table_rows
from tests.pilot_factories import prioritised_idea
from tracker.admin import services
from tracker.audit import AuditAction, AuditEntry
from tracker.auth.models import User
from tracker.auth.queries import people_choices
from tracker.auth.roles import Role
from tracker.benefits.models import Benefit, Measurement
from tracker.extensions import db
from tracker.ideas import services as ideas
from tracker.ideas.models import Idea, StageChange, Support
from tracker.ideas.stages import Stage
from tracker.refusals import Forbidden, Refused

FORMER = {"sv": "Tidigare medarbetare", "en": "Former employee"}
REFUSED = {
    "sv": "Fel e-post eller lösenord, eller så är kontot avstängt.",
    "en": "Wrong email or password, or the account is deactivated.",
}


@pytest.fixture
def ctx(app):
    """Services called in the test itself speak English."""
    with app.app_context(), app.test_request_context(headers={"Accept-Language": "en"}):
        yield
        db.session.remove()


def fresh(user: User) -> User:
    db.session.expire_all()
    return db.session.get(User, user.id)


def content() -> dict:
    return table_rows(Idea, StageChange, Support, Benefit, Measurement)


# ---------------------------------------------------------------- the service


def test_anonymising_removes_name_email_and_login_and_keeps_the_content(world):
    a = world.a
    idea, benefit = idea_with_benefit(a)
    measure(benefit, a.employee, "15")
    ideas.toggle_support(make_idea(a.manager, a.home_care), a.leader)
    db.session.commit()
    before = content()

    services.anonymise_user(a.admin, a.employee)
    services.anonymise_user(a.admin, a.leader)  # the supporter
    db.session.commit()

    eva = fresh(a.employee)
    assert eva.name == services.ANONYMISED_NAME and eva.display_name == "Former employee"
    assert eva.email == f"anonymised-{eva.id}@invalid"
    assert not eva.check_password(PASSWORD) and not eva.active and not eva.is_active
    assert eva.anonymised_at is not None
    assert content() == before  # ideas, history, supports, benefits and measurements stay
    assert db.session.get(Idea, idea.id).submitter_id == eva.id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == AuditAction.ANONYMISE))
    assert (entry.actor_id, entry.object_type, entry.object_id) == (a.admin.id, "user", eva.id)
    assert "Eva" not in entry.summary and "employee@" not in entry.summary


def test_two_anonymised_people_get_different_addresses(world):
    services.anonymise_user(world.a.admin, world.a.employee)
    services.anonymise_user(world.a.admin, world.a.manager)
    db.session.commit()
    assert fresh(world.a.employee).email != fresh(world.a.manager).email


def _second_admin(world, active: bool) -> User:
    admin = make_user(world.a.org, world.a.root, Role.ADMIN, "admin2@a.example.org", "Ada Ny")
    admin.active = active
    db.session.commit()
    return admin


@pytest.mark.parametrize(
    ("case", "refusal", "message"),
    [
        ("other organisation", Forbidden, "Only an administrator"),
        ("not an admin", Forbidden, "Only an administrator"),
        ("oneself", Refused, "You cannot anonymise your own account."),
        ("already anonymised", Refused, "This person is already anonymised."),
        # only a deactivated admin could be the one to anonymise the last active one
        ("last active admin", Forbidden, "Only an administrator"),
    ],
)
def test_anonymising_is_refused(world, case, refusal, message):
    a = world.a
    actor, person = {
        "other organisation": (world.b.admin, a.employee),
        "not an admin": (a.manager, a.employee),
        "oneself": (a.admin, a.admin),
        "already anonymised": (a.admin, a.employee),
        "last active admin": (_second_admin(world, active=False), a.admin),
    }[case]
    if case == "already anonymised":
        services.anonymise_user(a.admin, a.employee)
        db.session.commit()
    users = table_rows(User, AuditEntry)

    with pytest.raises(refusal) as raised:
        services.anonymise_user(actor, person)
    db.session.rollback()

    assert str(raised.value.message).startswith(message)
    assert table_rows(User, AuditEntry) == users


def test_an_admin_is_anonymised_while_another_admin_stays_active(world):
    second = _second_admin(world, active=True)
    services.anonymise_user(world.a.admin, second)
    db.session.commit()
    assert fresh(second).anonymised_at is not None


def test_an_anonymised_person_cannot_be_given_a_name_again(world):
    services.anonymise_user(world.a.admin, world.a.employee)
    db.session.commit()
    with pytest.raises(Refused, match="cannot be changed"):
        services.edit_user(
            world.a.admin, world.a.employee, name="Eva Ek", role=Role.EMPLOYEE, unit_id=None,
            active=True,
        )  # fmt: skip
    db.session.rollback()
    assert fresh(world.a.employee).display_name == "Former employee"


def test_an_anonymised_person_is_no_choice_for_owner_or_responsible(world):
    services.anonymise_user(world.a.admin, world.a.manager)
    db.session.commit()
    assert world.a.manager.id not in dict(people_choices(world.a.org.id))


# ---------------------------------------------------------------- the pages


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_confirmation_page_says_what_happens(world, login, client, lang):
    page = login(world.a.admin).get(
        f"/admin/users/{world.a.employee.id}/anonymise", headers={"Accept-Language": lang}
    )
    assert page.status_code == 200 and page.text.count("<h1") == 1
    heading = {"sv": "Anonymisera Eva Ek?", "en": "Anonymise Eva Ek?"}[lang]
    assert f"<h1>{heading}</h1>" in page.text
    assert FORMER[lang] in page.text
    assert {"sv": "kan inte ångras", "en": "cannot be undone"}[lang] in page.text
    assert 'name="csrf_token"' in page.text


def test_the_edit_page_leads_to_the_confirmation_but_not_for_oneself(world, login, client):
    admin = login(world.a.admin)
    url = f"/admin/users/{world.a.employee.id}/anonymise"
    assert f'href="{url}"' in admin.get(f"/admin/users/{world.a.employee.id}").text
    assert "/anonymise" not in admin.get(f"/admin/users/{world.a.admin.id}").text


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_after_anonymising_login_fails_and_the_idea_shows_a_former_employee(
    world, login, client, lang
):
    a = world.a
    idea = prioritised_idea(a)  # submitted by Eva Ek, Maja Berg responsible
    headers = {"Accept-Language": lang}
    response = login(a.admin).post(f"/admin/users/{a.employee.id}/anonymise", headers=headers)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/users"
    users = client.get("/admin/users", headers=headers).text
    assert {"sv": "Eva Ek är anonymiserad.", "en": "Eva Ek is anonymised."}[lang] in users

    page = login(a.manager).get(f"/ideas/{idea.id}", headers=headers).text
    assert f"<dd>{FORMER[lang]}</dd>" in page and "Eva Ek" not in page

    client.post("/logout")
    answer = client.post(
        "/login", data={"email": "employee@a.example.org", "password": PASSWORD}, headers=headers
    )
    assert answer.status_code == 200 and REFUSED[lang] in answer.text


def test_an_open_session_of_the_anonymised_person_ends(world, login, client, app):
    employee = app.test_client()
    employee.post("/login", data={"email": "employee@a.example.org", "password": PASSWORD})
    assert employee.get("/ideas/").status_code == 200
    services.anonymise_user(world.a.admin, world.a.employee)
    db.session.commit()
    response = employee.get("/ideas/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_every_page_that_named_the_person_says_former_employee(world, login, client):
    a = world.a
    idea, benefit = idea_with_benefit(a)  # Maja Berg responsible; the benefit is Eva's
    measure(benefit, a.employee, "15")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login(a.admin).post(f"/admin/users/{a.manager.id}/anonymise")
    login(a.admin).post(f"/admin/users/{a.employee.id}/anonymise")
    assert "Maja Berg is anonymised." in client.get("/admin/").text  # the flash, read once
    pages = {
        "idea": (a.leader, f"/ideas/{idea.id}"),
        "idea list": (a.leader, "/ideas/"),
        "board": (a.admin, "/board/"),
        "benefit": (a.leader, f"/benefits/{benefit.id}"),
        "admin list": (a.admin, "/admin/users"),
        "ideas export": (a.leader, "/exports/ideas.csv"),
        "history export": (a.leader, "/exports/history.csv"),
        "benefits export": (a.leader, "/exports/benefits.csv"),  # who recorded each measurement
    }
    for name, (reader, url) in pages.items():
        text = login(reader).get(url, buffered=True).get_data(as_text=True)
        assert "Former employee" in text, name
        assert "Maja Berg" not in text and "Eva Ek" not in text, name


def test_an_anonymised_person_has_no_edit_page(world, login, client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    admin = login(world.a.admin)
    admin.post(f"/admin/users/{world.a.employee.id}/anonymise")
    response = admin.get(f"/admin/users/{world.a.employee.id}")
    assert response.status_code == 302 and response.headers["Location"] == "/admin/users"
    listing = admin.get("/admin/users").text
    assert "cannot be changed" in listing
    assert f'href="/admin/users/{world.a.employee.id}"' not in listing
    for method in ("GET", "POST"):
        again = admin.open(f"/admin/users/{world.a.employee.id}/anonymise", method=method)
        assert again.status_code == 302 and again.headers["Location"] == "/admin/users"
        assert "already anonymised" in admin.get("/admin/users").text


def test_an_admin_cannot_anonymise_themselves_through_the_page(world, login, client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = login(world.a.admin).post(f"/admin/users/{world.a.admin.id}/anonymise")
    assert response.status_code == 422
    alert = r'role="alert"[^>]*>\s*<p>You cannot anonymise your own account.'
    assert re.search(alert, response.text)
    assert fresh(world.a.admin).anonymised_at is None


def test_a_person_of_another_organisation_answers_404(world, login, client):
    admin = login(world.a.admin)
    url = f"/admin/users/{world.b.employee.id}/anonymise"
    assert admin.get(url).status_code == 404
    assert admin.post(url).status_code == 404
    assert fresh(world.b.employee).anonymised_at is None


def test_the_name_read_in_sql_follows_each_readers_language(world, login, client):
    """The board reads names in SQL through an alias, which keeps the expression it built
    first: the words must still come in the language of each reader."""
    a = world.a
    make_idea(a.employee, a.home_care, Stage.SCREENING, owner_id=a.manager.id)
    db.session.commit()
    login(a.admin).post(f"/admin/users/{a.manager.id}/anonymise")
    for language, words in [("sv", "Tidigare medarbetare"), ("en", "Former employee")] * 2:
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
        with client.session_transaction() as session:
            session.pop("locale", None)
        page = login(a.admin).get("/board/").text
        assert words in page, language
