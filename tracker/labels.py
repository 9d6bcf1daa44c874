"""Enums whose members carry a translated label."""

import enum

_LABELS: dict[tuple[type, str], object] = {}


class LabelledEnum(enum.StrEnum):
    """A StrEnum stored by its value; `label` is the translated name given with `labels()`."""

    @property
    def label(self) -> str:
        return str(_LABELS[type(self), self.value])

    @classmethod
    def choices(cls, members=None) -> list[tuple[str, object]]:
        """(value, label) pairs whose labels stay lazy: a form built at import time still
        speaks the language of each request."""
        return [(m.value, _LABELS[cls, m.value]) for m in (members or cls)]


def labels(mapping: dict[LabelledEnum, object]) -> None:
    """Give each member its (lazy) translated label. StrEnum members of different enums compare
    equal when their values do, so the key is the enum and the value."""
    _LABELS.update({(type(member), member.value): label for member, label in mapping.items()})
