"""The security headers on every response, no inline script or style, no cache of a signed-in
person's pages, and the secret key kept in the instance folder."""

import os
import re
import stat

import pytest
from flask import Flask

from tests.factories import make_idea
from tracker import config
from tracker.extensions import db


@pytest.fixture
def pages(world, login, client):
    """Pages of every kind: full pages, a fragment, errors, a static file and the health check."""
    idea = make_idea(world.a.employee)
    db.session.commit()
    return {
        "login": ("/login", {}),
        "start": ("/", {}),
        "ideas": ("/ideas/", {}),
        "fragment": ("/ideas/", {"HX-Request": "true"}),
        "idea": (f"/ideas/{idea.id}", {}),
        "new idea": ("/ideas/new", {}),
        "forbidden": (f"/ideas/{idea.id}/assess", {}),
        "not found": ("/ideas/999999", {}),
        "bad request": ("/ideas/?stage=bogus", {}),
        "static": ("/static/css/app.css", {}),
        "health": ("/healthz", {}),
    }


def test_every_response_carries_the_security_headers(world, login, client, pages):
    client = login(world.a.employee)
    for name, (url, headers) in pages.items():
        response = client.get(url, headers=headers)
        response.close()
        csp = response.headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in csp, name
        assert "style-src 'self'" in csp, name
        assert "frame-ancestors 'none'" in csp, name
        assert "object-src 'none'" in csp, name
        assert "unsafe-inline" not in csp, name
        assert "unsafe-eval" not in csp, name
        assert response.headers.get("X-Frame-Options") == "DENY", name
        assert response.headers.get("X-Content-Type-Options") == "nosniff", name
        assert response.headers.get("Referrer-Policy") == "same-origin", name


def test_pages_for_a_signed_in_person_are_not_cached_and_static_files_are(
    world, login, client, pages
):
    client = login(world.a.employee)
    for name, (url, headers) in pages.items():
        with client.get(url, headers=headers) as response:
            cache = response.headers.get("Cache-Control", "")
        if name == "static":
            assert "no-store" not in cache
        elif name != "health":
            assert cache == "private, no-store", name
    client.post("/logout")
    assert "no-store" not in client.get("/login").headers.get("Cache-Control", "")


def test_no_page_needs_inline_script_or_style(world, login, client, pages):
    client = login(world.a.manager)
    for name, (url, headers) in pages.items():
        with client.get(url, headers=headers) as response:
            if response.mimetype != "text/html":
                continue
            html = response.text
        assert "</" in html, name
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), name
        assert not re.search(r"<style\b", html), name
        assert not re.search(r"\sstyle=", html), name
        assert not re.search(r"\son[a-z]+=", html), name
        assert "javascript:" not in html, name


def test_a_secret_key_is_generated_into_the_instance_folder_once(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first, second = (
        Flask("one", instance_path=str(tmp_path)),
        Flask("two", instance_path=str(tmp_path)),
    )
    config.load(first, {})
    config.load(second, {})
    key_file = tmp_path / "secret_key"
    assert re.fullmatch(r"[0-9a-f]{64}", first.config["SECRET_KEY"])
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]
    assert key_file.read_text().strip() == first.config["SECRET_KEY"]
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no drafts left behind


def test_a_configured_secret_key_is_used_and_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = Flask("configured", instance_path=str(tmp_path))
    config.load(app, {"SECRET_KEY": "from-the-config"})
    assert app.config["SECRET_KEY"] == "from-the-config"
    assert not (tmp_path / "secret_key").exists()


def test_the_secret_key_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    app = Flask("environment", instance_path=str(tmp_path))
    config.load(app, {})
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_a_key_another_worker_wrote_first_is_kept(tmp_path, monkeypatch):
    """Two workers start at once: both see no key file, but only the first one's key stands."""
    (tmp_path / "secret_key").write_text("the-first-workers-key")
    monkeypatch.setattr(config.Path, "exists", lambda self: False)
    assert config._secret_key(str(tmp_path)) == "the-first-workers-key"
    assert (tmp_path / "secret_key").read_text() == "the-first-workers-key"
