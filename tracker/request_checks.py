"""What a request must be before any view reads it: text in valid UTF-8, and no files where no
form takes them. Anything else is answered 400 in the person's language (errors.py)."""

from urllib.parse import unquote_to_bytes

from flask import Flask, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

# The endpoints whose forms take files (attachments will be the first); all others refuse them.
TAKES_FILES: frozenset[str] = frozenset()
URLENCODED = "application/x-www-form-urlencoded"


def is_utf8(raw: bytes) -> bool:
    """Percent-escaped text (a query string or a form body) decodes as strict UTF-8: Werkzeug
    would keep an undecodable escape such as %FF as the literal text "%FF"."""
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:  # also overlong forms and encoded surrogates
        return False
    return True


def check_request() -> None:
    """Refuse undecodable escapes in the query string or a urlencoded body, and files."""
    if not is_utf8(request.query_string):
        raise BadRequest(_("The address contains characters that are not valid text."))
    if request.method == "GET":
        return
    # cache=True: the form is parsed from these bytes afterwards (Werkzeug reads them once)
    if request.mimetype == URLENCODED and not is_utf8(request.get_data(cache=True)):
        raise BadRequest(_("The form contained characters that are not valid text."))
    if request.files and request.endpoint not in TAKES_FILES:
        raise BadRequest(_("This form does not take files. Type the text into the field."))


def register(app: Flask) -> None:
    """Before every other check (CSRF reads the form, which would consume the body)."""
    app.before_request(check_request)
