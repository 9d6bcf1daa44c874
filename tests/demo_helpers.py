"""Readers shared by the demo data tests."""

from sqlalchemy import select

from tracker.auth.models import User
from tracker.extensions import db
from tracker.ideas.models import Idea

DEMO_PASSWORD = "demo-password"  # as published in the README and the `flask demo` output


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def _ideas() -> list[Idea]:
    return list(db.session.scalars(select(Idea).order_by(Idea.id)))


def _log_in(client, email: str, password: str = DEMO_PASSWORD):
    return client.post("/login", data={"email": email, "password": password})
