"""Form helpers shared by the domains."""

from collections.abc import Iterable
from decimal import Decimal

from flask import request
from flask_babel import format_decimal
from flask_babel import gettext as _
from wtforms import SelectChoice, StringField

from tracker.i18n import parse_number

ROWS_MAX = 20  # rows of a form's repeated part (criteria, units, activities, interim targets)


def options(pairs: Iterable[tuple]) -> list[SelectChoice]:
    """SelectField choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def optional_int(value):
    """Coerce a select's value to an int, or None for the empty choice."""
    return int(value) if value not in (None, "", "None") else None


class LocaleDecimalField(StringField):
    """A decimal typed as the user's language writes it: "1,5" in Swedish, "1.5" in English."""

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist and valuelist[0].strip():
            try:
                self.data = parse_number(valuelist[0])  # finite, or ValueError
            except ValueError:
                example = format_decimal(Decimal("1.5"))
                raise ValueError(
                    _("Enter a number, such as %(example)s.", example=example)
                ) from None

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return format_decimal(self.data) if isinstance(self.data, Decimal) else ""


def add_row(form, name: str) -> bool:
    """The form's "add a row" button: one more empty row, no validation, nothing saved."""
    if request.method != "POST" or request.form.get("add_row") != name:
        return False
    rows = getattr(form, name)
    if len(rows) < ROWS_MAX:
        rows.append_entry()
    return True
