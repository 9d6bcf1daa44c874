"""Tags on ideas: typed as comma-separated keywords, shared per organisation, shown and filtered."""

import re
from urllib.parse import quote

import pytest
from sqlalchemy import select

from tests.admin.test_admin import field_error
from tests.factories import db_state, make_idea, reload, version_of
from tracker.extensions import db
from tracker.ideas import services
from tracker.ideas.models import Idea, Tag, idea_tag
from tracker.ideas.stages import Stage
from tracker.refusals import Refused


@pytest.fixture
def client(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def idea_data(org, tags: str, **overrides) -> dict:
    return {
        "title": "Matsvinn i skolköket",
        "need": "Vi slänger mycket mat.",
        "proposal": "Väg svinnet varje dag.",
        "expected_benefit": "",
        "category_id": "",
        "unit_id": org.home_care.id,
        "source": "employee",
        "tags": tags,
        "version": 0,
        **overrides,
    }


def tags_of(idea: Idea) -> list[str]:
    return [tag.name for tag in reload(idea).tags]


def tag_rows() -> list[tuple]:
    """Every tag and every idea's link to one, to show that a refused save changed neither."""
    db.session.expire_all()
    tags = db.session.execute(select(Tag.id, Tag.organisation_id, Tag.name).order_by(Tag.id))
    links = db.session.execute(select(idea_tag).order_by(idea_tag.c.idea_id, idea_tag.c.tag_id))
    return [tuple(row) for row in tags] + [tuple(row) for row in links]


def tagged(org, names: list[str], **kw) -> Idea:
    idea = make_idea(org.employee, org.home_care, **kw)
    services.set_tags(idea, names)
    db.session.commit()
    return idea


def titles(response) -> set[str]:
    return set(re.findall(r'<td><a href="/ideas/\d+">(.*?)</a>', response.text))


# ---------------------------------------------------------------- the form


def test_an_idea_is_submitted_with_tags_and_duplicates_collapse(world, login, client):
    data = idea_data(world.a, " AI,  e-tjänst ,ai, Hem   tjänst,, AI ")
    response = login(world.a.employee).post("/ideas/new", data=data)
    assert response.status_code == 302
    idea = db.session.scalars(select(Idea)).one()
    assert tags_of(idea) == ["AI", "Hem tjänst", "e-tjänst"]  # by name; the first spelling kept
    assert {tag.organisation_id for tag in reload(idea).tags} == {world.a.org.id}


def test_the_form_describes_the_tags_field(world, login, client):
    page = login(world.a.employee).get("/ideas/new").text
    control = re.search(r'<input[^>]* id="tags"[^>]*>', page).group(0)
    assert 'aria-describedby="tags-help"' in control
    help_text = re.search(r'<p class="help" id="tags-help">(.*?)</p>', page, re.S).group(1)
    assert "separated by commas" in help_text and "At most 10 tags" in help_text


def test_the_organisations_tags_are_reused_whatever_their_letter_case(world, login, client):
    existing = tagged(world.a, ["Äldreomsorg", "AI"])
    before = {tag.name: tag.id for tag in reload(existing).tags}
    data = idea_data(world.a, "äldreomsorg, ai, Nattpatrull")
    login(world.a.employee).post("/ideas/new", data=data)
    idea = db.session.scalars(select(Idea).where(Idea.id != existing.id)).one()
    assert {tag.name: tag.id for tag in reload(idea).tags if tag.name != "Nattpatrull"} == before
    names = db.session.scalars(select(Tag.name).where(Tag.organisation_id == world.a.org.id))
    assert sorted(names) == ["AI", "Nattpatrull", "Äldreomsorg"]


def test_tags_belong_to_one_organisation(world, login, client):
    theirs = make_idea(world.b.employee, world.b.home_care)
    services.set_tags(theirs, ["AI"])
    db.session.commit()
    login(world.a.employee).post("/ideas/new", data=idea_data(world.a, "AI"))
    ours = db.session.scalar(select(Idea).where(Idea.organisation_id == world.a.org.id))
    [our_tag], [their_tag] = reload(ours).tags, reload(theirs).tags
    assert our_tag.id != their_tag.id
    assert (our_tag.organisation_id, their_tag.organisation_id) == (world.a.org.id, world.b.org.id)


def test_ten_tags_of_forty_characters_are_accepted(world, login, client):
    names = [f"{i}" + "x" * 39 for i in range(10)]
    response = login(world.a.employee).post("/ideas/new", data=idea_data(world.a, ",".join(names)))
    assert response.status_code == 302
    assert sorted(tags_of(db.session.scalars(select(Idea)).one())) == sorted(names)


def test_duplicates_do_not_count_towards_the_ten(world, login, client):
    text = ", ".join([f"tagg{i}" for i in range(10)] + ["TAGG0", "Tagg1"])
    response = login(world.a.employee).post("/ideas/new", data=idea_data(world.a, text))
    assert response.status_code == 302
    assert len(tags_of(db.session.scalars(select(Idea)).one())) == 10


BAD_TAGS = {
    "eleven tags": (",".join(f"tagg{i}" for i in range(11)), "Give at most 10 tags."),
    "a tag of 41 characters": ("AI, " + "x" * 41, "A tag can be at most 40 characters long"),
}


@pytest.mark.parametrize(("tags", "message"), BAD_TAGS.values(), ids=BAD_TAGS)
def test_bad_tags_on_a_new_idea_are_refused_on_the_field_and_nothing_is_saved(
    world, login, client, tags, message
):
    before, tags_before = db_state(), tag_rows()
    response = login(world.a.employee).post("/ideas/new", data=idea_data(world.a, tags))
    assert response.status_code == 422
    assert message in field_error(response, "tags")
    assert f'value="{tags}"' in response.text  # what was typed is kept in the form
    assert db_state() == before and tag_rows() == tags_before


@pytest.mark.parametrize(("tags", "message"), BAD_TAGS.values(), ids=BAD_TAGS)
def test_bad_tags_on_an_edit_are_refused_and_nothing_is_saved(world, login, client, tags, message):
    idea = tagged(world.a, ["AI"])
    before, tags_before = db_state(), tag_rows()
    data = idea_data(world.a, tags, title="Ny titel", version=version_of(idea))
    response = login(world.a.employee).post(f"/ideas/{idea.id}/edit", data=data)
    assert response.status_code == 422
    assert message in field_error(response, "tags")
    assert db_state() == before and tag_rows() == tags_before


def test_the_edit_form_shows_the_tags_and_saves_changes(world, login, client):
    idea = tagged(world.a, ["e-tjänst", "AI"])
    client = login(world.a.employee)
    page = client.get(f"/ideas/{idea.id}/edit").text
    assert re.search(r'<input[^>]* id="tags"[^>]* value="AI, e-tjänst"', page)
    data = idea_data(world.a, "AI, hemtjänst", version=version_of(idea))
    assert client.post(f"/ideas/{idea.id}/edit", data=data).status_code == 302
    assert tags_of(idea) == ["AI", "hemtjänst"]
    unused = db.session.scalar(select(Tag).where(Tag.name == "e-tjänst"))
    assert unused is not None  # the organisation keeps the tag for later ideas


def test_changing_only_the_tags_makes_a_new_version_so_a_parallel_edit_is_stale(
    world, login, client
):
    idea = tagged(world.a, ["AI"])
    seen = version_of(idea)
    client = login(world.a.employee)
    data = idea_data(world.a, "AI, hemtjänst", title=idea.title, need=idea.need, version=seen)
    data.update(proposal=idea.proposal, expected_benefit=idea.expected_benefit)
    assert client.post(f"/ideas/{idea.id}/edit", data=data).status_code == 302
    assert version_of(idea) == seen + 1
    stale = client.post(f"/ideas/{idea.id}/edit", data=idea_data(world.a, "", version=seen))
    assert stale.status_code == 409
    assert tags_of(idea) == ["AI", "hemtjänst"]


def test_an_edit_that_changes_nothing_keeps_the_version(world, login, client):
    idea = tagged(world.a, ["AI"])
    seen = version_of(idea)
    data = idea_data(world.a, "ai", title=idea.title, need=idea.need, version=seen)
    data.update(proposal=idea.proposal, expected_benefit=idea.expected_benefit)
    assert login(world.a.employee).post(f"/ideas/{idea.id}/edit", data=data).status_code == 302
    assert version_of(idea) == seen and tags_of(idea) == ["AI"]


def test_the_service_refuses_bad_tags_itself(world):
    idea = make_idea(world.a.employee)
    db.session.commit()
    tags_before = tag_rows()
    for names in ([f"t{i}" for i in range(11)], ["x" * 41]):
        with pytest.raises(Refused):
            services.set_tags(idea, names)
        db.session.rollback()
    assert tag_rows() == tags_before


def test_no_tags_clears_them(world):
    idea = tagged(world.a, ["AI", "hemtjänst"])
    services.set_tags(idea, [" ", ""])
    db.session.commit()
    assert tags_of(idea) == []


# ---------------------------------------------------------------- the idea page and the list


def test_the_idea_page_links_each_tag_to_the_list_filtered_by_it(world, login, client):
    idea = tagged(world.a, ["välfärdsteknik", "AI"])
    page = login(world.a.employee).get(f"/ideas/{idea.id}").text
    listed = re.search(r'<ul class="tags">(.*?)</ul>', page, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)" class="tag">([^<]+)</a>', listed)
    assert links == [
        ("/ideas/?tag=AI", "AI"),
        (f"/ideas/?tag={quote('välfärdsteknik')}", "välfärdsteknik"),
    ]


def test_an_idea_without_tags_shows_no_tag_list(world, login, client):
    idea = make_idea(world.a.employee)
    db.session.commit()
    assert '<ul class="tags">' not in login(world.a.employee).get(f"/ideas/{idea.id}").text


def test_the_list_filters_by_tag_whatever_the_letter_case(world, login, client):
    tagged(world.a, ["AI", "Äldreomsorg"], title="Chattbot")
    tagged(world.a, ["AI-stöd"], title="Beslutsstöd")
    tagged(world.a, ["hemtjänst"], title="Nyckelfritt")
    make_idea(world.a.employee, title="Utan taggar")
    db.session.commit()
    client = login(world.a.leader)
    assert titles(client.get("/ideas/?tag=AI")) == {"Chattbot"}  # the name, not a part of it
    assert titles(client.get("/ideas/?tag=ai")) == {"Chattbot"}
    assert titles(client.get("/ideas/", query_string={"tag": " äldreomsorg "})) == {"Chattbot"}
    assert titles(client.get("/ideas/?tag=okänd")) == set()
    assert len(titles(client.get("/ideas/?tag="))) == 4


def test_the_tag_filter_combines_with_the_other_filters(world, login, client):
    tagged(world.a, ["AI"], title="Chattbot")
    tagged(world.a, ["AI"], title="Sorteringsrobot", stage=Stage.SCREENING)
    client = login(world.a.leader)
    assert titles(client.get("/ideas/?tag=AI&stage=screening")) == {"Sorteringsrobot"}
    assert titles(client.get("/ideas/?tag=AI&q=chatt")) == {"Chattbot"}


def test_the_tag_filter_shows_only_the_own_organisations_readable_ideas(world, login, client):
    tagged(world.a, ["AI"], title="Min AI-idé")
    colleague = make_idea(world.a.leader, world.a.root, title="Ledningens AI-idé")
    services.set_tags(colleague, ["AI"])
    secret = make_idea(world.a.leader, world.a.root, title="Hemlig AI-idé", confidential=True)
    services.set_tags(secret, ["AI"])
    theirs = make_idea(world.b.employee, world.b.home_care, title="Munkedals AI-idé")
    services.set_tags(theirs, ["AI"])
    db.session.commit()
    assert titles(login(world.a.employee).get("/ideas/?tag=AI")) == {
        "Min AI-idé",
        "Ledningens AI-idé",
    }
    assert titles(login(world.a.leader).get("/ideas/?tag=AI")) == {
        "Min AI-idé",
        "Ledningens AI-idé",
        "Hemlig AI-idé",
    }


def test_the_list_shows_the_active_tag_filter_and_a_way_to_remove_it(world, login, client):
    tagged(world.a, ["AI"], title="Chattbot")
    page = login(world.a.leader).get("/ideas/?tag=AI&stage=submitted&page=1").text
    assert "1 idea tagged “AI”" in page
    assert re.search(r'<input type="search" id="filter-tag" name="tag" value="AI">', page)
    removal = re.search(r'<p class="active-filter"><a href="([^"]+)">', page).group(1)
    assert removal == "/ideas/?stage=submitted"


def test_an_htmx_tag_filter_gets_the_results_fragment_with_the_active_filter(world, login, client):
    tagged(world.a, ["AI"], title="Chattbot")
    response = login(world.a.leader).get("/ideas/?tag=AI", headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<section id="results"')
    assert "1 idea tagged “AI”" in response.text and "Chattbot" in response.text


def test_a_tag_created_by_another_request_after_this_one_looked_is_shared(
    world, login, client, monkeypatch
):
    """The other request created the tag after this one looked for it: the insert skips the
    row that is there, and the idea takes it (tests/test_concurrent_writes.py sends both)."""
    tagged(world.a, ["AI"])
    tags_before = [row for row in tag_rows() if len(row) == 3]  # the tags, not the links
    looks = iter([{}])
    real = services._tags_by_name
    monkeypatch.setattr(services, "_tags_by_name", lambda org: next(looks, None) or real(org))
    response = login(world.a.employee).post("/ideas/new", data=idea_data(world.a, "AI"))
    assert response.status_code == 302
    assert [row for row in tag_rows() if len(row) == 3] == tags_before
    newest = db.session.scalar(select(Idea).order_by(Idea.id.desc()).limit(1))
    assert [tag.name for tag in newest.tags] == ["AI"]
