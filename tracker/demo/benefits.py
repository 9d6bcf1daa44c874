"""The benefit content of the demo ideas: the format and its parser.

Each idea with benefits has a block, blocks apart by a blank line. A benefit starts with N and
takes the lines after it; C, A, L and H belong to the idea:

    Title
    N: the benefit's title | type [dis] | stakeholder [| the unit that gains (default: the idea's)]
    I: indicator | measure (its unit) | higher or lower | interval in months
    O: the owner's e-mail (default: someone of the unit that gains)
    K: the method; D: the data source
    V: baseline | target [| interim target | ...]  (evenly spaced between their dates)
    P: SEK per unit of change and year | attribution % | confidence
    F: what happens to it, words apart (below)
    Ä: baseline or target | the new value | why the plan changed
    S: why it evaporated or was cancelled, or a note at its sign-off
    R: risks and assumptions
    C: a cost | one_off or running | category | planned SEK | actual SEK or - | years from the
       rollout year: "0" for a one-off, "0-2" or "0-" (open-ended) for a running cost
    A: the closing assessment's summary; L: its learnings; H: the keeper's e-mail

Words of F: identified (never planned), planned (planned, never measured), history (the series
goes back about a year before the plan, from a register), overdue (the last follow-ups were
missed), correction (one measurement is corrected), proposed (the owner proposed it as realised,
awaiting sign-off), evaporated, cancelled, and reach=0.8 (the share of the planned change
reached in the end; drawn when not given). A text line (K, S, R, A, L) given twice is one paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tracker.benefits.rules import (
    BenefitType,
    Confidence,
    Direction,
    Lifecycle,
    Stakeholder,
)
from tracker.costs.rules import CostCategory, CostKind


class ContentError(Exception):
    """A benefit block the parser does not understand."""


FLAGS = frozenset(
    ("identified", "planned", "history", "overdue", "correction", "proposed")
    + ("evaporated", "cancelled")
)
DIRECTIONS = {"higher": Direction.HIGHER, "lower": Direction.LOWER}
TEXTS = {"K": "method", "S": "reason", "R": "risks"}


@dataclass
class BenefitSpec:
    title: str
    type: BenefitType
    dis_benefit: bool
    stakeholder: Stakeholder
    unit: str | None = None
    indicator: str = ""
    measure: str = ""
    direction: Direction = Direction.HIGHER
    interval: int = 3
    owner: str | None = None  # an e-mail; None: someone of the unit that gains
    method: str = ""
    data_source: str = ""
    baseline: Decimal | None = None
    target: Decimal | None = None
    interim: list[Decimal] = field(default_factory=list)
    places: int = 0  # decimals of the values
    sek_per_unit: Decimal | None = None
    attribution: Decimal = Decimal(100)
    confidence: Confidence = Confidence.MEDIUM
    flags: set[str] = field(default_factory=set)
    reach: float | None = None
    change: tuple[str, Decimal, str] | None = None  # (baseline or target, new value, reason)
    reason: str = ""
    risks: str = ""

    @property
    def fate(self) -> Lifecycle | None:
        """How it ends when its content says so: evaporated or cancelled; None otherwise."""
        for fate in (Lifecycle.EVAPORATED, Lifecycle.CANCELLED):
            if fate.value in self.flags:
                return fate
        return None


@dataclass(frozen=True)
class CostSpec:
    description: str
    kind: CostKind
    category: CostCategory
    planned: Decimal
    actual: Decimal | None
    years: tuple[int, int | None]  # offsets from the rollout year; None: through the horizon


@dataclass
class IdeaBenefits:
    title: str
    benefits: list[BenefitSpec] = field(default_factory=list)
    costs: list[CostSpec] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # A, L
    keeper: str | None = None


def number(text: str) -> Decimal:
    """A number as the content writes it: "12,5", "1 200" or "1200"."""
    return Decimal(text.replace(" ", "").replace(",", "."))


def _places(text: str) -> int:
    return len(text.replace(",", ".").partition(".")[2])


def parse_benefits(text: str) -> dict[str, IdeaBenefits]:
    """The benefit blocks of a text, by idea title."""
    ideas: dict[str, IdeaBenefits] = {}
    for block in text.strip().split("\n\n"):
        title, *lines = block.strip().splitlines()
        idea = IdeaBenefits(title.strip())
        for line in lines:
            key, _, value = line.partition(": ")
            try:
                _parse_line(idea, key.strip(), value.strip())
            except (ValueError, KeyError, IndexError) as error:
                raise ContentError(f"{idea.title}: cannot read {line!r}: {error}") from error
        if idea.title in ideas:
            raise ContentError(f"Two benefit blocks for {idea.title}")
        ideas[idea.title] = idea
    return ideas


def _parse_line(idea: IdeaBenefits, key: str, value: str) -> None:
    parts = [part.strip() for part in value.split("|")]
    if key == "N":
        kind, _, dis = parts[1].partition(" ")
        idea.benefits.append(
            BenefitSpec(
                title=parts[0],
                type=BenefitType(kind),
                dis_benefit=dis == "dis",
                stakeholder=Stakeholder(parts[2]),
                unit=parts[3] if len(parts) > 3 else None,
            )
        )
    elif key in ("A", "L"):
        idea.texts[key] = f"{idea.texts[key]} {value}" if key in idea.texts else value
    elif key == "H":
        idea.keeper = value
    elif key == "C":
        years = parts[5].split("-")
        running = CostKind(parts[1]) is CostKind.RUNNING
        idea.costs.append(
            CostSpec(
                description=parts[0],
                kind=CostKind(parts[1]),
                category=CostCategory(parts[2]),
                planned=number(parts[3]),
                actual=None if parts[4] == "-" else number(parts[4]),
                years=(int(years[0]), int(years[-1]) if running and years[-1] else None),
            )
        )
    elif idea.benefits:
        _parse_benefit_line(idea.benefits[-1], key, value, parts)
    else:
        raise ContentError(f"{idea.title}: a {key} line before any benefit")


def _parse_benefit_line(spec: BenefitSpec, key: str, value: str, parts: list[str]) -> None:
    if key == "I":
        spec.indicator, spec.measure = parts[0], parts[1]
        spec.direction, spec.interval = DIRECTIONS[parts[2]], int(parts[3])
    elif key == "O":
        spec.owner = value
    elif key == "D":
        spec.data_source = value
    elif key == "V":
        spec.baseline, spec.target = number(parts[0]), number(parts[1])
        spec.interim = [number(p) for p in parts[2:]]
        spec.places = max(_places(p) for p in parts)
    elif key == "P":
        spec.sek_per_unit = number(parts[0]) if parts[0] != "-" else None
        spec.attribution, spec.confidence = number(parts[1]), Confidence(parts[2])
    elif key == "F":
        for word in value.split():
            name, _, share = word.partition("=")
            if name == "reach":
                spec.reach = float(share)
            elif name in FLAGS:
                spec.flags.add(name)
            else:
                raise ContentError(f"{spec.title}: unknown flag {word}")
    elif key == "Ä":
        if parts[0] not in ("baseline", "target"):
            raise ContentError(f"{spec.title}: a plan change is of the baseline or the target")
        spec.change = (parts[0], number(parts[1]), parts[2])
    elif key in TEXTS:
        setattr(spec, TEXTS[key], f"{getattr(spec, TEXTS[key])} {value}".strip())
    else:
        raise ContentError(f"{spec.title}: unknown line {key}")
