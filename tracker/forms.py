"""Form helpers shared by the domains."""

from collections.abc import Iterable

from wtforms import SelectChoice


def options(pairs: Iterable[tuple]) -> list[SelectChoice]:
    """SelectField choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def optional_int(value):
    """Coerce a select's value to an int, or None for the empty choice."""
    return int(value) if value not in (None, "", "None") else None
