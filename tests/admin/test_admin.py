"""Administration: admins only, own organisation only; bad input saves nothing; all audited."""

import html
import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.factories import PASSWORD
from tracker.admin import services
from tracker.audit import AuditAction, AuditEntry, audit
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.extensions import db
from tracker.orgs.models import Category, ScoringCriterion, StrategicGoal, Unit

KINDS = {"goals": StrategicGoal, "categories": Category, "criteria": ScoringCriterion}


@pytest.fixture
def admin(world, login, client):
    """Org A's admin, signed in, reading English."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return login(world.a.admin)


def fresh(obj):
    db.session.expire_all()
    return db.session.get(type(obj), obj.id)


def count(model, **where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).filter_by(**where))


def rows(model) -> list[tuple]:
    """Every row of a table, to show that a refused change left it as it was."""
    db.session.expire_all()
    table = model.__table__
    return [tuple(row) for row in db.session.execute(select(table).order_by(table.c.id))]


def entries(org) -> list[tuple[str, str, str]]:
    """The organisation's audit log as (action, object type, summary), oldest first."""
    db.session.expire_all()
    rows = db.session.scalars(
        select(AuditEntry).where(AuditEntry.organisation_id == org.id).order_by(AuditEntry.id)
    )
    return [(e.action.value, e.object_type, e.summary) for e in rows]


def field_error(response, name: str) -> str:
    """The error shown on a form field (tied to it by id and aria-describedby), or ""."""
    found = re.search(rf'<p class="error" id="{name}-error">(.*?)</p>', response.text, re.S)
    if found:
        control = re.search(rf'<(?:input|select|textarea)[^>]* id="{name}"[^>]*>', response.text)
        assert re.search(rf'aria-describedby="[^"]*{name}-error', control.group(0))
    return html.unescape(found.group(1)) if found else ""


def table(response) -> str:
    """The rows of the page's table, without the flashed messages above it."""
    text = response.text
    return text[text.index("<tbody") : text.index("</tbody>")]


def routes(w):
    """(method, url) of every administration route, on org A's objects."""
    a = w.a
    gets = ["/admin/", "/admin/users", "/admin/users/new", f"/admin/users/{a.employee.id}"]
    gets += ["/admin/units", "/admin/units/new", f"/admin/units/{a.home_care.id}", "/admin/audit"]
    for kind, obj in (("goals", a.goal), ("categories", a.category), ("criteria", a.criteria[0])):
        gets += [f"/admin/{kind}", f"/admin/{kind}/new", f"/admin/{kind}/{obj.id}"]
    gets.append(f"/admin/users/{a.employee.id}/anonymise")
    posts = [url for url in gets if url.endswith(("/new", "/anonymise")) or url[-1].isdigit()]
    for kind, obj in (("units", a.home_care), ("goals", a.goal), ("categories", a.category)):
        posts.append(f"/admin/{kind}/{obj.id}/deactivate")
    return [("GET", url) for url in gets] + [("POST", url) for url in posts]


@pytest.mark.parametrize("role", ["employee", "manager", "school_manager", "leader"])
def test_only_admins_may_use_the_administration(world, login, role):
    client = login(getattr(world.a, role))
    for method, url in routes(world):
        response = client.open(url, method=method, data={"name": "Hacked", "active": "y"})
        assert response.status_code == 403, (method, url)
    assert count(Category, name="Hacked") == count(Unit, name="Hacked") == 0
    assert fresh(world.a.home_care).active and fresh(world.a.goal).active
    assert entries(world.a.org) == []


def test_signed_out_visitors_are_sent_to_login(world, client):
    for method, url in routes(world):
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_admin_sees_every_page_with_one_heading(admin, world):
    for method, url in routes(world):
        if method == "GET":
            response = admin.get(url)
            assert response.status_code == 200, url
            assert response.text.count("<h1") == 1, url


