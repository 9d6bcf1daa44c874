"""The demo data: loaded once, the same on every run, and true to the stage rules."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import func, select

from tests.demo_helpers import _ideas, _log_in, _user
from tracker.auth.models import User
from tracker.auth.roles import Role
from tracker.board.models import StageLimit
from tracker.board.queries import stage_limits
from tracker.demo.data import load_demo
from tracker.extensions import db
from tracker.ideas import access, queries
from tracker.ideas.models import Idea, StageChange, Support, Tag, idea_tag, utcnow
from tracker.ideas.scoring import WeightedScore, priority
from tracker.ideas.stages import TRANSITIONS, Stage
from tracker.orgs.models import Organisation, ScoringCriterion, Unit
from tracker.pilots import queries as pilot_queries
from tracker.pilots.models import CriterionResult, Evaluation, Pilot, PilotCriterion, PilotExtension
from tracker.rollouts import queries as rollout_queries
from tracker.rollouts.models import Activity, Rollout, RolloutUnit

ACCOUNTS = [
    ("employee@example.org", Role.EMPLOYEE, "Eva Ek", "Hemtjänsten"),
    ("manager@example.org", Role.MANAGER, "Maja Berg", "Socialförvaltningen"),
    ("leader@example.org", Role.LEADER, "Lena Lind", "Sotenäs kommun"),
    ("admin@example.org", Role.ADMIN, "Adam Ali", "Sotenäs kommun"),
]


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _sotenas() -> Organisation:
    return db.session.scalar(select(Organisation).where(Organisation.name == "Sotenäs kommun"))


def test_demo_loads_once_and_the_second_load_changes_nothing(demo):
    assert demo.startswith("Demo data loaded: 3 organisations")
    models = (Organisation, User, Idea, StageChange, Tag, idea_tag, Support, StageLimit)
    models += (Pilot, PilotCriterion, PilotExtension, Evaluation, CriterionResult)
    models += (Rollout, RolloutUnit, Activity)
    counts = [_count(model) for model in models]
    again = load_demo()
    assert "no demo data was loaded" in again
    assert [_count(model) for model in models] == counts


def test_demo_has_three_municipalities_with_sotenas_first_and_largest(demo):
    orgs = list(db.session.scalars(select(Organisation).order_by(Organisation.id)))
    assert [o.name for o in orgs] == ["Sotenäs kommun", "Munkedals kommun", "Lysekils kommun"]
    per_org = dict(
        db.session.execute(
            select(Idea.organisation_id, func.count()).group_by("organisation_id")
        ).all()
    )
    assert per_org[orgs[0].id] >= 55
    assert all(per_org[o.id] >= 8 for o in orgs[1:])


def test_every_organisation_has_users_of_every_role(demo):
    rows = db.session.execute(select(User.organisation_id, User.role).distinct()).all()
    for org in db.session.scalars(select(Organisation)):
        assert {role for org_id, role in rows if org_id == org.id} == set(Role), org.name


@pytest.mark.parametrize(("email", "role", "name", "unit"), ACCOUNTS)
def test_demo_account_has_its_role_and_logs_in_with_the_demo_password(
    demo, client, email, role, name, unit
):
    user = _user(email)
    assert (user.role, user.name, user.unit.name) == (role, name, unit)
    assert user.organisation.name == "Sotenäs kommun"
    assert _log_in(client, email, "wrong-password").status_code == 200
    response = _log_in(client, email)
    assert response.status_code == 302, response.text
    assert name in client.get("/").text


def test_demo_manager_has_both_care_units_in_her_scope(demo):
    scope = access.managed_unit_ids(_user("manager@example.org"))
    names = set(db.session.scalars(select(Unit.name).where(Unit.id.in_(scope))))
    assert {"Socialförvaltningen", "Hemtjänsten", "Särskilt boende"} <= names
    assert "Grundskola" not in names


def test_every_stage_has_ideas_and_early_stages_have_most(demo):
    counts = dict(
        db.session.execute(
            select(Idea.stage, func.count())
            .where(Idea.organisation_id == _sotenas().id)
            .group_by(Idea.stage)
        ).all()
    )
    assert set(counts) == set(Stage)
    early = counts[Stage.SUBMITTED] + counts[Stage.SCREENING] + counts[Stage.PRIORITISED]
    late = sum(counts[s] for s in (Stage.PILOT, Stage.ROLLOUT, Stage.FOLLOW_UP, Stage.REALISED))
    assert early > late


def test_every_history_is_a_chain_of_allowed_moves_in_time(demo):
    now = utcnow()
    for idea in _ideas():
        rows = idea.history
        first, last = rows[0], rows[-1]
        assert (first.from_stage, first.to_stage) == (None, Stage.SUBMITTED), idea.title
        assert (first.actor_id, first.at) == (idea.submitter_id, idea.created_at), idea.title
        for before, after in pairwise(rows):
            assert after.from_stage is before.to_stage, idea.title
            transition = TRANSITIONS.get((after.from_stage, after.to_stage))
            assert transition is not None, (idea.title, after.from_stage, after.to_stage)
            assert after.at > before.at, idea.title
            if transition.needs_reason:
                assert after.reason.strip(), (idea.title, after.to_stage)
            if transition.needs_revisit:
                assert after.revisit_on > after.at.date(), idea.title
            actor = db.session.get(User, after.actor_id)
            if transition.submitter_only:
                assert actor.id == idea.submitter_id, idea.title
            else:
                assert access.can_manage(actor, idea), (idea.title, actor.name)
        assert last.to_stage is idea.stage, idea.title
        assert idea.stage_entered_at == last.at, idea.title
        assert now - timedelta(days=550) < idea.created_at and last.at < now, idea.title
        taken = any(row.to_stage is Stage.SCREENING for row in rows)
        assert (idea.owner_id is not None) == taken, idea.title
        if idea.stage is Stage.PARKED:
            assert idea.revisit_on == last.revisit_on, idea.title
            assert idea.revisit_on > date.today(), idea.title
    oldest = min(idea.created_at for idea in _ideas())
    assert oldest < now - timedelta(days=365)  # spread over about 18 months


def test_ideas_that_reached_prioritised_have_complete_assessments(demo):
    reached = 0
    for idea in _ideas():
        moves = {row.to_stage: row.at for row in reversed(idea.history)}  # the first of each
        if Stage.PRIORITISED in moves:
            reached += 1
            assert idea.assessment is not None, idea.title
        assessment = idea.assessment
        if assessment is None:
            continue
        criteria = db.session.scalars(
            select(ScoringCriterion).where(ScoringCriterion.organisation_id == idea.organisation_id)
        ).all()
        by_criterion = {score.criterion_id: score.value for score in assessment.scores}
        assert set(by_criterion) == {c.id for c in criteria}, idea.title
        assert all(1 <= value <= 5 for value in by_criterion.values()), idea.title
        assert assessment.rationale.strip(), idea.title
        assert assessment.assessor_id == idea.owner_id, idea.title
        assert idea.strategic_goal.organisation_id == idea.organisation_id, idea.title
        expected = priority(
            [WeightedScore(by_criterion[c.id], c.weight, c.inverted) for c in criteria]
        )
        assert idea.priority_score == expected, idea.title
        if Stage.PRIORITISED in moves:
            assert moves[Stage.SCREENING] < assessment.assessed_at < moves[Stage.PRIORITISED]
    assert reached >= 30


def test_demo_manager_has_ideas_waiting_for_a_responsible_manager(demo, client):
    maja = _user("manager@example.org")
    awaiting = queries.awaiting_owner(maja)
    assert len(awaiting) >= 5
    assert all(access.in_scope(maja, idea) for idea in awaiting)
    _log_in(client, maja.email)
    page = client.get("/").text
    assert all(idea.title in page for idea in awaiting)


def _supporter_emails(idea: Idea) -> list[str]:
    return list(
        db.session.scalars(
            select(User.email)
            .join(Support, Support.user_id == User.id)
            .where(Support.idea_id == idea.id)
        )
    )


def _fingerprint() -> list[tuple]:
    return [
        (
            idea.title,
            idea.stage,
            idea.submitter.email,
            idea.owner.email if idea.owner else None,
            idea.priority_score,
            [(row.to_stage, row.reason) for row in idea.history],
            [tag.name for tag in idea.tags],
            sorted(_supporter_emails(idea)),
            _pilot_fingerprint(idea),
        )
        for idea in _ideas()
    ]


def _pilot_fingerprint(idea: Idea) -> tuple:
    """The idea's pilots and rollout, without the dates (they count back from the load)."""
    rows = []
    for pilot in pilot_queries.pilots_of(idea):
        evaluation = pilot.evaluation
        rows.append(
            (
                pilot.number,
                pilot.hypothesis,
                pilot.unit.name,
                pilot.owner.email,
                [(c.description, c.threshold) for c in pilot.criteria],
                [e.reason for e in pilot.extensions],
                evaluation
                and (
                    evaluation.decision,
                    evaluation.learnings,
                    evaluation.changes,
                    [(r.outcome, r.evidence) for r in evaluation.results],
                ),
            )
        )
    rollout = rollout_queries.rollout_with_rows(idea)
    if rollout is None:
        return tuple(rows), None
    units = [(u.unit.name, u.status, u.contact.email) for u in rollout.units]
    activities = [(a.description, a.owner.email, a.done) for a in rollout.activities]
    return tuple(rows), (units, activities)


