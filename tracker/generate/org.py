"""The synthetic organisation: its unit tree, goals, categories, criteria, tags, settings and
people. Small, so written with the ORM."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from werkzeug.security import generate_password_hash

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits.models import BenefitSettings
from tracker.extensions import db
from tracker.generate import words
from tracker.ideas.models import Tag
from tracker.orgs.models import Category, Organisation, ScoringCriterion, StrategicGoal, Unit

PASSWORD = "synthetic-password"  # noqa: S105 (the published password of the synthetic accounts)
EMPLOYEES = 176  # with 20 managers, 3 leaders and an admin: 200 people
LEADERS = 3


@dataclass
class People:
    """The organisation as the idea generator needs it: ids only."""

    org_id: int
    domain: str
    root_id: int
    sections: list[int] = field(default_factory=list)  # enheter, where ideas are used
    parent: dict[int, int] = field(default_factory=dict)  # enhet -> förvaltning
    siblings: dict[int, list[int]] = field(default_factory=dict)  # enhet -> its förvaltning's
    unit_names: dict[int, str] = field(default_factory=dict)
    manager: dict[int, int] = field(default_factory=dict)  # unit -> its manager
    members: dict[int, list[int]] = field(default_factory=dict)  # unit -> its people
    employees: dict[int, list[int]] = field(default_factory=dict)  # enhet -> its employees
    everyone: list[int] = field(default_factory=list)
    leaders: list[int] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    categories: list[int] = field(default_factory=list)
    criteria: list[tuple[int, Decimal, bool]] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)


def create(name: str, rng: random.Random, founded: datetime) -> People:
    """The organisation and everything around its ideas; flushed, ids known."""
    org = Organisation(name=name, created_at=founded)
    db.session.add(org)
    db.session.flush()
    domain = words.slug(name) + ".example"
    root = Unit(organisation_id=org.id, name=name)
    db.session.add(root)
    db.session.flush()
    people = People(org.id, domain, root.id, unit_names={root.id: name})
    for department, sections in words.UNITS.items():
        top = Unit(organisation_id=org.id, name=department, parent_id=root.id)
        db.session.add(top)
        db.session.flush()
        people.unit_names[top.id] = department
        below = [Unit(organisation_id=org.id, name=s, parent_id=top.id) for s in sections]
        db.session.add_all(below)
        db.session.flush()
        for unit in below:
            people.sections.append(unit.id)
            people.parent[unit.id] = top.id
            people.unit_names[unit.id] = unit.name
        for unit in below:
            people.siblings[unit.id] = [u.id for u in below]
    rows = [
        *(StrategicGoal(organisation_id=org.id, name=n, description=d) for n, d in words.GOALS),
        *(Category(organisation_id=org.id, name=n) for n in words.CATEGORIES),
        *(Tag(organisation_id=org.id, name=n) for n in words.TAGS),
    ]
    criteria = [
        ScoringCriterion(
            organisation_id=org.id, name=n, weight=Decimal(1), inverted=inverted, position=i
        )
        for i, (n, inverted) in enumerate(words.CRITERIA)
    ]
    db.session.add_all([*rows, *criteria, BenefitSettings(organisation_id=org.id)])
    db.session.flush()
    people.goals = [r.id for r in rows if isinstance(r, StrategicGoal)]
    people.categories = [r.id for r in rows if isinstance(r, Category)]
    people.tags = [r.id for r in rows if isinstance(r, Tag)]
    people.criteria = [(c.id, c.weight, c.inverted) for c in criteria]
    _people(people, rng, founded)
    return people


def _people(people: People, rng: random.Random, founded: datetime) -> None:
    """An admin and the leaders at the top, a manager for every unit below it, employees in the
    enheter. Every account has the one published password, hashed once."""
    hashed = generate_password_hash(PASSWORD)
    users: list[tuple[User, int]] = []

    def add(local: str, role: Role, unit_id: int) -> None:
        user = User(
            organisation_id=people.org_id, unit_id=unit_id, email=f"{local}@{people.domain}",
            name=words.person(rng), password_hash=hashed, role=role, created_at=founded,
        )  # fmt: skip
        users.append((user, unit_id))

    add("admin", Role.ADMIN, people.root_id)
    for n in range(1, LEADERS + 1):
        add(f"leader{n}", Role.LEADER, people.root_id)
    managed = sorted(set(people.parent.values())) + people.sections
    for n, unit_id in enumerate(managed, 1):
        add(f"manager{n}", Role.MANAGER, unit_id)
    for n in range(1, EMPLOYEES + 1):
        add(f"employee{n}", Role.EMPLOYEE, people.sections[(n - 1) % len(people.sections)])
    db.session.add_all(user for user, _ in users)
    db.session.flush()
    for user, unit_id in users:
        people.everyone.append(user.id)
        people.members.setdefault(unit_id, []).append(user.id)
        if user.role is Role.MANAGER:
            people.manager[unit_id] = user.id
        elif user.role is Role.EMPLOYEE:
            people.employees.setdefault(unit_id, []).append(user.id)
        elif user.role is Role.LEADER:
            people.leaders.append(user.id)
