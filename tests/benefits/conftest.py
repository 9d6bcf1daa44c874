import pytest

from tracker.extensions import db


@pytest.fixture
def ctx(app):
    """Services called in the test itself speak English, so messages read as written."""
    with app.app_context(), app.test_request_context(headers={"Accept-Language": "en"}):
        yield
        db.session.remove()


@pytest.fixture
def client(client):
    """Pages in English, so that the messages read as written."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
