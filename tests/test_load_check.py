"""`make load`'s database check: what the answers said against what the database holds."""

from collections import Counter

from bench import load_clients as lc
from bench.load_seed import _marked, _moves


def _write(kind: str, outcome: str, *write) -> lc.Answer:
    return lc.Answer(kind, outcome, 1.0, write=write)


def test_marked_writes_are_saved_once_refused_never_and_none_unasked():
    answers = [
        _write("submit an idea", lc.SAVED, "idea", "ok"),
        _write("submit an idea", lc.SAVED, "idea", "lost"),
        _write("submit an idea", lc.SAVED, "idea", "twice"),
        _write("record a measurement", lc.CONFLICT, "measurement", "refused but kept"),
        _write("record a measurement", lc.CONFLICT, "measurement", "refused"),
        _write("record a measurement", lc.ERROR, "measurement", "answer lost"),
    ]
    found = {
        "idea": Counter({"ok": 1, "twice": 2, "nobody asked": 1}),
        "measurement": Counter({"refused but kept": 1, "answer lost": 1}),
    }
    problems = _marked(found, answers)
    assert sorted(problems) == sorted(
        [
            "idea 'lost' was answered as saved and is there 0 times",
            "idea 'twice' was answered as saved and is there 2 times",
            "measurement 'refused but kept' was answered 409 and is there 1 times",
            "idea 'nobody asked' is there but no request asked for it",
        ]
    )


def test_the_history_holds_exactly_the_moves_answered_as_saved():
    answers = [
        _write("move a card", lc.SAVED, "move", 1, "submitted", "screening", 7),
        _write("move a card", lc.SAVED, "move", 2, "submitted", "screening", 7),
        _write("move a card", lc.CONFLICT, "move", 3, "screening", "prioritised", 8),
        _write("move a card", lc.ERROR, "move", 4, "screening", "prioritised", 8),
        _write("move a card in its column", lc.SAVED, "move", 5, "pilot", "pilot", 8),
    ]
    history = Counter(
        {
            (1, "submitted", "screening", 7): 1,
            (3, "screening", "prioritised", 8): 1,
            (4, "screening", "prioritised", 8): 1,
        }
    )
    assert _moves(history, answers) == [
        "move (2, 'submitted', 'screening', 7) was answered as saved 1 times "
        "but is in the history 0 times",
        "move (3, 'screening', 'prioritised', 8) is in the history 1 times more than answered",
    ]
