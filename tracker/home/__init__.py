"""The start page: what waits for the person signed in."""

from flask import Blueprint

bp = Blueprint("home", __name__)


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.home import views  # noqa: F401

    return bp
