"""Signing in and out, passwords, language, CSRF and the login rate limit."""

import re
import secrets

import pytest
from flask import Flask

from tests import conftest
from tests.factories import PASSWORD, make_idea
from tracker import create_app
from tracker.auth.models import User
from tracker.extensions import db

REFUSED = "Wrong email or password, or the account is deactivated."


@pytest.fixture
def client(client):
    """Pages in English unless a test asks otherwise (WTForms ships Swedish messages)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def make_app(database_uri):
    """A second app on the test database, with its own settings; its connections are closed."""
    apps = []

    def _make(**settings) -> Flask:
        app = create_app(conftest.test_config(database_uri, **settings))
        app.test_client_class = conftest.IsolatedClient
        apps.append(app)
        return app

    yield _make
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def _field_error(response, field: str) -> str:
    match = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', response.text, re.S)
    return match.group(1) if match else ""


def _log_in(client, email: str, password: str = PASSWORD, **extra):
    return client.post("/login", data={"email": email, "password": password, **extra})


def _signed_in_as(client) -> str | None:
    """The name on the start page, or None when it sends to the login page."""
    page = client.get("/")
    if page.status_code != 200:
        return None
    return re.search(r'<span class="who">(.*?) <span', page.text).group(1)


# ---------------------------------------------------------------- log in and out


def test_the_login_page_shows_the_form(client):
    page = client.get("/login")
    assert page.status_code == 200
    assert 'name="email"' in page.text
    assert 'name="password"' in page.text


def test_a_person_logs_in_through_the_form(world, client):
    response = _log_in(client, "employee@a.example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert _signed_in_as(client) == "Eva Ek"


def test_the_email_is_matched_without_case_or_surrounding_spaces(world, client):
    response = _log_in(client, "  Employee@A.Example.org ")
    assert response.status_code == 302
    assert _signed_in_as(client) == "Eva Ek"


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("employee@a.example.org", "wrong-password"),
        ("nobody@a.example.org", PASSWORD),
        ("employee@a.example.org", PASSWORD.upper()),
    ],
    ids=["wrong-password", "unknown-email", "password-in-other-case"],
)
def test_a_wrong_login_is_refused_with_a_message_on_the_field(world, client, email, password):
    response = _log_in(client, email, password)
    assert response.status_code == 200
    assert _field_error(response, "password") == REFUSED
    assert 'value="' + email + '"' in response.text  # the email stays filled in
    assert _signed_in_as(client) is None


def test_a_deactivated_account_cannot_log_in(world, client):
    world.a.employee.active = False
    db.session.commit()
    response = _log_in(client, "employee@a.example.org")
    assert response.status_code == 200
    assert _field_error(response, "password") == REFUSED
    assert _signed_in_as(client) is None


def test_a_deactivated_account_loses_its_open_session(world, client):
    assert _log_in(client, "employee@a.example.org").status_code == 302
    assert _signed_in_as(client) == "Eva Ek"
    world.a.employee.active = False
    db.session.commit()
    assert _signed_in_as(client) is None
    assert client.get("/ideas/").status_code == 302


@pytest.mark.parametrize(
    ("field", "data"), [("email", {"email": ""}), ("password", {"password": ""})]
)
def test_an_empty_login_field_is_required(world, client, field, data):
    response = client.post(
        "/login", data={"email": "employee@a.example.org", "password": PASSWORD, **data}
    )
    assert response.status_code == 200
    assert _field_error(response, field) == "This field is required."
    assert _signed_in_as(client) is None


def test_a_page_that_needs_a_login_comes_back_after_it(world, client):
    response = client.get("/ideas/?mine=1")
    assert response.status_code == 302
    login_url = response.headers["Location"]
    form = client.get(login_url)
    assert "Please log in to see this page." in form.text
    next_value = re.search(r'name="next" type="hidden" value="([^"]*)"', form.text).group(1)
    assert next_value == "/ideas/?mine=1"
    response = _log_in(client, "employee@a.example.org", next=next_value)
    assert response.headers["Location"] == "/ideas/?mine=1"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "///evil.example",
        "http://evil.example/",
        "https:evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_next_never_leads_off_the_site(world, client, target):
    response = _log_in(client, "employee@a.example.org", next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert _signed_in_as(client) == "Eva Ek"


def test_next_is_followed_to_a_page_of_the_site(world, client):
    response = _log_in(client, "employee@a.example.org", next="/ideas/")
    assert response.headers["Location"] == "/ideas/"


def test_logout_is_post_only(world, client):
    _log_in(client, "employee@a.example.org")
    assert client.get("/logout").status_code == 405
    assert _signed_in_as(client) == "Eva Ek"
    response = client.post("/logout")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert "You are logged out." in client.get("/login").text
    assert _signed_in_as(client) is None


def test_the_session_cookie_is_httponly_and_samesite_lax_but_not_secure_by_default(world, client):
    response = _log_in(client, "employee@a.example.org")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie
    assert "Strict-Transport-Security" not in response.headers


def test_the_session_cookie_is_secure_when_configured(world, make_app):
    app = make_app(SESSION_COOKIE_SECURE=True)
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    client = app.test_client()
    response = client.post(
        "/login",
        data={"email": "employee@a.example.org", "password": PASSWORD},
        base_url="https://localhost",
    )
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


# ---------------------------------------------------------------- password


def _change_password(client, current=PASSWORD, new="ett-nytt-langt-losen", confirm=None):
    data = {"current": current, "new": new, "confirm": new if confirm is None else confirm}
    return client.post("/account/password", data=data)


def _hash_of(user: User) -> str:
    db.session.expire_all()
    return db.session.get(User, user.id).password_hash


def test_changing_the_password_needs_a_login(client):
    response = client.get("/account/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"current": "not-my-password"}, "current", "The current password is wrong."),
        ({"confirm": "ett-annat-langt-losen"}, "confirm", "The passwords do not match."),
        ({"new": "kort", "confirm": "kort"}, "new", "between 10 and 200 characters"),
        ({"current": ""}, "current", "This field is required."),
    ],
    ids=["wrong-current", "mismatch", "too-short", "no-current"],
)
def test_a_bad_password_change_is_refused_on_its_field(
    world, login, client, change, field, message
):
    before = _hash_of(world.a.employee)
    response = _change_password(login(world.a.employee), **change)
    assert response.status_code == 200
    assert message in _field_error(response, field)
    assert _hash_of(world.a.employee) == before


def test_a_changed_password_is_the_one_that_logs_in(world, client):
    _log_in(client, "employee@a.example.org")
    response = _change_password(client, new="ett-nytt-langt-losen")
    assert response.status_code == 302
    assert "Your password is changed." in client.get("/").text
    client.post("/logout")
    old = _log_in(client, "employee@a.example.org", PASSWORD)
    assert _field_error(old, "password") == REFUSED
    assert _log_in(client, "employee@a.example.org", "ett-nytt-langt-losen").status_code == 302
    assert _signed_in_as(client) == "Eva Ek"
    assert _hash_of(world.a.employee).startswith("scrypt:")


def test_changing_the_password_signs_out_the_other_sessions_but_not_this_one(world, app):
    laptop, phone = app.test_client(), app.test_client()
    for device in (laptop, phone):
        device.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
        _log_in(device, "employee@a.example.org")
    assert phone.get("/").status_code == 200
    assert _change_password(laptop, new="ett-nytt-langt-losen").status_code == 302
    assert laptop.get("/").status_code == 200  # the session that changed it goes on
    response = phone.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# ---------------------------------------------------------------- language


def _lang(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.text).group(1)


def test_the_pages_are_swedish_by_default(client):
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE")
    page = client.get("/login")
    assert _lang(page) == "sv"
    assert "In English" in page.text  # the switch offers the other language


@pytest.mark.parametrize(
    ("accept", "lang"),
    [("en", "en"), ("en-GB,en;q=0.9", "en"), ("fr,en;q=0.5", "en"), ("sv-SE", "sv"), ("de", "sv")],
)
def test_accept_language_chooses_among_swedish_and_english(client, accept, lang):
    page = client.get("/login", headers={"Accept-Language": accept})
    assert _lang(page) == lang


def test_english_pages_read_in_english(client):
    page = client.get("/login", headers={"Accept-Language": "en"})
    assert "<h1>Log in</h1>" in page.text
    assert "På svenska" in page.text


@pytest.mark.parametrize(("saved", "accept"), [("en", "sv"), ("sv", "en")])
def test_the_saved_choice_of_the_user_beats_accept_language(world, login, client, saved, accept):
    world.a.employee.locale = saved
    db.session.commit()
    page = login(world.a.employee).get("/", headers={"Accept-Language": accept})
    assert _lang(page) == saved


def test_choosing_a_language_is_saved_on_the_user(world, login, client):
    client = login(world.a.employee)
    response = client.post("/language", data={"locale": "en", "next": "/ideas/"})
    assert response.headers["Location"] == "/ideas/"
    db.session.expire_all()
    assert db.session.get(User, world.a.employee.id).locale == "en"
    assert _lang(client.get("/", headers={"Accept-Language": "sv"})) == "en"


def test_a_visitor_chooses_a_language_for_the_session(client):
    response = client.post("/language", data={"locale": "en", "next": "//evil.example"})
    assert response.headers["Location"] == "/"
    assert _lang(client.get("/login", headers={"Accept-Language": "sv"})) == "en"


def test_an_unknown_language_is_refused_and_not_saved(world, login, client):
    client = login(world.a.employee)
    assert client.post("/language", data={"locale": "de"}).status_code == 400
    db.session.expire_all()
    assert db.session.get(User, world.a.employee.id).locale is None


# ---------------------------------------------------------------- CSRF and rate limit


def _csrf_token(page) -> str:
    return re.search(r'"X-CSRFToken": "([^"]+)"', page.text).group(1)


def test_a_post_without_a_csrf_token_is_refused(world, make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.get("/login")
    response = client.post("/login", data={"email": "employee@a.example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "The form had expired or did not come from this site." in response.text
    assert _signed_in_as(client) is None


def test_a_post_with_a_wrong_csrf_token_is_refused(world, make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    client.get("/login")
    response = client.post(
        "/login",
        data={"email": "employee@a.example.org", "password": PASSWORD},
        headers={"X-CSRFToken": "forged"},
    )
    assert response.status_code == 400
    assert _signed_in_as(client) is None


def test_a_post_with_the_csrf_token_in_the_htmx_header_is_accepted(world, make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    token = _csrf_token(client.get("/login"))
    response = client.post(
        "/login",
        data={"email": "employee@a.example.org", "password": PASSWORD},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 302
    assert _signed_in_as(client) == "Eva Ek"


def test_every_form_of_a_page_carries_the_csrf_token(world, make_app):
    idea = make_idea(world.a.employee)
    db.session.commit()
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    token = _csrf_token(client.get("/login"))
    client.post(
        "/login",
        data={"email": "manager@a.example.org", "password": PASSWORD},
        headers={"X-CSRFToken": token},
    )
    page = client.get(f"/ideas/{idea.id}")
    forms = re.findall(r'<form method="post".*?</form>', page.text, re.S)
    assert len(forms) >= 3  # language, logout, "I am responsible", decline, park
    for form in forms:
        assert 'name="csrf_token"' in form


def test_the_login_is_rate_limited(world, make_app):
    client = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute").test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    for _ in range(3):
        response = _log_in(client, "employee@a.example.org", "wrong-password")
        assert response.status_code == 200
    response = _log_in(client, "employee@a.example.org", PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert _signed_in_as(client) is None
    assert client.get("/login").status_code == 200  # the page itself stays readable


def test_one_account_guessed_at_does_not_lock_out_others_behind_the_same_address(world, make_app):
    client = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute").test_client()
    for _ in range(3):
        assert _log_in(client, " Employee@a.example.org", "wrong-password").status_code == 200
    assert _log_in(client, "employee@a.example.org").status_code == 429
    assert _log_in(client, "manager@a.example.org").status_code == 302
    assert _signed_in_as(client) == world.a.manager.name


def test_many_accounts_tried_from_one_address_are_limited(world, make_app):
    client = make_app(
        RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute", LOGIN_ADDRESS_RATE_LIMIT="4/minute"
    ).test_client()
    for n in range(4):
        assert _log_in(client, f"nobody{n}@a.example.org", "guess").status_code == 200
    assert _log_in(client, "manager@a.example.org").status_code == 429
    assert _signed_in_as(client) is None


def test_with_redis_every_process_counts_the_same_attempts(world, make_app):
    """Each process keeps its own count in memory; REDIS_URL shares it (the README says so).
    A second app stands for a second gunicorn worker: it starts with a storage of its own."""
    settings = {
        "RATELIMIT_ENABLED": True,
        "LOGIN_RATE_LIMIT": "3 per minute",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "RATELIMIT_KEY_PREFIX": f"tracker-test-{secrets.token_hex(4)}",
    }
    first = make_app(**settings).test_client()
    for _ in range(2):
        assert _log_in(first, "employee@a.example.org", "wrong-password").status_code == 200
    second = make_app(**settings).test_client()
    assert _log_in(second, "employee@a.example.org", "wrong-password").status_code == 200
    assert _log_in(second, "employee@a.example.org").status_code == 429


def test_the_language_a_visitor_chose_survives_logging_in_and_out(world, client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "sv"
    client.post("/language", data={"locale": "en"})
    _log_in(client, "employee@a.example.org")
    assert _lang(client.get("/")) == "en"
    client.post("/logout")
    assert _lang(client.get("/login")) == "en"
