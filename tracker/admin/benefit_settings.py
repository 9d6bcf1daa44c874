"""Benefit settings: the organisation's discount rate, horizon and on-track tolerance."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.admin import bp
from tracker.admin.views import saved
from tracker.benefits.forms import BenefitSettingsForm
from tracker.benefits.services import settings_for
from tracker.benefits.settings import save_settings
from tracker.web import run_form


@bp.route("/benefit-settings", methods=["GET", "POST"])
def benefit_settings():
    """Saving sets all three at once, with one audit entry for what changed."""
    current = settings_for(current_user.organisation_id)
    form = BenefitSettingsForm(
        data={
            "rate_percent": current.discount_rate * 100,
            "horizon_years": current.horizon_years,
            "tolerance_percent": current.tolerance * 100,
        }
    )
    return run_form(
        form,
        lambda: save_settings(
            current_user,
            rate_percent=form.rate_percent.data,
            horizon_years=form.horizon_years.data,
            tolerance_percent=form.tolerance_percent.data,
        ),
        done=saved(url_for("admin.index"), _("The benefit settings are saved.")),
        render=lambda: render_template("admin/benefit_settings.html", form=form),
    )
