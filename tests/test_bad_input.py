"""Every field of every form, as the role that may submit it, with bad input: never a 5xx, and
nothing half-written.

The forms are read from their pages as a browser reads them (fields, values, choices), made
valid with the few values the page leaves blank, and then broken one field at a time, so that
every case must be refused. After a form's cases its valid post must go through: the cases
were refused for the broken field, not for something else. A POST route without an entry in
FORMS fails the test.
"""

import io
import re
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

from sqlalchemy import func, select

from tests.demo_helpers import DEMO_PASSWORD, _user
from tracker.benefits.models import Benefit
from tracker.costs.models import Cost
from tracker.discussion.models import Comment
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import BOARD, Stage
from tracker.notifications.email.tokens import make_token
from tracker.notifications.models import Kind, Notification
from tracker.orgs.models import Category, Organisation, ScoringCriterion, StrategicGoal, Unit
from tracker.rollouts.models import Activity, RolloutUnit

LONG = {"100,000 characters": "x" * 100_000}
SCRIPTS = ["９", "١٢", "1_000", "-0", "1e-400", "1E5"]
IDS = ["0", "-1", "2147483648", "99999999999999999999"]
FILE, ESCAPES = "a file part", "an undecodable escape"
NUL_INSIDE = "NUL inside the valid value"
REFUSED = {200, 400, 404, 409, 413, 422}  # 200: the page again, with the field's message
SAVED = {302, 303, 204}  # and no refusal flashed on the way back
SOON, LATER = date.today() + timedelta(days=30), date.today() + timedelta(days=120)


@dataclass
class Form:
    """A form as a role reaches it: the page that shows it, the values a valid post adds to what
    the page fills in."""

    role: str | None  # None: signed out
    pages: list[tuple[str, str]]  # (page, action) to try: the first that shows the form is used
    fill: dict[str, str] = field(default_factory=dict)


class FormReader(HTMLParser):
    """The fields of the page's POST form with the given action, as a browser would send them."""

    def __init__(self, page: str, action: str):
        super().__init__(convert_charrefs=True)
        self.page, self.action, self.inside, self.found = page, action, False, False
        self.fields: dict[str, dict] = {}
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.found:
            target = a.get("action") or self.page
            self.inside = a.get("method", "").lower() == "post" and target == self.action
            self.found = self.inside
        if not self.inside or not a.get("name"):
            return
        name, kind = a["name"], a.get("type", "text")
        if tag == "input" and kind in ("radio", "checkbox"):
            f = self.fields.setdefault(name, {"kind": kind, "value": None, "options": []})
            f["options"].append(a.get("value", "on"))
            if "checked" in a or (kind == "radio" and f["value"] is None):
                f["value"] = a.get("value", "on")
        elif tag == "input" and kind not in ("submit", "button"):
            self.fields[name] = {"kind": kind, "value": a.get("value", ""), **a}
        elif tag == "button" and kind == "submit":  # the button pressed sends its value
            self.fields.setdefault(name, {"kind": "button", "value": None})
        elif tag == "textarea":
            self.textarea = self.fields[name] = {"kind": "textarea", "value": ""}
        elif tag == "select":
            self.select = self.fields[name] = {"kind": "select", "value": None, "options": []}

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def feed_option(self, attrs):
        a = dict(attrs)
        self.select["options"].append(a.get("value", ""))
        if "selected" in a or self.select["value"] is None:
            self.select["value"] = a.get("value", "")


def _option(reader: FormReader):
    """Options are read inside their select (HTMLParser calls handle_starttag for them too)."""
    start = reader.handle_starttag

    def handle(tag, attrs):
        if tag == "option" and reader.select is not None:
            reader.feed_option(attrs)
        else:
            start(tag, attrs)

    reader.handle_starttag = handle
    return reader


def read_form(html: str, page: str, action: str) -> dict[str, dict]:
    reader = _option(FormReader(page, action))
    reader.feed(html)
    assert reader.found, f"no POST form to {action} on the page"
    return {n: f for n, f in reader.fields.items() if n != "csrf_token"}


def _nul_inside(value: str) -> str:
    """The valid value with a NUL in its middle, so that only the NUL is wrong."""
    middle = len(value) // 2
    return f"{value[:middle]}\x00{value[middle:]}" if value else "a\x00b"