def test_objects_of_another_organisation_answer_404(admin, world):
    b = world.b
    urls = [f"/admin/users/{b.employee.id}", f"/admin/units/{b.social.id}"]
    urls += [f"/admin/goals/{b.goal.id}", f"/admin/categories/{b.category.id}"]
    urls += [f"/admin/criteria/{b.criteria[0].id}"]
    for url in urls:
        assert admin.get(url).status_code == 404, url
        data = {"name": "Taken over", "role": "admin", "active": "y", "weight": "1", "position": 1}
        assert admin.post(url, data=data).status_code == 404, url
    for kind, obj in (("units", b.home_care), ("goals", b.goal), ("criteria", b.criteria[0])):
        assert admin.post(f"/admin/{kind}/{obj.id}/deactivate").status_code == 404
        assert fresh(obj).active
    assert fresh(b.employee).name == "Eva Ek" and fresh(b.goal).name != "Taken over"
    assert entries(world.a.org) == entries(b.org) == []


def test_lists_show_only_the_own_organisation(admin, world):
    fresh(world.b.admin).name = "Bertil Bortom"
    db.session.commit()
    users = admin.get("/admin/users").text
    assert "Adam Al" in users and "Bertil Bortom" not in users
    units = admin.get("/admin/units").text
    assert "Sotenäs kommun" in units and "Munkedals kommun" not in units


def test_index_counts_the_organisation_only(admin, world):
    fresh(world.a.employee).active = False
    db.session.commit()
    page = admin.get("/admin/").text
    assert "4 active of 5" in page  # users: org B's five are not counted
    assert "3 active of 3" in page  # criteria
    assert "0 entries" in page


# Users


def new_user(**changes) -> dict:
    data = {"name": "Nils Nilsson", "email": "Nils@Example.org", "role": "manager", "unit_id": ""}
    return {**data, "password": "long-enough-pass", **changes}


def test_admin_creates_a_user_who_can_log_in(admin, world, client):
    response = admin.post("/admin/users/new", data=new_user(unit_id=world.a.social.id))
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "nils@example.org"))
    assert (user.organisation_id, user.unit_id) == (world.a.org.id, world.a.social.id)
    assert user.role is Role.MANAGER
    assert user.password_hash != "long-enough-pass" and user.check_password("long-enough-pass")
    [(action, kind, summary)] = entries(world.a.org)
    assert (action, kind) == ("create", "user")
    assert 'email: "nils@example.org"' in summary and "long-enough-pass" not in summary
    assert "Nils Nilsson" in admin.get("/admin/users").text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("name", "   ", "This field is required."),
        ("name", "x" * 121, "Field cannot be longer than 120 characters."),
        ("email", "EMPLOYEE@A.example.org", "already used"),
        ("email", "admin@b.example.org", "already used"),
        ("email", "not-an-address", "Invalid email address."),
        ("password", "short", "between 10 and 200 characters"),
        ("unit_id", "999999", "Choose one of the organisation's units."),
        ("unit_id", "other-org", "Choose one of the organisation's units."),
        ("unit_id", "abc", "Choose one of the options."),
        ("role", "superuser", "Invalid Choice"),
    ],
)
def test_bad_user_input_is_shown_on_its_field_and_saves_nothing(
    admin, world, field, value, message
):
    value = world.b.social.id if value == "other-org" else value
    users = count(User)
    response = admin.post("/admin/users/new", data=new_user(**{field: value}))
    assert response.status_code == 422
    assert message in field_error(response, field)
    assert count(User) == users and entries(world.a.org) == []


def test_admin_edits_a_users_name_role_unit_and_access(admin, world, client):
    eva = world.a.employee
    data = {"name": "Eva Ekström", "role": "manager", "unit_id": world.a.school.id}
    assert admin.post(f"/admin/users/{eva.id}", data=data).status_code == 302
    eva = fresh(eva)
    assert (eva.name, eva.unit_id, eva.active) == ("Eva Ekström", world.a.school.id, False)
    assert eva.role is Role.MANAGER
    [(action, kind, summary)] = entries(world.a.org)
    assert (action, kind) == ("update", "user")
    assert 'name: "Eva Ek" → "Eva Ekström"' in summary and "role: employee → manager" in summary
    assert "active: true → false" in summary
    response = client.post("/login", data={"email": eva.email, "password": PASSWORD})
    assert response.status_code == 200 and "deactivated" in response.text


