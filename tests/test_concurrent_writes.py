"""Writes sent at once: appends (a measurement, a cost line, a support) all succeed, and the
kept figures count every one of them; only edits of a plan are refused as stale."""

import threading
from decimal import Decimal

from sqlalchemy import func, select

from tests.benefit_factories import idea_with_benefit, plan_benefit
from tests.benefits.helpers import _new, cost_data, idea_in
from tests.benefits.test_measurement_views import measure_url, reading
from tests.factories import make_user, reload
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits.models import Benefit, Measurement
from tracker.costs.models import Cost
from tracker.extensions import db
from tracker.ideas.models import Idea, Support, Tag
from tracker.ideas.stages import Stage

AT_ONCE = 20


def at_once(app, user, requests) -> list[int]:
    """Send the requests from as many threads, released together, as `user` (or each as the
    user it names first); their status codes."""
    requests = [r if len(r) == 4 else (user, *r) for r in requests]
    user_ids = [sender.get_id() for sender, *_ in requests]
    start = threading.Barrier(len(requests))
    codes: list = [0] * len(requests)

    def send(i, method, url, data):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user_ids[i]
            session["_fresh"] = True
        start.wait()
        try:
            codes[i] = client.open(url, method=method, data=data).status_code
        except Exception as error:  # noqa: BLE001 - shown in the assertion
            codes[i] = repr(error)

    threads = [
        threading.Thread(target=send, args=(i, *request[1:])) for i, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return codes


def test_twenty_measurements_sent_at_once_are_twenty_measurements(app, world):
    _idea, benefit = idea_with_benefit(world.a)
    owner = world.a.employee
    db.session.commit()
    values = [str(10 + i) for i in range(AT_ONCE)]
    posts = [("POST", measure_url(benefit), reading(value=v)) for v in values]
    codes = at_once(app, owner, posts)
    assert codes == [302] * AT_ONCE
    db.session.expire_all()
    stored = db.session.scalars(
        select(Measurement.value).where(Measurement.benefit_id == benefit.id)
    )
    assert sorted(stored) == sorted(Decimal(v) for v in values)
    assert db.session.get(Benefit, benefit.id).latest_value in {Decimal(v) for v in values}


def test_measurements_of_two_benefits_of_one_idea_at_once_are_all_counted(app, world):
    idea, first = idea_with_benefit(world.a)
    second = plan_benefit(idea, world.a.manager, owner=world.a.employee)
    db.session.commit()
    posts = [
        ("POST", measure_url(benefit), reading(value=str(11 + i)))
        for i in range(AT_ONCE // 2)
        for benefit in (first, second)
    ]
    assert at_once(app, world.a.employee, posts) == [302] * AT_ONCE
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Measurement.id))) == AT_ONCE
    # the kept figures of both benefits and of the idea are checked after every test


def test_twenty_cost_lines_added_at_once_are_twenty_cost_lines(app, world):
    idea = idea_in(world.a, Stage.ROLLOUT)
    db.session.commit()
    posts = [
        ("POST", _new(idea), cost_data(world.a, description=f"Licens {i}", planned=str(1000 + i)))
        for i in range(AT_ONCE)
    ]
    assert at_once(app, world.a.manager, posts) == [302] * AT_ONCE
    db.session.expire_all()
    descriptions = db.session.scalars(select(Cost.description).where(Cost.idea_id == idea.id))
    assert sorted(descriptions) == sorted(f"Licens {i}" for i in range(AT_ONCE))


def test_supports_given_at_once_are_all_counted(app, world):
    idea = idea_in(world.a, Stage.SCREENING)
    managers = [
        make_user(world.a.org, world.a.home_care, Role.MANAGER, email=f"chef{i}@a.example.org")
        for i in range(AT_ONCE // 2)
    ]
    db.session.commit()
    posts = [(manager, "POST", f"/ideas/{idea.id}/support", {}) for manager in managers]
    assert at_once(app, None, posts) == [302] * len(managers)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Support.user_id))) == len(managers)
    assert reload(idea).support_count == len(managers)


def test_ideas_submitted_at_once_with_the_same_new_tag_share_one_tag(app, world):
    form = {
        "need": "Papper skickas fram och tillbaka.",
        "proposal": "Använd e-signering.",
        "tags": "e-signering, avtal",
        "unit_id": str(world.a.home_care.id),
        "source": "employee",
        "version": "0",
    }
    posts = [("POST", "/ideas/new", {**form, "title": f"Idé {i}"}) for i in range(AT_ONCE // 2)]
    db.session.commit()
    assert at_once(app, world.a.employee, posts) == [302] * len(posts)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Idea.id))) == len(posts)
    assert sorted(db.session.scalars(select(Tag.name))) == ["avtal", "e-signering"]


def test_two_admins_who_demote_each_other_at_once_leave_one_admin(app, world):
    """An edit, not an append: the later one is refused, and the organisation keeps an admin."""
    first = world.a.admin
    second = make_user(world.a.org, world.a.root, Role.ADMIN, email="admin2@a.example.org")
    db.session.commit()

    def demote(user):
        return f"/admin/users/{user.id}", {"name": user.name, "role": "manager", "active": "y"}

    posts = [(first, "POST", *demote(second)), (second, "POST", *demote(first))]
    assert sorted(at_once(app, None, posts)) == [302, 403]
    db.session.expire_all()
    admins = db.session.scalars(select(User).where(User.role == Role.ADMIN)).all()
    assert len([a for a in admins if a.organisation_id == world.a.org.id]) == 1
