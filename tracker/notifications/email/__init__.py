"""Notifications by e-mail: each person's choice per kind, the immediate e-mail and the
digests (`flask send-notifications`), and the one-click unsubscribe."""

from flask import Blueprint

bp = Blueprint("notification_email", __name__)


def routes() -> Blueprint:
    """The blueprint with the routes of its modules on it."""
    from tracker.notifications.email import views  # noqa: F401

    return bp