def test_a_deactivated_user_loses_the_open_session(admin, world, app):
    eva = app.test_client()
    with eva.session_transaction() as session:
        session["_user_id"] = world.a.employee.get_id()
    assert eva.get("/").status_code == 200
    data = {"name": "Eva Ek", "role": "employee", "unit_id": world.a.home_care.id}
    admin.post(f"/admin/users/{world.a.employee.id}", data=data)
    assert "/login" in eva.get("/").headers["Location"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"role": "admin"}, "active", "You cannot deactivate your own account."),
        ({"role": "leader", "active": "y"}, "role", "You cannot remove your own administrator"),
    ],
)
def test_admin_cannot_lock_themselves_out(admin, world, data, field, message):
    response = admin.post(f"/admin/users/{world.a.admin.id}", data={"name": "Adam", **data})
    assert response.status_code == 422
    assert message in field_error(response, field)
    me = fresh(world.a.admin)
    assert (me.name, me.role, me.active) == ("Adam Al", Role.ADMIN, True)
    assert entries(world.a.org) == []


def test_user_list_filters_by_text_role_and_unit(admin, world):
    def names(**args):
        return admin.get("/admin/users", query_string=args).text

    assert "Eva Ek" in names(q="eva") and "Maja Berg" not in names(q="eva")
    assert "Maja Berg" in names(role="manager") and "Eva Ek" not in names(role="manager")
    by_unit = names(unit=world.a.social.id)  # with its sub-unit Hemtjänsten
    assert "Eva Ek" in by_unit and "Maja Berg" in by_unit and "Sam Ås" not in by_unit


def test_user_filter_answers_htmx_with_the_list_fragment(admin):
    response = admin.get("/admin/users?q=maja", headers={"HX-Request": "true"})
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert response.text.lstrip().startswith('<section id="users"')
    assert "Maja Berg" in response.text and "<html" not in response.text
    assert "<html" in admin.get("/admin/users?q=maja").text


# Units


def test_units_are_shown_as_an_indented_tree(admin, world):
    page = admin.get("/admin/units").text
    order = [page.index(name) for name in ("Sotenäs kommun", "Barn- och", "Socialförv", "Hemtj")]
    assert order == sorted(order)  # each unit right after its parent, siblings by name
    assert re.search(r'class="depth-2">\s*<span[^>]*>Level 3:</span>\s*<a[^>]*>Hemtjänsten', page)


def test_admin_creates_renames_and_moves_units(admin, world):
    a = world.a
    data = {"name": "Äldreboendet", "parent_id": a.social.id}
    assert admin.post("/admin/units/new", data=data).status_code == 302
    unit = db.session.scalar(select(Unit).where(Unit.name == "Äldreboendet"))
    assert unit.parent_id == a.social.id and unit.organisation_id == a.org.id
    data = {"name": "Vård och omsorg", "parent_id": a.root.id}
    assert admin.post(f"/admin/units/{unit.id}", data=data).status_code == 302
    unit = fresh(unit)
    assert (unit.name, unit.parent_id) == ("Vård och omsorg", a.root.id)
    assert [(action, kind) for action, kind, _ in entries(a.org)] == [
        ("create", "unit"),
        ("update", "unit"),
    ]
    assert 'parent: "Socialförvaltningen" → "Sotenäs kommun"' in entries(a.org)[1][2]


@pytest.mark.parametrize(
    ("unit", "data", "field", "message"),
    [
        ("new", {"name": ""}, "name", "This field is required."),
        ("new", {"name": "x" * 121}, "name", "longer than 120"),
        ("new", {"name": "HEMTJÄNSTEN", "parent_id": "social"}, "name", "already used"),
        ("new", {"name": "Ny", "parent_id": "999999"}, "parent_id", "organisation's units"),
        ("new", {"name": "Ny", "parent_id": "b_social"}, "parent_id", "organisation's units"),
        ("root", {"name": "Sotenäs kommun", "parent_id": "home_care"}, "parent_id", "itself"),
        ("social", {"name": "Socialförvaltningen", "parent_id": "social"}, "parent_id", "itself"),
        ("school", {"name": "Socialförvaltningen", "parent_id": "root"}, "name", "already used"),
    ],
)
def test_bad_unit_input_is_shown_on_its_field_and_saves_nothing(
    admin, world, unit, data, field, message
):
    a = world.a
    ids = {name: getattr(a, name).id for name in ("root", "social", "home_care", "school")}
    ids["b_social"] = world.b.social.id
    data = {k: ids.get(v, v) for k, v in data.items()}
    before = [(u.id, u.name, u.parent_id) for u in db.session.scalars(select(Unit))]
    url = "/admin/units/new" if unit == "new" else f"/admin/units/{ids[unit]}"
    response = admin.post(url, data=data)
    assert response.status_code == 422
    assert message in field_error(response, field)
    db.session.expire_all()
    assert [(u.id, u.name, u.parent_id) for u in db.session.scalars(select(Unit))] == before
    assert entries(world.a.org) == []


