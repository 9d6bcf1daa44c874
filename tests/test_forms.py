"""The shared fields read ids, whole numbers and dates in ASCII digits only, as people type them."""

from datetime import date

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import RadioField, SelectField
from wtforms.validators import Optional

from tracker.forms import DateField, IdField, WholeNumberField, optional_int, options, whole

BAD_NUMBERS = ["９", "١٢", "1_000", "1e5", "1 2", "abc", "\x00", "9" * 5000]


class Sample(FlaskForm):
    row = IdField(validators=[Optional()])
    version = IdField(minimum=0, validators=[Optional()])
    unit = SelectField(coerce=optional_int, validate_choice=True)
    score = RadioField(coerce=whole, choices=options((v, str(v)) for v in range(1, 6)))
    count = WholeNumberField(message="Enter a whole number.", validators=[Optional()])
    on = DateField(validators=[Optional()])


def _form(**data) -> Sample:
    form = Sample(formdata=MultiDict(data))
    form.unit.choices = options([("", "None"), (7, "Seven")])
    form.validate()
    return form


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("row", "12", 12),
        ("row", "2147483647", 2147483647),
        ("version", "0", 0),
        ("unit", "7", 7),
        ("unit", "", None),
        ("score", "3", 3),
        ("count", "-4", -4),
        ("count", "007", 7),
        ("on", "2026-03-01", date(2026, 3, 1)),
    ],
)
def test_a_field_reads_what_people_type(request_context, name, text, value):
    form = _form(**{name: text})
    assert form[name].data == value
    assert not form[name].errors


@pytest.mark.parametrize("text", [*BAD_NUMBERS, "0", "-1", "2147483648", "99999999999999999999"])
@pytest.mark.parametrize("name", ["row", "unit", "score"])
def test_an_id_or_choice_in_another_script_or_out_of_range_is_refused(request_context, name, text):
    assert _form(**{name: text})[name].errors


@pytest.mark.parametrize("text", [*BAD_NUMBERS[:4], "-0", "99999999999"])
def test_a_whole_number_in_another_script_is_refused(request_context, text):
    assert _form(count=text).count.errors == ["Enter a whole number."]


@pytest.mark.parametrize("text", ["２０２６-01-01", "2026-1-1x", "2026-01-01\x00", "١٢"])
def test_a_date_in_other_digits_is_refused(request_context, text):
    assert _form(on=text).on.errors == _form(on="2026-02-31").on.errors  # WTForms' own


def test_optional_int_and_whole_leave_what_they_cannot_read_as_text():
    assert optional_int("١٢") == "١٢"  # matches no choice; the services refuse it
    assert optional_int("12") == 12
    assert optional_int("None") is None
    assert whole("٣") == "٣"
    assert whole("0") == 0
