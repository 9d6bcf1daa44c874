"""Helpers for the discussion tests: an open idea, and the events the comment services publish."""

import pytest
from flask import current_app

from tests.factories import make_idea
from tracker.events import CommentEdited, CommentPosted
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage


def open_idea(org, stage: Stage = Stage.SCREENING, **kw) -> Idea:
    """An idea of the employee in the home-care unit, in the manager's scope."""
    idea = make_idea(org.employee, org.home_care, stage, owner_id=org.manager.id, **kw)
    db.session.commit()
    return idea


@pytest.fixture
def published(app, monkeypatch):
    """The comment events published during the test, in order."""
    seen = []
    table = dict(current_app.extensions["tracker.events"])
    for kind in (CommentPosted, CommentEdited):
        table[kind] = [*table[kind], seen.append]
    monkeypatch.setitem(current_app.extensions, "tracker.events", table)
    return seen
