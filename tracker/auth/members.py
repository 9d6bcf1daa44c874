"""Membership: the people and units a write may name belong to the organisation and are active."""

from flask_babel import lazy_gettext as _l

from tracker.auth.models import User
from tracker.extensions import db
from tracker.orgs import tenancy
from tracker.orgs.models import Unit
from tracker.refusals import Refused


def check_member(organisation_id: int, user_id: int | None, unit_id: int | None = None) -> None:
    """The person and unit belong to the organisation and are active; otherwise refuse."""
    if user_id is not None:
        person = db.session.get(User, user_id)
        if (
            person is None
            or not tenancy.same_organisation(person.organisation_id, organisation_id)
            or not person.active
        ):
            raise Refused(_l("Choose a person of your organisation."))
    if unit_id is not None:
        unit = db.session.get(Unit, unit_id)
        if (
            unit is None
            or not tenancy.same_organisation(unit.organisation_id, organisation_id)
            or not unit.active
        ):
            raise Refused(_l("Choose a unit of your organisation."))
