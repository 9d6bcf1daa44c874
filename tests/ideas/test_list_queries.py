"""The idea list and the board count what a person may read in parts that each seek an index:
the parts are the read rights exactly, and the pages cost the same statements at any size."""

import pytest
from sqlalchemy import select, union_all

from tests.factories import counted_statements, make_idea
from tracker.extensions import db
from tracker.ideas import access, queries
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage


def _ideas_everywhere(world):
    """Ideas in every unit of both organisations, by employees and by the managers themselves,
    some inside and some outside the managers' units."""
    for org in (world.a, world.b):
        for submitter in (org.employee, org.manager, org.school_manager):
            for unit in (org.root, org.social, org.home_care, org.school):
                make_idea(submitter, unit, title=f"{submitter.name} i {unit.name}")
    db.session.commit()


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader", "admin"])
def test_the_parts_of_the_read_rights_are_disjoint_and_together_the_read_rights(world, role):
    _ideas_everywhere(world)
    user = getattr(world.a, role)
    readable = set(db.session.scalars(select(Idea.id).where(access.readable(user))))
    parts = [
        list(db.session.scalars(select(Idea.id).where(part)))
        for part in access.readable_parts(user)
    ]
    union = union_all(*(select(Idea.id).where(part) for part in access.readable_parts(user)))
    counted = db.session.scalars(union).all()
    assert readable and sorted(counted) == sorted(readable)
    assert sum(len(p) for p in parts) == len(readable)  # no idea counted twice


@pytest.mark.parametrize("role", ["employee", "manager", "leader"])
def test_the_list_total_and_the_stage_counts_are_those_of_the_readable_ideas(world, role):
    _ideas_everywhere(world)
    user = getattr(world.a, role)
    make_idea(world.a.employee, world.a.social, Stage.SCREENING, title="I screening")
    db.session.commit()
    readable = db.session.scalars(select(Idea).where(access.readable(user))).all()
    page = queries.idea_page(user, queries.IdeaFilter(), 1, 5)
    assert page.total == len(readable)
    assert [i.id for i in page.items] == [
        i.id for i in sorted(readable, key=lambda i: (i.created_at, i.id), reverse=True)[:5]
    ]
    expected: dict[Stage, int] = {}
    for idea in readable:
        expected[idea.stage] = expected.get(idea.stage, 0) + 1
    assert queries.stage_counts(user) == expected
    mine = queries.idea_page(user, queries.IdeaFilter(mine=True), 1, 50)
    assert mine.total == sum(1 for i in readable if i.submitter_id == user.id)


def test_the_idea_list_costs_the_same_statements_for_few_and_many_ideas(world, login, client):
    a = world.a

    def count() -> int:
        login(a.manager)
        with counted_statements() as seen:
            assert client.get("/ideas/").status_code == 200
        return len(seen)

    for i in range(2):
        make_idea(a.employee, a.home_care, title=f"Idé {i}", owner_id=a.manager.id)
    db.session.commit()
    few = count()
    for i in range(40):
        make_idea(a.employee, a.home_care, title=f"Idé {i}", owner_id=a.school_manager.id)
        make_idea(a.manager, a.school, title=f"Egen idé {i}")
    db.session.commit()
    assert count() == few
