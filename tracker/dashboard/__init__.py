"""The leadership dashboard: aggregates kept on write, and the page that reads them."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.dashboard import views  # noqa: F401

    return bp
