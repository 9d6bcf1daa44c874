"""Language choice and locale-aware parsing."""

import re
from decimal import Decimal

from flask import current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user

# What a person types, in ASCII digits only: Swedish groups thousands with a space (normal,
# no-break or narrow no-break) and writes decimals after a comma (or a point, as many type it);
# English groups with commas and writes a point. A minus sign may be "-" or U+2212. Anything
# else (other scripts' digits, "1_000", exponents, NaN) is refused rather than guessed.
_NUMBER = {
    "sv": re.compile(r"(-?)([0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+|[0-9]+)(?:[,.]([0-9]+))?"),
    "en": re.compile(r"(-?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?"),
}
_DIGITS_MAX = 40  # far beyond any amount, and short enough for Decimal to read at once


def select_locale() -> str:
    """The user's saved choice, else the session's, else Accept-Language, else Swedish; outside
    a request (a CLI command) the default language."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = current_app.config["LANGUAGES"]
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("locale") in languages:
        return session["locale"]
    return request.accept_languages.best_match(languages) or languages[0]


def parse_number(text: str) -> Decimal:
    """Parse a number as the user's locale writes it: "12,5" and "1 200" in Swedish, "12.5" and
    "1,200" in English; anything else is a ValueError (English "12,5" is not read as 125, and
    Swedish "1.200", which could be either, is asked about rather than read as 1,2)."""
    language = "en" if str(get_locale() or "sv").startswith("en") else "sv"
    cleaned = text.strip().replace("\u2212", "-")
    match = _NUMBER[language].fullmatch(cleaned) if len(cleaned) <= 2 * _DIGITS_MAX else None
    if match is None:
        raise ValueError(f"{text[:50]!r} is not a number as {language} writes it")
    sign, whole, decimals = match.groups()
    if language == "sv" and "." in cleaned and len(decimals) == 3 and whole.strip("0"):
        # "1.200" is 1 200 to some Swedes and 1,2 to others: ask rather than guess
        raise ValueError(f"{text[:50]!r} could be a thousands or a decimal point")
    value = Decimal(sign + re.sub("[^0-9]", "", whole) + (f".{decimals}" if decimals else ""))
    if sign and not value:
        raise ValueError("a minus sign before zero")  # "-0" is a typo, not a number
    return value
