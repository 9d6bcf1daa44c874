import pytest


@pytest.fixture
def client(client):
    """Pages in the default language, Swedish, as a link from an e-mail opens them: the
    notifications' tests above read theirs in English."""
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE", None)
    return client
