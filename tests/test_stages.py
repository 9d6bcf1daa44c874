"""The stage engine: the transition table, the actors and the gates. Pure: no app, no database."""

from datetime import date, timedelta
from itertools import product

import pytest

from tracker.auth.roles import Role
from tracker.ideas import stages
from tracker.ideas.stages import (
    BOARD,
    PENDING,
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

S = Stage
TODAY = date(2026, 3, 15)
OWNER_MESSAGE = "A responsible manager must take the idea first."
ASSESSED_MESSAGE = "The idea needs an assessment: scores, a strategic goal and a rationale."
REASON_MESSAGE = "Give a reason."
REVISIT_MISSING = "Give a date to revisit the idea."
REVISIT_PAST = "The revisit date must be in the future."
PILOT_PLAN = "Moving to pilot needs a pilot plan, which Tracker cannot record yet."
PILOT_EVALUATION = "Leaving a pilot needs a pilot evaluation, which Tracker cannot record yet."
ROLLOUT_PLAN = "Moving to rollout needs a rollout plan, which Tracker cannot record yet."
ROLLOUT_DONE = (
    "Benefit follow-up needs a rollout with a unit done and a planned benefit, "
    "which Tracker cannot record yet."
)
BENEFITS_CLOSED = (
    "Realised needs every benefit closed and a closing assessment, which Tracker cannot record yet."
)

# The rules of DESIGN.md, written out by hand: (source, target) -> (kind, gates).
EXPECTED = {
    (S.SUBMITTED, S.SCREENING): (Kind.FORWARD, (stages.owner_set,)),
    (S.SCREENING, S.PRIORITISED): (Kind.FORWARD, (stages.assessed,)),
    (S.PRIORITISED, S.PILOT): (Kind.FORWARD, (stages.pilot_plan,)),
    (S.PILOT, S.ROLLOUT): (Kind.FORWARD, (stages.pilot_evaluation,)),
    (S.ROLLOUT, S.FOLLOW_UP): (Kind.FORWARD, (stages.rollout_done_and_benefit,)),
    (S.FOLLOW_UP, S.REALISED): (Kind.FORWARD, (stages.benefits_closed,)),
    (S.PRIORITISED, S.ROLLOUT): (Kind.JUMP, (stages.reason_given, stages.rollout_plan)),
    (S.SCREENING, S.SUBMITTED): (Kind.BACK, (stages.reason_given,)),
    (S.PRIORITISED, S.SCREENING): (Kind.BACK, (stages.reason_given,)),
    (S.PILOT, S.SCREENING): (Kind.BACK, (stages.reason_given, stages.pilot_evaluation)),
    (S.PILOT, S.PRIORITISED): (Kind.BACK, (stages.reason_given, stages.pilot_evaluation)),
    (S.ROLLOUT, S.PRIORITISED): (Kind.BACK, (stages.reason_given,)),
    (S.FOLLOW_UP, S.ROLLOUT): (Kind.BACK, (stages.reason_given,)),
    (S.SUBMITTED, S.DECLINED): (Kind.CLOSE, (stages.reason_given,)),
    (S.SCREENING, S.DECLINED): (Kind.CLOSE, (stages.reason_given,)),
    (S.PRIORITISED, S.DECLINED): (Kind.CLOSE, (stages.reason_given,)),
    (S.SUBMITTED, S.PARKED): (Kind.CLOSE, (stages.reason_given, stages.revisit_in_future)),
    (S.SCREENING, S.PARKED): (Kind.CLOSE, (stages.reason_given, stages.revisit_in_future)),
    (S.PRIORITISED, S.PARKED): (Kind.CLOSE, (stages.reason_given, stages.revisit_in_future)),
    (S.PILOT, S.STOPPED): (Kind.CLOSE, (stages.reason_given, stages.pilot_evaluation)),
    (S.PARKED, S.SCREENING): (Kind.REVIVE, (stages.owner_set,)),
    (S.SUBMITTED, S.WITHDRAWN): (Kind.WITHDRAW, ()),
}
# The moves that wait for data a later version records, and what each waits for.
WAITING = {
    (S.PRIORITISED, S.PILOT): [PILOT_PLAN],
    (S.PILOT, S.ROLLOUT): [PILOT_EVALUATION],
    (S.ROLLOUT, S.FOLLOW_UP): [ROLLOUT_DONE],
    (S.FOLLOW_UP, S.REALISED): [BENEFITS_CLOSED],
    (S.PRIORITISED, S.ROLLOUT): [ROLLOUT_PLAN],
    (S.PILOT, S.SCREENING): [PILOT_EVALUATION],
    (S.PILOT, S.PRIORITISED): [PILOT_EVALUATION],
    (S.PILOT, S.STOPPED): [PILOT_EVALUATION],
}
MOVERS = {Role.MANAGER, Role.ADMIN}

# Facts and input that meet every gate this version can check.
MET = MoveInput(reason="Ingen budget i år.", revisit_on=TODAY + timedelta(days=30), today=TODAY)


def _met_facts(stage: Stage) -> IdeaFacts:
    return IdeaFacts(stage=stage, owner_id=7, assessed=True)


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
    if (source, target) in WAITING:
        return Refusal.GATE, WAITING[(source, target)]
    return None, []


@pytest.mark.parametrize(
    ("source", "target", "role", "is_submitter"),
    list(product(Stage, Stage, Role, (False, True))),
    ids=lambda v: v.value if isinstance(v, Stage | Role) else ("submitter" if v else "other"),
)
def test_every_move_of_every_actor_is_decided_by_the_table(source, target, role, is_submitter):
    for in_scope in (True, False):
        actor = Actor(role, in_scope, is_submitter)
        verdict = check_move(target, actor, _met_facts(source), MET)
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
        verdict = check_move(target, Actor(role, in_scope=True), _met_facts(source), MET)
        assert verdict.refusal is Refusal.FORBIDDEN, (source, target)


def test_a_manager_out_of_scope_moves_nothing():
    for source, target in TRANSITIONS:
        verdict = check_move(target, Actor(Role.MANAGER, in_scope=False), _met_facts(source), MET)
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
    verdict = check_move(S.WITHDRAWN, submitter, _met_facts(stage), MET)
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
    (S.PRIORITISED, S.ROLLOUT): [REASON_MESSAGE, ROLLOUT_PLAN],
    (S.SCREENING, S.SUBMITTED): [REASON_MESSAGE],
    (S.PRIORITISED, S.SCREENING): [REASON_MESSAGE],
    (S.PILOT, S.SCREENING): [REASON_MESSAGE, PILOT_EVALUATION],
    (S.ROLLOUT, S.PRIORITISED): [REASON_MESSAGE],
    (S.FOLLOW_UP, S.ROLLOUT): [REASON_MESSAGE],
    (S.SUBMITTED, S.DECLINED): [REASON_MESSAGE],
    (S.SCREENING, S.PARKED): [REASON_MESSAGE, REVISIT_MISSING],
    (S.PILOT, S.STOPPED): [REASON_MESSAGE, PILOT_EVALUATION],
    (S.PARKED, S.SCREENING): [OWNER_MESSAGE],
}


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
    ("gate", "message"),
    [
        (stages.pilot_plan, PILOT_PLAN),
        (stages.pilot_evaluation, PILOT_EVALUATION),
        (stages.rollout_plan, ROLLOUT_PLAN),
        (stages.rollout_done_and_benefit, ROLLOUT_DONE),
        (stages.benefits_closed, BENEFITS_CLOSED),
    ],
    ids=lambda v: getattr(v, "__name__", "message"),
)
def test_a_pending_gate_refuses_even_when_everything_else_is_met(gate, message):
    assert [str(p) for p in gate(_met_facts(S.PILOT), MET)] == [message]
    assert str(PENDING[gate]) == message


def test_the_pending_gates_are_exactly_the_five_of_later_versions():
    assert {str(m) for m in PENDING.values()} == {
        PILOT_PLAN,
        PILOT_EVALUATION,
        ROLLOUT_PLAN,
        ROLLOUT_DONE,
        BENEFITS_CLOSED,
    }


@pytest.mark.parametrize("pair", list(EXPECTED), ids=lambda p: f"{p[0]}->{p[1]}")
def test_a_transition_is_available_unless_it_waits_for_a_later_version(pair):
    transition = TRANSITIONS[pair]
    assert [str(m) for m in transition.waiting_for] == WAITING.get(pair, [])
    assert transition.available is (pair not in WAITING)


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
