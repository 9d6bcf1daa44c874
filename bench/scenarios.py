"""The requests `bench/run.py` times, with the people and targets they need, found in the
generated database: a manager of the förvaltning with the most ideas, a leader, an employee,
an idea in rollout with benefits, submitted ideas to move, open benefits to measure."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from sqlalchemy import func, select, update

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits.models import Benefit
from tracker.benefits.rules import Lifecycle
from tracker.board import cards
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import BOARD, Stage
from tracker.orgs.models import Organisation, Unit

CARDS = 500
WRITE_WARMUP = 5


@dataclass
class Case:
    label: str
    request: Callable[[], object]
    prepare: Callable[[], None] = lambda: None
    write: bool = False
    warmup_cap: int = 1000
    skip: str = ""
    note: str = ""


@dataclass
class Setup:
    """Ids found once, before any request."""

    manager: str
    leader: str
    admin: str
    employee: tuple[str, int]  # session id, unit
    scope: list[int]
    idea_id: int
    benefits: int
    per_column: int = 0
    board_user: str = ""
    board_cards: int = 0
    to_move: list[tuple[int, int]] = field(default_factory=list)  # idea, version
    mover: str = ""  # the manager, unless their units have too few ideas to move
    to_measure: list[tuple[int, str]] = field(default_factory=list)  # benefit, owner's session


def _find(writes: int) -> Setup:
    org = db.session.scalar(select(Organisation.id).order_by(Organisation.id.desc()).limit(1))
    people = {u.email.split("@")[0]: u for u in db.session.scalars(select(User))}
    root = db.session.scalar(
        select(Unit.id).where(Unit.organisation_id == org, Unit.parent_id.is_(None))
    )
    departments = db.session.scalars(select(Unit.id).where(Unit.parent_id == root)).all()
    children = {
        d: db.session.scalars(select(Unit.id).where(Unit.parent_id == d)).all() for d in departments
    }
    size = {
        d: db.session.scalar(select(func.count()).where(Idea.unit_id.in_(c)))
        for d, c in children.items()
    }
    biggest = max(size, key=size.get)
    manager = db.session.scalar(
        select(User).where(User.unit_id == biggest, User.role == Role.MANAGER)
    )
    scope = [biggest, *children[biggest]]
    benefit_count = (
        select(Benefit.idea_id, func.count().label("n")).group_by(Benefit.idea_id).subquery()
    )
    in_rollout = db.session.execute(
        select(Idea.id, benefit_count.c.n)
        .join(benefit_count, benefit_count.c.idea_id == Idea.id)
        .where(Idea.stage == Stage.ROLLOUT, Idea.unit_id.in_(scope))
        .order_by(Idea.id)
    ).all()
    counts = sorted(n for _, n in in_rollout)
    typical = counts[len(counts) // 2]
    idea_id = next(i for i, n in in_rollout if n == typical)
    employee = db.session.scalar(
        select(User).where(User.role == Role.EMPLOYEE, User.unit_id.in_(scope)).order_by(User.id)
    )
    setup = Setup(
        manager.get_id(), people["leader1"].get_id(), people["admin"].get_id(),
        (employee.get_id(), employee.unit_id), scope, idea_id, typical,
    )  # fmt: skip
    _board_of_500(setup, manager, people["admin"])
    wanted = 2 * (writes + WRITE_WARMUP)
    setup.to_move = _movable(manager, scope, wanted)
    if len(setup.to_move) < wanted:  # a small organisation: the admin moves across it
        setup.mover = people["admin"].get_id()
        setup.to_move = _movable(people["admin"], None, wanted)
    benefits = db.session.execute(
        select(Benefit.id, User)
        .join(User, User.id == Benefit.owner_id)
        .where(Benefit.lifecycle.in_([Lifecycle.PLANNED, Lifecycle.REALISING]))
        .order_by(Benefit.id)
        .limit(writes + WRITE_WARMUP)
    ).all()
    setup.to_measure = [(b, owner.get_id()) for b, owner in benefits]
    return setup


def _board_of_500(setup: Setup, manager: User, admin: User) -> None:
    """Cards per column so that the board shows about 500 cards: the manager's board, or the
    admin's (the whole organisation) when the manager's units hold fewer."""
    for user in (manager, admin):
        org = user.organisation_id
        where = [Idea.organisation_id == org, Idea.stage.in_(BOARD)]
        if user is manager:
            where.append(Idea.unit_id.in_(setup.scope))
        per_stage = dict(
            db.session.execute(
                select(Idea.stage, func.count()).where(*where).group_by(Idea.stage)
            ).all()
        )
        if sum(per_stage.values()) >= CARDS or user is admin:
            break
    page = 1
    while sum(min(n, page) for n in per_stage.values()) < min(CARDS, sum(per_stage.values())):
        page += 1
    setup.per_column = page
    setup.board_user = user.get_id()
    setup.board_cards = sum(min(n, page) for n in per_stage.values())


def _movable(user: User, scope: list[int] | None, wanted: int) -> list[tuple[int, int]]:
    """Submitted ideas in the user's scope that have a responsible manager, so that a drop into
    screening meets its gate; the user takes more of them when there are too few."""
    base = select(Idea.id).where(
        Idea.organisation_id == user.organisation_id, Idea.stage == Stage.SUBMITTED
    )
    if scope is not None:
        base = base.where(Idea.unit_id.in_(scope))
    owned = db.session.scalars(base.where(Idea.owner_id.is_not(None)).order_by(Idea.id)).all()
    if len(owned) < wanted:
        free = base.where(Idea.owner_id.is_(None)).order_by(Idea.id).limit(wanted - len(owned))
        more = db.session.scalars(free).all()
        db.session.execute(update(Idea).where(Idea.id.in_(more)).values(owner_id=user.id))
        db.session.commit()
        owned = [*owned, *more]
    rows = db.session.execute(
        select(Idea.id, Idea.version).where(Idea.id.in_(owned[:wanted])).order_by(Idea.id)
    )
    return [tuple(r) for r in rows]


def _client(app, session_id: str):
    client = app.test_client()
    _login(client, session_id)
    return client


def _login(client, session_id: str) -> None:
    """Sign the client in; also before each timed write, as the session a person sends: the
    messages a write flashes are shown by the page its redirect leads to, which the bench does
    not request, so without this they would pile up in the session cookie."""
    with client.session_transaction() as session:
        session["_user_id"] = session_id
        session["_fresh"] = True
        session.pop("_flashes", None)


def _get(client, path: str, expect: int = 200) -> Callable[[], object]:
    def request():
        response = client.get(path)
        if response.status_code != expect:
            raise RuntimeError(f"GET {path}: {response.status_code}")
        return response

    return request


def cases(app, runs: int, writes: int, warmup: int) -> list[Case]:
    with app.app_context():
        s = _find(writes)
    manager, leader = _client(app, s.manager), _client(app, s.leader)
    found = [
        Case("bare /healthz", _get(manager, "/healthz")),
        Case(f"idea page (rollout, {s.benefits} benefits)", _get(manager, f"/ideas/{s.idea_id}")),
        Case("idea list", _get(manager, "/ideas/")),
        Case("board, default view", _get(manager, "/board/")),
        _board_case(app, s),
        _dashboard_case(leader),
        _submit_case(app, s),
        *_move_cases(app, s),
        _measure_case(app, s),
        _comment_case(app, s),
    ]
    return found


def _board_case(app, s: Setup) -> Case:
    client = _client(app, s.board_user)
    plain = _get(client, "/board/")

    def request():
        kept, cards.PAGE = cards.PAGE, s.per_column
        try:
            return plain()
        finally:
            cards.PAGE = kept

    shown = request().get_data(as_text=True).count('<li class="card" id="card-')
    who = "manager's units" if s.board_user == s.manager else "whole organisation (admin)"
    note = f"{shown} cards, {s.per_column} per column, {who}"
    return Case(f"board, {CARDS} cards", request, note=note)


def _dashboard_case(leader) -> Case:
    probe = leader.get("/dashboard/")
    if probe.status_code == 404:
        return Case("dashboard (leader)", lambda: None, skip="no /dashboard/ yet: skipped")
    return Case("dashboard (leader)", _get(leader, "/dashboard/"))


def _submit_case(app, s: Setup) -> Case:
    client = _client(app, s.employee[0])
    numbers = itertools.count(1)

    def request():
        n = next(numbers)
        form = {
            "title": f"Bänkad idé nummer {n}", "need": "Det tar för lång tid idag.",
            "proposal": "Gör det digitalt.", "expected_benefit": "", "category_id": "",
            "tags": "bänk", "unit_id": str(s.employee[1]), "source": "employee", "version": "0",
        }  # fmt: skip
        response = client.post("/ideas/new", data=form)
        if response.status_code != 302:
            raise RuntimeError(f"POST /ideas/new: {response.status_code}")

    prepare = partial(_login, client, s.employee[0])
    return Case("submit an idea", request, prepare, write=True, warmup_cap=WRITE_WARMUP)


def _move_cases(app, s: Setup) -> list[Case]:
    client = _client(app, s.mover or s.manager)
    prepare = partial(_login, client, s.mover or s.manager)
    targets = iter(s.to_move)
    htmx = {"HX-Request": "true", "HX-Current-URL": "http://localhost/board/"}

    def mover(headers: dict, expect: int):
        def request():
            idea_id, version = next(targets)
            form = {"idea_id": idea_id, "version": version, "stage": "screening", "view": ""}
            response = client.post("/board/move", data=form, headers=headers)
            if response.status_code != expect:
                raise RuntimeError(f"POST /board/move: {response.status_code}")

        return request

    return [
        Case(
            "move a card (form post, redirect)",
            mover({}, 302),
            prepare,
            write=True,
            warmup_cap=WRITE_WARMUP,
        ),
        Case(
            "move a card (htmx: answers with the board)",
            mover(htmx, 200),
            prepare,
            write=True,
            warmup_cap=WRITE_WARMUP,
        ),
    ]


def _measure_case(app, s: Setup) -> Case:
    client = app.test_client()
    targets = iter(s.to_measure)
    current: dict = {}

    def prepare():
        current["benefit"], owner = next(targets)
        _login(client, owner)

    def request():
        if "benefit" not in current:
            prepare()
        path = f"/benefits/{current.pop('benefit')}/measure"
        form = {"on": date.today().isoformat(), "value": "123", "comment": "Bänk"}
        response = client.post(path, data=form)
        if response.status_code != 302:
            raise RuntimeError(f"POST {path}: {response.status_code}")

    note = "as each benefit's owner"
    return Case(
        "record a measurement", request, prepare, write=True, warmup_cap=WRITE_WARMUP, note=note
    )


def _comment_case(app, s: Setup) -> Case:
    """The manager comments on the idea in rollout, naming one of their employees."""
    client = _client(app, s.manager)
    with app.app_context():
        employee = db.session.get(User, int(s.employee[0].split(":")[0]))
        handle = employee.email.split("@")[0]
    numbers = itertools.count(1)
    path = f"/ideas/{s.idea_id}/comments/new"

    def request():
        body = f"Kommentar nummer {next(numbers)}: vad säger du, @{handle}?"
        response = client.post(path, data={"body": body})
        if response.status_code != 302:
            raise RuntimeError(f"POST {path}: {response.status_code}")

    prepare = partial(_login, client, s.manager)
    note = "plain post with a mention, redirect"
    return Case(
        "comment on an idea", request, prepare, write=True, warmup_cap=WRITE_WARMUP, note=note
    )
