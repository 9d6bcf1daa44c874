"""The words of an idea's costs: pure Python, no database."""

import enum

from flask_babel import lazy_gettext as _l

from tracker.labels import LabelledEnum, labels


class CostKind(enum.StrEnum):
    ONE_OFF = "one_off"
    RUNNING = "running"


class CostCategory(LabelledEnum):
    INTERNAL_TIME = "internal_time"
    PURCHASE = "purchase"
    LICENCE = "licence"
    OTHER = "other"


labels(
    {
        CostCategory.INTERNAL_TIME: _l("Internal time"),
        CostCategory.PURCHASE: _l("Purchase"),
        CostCategory.LICENCE: _l("Licence"),
        CostCategory.OTHER: _l("Other"),
    }
)
