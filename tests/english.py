"""Fixtures for test folders whose pages and services speak English, so that messages read as
written; a folder's conftest.py imports them."""

import pytest

from tracker.extensions import db


@pytest.fixture
def ctx(app):
    """Services called in the test itself speak English."""
    with app.app_context(), app.test_request_context(headers={"Accept-Language": "en"}):
        yield
        db.session.remove()


@pytest.fixture
def client(client):
    """Pages in English (WTForms ships Swedish messages of its own)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
