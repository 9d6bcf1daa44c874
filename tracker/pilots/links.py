"""Where the forms that meet the pilot and rollout gates live."""

from flask import url_for

from tracker.ideas.gates import GateForm
from tracker.ideas.models import Idea
from tracker.ideas.stages import TRANSITIONS, Stage
from tracker.pilots.rules import Decision


def gate_page(kind: GateForm, idea: Idea, target: Stage, **args) -> str:
    """The page of a gate form too big for a dialog: the pilot plan, evaluation or rollout plan."""
    if kind is GateForm.PILOT_PLAN:
        return url_for("pilots.plan", idea_id=idea.id, **args)
    if kind is GateForm.EVALUATE:
        decision = TRANSITIONS[idea.stage, target].decision
        if decision is Decision.PIVOT:
            args["back_to"] = target.value
        return url_for("pilots.evaluate", idea_id=idea.id, decision=decision.value, **args)
    return url_for("rollouts.plan", idea_id=idea.id, **args)
