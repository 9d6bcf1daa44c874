"""Personal data (GDPR): a person downloads everything the tracker holds about them."""

from flask import Blueprint

bp = Blueprint("people", __name__, url_prefix="/account")


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.people import views  # noqa: F401

    return bp
