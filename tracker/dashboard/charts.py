"""Chart geometry for the dashboard: grouped bars and a cumulative flow, scaled to SVG units.

Pure Python; templates/dashboard/_charts.html only draws what is computed here. Text is not
measured (there is no browser here), so label room is estimated from the number of characters.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

Number = int | Decimal
PATTERNS = 6  # greyscale-distinct fills; further series reuse them (series % 6)
CHAR_W = 7.2  # mean width of a character of a 13px label, generous for digits
GAP = 6  # between a label and its axis


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    category: str
    value: str
    series_label: str = ""


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    value_ticks: list[Tick]
    category_ticks: list[Tick]
    legend: list[tuple[int, str]]
    horizontal: bool
    plot: Box = Box(0, 0, 0, 0)  # the area inside the axes
    rotate_labels: bool = False  # vertical bars whose category labels do not fit side by side


@dataclass(frozen=True)
class Band:
    series: int
    label: str
    points: str


@dataclass(frozen=True)
class AreaChart:
    width: int
    height: int
    bands: list[Band]
    value_ticks: list[Tick]
    period_ticks: list[Tick]
    legend: list[tuple[int, str]]
    plot: Box = Box(0, 0, 0, 0)


def nice_ticks(top: Number, *, whole: bool = False) -> list[Number]:
    """Zero up to the first round number at or above `top`, in at most five steps of 1, 2 or 5
    times a power of ten; whole-number data never get fractional steps. Nothing to show: 0 to 1."""
    top = Decimal(top) if top > 0 else Decimal(1)
    exponent = top.adjusted() - 1
    for power in range(exponent, exponent + 3):
        for mantissa in (1, 2, 5):
            step = Decimal(mantissa).scaleb(power)
            if whole and step < 1:
                continue
            steps = math.ceil(top / step)
            if steps <= 5:
                return [_plain(step * i) for i in range(steps + 1)]
    raise AssertionError(f"no round step for {top}")  # pragma: no cover (the loop always finds one)


def bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence]],
    *,
    horizontal: bool = False,
    fmt: Callable[[Number], str] = str,
    width: int = 640,
    height: int | None = None,
) -> BarChart:
    """Grouped bars: in each category one bar per series, on a value axis from zero."""
    cats = [str(c) for c in categories]
    names = [str(name) for name, _ in series]
    rows = [_padded(values, len(cats)) for _, values in series]
    amounts = [v for row in rows for v in row if v is not None]
    ticks = nice_ticks(max(amounts, default=0), whole=all(_whole(v) for v in amounts))
    labels = [str(fmt(t)) for t in ticks]
    value_room = max(_text_w(max(labels, key=len)) + GAP * 2, 36)
    last_half = _text_w(labels[-1]) / 2 + GAP
    rotate = False
    if horizontal:
        left = min(_text_w(max(cats, key=len, default="")) + GAP * 2, width * 0.38)
        group = max(28, 9 * len(series) + 10)
        height = height or round(12 + group * len(cats) + 30)
        plot = Box(left, 12, width - max(12, last_half), height - 30)
        cats_shown = [_fit(c, left - GAP * 2) for c in cats]
    else:
        height = height or 280
        band = (width - value_room - 12) / max(len(cats), 1)
        longest = _text_w(max(cats, key=len, default=""))
        rotate = longest > band - GAP
        cats_shown = [_fit(c, 16 * CHAR_W) if rotate else c for c in cats]
        slant = _text_w(max(cats_shown, key=len, default="")) * 0.71  # at 45 degrees
        left = max(value_room, slant - band / 2 + GAP) if rotate else value_room
        bottom = 18 + slant + GAP if rotate else 30
        plot = Box(left, 12, width - 12, height - bottom)

    along = (plot.top, plot.bottom) if horizontal else (plot.left, plot.right)
    band = (along[1] - along[0]) / max(len(cats), 1)
    thick = min(band * 0.76 / max(len(series), 1), 56)  # a few categories: no slabs
    inner = thick * len(series)
    gap = min(2.0, thick * 0.15)
    top_value = float(ticks[-1])
    extent = (plot.right - plot.left) if horizontal else (plot.bottom - plot.top)

    def length(value) -> float:
        return max(float(value or 0), 0.0) / top_value * extent

    bars = []
    for s, (name, row) in enumerate(zip(names, rows, strict=True)):
        for c, (cat, value) in enumerate(zip(cats, row, strict=True)):
            start = along[0] + band * c + (band - inner) / 2 + thick * s + gap / 2
            size = length(value)
            if horizontal:
                box = (plot.left, start, size, thick - gap)
            else:
                box = (start, plot.bottom - size, thick - gap, size)
            text = "–" if value is None else str(fmt(value))
            bars.append(Bar(*(_r(v) for v in box), s, cat, text, name))

    every = math.ceil(16 / band) if rotate else 1  # slanted labels need 16px apart
    scale = (lambda t: plot.left + length(t)) if horizontal else (lambda t: plot.bottom - length(t))
    return BarChart(
        width=width,
        height=height,
        bars=bars,
        value_ticks=[Tick(_r(scale(t)), label) for t, label in zip(ticks, labels, strict=True)],
        category_ticks=[
            Tick(_r(along[0] + band * (c + 0.5)), label)
            for c, label in enumerate(cats_shown)
            if c % every == 0
        ],
        legend=list(enumerate(names)),
        horizontal=horizontal,
        plot=Box(*(_r(v) for v in (plot.left, plot.top, plot.right, plot.bottom))),
        rotate_labels=rotate,
    )


def stacked_area(
    periods: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    fmt: Callable[[Number], str] = str,
    width: int = 640,
    height: int = 260,
) -> AreaChart:
    """A cumulative flow diagram: per period each series stacked on the ones before it."""
    names = [str(name) for name, _ in series]
    rows = [[max(v or 0, 0) for v in _padded(values, len(periods))] for _, values in series]
    totals = [sum(column) for column in zip(*rows, strict=True)] if rows else []
    ticks = nice_ticks(max(totals, default=0), whole=all(_whole(v) for v in totals))
    labels = [str(fmt(t)) for t in ticks]
    period_labels = [str(p) for p in periods]
    half_label = _text_w(max(period_labels, key=len, default="")) / 2
    plot = Box(
        max(_text_w(max(labels, key=len)) + GAP * 2, half_label + GAP, 36),
        12,
        width - max(12, half_label + GAP),
        height - 30,
    )
    plot_w, plot_h = plot.right - plot.left, plot.bottom - plot.top
    top_value = float(ticks[-1])

    def y(value) -> float:
        return _r(plot.bottom - float(value) / top_value * plot_h)

    if len(periods) == 1:  # one period fills the width, so its stack is still visible
        xs = [plot.left, plot.right]
        rows = [row * 2 for row in rows]
        centres = [(plot.left + plot.right) / 2]
    else:
        xs = [plot.left + plot_w * i / max(len(periods) - 1, 1) for i in range(len(periods))]
        centres = xs
    xs = [_r(x) for x in xs]

    bands, below = [], [0] * len(xs)
    for s, (name, row) in enumerate(zip(names, rows, strict=True)):
        above = [b + v for b, v in zip(below, row, strict=True)]
        upper = [f"{x},{y(v)}" for x, v in zip(xs, above, strict=True)]
        lower = [f"{x},{y(v)}" for x, v in zip(reversed(xs), reversed(below), strict=True)]
        if xs:
            bands.append(Band(s, name, " ".join(upper + lower)))
        below = above

    room = _text_w(max(period_labels, key=len, default="")) + GAP * 2
    shown = max(1, min(10, int(plot_w // max(room, 1))))
    every = math.ceil(len(periods) / shown) if periods else 1
    return AreaChart(
        width=width,
        height=height,
        bands=bands,
        value_ticks=[Tick(y(t), label) for t, label in zip(ticks, labels, strict=True)],
        period_ticks=[
            Tick(_r(centres[i]), period_labels[i]) for i in range(0, len(periods), every)
        ],
        legend=list(reversed(list(enumerate(names)))),  # top band first, as the eye reads it
        plot=Box(*(_r(v) for v in (plot.left, plot.top, plot.right, plot.bottom))),
    )


def _padded(values: Sequence, count: int) -> list:
    """A series as long as its categories: missing values are None, extra ones are dropped."""
    return [*values[:count], *[None] * (count - len(values))]


def _whole(value: Number) -> bool:
    return value == int(value)


def _plain(value: Decimal) -> Number:
    """An int when the tick is whole, so `fmt` never sees 1E+2 or 20.0."""
    return int(value) if value == value.to_integral_value() else value.normalize()


def _text_w(text: str) -> float:
    return len(text) * CHAR_W


def _fit(text: str, room: float) -> str:
    """Shortened with an ellipsis to fit `room`; the full name is in the bar's tooltip."""
    chars = max(int(room // CHAR_W), 2)
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _r(value: float) -> float:
    return round(value, 1)
