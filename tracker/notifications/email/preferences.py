"""How each person wants each kind of notification by e-mail: their saved choice, else
DEFAULT_DELIVERY (mentions, roles and what waits go at once, the rest in the daily digest)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from sqlalchemy import delete, select

from tracker import validation
from tracker.auth.models import User
from tracker.extensions import db
from tracker.notifications.models import DEFAULT_DELIVERY, Delivery, Kind, Preference

Choices = dict[Kind, Delivery]


def delivery_of(user_id: int, kind: Kind) -> Delivery:
    """How the person hears of `kind` by e-mail."""
    chosen = db.session.scalar(
        select(Preference.delivery).where(Preference.user_id == user_id, Preference.kind == kind)
    )
    return chosen or DEFAULT_DELIVERY[kind]


def deliveries_of(user_ids: Collection[int]) -> dict[int, Choices]:
    """Every kind's delivery for each of the people, in one statement (per thousand people)."""
    result = {user_id: dict(DEFAULT_DELIVERY) for user_id in user_ids}
    ids = list(result)
    for start in range(0, len(ids), 1000):  # bound the IN list
        rows = db.session.execute(
            select(Preference.user_id, Preference.kind, Preference.delivery).where(
                Preference.user_id.in_(ids[start : start + 1000])
            )
        )
        for user_id, kind, delivery in rows:
            result[user_id][kind] = delivery
    return result


def save_preferences(user: User, choices: Mapping[Kind, object]) -> Choices:
    """Save the person's delivery for every kind: one row per kind that differs from the
    default, none for the rest. Each value must be a Delivery; every kind must be given."""
    saved: Choices = {}
    for kind in Kind:
        saved[kind] = validation.member(kind.value, choices.get(kind), Delivery)
    db.session.execute(delete(Preference).where(Preference.user_id == user.id))
    db.session.add_all(
        Preference(user_id=user.id, kind=kind, delivery=delivery)
        for kind, delivery in saved.items()
        if delivery is not DEFAULT_DELIVERY[kind]
    )
    db.session.flush()
    return saved


def stop_mail(user_id: int, kinds: Iterable[Kind]) -> None:
    """The person gets no more e-mail of these kinds (an unsubscribe): only ever lowers mail."""
    kinds = set(kinds)
    rows = {
        p.kind: p
        for p in db.session.scalars(
            select(Preference).where(Preference.user_id == user_id, Preference.kind.in_(kinds))
        )
    }
    for kind in kinds:
        if kind in rows:
            rows[kind].delivery = Delivery.NEVER
        else:
            db.session.add(Preference(user_id=user_id, kind=kind, delivery=Delivery.NEVER))
    db.session.flush()
