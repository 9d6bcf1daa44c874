"""Free-text search: letter case folds (Swedish letters too), and %, _ and \\ are plain text."""

import pytest
from sqlalchemy import select

from tests.factories import make_idea
from tracker.admin.queries import UserFilter, user_page
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.search_text import contains_text

TITLE = "Äldreomsorg: 50% färre resor_a\\b"


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("äldreomsorg", True),
        ("ÄLDREOMSORG", True),
        ("FÄRRE", True),
        ("50%", True),
        ("5%", False),
        ("resor_a", True),
        ("resor_", True),
        ("reso_", False),
        ("a\\b", True),
        ("a\\\\b", False),
        ("*", False),
        ("  50%  ", True),
        ("50\x00%", True),
    ],
)
def test_a_search_finds_the_text_as_written(world, q, found):
    idea = make_idea(world.a.employee, title=TITLE)
    query = select(Idea.id).where(contains_text((Idea.need, Idea.title), q))
    assert (idea.id in db.session.scalars(query).all()) is found


def test_a_percent_sign_finds_no_user_without_one(world):
    assert user_page(world.a.org.id, UserFilter(q="%"), 1, 50).items == []
