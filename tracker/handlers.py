"""The one table of who reacts to what: every event of tracker/events.py and its handlers, run
in this order, in the transaction of the write that published it. A new reaction is a new line
here, never a call added inside another domain's service."""

from tracker.benefits import figures
from tracker.dashboard import handlers as dashboard
from tracker.events import (
    BenefitChanged,
    BenefitFiguresKept,
    BenefitSettingsChanged,
    CommentEdited,
    CommentPosted,
    CostsChanged,
    IdeaChanged,
    IdeaMoved,
    IdeaSubmitted,
    IdeaSupported,
    ItemDue,
    MeasurementRecorded,
    RoleGiven,
    SignOffRequested,
    YearFiguresChanged,
)
from tracker.notifications import handlers as notify

EVENT_HANDLERS = {
    IdeaSubmitted: [dashboard.idea_submitted, notify.idea_submitted],
    IdeaChanged: [dashboard.idea_changed],
    IdeaMoved: [dashboard.idea_moved, figures.idea_moved, notify.idea_moved],
    BenefitChanged: [figures.benefit_changed],
    MeasurementRecorded: [figures.measurement_recorded],
    CostsChanged: [figures.costs_changed],
    BenefitSettingsChanged: [figures.settings_changed, dashboard.settings_changed],
    # published by the handlers above: the kept figures feed the dashboard's cells
    BenefitFiguresKept: [dashboard.benefit_figures_kept],
    YearFiguresChanged: [dashboard.year_figures_changed],
    IdeaSupported: [notify.idea_supported],
    RoleGiven: [notify.role_given],
    CommentPosted: [notify.comment_posted],
    CommentEdited: [notify.comment_edited],
    SignOffRequested: [notify.sign_off_requested],
    ItemDue: [notify.item_due],
}
