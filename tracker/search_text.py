"""Free-text search in SQL: "does any of these columns contain the words", on every database."""

from collections.abc import Iterable

from sqlalchemy import ColumnElement, func, or_

from tracker.extensions import db


def _glob_pattern(q: str) -> str:
    """A GLOB pattern for SQLite that ignores letter case, Swedish letters included.

    SQLite's lower() and LIKE fold ASCII only, so "Äldreomsorg" would miss "äldreomsorg":
    each other cased letter becomes a set of both cases, matched against lower(column).
    """
    out = []
    for char in q:
        lower, upper = char.lower(), char.upper()
        if char in "*?[":
            out.append(f"[{char}]")
        elif char.isascii():
            out.append(lower)
        elif lower != upper and len(lower) == len(upper) == 1:
            out.append(f"[{lower}{upper}]")
        else:
            out.append(char)
    return "*" + "".join(out) + "*"


def contains_text(columns: Iterable[ColumnElement[str]], q: str) -> ColumnElement[bool]:
    """Any of the columns contains q, whatever the letter case; %, _ and \\ are plain characters."""
    q = q.strip().replace("\x00", "")  # PostgreSQL refuses NUL in text
    if db.session.get_bind().dialect.name == "sqlite":
        pattern = _glob_pattern(q)
        return or_(*(func.lower(column).op("GLOB")(pattern) for column in columns))
    return or_(*(column.icontains(q, autoescape=True) for column in columns))