def bad_values(name: str, f: dict, turn: int) -> dict[str, object]:
    """The bad values for a field of this kind: each must be refused. A field gets half of the
    numbers and ids, the next field the other half (`turn`: the field's place in its form)."""
    # a checkbox is "on" whatever its value; a bad place to go back to, board filter or row
    # to add is ignored, and the form saved as it is
    if f["kind"] in ("checkbox", "extra") or name in ("next", "view", "add_row"):
        return {FILE: FILE, ESCAPES: ESCAPES}
    cases = {"NUL": "\x00", "NUL inside": NUL_INSIDE, **LONG, FILE: FILE, ESCAPES: ESCAPES}
    numeric = f.get("inputmode") in ("decimal", "numeric")
    choice = f["kind"] in ("select", "radio", "button")
    ids = choice or (f["kind"] == "hidden" and f["value"].isdigit())
    if f["kind"] == "date":
        cases["fullwidth digits"] = "２０２６-01-01"
    if numeric or ids:
        cases.update({f"number {v!r}": v for v in _half(SCRIPTS, turn)})
    if ids or f.get("inputmode") == "numeric":
        cases.update({f"id {v}": v for v in _half(IDS, turn)})
    return {k: v for k, v in cases.items() if v != f["value"]}


def _half(values: list[str], turn: int) -> list[str]:
    half = len(values) // 2
    return values[half:] if turn % 2 else values[:half]


def answer(client, response) -> tuple[bool, str]:
    """Whether the post was saved, and what was answered. A redirect that flashed a refusal
    (errors.py: a refusal outside a form goes back where it came from) is no save."""
    code, flashed = response.status_code, []
    if code in SAVED:
        with client.session_transaction() as session:
            flashed = [m for kind, m in session.pop("_flashes", []) if kind == "error"]
    summary = re.findall(r'class="error-summary"[^>]*>(.*?)</div>', response.text, re.S)
    fields = re.findall(r'<p class="error" id="(.*?)-error">(.*?)</p>', response.text, re.S)
    errors = flashed or [*summary, *(f"{name}: {message}" for name, message in fields)]
    return code in SAVED and not flashed, f"{code} {' '.join(errors)[:200]}".strip()


def row_counts() -> tuple:
    """The number of rows of every table, in one statement, as committed now."""
    tables = db.metadata.sorted_tables
    counts = [select(func.count()).select_from(t).scalar_subquery() for t in tables]
    result = tuple(db.session.execute(select(*counts)).one())
    db.session.rollback()  # the next count sees what was committed meanwhile
    return result


def post(client, url: str, data: dict, broken: str | None = None, kind: str = ""):
    """Post the form with one field broken: as a file part, a raw escape, or a value."""
    if kind == FILE:
        return client.post(url, data={**data, broken: (io.BytesIO(b"x"), "x.txt")})
    if kind == ESCAPES:
        body = "&".join(f"{quote(k)}={quote(v)}" for k, v in data.items() if k != broken)
        return client.post(
            url,
            data=f"{body}&{quote(broken)}=%FF%FE%C0%AF%ED%A0%80",
            content_type="application/x-www-form-urlencoded",
        )
    return client.post(url, data=data)


# --- where each form is, with real ids from the demo ------------------------------------------


def _org() -> int:
    return db.session.scalar(select(Organisation.id).order_by(Organisation.id))


def _ideas(*stages: Stage) -> list[int]:
    return list(
        db.session.scalars(
            select(Idea.id)
            .where(Idea.organisation_id == _org(), Idea.stage.in_(stages))
            .order_by(Idea.id)
        )
    )


def _benefits() -> list[int]:
    """The planned benefits of ideas in rollout or follow-up: they are measured and closed."""
    ideas = _ideas(Stage.ROLLOUT, Stage.FOLLOW_UP)
    planned = Benefit.owner_id.is_not(None), Benefit.target_value.is_not(None)
    query = select(Benefit.id).where(Benefit.idea_id.in_(ideas), *planned).order_by(Benefit.id)
    return list(db.session.scalars(query))


def _first(model, *where) -> int:
    return db.session.scalar(select(model.id).where(*where).order_by(model.id))


def _of_org(model) -> int:
    return _first(model, model.organisation_id == _org(), model.active)


PLAN = {"starts_on": SOON.isoformat(), "ends_on": LATER.isoformat()}
TEXT = "Text"


def _unit() -> str:
    return str(_of_org(Unit))


def _idea_pages(stages, path: str, role: str = "manager", **form) -> list[Form]:
    """An idea of the stages whose page `path` (after /ideas/<id>) shows its own form."""
    pages = _own(*(f"/ideas/{i}/{path}" for i in _ideas(*stages)))
    return [Form(role, pages, **form)]


