"""Rollouts: the adopting units and the change activities."""

from flask import Blueprint

bp = Blueprint("rollouts", __name__)


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.rollouts import views  # noqa: F401

    return bp
