"""The database side of `bench/load.py`: a migrated database with the demo, the people who load
it, and afterwards the check of what the answers said against what the database holds."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import func, select, text

from bench import load_clients as lc
from bench.run import _server_version
from tracker import create_app
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits.models import Benefit, Measurement
from tracker.demo.data import load_demo
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea, StageChange

ROOT = Path(__file__).resolve().parent.parent
CHECK_LIMIT_S = 300
SAVED_OR_UNKNOWN = (lc.SAVED, lc.ERROR)  # a network error leaves the outcome unknown


@dataclass
class Seeded:
    people: list[lc.Person]
    version: str
    last_stage_change: int  # the history before the run


def _app(url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "load", "TESTING": False})


def seed(url: str) -> Seeded:
    """Migrate, load the demo and choose the people: in the demo's first organisation three
    employees, two managers, the admin and a leader; anywhere, the three people who own the most
    open benefits. Fewer than ten logins, the production limit a minute."""
    app = _app(url)
    try:
        with app.app_context():
            upgrade()
            load_demo()
            if db.engine.dialect.name == "postgresql":  # what autovacuum gives a live database
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.execute(text("VACUUM ANALYZE"))
            return Seeded(_people(), _server_version(), _last_stage_change())
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _last_stage_change() -> int:
    return db.session.scalar(select(func.max(StageChange.id))) or 0


def _people() -> list[lc.Person]:
    first = db.session.scalar(select(User).where(User.email == "employee@example.org"))
    org = first.organisation_id

    def of_role(role: Role, n: int) -> list[User]:
        where = (User.organisation_id == org, User.role == role, User.active)
        return db.session.scalars(select(User).where(*where).order_by(User.id).limit(n)).all()

    today = date.today()
    open_benefits: dict[int, list[int]] = {}
    for b in db.session.scalars(select(Benefit).order_by(Benefit.id)):
        if b.planned and not b.lifecycle.closed and b.baseline_on <= today:
            open_benefits.setdefault(b.owner_id, []).append(b.id)
    owner_ids = sorted(open_benefits, key=lambda u: -len(open_benefits[u]))[:3]
    owners = [db.session.get(User, u) for u in owner_ids]
    employees, managers = of_role(Role.EMPLOYEE, 3), of_role(Role.MANAGER, 2)
    admin, leader = of_role(Role.ADMIN, 1), of_role(Role.LEADER, 1)
    order = [*_interleave(employees, managers, owners), *admin, *leader]
    people: dict[int, lc.Person] = {}
    ideas = db.session.scalars(select(Idea)).all()
    for user in order:
        person = people.setdefault(
            user.id,
            lc.Person(
                user.email, user.id, user.unit_id, readable=sorted(access.readable_ids(user, ideas))
            ),
        )
        person.submits |= user in employees
        person.moves |= user.role in (Role.MANAGER, Role.ADMIN)
        person.reads_dashboard = user.role in (Role.LEADER, Role.ADMIN)
        person.benefits = open_benefits.get(user.id, [])
    return list(people.values())


def _interleave(*groups: list) -> list:
    return [g[i] for i in range(max(map(len, groups))) for g in groups if i < len(g)]


def check(url: str, run_id: str, answers: list[lc.Answer], last_stage_change: int) -> list[str]:
    """What the database holds against what the answers said; the problems found."""
    problems = []
    app = _app(url)
    try:
        with app.app_context():
            pattern = f"Lasttest {run_id} nr %"
            found = {
                "idea": Counter(
                    db.session.scalars(select(Idea.title).where(Idea.title.like(pattern)))
                ),
                "measurement": Counter(
                    db.session.scalars(
                        select(Measurement.comment).where(Measurement.comment.like(pattern))
                    )
                ),
            }
            moved = Counter(
                (r.idea_id, r.from_stage.value, r.to_stage.value, r.actor_id)
                for r in db.session.execute(
                    select(StageChange).where(
                        StageChange.id > last_stage_change, StageChange.from_stage.is_not(None)
                    )  # a submission's row has no stage before it
                ).scalars()
            )
            db.session.remove()
    finally:
        with app.app_context():
            db.engine.dispose()
    problems += _marked(found, answers)
    problems += _moves(moved, answers)
    problems += _aggregates(url)
    return problems


def _marked(found: dict[str, Counter], answers: list[lc.Answer]) -> list[str]:
    """Ideas and measurements by their marker: saved once, refused never, nothing unasked."""
    problems = []
    asked = {}
    for a in answers:
        if a.write and a.write[0] in found:
            asked[a.write] = a.outcome
    for (what, marker), outcome in asked.items():
        n = found[what][marker]
        if outcome == lc.SAVED and n != 1:
            problems.append(f"{what} '{marker}' was answered as saved and is there {n} times")
        elif outcome not in SAVED_OR_UNKNOWN and n:
            problems.append(f"{what} '{marker}' was answered {outcome} and is there {n} times")
        elif n > 1:
            problems.append(f"{what} '{marker}' is there {n} times")
    for what, markers in found.items():
        for marker in markers:
            if (what, marker) not in asked:
                problems.append(f"{what} '{marker}' is there but no request asked for it")
    return problems


def _moves(moved: Counter, answers: list[lc.Answer]) -> list[str]:
    """The stage history written during the run is exactly the moves answered as saved (and
    perhaps some whose answer was lost); a move within a column writes none."""
    saved, unknown = Counter(), Counter()
    for a in answers:
        if a.write and a.write[0] == "move" and a.write[2] != a.write[3]:
            if a.outcome == lc.SAVED:
                saved[a.write[1:]] += 1
            elif a.outcome == lc.ERROR:
                unknown[a.write[1:]] += 1
    problems = [
        f"move {m} was answered as saved {n} times but is in the history {moved[m]} times"
        for m, n in (saved - moved).items()
    ]
    extra = moved - saved - unknown
    problems += [
        f"move {m} is in the history {n} times more than answered" for m, n in extra.items()
    ]
    return problems


def _aggregates(url: str) -> list[str]:
    """`flask rebuild-aggregates --check`, as an operator runs it, on the loaded database."""
    command = [
        str(ROOT / ".venv" / "bin" / "flask"),
        "--app",
        "wsgi",
        "rebuild-aggregates",
        "--check",
    ]
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "load"}
    done = subprocess.run(  # noqa: S603 (our own command line)
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=CHECK_LIMIT_S
    )
    if done.returncode != 0:
        return [f"rebuild-aggregates --check exited {done.returncode}: {done.stdout}{done.stderr}"]
    print("  " + done.stdout.strip().replace("\n", "\n  "), file=sys.stdout)
    return []