def _on_idea_page(stages, path: str, role: str = "manager", **form) -> list[Form]:
    """A button on the idea's page that posts to /ideas/<id>/<path>."""
    pages = [(f"/ideas/{i}", f"/ideas/{i}/{path}") for i in _ideas(*stages)]
    return [Form(role, pages, **form)]


def _benefit_pages(path: str, role: str = "manager", **form) -> list[Form]:
    return [Form(role, _own(*(f"/benefits/{b}/{path}" for b in _benefits())), **form)]


REASON = {"reason": TEXT}
COST = {"planned": "1200", "category": "purchase"}
CLOSE = {"outcome": "cancelled", **REASON}
FORMS = {
    "auth.login": lambda: [
        Form(None, _own("/login"), {"email": "employee@example.org", "password": DEMO_PASSWORD})
    ],
    "auth.logout": lambda: [Form("employee", [("/", "/logout")])],
    "auth.language": lambda: [Form("employee", [("/", "/language")], {"locale": "en"})],
    "auth.password": lambda: [
        Form(
            "employee",
            _own("/account/password"),
            {"current": DEMO_PASSWORD, "new": "a-new-password", "confirm": "a-new-password"},
        )
    ],
    "ideas.new": lambda: [
        Form(
            "employee",
            _own("/ideas/new"),
            {"title": TEXT, "need": TEXT, "proposal": TEXT, "unit_id": _unit()},
        )
    ],
    "ideas.edit": lambda: _idea_pages([Stage.SUBMITTED], "edit", "employee"),
    "ideas.assess": lambda: _idea_pages([Stage.SCREENING], "assess", fill={"rationale": TEXT}),
    "ideas.move": lambda: [
        *_idea_pages([Stage.SCREENING], "move/declined", fill=REASON),
        *_idea_pages(
            [Stage.SCREENING], "move/parked", fill={**REASON, "revisit_on": LATER.isoformat()}
        ),
    ],
    "ideas.support": lambda: _on_idea_page(list(Stage), "support", "employee"),
    "notifications.follow": lambda: _on_idea_page(list(Stage), "follow", "employee"),
    "notifications.read": lambda: _on_notifications(lambda n: f"/notifications/{n}/read?page=1"),
    "notifications.read_all": lambda: _on_notifications(lambda n: "/notifications/read-all"),
    "ideas.take": lambda: _on_idea_page([Stage.SUBMITTED], "take"),
    "ideas.confidential": lambda: _on_idea_page([Stage.SUBMITTED], "confidential"),
    "ideas.withdraw": lambda: [
        Form(
            "employee",
            [(f"/ideas/{i}", f"/ideas/{i}/withdraw") for i in _ideas(Stage.SUBMITTED)],
        )
    ],
    "discussion.post": lambda: [
        Form(
            "employee",
            [(f"/ideas/{i}", f"/ideas/{i}/comments/new") for i in _ideas(*BOARD)],
            {"body": TEXT},
        )
    ],
    "discussion.reply": lambda: [
        Form(
            "employee",
            _own(*(f"/comments/{c}/reply" for c in _comments(top=True))),
            {"reply-body": TEXT},
        )
    ],
    "discussion.edit": lambda: [
        Form("employee", _own(*(f"/comments/{c}/edit" for c in _comments(mine=True))))
    ],
    "discussion.remove": lambda: [
        Form("employee", _own(*(f"/comments/{c}/remove" for c in _comments(mine=True))))
    ],
    "board.move": lambda: [
        Form(
            "manager",
            [(f"/board/ideas/{i}/move", "/board/move") for i in _ideas(Stage.SCREENING)],
        )
    ],
    "board.gate": lambda: [
        *_gate([Stage.SUBMITTED], Stage.SCREENING, {}),
        *_gate(
            [Stage.SCREENING],
            Stage.PRIORITISED,
            {"rationale": TEXT, "strategic_goal_id": str(_of_org(StrategicGoal))},
        ),
        *_gate([Stage.PRIORITISED], Stage.SCREENING, REASON),
    ],
    "pilots.plan": lambda: _idea_pages(
        [Stage.PRIORITISED],
        "pilot/new",
        fill={
            "hypothesis": TEXT,
            "criteria-0-description": TEXT,
            "criteria-0-threshold": TEXT,
            **PLAN,
        },
    ),
    "pilots.extend": lambda: _idea_pages(
        [Stage.PILOT], "pilot/extend", fill={**REASON, "ends_on": "2099-12-31"}
    ),
    "pilots.evaluate": lambda: _idea_pages(
        [Stage.PILOT], "pilot/evaluate", fill={"decision": "stop", "learnings": TEXT}
    ),
    "rollouts.plan": lambda: _idea_pages([Stage.ROLLOUT], "rollout"),
    "rollouts.unit_status": lambda: [
        Form(
            "manager",
            [
                (f"/ideas/{u.rollout.idea_id}", f"/rollout-units/{u.id}/status")
                for u in db.session.scalars(select(RolloutUnit).order_by(RolloutUnit.id))
            ],
            {"status": "done"},
        )
    ],
    "rollouts.activity_done": lambda: [
        Form(
            "manager",
            [
                (f"/ideas/{a.rollout.idea_id}", f"/activities/{a.id}/done")
                for a in db.session.scalars(select(Activity).order_by(Activity.id))
            ],
        )
    ],
    "benefits.new": lambda: _idea_pages(
        [Stage.ROLLOUT], "benefits/new", fill={"title": TEXT, "indicator": TEXT, "measure": TEXT}
    ),
    "benefits.edit": lambda: _benefit_pages("edit"),
    "benefits.measure": lambda: [
        *_benefit_pages("measure", "employee", fill={"value": "12"}),
    ],
    "benefits.propose": lambda: _benefit_pages("propose", "employee", fill={"value": "10"}),
    "benefits.confirm": lambda: [
        Form("manager", [(f"/benefits/{b}", f"/benefits/{b}/confirm") for b in _benefits()])
    ],
    "benefits.close": lambda: [  # the last benefit: the first ones are proposed and confirmed
        Form("manager", _own(*(f"/benefits/{b}/close" for b in reversed(_benefits()))), CLOSE)
    ],
    "benefits.assess": lambda: _idea_pages(
        [Stage.FOLLOW_UP],
        "closing",
        fill={"summary": TEXT, "learnings": TEXT, "keeper_id": _person()},
    ),
    "costs.new": lambda: _idea_pages(
        [Stage.ROLLOUT],
        "costs/new",
        fill={"description": TEXT, **COST},
    ),
    "costs.edit": lambda: [Form("manager", _own(*(f"/costs/{c}/edit" for c in _costs())))],
    "costs.delete": lambda: [
        Form("manager", [(f"/costs/{c}/edit", f"/costs/{c}/delete") for c in _costs()])
    ],
    "admin.user_new": lambda: [
        Form(
            "admin",
            _own("/admin/users/new"),
            {"name": TEXT, "email": "new@example.org", "password": "a-long-password"},
        )
    ],
    "admin.user_edit": lambda: [
        Form("admin", _own(f"/admin/users/{_user('employee@example.org').id}"))
    ],
    "admin.user_anonymise": lambda: [
        Form("admin", _own(f"/admin/users/{_user('employee@example.org').id}/anonymise"))
    ],
    "admin.unit_form": lambda: [
        Form("admin", _own("/admin/units/new"), {"name": "A new unit"}),
        Form("admin", _own(f"/admin/units/{_unit()}")),
    ],
    "admin.catalogue_form": lambda: (
        [
            Form("admin", _own(f"/admin/{kind}/new"), {"name": f"A new {kind}", **extra})
            for kind, extra in (
                ("goals", {}),
                ("categories", {}),
                ("criteria", {"weight": "2", "position": "7"}),
            )
        ]
        + [
            Form("admin", _own(f"/admin/{kind}/{_of_org(model)}"))
            for kind, model in (
                ("goals", StrategicGoal),
                ("categories", Category),
                ("criteria", ScoringCriterion),
            )
        ]
    ),
    "admin.toggle": lambda: [
        Form(
            "admin",
            [(f"/admin/{kind}", f"/admin/{kind}/{_of_org(model)}/deactivate")],
        )
        for kind, model in (("goals", StrategicGoal), ("categories", Category))
    ],
    "admin.benefit_settings": lambda: [Form("admin", _own("/admin/benefit-settings"))],
    "admin.idea_settings": lambda: [Form("admin", _own("/admin/idea-settings"))],
    "admin.board": lambda: [Form("admin", _own("/admin/board"))],
    "notification_email.preferences": lambda: [
        Form("manager", _own("/account/notifications"), {"comment": "weekly"})
    ],
    # no fields, no login and no CSRF token (RFC 8058 one-click): the signed token is the proof
    # (the manager's: the employee was anonymised above)
    "notification_email.unsubscribe": lambda: [
        Form(None, _own(f"/unsubscribe/{make_token(_user(MANAGER).id, [Kind.COMMENT])}"))
    ],
}


