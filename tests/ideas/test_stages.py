"""The stage engine: the transition table, the actors and the gates. Pure: no app, no database."""

from dataclasses import replace
from datetime import date, timedelta
from itertools import product

import pytest

from tracker.auth.roles import Role
from tracker.ideas import stages
from tracker.ideas.stages import (
    BOARD,
    EVALUATION_GATES,
    TRANSITIONS,
    Actor,
    IdeaFacts,
    Kind,
    MoveInput,
    Refusal,
    Stage,
    check_move,
    transitions_from,
)
from tracker.pilots.rules import Decision

S = Stage
TODAY = date(2026, 3, 15)
OWNER_MESSAGE = "A responsible manager must take the idea first."
ASSESSED_MESSAGE = "The idea needs an assessment: scores, a strategic goal and a rationale."
REASON_MESSAGE = "Give a reason."
REVISIT_MISSING = "Give a date to revisit the idea."
REVISIT_PAST = "The revisit date must be in the future."
PILOT_PLAN = (
    "Moving to pilot needs a pilot plan: a hypothesis, success criteria, "
    "a pilot unit, dates and a pilot owner."
)
SCALE_UP_NEEDED = "Rollout needs a pilot evaluation that decides to scale up."
PIVOT_NEEDED = "Going back needs a pilot evaluation that decides to pivot."
STOP_NEEDED = "Stopping needs a pilot evaluation that decides to stop."
ROLLOUT_PLAN = "Rollout needs a rollout plan with at least one adopting unit."
UNIT_DONE = "Benefit follow-up needs a rollout where at least one unit is done."
PLANNED_BENEFIT = "Benefit follow-up needs a planned benefit: a baseline, a target and an owner."
BENEFITS_CLOSED = (
    "Realised needs every benefit closed: realised and signed off, evaporated or cancelled."
)
CLOSING_ASSESSED = (
    "Realised needs a closing assessment: a summary, the learnings and who keeps the benefit."
)

# The rules of DESIGN.md, written out by hand: (source, target) -> (kind, gates).
EXPECTED = {
    (S.SUBMITTED, S.SCREENING): (Kind.FORWARD, (stages.owner_set,)),
    (S.SCREENING, S.PRIORITISED): (Kind.FORWARD, (stages.assessed,)),
    (S.PRIORITISED, S.PILOT): (Kind.FORWARD, (stages.pilot_planned,)),
    (S.PILOT, S.ROLLOUT): (Kind.FORWARD, (stages.decided_scale_up, stages.rollout_planned)),
    (S.ROLLOUT, S.FOLLOW_UP): (Kind.FORWARD, (stages.unit_done, stages.planned_benefit)),
    (S.FOLLOW_UP, S.REALISED): (Kind.FORWARD, (stages.benefits_closed, stages.closing_assessed)),
    (S.PRIORITISED, S.ROLLOUT): (Kind.JUMP, (stages.reason_given, stages.rollout_planned)),
    (S.SCREENING, S.SUBMITTED): (Kind.BACK, (stages.reason_given,)),
    (S.PRIORITISED, S.SCREENING): (Kind.BACK, (stages.reason_given,)),
    (S.PILOT, S.SCREENING): (Kind.BACK, (stages.reason_given, stages.decided_pivot)),
    (S.PILOT, S.PRIORITISED): (Kind.BACK, (stages.reason_given, stages.decided_pivot)),
    (S.ROLLOUT, S.PRIORITISED): (Kind.BACK, (stages.reason_given,)),
    (S.FOLLOW_UP, S.ROLLOUT): (Kind.BACK, (stages.reason_given,)),
    (S.SUBMITTED, S.DECLINED): (Kind.CLOSE, (stages.reason_given,)),
    (S.SCREENING, S.DECLINED): (Kind.CLOSE, (stages.reason_given,)),
    (S.PRIORITISED, S.DECLINED): (Kind.CLOSE, (stages.reason_given,)),
    (S.SUBMITTED, S.PARKED): (Kind.CLOSE, (stages.reason_given, stages.revisit_in_future)),
    (S.SCREENING, S.PARKED): (Kind.CLOSE, (stages.reason_given, stages.revisit_in_future)),
    (S.PRIORITISED, S.PARKED): (Kind.CLOSE, (stages.reason_given, stages.revisit_in_future)),
    (S.PILOT, S.STOPPED): (Kind.CLOSE, (stages.reason_given, stages.decided_stop)),
    (S.PARKED, S.SCREENING): (Kind.REVIVE, (stages.owner_set,)),
    (S.SUBMITTED, S.WITHDRAWN): (Kind.WITHDRAW, ()),
}
# The decision of the pilot evaluation each move out of a pilot needs.
DECISIONS = {
    (S.PILOT, S.ROLLOUT): Decision.SCALE_UP,
    (S.PILOT, S.SCREENING): Decision.PIVOT,
    (S.PILOT, S.PRIORITISED): Decision.PIVOT,
    (S.PILOT, S.STOPPED): Decision.STOP,
}
NEEDS_ROLLOUT_PLAN = {(S.PILOT, S.ROLLOUT), (S.PRIORITISED, S.ROLLOUT)}
NEEDS_PILOT_PLAN = {(S.PRIORITISED, S.PILOT)}
MOVERS = {Role.MANAGER, Role.ADMIN}

