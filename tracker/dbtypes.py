"""Column types shared by the domains' models."""

import enum
from datetime import UTC, datetime

from sqlalchemy import Enum, Numeric

MONEY = Numeric(14, 2)  # kronor and öre


def enum_column(kind: type[enum.Enum], length: int = 20) -> Enum:
    """Store an enum as its value in a VARCHAR, the same on SQLite and PostgreSQL."""
    return Enum(
        kind,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def utcnow() -> datetime:
    """Now in UTC, without a time zone, as the columns keep it."""
    return datetime.now(UTC).replace(tzinfo=None)
