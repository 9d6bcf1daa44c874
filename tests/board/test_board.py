"""The board: columns, cards, moves by drop and keyboard, gates, staleness, roles and scope."""

import json

import pytest
from sqlalchemy import event

from tests.factories import assess, make_idea, reload, version_of
from tests.pilot_factories import evaluate, in_rollout, plan_pilot, prioritised_idea
from tracker.board.models import StageLimit
from tracker.extensions import db
from tracker.ideas.stages import Stage
from tracker.pilots.rules import Decision

HX = {"HX-Request": "true"}


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _column(idea_ids_in_order):
    return [int(i) for i in idea_ids_in_order]


def _order(response, stage: Stage) -> list[int]:
    """The card ids of one column, top to bottom, as the page shows them."""
    import re

    html = response.text
    start = html.index(f'data-stage="{stage.value}"')
    end = html.find("</ol>", start)
    return [int(i) for i in re.findall(r'id="card-(\d+)"', html[start:end])]


def _move(client, idea, stage, above=None, below=None, headers=None, **extra):
    data = {"idea_id": idea.id, "version": version_of(idea), "stage": stage.value}
    if above:
        data["above_id"] = above.id
    if below:
        data["below_id"] = below.id
    data.update(extra)
    return client.post("/board/move", data=data, headers=headers or {})


def test_a_manager_sees_the_open_ideas_and_their_units_confidential_ones(world, login, client):
    a = world.a
    mine = make_idea(a.employee, a.home_care, title="Hemtjänstens idé")
    make_idea(a.school_manager, a.school, title="Skolans idé", confidential=True)
    open_one = make_idea(a.school_manager, a.school, title="Skolans öppna idé")
    make_idea(world.b.employee, world.b.home_care, title="Munkedals idé")
    db.session.commit()
    page = login(a.manager).get("/board/")
    assert page.status_code == 200
    assert "Hemtjänstens idé" in page.text and "Skolans öppna idé" in page.text
    assert "Skolans idé" not in page.text and "Munkedals idé" not in page.text
    assert _order(page, Stage.SUBMITTED) == [mine.id, open_one.id]
    for label in ("Submitted", "Screening", "Prioritised", "Pilot", "Rollout", "Realised"):
        assert label in page.text
    assert 'class="drag-handle"' in page.text


def test_an_employee_and_a_leader_get_a_read_only_board(world, login, client):
    a = world.a
    make_idea(a.employee, a.home_care, title="Eget förslag")
    db.session.commit()
    for user in (a.employee, a.leader):
        page = login(user).get("/board/")
        assert "Eget förslag" in page.text
        assert "drag-handle" not in page.text and "card-move" not in page.text


def test_a_wip_limit_exceeded_is_shown_but_does_not_block(world, login, client):
    a = world.a
    db.session.add(StageLimit(organisation_id=a.org.id, stage=Stage.SUBMITTED, wip_limit=1))
    ideas = [make_idea(a.employee, a.home_care, title=f"Idé {i}") for i in range(3)]
    db.session.commit()
    page = login(a.manager).get("/board/")
    assert "Over the WIP limit by 2" in page.text
    assert "3 / 1" in page.text
    response = _move(client, ideas[0], Stage.SUBMITTED, above=ideas[2])
    assert response.status_code == 302


def test_dropping_a_card_between_two_others_sets_its_place_only(world, login, client):
    a = world.a
    one, two, three = (make_idea(a.employee, a.home_care, title=t) for t in "ABC")
    db.session.commit()
    login(a.manager)
    response = _move(client, three, Stage.SUBMITTED, above=one, below=two, headers=HX)
    assert response.status_code == 200
    assert _order(response, Stage.SUBMITTED) == [one.id, three.id, two.id]
    trigger = json.loads(response.headers["HX-Trigger-After-Settle"])
    assert "new place" in trigger["boardMoved"]["message"]
    assert reload(three).stage is Stage.SUBMITTED
    # the next drop only writes the dropped card: the others keep their ranks
    ranks = {i.id: reload(i).board_rank for i in (one, three, two)}
    _move(client, one, Stage.SUBMITTED, above=two)
    assert reload(three).board_rank == ranks[three.id]
    assert _order(client.get("/board/"), Stage.SUBMITTED) == [three.id, two.id, one.id]


