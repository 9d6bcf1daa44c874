"""Administration: users, units, the catalogues, WIP limits and benefit settings."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")


def routes() -> Blueprint:
    """The domain's blueprint with the routes of its modules on it."""
    from tracker.admin import (  # noqa: F401
        benefit_settings,
        catalogue,
        idea_settings,
        limits,
        people,
        units,
        views,
    )

    return bp
