"""The words of benefit realisation (nyttorealisering): pure Python, no database."""

from flask_babel import lazy_gettext as _l

from tracker.labels import LabelledEnum, labels


class BenefitType(LabelledEnum):
    """DIGG's and Inera's kinds of benefit."""

    FINANCIAL = "financial"  # money released from a budget, or earned: cash-releasing
    REALLOCATION = "reallocation"  # time or resources freed for other work: valued, not cash
    QUALITY = "quality"
    ENVIRONMENT = "environment"

    @property
    def monetised(self) -> bool:
        """Financial and reallocation benefits are valued in SEK; the others in their own unit."""
        return self in (BenefitType.FINANCIAL, BenefitType.REALLOCATION)

    @property
    def cash_releasing(self) -> bool:
        return self is BenefitType.FINANCIAL


class Stakeholder(LabelledEnum):
    RESIDENTS = "residents"
    EMPLOYEES = "employees"
    ORGANISATION = "organisation"
    BUSINESSES = "businesses"


class Direction(LabelledEnum):
    HIGHER = "higher"  # a higher value is better
    LOWER = "lower"

    @property
    def sign(self) -> int:
        return 1 if self is Direction.HIGHER else -1


class Confidence(LabelledEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Lifecycle(LabelledEnum):
    IDENTIFIED = "identified"
    PLANNED = "planned"  # baseline, target and owner set
    REALISING = "realising"  # the first measurement is in
    REALISED = "realised"  # signed off
    EVAPORATED = "evaporated"
    CANCELLED = "cancelled"

    @property
    def closed(self) -> bool:
        return self in (Lifecycle.REALISED, Lifecycle.EVAPORATED, Lifecycle.CANCELLED)


# A benefit closed without being realised.
DROPPED = (Lifecycle.EVAPORATED, Lifecycle.CANCELLED)


class Status(LabelledEnum):
    """Tracking status of a benefit against its plan."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"
    NOT_MEASURED = "not_measured"


labels(
    {
        BenefitType.FINANCIAL: _l("Financial"),
        BenefitType.REALLOCATION: _l("Reallocation"),
        BenefitType.QUALITY: _l("Quality"),
        BenefitType.ENVIRONMENT: _l("Environment"),
        Stakeholder.RESIDENTS: _l("Residents"),
        Stakeholder.EMPLOYEES: _l("Employees"),
        Stakeholder.ORGANISATION: _l("The organisation"),
        Stakeholder.BUSINESSES: _l("Businesses"),
        Direction.HIGHER: _l("Higher is better"),
        Direction.LOWER: _l("Lower is better"),
        Confidence.HIGH: _l("High"),
        Confidence.MEDIUM: _l("Medium"),
        Confidence.LOW: _l("Low"),
        Lifecycle.IDENTIFIED: _l("Identified"),
        Lifecycle.PLANNED: _l("Planned"),
        Lifecycle.REALISING: _l("Realising"),
        Lifecycle.REALISED: _l("Realised"),
        Lifecycle.EVAPORATED: _l("Evaporated"),
        Lifecycle.CANCELLED: _l("Cancelled"),
        Status.ACHIEVED: _l("Achieved"),
        Status.ON_TRACK: _l("On track"),
        Status.AT_RISK: _l("At risk"),
        Status.MISSED: _l("Missed"),
        Status.NOT_MEASURED: _l("Not measured"),
    }
)
