"""Chart geometry (pure, no app) and the SVG the macros draw from it."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from tracker.dashboard.charts import bar_chart, nice_ticks, stacked_area

SVG = "{http://www.w3.org/2000/svg}"


def _points(band) -> list[tuple[float, float]]:
    return [tuple(map(float, p.split(","))) for p in band.points.split()]


@pytest.mark.parametrize(
    ("top", "whole", "ticks"),
    [
        (5, True, [0, 1, 2, 3, 4, 5]),
        (7, True, [0, 2, 4, 6, 8]),
        (100, True, [0, 20, 40, 60, 80, 100]),
        (101, True, [0, 50, 100, 150]),
        (1234, True, [0, 500, 1000, 1500]),
        (Decimal("2600000.00"), True, [0, 1000000, 2000000, 3000000]),
        (
            Decimal("0.7"),
            False,
            [0, Decimal("0.2"), Decimal("0.4"), Decimal("0.6"), Decimal("0.8")],
        ),
        (2, True, [0, 1, 2]),
        (0, True, [0, 1]),
    ],
)
def test_ticks_are_round_steps_from_zero_past_the_largest_value(top, whole, ticks):
    assert nice_ticks(top, whole=whole) == ticks


@pytest.mark.parametrize("top", [1, 3, 9, 11, 26, 49, 51, 99, 250, 999, 12345, 7_654_321])
def test_ticks_are_one_two_or_five_times_a_power_of_ten_and_at_most_six(top):
    ticks = nice_ticks(top, whole=True)
    step = ticks[1] - ticks[0]
    assert str(step).rstrip("0") in {"1", "2", "5"}
    assert all(b - a == step for a, b in zip(ticks, ticks[1:], strict=False))
    assert ticks[-1] >= top > ticks[-2]
    assert len(ticks) <= 6
    if top >= 3:
        assert len(ticks) >= 4


def test_bar_lengths_are_proportional_to_the_values():
    chart = bar_chart(["A", "B", "C"], [("Ideas", [10, 20, 40])])
    heights = [b.height for b in chart.bars]
    assert heights[1] == pytest.approx(2 * heights[0], abs=0.2)
    assert heights[2] == pytest.approx(4 * heights[0], abs=0.2)
    assert all(b.y + b.height == pytest.approx(chart.plot.bottom) for b in chart.bars)


def test_the_largest_bar_stays_within_the_top_tick():
    chart = bar_chart(["A", "B"], [("Ideas", [3, 47])])
    top_tick = min(t.pos for t in chart.value_ticks)
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.y >= top_tick
    assert tallest.y == pytest.approx(
        top_tick + (1 - 47 / 50) * (chart.plot.bottom - top_tick), abs=0.2
    )
    assert [t.label for t in chart.value_ticks] == ["0", "10", "20", "30", "40", "50"]


def test_a_value_that_is_a_round_number_fills_the_axis_exactly():
    chart = bar_chart(["A"], [("Ideas", [50])])
    assert chart.bars[0].y == min(t.pos for t in chart.value_ticks)


def test_grouped_bars_keep_their_series_and_labels_with_formatted_values():
    chart = bar_chart(
        ["2026 Q1", "2026 Q2"],
        [("Started", [1200, 300]), ("Finished", [Decimal("50.00"), -5])],
        fmt=lambda v: f"{v:,}".replace(",", " "),
    )
    assert [(b.series, b.category, b.value) for b in chart.bars] == [
        (0, "2026 Q1", "1 200"),
        (0, "2026 Q2", "300"),
        (1, "2026 Q1", "50.00"),
        (1, "2026 Q2", "-5"),
    ]
    assert chart.bars[3].height == 0  # a negative value has no bar, but keeps its text
    assert chart.legend == [(0, "Started"), (1, "Finished")]
    assert [b.series_label for b in chart.bars] == ["Started"] * 2 + ["Finished"] * 2
    first, second = chart.bars[0], chart.bars[2]
    assert second.x > first.x + first.width  # side by side, not overlapping
    assert [t.label for t in chart.category_ticks] == ["2026 Q1", "2026 Q2"]
    assert first.x < chart.category_ticks[0].pos < second.x + second.width


def test_horizontal_bars_put_categories_down_the_left_and_grow_with_them():
    names = ["Submitted", "Screening", "Prioritised", "Pilot"]
    chart = bar_chart(names, [("Reached", [9, 6, 4, 1])], horizontal=True)
    taller = bar_chart(names * 3, [("Reached", [9, 6, 4, 1] * 3)], horizontal=True)
    assert chart.horizontal
    assert taller.height - chart.height == pytest.approx(8 * 28, abs=1)
    ys = [t.pos for t in chart.category_ticks]
    assert ys == sorted(ys) and len(set(ys)) == 4
    assert all(b.x == chart.plot.left for b in chart.bars)
    widths = [b.width for b in chart.bars]
    assert widths == sorted(widths, reverse=True)
    assert widths[0] == pytest.approx(9 / 10 * (chart.plot.right - chart.plot.left), abs=0.2)
    assert chart.plot.left > len("Prioritised") * 6  # room for the names


def test_long_category_names_are_shortened_but_the_tooltip_keeps_them():
    name = "A very long organisational unit name indeed, longer than any label room"
    chart = bar_chart([name], [("Ideas", [1])], horizontal=True)
    assert chart.category_ticks[0].label.endswith("…")
    assert chart.bars[0].category == name


def test_many_quarters_on_vertical_bars_slant_their_labels():
    quarters = [f"{y} Q{q}" for y in range(2020, 2027) for q in range(1, 5)]
    assert not bar_chart(quarters[:4], [("Started", [1] * 4)]).rotate_labels
    chart = bar_chart(quarters, [("Started", [1] * 28), ("Finished", [1] * 28)])
    assert chart.rotate_labels
    assert chart.plot.bottom < chart.height - 40  # room below for the slanted labels


@pytest.mark.parametrize("horizontal", [False, True])
def test_zero_or_no_data_gives_an_empty_but_valid_chart(horizontal):
    zero = bar_chart(["A", "B"], [("Ideas", [0, 0])], horizontal=horizontal)
    assert [b.height if not horizontal else b.width for b in zero.bars] == [0, 0]
    assert [t.label for t in zero.value_ticks] == ["0", "1"]
    empty = bar_chart([], [], horizontal=horizontal)
    assert empty.bars == [] and empty.category_ticks == [] and empty.height > 0


def test_more_than_six_series_reuse_the_fills():
    chart = bar_chart(["A"], [(f"S{i}", [i + 1]) for i in range(8)])
    assert [b.series % 6 for b in chart.bars] == [0, 1, 2, 3, 4, 5, 0, 1]
    area = stacked_area(["Q1", "Q2"], [(f"S{i}", [1, 2]) for i in range(7)])
    assert [b.series % 6 for b in area.bands] == [0, 1, 2, 3, 4, 5, 0]


def test_the_top_band_of_the_flow_follows_the_cumulative_sum():
    periods = ["2026 Q1", "2026 Q2", "2026 Q3"]
    chart = stacked_area(periods, [("Done", [1, 3, 6]), ("Doing", [2, 2, 3]), ("New", [4, 1, 0])])
    bottom, top_tick = chart.plot.bottom, min(t.pos for t in chart.value_ticks)
    scale = (bottom - top_tick) / 10  # ticks 0, 2, ..., 10

    def heights(band):
        return [round((bottom - y) / scale, 1) for _, y in _points(band)]

    assert [t.label for t in chart.value_ticks] == ["0", "2", "4", "6", "8", "10"]
    assert heights(chart.bands[-1])[:3] == [7, 6, 9]  # the totals, left to right
    assert heights(chart.bands[-1])[3:] == [9, 5, 3]  # back along the band below
    assert heights(chart.bands[0]) == [1, 3, 6, 0, 0, 0]
    assert [t.label for t in chart.period_ticks] == periods
    assert chart.legend == [(2, "New"), (1, "Doing"), (0, "Done")]  # as stacked, top first


def test_a_flow_of_one_period_spans_the_width_and_of_none_is_empty():
    one = stacked_area(["2026 Q1"], [("Done", [2]), ("New", [3])])
    xs = {x for x, _ in _points(one.bands[0])}
    assert xs == {one.plot.left, one.plot.right}
    assert len(one.period_ticks) == 1
    none = stacked_area([], [("Done", []), ("New", [])])
    assert none.bands == [] and none.period_ticks == []


def test_a_long_flow_shows_at_most_ten_period_labels():
    quarters = [f"{y} Q{q}" for y in range(2010, 2027) for q in range(1, 5)]
    chart = stacked_area(quarters, [("Done", list(range(len(quarters))))])
    assert 2 <= len(chart.period_ticks) <= 10
    assert chart.period_ticks[0].label == "2010 Q1"


def _render(app, macro, chart, chart_id):
    with app.app_context():
        module = app.jinja_env.get_template("dashboard/_charts.html").module
        html = str(getattr(module, macro)(chart, chart_id, "Ideas & more", "The <same> numbers"))
    return html, ET.fromstring(html)  # noqa: S314 (our own template)


def test_the_bar_macro_draws_an_accessible_patterned_svg(app):
    chart = bar_chart(["Pilot", "Rollout"], [(f"S{i}", [i, 2 * i]) for i in range(4)])
    html, figure = _render(app, "bar_chart", chart, "funnel")
    svg = figure.find(f"{SVG}svg")
    assert figure.get("class") == "dash-chart"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "funnel-title funnel-desc"
    assert svg.find(f"{SVG}title").text == "Ideas & more"
    assert svg.find(f"{SVG}desc").text == "The <same> numbers"
    patterns = {p.get("id") for p in svg.iter(f"{SVG}pattern")}
    assert patterns == {"funnel-p1", "funnel-p3", "funnel-p5"}
    rects = [r for r in svg.iter(f"{SVG}rect") if "dash-bar" in (r.get("class") or "")]
    assert len(rects) == 8
    assert {r.get("fill") for r in rects} == {
        "#1f1f1f", "url(#funnel-p1)", "#6e6e6e", "url(#funnel-p3)"
    }  # fmt: skip
    assert rects[2].find(f"{SVG}title").text == "Pilot – S1: 1"
    legend = ["".join(li.itertext()) for li in figure.iter("li")]
    assert legend == ["S0", "S1", "S2", "S3"]
    assert not re.search(r"<style|style=|<script", html)


def test_the_area_macro_draws_every_band_with_its_fill(app):
    chart = stacked_area(["Q1", "Q2"], [(f"S{i}", [1, 2]) for i in range(7)])
    html, figure = _render(app, "area_chart", chart, "cfd")
    polygons = list(figure.iter(f"{SVG}polygon"))
    assert [p.get("points") for p in polygons] == [b.points for b in chart.bands]
    assert polygons[5].get("fill") == "url(#cfd-p5)" and polygons[6].get("fill") == "#1f1f1f"
    labels = [t.text for t in figure.iter(f"{SVG}text")]
    assert "Q1" in labels and "Q2" in labels and "15" in labels
    assert not re.search(r"<style|style=|<script", html)
