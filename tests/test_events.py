"""The event seam: every event has its line in the one table, handlers run in order in the
writer's transaction, and a failing handler takes the whole write back."""

import pytest
from sqlalchemy import func, select

from tests.factories import make_idea
from tracker import events
from tracker.dashboard.models import FlowCell
from tracker.events import Event, IdeaMoved, IdeaSubmitted
from tracker.extensions import db
from tracker.handlers import EVENT_HANDLERS
from tracker.ideas.models import Idea, StageChange
from tracker.ideas.services import move_idea
from tracker.ideas.stages import Stage


def _all_events() -> list[type[Event]]:
    return Event.__subclasses__()


def test_every_event_has_a_line_in_the_table():
    assert set(_all_events()) == set(EVENT_HANDLERS)


def test_an_app_whose_table_misses_an_event_does_not_start(app):
    table = {e: h for e, h in EVENT_HANDLERS.items() if e is not IdeaMoved}
    with pytest.raises(RuntimeError, match="IdeaMoved"):
        events.install(app, table)


@pytest.fixture
def table(app):
    """The app's table for one test: a test may add or replace lines."""
    saved = app.extensions["tracker.events"]
    app.extensions["tracker.events"] = {e: list(h) for e, h in saved.items()}
    yield app.extensions["tracker.events"]
    app.extensions["tracker.events"] = saved


def test_handlers_run_in_the_order_of_the_table_after_the_dashboards(world, table):
    seen = []
    table[IdeaSubmitted] += [lambda e: seen.append(("first", e.idea.segment_id)), seen.append]
    idea = make_idea(world.a.employee)
    assert seen[0] == ("first", idea.segment_id) and idea.segment_id is not None
    assert seen[1] == IdeaSubmitted(idea, seen[1].first)
    assert seen[1].first.id is not None  # published after the flush


class Broken(Exception):
    pass


def _broken(event):
    raise Broken


def test_a_failing_handler_takes_the_whole_write_back(world, login, table):
    a = world.a
    db.session.commit()
    table[IdeaSubmitted].append(_broken)
    client = login(a.employee)
    form = {
        "title": "Digital signering",
        "need": "Papper skickas fram och tillbaka.",
        "proposal": "Använd e-signering.",
        "unit_id": str(a.home_care.id),
        "source": "employee",
        "version": "0",
    }
    with pytest.raises(Broken):
        client.post("/ideas/new", data=form)
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(Idea)) == 0
    assert db.session.scalar(select(func.count()).select_from(StageChange)) == 0
    assert db.session.scalar(select(func.count()).select_from(FlowCell)) == 0


def test_a_move_is_published_with_its_history_row(world, table):
    a = world.a
    idea = make_idea(a.employee, owner_id=a.manager.id)
    seen = []
    table[IdeaMoved].append(seen.append)
    change = move_idea(idea, a.manager, Stage.SCREENING, version=idea.version)
    assert seen == [IdeaMoved(idea, change)]
    assert change.id is not None
