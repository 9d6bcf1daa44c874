"""The pilot and rollout content of the demo ideas: the format and its parser.

Each idea that reaches the pilot stage or later has a block, blocks apart by a blank line:

    Title [| pilot unit (default: the idea's unit)] [| overdue]
    H: the hypothesis of its (last) pilot
    HP: the hypothesis of the pilot that was pivoted, if it differs
    K: a success criterion | its threshold
    R: met, partly_met or not_met | the evidence, in the last pilot's evaluation
    P: the same, in the evaluation of the pivoted pilot
    Ä: what a pivot changes: the idea is pivoted once and piloted again
    LP: what the pivoted pilot taught
    L: what the last pilot taught, when it was scaled up (a stopped pilot's is the idea's reason)
    X: why the running pilot was extended
    U: an adopting unit of the rollout [| the contact's e-mail]
    A: a change activity [| the owner's e-mail] [| late: overdue and not done]

R and P lines belong to the criterion above them; a text line given twice is one paragraph.
"overdue" leaves a running pilot past its end date, waiting for its evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.pilots.rules import Outcome


class ContentError(Exception):
    """A pilot block the parser does not understand."""


@dataclass
class CriterionSpec:
    description: str
    threshold: str
    result: tuple[Outcome, str] | None = None  # in the last pilot's evaluation
    pivot_result: tuple[Outcome, str] | None = None  # in the pivoted pilot's evaluation


@dataclass(frozen=True)
class UnitSpec:
    unit: str
    contact: str | None = None  # an e-mail; None: someone of the unit


@dataclass(frozen=True)
class ActivitySpec:
    description: str
    owner: str | None = None  # an e-mail; None: the manager or a unit's contact
    late: bool = False


@dataclass
class PilotSpec:
    title: str
    unit: str | None = None
    overdue: bool = False
    texts: dict[str, str] = field(default_factory=dict)  # H, HP, Ä, LP, L, X
    criteria: list[CriterionSpec] = field(default_factory=list)
    units: list[UnitSpec] = field(default_factory=list)
    activities: list[ActivitySpec] = field(default_factory=list)

    @property
    def hypothesis(self) -> str:
        return self.texts.get("H", "")

    @property
    def pivot(self) -> str:
        """What the pivot changes; empty if the idea is not pivoted."""
        return self.texts.get("Ä", "")

    def text(self, key: str) -> str:
        return self.texts.get(key, "")


TEXT_KEYS = frozenset({"H", "HP", "Ä", "LP", "L", "X"})


def parse_pilots(text: str) -> dict[str, PilotSpec]:
    """The pilot blocks of a text, by idea title."""
    specs: dict[str, PilotSpec] = {}
    for block in text.strip().split("\n\n"):
        head, *lines = block.strip().splitlines()
        title, *rest = (part.strip() for part in head.split("|"))
        spec = PilotSpec(title, unit=rest[0] if rest and rest[0] else None)
        spec.overdue = "overdue" in rest[1:]
        for line in lines:
            key, _, value = line.partition(": ")
            _parse_line(spec, key.strip(), value.strip())
        if title in specs:
            raise ContentError(f"Two pilot blocks for {title}")
        specs[title] = spec
    return specs


def _parse_line(spec: PilotSpec, key: str, value: str) -> None:
    parts = [part.strip() for part in value.split("|")]
    if key in TEXT_KEYS:
        spec.texts[key] = f"{spec.texts[key]} {value}" if key in spec.texts else value
    elif key == "K" and len(parts) == 2:
        spec.criteria.append(CriterionSpec(*parts))
    elif key in ("R", "P") and len(parts) == 2 and spec.criteria:
        result = (Outcome(parts[0]), parts[1])
        if key == "R":
            spec.criteria[-1].result = result
        else:
            spec.criteria[-1].pivot_result = result
    elif key == "U" and len(parts) <= 2:
        spec.units.append(UnitSpec(parts[0], parts[1] if len(parts) > 1 and parts[1] else None))
    elif key == "A" and len(parts) <= 3:
        owner = parts[1] if len(parts) > 1 and parts[1] else None
        spec.activities.append(ActivitySpec(parts[0], owner, parts[2:] == ["late"]))
    else:
        raise ContentError(f"{spec.title}: cannot read {key}: {value}")
