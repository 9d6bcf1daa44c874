def test_start_page_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_employee_sees_start_page(world, login):
    client = login(world.a.employee)
    response = client.get("/")
    assert response.status_code == 200
    assert "Eva Ek" in response.text


def _version(url):
    from tracker.extensions import db
    from tracker.ideas.models import Idea

    db.session.expire_all()
    return db.session.get(Idea, int(url.rsplit("/", 1)[1])).version


def test_submit_take_assess_flow(world, login, client):
    a = world.a
    login(a.employee)
    r = client.post(
        "/ideas/new",
        data={
            "title": "Matsvinn i skolköket",
            "need": "Vi slänger mycket mat.",
            "proposal": "Väg svinnet dagligen.",
            "unit_id": a.home_care.id,
            "category_id": "",
            "source": "employee",
            "version": 0,
        },
    )
    assert r.status_code == 302, r.text
    idea_url = r.headers["Location"]
    assert client.get(idea_url).status_code == 200
    login(a.manager)
    page = client.get(idea_url)
    assert "Matsvinn" in page.text
    r = client.post(idea_url + "/take", data={"version": _version(idea_url)})
    assert r.status_code == 302, r.text
    r = client.get(idea_url + "/assess")
    assert r.status_code == 200, r.text
    data = {f"score_{c.id}": 4 for c in a.criteria}
    data.update(strategic_goal_id=a.goal.id, rationale="Bra", version=_version(idea_url))
    r = client.post(idea_url + "/assess", data=data)
    assert r.status_code == 302, r.text
    r = client.post(idea_url + "/move/prioritised", data={"version": _version(idea_url)})
    assert r.status_code == 302, r.text
    page = client.get(idea_url)
    assert page.status_code == 200
    r = client.get(idea_url + "/move/declined")
    assert r.status_code == 200
    login(a.leader)
    assert client.get("/ideas/").status_code == 200
    assert client.get("/").status_code == 200