def test_a_drop_on_a_column_whose_gate_is_met_moves_the_idea(world, login, client):
    a = world.a
    idea = make_idea(a.employee, a.home_care, Stage.SCREENING, owner_id=a.manager.id)
    db.session.commit()
    assess(idea, a.manager)
    db.session.commit()
    response = _move(login(a.manager), idea, Stage.PRIORITISED, headers=HX)
    assert response.status_code == 200
    assert reload(idea).stage is Stage.PRIORITISED
    assert _order(response, Stage.PRIORITISED) == [idea.id]


def test_a_drop_whose_gate_is_not_met_opens_its_form_and_moves_nothing(world, login, client):
    a = world.a
    idea = make_idea(a.employee, a.home_care, Stage.SCREENING, owner_id=a.manager.id)
    db.session.commit()
    response = _move(login(a.manager), idea, Stage.PRIORITISED, headers=HX)
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#gate-dialog-body"
    assert "Assess" in response.text and 'name="rationale"' in response.text
    assert reload(idea).stage is Stage.SCREENING
    # filling the form completes the move
    data = {f"score_{c.id}": 3 for c in a.criteria}
    data.update(strategic_goal_id=a.goal.id, rationale="Rimlig insats", version=version_of(idea))
    response = client.post(f"/board/ideas/{idea.id}/gate/prioritised", data=data, headers=HX)
    assert response.status_code == 200
    assert reload(idea).stage is Stage.PRIORITISED
    assert "boardMoved" in response.headers["HX-Trigger-After-Settle"]


def test_a_gate_form_with_errors_is_shown_again_and_saves_nothing(world, login, client):
    a = world.a
    idea = make_idea(a.employee, a.home_care, Stage.SCREENING, owner_id=a.manager.id)
    db.session.commit()
    data = {"strategic_goal_id": a.goal.id, "rationale": "", "version": version_of(idea)}
    response = login(a.manager).post(
        f"/board/ideas/{idea.id}/gate/prioritised", data=data, headers=HX
    )
    assert response.status_code == 422
    assert "Choose a score." in response.text
    assert reload(idea).stage is Stage.SCREENING and reload(idea).assessment is None


def test_taking_an_idea_through_its_gate_dialog(world, login, client):
    a = world.a
    idea = make_idea(a.employee, a.home_care)
    db.session.commit()
    response = _move(login(a.manager), idea, Stage.SCREENING, headers=HX)
    assert "I am responsible" in response.text
    response = client.post(
        f"/board/ideas/{idea.id}/gate/screening", data={"version": version_of(idea)}, headers=HX
    )
    assert response.status_code == 200
    fresh = reload(idea)
    assert fresh.stage is Stage.SCREENING and fresh.owner_id == a.manager.id


def test_a_move_back_asks_for_a_reason(world, login, client):
    a = world.a
    idea = make_idea(a.employee, a.home_care, Stage.PRIORITISED, owner_id=a.manager.id)
    db.session.commit()
    login(a.manager)
    url = f"/board/ideas/{idea.id}/gate/screening"
    response = client.post(url, data={"version": version_of(idea), "reason": " "}, headers=HX)
    assert response.status_code == 422 and reload(idea).stage is Stage.PRIORITISED
    before = version_of(idea)
    response = client.post(url, data={"version": before, "reason": "Ny info"}, headers=HX)
    assert response.status_code == 200
    assert reload(idea).stage is Stage.SCREENING
    assert reload(idea).history[-1].reason == "Ny info"
    assert version_of(idea) == before + 1  # one move, one version: the card's place is apart


