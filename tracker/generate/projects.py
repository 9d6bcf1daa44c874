"""The pilots and the rollout of a synthetic idea, dated by its stage history: a pilot plan
before each move into pilot, its evaluation at the move out of it (scale up, pivot or stop),
and a rollout plan with adopting units before the first move into rollout."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tracker.generate import words
from tracker.generate.bulk import Writer
from tracker.generate.ideas import Written, owner_or_member
from tracker.generate.org import People
from tracker.ideas.stages import Stage
from tracker.pilots.models import CriterionResult, Evaluation, Pilot, PilotCriterion
from tracker.pilots.rules import Decision, Outcome, UnitStatus
from tracker.rollouts.models import Rollout, RolloutUnit

S = Stage
CRITERIA = (
    ("Handläggningstiden minskar", "minst 20 %"),
    ("Medarbetarna vill fortsätta", "minst 3 av 4"),
    ("Inga nya avvikelser", "0 allvarliga avvikelser"),
)
OUTCOMES = {
    Decision.SCALE_UP: (Outcome.MET, Outcome.MET, Outcome.PARTLY_MET),
    Decision.PIVOT: (Outcome.PARTLY_MET, Outcome.NOT_MET, Outcome.MET),
    Decision.STOP: (Outcome.NOT_MET, Outcome.NOT_MET, Outcome.PARTLY_MET),
}


def _decision(target: Stage) -> Decision:
    if target is S.ROLLOUT:
        return Decision.SCALE_UP
    return Decision.STOP if target is S.STOPPED else Decision.PIVOT


def pilots(w: Writer, people: People, idea: Written, rng: random.Random) -> None:
    """A pilot for every time the idea went into pilot, evaluated when it came out."""
    number = 0
    for i, step in enumerate(idea.steps):
        if step.stage is not S.PILOT:
            continue
        number += 1
        leaving = idea.steps[i + 1] if i + 1 < len(idea.steps) else None
        ends = leaving.at.date() if leaving else step.at.date() + timedelta(rng.randint(60, 150))
        pilot = w.add(
            Pilot.__table__,
            {
                "idea_id": idea.id, "number": number, "hypothesis": rng.choice(words.HYPOTHESES),
                "unit_id": idea.unit_id, "owner_id": idea.owner_id,
                "starts_on": step.at.date(), "ends_on": max(ends, step.at.date()),
                "planned_by_id": idea.owner_id, "created_at": step.at - timedelta(hours=4),
            },
        )  # fmt: skip
        criteria = [
            w.add(
                PilotCriterion.__table__,
                {"pilot_id": pilot["id"], "position": n, "description": d, "threshold": t},
            )
            for n, (d, t) in enumerate(rng.sample(CRITERIA, 2))
        ]
        if leaving is None:
            continue
        decision = _decision(leaving.stage)
        evaluation = w.add(
            Evaluation.__table__,
            {
                "pilot_id": pilot["id"], "decision": decision,
                "learnings": rng.choice(words.LEARNINGS),
                "changes": "Vi ändrar upplägget och testar igen." if decision is Decision.PIVOT
                else "",
                "evaluator_id": idea.owner_id, "at": leaving.at - timedelta(hours=1),
            },
        )  # fmt: skip
        for criterion, outcome in zip(criteria, OUTCOMES[decision], strict=False):
            w.add(
                CriterionResult.__table__,
                {
                    "evaluation_id": evaluation["id"], "criterion_id": criterion["id"],
                    "outcome": outcome, "evidence": "Enligt uppföljningen under piloten.",
                },
            )  # fmt: skip


def rollout(w: Writer, people: People, idea: Written, rng: random.Random) -> datetime | None:
    """The rollout plan, if the idea ever went into rollout: its own unit and up to two more of
    its förvaltning, done once the idea went on to follow-up. Returns the first move into
    rollout."""
    entered = idea.entered(S.ROLLOUT)
    if not entered:
        return None
    first = entered[0]
    plan = w.add(
        Rollout.__table__,
        {"idea_id": idea.id, "planned_by_id": idea.owner_id, "created_at": first - timedelta(1)},
    )
    others = [u for u in people.siblings[idea.unit_id] if u != idea.unit_id]
    units = [idea.unit_id, *rng.sample(others, rng.randint(0, 2))]
    followed_up = bool(idea.entered(S.FOLLOW_UP))
    for n, unit_id in enumerate(units):
        if idea.stage is S.REALISED or (followed_up and n == 0):
            status = UnitStatus.DONE
        else:
            status = rng.choice(list(UnitStatus))
        starts = first.date() + timedelta(days=rng.randint(0, 30))
        w.add(
            RolloutUnit.__table__,
            {
                "rollout_id": plan["id"], "unit_id": unit_id, "status": status,
                "starts_on": starts, "ends_on": starts + timedelta(days=rng.randint(30, 120)),
                "contact_id": owner_or_member(people, unit_id, rng), "updated_at": first,
            },
        )  # fmt: skip
    return first
