"""The dashboard's reactions to what happened (tracker/handlers.py lists them): each keeps the
cells that the event changes, from what the event carries (dashboard/keep.py)."""

from tracker.dashboard import keep
from tracker.events import (
    BenefitFiguresKept,
    BenefitSettingsChanged,
    IdeaChanged,
    IdeaMoved,
    IdeaSubmitted,
    YearFiguresChanged,
)


def idea_submitted(event: IdeaSubmitted) -> None:
    keep.count_new_idea(event.idea, event.first)


def idea_changed(event: IdeaChanged) -> None:
    """A new unit, category or goal moves what the idea counts to its new segment."""
    keep.sync_idea(event.idea)


def idea_moved(event: IdeaMoved) -> None:
    keep.sync_idea(event.idea, new_change=event.change.id)


def benefit_figures_kept(event: BenefitFiguresKept) -> None:
    keep.sync_benefit(event.benefit, event.plan, event.readings)


def year_figures_changed(event: YearFiguresChanged) -> None:
    keep.add_year_changes(event.idea, event.before, event.after)


def settings_changed(event: BenefitSettingsChanged) -> None:
    """The kept statuses are judged with the organisation's tolerance."""
    if event.tolerance_changed:
        keep.resync_organisation_benefits(event.organisation_id)