def test_a_move_whose_gate_has_no_form_is_refused_with_its_reason(world, login, client):
    a = world.a
    idea = in_rollout(a)
    response = _move(login(a.manager), idea, Stage.FOLLOW_UP, headers=HX)
    assert response.status_code == 422
    message = json.loads(response.headers["HX-Trigger-After-Settle"])["boardMoved"]["message"]
    assert "planned benefit" in message
    assert reload(idea).stage is Stage.ROLLOUT


@pytest.mark.parametrize("headers", [HX, None], ids=["htmx", "plain"])
def test_dropping_on_pilot_opens_the_pilot_plan_page_that_returns_to_the_board(
    world, login, client, headers
):
    a = world.a
    idea = prioritised_idea(a)
    response = _move(login(a.manager), idea, Stage.PILOT, headers=headers)
    location = response.headers["HX-Redirect"] if headers else response.headers["Location"]
    assert location.startswith(f"/ideas/{idea.id}/pilot/new?next=/board/")
    assert reload(idea).stage is Stage.PRIORITISED


@pytest.mark.parametrize(
    ("target", "page"),
    [
        (Stage.ROLLOUT, "pilot/evaluate?decision=scale_up"),
        (Stage.SCREENING, "pilot/evaluate?decision=pivot"),
    ],
)
def test_moving_a_running_pilot_opens_the_evaluation_with_the_decision(
    world, login, client, target, page
):
    a = world.a
    idea = prioritised_idea(a)
    plan_pilot(idea, a.manager)
    response = login(a.manager).post(
        f"/board/ideas/{idea.id}/gate/{target.value}", data={"version": version_of(idea)}
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/ideas/{idea.id}/{page}")
    assert reload(idea).stage is Stage.PILOT


def test_a_scaled_up_pilot_dropped_on_rollout_opens_the_rollout_plan(world, login, client):
    a = world.a
    idea = prioritised_idea(a)
    plan_pilot(idea, a.manager)
    evaluate(idea, a.manager, Decision.SCALE_UP)
    response = _move(login(a.manager), reload(idea), Stage.ROLLOUT, headers=HX)
    assert response.headers["HX-Redirect"].startswith(f"/ideas/{idea.id}/rollout?next=/board/")


def test_a_stale_move_is_refused_with_the_fresh_board(world, login, client):
    a = world.a
    idea = make_idea(a.employee, a.home_care, Stage.SCREENING, owner_id=a.manager.id)
    db.session.commit()
    old = version_of(idea)
    reload(idea).title = "Ändrad av någon annan"
    db.session.commit()
    response = login(a.manager).post(
        "/board/move",
        data={"idea_id": idea.id, "version": old, "stage": "submitted"},
        headers=HX,
    )
    assert response.status_code == 409
    assert "Ändrad av någon annan" in response.text  # the fresh card
    assert reload(idea).stage is Stage.SCREENING


@pytest.mark.parametrize(
    "data, status",
    [
        ({"version": 1, "stage": "submitted"}, 400),  # no idea id
        ({"idea_id": "x", "version": 1, "stage": "submitted"}, 400),
        ({"idea_id": 999999, "version": 1, "stage": "submitted"}, 404),
        ({"idea_id": "{idea}", "version": 1, "stage": "bogus"}, 400),
        ({"idea_id": "{idea}", "version": 1, "stage": "submitted", "above_id": 999999}, 400),
        ({"idea_id": "{idea}", "version": 1, "stage": "submitted", "direction": "sideways"}, 400),
        ({"idea_id": "{other}", "version": 1, "stage": "submitted"}, 404),
    ],
)
def test_a_malformed_move_is_a_clear_error_and_changes_nothing(world, login, client, data, status):
    a = world.a
    idea = make_idea(a.employee, a.home_care)
    other = make_idea(world.b.employee, world.b.home_care)
    db.session.commit()
    data = {k: str(v).format(idea=idea.id, other=other.id) for k, v in data.items()}
    before = (reload(idea).board_rank, reload(idea).version)
    response = login(a.manager).post("/board/move", data=data)
    assert response.status_code == status
    assert (reload(idea).board_rank, reload(idea).version) == before


def test_nobody_outside_the_scope_moves_a_card(world, login, client):
    a = world.a
    idea = make_idea(a.employee, a.home_care)
    db.session.commit()
    for user in (a.employee, a.leader, a.school_manager):
        response = _move(login(user), idea, Stage.SUBMITTED)
        assert response.status_code == 403
        assert login(user).get(f"/board/ideas/{idea.id}/move").status_code == 403
        assert login(user).get(f"/board/ideas/{idea.id}/gate/screening").status_code == 403


def test_keyboard_steps_move_a_card_up_and_down(world, login, client):
    a = world.a
    one, two, three = (make_idea(a.employee, a.home_care, title=t) for t in "ABC")
    db.session.commit()
    login(a.manager)
    menu = client.get(f"/board/ideas/{three.id}/move")
    assert menu.status_code == 200 and "Move up in the column" in menu.text
    client.post(
        "/board/move",
        data={"idea_id": three.id, "version": version_of(three), "stage": "submitted",
              "direction": "up"},
    )  # fmt: skip
    assert _order(client.get("/board/"), Stage.SUBMITTED) == [one.id, three.id, two.id]
    response = client.post(
        "/board/move",
        data={"idea_id": one.id, "version": version_of(one), "stage": "submitted",
              "direction": "up"},
        headers=HX,
    )  # fmt: skip
    assert "already at that end" in response.headers["HX-Trigger-After-Settle"]


def test_a_plain_drop_without_javascript_on_a_gate_goes_to_the_gate_page(world, login, client):
    a = world.a
    idea = make_idea(a.employee, a.home_care)
    db.session.commit()
    response = _move(login(a.manager), idea, Stage.SCREENING)
    assert response.status_code == 302
    assert f"/board/ideas/{idea.id}/gate/screening" in response.headers["Location"]
    page = client.get(response.headers["Location"])
    assert page.status_code == 200 and "<h1" in page.text


def test_filters_narrow_the_board_and_are_kept_in_the_fragment(world, login, client):
    a = world.a
    make_idea(a.employee, a.home_care, title="Matsvinn i köket")
    make_idea(a.employee, a.home_care, title="Nyckelskåp")
    db.session.commit()
    response = login(a.manager).get("/board/?q=matsvinn&sort=score", headers=HX)
    assert "<html" not in response.text and 'id="board-columns"' in response.text
    assert "Matsvinn" in response.text and "Nyckelskåp" not in response.text
    assert "HX-Request" in response.headers["Vary"]


def test_show_more_loads_the_rest_of_a_column(world, login, client, monkeypatch):
    from tracker.board import cards

    monkeypatch.setattr(cards, "PAGE", 2)
    a = world.a
    ideas = [make_idea(a.employee, a.home_care, title=f"Idé {i}") for i in range(5)]
    db.session.commit()
    login(a.manager)
    page = client.get("/board/")
    assert len(_order(page, Stage.SUBMITTED)) == 2 and "Show more" in page.text
    more = client.get("/board/column/submitted?offset=2", headers=HX)
    assert [f"card-{i.id}" in more.text for i in ideas] == [False, False, True, True, False]
    assert "offset=4" in more.text


def test_the_board_costs_the_same_number_of_queries_for_few_and_many_cards(world, login, client):
    a = world.a

    def count() -> int:
        statements = []

        def listen(*args):
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            assert login(a.manager).get("/board/").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
        return len(statements)

    def add(i: int) -> None:
        stage = [Stage.SUBMITTED, Stage.SCREENING, Stage.PRIORITISED][i % 3]
        make_idea(a.employee, a.home_care, stage, owner_id=a.manager.id, title=f"Idé {i}")

    for i in range(3):
        add(i)
    db.session.commit()
    few = count()
    for i in range(40):
        add(i)
    db.session.commit()
    assert count() == few
