"""Discussion: comments on an idea, one level of replies, @mentions, and the decisions in the
thread."""

from flask import Blueprint

bp = Blueprint("discussion", __name__)


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.discussion import views  # noqa: F401

    return bp
