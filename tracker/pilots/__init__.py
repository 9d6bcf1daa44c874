"""Pilots: the plan, its extensions and evaluation, and the learnings page."""

from flask import Blueprint

bp = Blueprint("pilots", __name__)


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.pilots import learnings, views  # noqa: F401

    return bp
