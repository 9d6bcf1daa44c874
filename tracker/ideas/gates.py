"""Which form meets the gate of a move, on the board and on the idea page: pure Python."""

import enum

from tracker.ideas.stages import IdeaFacts, Transition, assessed, owner_set, reason_given


class GateForm(enum.StrEnum):
    TAKE = "take"  # "I am responsible": the owner is set
    ASSESS = "assess"  # scores, a strategic goal and a rationale
    REASON = "reason"  # a written reason, for a move back
    PILOT_PLAN = "pilot_plan"  # hypothesis, success criteria, unit, dates, owner
    EVALUATE = "evaluate"  # the pilot's evaluation with the decision this move needs
    ROLLOUT_PLAN = "rollout_plan"  # the adopting units and the change activities

    @property
    def own_page(self) -> bool:
        """Too big for the board's dialog: the form opens on its own page."""
        return self in (GateForm.PILOT_PLAN, GateForm.EVALUATE, GateForm.ROLLOUT_PLAN)


def form_for(transition: Transition, facts: IdeaFacts) -> GateForm | None:
    """The one form that lets this move pass its gate, or None when no form is needed."""
    if owner_set in transition.gates and not facts.owner_id:
        return GateForm.TAKE
    if assessed in transition.gates and not facts.assessed:
        return GateForm.ASSESS
    if transition.needs_pilot_plan:
        return GateForm.PILOT_PLAN
    if transition.decision is not None and facts.decision is not transition.decision:
        return GateForm.EVALUATE
    if transition.needs_rollout_plan:
        return GateForm.ROLLOUT_PLAN
    if reason_given in transition.gates:
        return GateForm.REASON
    return None
