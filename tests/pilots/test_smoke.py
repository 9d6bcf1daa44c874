from datetime import timedelta

from tests.factories import reload, version_of
from tests.pilot_factories import TODAY, evaluate, in_rollout, plan_pilot, prioritised_idea
from tracker.ideas.stages import Stage
from tracker.pilots.rules import Decision


def test_pages_render(world, login, client):
    idea = prioritised_idea(world.a)
    client = login(world.a.manager)
    page = client.get(f"/ideas/{idea.id}")
    assert "Plan a pilot" in page.text, page.text
    assert "Roll out without a pilot" in page.text
    r = client.get(f"/ideas/{idea.id}/pilot/new")
    assert r.status_code == 200, r.text
    r = client.post(f"/ideas/{idea.id}/pilot/new", data={"version": version_of(idea), "add_row": "criteria"})
    assert r.text.count('name="criteria-3-description"') == 1
    r = client.post(
        f"/ideas/{idea.id}/pilot/new",
        data={
            "version": version_of(idea),
            "hypothesis": "H",
            "criteria-0-description": "Tid",
            "criteria-0-threshold": "",
            "unit_id": world.a.social.id,
            "owner_id": world.a.manager.id,
            "starts_on": "2026-01-01",
            "ends_on": "2025-01-01",
        },
    )
    assert r.status_code == 422
    assert "Give the threshold" in r.text and "on or after the start" in r.text
    r = client.post(
        f"/ideas/{idea.id}/pilot/new",
        data={
            "version": version_of(idea),
            "hypothesis": "H",
            "criteria-0-description": "Tid",
            "criteria-0-threshold": "under 10",
            "unit_id": world.a.social.id,
            "owner_id": world.a.manager.id,
            "starts_on": "2026-01-01",
            "ends_on": "2026-02-01",
        },
    )
    assert r.status_code == 302, r.text
    assert reload(idea).stage is Stage.PILOT
    page = client.get(f"/ideas/{idea.id}")
    assert "Evaluate: scale up" in page.text and "Extend the pilot" in page.text, page.text
    assert client.get(f"/ideas/{idea.id}/pilot/evaluate?decision=pivot&back_to=screening").status_code == 200
    assert client.get(f"/ideas/{idea.id}/pilot/extend").status_code == 200
    evaluate(reload(idea), world.a.manager, Decision.SCALE_UP)
    page = client.get(f"/ideas/{idea.id}")
    assert "Plan the rollout" in page.text, page.text
    r = client.get(f"/ideas/{idea.id}/rollout")
    assert r.status_code == 200, r.text
    home = client.get("/")
    assert home.status_code == 200


def test_rollout_page(world, login, client):
    idea = in_rollout(world.a, activities=[("Rutin", world.a.employee, TODAY - timedelta(days=2), False)])
    client = login(world.a.employee)
    page = client.get(f"/ideas/{idea.id}")
    assert page.status_code in (200, 403)
    client = login(world.a.manager)
    page = client.get(f"/ideas/{idea.id}")
    assert "Adopting units" in page.text
    assert client.get(f"/ideas/{idea.id}/rollout").status_code == 200
