"""Form helpers shared by the domains."""

from collections.abc import Iterable
from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import gettext as _
from wtforms import SelectChoice, StringField

from tracker.i18n import parse_number


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
