"""The stages of an idea, the transition table and the gates: pure Python, no app, no database.

Every move of an idea is checked here by `check_move`; the service in ideas/services.py performs
it and writes the history row.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from tracker.auth.roles import MOVES_IDEAS, Role
from tracker.labels import LabelledEnum, labels
from tracker.pilots.rules import Decision


class Stage(LabelledEnum):
    SUBMITTED = "submitted"
    SCREENING = "screening"
    PRIORITISED = "prioritised"
    PILOT = "pilot"
    ROLLOUT = "rollout"
    FOLLOW_UP = "follow_up"
    REALISED = "realised"
    DECLINED = "declined"
    PARKED = "parked"
    STOPPED = "stopped"
    WITHDRAWN = "withdrawn"

    @property
    def css(self) -> str:
        return "stage-" + self.value.replace("_", "-")

    @property
    def on_board(self) -> bool:
        return self in BOARD

    @property
    def closed(self) -> bool:
        return self not in BOARD


labels(
    {
        Stage.SUBMITTED: _l("Submitted"),
        Stage.SCREENING: _l("Screening"),
        Stage.PRIORITISED: _l("Prioritised"),
        Stage.PILOT: _l("Pilot"),
        Stage.ROLLOUT: _l("Rollout"),
        Stage.FOLLOW_UP: _l("Benefit follow-up"),
        Stage.REALISED: _l("Realised"),
        Stage.DECLINED: _l("Declined"),
        Stage.PARKED: _l("Parked"),
        Stage.STOPPED: _l("Stopped after pilot"),
        Stage.WITHDRAWN: _l("Withdrawn"),
    }
)

# The active stages, left to right on the board.
BOARD = (
    Stage.SUBMITTED,
    Stage.SCREENING,
    Stage.PRIORITISED,
    Stage.PILOT,
    Stage.ROLLOUT,
    Stage.FOLLOW_UP,
    Stage.REALISED,
)

# From screening on, and while the benefits are followed up, benefits and costs are planned.
PLANNING_STAGES = (Stage.SCREENING, Stage.PRIORITISED, Stage.PILOT, Stage.ROLLOUT, Stage.FOLLOW_UP)


class Kind(enum.StrEnum):
    FORWARD = "forward"
    JUMP = "jump"
    BACK = "back"
    CLOSE = "close"
    REVIVE = "revive"
    WITHDRAW = "withdraw"


@dataclass(frozen=True)
class IdeaFacts:
    """What the gates need to know about an idea; later issues add their facts here."""

    stage: Stage
    owner_id: int | None = None
    assessed: bool = False
    open_pilot: bool = False  # a pilot plan that is not evaluated yet
    decision: Decision | None = None  # what the evaluation of the latest pilot decided
    rollout_units: int = 0  # adopting units in the rollout plan
    units_done: int = 0  # of which done
    planned_benefits: int = 0  # benefits with a baseline, a target and an owner
    open_benefits: int = 0  # benefits not closed yet (closed: realised, evaporated, cancelled)
    closed_benefits: int = 0
    closing_assessed: bool = False  # the closing assessment is written


@dataclass(frozen=True)
class MoveInput:
    """What the person moving the idea supplied with the move."""

    reason: str = ""
    revisit_on: date | None = None
    today: date = field(default_factory=date.today)


@dataclass(frozen=True)
class Actor:
    """Who moves: their role, whether the idea is in their scope, whether they submitted it."""

    role: Role
    in_scope: bool = False
    is_submitter: bool = False


Gate = Callable[[IdeaFacts, MoveInput], list[str]]


def owner_set(facts: IdeaFacts, move: MoveInput) -> list[str]:
    """A responsible manager has taken the idea."""
    return [] if facts.owner_id else [_l("A responsible manager must take the idea first.")]


def assessed(facts: IdeaFacts, move: MoveInput) -> list[str]:
    """The idea has scores for every criterion, a strategic goal and a rationale."""
    if facts.assessed:
        return []
    return [_l("The idea needs an assessment: scores, a strategic goal and a rationale.")]


def reason_given(facts: IdeaFacts, move: MoveInput) -> list[str]:
    """A reason is written down."""
    return [] if move.reason.strip() else [_l("Give a reason.")]


def revisit_in_future(facts: IdeaFacts, move: MoveInput) -> list[str]:
    """A parked idea has a revisit date after today."""
    if move.revisit_on is None:
        return [_l("Give a date to revisit the idea.")]
    if move.revisit_on <= move.today:
        return [_l("The revisit date must be in the future.")]
    return []


def pilot_planned(facts: IdeaFacts, move: MoveInput) -> list[str]:
    """A pilot plan is written and not yet evaluated."""
    if facts.open_pilot:
        return []
    return [
        _l(
            "Moving to pilot needs a pilot plan: a hypothesis, success criteria, "
            "a pilot unit, dates and a pilot owner."
        )
    ]


_DECISION_NEEDED = {
    Decision.SCALE_UP: _l("Rollout needs a pilot evaluation that decides to scale up."),
    Decision.PIVOT: _l("Going back needs a pilot evaluation that decides to pivot."),
    Decision.STOP: _l("Stopping needs a pilot evaluation that decides to stop."),
}


def _decided(decision: Decision) -> Gate:
    def gate(facts: IdeaFacts, move: MoveInput) -> list[str]:
        return [] if facts.decision is decision else [_DECISION_NEEDED[decision]]

    gate.__name__ = gate.__qualname__ = f"decided_{decision.value}"
    gate.__doc__ = f"The latest pilot is evaluated with the decision {decision.value}."
    return gate


decided_scale_up = _decided(Decision.SCALE_UP)
decided_pivot = _decided(Decision.PIVOT)
decided_stop = _decided(Decision.STOP)
EVALUATION_GATES = {
    decided_scale_up: Decision.SCALE_UP,
    decided_pivot: Decision.PIVOT,
    decided_stop: Decision.STOP,
}


def rollout_planned(facts: IdeaFacts, move: MoveInput) -> list[str]:
    """A rollout plan names at least one adopting unit."""
    if facts.rollout_units:
        return []
    return [_l("Rollout needs a rollout plan with at least one adopting unit.")]


def unit_done(facts: IdeaFacts, move: MoveInput) -> list[str]:
    """At least one adopting unit has finished the rollout."""
    if facts.units_done:
        return []
    return [_l("Benefit follow-up needs a rollout where at least one unit is done.")]


def planned_benefit(facts: IdeaFacts, move: MoveInput) -> list[str]:
    """At least one benefit is planned: baseline, target and owner."""
    if facts.planned_benefits:
        return []
    return [_l("Benefit follow-up needs a planned benefit: a baseline, a target and an owner.")]


def benefits_closed(facts: IdeaFacts, move: MoveInput) -> list[str]:
    """The idea has benefits, and every one is closed: realised and signed off, evaporated or
    cancelled."""
    if facts.closed_benefits and not facts.open_benefits:
        return []
    return [
        _l("Realised needs every benefit closed: realised and signed off, evaporated or cancelled.")
    ]


def closing_assessed(facts: IdeaFacts, move: MoveInput) -> list[str]:
    """A closing assessment is written: a summary, the learnings and who keeps the benefit."""
    if facts.closing_assessed:
        return []
    return [
        _l(
            "Realised needs a closing assessment: a summary, the learnings and who keeps "
            "the benefit."
        )
    ]


@dataclass(frozen=True)
class Transition:
    source: Stage
    target: Stage
    kind: Kind
    gates: tuple[Gate, ...] = ()
    actors: frozenset[Role] = MOVES_IDEAS

    @property
    def needs_reason(self) -> bool:
        return reason_given in self.gates

    @property
    def needs_revisit(self) -> bool:
        return revisit_in_future in self.gates

    @property
    def submitter_only(self) -> bool:
        return self.kind is Kind.WITHDRAW

    @property
    def decision(self) -> Decision | None:
        """The evaluation decision this move needs, if it leaves a pilot."""
        return next((EVALUATION_GATES[g] for g in self.gates if g in EVALUATION_GATES), None)

    @property
    def needs_rollout_plan(self) -> bool:
        return rollout_planned in self.gates

    @property
    def needs_pilot_plan(self) -> bool:
        return pilot_planned in self.gates


S = Stage
_TABLE = [
    # forward, one stage at a time
    Transition(S.SUBMITTED, S.SCREENING, Kind.FORWARD, (owner_set,)),
    Transition(S.SCREENING, S.PRIORITISED, Kind.FORWARD, (assessed,)),
    Transition(S.PRIORITISED, S.PILOT, Kind.FORWARD, (pilot_planned,)),
    Transition(S.PILOT, S.ROLLOUT, Kind.FORWARD, (decided_scale_up, rollout_planned)),
    Transition(S.ROLLOUT, S.FOLLOW_UP, Kind.FORWARD, (unit_done, planned_benefit)),
    Transition(S.FOLLOW_UP, S.REALISED, Kind.FORWARD, (benefits_closed, closing_assessed)),
    # the allowed jump: rollout without a pilot, for a stated reason
    Transition(S.PRIORITISED, S.ROLLOUT, Kind.JUMP, (reason_given, rollout_planned)),
    # back, with a reason; a pilot goes back only through a pivot evaluation
    Transition(S.SCREENING, S.SUBMITTED, Kind.BACK, (reason_given,)),
    Transition(S.PRIORITISED, S.SCREENING, Kind.BACK, (reason_given,)),
    Transition(S.PILOT, S.SCREENING, Kind.BACK, (reason_given, decided_pivot)),
    Transition(S.PILOT, S.PRIORITISED, Kind.BACK, (reason_given, decided_pivot)),
    Transition(S.ROLLOUT, S.PRIORITISED, Kind.BACK, (reason_given,)),
    Transition(S.FOLLOW_UP, S.ROLLOUT, Kind.BACK, (reason_given,)),
    # closed outcomes
    *(
        Transition(source, S.DECLINED, Kind.CLOSE, (reason_given,))
        for source in (S.SUBMITTED, S.SCREENING, S.PRIORITISED)
    ),
    *(
        Transition(source, S.PARKED, Kind.CLOSE, (reason_given, revisit_in_future))
        for source in (S.SUBMITTED, S.SCREENING, S.PRIORITISED)
    ),
    Transition(S.PILOT, S.STOPPED, Kind.CLOSE, (reason_given, decided_stop)),
    Transition(S.PARKED, S.SCREENING, Kind.REVIVE, (owner_set,)),
    Transition(S.SUBMITTED, S.WITHDRAWN, Kind.WITHDRAW, (), frozenset()),
]
TRANSITIONS: dict[tuple[Stage, Stage], Transition] = {(t.source, t.target): t for t in _TABLE}


def transitions_from(stage: Stage) -> list[Transition]:
    """The moves the table allows out of a stage, in table order."""
    return [t for t in _TABLE if t.source is stage]


def may_perform(transition: Transition, actor: Actor) -> bool:
    """Managers and admins move ideas in their scope; only the submitter withdraws."""
    if transition.submitter_only:
        return actor.is_submitter
    return actor.role in transition.actors and actor.in_scope


class Refusal(enum.StrEnum):
    UNKNOWN = "unknown"  # the table has no such move
    FORBIDDEN = "forbidden"  # the actor may not make it
    GATE = "gate"  # the gate is not met


@dataclass(frozen=True)
class Verdict:
    refusal: Refusal | None = None
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.refusal is None


def check_move(target: Stage, actor: Actor, facts: IdeaFacts, move: MoveInput) -> Verdict:
    """The one check of a move: the table, then the actor, then every gate."""
    transition = TRANSITIONS.get((facts.stage, target))
    if transition is None:
        message = _l(
            "An idea cannot move from %(source)s to %(target)s.",
            source=facts.stage.label,
            target=target.label,
        )
        return Verdict(Refusal.UNKNOWN, (message,))
    if not may_perform(transition, actor):
        return Verdict(Refusal.FORBIDDEN, (_l("You may not make this move."),))
    problems = tuple(p for gate in transition.gates for p in gate(facts, move))
    return Verdict(Refusal.GATE, problems) if problems else Verdict()