def test_demo_is_the_same_on_every_run(demo):
    first = _fingerprint()
    db.session.remove()
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    assert _count(Idea) == 0
    load_demo()
    assert _fingerprint() == first


def test_about_half_of_the_sotenas_ideas_have_one_to_three_tags_of_their_own(demo):
    sotenas = _sotenas()
    ideas = [idea for idea in _ideas() if idea.organisation_id == sotenas.id]
    tagged = [idea for idea in ideas if idea.tags]
    assert 0.4 <= len(tagged) / len(ideas) <= 0.6
    assert all(1 <= len(idea.tags) <= 3 for idea in tagged)
    assert all(
        idea.version == 1 and idea.updated_at < utcnow() - timedelta(hours=1) for idea in tagged
    )
    assert all(tag.organisation_id == sotenas.id for idea in tagged for tag in idea.tags)
    names = set(db.session.scalars(select(Tag.name)))
    assert {"e-tjänst", "hemtjänst", "välfärdsteknik", "arbetsmiljö", "matsvinn", "AI"} <= names
    shared = [name for name in names if len(queries.tag_ids(sotenas.id, name)) != 1]
    assert shared == []  # one row per name, whatever the letter case
    assert len({tag.id for idea in tagged for tag in idea.tags}) < sum(len(i.tags) for i in tagged)


