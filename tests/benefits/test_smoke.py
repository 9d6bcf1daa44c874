from tests.benefit_factories import TODAY, idea_with_benefit, measure


def test_pages(world, login, client):
    idea, benefit = idea_with_benefit(world.a)
    m = measure(benefit, world.a.employee, "15", on=TODAY)
    client = login(world.a.manager)
    page = client.get(f"/ideas/{idea.id}")
    assert page.status_code == 200, page.text
    assert "Kortare handläggningstid" in page.text
    assert client.get(f"/ideas/{idea.id}/benefits/new").status_code == 200
    r = client.get(f"/benefits/{benefit.id}")
    assert r.status_code == 200, r.text
    assert client.get(f"/benefits/{benefit.id}/edit").status_code == 200
    client = login(world.a.employee)
    r = client.get(f"/benefits/{benefit.id}/measure?corrects={m.id}")
    assert r.status_code == 200, r.text
