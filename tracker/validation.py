"""The checks every write service makes of its input itself: not every caller has a form.

Each check returns the value as it is stored, or raises `Invalid` on the named form field, so
that the API, the demo loader or the generator get a clear refusal, never a database error. The
limits come from the models' columns (`column_length`, `numeric_limit`): the model stays the one
source of truth.
"""

import enum
import re
from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from tracker.refusals import Invalid
from tracker.web import MAX_ID as ID_MAX

# C0 control characters but tab, line feed and carriage return: PostgreSQL refuses NUL in text,
# and none of them belongs in what a person reads.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
YEAR_MIN, YEAR_MAX = 2000, 2100  # the dates a plan, a pilot or a measurement may carry

REQUIRED = _l("This field is required.")
CONTROL_MESSAGE = _l("Remove the control characters (such as NUL) from the text.")


def column_length(attribute) -> int | None:
    """The most characters a String column holds; None for Text."""
    return getattr(attribute.type, "length", None)


def numeric_limit(attribute) -> Decimal:
    """The first magnitude a Numeric(p, s) column cannot hold: 10 ** (p - s)."""
    return Decimal(10) ** (attribute.type.precision - attribute.type.scale)


def text(field: str, value, max_length: int, *, required: bool = False) -> str:
    """Text, trimmed, of at most `max_length` characters and without control characters; a
    required text is not empty."""
    if not isinstance(value, str):
        raise Invalid(field, _l("Enter text."))
    value = value.strip()
    if required and not value:
        raise Invalid(field, REQUIRED)
    if len(value) > max_length:
        raise Invalid(field, _l("Use at most %(max)d characters.", max=max_length))
    if has_control_characters(value):
        raise Invalid(field, CONTROL_MESSAGE)
    return value


def secret(field: str, value, max_length: int) -> str:
    """A password: text as typed (not trimmed), of at most `max_length` characters and without
    control characters."""
    if not isinstance(value, str) or not value:
        raise Invalid(field, REQUIRED)
    if len(value) > max_length:
        raise Invalid(field, _l("Use at most %(max)d characters.", max=max_length))
    if has_control_characters(value):
        raise Invalid(field, CONTROL_MESSAGE)
    return value


def has_control_characters(value: str) -> bool:
    return bool(_CONTROL.search(value))


def whole_number(field: str, value, minimum: int, maximum: int, message=None) -> int:
    """A whole number (not a bool) from `minimum` to `maximum`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(field, _l("Enter a whole number."))
    if not minimum <= value <= maximum:
        message = message or _l("Enter a number from %(min)s to %(max)s.", min=minimum, max=maximum)
        raise Invalid(field, message)
    return value


def identifier(field: str, value, *, required: bool = True) -> int | None:
    """The id of a row: a whole number from 1 to the largest an INTEGER column holds."""
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= ID_MAX:
        raise Invalid(field, _l("Choose one of the options."))
    return value


def number(
    field: str, value, below: Decimal, *, minimum=None, places: int | None = None, message=None
) -> Decimal:
    """A finite Decimal (or whole number) smaller in size than `below`, at least `minimum` and
    with at most `places` decimals when those are given; `message` tells the range."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise Invalid(field, _l("Enter a number."))
    value = Decimal(value)
    if not value.is_finite():
        raise Invalid(field, _l("Enter a number."))
    if abs(value) >= below:
        raise Invalid(field, message or _l("The number is too large."))
    if minimum is not None and value < minimum:
        raise Invalid(field, message or _l("Enter a number of at least %(min)s.", min=minimum))
    if places is not None and -value.as_tuple().exponent > places:
        raise Invalid(
            field,
            lazy_ngettext("Use at most %(num)d decimal.", "Use at most %(num)d decimals.", places),
        )
    return value


def boolean(field: str, value) -> bool:
    """True or False, not a value that merely looks like one ("false", 0)."""
    if not isinstance(value, bool):
        raise Invalid(field, _l("Choose one of the options."))
    return value


def member(field: str, value, kind: type[enum.Enum], allowed=None):
    """A member of the enum `kind` (not its value as text), one of `allowed` when given."""
    if not isinstance(value, kind) or (allowed is not None and value not in allowed):
        raise Invalid(field, _l("Choose one of the options."))
    return value


def day(field: str, value, *, required: bool = True) -> date | None:
    """A date (not a datetime) in the years YEAR_MIN to YEAR_MAX."""
    if value is None and not required:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise Invalid(field, _l("Enter a date."))
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise Invalid(
            field, _l("Enter a date in the years %(min)d to %(max)d.", min=YEAR_MIN, max=YEAR_MAX)
        )
    return value