# Facts and input that meet every gate this version can check.
MET = MoveInput(reason="Ingen budget i år.", revisit_on=TODAY + timedelta(days=30), today=TODAY)


def _met_facts(source: Stage, target: Stage | None = None) -> IdeaFacts:
    """Facts meeting every checkable gate of the move; the decision is the one the move needs."""
    return IdeaFacts(
        stage=source,
        owner_id=7,
        assessed=True,
        open_pilot=True,
        decision=DECISIONS.get((source, target)),
        rollout_units=3,
        units_done=1,
        planned_benefits=1,
        closed_benefits=2,
        closing_assessed=True,
    )


def _texts(verdict) -> list[str]:
    return [str(p) for p in verdict.problems]


def test_the_table_holds_exactly_the_moves_of_the_design():
    assert {pair: (t.kind, t.gates) for pair, t in TRANSITIONS.items()} == EXPECTED


def _expected_verdict(source, target, role, in_scope, is_submitter):
    """What the design says a move with every checkable gate met should give."""
    if (source, target) not in EXPECTED:
        return Refusal.UNKNOWN, None
    kind, _ = EXPECTED[(source, target)]
    allowed = is_submitter if kind is Kind.WITHDRAW else (role in MOVERS and in_scope)
    if not allowed:
        return Refusal.FORBIDDEN, ["You may not make this move."]
    return None, []


@pytest.mark.parametrize(
    ("source", "target", "role", "is_submitter"),
    list(product(Stage, Stage, Role, (False, True))),
    ids=lambda v: v.value if isinstance(v, Stage | Role) else ("submitter" if v else "other"),
)
def test_every_move_of_every_actor_is_decided_by_the_table(source, target, role, is_submitter):
    for in_scope in (True, False):
        actor = Actor(role, in_scope, is_submitter)
        verdict = check_move(target, actor, _met_facts(source, target), MET)
        refusal, problems = _expected_verdict(source, target, role, in_scope, is_submitter)
        assert verdict.refusal is refusal, actor
        assert verdict.ok is (refusal is None)
        if refusal is Refusal.UNKNOWN:
            message = f"An idea cannot move from {source.label} to {target.label}."
            assert _texts(verdict) == [message]
        else:
            assert _texts(verdict) == problems, actor


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.LEADER])
def test_employees_and_leaders_move_nothing_even_in_scope(role):
    for (source, target), transition in TRANSITIONS.items():
        if transition.kind is Kind.WITHDRAW:
            continue
        facts = _met_facts(source, target)
        verdict = check_move(target, Actor(role, in_scope=True), facts, MET)
        assert verdict.refusal is Refusal.FORBIDDEN, (source, target)


def test_a_manager_out_of_scope_moves_nothing():
    for source, target in TRANSITIONS:
        facts = _met_facts(source, target)
        verdict = check_move(target, Actor(Role.MANAGER, in_scope=False), facts, MET)
        assert verdict.refusal is Refusal.FORBIDDEN, (source, target)


