"""The fast whole-number path writes exactly what Babel writes."""

from decimal import Decimal

import pytest
from babel.numbers import format_decimal

from tracker.templating import number, sek


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("value", [0, 7, 999, 1000, -1234, 1234567, 10**12, Decimal("2500.00")])
def test_whole_numbers_match_babel(app, language, value):
    with app.test_request_context(headers={"Accept-Language": language}):
        assert number(value) == format_decimal(value, "#,##0", locale=language)
        expected = format_decimal(round(Decimal(value)), "#,##0", locale=language) + "\xa0kr"
        assert sek(value) == expected


def test_fractions_and_patterns_still_go_through_babel(app):
    with app.test_request_context(headers={"Accept-Language": "sv"}):
        assert number(Decimal("12.5")) == "12,5"
        assert number(3, "#,##0.00") == "3,00"
        assert number(None) == ""
        assert sek(Decimal("-0.4")) == "0\xa0kr"
