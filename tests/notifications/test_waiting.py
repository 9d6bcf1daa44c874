"""What waits for a person, per role, from the data; and the sweep that tells of dated items
once, however often it runs."""

from datetime import timedelta

from flask_babel import force_locale
from sqlalchemy import func, select

from tests.benefits.test_closing_services import in_follow_up, proposed
from tests.factories import make_idea
from tests.notifications.helpers import told
from tests.pilot_factories import TODAY, in_rollout, plan_pilot, prioritised_idea
from tracker.extensions import db
from tracker.notifications.models import Kind, Notification
from tracker.notifications.waiting import sweep, waiting_for
from tracker.pilots.rules import UnitStatus


def _what(user) -> list[tuple[str, int]]:
    with force_locale("en"):
        return [(w.subject, w.idea_id) for w in waiting_for(user, TODAY)]


def test_a_manager_waits_to_take_new_ideas_of_their_units_and_evaluate_ended_pilots(world):
    a = world.a
    new = make_idea(a.employee, a.home_care)
    make_idea(a.employee, a.school)
    ended = prioritised_idea(a)
    plan_pilot(ended, a.manager, ends_on=TODAY - timedelta(days=2))
    running = prioritised_idea(a)
    plan_pilot(running, a.manager, ends_on=TODAY + timedelta(days=2))
    db.session.commit()
    assert sorted(_what(a.manager)) == sorted([("take", new.id), ("evaluate", ended.id)])
    assert [s for s, _ in _what(a.school_manager)] == ["take"]
    assert _what(a.employee) == []


def test_an_owner_waits_for_their_follow_ups_and_activities_due(world):
    a = world.a
    idea = in_rollout(
        a,
        units=[(a.home_care, a.employee, UnitStatus.PLANNED)],
        activities=[
            ("Utbilda personalen", a.employee, TODAY - timedelta(days=1), False),
            ("Senare", a.employee, TODAY + timedelta(days=100), False),
            ("Klar", a.employee, TODAY - timedelta(days=1), True),
        ],
    )
    items = waiting_for(a.employee, TODAY)
    assert [(w.subject, w.name) for w in items] == [("activity", "Utbilda personalen")]
    assert items[0].overdue(TODAY) and items[0].idea_id == idea.id
    in_follow_up(world.b)  # its benefit's follow-up is due: baseline half a year ago
    assert {w.subject for w in waiting_for(world.b.employee, TODAY)} == {"follow_up"}


def test_a_sign_off_waits_for_the_responsible_manager_and_leaders_but_not_the_proposer(world):
    b = world.b
    idea, benefit = proposed(b)
    for person in (b.manager, b.leader):
        assert ("sign_off", idea.id) in _what(person)
        item = next(w for w in waiting_for(person, TODAY) if w.subject == "sign_off")
        assert item.url == f"/benefits/{benefit.id}#closing"
    assert "sign_off" not in {s for s, _ in _what(b.employee)}
    assert "sign_off" not in {s for s, _ in _what(b.admin)}
    assert "sign_off" not in {s for s, _ in _what(world.a.leader)}


def _waiting_rows() -> int:
    db.session.expire_all()
    query = select(func.count()).where(Notification.kind == Kind.WAITING)
    return db.session.scalar(query)


def test_the_sweep_tells_each_dated_item_once_however_often_it_runs(world):
    a = world.a
    ended = prioritised_idea(a)
    plan_pilot(ended, a.manager, ends_on=TODAY - timedelta(days=1))
    in_rollout(
        a,
        units=[(a.home_care, a.employee, UnitStatus.PLANNED)],
        activities=[("Utbilda personalen", a.leader, TODAY, False)],
    )
    before = _waiting_rows()
    assert sweep(TODAY) == 2
    db.session.commit()
    after = _waiting_rows()
    assert after == before + 2
    assert sweep(TODAY) == 2
    db.session.commit()
    assert _waiting_rows() == after  # nothing twice
    [evaluate] = [n for n in told(a.manager, Kind.WAITING) if n.subject == "evaluate"]
    assert evaluate.key == f"evaluate:{evaluate.subject_id}:{(TODAY - timedelta(days=1))}"
    assert [n.subject for n in told(a.leader, Kind.WAITING)] == ["activity"]


def test_a_follow_up_falls_due_once_per_due_day(world):
    b = world.b
    in_follow_up(b)
    sweep(TODAY)
    sweep(TODAY + timedelta(days=1))
    db.session.commit()
    assert [n.subject for n in told(b.employee, Kind.WAITING)] == ["follow_up"]


def test_the_sweep_runs_from_the_command_line_and_commits(world, app):
    a = world.a
    ended = prioritised_idea(a)
    plan_pilot(ended, a.manager, ends_on=TODAY - timedelta(days=1))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["sweep-waiting"])
    assert result.exit_code == 0 and "1 items due" in result.output
    assert [n.subject for n in told(a.manager, Kind.WAITING) if n.subject == "evaluate"] == [
        "evaluate"
    ]
    assert "1 items due" in runner.invoke(args=["sweep-waiting"]).output
    assert len([n for n in told(a.manager, Kind.WAITING) if n.subject == "evaluate"]) == 1
