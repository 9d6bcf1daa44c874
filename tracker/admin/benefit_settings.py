"""Benefit settings: the organisation's discount rate, horizon and on-track tolerance."""

from flask import flash, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.admin.views import bp
from tracker.benefits import costs
from tracker.benefits.money import BenefitSettingsForm
from tracker.benefits.services import settings_for
from tracker.extensions import db
from tracker.refusals import Invalid
from tracker.web import redirect_to


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
    status = 200
    if form.validate_on_submit():
        try:
            costs.save_settings(
                current_user,
                rate_percent=form.rate_percent.data,
                horizon_years=form.horizon_years.data,
                tolerance_percent=form.tolerance_percent.data,
            )
            db.session.commit()
        except Invalid as invalid:
            db.session.rollback()
            errors = form[invalid.field].errors if invalid.field in form else form.form_errors
            errors.append(str(invalid.message))
            status = invalid.status
        else:
            flash(_("The benefit settings are saved."), "success")
            return redirect_to(url_for("admin.index"))
    elif form.is_submitted():
        status = 422
    return render_template("admin/benefit_settings.html", form=form), status
