"""Following ideas and being told: the bell, the notifications page, e-mail."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.notifications import views  # noqa: F401

    return bp
