"""Administration of the organisation: the overview, the audit log and the shared page helpers.

The sections' routes live beside this module (people, units, catalogue) on the same blueprint.
"""

from flask import current_app, flash, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from tracker.admin import bp, queries, services
from tracker.admin.access import admins_only
from tracker.auth.models import User
from tracker.board.queries import stage_limits
from tracker.extensions import db
from tracker.orgs.models import Unit
from tracker.web import back_on_refusal, int_arg, redirect_to

bp.before_request(admins_only)


def page_number() -> int:
    return int_arg("page") or 1


def per_page() -> int:
    return current_app.config["ADMIN_PER_PAGE"]


def form_values(form: FlaskForm) -> dict:
    """The form's data without its CSRF token, as keyword arguments for a service."""
    return {name: value for name, value in form.data.items() if name != "csrf_token"}


def saved(back: str, message: str = ""):
    """After a saved change: `message` (by default "<the object> is saved.") and back."""

    def done(obj):
        flash(message or _("%(name)s is saved.", name=str(obj)), "success")
        return redirect_to(back)

    return done


def form_template(form: FlaskForm, back: str, heading: str, **context):
    """The shared admin form page, to show a form again with its errors."""
    return lambda: render_template(
        "admin/form.html", form=form, heading=heading, back=back, **context
    )


def set_active(obj, active: bool, back: str):
    """Deactivate or reactivate an object and go back; a refusal is flashed there, nothing saved."""
    back_on_refusal(back)
    services.set_active(current_user, obj, active)
    db.session.commit()
    name = str(obj)
    if active:
        flash(_("%(name)s is reactivated.", name=name), "success")
    else:
        flash(_("%(name)s is deactivated.", name=name), "success")
    return redirect_to(back)


@bp.get("/")
def index():
    from tracker.admin.catalogue import SECTIONS  # the catalogue's routes build on this module

    org = current_user.organisation_id
    sections = [
        (url_for("admin.users"), _("Users"), queries.counts(org, User)),
        (url_for("admin.units"), _("Units"), queries.counts(org, Unit)),
        *(
            (url_for("admin.catalogue", kind=s.slug), s.title, queries.counts(org, s.model))
            for s in SECTIONS.values()
        ),
    ]
    return render_template(
        "admin/index.html",
        sections=sections,
        audit_count=queries.audit_count(org),
        limit_count=len(stage_limits(org)),
    )


@bp.get("/audit")
def audit():
    page = queries.audit_page(current_user.organisation_id, page_number(), per_page())
    return render_template("admin/audit.html", page=page)