@pytest.mark.parametrize("role", list(Role))
def test_only_the_submitter_withdraws(role):
    facts = IdeaFacts(stage=S.SUBMITTED)
    submitter = check_move(S.WITHDRAWN, Actor(role, is_submitter=True), facts, MoveInput())
    other = check_move(S.WITHDRAWN, Actor(role, in_scope=True), facts, MoveInput())
    assert submitter.ok
    assert other.refusal is Refusal.FORBIDDEN


@pytest.mark.parametrize("stage", [s for s in Stage if s is not S.SUBMITTED])
def test_an_idea_past_submitted_cannot_be_withdrawn(stage):
    submitter = Actor(Role.EMPLOYEE, is_submitter=True)
    verdict = check_move(S.WITHDRAWN, submitter, _met_facts(stage, S.WITHDRAWN), MET)
    assert verdict.refusal is Refusal.UNKNOWN


def test_the_actor_is_checked_before_the_gates():
    facts = IdeaFacts(stage=S.SCREENING)  # not assessed, and no reason given below
    verdict = check_move(S.PRIORITISED, Actor(Role.EMPLOYEE), facts, MoveInput(today=TODAY))
    assert verdict.refusal is Refusal.FORBIDDEN
    assert _texts(verdict) == ["You may not make this move."]


def test_the_table_is_checked_before_the_actor():
    verdict = check_move(S.REALISED, Actor(Role.EMPLOYEE), IdeaFacts(stage=S.SUBMITTED), MET)
    assert verdict.refusal is Refusal.UNKNOWN


# Each move with nothing supplied, and every problem it reports, in gate order.
UNMET = {
    (S.SUBMITTED, S.SCREENING): [OWNER_MESSAGE],
    (S.SCREENING, S.PRIORITISED): [ASSESSED_MESSAGE],
    (S.PRIORITISED, S.PILOT): [PILOT_PLAN],
    (S.PILOT, S.ROLLOUT): [SCALE_UP_NEEDED, ROLLOUT_PLAN],
    (S.ROLLOUT, S.FOLLOW_UP): [UNIT_DONE, PLANNED_BENEFIT],
    (S.FOLLOW_UP, S.REALISED): [BENEFITS_CLOSED, CLOSING_ASSESSED],
    (S.PRIORITISED, S.ROLLOUT): [REASON_MESSAGE, ROLLOUT_PLAN],
    (S.SCREENING, S.SUBMITTED): [REASON_MESSAGE],
    (S.PRIORITISED, S.SCREENING): [REASON_MESSAGE],
    (S.PILOT, S.SCREENING): [REASON_MESSAGE, PIVOT_NEEDED],
    (S.PILOT, S.PRIORITISED): [REASON_MESSAGE, PIVOT_NEEDED],
    (S.ROLLOUT, S.PRIORITISED): [REASON_MESSAGE],
    (S.FOLLOW_UP, S.ROLLOUT): [REASON_MESSAGE],
    (S.SUBMITTED, S.DECLINED): [REASON_MESSAGE],
    (S.SCREENING, S.DECLINED): [REASON_MESSAGE],
    (S.PRIORITISED, S.DECLINED): [REASON_MESSAGE],
    (S.SUBMITTED, S.PARKED): [REASON_MESSAGE, REVISIT_MISSING],
    (S.SCREENING, S.PARKED): [REASON_MESSAGE, REVISIT_MISSING],
    (S.PRIORITISED, S.PARKED): [REASON_MESSAGE, REVISIT_MISSING],
    (S.PILOT, S.STOPPED): [REASON_MESSAGE, STOP_NEEDED],
    (S.PARKED, S.SCREENING): [OWNER_MESSAGE],
}


def test_every_gated_move_has_its_unmet_problems_written_out():
    gated = {pair for pair, (_, gates) in EXPECTED.items() if gates}
    assert set(UNMET) == gated


@pytest.mark.parametrize(("pair", "problems"), UNMET.items(), ids=lambda v: str(v))
def test_a_move_whose_gates_are_not_met_is_refused_with_every_reason(pair, problems):
    source, target = pair
    verdict = check_move(
        target, Actor(Role.MANAGER, in_scope=True), IdeaFacts(stage=source), MoveInput(today=TODAY)
    )
    assert verdict.refusal is Refusal.GATE
    assert _texts(verdict) == problems


