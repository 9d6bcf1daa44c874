"""Form helpers shared by the domains, and the fields for numbers typed as the user's language
writes them ("1 200,50" in Swedish): each gives one message per error and checks its own bounds,
so that a range validator does not repeat or contradict it."""

import re
from collections.abc import Iterable
from decimal import Decimal

from babel.numbers import format_decimal as babel_decimal
from flask import request
from flask_babel import format_decimal, get_locale, ngettext
from flask_babel import gettext as _
from wtforms import DateField as WTFormsDateField
from wtforms import DecimalField, IntegerField, SelectChoice, StringField
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import HiddenInput, TextInput

from tracker.i18n import parse_number
from tracker.validation import CONTROL_MESSAGE, has_control_characters
from tracker.web import MAX_ID, parse_id

_WHOLE = rf"-?[0-9]{{1,{len(str(MAX_ID))}}}"  # ASCII digits; longer is out of every range
ROWS_MAX = 20  # rows of a form's repeated part (criteria, units, activities, interim targets)


def no_control_characters(form, field) -> None:
    """A validator: text without control characters (NUL and the like; tab and newlines pass)."""
    if isinstance(field.data, str) and has_control_characters(field.data):
        raise ValidationError(str(CONTROL_MESSAGE))


def options(pairs: Iterable[tuple]) -> list[SelectChoice]:
    """SelectField choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def optional_int(value):
    """Coerce a select's value to an id (ASCII digits, 1 to MAX_ID), or None for the empty
    choice. Anything else stays text, which matches no choice and which the services refuse:
    int() would take "١٢", "1_0" and ids no INTEGER column holds."""
    if value in (None, "", "None"):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return parse_id(value) or value


def whole(value):
    """Coerce a radio's value to a whole number in ASCII digits; anything else stays text, which
    matches no choice."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    number = parse_id(value, minimum=0)
    return value if number is None else number


class IdField(IntegerField):
    """A row id or a version in a hidden field: ASCII digits from `minimum` to MAX_ID (a form
    for something new carries version 0); blank is None."""

    widget = HiddenInput()

    def __init__(self, *args, minimum: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.minimum = minimum

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = valuelist[0].strip()
        self.data = parse_id(text, self.minimum) if text else None
        if text and self.data is None:
            raise ValueError(_("Reload the page and try again: the form was malformed."))


WTFORMS_BAD_DATE = "Not a valid date value."  # WTForms' message, from its own catalogue


class DateField(WTFormsDateField):
    """A date as the browser's date box sends it: YYYY-MM-DD in ASCII digits (strptime would also
    take fullwidth digits such as "２０２６")."""

    def process_formdata(self, valuelist):
        if (
            valuelist
            and valuelist[0]
            and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", valuelist[0])
        ):
            self.data = None
            raise ValueError(self.gettext(WTFORMS_BAD_DATE))
        super().process_formdata(valuelist)


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


def shown(value: Decimal | int) -> str:
    """A number as the user's locale writes it, with every decimal it has and none it lacks."""
    if isinstance(value, Decimal):
        value = value.normalize() if value != value.to_integral_value() else value.quantize(1)
    return babel_decimal(value, locale=get_locale() or "sv", decimal_quantization=False)


def _range_message(minimum, maximum) -> str:
    if minimum is not None and maximum is not None:
        return _("Enter a number from %(min)s to %(max)s.", min=shown(minimum), max=shown(maximum))
    if minimum is not None:
        return _("Enter a number of at least %(min)s.", min=shown(minimum))
    return _("Enter a number of at most %(max)s.", max=shown(maximum))


class _OneMessage:
    """A field whose parse error is its only message: no validator repeats it."""

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()
        super().pre_validate(form)


class NumberField(_OneMessage, DecimalField):
    """A decimal in the user's locale ("12,5" and "1 200" in Swedish; "12.5", "1,200" in
    English), read with `tracker.i18n.parse_number`, within [minimum, maximum] and with at
    most `places` decimals (None: any). Blank is None; a field missing from the post keeps its
    value. A text box, not a number box: browsers refuse "1 200,50" in <input type=number>."""

    widget = TextInput()

    def __init__(
        self,
        label=None,
        validators=None,
        *,
        minimum: Decimal | int | None = None,
        maximum: Decimal | int | None = None,
        places: int | None = None,
        **kwargs,
    ):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(label, validators, places=places, **kwargs)
        self.minimum = None if minimum is None else Decimal(minimum)
        self.maximum = None if maximum is None else Decimal(maximum)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = None
        text = valuelist[0]
        if not text.strip():
            return
        try:
            value = parse_number(text)
        except ValueError:
            raise ValueError(
                _("Enter a number, such as %(example)s.", example=shown(Decimal("1200.5")))
            ) from None
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            raise ValueError(_range_message(self.minimum, self.maximum))
        if self.places is not None and -value.as_tuple().exponent > self.places:
            raise ValueError(
                ngettext(
                    "Use at most %(num)d decimal.", "Use at most %(num)d decimals.", self.places
                )
                if self.places
                else _("Enter a whole number.")
            )
        self.data = value

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else shown(Decimal(self.data))


class YearField(_OneMessage, IntegerField):
    """A year from `minimum` to `maximum`, typed in a text box; blank is None, anything else
    outside the range (or not a whole number) gives the one message."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, *, minimum: int, maximum: int, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "autocomplete": "off"})
        super().__init__(label, validators, **kwargs)
        self.minimum, self.maximum = minimum, maximum

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = None
        text = valuelist[0].strip()
        if not text:
            return
        # int() would also take "2_025" and other scripts' digits
        if not re.fullmatch(r"[0-9]{1,4}", text) or not self.minimum <= int(text) <= self.maximum:
            raise ValueError(
                _("Enter a year from %(min)d to %(max)d.", min=self.minimum, max=self.maximum)
            )
        self.data = int(text)

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)


class WholeNumberField(IntegerField):
    """An optional whole number, typed in a text box: a number box would send "" for "abc" in
    some browsers, and a typo would silently become "no value". Any error gives one message."""

    widget = TextInput()

    def __init__(self, *args, message, **kwargs):
        super().__init__(*args, **kwargs)
        self.message = message

    def process_formdata(self, valuelist):
        if not valuelist:  # not in the post at all: the value stays as it was
            return
        text = valuelist[0].strip()
        self.data = None
        # int() would take "1_0" and "١٠"; "-0" is a typo
        if text and (not re.fullmatch(_WHOLE, text) or text.startswith("-") and not int(text)):
            raise ValueError(str(self.message))
        self.data = int(text) if text else None

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()  # the one message is given; the range check would repeat it
