"""Signing in and out, the password and the language of the interface."""

from flask import Blueprint

bp = Blueprint("auth", __name__)


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.auth import views  # noqa: F401

    return bp
