"""WIP limits: admins set one optional limit per board column; one service, one audit entry."""

import re

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from tests.admin.test_admin import entries, field_error
from tracker.admin import services
from tracker.board.models import StageLimit
from tracker.board.queries import stage_limits
from tracker.extensions import db
from tracker.ideas.stages import BOARD, Stage
from tracker.refusals import Invalid

URL = "/admin/board"
RULE = "Leave it blank for no limit, or enter a whole number from 1 to 999."


@pytest.fixture
def admin(world, login, client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return login(world.a.admin)


def limits_of(org) -> dict[Stage, int]:
    db.session.expire_all()
    return stage_limits(org.id)


def set_limits(org, limits: dict[Stage, int]) -> None:
    db.session.add_all(
        StageLimit(organisation_id=org.org.id, stage=stage, wip_limit=limit)
        for stage, limit in limits.items()
    )
    db.session.commit()


def data(**limits) -> dict:
    """A post of the whole form: every column, blank where not given."""
    return {f"limit_{stage.value}": str(limits.get(stage.value, "")) for stage in BOARD}


def all_rows() -> list[tuple]:
    db.session.expire_all()
    rows = db.session.execute(
        select(StageLimit.organisation_id, StageLimit.stage, StageLimit.wip_limit).order_by(
            StageLimit.id
        )
    )
    return [tuple(row) for row in rows]


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader"])
def test_only_admins_may_see_or_set_the_limits(world, login, role):
    client = login(getattr(world.a, role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, data=data(screening=3)).status_code == 403
    assert all_rows() == [] and entries(world.a.org) == []


def test_signed_out_visitors_are_sent_to_login(world, client):
    for method in ("GET", "POST"):
        response = client.open(URL, method=method, data=data(screening=3))
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert all_rows() == []


def test_the_page_has_one_field_per_board_column_in_order_with_the_current_limits(admin, world):
    set_limits(world.a, {Stage.PILOT: 5})
    set_limits(world.b, {Stage.SCREENING: 7})
    page = admin.get(URL).text
    assert page.count("<h1") == 1 and "WIP limits" in page
    labels = re.findall(r'<label for="limit_(\w+)">([^<]+)</label>', page)
    with force_locale("en"):
        assert labels == [(stage.value, stage.label) for stage in BOARD]
    values = dict(re.findall(r'<input[^>]* id="limit_(\w+)"[^>]* value="([^"]*)"', page))
    assert values == {stage.value: ("5" if stage is Stage.PILOT else "") for stage in BOARD}
    assert re.search(r'<a href="/admin/board" aria-current="page">WIP limits</a>', page)


def test_the_admin_overview_links_the_limits_with_their_count(admin, world):
    set_limits(world.a, {Stage.PILOT: 5, Stage.ROLLOUT: 4})
    set_limits(world.b, {Stage.SCREENING: 7})
    page = admin.get("/admin/").text
    assert '<a href="/admin/board">WIP limits</a></h2>' in page
    assert "2 board columns have a limit" in page


def test_admin_sets_limits_and_one_audit_entry_tells_what_changed(admin, world):
    response = admin.post(URL, data=data(screening=10, pilot=" 5 "))
    assert response.status_code == 302 and response.headers["Location"] == "/admin/"
    assert limits_of(world.a.org) == {Stage.SCREENING: 10, Stage.PILOT: 5}
    assert entries(world.a.org) == [
        ("update", "organisation", "WIP limits: screening: – → 10; pilot: – → 5")
    ]
    assert "The WIP limits are saved." in admin.get("/admin/").text
    assert "Organisation #" in admin.get("/admin/audit").text


def test_one_save_creates_changes_and_removes_limits(admin, world):
    set_limits(world.a, {Stage.SCREENING: 10, Stage.PILOT: 5, Stage.ROLLOUT: 5})
    response = admin.post(URL, data=data(screening=8, rollout=5, follow_up=3))
    assert response.status_code == 302
    assert limits_of(world.a.org) == {Stage.SCREENING: 8, Stage.ROLLOUT: 5, Stage.FOLLOW_UP: 3}
    assert entries(world.a.org) == [
        ("update", "organisation", "WIP limits: screening: 10 → 8; pilot: 5 → –; follow_up: – → 3")
    ]


def test_saving_without_a_change_writes_no_audit_entry(admin, world):
    set_limits(world.a, {Stage.PILOT: 5})
    assert admin.post(URL, data=data(pilot=5)).status_code == 302
    assert limits_of(world.a.org) == {Stage.PILOT: 5} and entries(world.a.org) == []


def test_a_column_missing_from_the_post_keeps_its_limit(admin, world):
    set_limits(world.a, {Stage.PILOT: 5, Stage.ROLLOUT: 4})
    posted = data(rollout=6)
    del posted["limit_pilot"]
    assert admin.post(URL, data=posted).status_code == 302
    assert limits_of(world.a.org) == {Stage.PILOT: 5, Stage.ROLLOUT: 6}


@pytest.mark.parametrize(
    "value", ["0", "-1", "abc", "1000", "1.5", "1_0", "٣", "99999999999999999999"]
)
def test_a_bad_limit_is_shown_on_its_field_and_nothing_is_saved(admin, world, value):
    set_limits(world.a, {Stage.PILOT: 5})
    before = all_rows()
    posted = {**data(screening=10, pilot=4), "limit_rollout": value}
    response = admin.post(URL, data=posted)
    assert response.status_code == 422
    assert field_error(response, "limit_rollout") == RULE
    assert field_error(response, "limit_screening") == ""
    assert f'value="{value}"' in response.text  # what was typed stays, to be corrected
    assert all_rows() == before and entries(world.a.org) == []


def test_limits_are_the_organisations_own(admin, world):
    set_limits(world.b, {Stage.SCREENING: 7, Stage.PILOT: 2})
    assert admin.post(URL, data=data(screening=3)).status_code == 302
    assert limits_of(world.a.org) == {Stage.SCREENING: 3}
    assert limits_of(world.b.org) == {Stage.SCREENING: 7, Stage.PILOT: 2}
    assert entries(world.b.org) == []


def test_the_service_refuses_what_the_form_would(world):
    for limits, field in (
        ({Stage.PILOT: 0}, "limit_pilot"),
        ({Stage.ROLLOUT: 1000}, "limit_rollout"),
        ({Stage.DECLINED: 3}, "limit_declined"),
    ):
        with pytest.raises(Invalid) as refused:
            services.set_stage_limits(world.a.admin, limits)
        assert refused.value.field == field
        db.session.rollback()
    assert all_rows() == [] and entries(world.a.org) == []


def test_the_service_leaves_columns_it_is_not_given(world):
    set_limits(world.a, {Stage.PILOT: 5})
    services.set_stage_limits(world.a.admin, {Stage.SCREENING: 9})
    db.session.commit()
    assert limits_of(world.a.org) == {Stage.SCREENING: 9, Stage.PILOT: 5}


def test_stage_limits_reads_one_organisation(world):
    set_limits(world.a, {Stage.SCREENING: 10, Stage.PILOT: 5})
    set_limits(world.b, {Stage.ROLLOUT: 1})
    assert stage_limits(world.a.org.id) == {Stage.SCREENING: 10, Stage.PILOT: 5}
    assert stage_limits(world.b.org.id) == {Stage.ROLLOUT: 1}
    assert all(isinstance(stage, Stage) for stage in stage_limits(world.a.org.id))
