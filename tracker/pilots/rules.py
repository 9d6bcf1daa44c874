"""The words of a pilot's evaluation and a rollout's progress: pure Python, no database."""

from flask_babel import lazy_gettext as _l

from tracker.labels import LabelledEnum, labels


class Decision(LabelledEnum):
    """What an evaluation decides about the idea."""

    SCALE_UP = "scale_up"
    PIVOT = "pivot"
    STOP = "stop"


class Outcome(LabelledEnum):
    """How far a success criterion was met."""

    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"


class UnitStatus(LabelledEnum):
    """Where an adopting unit is in the rollout."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"


labels(
    {
        Decision.SCALE_UP: _l("Scale up"),
        Decision.PIVOT: _l("Pivot"),
        Decision.STOP: _l("Stop"),
        Outcome.MET: _l("Met"),
        Outcome.PARTLY_MET: _l("Partly met"),
        Outcome.NOT_MET: _l("Not met"),
        UnitStatus.PLANNED: _l("Planned"),
        UnitStatus.IN_PROGRESS: _l("In progress"),
        UnitStatus.DONE: _l("Done"),
    }
)


def progress(done: int, total: int) -> int | None:
    """Whole percent done, rounded down so that 100 means all done; None when nothing to do."""
    return 100 * done // total if total else None
