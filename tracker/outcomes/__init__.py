"""What happened to the ideas: the organisation's ideas per stage and its latest realised ones."""

from flask import Blueprint

bp = Blueprint("outcomes", __name__)


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.outcomes import views  # noqa: F401

    return bp
