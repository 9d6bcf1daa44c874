"""Follow-ups on the start page: the owner's due ones, and the overdue ones of a manager's units."""

from datetime import date

import pytest
from flask import g, render_template
from flask_login import login_user
from sqlalchemy import event

from tests.benefits.followup_factories import close, make_benefit, make_followed_idea, measure
from tracker.benefits.followups import due_followups, followups_context, overdue_in_units
from tracker.benefits.rules import Lifecycle
from tracker.extensions import db
from tracker.ideas.stages import Stage

TODAY = date(2025, 5, 15)


@pytest.fixture
def setup(world):
    """Eva's benefits, each three-monthly: overdue, due today, due in five days, due in a
    month; the manager's own overdue one; an overdue one in the school's units."""
    a = world.a
    idea = make_followed_idea(a, title="Digitala bygglov")
    school_idea = make_followed_idea(a, unit=a.school, title="Digital frånvaro")
    school_idea.owner_id = a.school_manager.id
    b = {
        "overdue": make_benefit(idea, a.employee, date(2025, 1, 10), title="Handläggningstid"),
        "today": make_benefit(idea, a.employee, date(2025, 2, 15), title="Färre utskick"),
        "soon": make_benefit(idea, a.employee, date(2025, 2, 20), title="Nöjdhet"),
        "later": make_benefit(idea, a.employee, date(2025, 3, 15), title="Frigjord tid"),
        "managers": make_benefit(idea, a.manager, date(2025, 1, 1), title="Kortare kö"),
        "school": make_benefit(
            school_idea, a.employee, date(2025, 1, 5), planner=a.school_manager, title="Frånvaro"
        ),
    }
    db.session.commit()
    return world, b


def titles(listing) -> list[str]:
    return [f.title for f in listing]


def test_the_owner_sees_due_overdue_and_soon_due_follow_ups_longest_overdue_first(setup):
    world, b = setup
    listing = due_followups(world.a.employee, TODAY)
    assert titles(listing) == ["Frånvaro", "Handläggningstid", "Färre utskick", "Nöjdhet"]
    assert [(f.overdue, f.due) for f in listing] == [
        (True, True),
        (True, True),
        (False, True),
        (False, False),
    ]
    assert listing.items[1].due_on == date(2025, 4, 10)
    assert (
        listing.items[1].owner_name == "Eva Ek"
        and listing.items[1].idea_title == "Digitala bygglov"
    )
    assert not listing.more


def test_without_a_look_ahead_only_what_is_due_by_today_is_listed(setup):
    world, b = setup
    listing = due_followups(world.a.employee, TODAY, ahead_days=0)
    assert titles(listing) == ["Frånvaro", "Handläggningstid", "Färre utskick"]


def test_a_measurement_moves_the_follow_up_one_interval_on(setup):
    world, b = setup
    measure(b["overdue"], date(2025, 5, 1), 35)
    assert b["overdue"].next_due_on == date(2025, 8, 1)
    assert "Handläggningstid" not in titles(due_followups(world.a.employee, TODAY))


def test_closed_unplanned_and_unfollowed_benefits_are_not_listed(setup):
    world, b = setup
    close(b["overdue"], Lifecycle.EVAPORATED)
    close(b["today"], Lifecycle.REALISED)
    parked = make_followed_idea(world.a)
    make_benefit(parked, world.a.employee, date(2025, 1, 1), title="Parkerad nytta")
    parked.stage = Stage.PARKED
    identified = make_benefit(
        make_followed_idea(world.a), world.a.employee, date(2025, 1, 1), title="Ny"
    )
    identified.lifecycle = Lifecycle.IDENTIFIED
    db.session.flush()
    assert titles(due_followups(world.a.employee, TODAY)) == ["Frånvaro", "Nöjdhet"]


def test_a_manager_sees_the_overdue_follow_ups_of_their_units_with_owners(setup):
    world, b = setup
    listing = overdue_in_units(world.a.manager, TODAY)
    assert [(f.title, f.owner_name) for f in listing] == [
        ("Kortare kö", "Maja Berg"),
        ("Handläggningstid", "Eva Ek"),
    ]
    assert titles(overdue_in_units(world.a.school_manager, TODAY)) == ["Frånvaro"]


def test_an_admin_sees_the_organisations_overdue_follow_ups_and_others_none(setup):
    world, b = setup
    assert titles(overdue_in_units(world.a.admin, TODAY)) == [
        "Kortare kö",
        "Frånvaro",
        "Handläggningstid",
    ]
    for user in (world.a.employee, world.a.leader, world.b.admin, world.b.manager):
        assert titles(overdue_in_units(user, TODAY)) == []


def test_long_lists_are_cut_and_say_so(setup):
    world, b = setup
    listing = overdue_in_units(world.a.admin, TODAY, limit=2)
    assert len(listing) == 2 and listing.more


def count_queries():
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    return statements, lambda: event.remove(db.engine, "before_cursor_execute", record)


def test_the_start_page_data_takes_the_same_few_queries_however_many_benefits(setup):
    world, b = setup
    manager = world.a.manager
    idea = make_followed_idea(world.a)
    db.session.commit()
    sizes = []
    for n in (0, 8):
        for i in range(n):
            make_benefit(idea, manager, date(2025, 1, 1 + i), title=f"Nytta {i}")
        db.session.commit()
        g.pop("managed_units", None)
        assert manager.role  # loaded again after the commit, before counting
        statements, stop = count_queries()
        context = followups_context(manager, TODAY)
        stop()
        sizes.append((len(statements), len(context["followups_overdue"])))
    assert sizes[0][0] == sizes[1][0] == 3  # the units, then each list
    assert sizes[1][1] == sizes[0][1] + 8


def test_the_start_page_section_links_each_follow_up_to_its_benefit_and_measurement(setup, app):
    world, b = setup
    login_user(world.a.manager)
    html = render_template("benefits/_followups.html", **followups_context(world.a.manager, TODAY))
    assert 'id="followups"' in html
    mine = b["managers"].id
    assert f'href="/benefits/{mine}"' in html
    assert f'href="/benefits/{mine}/measure"' in html
    # Someone else's follow-up links to the benefit, not to a form its viewer may not use.
    assert f'href="/benefits/{b["overdue"].id}"' in html
    assert f'href="/benefits/{b["overdue"].id}/measure"' not in html
    assert "Overdue follow-ups in my units" in html and "Eva Ek" in html
    assert html.count('class="badge overdue"') == 3  # own one, and two in the units


def test_an_employee_sees_their_follow_ups_marked_and_no_unit_list(setup, app):
    world, b = setup
    login_user(world.a.employee)
    html = render_template("benefits/_followups.html", **followups_context(world.a.employee, TODAY))
    assert f'href="/benefits/{b["today"].id}/measure"' in html
    assert "Due today" in html and "Overdue" in html
    assert "Overdue follow-ups in my units" not in html
    login_user(world.a.leader)
    html = render_template("benefits/_followups.html", **followups_context(world.a.leader, TODAY))
    assert "None of your benefits is due for a follow-up." in html
