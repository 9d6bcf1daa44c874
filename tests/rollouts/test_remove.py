"""Removing a unit or an activity from a rollout plan, with or without JavaScript."""

from datetime import timedelta

from tests.factories import version_of
from tests.pilot_factories import TODAY, in_rollout
from tracker.pilots.rules import UnitStatus
from tracker.rollouts.services import rollout_of


def _row_data(rollout, remove_unit: int | None = None, remove_activity: int | None = None):
    data = {}
    for i, u in enumerate(rollout.units):
        data |= {
            f"units-{i}-unit_id": u.unit_id,
            f"units-{i}-status": u.status.value,
            f"units-{i}-starts_on": u.starts_on.isoformat(),
            f"units-{i}-ends_on": u.ends_on.isoformat(),
            f"units-{i}-contact_id": u.contact_id,
        }
        if i == remove_unit:
            data[f"units-{i}-remove"] = "y"
    for i, a in enumerate(rollout.activities):
        data |= {
            f"activities-{i}-id": a.id,
            f"activities-{i}-description": a.description,
            f"activities-{i}-owner_id": a.owner_id,
            f"activities-{i}-due_on": a.due_on.isoformat(),
        }
        if i == remove_activity:
            data[f"activities-{i}-remove"] = "y"
    return data


def test_a_unit_and_an_activity_marked_remove_leave_the_plan(world, login, client):
    a = world.a
    idea = in_rollout(
        a,
        units=[
            (a.home_care, a.employee, UnitStatus.DONE),
            (a.school, a.school_manager, UnitStatus.PLANNED),
        ],
        activities=[
            ("Ny rutin", a.employee, TODAY + timedelta(days=5), False),
            ("Utbildning", a.leader, TODAY + timedelta(days=9), False),
        ],
    )
    rollout = rollout_of(idea)
    data = _row_data(rollout, remove_unit=1, remove_activity=0)
    response = login(a.manager).post(
        f"/ideas/{idea.id}/rollout", data={"version": version_of(idea), **data}
    )
    assert response.status_code == 302
    rollout = rollout_of(idea)
    assert [u.unit_id for u in rollout.units] == [a.home_care.id]
    assert [x.description for x in rollout.activities] == ["Utbildning"]


def test_removing_every_unit_is_refused_with_a_message(world, login, client):
    a = world.a
    idea = in_rollout(a)
    data = _row_data(rollout_of(idea), remove_unit=0)
    response = login(a.manager).post(
        f"/ideas/{idea.id}/rollout", data={"version": version_of(idea), **data}
    )
    assert response.status_code == 422
    assert "Name at least one adopting unit." in response.text
    assert len(rollout_of(idea).units) == 1
