"""The writes send a fixed number of statements, however much the organisation and the idea
hold: submitting an idea, dropping a card into the next column, recording a measurement."""

from datetime import timedelta

from tests.benefit_factories import TODAY, idea_with_benefit, measure, plan_benefit
from tests.benefits.helpers import add_cost
from tests.factories import counted_statements, make_idea
from tracker.benefits.rules import BenefitType
from tracker.extensions import db
from tracker.ideas.stages import Stage

# The user; the form's categories and units; the idea's unit (the service checks it is of the
# organisation); the tags; the idea, its tag and its first history row; then, in the dashboard's
# handler of the submission, the segments, the idea's segment and the flow cells; in the
# notifications' handler, the submitter's follow, the units and managers who may take it, and
# their notifications.
SUBMIT = 15
# The user; the idea; the manager's units; the bottom of the new column; the idea (stage and
# place in one update) and its history row; the segments; the history; the flow cells; the
# followers, who of them may read it, and their notifications.
DROP = 12


def _submit(client, unit) -> int:
    form = {
        "title": "Digital signering",
        "need": "Papper skickas fram och tillbaka.",
        "proposal": "Använd e-signering.",
        "expected_benefit": "",
        "category_id": "",
        "tags": "avtal",
        "unit_id": str(unit.id),
        "source": "employee",
        "version": "0",
    }
    with counted_statements() as seen:
        response = client.post("/ideas/new", data=form)
    assert response.status_code == 302
    return len(seen)


def test_submitting_an_idea_sends_as_many_statements_among_many_ideas_as_among_few(world, login):
    a = world.a
    client = login(a.employee)
    _submit(client, a.home_care)  # the first one creates the tag and the segments
    few = _submit(client, a.home_care)
    for i in range(5):
        make_idea(a.employee, title=f"Idé {i}", stage=Stage.SCREENING)
    db.session.commit()
    assert few == _submit(client, a.home_care) == SUBMIT


def _drop(client, idea, stage: Stage) -> int:
    form = {"idea_id": idea.id, "version": idea.version, "stage": stage.value, "view": ""}
    with counted_statements() as seen:
        response = client.post("/board/move", data=form)
    assert response.status_code == 302
    return len(seen)


def test_a_drop_into_the_next_column_sends_as_many_statements_into_a_full_column(world, login):
    a = world.a
    ideas = [make_idea(a.employee, owner_id=a.manager.id, title=f"Idé {i}") for i in range(7)]
    db.session.commit()
    client = login(a.manager)
    _drop(client, ideas[0], Stage.SCREENING)  # the first one creates the segments
    first = _drop(client, ideas[1], Stage.SCREENING)
    for idea in ideas[2:6]:
        _drop(client, idea, Stage.SCREENING)
    assert first == _drop(client, ideas[6], Stage.SCREENING) == DROP


def _measure(client, benefit, value: int) -> int:
    form = {"on": TODAY.isoformat(), "value": str(value), "comment": ""}
    with counted_statements() as seen:
        response = client.post(f"/benefits/{benefit.id}/measure", data=form)
    assert response.status_code == 302
    return len(seen)


def _idea_with(org, n: int):
    """An idea in rollout whose first benefit (valued in SEK) is measured, with `n` more benefits
    (valued in SEK or not) that have `n` measurements each, and `n` costs."""
    idea, benefit = idea_with_benefit(org)
    for i in range(n):
        kind = BenefitType.FINANCIAL if i % 2 else BenefitType.QUALITY
        other = plan_benefit(idea, org.manager, owner=org.employee, title=f"Nytta {i}", type=kind)
        for k in range(n):
            measure(other, org.employee, 19 - k, on=TODAY - timedelta(days=k))
        add_cost(idea, org.manager, description=f"Kostnad {i}")
    return benefit


def test_a_measurement_sends_as_many_statements_for_a_full_idea_as_for_a_small_one(world, login):
    a = world.a
    small, full = _idea_with(a, 0), _idea_with(a, 3)
    client = login(a.employee)
    for benefit in (small, full):  # the first measurement moves the benefit out of "planned"
        _measure(client, benefit, 18)
    assert _measure(client, small, 17) == _measure(client, full, 17)


def test_a_measurement_of_a_benefit_in_its_own_unit_leaves_the_year_figures_unread(world, login):
    a = world.a
    idea, benefit = idea_with_benefit(a, type=BenefitType.QUALITY, sek_per_unit=None)
    money = plan_benefit(idea, a.manager, owner=a.employee, title="Pengar")
    client = login(a.employee)
    _measure(client, benefit, 18)
    _measure(client, money, 18)
    assert _measure(client, benefit, 17) < _measure(client, money, 17)