@pytest.mark.parametrize(
    ("owner_id", "problems"), [(None, [OWNER_MESSAGE]), (0, [OWNER_MESSAGE]), (12, [])]
)
def test_owner_set(owner_id, problems):
    facts = IdeaFacts(stage=S.SUBMITTED, owner_id=owner_id)
    assert [str(p) for p in stages.owner_set(facts, MoveInput())] == problems


@pytest.mark.parametrize(("done", "problems"), [(False, [ASSESSED_MESSAGE]), (True, [])])
def test_assessed(done, problems):
    facts = IdeaFacts(stage=S.SCREENING, assessed=done)
    assert [str(p) for p in stages.assessed(facts, MoveInput())] == problems


@pytest.mark.parametrize(
    ("reason", "problems"),
    [("", [REASON_MESSAGE]), ("   \n\t", [REASON_MESSAGE]), ("Ingen budget", [])],
    ids=["empty", "only-whitespace", "given"],
)
def test_reason_given(reason, problems):
    facts = IdeaFacts(stage=S.SUBMITTED)
    assert [str(p) for p in stages.reason_given(facts, MoveInput(reason=reason))] == problems


@pytest.mark.parametrize(
    ("revisit_on", "problems"),
    [
        (None, [REVISIT_MISSING]),
        (TODAY - timedelta(days=400), [REVISIT_PAST]),
        (TODAY - timedelta(days=1), [REVISIT_PAST]),
        (TODAY, [REVISIT_PAST]),
        (TODAY + timedelta(days=1), []),
        (TODAY + timedelta(days=365), []),
    ],
    ids=["missing", "last-year", "yesterday", "today", "tomorrow", "next-year"],
)
def test_revisit_in_future(revisit_on, problems):
    move = MoveInput(revisit_on=revisit_on, today=TODAY)
    facts = IdeaFacts(stage=S.SCREENING)
    assert [str(p) for p in stages.revisit_in_future(facts, move)] == problems


@pytest.mark.parametrize(
    ("open_pilot", "problems"), [(False, [PILOT_PLAN]), (True, [])], ids=["no-plan", "open"]
)
def test_pilot_planned(open_pilot, problems):
    facts = IdeaFacts(stage=S.PRIORITISED, open_pilot=open_pilot)
    assert [str(p) for p in stages.pilot_planned(facts, MoveInput())] == problems


DECISION_GATES = [
    (stages.decided_scale_up, Decision.SCALE_UP, SCALE_UP_NEEDED),
    (stages.decided_pivot, Decision.PIVOT, PIVOT_NEEDED),
    (stages.decided_stop, Decision.STOP, STOP_NEEDED),
]


@pytest.mark.parametrize(
    ("gate", "needed", "message", "decision"),
    [(g, n, m, d) for g, n, m in DECISION_GATES for d in (None, *Decision)],
    ids=lambda v: getattr(v, "__name__", None) or (v.value if isinstance(v, Decision) else None),
)
def test_a_decision_gate_passes_only_for_its_own_decision(gate, needed, message, decision):
    facts = IdeaFacts(stage=S.PILOT, decision=decision, open_pilot=True, rollout_units=2)
    problems = [] if decision is needed else [message]
    assert [str(p) for p in gate(facts, MET)] == problems


def test_the_decision_gates_are_named_and_mapped_to_their_decision():
    assert {gate: needed for gate, needed, _ in DECISION_GATES} == EVALUATION_GATES
    assert [gate.__name__ for gate, _, _ in DECISION_GATES] == [
        "decided_scale_up",
        "decided_pivot",
        "decided_stop",
    ]


@pytest.mark.parametrize(("rollout_units", "problems"), [(0, [ROLLOUT_PLAN]), (1, []), (4, [])])
def test_rollout_planned(rollout_units, problems):
    facts = IdeaFacts(stage=S.PILOT, rollout_units=rollout_units)
    assert [str(p) for p in stages.rollout_planned(facts, MoveInput())] == problems


