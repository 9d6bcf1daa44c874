"""Requests are checked before any view: undecodable escapes and files get a 400, a body over
the size limit a 413, each as a page in the person's language, and nothing is saved."""

import io
from urllib.parse import urlencode

from sqlalchemy import func, select

from tests import conftest
from tracker import create_app
from tracker.config import DEFAULTS
from tracker.extensions import db
from tracker.forms import ROWS_MAX
from tracker.ideas.models import TEXT_MAX, Idea

BAD_ESCAPES = ["%FF%FE", "%C0%AF", "%ED%A0%80", "%E2%82"]  # overlong, a surrogate, cut short


def _idea_form(world, **fields) -> dict:
    return {
        "title": "Digitala nycklar",
        "need": "Nycklar försvinner.",
        "proposal": "Lås med mobilen.",
        "unit_id": world.a.home_care.id,
        "source": "employee",
        "version": 0,
        **fields,
    }


def _ideas() -> int:
    count = db.session.scalar(select(func.count(Idea.id)))
    db.session.rollback()
    return count


def test_an_undecodable_escape_in_the_address_is_a_400_in_swedish(world, login):
    client = login(world.a.employee)
    for escape in BAD_ESCAPES:
        response = client.get(f"/ideas/?q={escape}", headers={"Accept-Language": "sv"})
        assert response.status_code == 400, escape
        assert "Adressen innehåller tecken som inte är giltig text." in response.text


def test_an_undecodable_escape_in_a_form_is_a_400_and_saves_nothing(world, login):
    client = login(world.a.employee)
    before = _ideas()
    for escape in BAD_ESCAPES:
        body = urlencode(_idea_form(world, title="x")).replace("title=x", f"title=a{escape}b")
        response = client.post(
            "/ideas/new", data=body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 400, escape
        assert "inte är giltig text" in response.text
    assert _ideas() == before


def test_valid_escapes_in_a_form_are_read_as_the_form(world, login):
    body = urlencode(_idea_form(world, title="Åtgärd för äldreomsorgen"))
    client = login(world.a.employee)
    response = client.post(
        "/ideas/new", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    title = db.session.scalar(select(Idea.title).order_by(Idea.id.desc()))
    assert title == "Åtgärd för äldreomsorgen"


def test_a_file_where_no_form_takes_files_is_a_400_and_saves_nothing(world, login):
    client = login(world.a.employee)
    before = _ideas()
    for name in ("title", "tags", "attachment"):
        data = {**_idea_form(world), name: (io.BytesIO(b"%PDF-1.4"), "x.pdf")}
        response = client.post("/ideas/new", data=data, headers={"Accept-Language": "sv"})
        assert response.status_code == 400, name
        assert "Det här formuläret tar inte emot filer." in response.text
    assert _ideas() == before


class CountingStream(io.RawIOBase):
    """A request body of `size` bytes that counts how much of it is read."""

    def __init__(self, size: int):
        self.size, self.read_bytes = size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), self.size - self.read_bytes)
        buffer[:n] = b"a" * n
        self.read_bytes += n
        return n


def test_a_body_over_the_limit_is_a_413_in_swedish_before_it_is_read(world, login):
    limit = DEFAULTS["MAX_CONTENT_LENGTH"]
    stream = CountingStream(limit + 1)
    response = login(world.a.employee).post(
        "/ideas/new",
        headers={"Accept-Language": "sv", "Content-Type": "application/x-www-form-urlencoded"},
        environ_overrides={"wsgi.input": stream, "CONTENT_LENGTH": str(limit + 1)},
    )
    assert response.status_code == 413
    assert "Det du skickade är för stort" in response.text
    assert stream.read_bytes == 0
    assert _ideas() == 0


def test_the_largest_form_fits_the_limits():
    """A pilot evaluation of 20 criteria with every text at its longest, all in "ä"."""
    fields = {f"result_{i}-evidence": "ä" * TEXT_MAX for i in range(ROWS_MAX)}
    fields |= {"learnings": "ä" * TEXT_MAX, "changes": "ä" * TEXT_MAX, "decision": "stop"}
    size = len(urlencode(fields))
    assert size < DEFAULTS["MAX_CONTENT_LENGTH"]
    assert size < DEFAULTS["MAX_FORM_MEMORY_SIZE"]


def test_the_size_limit_is_read_from_the_environment(monkeypatch, database_uri):
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "4096")
    monkeypatch.setenv("MAX_FORM_MEMORY_SIZE", "2048")
    app = create_app(conftest.test_config(database_uri))
    assert app.config["MAX_CONTENT_LENGTH"] == 4096
    assert app.config["MAX_FORM_MEMORY_SIZE"] == 2048


def test_the_checks_run_before_csrf_reads_the_form(database_uri, world):
    """CSRF reads the form, and with it the body: the escape check must have read it first."""
    app = create_app(conftest.test_config(database_uri, WTF_CSRF_ENABLED=True))
    client = app.test_client()
    response = client.post(
        "/login", data="email=a%FF&password=x", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "inte är giltig text" in response.text
    assert client.post("/login", data={"email": "a@example.org"}).status_code == 400  # no token


def test_an_accept_language_that_is_not_text_falls_back_to_swedish(world, login):
    client = login(world.a.employee)
    response = client.get("/ideas/", headers={"Accept-Language": "sv\xff\xfe,en;q=\x00"})
    assert response.status_code == 200
