import pytest


@pytest.fixture
def client(client):
    """Pages in English, so that the messages read as written (WTForms ships Swedish ones)."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
