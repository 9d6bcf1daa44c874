"""Every URL rule, as every kind of person, by GET and POST, with and without HTMX: the answer that
the matrix in tests/authorisation_expectations.py expects, and no write from a refused request.

The people are the employee, manager, leader and admin of the demo's first organisation, an
employee of it who takes no part in the ideas asked about, the manager and admin of another
organisation, and an anonymous visitor. The path values are real objects of the first
organisation. Refused requests run as in production and must commit no INSERT, UPDATE or DELETE;
allowed ones run with their commit held back (flushed, then rolled back when the request ends),
so that every cell meets the same demo data.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from itertools import product
from urllib.parse import urlsplit

import pytest
from sqlalchemy import event, func, null, select, union_all
from sqlalchemy.orm import Session

from tests.authorisation_expectations import (
    MATRIX,
    Answer,
    IdeaFacts,
    Line,
    Person,
    Subject,
    answer,
    reads,
    supports,
)
from tests.demo_helpers import _user
from tracker.admin.catalogue import TOGGLED
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits.models import Benefit
from tracker.costs.models import Cost
from tracker.discussion.models import Comment
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage
from tracker.notifications.email.tokens import make_token
from tracker.notifications.models import Kind, Notification
from tracker.orgs.models import Organisation, Unit
from tracker.pilots.models import Pilot
from tracker.rollouts.models import Activity, Rollout, RolloutUnit

PEOPLE = {  # key: the demo account, or None for the anonymous visitor and the chosen bystander
    "anonymous": None,
    "employee": "employee@example.org",
    "bystander": None,
    "manager": "manager@example.org",
    "leader": "leader@example.org",
    "admin": "admin@example.org",
    "other manager": "manager@munkedal.example.org",
    "other admin": "admin@munkedal.example.org",
}
METHODS = ("GET", "POST")
HTMX = (False, True)


# ------------------------------------------------------------------ the demo, as plain facts


class Demo:
    """The first organisation's ideas and people, read once as facts."""

    def __init__(self) -> None:
        self.org = db.session.scalar(select(Organisation.id).order_by(Organisation.id))
        self.children: dict[int | None, list[int]] = {}
        for unit_id, parent_id in db.session.execute(select(Unit.id, Unit.parent_id)):
            self.children.setdefault(parent_id, []).append(unit_id)
        self.ideas = self._ideas()
        self.employee = self.person("employee", _user(PEOPLE["employee"]))
        self.manager = self.person("manager", _user(PEOPLE["manager"]))
        self.bystander = self.person("bystander", self._least_involved_employee())

    def subtree(self, unit_id: int | None) -> frozenset[int]:
        found, todo = set(), [unit_id] if unit_id else []
        while todo:
            found.add(unit := todo.pop())
            todo += self.children.get(unit, [])
        return frozenset(found)

    def person(self, key: str, user: User | None) -> Person:
        if user is None:
            return Person(key, None)
        scope = self.subtree(user.unit_id) if user.role is Role.MANAGER else frozenset()
        return Person(key, user.id, user.organisation_id, user.role, scope)

    def _ideas(self) -> dict[int, IdeaFacts]:
        taking_part = union_all(
            select(Pilot.idea_id, Pilot.owner_id),
            select(Rollout.idea_id, RolloutUnit.contact_id).join(RolloutUnit.rollout),
            select(Rollout.idea_id, Activity.owner_id).join(Activity.rollout),
            select(Benefit.idea_id, Benefit.owner_id),
        )
        participants: dict[int, set[int]] = {}
        for idea_id, user_id in db.session.execute(taking_part):
            if user_id is not None:
                participants.setdefault(idea_id, set()).add(user_id)
        ideas = db.session.scalars(select(Idea).where(Idea.organisation_id == self.org))
        return {
            i.id: IdeaFacts(
                i.id,
                i.organisation_id,
                i.unit_id,
                i.stage,
                i.submitter_id,
                i.owner_id,
                frozenset(participants.get(i.id, ())),
                i.confidential,
            )
            for i in ideas
        }

    def involves(self, person: Person, idea: IdeaFacts) -> bool:
        return person.id == idea.submitter_id or person.id in idea.participants

    def _least_involved_employee(self) -> User:
        """An employee of the organisation, not the demo's, who takes part in the fewest ideas."""
        others = db.session.scalars(
            select(User)
            .where(User.organisation_id == self.org, User.role == Role.EMPLOYEE)
            .where(User.id != self.employee.id)
            .order_by(User.id)
        )
        return min(
            others,
            key=lambda u: sum(self.involves(Person("", u.id), i) for i in self.ideas.values()),
        )

    def idea(self, stage: Stage, in_scope: bool) -> IdeaFacts | None:
        """An idea at the stage in the manager's scope (one the employee takes part in, if any),
        or out of it (one the employee does not); never one the bystander takes part in."""
        fits = [
            i
            for i in self.ideas.values()
            if i.stage is stage
            and (i.unit_id in self.manager.scope) == in_scope
            and not self.involves(self.bystander, i)
            and (in_scope or not self.involves(self.employee, i))
        ]
        fits.sort(key=lambda i: (not self.involves(self.employee, i), i.id))
        return fits[0] if fits else None


