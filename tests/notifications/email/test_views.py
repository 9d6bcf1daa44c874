"""The e-mail choices page, and the one-click unsubscribe that needs no login nor CSRF token."""

import pytest
from itsdangerous import URLSafeSerializer
from sqlalchemy import select

from tracker.extensions import db
from tracker.notifications.email.preferences import deliveries_of, delivery_of
from tracker.notifications.email.tokens import SALT, make_token
from tracker.notifications.models import DEFAULT_DELIVERY, Delivery, Kind, Preference

ALL_DEFAULT = {kind.value: DEFAULT_DELIVERY[kind].value for kind in Kind}


def saved_choices(user_id: int) -> dict:
    return dict(
        db.session.execute(
            select(Preference.kind, Preference.delivery).where(Preference.user_id == user_id)
        ).all()
    )


def test_the_page_shows_each_kind_with_its_delivery_and_saves_them_in_one_post(
    world, client, login
):
    eva = world.a.employee
    page = login(eva).get("/account/notifications")
    assert page.status_code == 200
    assert page.text.count("<fieldset") == len(Kind)
    assert (
        '<input checked id="mention-0" name="mention" type="radio" value="immediate">' in page.text
    )
    assert '<input checked id="comment-1" name="comment" type="radio" value="daily">' in page.text
    response = client.post(
        "/account/notifications", data={**ALL_DEFAULT, "comment": "weekly", "stage": "never"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert saved_choices(eva.id) == {Kind.COMMENT: Delivery.WEEKLY, Kind.STAGE: Delivery.NEVER}
    assert delivery_of(eva.id, Kind.COMMENT) is Delivery.WEEKLY
    assert delivery_of(eva.id, Kind.MENTION) is Delivery.IMMEDIATE
    again = client.get("/account/notifications")
    assert '<input checked id="comment-2" name="comment" type="radio" value="weekly">' in again.text
    back = client.post("/account/notifications", data=ALL_DEFAULT)
    assert back.status_code == 302
    db.session.expire_all()
    assert saved_choices(eva.id) == {}


@pytest.mark.parametrize("bad", ["sometimes", "", "\x00", "NEVER"])
def test_a_bad_choice_is_refused_on_its_field_and_nothing_is_saved(world, client, login, bad):
    eva = world.a.employee
    response = login(eva).post(
        "/account/notifications", data={**ALL_DEFAULT, "stage": "weekly", "comment": bad}
    )
    assert response.status_code == 422
    assert 'id="comment-error"' in response.text
    db.session.expire_all()
    assert saved_choices(eva.id) == {}


def test_the_bulk_lookup_reads_everyones_choices(world):
    a = world.a
    db.session.add(Preference(user_id=a.manager.id, kind=Kind.ROLE, delivery=Delivery.DAILY))
    db.session.flush()
    found = deliveries_of([a.employee.id, a.manager.id])
    assert found[a.employee.id] == DEFAULT_DELIVERY
    assert found[a.manager.id] == {**DEFAULT_DELIVERY, Kind.ROLE: Delivery.DAILY}


def test_the_unsubscribe_page_speaks_the_persons_language_and_needs_no_login(world, client):
    a = world.a
    a.manager.locale = "en"
    db.session.commit()
    swedish = client.get(f"/unsubscribe/{make_token(a.employee.id, [Kind.COMMENT])}")
    assert swedish.status_code == 200
    assert "Sluta få e-post om:" in swedish.text and "En ny kommentar" in swedish.text
    english = client.get(f"/unsubscribe/{make_token(a.manager.id, [Kind.COMMENT])}")
    assert "Stop e-mail about:" in english.text and 'lang="en"' in english.text


def test_one_click_post_without_a_csrf_token_stops_the_kinds_of_the_token(
    app, world, client, monkeypatch
):
    a = world.a
    token = make_token(a.employee.id, [Kind.COMMENT, Kind.STAGE])
    db.session.add(Preference(user_id=a.employee.id, kind=Kind.STAGE, delivery=Delivery.WEEKLY))
    db.session.commit()
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    refused = client.post("/account/notifications", data=ALL_DEFAULT)  # CSRF is on
    assert refused.status_code == 400
    response = client.post(f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 303
    db.session.expire_all()
    stopped = {Kind.COMMENT: Delivery.NEVER, Kind.STAGE: Delivery.NEVER}
    assert saved_choices(a.employee.id) == stopped
    done = client.get(response.headers["Location"])
    assert "Du får ingen mer e-post om detta" in done.text
    assert client.post(f"/unsubscribe/{token}").status_code == 303  # twice: still done
    assert saved_choices(a.employee.id) == stopped


def _forged(payload, key="test-secret", salt=SALT) -> str:
    return URLSafeSerializer(key, salt=salt).dumps(payload)


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "W1sImNvbW1lbnQiXV0.abc",
        "%FF",
        "x" * 5000,
        "<script>alert(1)",
    ],
)
def test_a_bad_token_is_a_friendly_400_in_swedish(world, client, token):
    for method in (client.get, client.post):
        response = method(f"/unsubscribe/{token}")
        assert response.status_code == 400
        assert "Länken fungerar inte" in response.text
    assert saved_choices(world.a.employee.id) == {}


def test_a_token_for_someone_else_cannot_be_made_without_the_key(world, client):
    a = world.a
    mine = make_token(a.employee.id, [Kind.COMMENT])
    payload, _, signature = mine.rpartition(".")
    theirs = make_token(a.manager.id, [Kind.COMMENT]).rpartition(".")[0]
    for token in (
        f"{theirs}.{signature}",  # another person's payload with my signature
        _forged([a.manager.id, ["comment"]], key="not-the-key"),
        _forged([a.manager.id, ["comment"]], salt="another-salt"),
        _forged([a.manager.id, []]),  # no kind
        _forged([a.manager.id, ["everything"]]),
        _forged([True, ["comment"]]),
        _forged([999999, ["comment"]]),  # nobody
        _forged([2**40, ["comment"]]),
        _forged({"user": a.manager.id}),
    ):
        assert client.post(f"/unsubscribe/{token}").status_code == 400, token
    assert saved_choices(a.manager.id) == {}