def test_the_demo_leader_finds_the_ideas_of_a_tag(demo, client):
    with client.session_transaction() as session:
        session["_user_id"] = _user("leader@example.org").get_id()
    page = client.get("/ideas/?tag=välfärdsteknik").text
    assert "Digitala trygghetslarm" in page and "Chattbot på kontaktcenter" not in page


def test_every_support_count_matches_its_supporters_who_may_support_the_idea(demo):
    supported = 0
    for idea in _ideas():
        rows = db.session.scalars(select(Support).where(Support.idea_id == idea.id)).all()
        assert idea.support_count == len(rows), idea.title
        for row in rows:
            assert access.can_support(db.session.get(User, row.user_id), idea), idea.title
            assert idea.created_at < row.created_at < utcnow(), idea.title
        if rows:
            supported += 1
            assert idea.tags and 1 <= len(rows) <= 3, idea.title
    assert supported >= 25


def test_sotenas_has_wip_limits_and_the_others_none(demo):
    limits = {org.name: stage_limits(org.id) for org in db.session.scalars(select(Organisation))}
    assert limits == {
        "Sotenäs kommun": {
            Stage.SCREENING: 10,
            Stage.PRIORITISED: 8,
            Stage.PILOT: 5,
            Stage.ROLLOUT: 5,
        },
        "Munkedals kommun": {},
        "Lysekils kommun": {},
    }
