"""The kanban board, its gate dialogs and the impact/effort matrix."""

from flask import Blueprint

bp = Blueprint("board", __name__, url_prefix="/board")


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.board import gate_views, matrix, views  # noqa: F401

    return bp
