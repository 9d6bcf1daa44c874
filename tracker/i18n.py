"""Language choice and locale-aware parsing."""

from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal
from flask import current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user


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
    """Parse a number as the user's locale writes it: "12,5" and "1 200" in Swedish.

    Strictly: English "12,5" is refused rather than read as 125; NaN and infinity are refused.
    """
    cleaned = text.strip().replace("\u00a0", " ").replace("\u202f", " ").replace("\u2212", "-")
    locale = str(get_locale() or "sv")
    try:
        if locale.startswith("sv"):
            cleaned = cleaned.replace(" ", "")
        value = parse_decimal(cleaned, locale=locale, strict=True)
    except NumberFormatError as error:
        raise ValueError(str(error)) from error
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return value