def _idea_subject(idea: IdeaFacts, label: str = "") -> Subject:
    label = label or f"idea {idea.id} ({idea.stage.value})"
    return Subject(label, {"idea_id": idea.id}, organisation_id=idea.organisation_id, idea=idea)


def _confidential(demo: Demo, line: Line) -> list[IdeaFacts]:
    """The confidential ideas at the line's stages that the bystander takes no part in."""
    return [
        i
        for i in sorted(demo.ideas.values(), key=lambda i: i.id)
        if i.confidential and i.stage in line.stages and not demo.involves(demo.bystander, i)
    ]


def _ideas(demo: Demo, line: Line, rule, values) -> list[Subject]:
    """For each stage, an idea in the manager's scope and one out of it; and the confidential
    ones at those stages."""
    picks = [demo.idea(stage, in_scope) for stage in line.stages for in_scope in (True, False)]
    picks += [i for i in _confidential(demo, line) if i not in picks]
    return [_idea_subject(i) for i in picks if i is not None]


def _idea_of_each_stage(demo: Demo, line: Line, rule, values) -> list[Subject]:
    """The first open idea of each stage that the bystander takes no part in, and the
    confidential ones."""
    firsts = {}
    for idea in sorted(demo.ideas.values(), key=lambda i: i.id):
        if not demo.involves(demo.bystander, idea) and not idea.confidential:
            firsts.setdefault(idea.stage, idea)
    subjects = [_idea_subject(firsts[stage]) for stage in line.stages]
    return subjects + [
        _idea_subject(i, f"confidential idea {i.id}") for i in _confidential(demo, line)
    ]


def _card_moves(demo: Demo, line: Line, rule, values) -> list[Subject]:
    """A drop of the card in its own column: the body names the idea, so access is checked."""
    subjects = []
    for subject in _ideas(demo, line, rule, values):
        idea = db.session.get(Idea, subject.idea.id)
        body = {"idea_id": idea.id, "stage": idea.stage.value, "version": idea.version}
        subjects.append(replace(subject, values={}, body=body))
    return subjects


def _rows(argument: str, query, what: str):
    """Rows (id, idea, person, proposer) of the organisation's ideas that the bystander takes no
    part in: one whose person is the employee, then, whose person is not, one of an idea in the
    manager's scope and one of an idea out of it."""

    def subjects(demo: Demo, line: Line, rule, values) -> list[Subject]:
        rows = [
            r
            for r in db.session.execute(query.order_by(query.selected_columns[0]))
            if r[1] in demo.ideas and not demo.involves(demo.bystander, demo.ideas[r[1]])
        ]
        picks = [r for r in rows if r[2] == demo.employee.id][:1]
        theirs = [r for r in rows if r[2] != demo.employee.id]
        for in_scope in (True, False):
            scoped = [
                r for r in theirs if (demo.ideas[r[1]].unit_id in demo.manager.scope) == in_scope
            ]
            picks += scoped[:1]
        return [
            Subject(
                f"{what} {row_id} of idea {idea_id}",
                {argument: row_id},
                organisation_id=demo.org,
                idea=demo.ideas[idea_id],
                person_id=person_id,
                proposed_by_id=proposer,
            )
            for row_id, idea_id, person_id, proposer in sorted(picks)
        ]

    return subjects


def _admin_objects(argument: str, model_of):
    """The first object of the organisation of the model the URL names (by its kind)."""

    def subjects(demo: Demo, line: Line, rule, values) -> list[Subject]:
        if argument not in rule.arguments:  # the rule that makes a new one
            return [Subject("new")]
        model = model_of(values)
        object_id = db.session.scalar(
            select(model.id).where(model.organisation_id == demo.org).order_by(model.id)
        )
        return [
            Subject(
                f"{model.__name__} {object_id}", {argument: object_id}, organisation_id=demo.org
            )
        ]

    return subjects


