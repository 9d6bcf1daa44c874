"""Fixtures: the app from the factory, a migrated database (SQLite or PostgreSQL), clients, logins.

The schema is built once per run with `flask db upgrade`; every test then starts from empty tables.
Set TEST_DATABASE_URL to run the whole suite on PostgreSQL.
"""

import contextvars
import os

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from tests import factories
from tests.smtp import smtp_server
from tracker import create_app
from tracker.benefits.figures import rebuild_all
from tracker.dashboard.rebuild import rebuild_aggregates
from tracker.demo.data import load_demo
from tracker.extensions import db, limiter

STRICT = os.environ.get("TRACKER_STRICT") == "1"  # CI: a skipped browser test is a failure


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in item.nodeid.split("::")[0]:
            item.add_marker(pytest.mark.browser)


def pytest_sessionfinish(session, exitstatus):
    """Under TRACKER_STRICT=1 a skipped test fails the run: CI must run the browser and PG tests."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if STRICT and skipped and session.exitstatus == 0:
        reporter.write_line(f"TRACKER_STRICT=1: {len(skipped)} test(s) skipped", red=True)
        session.exitstatus = 1


def _database_uri(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1)
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")


@pytest.fixture(scope="session")
def database_uri(tmp_path_factory) -> str:
    return _database_uri(tmp_path_factory)


def test_config(database_uri: str, **extra) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": None,
        **extra,
    }


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production, even while a test holds one.

    Otherwise Flask reuses the test's context, and `g` (the signed-in user) and the database
    session would leak from one request into the next.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture(scope="session")
def app(database_uri):
    app = create_app(test_config(database_uri))
    app.test_client_class = IsolatedClient
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()  # the schema comes from the migrations, as in production
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _limiter_off():
    """The rate limiter is one object shared by every app, and each new app switches it as its
    settings say: after a test that made an app with it on, the suite's logins would start
    answering 429 once ten fell in the same minute."""
    yield
    limiter.enabled = False


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Empty every table after each test that used the app; first prove that the kept figures
    and the dashboard's cells match a full recomputation (`flask rebuild-aggregates --check`),
    unless the test wrote its data by hand (marked `kept_by_hand`)."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        by_hand = request.node.get_closest_marker("kept_by_hand") is not None
        drift = "" if by_hand else kept_drift()
        db.session.remove()
        factories.empty_tables()
    assert not drift, f"kept figures drifted from a recomputation: {drift}"


def kept_drift() -> str:
    """What `flask rebuild-aggregates --check` would report for the test's committed data."""
    figures = rebuild_all()
    cells = rebuild_aggregates()
    db.session.rollback()
    parts = [f"{t}: {n}" for t, n in cells.drifted.items() if n]
    if figures.changed:
        parts.append(f"benefits {figures.changed_benefits}, ideas {figures.changed_ideas}")
    return "; ".join(parts)


@pytest.fixture
def ctx(app):
    with app.app_context(), app.test_request_context():
        yield
        db.session.remove()


@pytest.fixture
def smtp(app, monkeypatch):
    """A real SMTP server on 127.0.0.1 that the app sends to; its Inbox keeps what arrives."""
    monkeypatch.setitem(app.config, "MAIL_FROM", "Tracker <tracker@kommun.example.se>")
    for name in ("MAIL_SERVER", "MAIL_PORT"):
        monkeypatch.setitem(app.config, name, app.config.get(name))
    with smtp_server(app.config) as inbox:
        yield inbox


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def demo(app, ctx):
    """The demo data, loaded afresh for each test that asks for it (test_demo*.py)."""
    return load_demo()


@pytest.fixture
def world(app, ctx):
    """Two organisations: units, users of every role, goals, categories and criteria."""
    return factories.world()


@pytest.fixture
def login(client):
    """Sign a user in on the test client (the login form itself is tested in test_auth)."""

    def _login(user):
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
        return client

    return _login
