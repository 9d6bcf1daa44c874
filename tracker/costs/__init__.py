"""Costs: an idea's one-off and running costs, planned and actual."""

from flask import Blueprint

bp = Blueprint("costs", __name__)


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.costs import views  # noqa: F401

    return bp
