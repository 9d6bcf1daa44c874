"""The words of a pilot's evaluation and a rollout's progress. Pure: no app, no database."""

import pytest

from tracker.pilots.rules import Decision, Outcome, UnitStatus, progress


@pytest.mark.parametrize(
    ("done", "total", "percent"),
    [
        (0, 0, None),
        (3, 0, None),
        (0, 4, 0),
        (1, 4, 25),
        (1, 3, 33),
        (2, 3, 66),
        (199, 200, 99),
        (1, 2, 50),
        (5, 7, 71),
        (3, 3, 100),
        (12, 12, 100),
    ],
)
def test_progress_is_a_whole_percent_or_none_when_there_is_nothing_to_do(done, total, percent):
    result = progress(done, total)
    assert result == percent
    assert result is None or type(result) is int


LABELS = {
    Decision.SCALE_UP: "Scale up",
    Decision.PIVOT: "Pivot",
    Decision.STOP: "Stop",
    Outcome.MET: "Met",
    Outcome.PARTLY_MET: "Partly met",
    Outcome.NOT_MET: "Not met",
    UnitStatus.PLANNED: "Planned",
    UnitStatus.IN_PROGRESS: "In progress",
    UnitStatus.DONE: "Done",
}


@pytest.mark.parametrize(
    "member", [*Decision, *Outcome, *UnitStatus], ids=lambda m: f"{type(m).__name__}.{m.value}"
)
def test_every_word_carries_its_label(member):
    assert member.label == LABELS[member]


def test_the_words_are_exactly_these():
    assert [d.value for d in Decision] == ["scale_up", "pivot", "stop"]
    assert [o.value for o in Outcome] == ["met", "partly_met", "not_met"]
    assert [u.value for u in UnitStatus] == ["planned", "in_progress", "done"]
