"""Benefits: the benefit itself, its measurements, closing and follow-ups."""

from flask import Blueprint

bp = Blueprint("benefits", __name__)


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.benefits import closing_views, views  # noqa: F401

    return bp