def _notifications(demo: Demo, line: Line, rule, values) -> list[Subject]:
    """A notification of the employee's and one of the manager's, each about an idea its person
    reads (the demo writes its history directly, so none exist: they are written here, before
    the rows are counted)."""
    subjects = []
    for person in (demo.employee, demo.manager):
        idea = min(
            (i for i in demo.ideas.values() if reads(person, i)),
            key=lambda i: (not demo.involves(person, i), i.id),
        )
        row = Notification(user_id=person.id, idea_id=idea.id, kind=Kind.STAGE, subject="pilot")
        db.session.add(row)
        db.session.commit()
        subjects.append(
            Subject(
                f"notification {row.id} of {person.key}",
                {"notification_id": row.id},
                organisation_id=demo.org,
                idea=idea,
                person_id=person.id,
            )
        )
    return subjects


def _users(demo: Demo, line: Line, rule, values) -> list[Subject]:
    employee = demo.employee
    return [Subject(f"user {employee.id}", {"user_id": employee.id}, organisation_id=demo.org)]


def _unsubscribe_tokens(demo: Demo, line: Line, rule, values) -> list[Subject]:
    token = make_token(demo.employee.id, [Kind.COMMENT])
    return [Subject("the employee's unsubscribe token", {"token": token})]


SUBJECTS = {
    "": lambda demo, line, rule, values: [Subject()],
    "ideas": _ideas,
    "idea of each stage": _idea_of_each_stage,
    "card moves": _card_moves,
    "benefits": _rows(
        "benefit_id",
        select(Benefit.id, Benefit.idea_id, Benefit.owner_id, Benefit.proposed_by_id),
        "benefit",
    ),
    "costs": _rows("cost_id", select(Cost.id, Cost.idea_id, null(), null()), "cost"),
    "comments": _rows(
        "comment_id", select(Comment.id, Comment.idea_id, Comment.author_id, null()), "comment"
    ),
    "rollout units": _rows(
        "row_id",
        select(RolloutUnit.id, Rollout.idea_id, RolloutUnit.contact_id, null()).join(
            RolloutUnit.rollout
        ),
        "rollout unit",
    ),
    "activities": _rows(
        "row_id",
        select(Activity.id, Rollout.idea_id, Activity.owner_id, null()).join(Activity.rollout),
        "activity",
    ),
    "users": _users,
    "notifications": _notifications,
    "unsubscribe tokens": _unsubscribe_tokens,
    "units": _admin_objects("unit_id", lambda values: Unit),
    "catalogue": _admin_objects("object_id", lambda values: TOGGLED[values["kind"]]),
}


# ------------------------------------------------------------------ asking