@pytest.mark.parametrize(
    ("rollout_units", "units_done", "problems"),
    [(0, 0, [UNIT_DONE]), (3, 0, [UNIT_DONE]), (3, 1, []), (3, 2, []), (3, 3, [])],
)
def test_unit_done(rollout_units, units_done, problems):
    facts = IdeaFacts(stage=S.ROLLOUT, rollout_units=rollout_units, units_done=units_done)
    assert [str(p) for p in stages.unit_done(facts, MoveInput())] == problems


@pytest.mark.parametrize(("planned", "problems"), [(0, [PLANNED_BENEFIT]), (1, []), (3, [])])
def test_planned_benefit(planned, problems):
    facts = IdeaFacts(stage=S.ROLLOUT, planned_benefits=planned)
    assert [str(p) for p in stages.planned_benefit(facts, MoveInput())] == problems


@pytest.mark.parametrize(
    ("open_benefits", "closed_benefits", "problems"),
    [
        (0, 0, [BENEFITS_CLOSED]),  # no benefit at all: nothing was realised
        (1, 0, [BENEFITS_CLOSED]),
        (1, 2, [BENEFITS_CLOSED]),
        (0, 1, []),
        (0, 3, []),
    ],
    ids=["none", "one-open", "one-of-three-open", "one-closed", "all-three-closed"],
)
def test_benefits_closed(open_benefits, closed_benefits, problems):
    facts = IdeaFacts(
        stage=S.FOLLOW_UP, open_benefits=open_benefits, closed_benefits=closed_benefits
    )
    assert [str(p) for p in stages.benefits_closed(facts, MoveInput())] == problems


@pytest.mark.parametrize(("done", "problems"), [(False, [CLOSING_ASSESSED]), (True, [])])
def test_closing_assessed(done, problems):
    facts = IdeaFacts(stage=S.FOLLOW_UP, closing_assessed=done)
    assert [str(p) for p in stages.closing_assessed(facts, MoveInput())] == problems


@pytest.mark.parametrize(
    ("open_benefits", "closed_benefits", "assessed", "problems"),
    [
        (0, 0, False, [BENEFITS_CLOSED, CLOSING_ASSESSED]),
        (1, 1, True, [BENEFITS_CLOSED]),
        (0, 2, False, [CLOSING_ASSESSED]),
        (0, 2, True, []),
    ],
    ids=["nothing", "a-benefit-open", "not-assessed", "both-met"],
)
def test_realised_needs_every_benefit_closed_and_a_closing_assessment(
    open_benefits, closed_benefits, assessed, problems
):
    facts = IdeaFacts(
        stage=S.FOLLOW_UP,
        owner_id=7,
        open_benefits=open_benefits,
        closed_benefits=closed_benefits,
        closing_assessed=assessed,
    )
    verdict = check_move(S.REALISED, Actor(Role.MANAGER, in_scope=True), facts, MET)
    assert verdict.refusal is (Refusal.GATE if problems else None)
    assert _texts(verdict) == problems


MANAGER = Actor(Role.MANAGER, in_scope=True)


@pytest.mark.parametrize(
    ("decision", "rollout_units", "problems"),
    [
        (None, 0, [SCALE_UP_NEEDED, ROLLOUT_PLAN]),
        (Decision.SCALE_UP, 0, [ROLLOUT_PLAN]),
        (Decision.PIVOT, 2, [SCALE_UP_NEEDED]),
        (Decision.STOP, 0, [SCALE_UP_NEEDED, ROLLOUT_PLAN]),
        (Decision.SCALE_UP, 1, []),
    ],
    ids=["nothing", "scale-up-without-units", "pivot-with-units", "stop", "both-met"],
)
def test_rollout_from_a_pilot_needs_a_scale_up_and_a_rollout_unit(
    decision, rollout_units, problems
):
    facts = IdeaFacts(stage=S.PILOT, owner_id=7, decision=decision, rollout_units=rollout_units)
    verdict = check_move(S.ROLLOUT, MANAGER, facts, MET)
    assert verdict.refusal is (Refusal.GATE if problems else None)
    assert _texts(verdict) == problems


