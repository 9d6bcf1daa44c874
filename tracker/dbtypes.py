"""Column types shared by the domains' models."""

import enum

from sqlalchemy import Enum


def enum_column(kind: type[enum.Enum], length: int = 20) -> Enum:
    """Store an enum as its value in a VARCHAR, the same on SQLite and PostgreSQL."""
    return Enum(
        kind,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