def _cells(app, demo: Demo) -> Iterator[tuple]:
    """(rule, line, subject, url) for every rule of the app, every `any` choice and subject."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if rule.endpoint == "static":
            continue
        line = MATRIX[rule.endpoint]
        kinds = sorted(n for n in rule.arguments if hasattr(rule._converters[n], "items"))
        for choice in product(*(sorted(rule._converters[n].items) for n in kinds)):
            values = dict(zip(kinds, choice, strict=True))
            subjects = SUBJECTS[line.subjects](demo, line, rule, values)
            assert subjects, f"no subject in the demo for {rule.rule} ({line.subjects})"
            for subject in subjects:
                args = {**values, **line.path, **subject.values}
                missing = rule.arguments - args.keys()
                assert not missing, f"no value for {missing} of {rule.rule}: fix its line"
                yield rule, line, subject, rule.build({k: args[k] for k in rule.arguments})[1]


WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE)\b", re.IGNORECASE)


class WriteWatch:
    """The INSERT, UPDATE and DELETE statements that connections of the engine commit."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.pending: dict[int, list[str]] = {}
        self.committed: list[str] = []
        self.listeners = {
            "after_cursor_execute": self._executed,
            "commit": self._committed,
            "rollback": self._rolled_back,
        }

    def __enter__(self) -> "WriteWatch":
        for name, listener in self.listeners.items():
            event.listen(self.engine, name, listener)
        return self

    def __exit__(self, *exc) -> None:
        for name, listener in self.listeners.items():
            event.remove(self.engine, name, listener)

    def start(self) -> None:
        self.pending.clear()
        self.committed.clear()

    def _executed(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if WRITE.match(statement):
            self.pending.setdefault(id(conn), []).append(statement.split("\n")[0][:80])

    def _committed(self, conn) -> None:
        self.committed += self.pending.pop(id(conn), [])

    def _rolled_back(self, conn) -> None:
        self.pending.pop(id(conn), None)


@contextmanager
def commit_held_back():
    """The request's commit only flushes: its writes end rolled back with its session."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Session, "commit", Session.flush)
        yield


def _sign_in(client, session_id: str | None) -> None:
    """A fresh session for each request: signed in as the person, or anonymous."""
    with client.session_transaction() as session:
        session.clear()
        if session_id:
            session["_user_id"] = session_id
            session["_fresh"] = True


def _matches(expected: Answer, line: Line, method: str, status: int, location: str) -> bool:
    to_login = urlsplit(location).path == "/login" and not line.lands_on_login
    if expected is Answer.ALLOWED:
        tried = method == "POST" and status in (400, 422)  # refused by the form, not the rights
        return (200 <= status < 400 and not to_login) or tried
    if expected is Answer.LOGIN:
        return status in (204, 302) and urlsplit(location).path == "/login"  # HX-Redirect: 204
    return status == expected.value


def _ask(client, method: str, url: str, htmx: bool, body: dict) -> tuple[int, str]:
    headers = {"HX-Request": "true"} if htmx else {}
    data = body if method == "POST" else None
    with client.open(url, method=method, headers=headers, data=data, buffered=True) as response:
        location = response.headers.get("HX-Redirect") or response.headers.get("Location") or ""
        return response.status_code, location


def _row_counts() -> dict[str, int]:
    """Each table's rows, as one row of counts: a UNION ALL's rows come in no set order (a
    parallel plan on PostgreSQL mixes them)."""
    tables = db.metadata.sorted_tables
    counts = select(*(select(func.count()).select_from(t).scalar_subquery() for t in tables))
    return dict(zip((t.name for t in tables), db.session.execute(counts).one(), strict=True))


def _person(demo: Demo, key: str) -> tuple[Person, str | None]:
    if key == "anonymous":
        return Person(key, None), None
    user = db.session.get(User, demo.bystander.id) if key == "bystander" else _user(PEOPLE[key])
    return demo.person(key, user), user.get_id()


@pytest.mark.parametrize("key", PEOPLE)
def test_every_route_answers_each_person_as_the_matrix_says(app, demo, key):
    facts = Demo()
    person, session_id = _person(facts, key)
    cells = list(_cells(app, facts))
    before = _row_counts()
    db.session.rollback()  # the test holds no transaction while the requests write
    client = app.test_client()
    failures, asked = [], 0
    with WriteWatch(db.engine) as watch:
        for (rule, line, subject, url), method, htmx in product(cells, METHODS, HTMX):
            allowed = method in rule.methods
            expected = answer(line.rule, person, subject) if allowed else Answer.NO_METHOD
            _sign_in(client, session_id)
            watch.start()
            held = commit_held_back() if expected is Answer.ALLOWED else nullcontext()
            with held:
                try:
                    status, location = _ask(client, method, url, htmx, subject.body)
                except Exception as error:  # noqa: BLE001 (report every failing cell)
                    status, location = 500, f"{type(error).__name__}: {error}"[:200]
            asked += 1
            cell = (
                f"{key} {method}{' HX' if htmx else ''} {url} [{line.rule.name}; {subject.label}]"
            )
            if not _matches(expected, line, method, status, location):
                failures.append(f"{cell}: expected {expected.name}, got {status} {location}")
            if expected is not Answer.ALLOWED and watch.committed:
                failures.append(f"{cell}: refused, yet it wrote {watch.committed}")
    assert not failures, f"{len(failures)} of {asked} cells:\n" + "\n".join(failures)
    assert _row_counts() == before  # nothing the matrix asked changed the demo
    assert asked > 400  # the map was read: the matrix is larger than this


def test_every_url_rule_has_its_line_in_the_matrix_and_every_line_a_rule(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - {"static"}
    assert sorted(endpoints - MATRIX.keys()) == [], "new routes: add their lines to MATRIX"
    assert sorted(MATRIX.keys() - endpoints) == [], "lines of routes that are gone"


def test_the_write_watch_sees_a_committed_write_and_none_held_back(app, demo):
    facts = Demo()
    employee = facts.employee
    idea = min(i.id for i in facts.ideas.values() if supports(employee, i))
    session_id = _user(PEOPLE["employee"]).get_id()
    db.session.rollback()
    client = app.test_client()
    with WriteWatch(db.engine) as watch:
        for held, wrote in ((True, False), (False, True)):
            _sign_in(client, session_id)
            watch.start()
            with commit_held_back() if held else nullcontext():
                status, _location = _ask(client, "POST", f"/ideas/{idea}/support", False, {})
            assert status == 302
            assert bool(watch.committed) is wrote
