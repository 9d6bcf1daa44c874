"""The one-click unsubscribe token: a person and the kinds of notification an e-mail carried,
signed with the app's SECRET_KEY, so that no one can make one for somebody else. It needs no
login and does not expire: it can only ever lower the mail a person gets."""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from itsdangerous import BadData, URLSafeSerializer

from tracker.notifications.models import Kind

SALT = "notification-unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(user_id: int, kinds: Iterable[Kind]) -> str:
    """The token that stops the person's e-mail of these kinds."""
    return _serializer().dumps([user_id, sorted(k.value for k in set(kinds))])


def read_token(token: str) -> tuple[int, list[Kind]] | None:
    """The person and the kinds a token names, in the order of Kind; None for a token that was
    not signed here, is malformed or names no kind."""
    try:
        payload = _serializer().loads(token)
    except (BadData, UnicodeError, ValueError):
        return None
    if not (isinstance(payload, list) and len(payload) == 2):
        return None
    user_id, values = payload
    if isinstance(user_id, bool) or not isinstance(user_id, int) or not isinstance(values, list):
        return None
    if not all(isinstance(v, str) for v in values):
        return None
    kinds = [k for k in Kind if k.value in values]
    return (user_id, kinds) if kinds and len(kinds) == len(set(values)) else None