def _gate(stages, target: Stage, fill) -> list[Form]:
    pages = [
        (f"/board/ideas/{i}/gate/{target.value}?version={db.session.get(Idea, i).version}", "")
        for i in _ideas(*stages)
    ]
    pages = [(page, urlsplit(page).path) for page, _ in pages]
    return [Form("manager", pages, fill)]


def _comments(top: bool = False, mine: bool = False) -> list[int]:
    """The demo's comments on the first organisation's ideas: top-level ones, or the employee's."""
    where = [Comment.idea_id.in_(select(Idea.id).where(Idea.organisation_id == _org()))]
    if top:
        where.append(Comment.parent_id.is_(None))
    if mine:
        where.append(Comment.author_id == _user("employee@example.org").id)
    return list(db.session.scalars(select(Comment.id).where(*where).order_by(Comment.id)))


def _on_notifications(action) -> list[Form]:
    """A button on the employee's notifications page, with a new unread notification (about an
    idea the employee submitted) to act on: `action(notification_id)` is where it posts."""
    employee = _user("employee@example.org")
    idea = _first(Idea, Idea.submitter_id == employee.id)
    row = Notification(user_id=employee.id, idea_id=idea, kind=Kind.STAGE, subject="screening")
    db.session.add(row)
    db.session.commit()
    return [Form("employee", [("/notifications/", action(row.id))])]


