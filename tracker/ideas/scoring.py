"""The priority score: pure Python."""

from dataclasses import dataclass
from decimal import Decimal

SCALE_MIN = 1
SCALE_MAX = 5


@dataclass(frozen=True)
class WeightedScore:
    value: int
    weight: Decimal
    inverted: bool = False


def priority(scores: list[WeightedScore]) -> float | None:
    """The weighted mean of the scores on 0-100; an inverted criterion (effort) counts reversed.

    None when there is nothing to weigh.
    """
    total_weight = sum((s.weight for s in scores if s.weight > 0), Decimal(0))
    if total_weight == 0:
        return None
    span = SCALE_MAX - SCALE_MIN
    points = Decimal(0)
    for s in scores:
        if s.weight <= 0:
            continue
        share = Decimal(s.value - SCALE_MIN) / span
        points += s.weight * (1 - share if s.inverted else share)
    return round(float(points / total_weight * 100), 1)
