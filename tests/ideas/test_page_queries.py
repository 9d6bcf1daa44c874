"""The idea page reads in a fixed number of statements, however much the idea has."""

from datetime import timedelta
from decimal import Decimal

import pytest

from tests.benefit_factories import TODAY, measure, plan_benefit
from tests.benefits.helpers import add_cost
from tests.factories import assess, counted_statements, make_idea, reload
from tests.pilot_factories import CRITERIA, evaluate, plan_pilot, plan_rollout
from tracker.benefits.models import ClosingAssessment
from tracker.extensions import db
from tracker.ideas import services
from tracker.ideas.models import StageChange
from tracker.ideas.page import gate_facts
from tracker.ideas.stages import Stage
from tracker.pilots import queries as pilot_queries
from tracker.pilots import services as pilots
from tracker.pilots.rules import Decision, UnitStatus

pytestmark = pytest.mark.kept_by_hand  # the ideas are given a long history directly

# The user; the idea with its unit, category, goal and assessment; its tags; its closing
# assessment, rollout, settings and support; its scores, rollout units and activities; the
# manager's units; the pilots with their criteria, their extensions and results; the history; the
# default benefit settings (the organisation saved none); the benefits, their measurements, the
# costs; the people; the comments (tests/discussion: as many for thirty as for one); the reader's
# follow of the idea and the header's unread notifications.
STATEMENTS = 20


def _idea_with(org, n: int):
    """An idea in rollout after a scaled-up pilot, with `n` of everything a list on its page
    shows: tags, pilot criteria and extensions, adopting units, activities, benefits with their
    measurements and interim targets, costs and history rows."""
    idea = make_idea(org.employee, org.social, Stage.SCREENING, owner_id=org.manager.id)
    assess(idea, org.manager)
    services.set_tags(idea, [f"tagg {i}" for i in range(n)])
    idea.stage = Stage.PRIORITISED
    db.session.commit()
    plan_pilot(idea, org.manager, criteria=[(f"{d} {i}", t) for i in range(n) for d, t in CRITERIA])
    for i in range(n):
        pilot = pilots.running_pilot(idea)
        end = pilot.ends_on + timedelta(days=10)
        pilots.extend_pilot(idea, org.manager, end, f"Skäl {i}", version=None)
        db.session.commit()
    evaluate(idea, org.manager, Decision.SCALE_UP)
    people = [org.employee, org.manager, org.leader]
    units = [org.home_care, org.social, org.school]
    plan_rollout(
        idea,
        org.manager,
        [(units[i], people[i], UnitStatus.PLANNED) for i in range(n)],
        [(f"Utbildning {i}", people[i], TODAY, False) for i in range(n)],
    )
    for i in range(n):
        interim = [(TODAY + timedelta(days=30 * (k + 1)), Decimal(18 - k)) for k in range(n)]
        benefit = plan_benefit(
            idea, org.manager, owner=people[i], title=f"Nytta {i}", interim=interim
        )
        for k in range(n):
            measure(benefit, people[i], 19 - k, on=TODAY - timedelta(days=k))
        add_cost(idea, org.manager, description=f"Kostnad {i}")
        db.session.add(StageChange(idea_id=idea.id, to_stage=Stage.ROLLOUT, actor_id=people[i].id))
    db.session.commit()
    return reload(idea)


def _statements(client, idea) -> int:
    url = f"/ideas/{idea.id}"
    with counted_statements() as seen:
        response = client.get(url)
    assert response.status_code == 200
    return len(seen)


def test_the_idea_page_reads_as_many_statements_for_one_of_everything_as_for_three(world, login):
    one, three = _idea_with(world.a, 1), _idea_with(world.a, 3)
    client = login(world.a.manager)
    page = client.get(f"/ideas/{three.id}").text
    assert page.count('<tr id="rollout-unit-') == 3
    assert page.count("Skäl ") == 3
    assert page.count('class="tag"') == 3
    assert page.count('href="/benefits/') == 3
    assert _statements(client, one) == _statements(client, three) == STATEMENTS


def test_the_closing_assessment_and_its_people_come_without_more_statements(world, login):
    a = world.a
    idea = _idea_with(a, 1)
    db.session.add(
        ClosingAssessment(
            idea_id=idea.id,
            summary="Det blev bra.",
            learnings="Börja med en enhet.",
            keeper_id=a.admin.id,  # named nowhere else on the page
            assessed_by_id=a.school_manager.id,
        )
    )
    db.session.commit()
    client = login(a.manager)
    page = client.get(f"/ideas/{idea.id}").text
    assert a.admin.name in page and a.school_manager.name in page
    assert _statements(client, idea) == STATEMENTS


def test_the_idea_page_reads_no_more_for_a_reader_outside_the_idea(world, login):
    idea = _idea_with(world.a, 2)
    assert _statements(login(world.a.leader), idea) <= STATEMENTS


@pytest.mark.parametrize("step", ["screening", "prioritised", "running", "evaluated", "rollout"])
def test_the_page_s_gate_facts_are_those_the_moves_read(world, ctx, step):
    a = world.a
    idea = make_idea(a.employee, a.social, Stage.SCREENING, owner_id=a.manager.id)
    assess(idea, a.manager)
    idea.stage = Stage.SCREENING if step == "screening" else Stage.PRIORITISED
    db.session.commit()
    if step not in ("screening", "prioritised"):
        plan_pilot(idea, a.manager)
    if step in ("evaluated", "rollout"):
        evaluate(idea, a.manager, Decision.SCALE_UP)
    if step == "rollout":
        plan_rollout(idea, a.manager, [(a.home_care, a.employee, UnitStatus.DONE)])
    idea = reload(idea)
    facts = services.facts_of(idea)
    shown = gate_facts(idea, pilot_queries.pilots_of(idea))
    for name in ("stage", "owner_id", "assessed", "open_pilot", "decision"):
        assert getattr(shown, name) == getattr(facts, name), name