MANAGER = "manager@example.org"


def _person() -> str:
    return str(_user("employee@example.org").id)


def _costs() -> list[int]:
    of_org = Cost.idea_id.in_(select(Idea.id).where(Idea.organisation_id == _org()))
    return list(db.session.scalars(select(Cost.id).where(of_org).order_by(Cost.id)))


# -----------------------------------------------------------------------------------------------


def _own(*pages: str) -> list[tuple[str, str]]:
    """Pages whose form posts to the page itself."""
    return [(p, urlsplit(p).path) for p in pages]


def _shown(client, form: Form) -> tuple[str | None, dict[str, dict]]:
    """The first of the form's pages that shows it: its action and fields."""
    for page, action in form.pages:
        response = client.get(page)
        if response.status_code == 200:
            try:
                return action, read_form(response.text, urlsplit(page).path, action)
            except AssertionError:
                continue
    return None, {}


def _client(app, login, role):
    return app.test_client() if role is None else login(_user(f"{role}@example.org"))


def test_every_post_route_has_an_entry(app):
    posts = {r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods}
    assert posts <= set(FORMS), f"add to FORMS: {sorted(posts - set(FORMS))}"
    assert set(FORMS) <= posts, f"no such POST route: {sorted(set(FORMS) - posts)}"


def test_no_bad_value_in_any_field_of_any_form_fails_or_is_half_written(app, demo, login):
    started, requests, failures, covered, forms = time.monotonic(), 0, [], [], []
    for endpoint in FORMS:  # in order: a benefit is proposed before it is confirmed
        for form in FORMS[endpoint]():
            forms.append(endpoint)
            client = _client(app, login, form.role)
            action, fields = _shown(client, form)
            if action is None:
                failures.append(f"{endpoint}: none of {form.pages[:2]} shows its form")
                continue
            data = {n: f["value"] or "" for n, f in fields.items() if f["value"] is not None}
            data.update(form.fill)
            before = row_counts()
            # a part the form does not have: a form without fields gets its file and escapes too
            extra = ("attachment", {"kind": "extra", "value": None})
            for turn, (name, f) in enumerate([*fields.items(), extra]):
                for kind, value in bad_values(name, f, turn).items():
                    if value == NUL_INSIDE:
                        value = _nul_inside(data.get(name, ""))
                    try:
                        response = post(client, action, {**data, name: value}, name, kind)
                        saved, status = answer(client, response)
                        refused = not saved and response.status_code in REFUSED | SAVED
                    except Exception as error:  # noqa: BLE001 (report every case, not the first)
                        refused, status = False, f"{type(error).__name__}: {error}"[:200]
                    requests += 1
                    after = row_counts()
                    if not refused or after != before:
                        failures.append(f"{endpoint} {action} {name} <- {kind}: {status}")
                        before = after
                if f["kind"] != "extra":
                    covered.append(f"{endpoint}.{name}")
            saved, status = answer(client, client.post(action, data=data))
            if not saved:
                failures.append(f"{endpoint} {action}: the valid post -> {status}")
    seconds = time.monotonic() - started
    print(f"{requests} bad posts, {len(covered)} fields, {len(forms)} forms, {seconds:.0f} s")
    assert not failures, "\n".join(failures)
