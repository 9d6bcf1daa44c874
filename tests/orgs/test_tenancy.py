"""The tenancy predicates, and proof that access decisions go through them."""

import pytest
from sqlalchemy import column, false

from tests.benefit_factories import idea_with_benefit
from tests.factories import make_idea
from tracker.board.kit import CardKit
from tracker.orgs import tenancy


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [(1, 1, True), (1, 2, False), (2, 1, False), (1, None, False), (None, 1, False),
     (None, None, False)],
)  # fmt: skip
def test_same_organisation_matches_equal_ids_and_never_none(a, b, same):
    assert tenancy.same_organisation(a, b) is same


@pytest.mark.parametrize(
    ("unit_id", "scope", "inside"),
    [(3, {3, 4}, True), (5, {3, 4}, False), (3, frozenset(), False), (None, {3}, False),
     (None, frozenset(), False)],
)  # fmt: skip
def test_in_unit_scope_is_membership_and_no_unit_is_in_no_scope(unit_id, scope, inside):
    assert tenancy.in_unit_scope(unit_id, scope) is inside


def test_of_organisation_is_the_column_equal_to_the_organisation():
    condition = tenancy.of_organisation(column("organisation_id"), 7)
    assert str(condition) == "organisation_id = :organisation_id_1"
    assert condition.right.value == 7


def test_of_organisation_matches_no_row_for_no_organisation():
    assert tenancy.of_organisation(column("organisation_id"), None).compare(false())


def test_access_goes_through_same_organisation(world, login, monkeypatch):
    """With the rule answering "never the same organisation", a manager loses their own idea,
    the board's moves and a benefit page: the call sites ask the one predicate."""
    a = world.a
    own = make_idea(a.manager)
    _, benefit = idea_with_benefit(a)
    client = login(a.manager)
    assert client.get(f"/ideas/{own.id}").status_code == 200
    assert client.get(f"/benefits/{benefit.id}").status_code == 200
    assert CardKit(a.manager).movable(own)

    monkeypatch.setattr(tenancy, "same_organisation", lambda a_org_id, b_org_id: False)
    assert client.get(f"/ideas/{own.id}").status_code == 404
    assert client.get(f"/benefits/{benefit.id}").status_code == 404
    assert CardKit(a.manager).movable(own) == []
