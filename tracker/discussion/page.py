"""What the thread on the idea page shows, for the idea page and the discussion's own views:
the entries, each comment's buttons for the reader, the forms and the one open inline form."""

from dataclasses import dataclass

from flask_wtf import FlaskForm

from tracker.auth.models import User
from tracker.dbtypes import utcnow
from tracker.discussion import queries, services
from tracker.discussion.forms import CommentForm
from tracker.ideas.models import Idea, StageChange


@dataclass
class Open:
    """An inline form open in the thread: "reply" or "edit", on which comment."""

    mode: str
    comment_id: int
    form: FlaskForm


def context(
    idea: Idea,
    user: User,
    history: list[StageChange] | None = None,
    form: CommentForm | None = None,
    open_form: Open | None = None,
) -> dict:
    """The thread, with what the reader may do to each comment, in a fixed number of statements."""
    thread = queries.thread(idea, history)
    now = utcnow()
    actions = {}
    for entry in thread.entries:
        if entry.kind != "comment":
            continue
        for shown in (entry, *entry.replies):
            c = shown.comment
            actions[c.id] = (services.may_edit(user, c, now), services.may_remove(user, c, idea))
    return {
        "idea": idea,
        "thread": thread,
        "actions": actions,
        "closed": idea.stage.closed,
        "form": form or CommentForm(formdata=None),
        "open": open_form,
    }