@pytest.mark.parametrize("pair", list(DECISIONS), ids=lambda p: f"{p[0]}->{p[1]}")
def test_a_move_out_of_a_pilot_is_refused_for_every_other_decision(pair):
    source, target = pair
    message = {
        Decision.SCALE_UP: SCALE_UP_NEEDED,
        Decision.PIVOT: PIVOT_NEEDED,
        Decision.STOP: STOP_NEEDED,
    }[DECISIONS[pair]]
    for decision in (None, *(d for d in Decision if d is not DECISIONS[pair])):
        facts = replace(_met_facts(source, target), decision=decision)
        verdict = check_move(target, MANAGER, facts, MET)
        assert verdict.refusal is Refusal.GATE, decision
        assert _texts(verdict) == [message], decision


def test_a_move_to_pilot_is_refused_once_the_pilot_is_evaluated():
    facts = IdeaFacts(stage=S.PRIORITISED, owner_id=7, open_pilot=False, decision=Decision.PIVOT)
    verdict = check_move(S.PILOT, MANAGER, facts, MET)
    assert _texts(verdict) == [PILOT_PLAN]
    assert check_move(S.PILOT, MANAGER, _met_facts(S.PRIORITISED, S.PILOT), MET).ok


@pytest.mark.parametrize("pair", list(EXPECTED), ids=lambda p: f"{p[0]}->{p[1]}")
def test_the_pilot_and_rollout_flags_follow_the_gates(pair):
    transition = TRANSITIONS[pair]
    assert transition.decision is DECISIONS.get(pair)
    assert transition.needs_rollout_plan is (pair in NEEDS_ROLLOUT_PLAN)
    assert transition.needs_pilot_plan is (pair in NEEDS_PILOT_PLAN)


def test_reason_and_revisit_flags_follow_the_gates():
    assert TRANSITIONS[(S.SCREENING, S.PARKED)].needs_reason
    assert TRANSITIONS[(S.SCREENING, S.PARKED)].needs_revisit
    assert TRANSITIONS[(S.SCREENING, S.DECLINED)].needs_reason
    assert not TRANSITIONS[(S.SCREENING, S.DECLINED)].needs_revisit
    assert not TRANSITIONS[(S.SUBMITTED, S.SCREENING)].needs_reason
    assert TRANSITIONS[(S.SUBMITTED, S.WITHDRAWN)].submitter_only
    assert not TRANSITIONS[(S.SUBMITTED, S.DECLINED)].submitter_only


def test_transitions_from_lists_the_moves_out_of_a_stage_in_table_order():
    assert [t.target for t in transitions_from(S.SUBMITTED)] == [
        S.SCREENING,
        S.DECLINED,
        S.PARKED,
        S.WITHDRAWN,
    ]
    assert [t.target for t in transitions_from(S.PARKED)] == [S.SCREENING]
    for closed in (S.REALISED, S.DECLINED, S.STOPPED, S.WITHDRAWN):
        assert transitions_from(closed) == []


LABELS = {
    S.SUBMITTED: "Submitted",
    S.SCREENING: "Screening",
    S.PRIORITISED: "Prioritised",
    S.PILOT: "Pilot",
    S.ROLLOUT: "Rollout",
    S.FOLLOW_UP: "Benefit follow-up",
    S.REALISED: "Realised",
    S.DECLINED: "Declined",
    S.PARKED: "Parked",
    S.STOPPED: "Stopped after pilot",
    S.WITHDRAWN: "Withdrawn",
}


@pytest.mark.parametrize("stage", list(Stage), ids=lambda s: s.value)
def test_a_stage_carries_its_label_and_css_class(stage):
    assert stage.label == LABELS[stage]
    assert stage.css == "stage-" + stage.value.replace("_", "-")


def test_the_board_runs_left_to_right_and_the_rest_are_closed():
    assert BOARD == (
        S.SUBMITTED,
        S.SCREENING,
        S.PRIORITISED,
        S.PILOT,
        S.ROLLOUT,
        S.FOLLOW_UP,
        S.REALISED,
    )
    assert {s for s in Stage if s.on_board} == set(BOARD)
    assert {s for s in Stage if s.closed} == {S.DECLINED, S.PARKED, S.STOPPED, S.WITHDRAWN}
    assert S.FOLLOW_UP.css == "stage-follow-up"
