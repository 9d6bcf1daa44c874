"""Error pages: a full page, or a small message fragment swapped into #messages for HTMX."""

from flask import Flask, flash, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import Conflict, HTTPException, InternalServerError, default_exceptions

from tracker.extensions import db
from tracker.refusals import Refused
from tracker.web import is_htmx, redirect_to, refusal_back


def _render(error: HTTPException):
    if is_htmx():
        headers = {"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"}
        return render_template("errors/_message.html", error=error), error.code, headers
    return render_template("errors/page.html", error=error), error.code


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _render(error)

    @app.errorhandler(CSRFError)
    def expired_form(error: CSRFError):
        error.description = _(
            "The form had expired or did not come from this site. Reload the page and try again."
        )
        return _render(error)

    @app.errorhandler(Refused)
    def refused(refusal: Refused):
        """A refusal no form took: nothing is saved; its messages are flashed where it came from."""
        db.session.rollback()
        back = None if is_htmx() or refusal.status == 403 else refusal_back()
        if back is None:
            description = " ".join(str(message) for message in refusal.messages)
            return _render(default_exceptions[refusal.status](description or None))
        for message in refusal.messages:
            flash(str(message), "error")
        return redirect_to(back)

    @app.errorhandler(StaleDataError)
    def lost_race(error: StaleDataError):
        """Two writes passed the version check at once: the later one is refused, not lost."""
        db.session.rollback()
        return _render(Conflict())

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):
        db.session.rollback()  # a failed write leaves the data as it was
        return _render(error)
