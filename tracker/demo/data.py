"""Demo data: three cooperating municipalities, their people, and ideas in every stage.

`load_demo` is what `flask demo` runs. The texts are in content.py, the ideas_*.py files and
the pilots_*.py and benefits_*.py files; the ideas' pasts are planned and checked in history.py,
their pilots and rollouts dated and written in pilot_history.py, their benefits dated in
benefit_history.py and written, with their costs and closing, in benefit_rows.py. A fixed seed
gives the same data on every run, dated back from the day it is loaded.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.benefits.models import Benefit
from tracker.benefits.rules import Lifecycle
from tracker.board.models import StageLimit
from tracker.dashboard.rebuild import rebuild_aggregates
from tracker.demo import benefit_history, benefit_rows, content, history, pilot_history
from tracker.demo.benefits import IdeaBenefits, parse_benefits
from tracker.demo.content import IdeaSpec, OrgSpec, Person
from tracker.demo.pilots import PilotSpec, parse_pilots
from tracker.discussion.models import Comment
from tracker.extensions import db
from tracker.ideas import access, services
from tracker.ideas.models import Assessment, Idea, Score, StageChange, Support, utcnow
from tracker.ideas.scoring import WeightedScore, priority
from tracker.ideas.stages import PLANNING_STAGES, Stage
from tracker.orgs.models import Category, Organisation, ScoringCriterion, StrategicGoal, Unit

SEED = 2026
PASSWORD = "demo-password"  # noqa: S105 (the published password of the demo accounts)
DEMO_ACCOUNTS = (
    "employee@example.org",
    "manager@example.org",
    "leader@example.org",
    "admin@example.org",
)


def load_demo() -> str:
    """Load the demo into an empty database in one transaction; leave any other database alone."""
    if db.session.scalar(select(func.count(Organisation.id))):
        return "The database already has organisations: no demo data was loaded."
    loader = _Loader(random.Random(SEED), utcnow().replace(second=0, microsecond=0))
    try:
        for spec in content.organisations():
            loader.organisation(spec)
        rebuild_aggregates()  # the history was written directly: count it on the dashboard
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return loader.summary()


@dataclass
class _Org:
    org: Organisation
    units: dict[str, Unit]
    goals: dict[str, StrategicGoal] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    criteria: list[ScoringCriterion] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    pilots: dict[str, PilotSpec] = field(default_factory=dict)  # by idea title
    benefits: dict[str, IdeaBenefits] = field(default_factory=dict)  # by idea title
    confidential: frozenset[str] = frozenset()  # idea titles


class _Loader:
    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        # Supports draw from a sequence of their own: the ideas are the same with or without them.
        self.support_rng = random.Random(SEED + 1)
        # So do the pilots and rollouts, apart from the pivots their content asks for.
        self.pilot_rng = random.Random(SEED + 2)
        self.benefit_rng = random.Random(SEED + 3)  # and so do the benefits
        self.now = now
        self.password_hash: str | None = None
        self.counts: Counter[str] = Counter()
        self.stages: Counter[Stage] = Counter()

    def organisation(self, spec: OrgSpec) -> None:
        founded = self.now - timedelta(days=history.HISTORY_DAYS + 30)
        org = Organisation(name=spec.name, created_at=founded)
        db.session.add(org)
        db.session.flush()
        o = _Org(org, self._units(org, spec))
        for theme, (name, description) in spec.goals.items():
            o.goals[theme] = StrategicGoal(
                organisation_id=org.id, name=name, description=description
            )
        for name in content.CATEGORIES:
            o.categories[name] = Category(organisation_id=org.id, name=name)
        for position, (name, description) in enumerate(content.CRITERIA):
            criterion = ScoringCriterion(
                organisation_id=org.id,
                name=name,
                description=description,
                weight=Decimal(1),
                inverted=name in content.INVERTED,
                position=position,
            )
            o.criteria.append(criterion)
        o.users = [self._user(o, person, founded) for person in spec.people]
        db.session.add_all([*o.goals.values(), *o.categories.values(), *o.criteria, *o.users])
        db.session.flush()
        o.pilots = parse_pilots(spec.pilots) if spec.pilots else {}
        o.benefits = parse_benefits(spec.benefits) if spec.benefits else {}
        o.confidential = spec.confidential
        ideas = [
            self._idea(o, idea, spec.tags.get(idea.title, ()))
            for idea in content.parse_ideas(spec.ideas)
        ]
        titles = {idea.title for idea in ideas}
        for what, unknown in (
            ("tags", set(spec.tags) - titles),
            ("pilots", set(o.pilots) - titles),
            ("benefits", set(o.benefits) - titles),
            ("confidentiality", set(o.confidential) - titles),
        ):
            if unknown:
                raise history.DemoError(
                    f"{spec.name}: {what} for ideas it does not have: {unknown}"
                )
        db.session.add_all(
            StageLimit(organisation_id=org.id, stage=stage, wip_limit=limit)
            for stage, limit in spec.wip_limits.items()
        )
        db.session.flush()
        self.counts["organisations"] += 1

    def _units(self, org: Organisation, spec: OrgSpec) -> dict[str, Unit]:
        """The municipality as the root, its förvaltningar, and their enheter."""
        root = Unit(organisation_id=org.id, name=spec.name)
        units = {spec.name: root}
        for department, sections in spec.units.items():
            units[department] = Unit(organisation_id=org.id, name=department, parent=root)
            for section in sections:
                if section in units:
                    raise history.DemoError(f"{spec.name}: two units are called {section}")
                units[section] = Unit(
                    organisation_id=org.id, name=section, parent=units[department]
                )
        db.session.add_all(units.values())
        db.session.flush()
        return units

    def _user(self, o: _Org, person: Person, created: datetime) -> User:
        user = User(
            organisation_id=o.org.id,
            unit=o.units[person.unit or o.org.name],
            email=person.email,
            name=person.name,
            role=person.role,
            created_at=created,
        )
        if self.password_hash is None:
            user.set_password(PASSWORD)  # hashed once: the KDF is slow on purpose
            self.password_hash = user.password_hash
        user.password_hash = self.password_hash
        self.counts["users"] += 1
        return user

    def _idea(self, o: _Org, spec: IdeaSpec, tags: tuple[str, ...]) -> Idea:
        unit = o.units[spec.unit]
        submitter = self._submitter(o, unit)
        manager = self._responsible(o, unit)
        pilots = o.pilots.get(spec.title)
        benefits = o.benefits.get(spec.title)
        try:
            past = history.plan(spec, self.rng, self.now, pilots.pivot if pilots else "")
            pilot_history.schedule(past, pilots, self.pilot_rng, self.now)
            benefit_history.schedule(past, benefits, self.benefit_rng, self.now)
            history.check(past, manager.id if past.owned else None)
        except history.DemoError as error:
            raise history.DemoError(f"{o.org.name}, {spec.title}: {error}") from error
        goal = o.goals[content.CATEGORY_THEME[spec.category]]
        first, last = past.steps[0], past.steps[-1]
        idea = Idea(
            organisation_id=o.org.id,
            unit_id=unit.id,
            category_id=o.categories[spec.category].id,
            submitter_id=submitter.id,
            owner_id=manager.id if past.owned else None,
            strategic_goal_id=goal.id if past.assessed_at else None,
            title=spec.title,
            need=spec.need,
            proposal=spec.proposal,
            expected_benefit=spec.benefit,
            source=spec.source,
            confidential=spec.title in o.confidential,
            stage=last.stage,
            stage_entered_at=last.at,
            revisit_on=last.revisit_on,
            created_at=first.at,
            updated_at=pilot_history.last_change(past),
        )
        services.set_tags(idea, tags)
        supporters = self._supporters(o, idea) if tags else []
        idea.support_count = len(supporters)
        if past.assessed_at:
            self._assess(o, idea, manager, goal, past.assessed_at, spec.stage)
        db.session.add(idea)
        db.session.flush()
        for user, at in supporters:
            db.session.add(Support(idea_id=idea.id, user_id=user.id, created_at=at))
        previous = None
        for step in past.steps:
            # The submitter submits and withdraws; the responsible manager makes every other move.
            by_submitter = previous is None or step.stage is Stage.WITHDRAWN
            db.session.add(
                StageChange(
                    idea_id=idea.id,
                    from_stage=previous,
                    to_stage=step.stage,
                    actor_id=(submitter if by_submitter else manager).id,
                    at=step.at,
                    reason=step.reason,
                    revisit_on=step.revisit_on,
                )
            )
            previous = step.stage
        people = pilot_history.People(o.users, o.units)
        self.counts += pilot_history.write(idea, past, pilots, people, manager, self.pilot_rng)
        try:
            self.counts += benefit_rows.write(
                idea, past, benefits, people, manager, self.benefit_rng, self.now
            )
        except history.DemoError as error:
            raise history.DemoError(f"{o.org.name}, {spec.title}: {error}") from error
        self.counts["ideas"] += 1
        self.counts["stage changes"] += len(past.steps)
        self.counts["supports"] += len(supporters)
        self.counts["comments"] += self._comments(idea, submitter, manager)
        self.stages[spec.stage] += 1
        return idea

    def _comments(self, idea: Idea, submitter: User, manager: User) -> int:
        """On the open ideas of the first demo employee, a comment of theirs posted just now
        (so that it can still be changed) and the responsible manager's reply."""
        if idea.stage.closed or submitter.email != DEMO_ACCOUNTS[0] or manager is submitter:
            return 0
        question = Comment(
            idea_id=idea.id, author_id=submitter.id, body=content.COMMENT, created_at=self.now
        )
        db.session.add(question)
        db.session.flush()
        db.session.add(
            Comment(
                idea_id=idea.id,
                parent_id=question.id,
                author_id=manager.id,
                body=content.REPLY,
                created_at=self.now,
            )
        )
        return 2

    def _supporters(self, o: _Org, idea: Idea) -> list[tuple[User, datetime]]:
        """One to three people who may support the idea, and when each did."""
        readers = [u for u in o.users if access.can_support(u, idea)]
        count = min(len(readers), self.support_rng.randint(1, 3))
        since = self.now - idea.created_at  # under a day for an idea submitted this morning
        return [
            (user, idea.created_at + since * self.support_rng.uniform(0.01, 0.99))
            for user in self.support_rng.sample(readers, count)
        ]

    def _submitter(self, o: _Org, unit: Unit) -> User:
        """An employee of the idea's unit, else of its förvaltning, else of the organisation."""
        employees = [u for u in o.users if u.role is Role.EMPLOYEE]
        for scope in (unit, unit.parent or unit):
            candidates = [u for u in employees if scope in (u.unit, u.unit.parent)]
            if candidates:
                return self.rng.choice(candidates)
        return self.rng.choice(employees)

    def _responsible(self, o: _Org, unit: Unit | None) -> User:
        """The manager nearest above the idea's unit; the admin where there is none."""
        while unit is not None:
            for user in o.users:
                if user.role is Role.MANAGER and user.unit is unit:
                    return user
            unit = unit.parent
        return next(u for u in o.users if u.role is Role.ADMIN)

    def _assess(
        self, o: _Org, idea: Idea, manager: User, goal: StrategicGoal, at: datetime, final: Stage
    ) -> None:
        """Scores that fit the outcome (declined ideas score low), a rationale, the priority."""
        base = {Stage.DECLINED: 2, Stage.SCREENING: 3, Stage.PARKED: 3}.get(final, 4)
        scores = []
        for criterion in o.criteria:
            if criterion.inverted:  # effort varies regardless of outcome
                value = self.rng.randint(1, 5)
            else:
                value = min(5, max(1, base + self.rng.choice((-1, 0, 0, 1))))
            scores.append(Score(criterion=criterion, value=value))
        score = priority(
            [WeightedScore(s.value, s.criterion.weight, s.criterion.inverted) for s in scores]
        )
        tier = "high" if score >= 60 else "mid" if score >= 40 else "low"
        idea.priority_score = score
        idea.assessment = Assessment(
            assessor_id=manager.id,
            rationale=self.rng.choice(content.RATIONALES[tier]).format(goal=goal.name),
            assessed_at=at,
            scores=scores,
        )

    def _pilot_counts(self) -> str:
        keys = sorted(k for k in self.counts if k.startswith(("pilot", "evaluation", "rollout")))
        keys += sorted(k for k in self.counts if k.startswith(("unit", "activit")))
        return ", ".join(f"{key} {self.counts[key]}" for key in keys)

    def _benefit_counts(self) -> str:
        keys = sorted(k for k in self.counts if k.startswith("benefits ("))
        keys += ["measurements", "corrections", "plan changes", "costs", "closing assessments"]
        overdue = db.session.scalar(
            select(func.count(Benefit.id))
            .join(Idea, Idea.id == Benefit.idea_id)
            .where(
                Benefit.lifecycle.in_((Lifecycle.PLANNED, Lifecycle.REALISING)),
                Idea.stage.in_(PLANNING_STAGES),
                Benefit.next_due_on < self.now.date(),
            )
        )
        return ", ".join([*(f"{key} {self.counts[key]}" for key in keys), f"overdue {overdue}"])

    def summary(self) -> str:
        stages = ", ".join(f"{stage.value} {self.stages[stage]}" for stage in Stage)
        return (
            f"Demo data loaded: {self.counts['organisations']} organisations, "
            f"{self.counts['users']} users, {self.counts['ideas']} ideas, "
            f"{self.counts['stage changes']} stage changes.\n"
            f"Ideas per stage: {stages}.\n"
            f"Pilots and rollouts: {self._pilot_counts()}.\n"
            f"Benefits: {self._benefit_counts()}.\n"
            f"Sign in as {', '.join(DEMO_ACCOUNTS)} with the password {PASSWORD}."
        )
