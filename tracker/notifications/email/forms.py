"""The form of a person's e-mail choices: one radio group per kind of notification."""

from flask_wtf import FlaskForm
from wtforms import RadioField

from tracker.forms import options
from tracker.notifications.models import Delivery, Kind


class PreferencesForm(FlaskForm):
    """One radio group per Kind, named by its value, choosing a Delivery."""

    def choices(self) -> dict[Kind, Delivery | None]:
        """Each kind's chosen delivery; None where the value is no Delivery."""
        chosen = {}
        for kind in Kind:
            value = self[kind.value].data
            chosen[kind] = Delivery(value) if value in Delivery._value2member_map_ else None
        return chosen


for _value, _label in Kind.choices():
    setattr(PreferencesForm, _value, RadioField(_label, choices=options(Delivery.choices())))
