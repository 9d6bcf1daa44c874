import pytest


@pytest.fixture
def client(client):
    """Pages in English, so that the sentences read as written."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
