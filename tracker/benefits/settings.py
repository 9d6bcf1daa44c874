"""The organisation's benefit settings: discount rate, horizon and on-track tolerance."""

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from tracker import validation as check
from tracker.audit import AuditAction, audit
from tracker.auth.models import User
from tracker.benefits.models import BenefitSettings
from tracker.benefits.services import settings_for
from tracker.events import BenefitSettingsChanged, publish
from tracker.extensions import db
from tracker.orgs.models import Organisation
from tracker.refusals import Invalid

RATE_MAX_PERCENT = 20
HORIZON_MAX = 30
TOLERANCE_MIN_PERCENT = 50
RATE_PLACES = 2  # of the percentage: the column keeps 4 decimals of the fraction
TOLERANCE_PLACES = 1  # of the percentage: the column keeps 3 decimals of the fraction
_ANY = Decimal(10) ** 9  # a number of any size the checks below can compare


def _fraction(percent: Decimal, places: int, field: str) -> Decimal:
    if -percent.as_tuple().exponent > places:
        raise Invalid(
            field,
            lazy_ngettext("Use at most %(num)d decimal.", "Use at most %(num)d decimals.", places),
        )
    return percent / 100


def _plain(value) -> str:
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


def save_settings(
    actor: User, *, rate_percent: Decimal, horizon_years: int, tolerance_percent: Decimal
) -> BenefitSettings:
    """An admin sets the organisation's discount rate (0–20 %), horizon (1–30 years) and on-track
    tolerance (50–100 %); a change is audited on the organisation."""
    rate_percent = check.number("rate_percent", rate_percent, _ANY)
    horizon_years = check.whole_number(
        "horizon_years",
        horizon_years,
        1,
        HORIZON_MAX,
        _l("The horizon is from 1 to %(max)d years.", max=HORIZON_MAX),
    )
    tolerance_percent = check.number("tolerance_percent", tolerance_percent, _ANY)
    if not 0 <= rate_percent <= RATE_MAX_PERCENT:
        raise Invalid(
            "rate_percent", _l("The discount rate is from 0 to %(max)d %%.", max=RATE_MAX_PERCENT)
        )
    if not TOLERANCE_MIN_PERCENT <= tolerance_percent <= 100:
        raise Invalid(
            "tolerance_percent",
            _l("The tolerance is from %(min)d to 100 %%.", min=TOLERANCE_MIN_PERCENT),
        )
    new = {
        "discount_rate": _fraction(rate_percent, RATE_PLACES, "rate_percent"),
        "horizon_years": horizon_years,
        "tolerance": _fraction(tolerance_percent, TOLERANCE_PLACES, "tolerance_percent"),
    }
    settings = db.session.get(BenefitSettings, actor.organisation_id)
    if settings is None:
        settings = settings_for(actor.organisation_id)
        db.session.add(settings)
    old_horizon, old_tolerance = settings.horizon_years, settings.tolerance
    changes = []
    for name, value in new.items():
        old = getattr(settings, name)
        if old != value:
            changes.append(f"{name}: {_plain(old)} → {_plain(value)}")
        setattr(settings, name, value)
    db.session.flush()
    horizon, tolerance = settings.horizon_years != old_horizon, settings.tolerance != old_tolerance
    if horizon or tolerance:
        publish(BenefitSettingsChanged(actor.organisation_id, horizon, tolerance))
    if changes:
        organisation = db.session.get(Organisation, actor.organisation_id)
        audit(actor, AuditAction.UPDATE, organisation, "Benefit settings: " + "; ".join(changes))
    return settings