def test_unit_deactivation_keeps_the_active_tree_whole(admin, world):
    a = world.a
    response = admin.post(f"/admin/units/{a.social.id}/deactivate", follow_redirects=True)
    assert "Deactivate or move its active sub-units first." in response.text
    assert fresh(a.social).active and entries(a.org) == []
    admin.post(f"/admin/units/{a.home_care.id}/deactivate")
    admin.post(f"/admin/units/{a.social.id}/deactivate")
    assert not fresh(a.social).active and not fresh(a.home_care).active
    response = admin.post(f"/admin/units/{a.home_care.id}/reactivate", follow_redirects=True)
    assert "Reactivate the unit it belongs to first." in response.text
    assert not fresh(a.home_care).active
    assert "Hemtjänsten" not in admin.get("/admin/units/new").text  # not offered as a parent
    admin.post(f"/admin/units/{a.social.id}/reactivate")
    assert fresh(a.social).active
    assert [action for action, _, _ in entries(a.org)] == ["deactivate", "deactivate", "reactivate"]


# Strategic goals, categories and scoring criteria


def catalogue_data(kind: str, name: str) -> dict:
    return {"name": name, "weight": "1", "position": "5"} if kind == "criteria" else {"name": name}


@pytest.mark.parametrize("kind", KINDS)
def test_admin_creates_edits_and_deactivates_catalogue_entries(admin, world, kind):
    model = KINDS[kind]
    response = admin.post(f"/admin/{kind}/new", data=catalogue_data(kind, "Trygghet"))
    assert response.status_code == 302
    obj = db.session.scalar(select(model).where(model.name == "Trygghet"))
    assert obj.organisation_id == world.a.org.id
    assert "Trygghet" in admin.get(f"/admin/{kind}").text
    response = admin.post(f"/admin/{kind}/{obj.id}", data=catalogue_data(kind, "Trygg kommun"))
    assert response.status_code == 302 and fresh(obj).name == "Trygg kommun"
    admin.post(f"/admin/{kind}/{obj.id}/deactivate")
    assert not fresh(obj).active
    admin.post(f"/admin/{kind}/{obj.id}/reactivate")
    assert fresh(obj).active
    actions = [(action, t) for action, t, _ in entries(world.a.org)]
    table = model.__tablename__
    assert actions == [(a, table) for a in ("create", "update", "deactivate", "reactivate")]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "This field is required."),
        ("x" * 161, "Field cannot be longer than"),
        ("taken", "The name is already used. Choose another."),
    ],
)
def test_bad_catalogue_names_save_nothing(admin, world, kind, name, message):
    model = KINDS[kind]
    taken = {"goals": world.a.goal, "categories": world.a.category, "criteria": world.a.criteria[1]}
    name = taken[kind].name.upper() if name == "taken" else name
    other = model(organisation_id=world.a.org.id, name="Annat")
    db.session.add(other)
    db.session.commit()
    before = rows(model)
    for url in (f"/admin/{kind}/new", f"/admin/{kind}/{other.id}"):
        response = admin.post(url, data=catalogue_data(kind, name))
        assert response.status_code == 422, url
        assert message in field_error(response, "name")
    assert rows(model) == before and entries(world.a.org) == []


def test_names_are_unique_per_organisation_only(admin, world):
    db.session.add(StrategicGoal(organisation_id=world.b.org.id, name="Bara i Munkedal"))
    db.session.commit()
    response = admin.post("/admin/goals/new", data={"name": "Bara i Munkedal"})
    assert response.status_code == 302
    assert count(StrategicGoal, name="Bara i Munkedal") == 2


def test_a_conflicting_save_at_the_same_moment_is_refused_not_a_500(admin, world, monkeypatch):
    monkeypatch.setattr(services, "_check_name_free", lambda *args, **kwargs: None)
    response = admin.post("/admin/categories/new", data={"name": world.a.category.name})
    assert response.status_code == 409 and "Nothing was saved." in response.text
    assert count(Category, organisation_id=world.a.org.id) == 1


