"""Exports of the organisation's data as CSV and XLSX, for leaders and admins."""

from flask import Blueprint

bp = Blueprint("exports", __name__, url_prefix="/exports")


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.exports import views  # noqa: F401

    return bp
