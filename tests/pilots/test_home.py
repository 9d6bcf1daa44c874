"""The start page: pilots to evaluate and activities due (in "Waiting for you"), a contact's
rollout units, and rollout progress in lists."""

from datetime import timedelta

from tests.pilot_factories import TODAY, in_rollout, plan_pilot, prioritised_idea
from tracker.pilots.rules import UnitStatus


def test_a_manager_sees_the_pilots_past_their_end_to_evaluate(world, login, client):
    overdue = prioritised_idea(world.a, title="Nattkameror i hemtjänsten")
    plan_pilot(overdue, world.a.manager, ends_on=TODAY - timedelta(days=3))
    running = prioritised_idea(world.a, title="Digitala inköp")
    plan_pilot(running, world.a.manager, ends_on=TODAY + timedelta(days=3))
    page = login(world.a.manager).get("/").text
    section = page.split('id="waiting-heading"')[1].split("</section>")[0]
    assert "Nattkameror i hemtjänsten" in section
    assert f"/ideas/{overdue.id}/pilot/evaluate" in section
    assert "Digitala inköp" not in section


def test_another_managers_overdue_pilot_is_not_on_my_start_page(world, login, client):
    idea = prioritised_idea(world.a, title="Nattkameror i hemtjänsten")
    plan_pilot(idea, world.a.manager, ends_on=TODAY - timedelta(days=3))
    page = login(world.a.school_manager).get("/").text
    assert "Nattkameror i hemtjänsten" not in page
    assert "Nothing waits for you right now." in page


def test_contacts_and_owners_see_their_rollout_tasks_with_overdue_marked(world, login, client):
    in_rollout(
        world.a,
        units=[(world.a.home_care, world.a.employee, UnitStatus.IN_PROGRESS)],
        activities=[
            ("Utbilda personalen", world.a.employee, TODAY - timedelta(days=1), False),
            ("Stäng av gamla systemet", world.a.leader, TODAY - timedelta(days=1), False),
        ],
    )
    page = login(world.a.employee).get("/").text
    tasks = page.split('id="my-rollout-tasks"')[1].split("</section>")[0]
    assert "Hemtjänsten" in tasks
    waiting = page.split('id="waiting-heading"')[1].split("</section>")[0]
    assert "Utbilda personalen" in waiting and "Overdue" in waiting
    assert "Stäng av gamla systemet" not in page


def test_a_contact_marks_their_unit_done_from_the_start_page(world, login, client):
    idea = in_rollout(world.a, units=[(world.a.home_care, world.a.employee, UnitStatus.PLANNED)])
    client = login(world.a.employee)
    page = client.get("/").text
    row_id = page.split('action="/rollout-units/')[1].split("/")[0]
    response = client.post(f"/rollout-units/{row_id}/status", data={"status": "done", "next": "/"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert 'id="my-rollout-tasks"' not in client.get("/").text
    manager_page = login(world.a.manager).get(f"/ideas/{idea.id}").text
    assert "1 of 1 units done" in manager_page


def test_the_ideas_list_shows_rollout_progress(world, login, client):
    in_rollout(
        world.a,
        units=[
            (world.a.home_care, world.a.employee, UnitStatus.DONE),
            (world.a.social, world.a.manager, UnitStatus.PLANNED),
        ],
    )
    page = login(world.a.manager).get("/ideas/").text
    assert "Rollout: 1 of 2 done" in page


def test_a_unit_contact_reads_the_confidential_idea_they_take_part_in(world, login, client):
    from tracker.extensions import db

    idea = in_rollout(world.a, units=[(world.a.school, world.a.school_manager, UnitStatus.PLANNED)])
    idea.confidential = True
    db.session.commit()
    outsider = world.a.leader  # reads everything anyway; the school manager is the contact
    assert login(outsider).get(f"/ideas/{idea.id}").status_code == 200
    assert login(world.a.school_manager).get(f"/ideas/{idea.id}").status_code == 200


def test_someone_not_taking_part_does_not_read_the_confidential_idea(world, login, client):
    from tests.factories import make_user
    from tracker.extensions import db

    stranger = make_user(world.a.org, world.a.school, email="stranger@a.example.org")
    idea = in_rollout(world.a)
    assert login(stranger).get(f"/ideas/{idea.id}").status_code == 200  # open: every member
    idea.confidential = True
    db.session.commit()
    assert login(stranger).get(f"/ideas/{idea.id}").status_code == 403
