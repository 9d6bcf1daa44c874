"""Board ranks: gapped floats, so that a drop rewrites one card, not the whole column."""

STEP = 1024.0


def rank_between(above: float | None, below: float | None) -> float | None:
    """A rank between the card above and the card below the drop (None for an open end).

    Returns None when there is no room left between the two (equal ranks, or floats too close),
    which tells the caller to renumber the column once and ask again.
    """
    if above is None and below is None:
        return STEP
    if above is None:
        return below - STEP
    if below is None:
        return above + STEP
    middle = (above + below) / 2
    return middle if above < middle < below else None


def renumbered(count: int) -> list[float]:
    """Fresh, evenly gapped ranks for a column of `count` cards in their current order."""
    return [STEP * (i + 1) for i in range(count)]
