"""Ideas: submission, the idea page and list, moves, support and assessment."""

from flask import Blueprint

bp = Blueprint("ideas", __name__, url_prefix="/ideas")


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.ideas import views  # noqa: F401

    return bp