def criterion(**changes) -> dict:
    data = {"name": "Kostnad", "description": "Vad det kostar.", "weight": "2", "position": "3"}
    return {**data, **changes}


def test_swedish_weight_with_a_decimal_comma_is_understood(admin, world):
    admin.environ_base["HTTP_ACCEPT_LANGUAGE"] = "sv"
    data = criterion(weight="1,5", inverted="y")
    assert admin.post("/admin/criteria/new", data=data).status_code == 302
    saved = db.session.scalar(select(ScoringCriterion).where(ScoringCriterion.name == "Kostnad"))
    assert (saved.weight, saved.inverted) == (Decimal("1.5"), True)
    assert 'value="1,5"' in admin.get(f"/admin/criteria/{saved.id}").text
    assert "weight: 1.5" in entries(world.a.org)[0][2]


def test_english_weight_with_a_decimal_point_is_understood(admin, world):
    assert admin.post("/admin/criteria/new", data=criterion(weight="2.25")).status_code == 302
    assert count(ScoringCriterion, name="Kostnad", weight=Decimal("2.25")) == 1


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        ("abc", "Enter a number, such as 1.5."),
        ("NaN", "Enter a number, such as 1.5."),
        ("", "This field is required."),
        ("0", "more than 0 and at most 100"),
        ("-1", "more than 0 and at most 100"),
        ("100.5", "more than 0 and at most 100"),
        ("1.555", "at most two decimals"),
    ],
)
def test_bad_weights_are_refused_and_save_nothing(admin, world, weight, message):
    before = rows(ScoringCriterion)
    response = admin.post("/admin/criteria/new", data=criterion(weight=weight))
    assert response.status_code == 422 and message in field_error(response, "weight")
    assert f'value="{weight}"' in response.text  # what the user typed stays in the field
    response = admin.post(
        f"/admin/criteria/{world.a.criteria[0].id}", data=criterion(weight=weight)
    )
    assert response.status_code == 422 and message in field_error(response, "weight")
    assert rows(ScoringCriterion) == before and entries(world.a.org) == []


def test_criteria_are_listed_and_offered_in_position_order(admin, world):
    first = world.a.criteria[0]
    data = criterion(name=first.name, weight="2", position="9")
    assert admin.post(f"/admin/criteria/{first.id}", data=data).status_code == 302
    page = table(admin.get("/admin/criteria"))
    assert page.index("Genomförbarhet") < page.index("Insats") < page.index(first.name)
    form = admin.get("/admin/criteria/new").text
    assert re.search(r'<input[^>]* id="position"[^>]* value="10"', form)  # after the last


# The audit log


def test_audit_log_lists_the_organisations_changes_newest_first_in_pages(
    admin, world, login, monkeypatch, app
):
    for name in ("Första", "Andra", "Tredje"):
        admin.post("/admin/categories/new", data={"name": name})
    login(world.b.admin).post("/admin/categories/new", data={"name": "Grannens"})
    login(world.a.admin)
    monkeypatch.setitem(app.config, "ADMIN_PER_PAGE", 2)
    first = admin.get("/admin/audit")
    rows_shown = table(first)
    assert rows_shown.index("Tredje") < rows_shown.index("Andra") and "Första" not in rows_shown
    assert "Adam Al" in rows_shown and "Grannens" not in rows_shown
    assert "Page 1 of 2" in first.text
    second = table(admin.get("/admin/audit?page=2"))
    assert "Första" in second and "Tredje" not in second
    assert "3 entries" in admin.get("/admin/").text


def test_services_flush_but_leave_the_commit_to_the_view(world):
    category = services.save_category(world.a.admin, None, name="Ej sparad")
    assert category.id is not None and entries(world.a.org) != []
    db.session.rollback()
    assert count(Category, name="Ej sparad") == 0 and entries(world.a.org) == []


def test_audit_entries_cannot_be_rewritten(world):
    entry = audit(world.a.admin, AuditAction.CREATE, world.a.category, "x")
    db.session.commit()
    entry.summary = "changed"
    with pytest.raises(ValueError, match="append-only"):
        db.session.commit()
    db.session.rollback()
