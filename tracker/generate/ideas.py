"""The rows of a synthetic idea: the idea, its stage history, assessment and scores, tags and
supporters. Pilots and rollouts are in projects.py, benefits and costs in benefits.py."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tracker.board.ranking import STEP
from tracker.generate import paths, words
from tracker.generate.bulk import Writer
from tracker.generate.org import People
from tracker.ideas.models import (
    Assessment,
    Idea,
    Score,
    Source,
    StageChange,
    Support,
    idea_tag,
)
from tracker.ideas.scoring import WeightedScore, priority
from tracker.ideas.stages import TRANSITIONS, Kind, Stage

S = Stage
SOURCES = {
    Source.EMPLOYEE: 80, Source.CITIZEN_DIALOGUE: 8, Source.SURVEY: 7, Source.PARTNER: 5,
}  # fmt: skip
OWNED_WHILE_SUBMITTED = 0.4  # share of the submitted ideas a manager has taken already
ASSESSED_IN_SCREENING = 0.3  # share of the ideas in screening already assessed
SUPPORTED = 0.25  # share of the ideas somebody supports


@dataclass
class Written:
    """What the later rows of an idea need to know of it."""

    id: int
    unit_id: int
    owner_id: int | None
    goal_id: int | None
    created_at: datetime
    steps: list[paths.Step]

    @property
    def stage(self) -> Stage:
        return self.steps[-1].stage

    def entered(self, stage: Stage) -> list[datetime]:
        """When the idea moved into a stage, every time it did."""
        return [s.at for s in self.steps if s.stage is stage]


def write(w: Writer, people: People, final: Stage, rank: int, rng, anchor: datetime) -> Written:
    """An idea that ends in `final`, with its whole past; returns what later rows need. Every
    value is drawn first and the rows are added parents first, so that a flush in between
    never writes a row before the row it points at."""
    steps = paths.dated(paths.stages(final, rng), rng, anchor)
    unit_id = rng.choice(people.sections)
    staff = people.employees[unit_id]
    submitter = rng.choice(staff) if rng.random() < 0.85 else rng.choice(people.everyone)
    owned = final is not S.WITHDRAWN and (len(steps) > 1 or rng.random() < OWNED_WHILE_SUBMITTED)
    owner = None
    if owned:
        manages = unit_id if rng.random() < 0.65 else people.parent[unit_id]
        owner = people.manager[manages]
    assessed_at = _assessed_at(steps, rng, anchor)
    goal = rng.choice(people.goals) if assessed_at else None
    scores = [(c, rng.randint(1, 5)) for c, _, _ in people.criteria] if assessed_at else []
    weights = {c: (weight, inverted) for c, weight, inverted in people.criteria}
    score = priority([WeightedScore(v, *weights[c]) for c, v in scores]) if scores else None
    supporters = _supporters(people, submitter, rng)
    history, revisit = _history(steps, submitter, owner, rng)
    tags = rng.sample(people.tags, rng.choice((0, 0, 1, 1, 2, 3)))
    last = steps[-1]
    idea_id = w.add(
        Idea.__table__,
        {
            "organisation_id": people.org_id, "unit_id": unit_id,
            "category_id": rng.choice(people.categories), "submitter_id": submitter,
            "owner_id": owner, "strategic_goal_id": goal, "title": words.title(rng),
            "need": words.need(rng, people.unit_names[unit_id]),
            "proposal": rng.choice(words.PROPOSALS), "expected_benefit": rng.choice(words.EXPECTED),
            "source": rng.choices(list(SOURCES), weights=list(SOURCES.values()))[0],
            "stage": last.stage, "stage_entered_at": last.at,
            "revisit_on": revisit if last.stage is S.PARKED else None,
            "board_rank": STEP * rank, "priority_score": score, "support_count": len(supporters),
            "version": 1, "created_at": steps[0].at, "updated_at": last.at,
        },
    )["id"]  # fmt: skip
    for row in history:
        w.add(StageChange.__table__, {"idea_id": idea_id, **row})
    if assessed_at:
        assessment = w.add(
            Assessment.__table__,
            {
                "idea_id": idea_id, "assessor_id": owner, "assessed_at": assessed_at,
                "rationale": "Bedömd mot kommunens kriterier och strategiska mål.",
            },
        )  # fmt: skip
        for criterion_id, value in scores:
            row = {"assessment_id": assessment["id"], "criterion_id": criterion_id, "value": value}
            w.add(Score.__table__, row)
    for user_id in supporters:
        at = steps[0].at + (anchor - steps[0].at) * rng.random() * 0.5
        row = {"idea_id": idea_id, "user_id": user_id, "created_at": at.replace(microsecond=0)}
        w.add(Support.__table__, row)
    for tag in tags:
        w.add(idea_tag, {"idea_id": idea_id, "tag_id": tag})
    return Written(idea_id, unit_id, owner, goal, steps[0].at, steps)


def _history(steps, submitter: int, owner, rng) -> tuple[list[dict], date | None]:
    """The stage changes, with the reasons and revisit dates the moves need, and the revisit
    date of the last park."""
    rows, revisit = [], None
    for i, step in enumerate(steps):
        reason, revisit_on = "", None
        transition = TRANSITIONS.get((step.source, step.stage))
        if transition is not None and transition.needs_reason:
            jump = transition.kind is Kind.JUMP
            reason = words.JUMP_REASON if jump else words.reason(step.stage, rng)
        if transition is not None and transition.needs_revisit:
            later = steps[i + 1].at.date() if i + 1 < len(steps) else None
            revived = later and later > step.at.date()
            revisit_on = later if revived else paths.revisit_on(step.at, rng)
            revisit = revisit_on
        actor = submitter if step.source is None or step.stage is S.WITHDRAWN else owner
        rows.append(
            {
                "from_stage": step.source, "to_stage": step.stage, "actor_id": actor,
                "at": step.at, "reason": reason, "revisit_on": revisit_on,
            }
        )  # fmt: skip
    return rows, revisit


def _assessed_at(steps, rng: random.Random, anchor: datetime) -> datetime | None:
    """Before the first move out of screening into prioritised; some ideas still in screening
    are assessed already."""
    for step in steps:
        if step.source is S.SCREENING and step.stage is S.PRIORITISED:
            return step.at - timedelta(hours=2)
    if steps[-1].stage is S.SCREENING and rng.random() < ASSESSED_IN_SCREENING:
        return min(steps[-1].at + timedelta(hours=3), anchor - timedelta(minutes=5))
    return None


def _supporters(people: People, submitter: int, rng: random.Random) -> list[int]:
    """A few people support a quarter of the ideas, never the submitter."""
    if rng.random() >= SUPPORTED:
        return []
    return [u for u in rng.sample(people.everyone, 4) if u != submitter][: rng.randint(1, 4)]


def owner_or_member(people: People, unit_id: int, rng: random.Random) -> int:
    """Somebody of a unit: its manager now and then, mostly one of its people."""
    members = people.members.get(unit_id) or [people.manager[people.parent[unit_id]]]
    return rng.choice(members)
