"""Numbers are read the way the user's language writes them; outside a request, text speaks the
default language."""

from decimal import Decimal

import pytest
from flask_babel import gettext

from tracker.i18n import parse_number


@pytest.fixture
def speaking(app):
    """Run a function in a request whose Accept-Language is the given language."""

    def _run(language, function, *args):
        with app.test_request_context(headers={"Accept-Language": language}):
            return function(*args)

    return _run


@pytest.mark.parametrize(
    ("language", "text", "number"),
    [
        ("sv", "12,5", "12.5"),
        ("sv", "1 200", "1200"),
        ("sv", "1\u00a0200,5", "1200.5"),
        ("sv", " 7 ", "7"),
        ("sv", "-1,5", "-1.5"),
        ("sv", "\u22121,5", "-1.5"),  # the typographic minus sign
        ("en", "12.5", "12.5"),
        ("en", "1,200", "1200"),
        ("en", "1,200.5", "1200.5"),
        ("en", "-0.25", "-0.25"),
        ("sv", "1 200,50", "1200.50"),
        ("sv", "1\u202f200,50", "1200.50"),  # narrow no-break space
        ("sv", "1 200 000", "1200000"),
        ("sv", "12.5", "12.5"),  # as many Swedes type it
        ("sv", "0.125", "0.125"),  # a point after a zero can only be a decimal point
        ("sv", "1.2000", "1.2000"),
        ("sv", "1,200", "1.200"),
        ("sv", "\u22125", "-5"),
        ("sv", "0", "0"),
        ("en", "1,200.50", "1200.50"),
        ("en", "1,200,000", "1200000"),
        ("en", "\u22125", "-5"),
    ],
)
def test_a_number_is_read_as_the_language_writes_it(speaking, language, text, number):
    assert speaking(language, parse_number, text) == Decimal(number)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("sv", ""),
        ("sv", "abc"),
        ("sv", "12,5,6"),
        ("sv", "1.200"),  # 1 200 or 1,2: a point before three digits is asked about
        ("sv", "12.500"),
        ("sv", "NaN"),
        ("sv", "Infinity"),
        ("en", "12,5"),  # not 125: a Swede in the English interface means 12.5
        ("en", "0,5"),
        ("en", "NaN"),
        ("en", "-inf"),
        ("sv", "９"),  # fullwidth
        ("sv", "١٢"),  # Arabic-Indic
        ("en", "१२"),  # Devanagari
        ("sv", "1_000"),
        ("en", "1_000"),
        ("sv", "-0"),
        ("sv", "-0,00"),
        ("en", "-0.0"),
        ("sv", "1e-400"),
        ("en", "1E5"),
        ("sv", "1 20"),  # a group of two
        ("sv", "1,200.50"),
        ("en", "1 200"),
        ("en", "1,20"),
        ("sv", "+5"),
        ("sv", "12,"),
        ("sv", "9" * 100),
        ("sv", "1\x002"),
    ],
)
def test_what_is_not_a_number_of_the_language_is_refused(speaking, language, text):
    with pytest.raises(ValueError):
        speaking(language, parse_number, text)


def test_outside_a_request_text_speaks_the_default_language(app):
    """A CLI command (the reminders) reads names through gettext before any e-mail's language."""
    with app.app_context():
        assert gettext("Former employee") == "Tidigare medarbetare"
