"""What happened, as the write services tell it, and how it reaches the code that reacts.

A service makes its change, flushes, then publishes an event; `publish` runs the handlers that
the app's table (`tracker/handlers.py`) lists for it, in order, in the same transaction, so a
failed handler takes the whole write back. An event carries what the service has read already,
so that no handler reads it again. This module sits below the domains: it names their models
only for type checking, and imports no handler.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from flask import current_app

if TYPE_CHECKING:
    from tracker.auth.models import User
    from tracker.benefits.models import Benefit, Measurement
    from tracker.discussion.models import Comment
    from tracker.ideas.models import Idea, StageChange


class Event:
    """Something that happened in a domain; its handlers are listed in `tracker/handlers.py`."""


@dataclass(frozen=True)
class IdeaSubmitted(Event):
    idea: Idea
    first: StageChange  # its first history row, flushed


@dataclass(frozen=True)
class IdeaChanged(Event):
    """The idea's text, unit, category, strategic goal or confidentiality changed (an edit, an
    assessment, the confidential switch)."""

    idea: Idea


@dataclass(frozen=True)
class IdeaMoved(Event):
    idea: Idea
    change: StageChange  # the new history row, flushed


@dataclass(frozen=True)
class BenefitChanged(Event):
    """A benefit was identified, planned, replanned or closed."""

    benefit: Benefit


@dataclass(frozen=True)
class MeasurementRecorded(Event):
    benefit: Benefit
    measurement: Measurement


@dataclass(frozen=True)
class CostsChanged(Event):
    """A cost of the idea was added, changed or deleted."""

    idea: Idea


@dataclass(frozen=True)
class BenefitSettingsChanged(Event):
    organisation_id: int
    horizon_changed: bool
    tolerance_changed: bool


@dataclass(frozen=True)
class BenefitFiguresKept(Event):
    """A benefit's kept figures were refreshed; `plan` and `readings` as the refresh read them."""

    benefit: Benefit
    plan: Any  # calc.Plan | None
    readings: Sequence[Any]  # calc.Reading


@dataclass(frozen=True)
class YearFiguresChanged(Event):
    """An idea's kept SEK per year went from `before` to `after` ({year: {figure: kronor}})."""

    idea: Idea
    before: Mapping[int, Mapping[str, Decimal]]
    after: Mapping[int, Mapping[str, Decimal]]


@dataclass(frozen=True)
class IdeaSupported(Event):
    """A person began to support the idea (a withdrawal publishes nothing)."""

    idea: Idea
    supporter: User


@dataclass(frozen=True)
class RoleGiven(Event):
    """A person was given a role on the idea: `role` is one of ROLES."""

    idea: Idea
    user: User
    role: str
    by: User | None


# The roles a person can be given on an idea, as RoleGiven names them.
ROLES = ("owner", "pilot_owner", "benefit_owner", "unit_contact", "activity_owner")


@dataclass(frozen=True)
class CommentPosted(Event):
    """A comment or reply was posted; `mentioned` are the people it names who may read the
    idea (the author left out), each once."""

    idea: Idea
    comment: Comment
    mentioned: Sequence[User]


@dataclass(frozen=True)
class CommentEdited(Event):
    """A comment's author changed its text; `mentioned` are only the people newly named."""

    idea: Idea
    comment: Comment
    mentioned: Sequence[User]


@dataclass(frozen=True)
class SignOffRequested(Event):
    """A benefit's owner proposed it as realised: it waits for someone else's sign-off."""

    idea: Idea
    benefit: Benefit
    proposer: User


@dataclass(frozen=True)
class ItemDue(Event):
    """A dated item fell due for a person: `subject` is "evaluate" (a pilot ended), "follow_up"
    (a benefit's follow-up) or "activity" (a rollout activity); `subject_id` names it."""

    idea_id: int
    user_id: int
    subject: str
    subject_id: int
    due_on: date


Handlers = Mapping[type[Event], Sequence[Callable[[Any], None]]]
_KEY = "tracker.events"


def install(app, handlers: Handlers) -> None:
    """The app's table of handlers; every event class must be listed, even with no handler."""
    missing = [e.__name__ for e in Event.__subclasses__() if e not in handlers]
    if missing:
        raise RuntimeError(f"events without a line in the handler table: {missing}")
    app.extensions[_KEY] = handlers


def publish(event: Event) -> None:
    """Run the event's handlers in order, in the caller's transaction."""
    for handler in current_app.extensions[_KEY][type(event)]:
        handler(event)
