"""Pilots and rollouts made through their services, for tests."""

from datetime import date, timedelta

from tests.factories import make_idea, table_rows
from tracker.auth.models import User
from tracker.extensions import db
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage
from tracker.orgs.models import Unit
from tracker.pilots import services as pilots
from tracker.pilots.models import CriterionResult, Evaluation, Pilot, PilotCriterion, PilotExtension
from tracker.pilots.rules import Decision, Outcome, UnitStatus
from tracker.rollouts import services as rollouts
from tracker.rollouts.models import Activity, Rollout, RolloutUnit

TODAY = date.today()
CRITERIA = [
    ("Handläggningstid per ärende", "under 10 minuter"),
    ("Andel nöjda brukare", "minst 80 %"),
]


def prioritised_idea(org, **kw) -> Idea:
    """An idea of the social unit, prioritised, with the org's manager responsible."""
    idea = make_idea(org.employee, org.social, Stage.PRIORITISED, owner_id=org.manager.id, **kw)
    db.session.commit()
    return idea


def plan_pilot(
    idea: Idea,
    manager: User,
    unit: Unit | None = None,
    owner: User | None = None,
    starts_on: date = TODAY - timedelta(days=30),
    ends_on: date = TODAY + timedelta(days=30),
    criteria=CRITERIA,
    hypothesis: str = "Digital signering halverar handläggningstiden.",
) -> Pilot:
    data = pilots.PilotInput(
        hypothesis=hypothesis,
        criteria=[pilots.CriterionInput(d, t) for d, t in criteria],
        unit_id=(unit or idea.unit).id,
        owner_id=(owner or manager).id,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    pilot = pilots.plan_pilot(idea, manager, data, version=None)
    db.session.commit()
    return pilot


def evaluate(
    idea: Idea,
    manager: User,
    decision: Decision,
    learnings: str = "Brukarna behöver en kort introduktion.",
    changes: str = "",
    back_to: Stage = Stage.PRIORITISED,
    outcome: Outcome = Outcome.MET,
) -> Evaluation:
    pilot = pilots.open_pilot(idea)
    data = pilots.EvaluationInput(
        decision=decision,
        results={c.id: (outcome, "Mätt under fyra veckor.") for c in pilot.criteria},
        learnings=learnings,
        changes=changes or ("Vi byter leverantör." if decision is Decision.PIVOT else ""),
        back_to=back_to,
    )
    evaluation = pilots.evaluate_pilot(idea, manager, data, version=None)
    db.session.commit()
    return evaluation


def plan_rollout(
    idea: Idea,
    manager: User,
    units: list[tuple[Unit, User, UnitStatus]],
    activities: list[tuple[str, User, date, bool]] = (),
    reason: str = "",
) -> Rollout:
    data = rollouts.RolloutInput(
        units=[
            rollouts.UnitInput(unit.id, status, TODAY, TODAY + timedelta(days=60), contact.id)
            for unit, contact, status in units
        ],
        activities=[
            rollouts.ActivityInput(text, owner.id, due, done)
            for text, owner, due, done in activities
        ],
        reason=reason,
    )
    rollout = rollouts.plan_rollout(idea, manager, data, version=None)
    db.session.commit()
    return rollout


def in_rollout(org, units=None, activities=()) -> Idea:
    """A prioritised idea of the social unit taken into rollout without a pilot."""
    idea = prioritised_idea(org)
    plan_rollout(
        idea,
        org.manager,
        units or [(org.home_care, org.employee, UnitStatus.PLANNED)],
        activities,
        reason="Beprövat i grannkommunen.",
    )
    return idea


PILOT_TABLES = (
    Pilot,
    PilotCriterion,
    PilotExtension,
    Evaluation,
    CriterionResult,
    Rollout,
    RolloutUnit,
    Activity,
)


def pilot_state() -> dict[str, list[dict]]:
    """Every row of the pilot and rollout tables, to show that a refused write changed nothing."""
    return table_rows(*PILOT_TABLES)
