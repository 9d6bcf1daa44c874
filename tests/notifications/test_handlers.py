"""The handlers write follows and notifications for what happened, to readers only, never to
the actor, once each; an unfollow sticks."""

from tests.benefits.test_closing_services import proposed
from tests.factories import make_idea, reload
from tests.notifications.helpers import colleague, comment, edit_comment, follow_of, told
from tests.pilot_factories import TODAY, plan_pilot, plan_rollout, prioritised_idea
from tracker.extensions import db
from tracker.ideas import services
from tracker.ideas.stages import Stage
from tracker.notifications.follows import toggle_follow
from tracker.notifications.models import Follow, FollowReason, Kind
from tracker.pilots.rules import UnitStatus


def _submitted(org, unit=None, **kw):
    idea = make_idea(org.employee, unit or org.home_care, **kw)
    db.session.commit()
    return idea


def test_the_submitter_follows_and_the_managers_in_scope_are_told_an_idea_waits(world):
    a = world.a
    idea = _submitted(a)
    assert follow_of(a.employee, idea).reason is FollowReason.SUBMITTED
    [take] = told(a.manager)
    assert (take.kind, take.subject, take.subject_id) == (Kind.WAITING, "take", idea.id)
    assert take.actor_id == a.employee.id
    assert told(a.school_manager) == told(a.admin) == told(a.employee) == []


def test_an_idea_of_a_unit_without_a_manager_waits_for_the_admins(world):
    a = world.a
    idea = make_idea(a.leader, a.root)
    db.session.commit()
    assert [n.subject for n in told(a.admin, idea=idea)] == ["take"]
    assert told(a.manager) == told(a.school_manager) == []


def test_a_supporter_follows(world):
    a = world.a
    idea = _submitted(a)
    services.toggle_support(idea, a.leader)
    db.session.commit()
    assert follow_of(a.leader, idea).reason is FollowReason.SUPPORTED


def test_followers_but_the_mover_are_told_of_a_stage_change(world):
    a = world.a
    idea = _submitted(a, stage=Stage.SCREENING, owner_id=a.manager.id)
    services.toggle_support(idea, a.leader)
    toggle_follow(idea, a.manager)
    db.session.commit()
    services.move_idea(idea, a.manager, Stage.DECLINED, version=None, reason="För dyrt nu.")
    db.session.commit()
    for person in (a.employee, a.leader):
        [decision] = told(person, Kind.DECISION)
        assert (decision.subject, decision.text) == ("declined", "För dyrt nu.")
        assert decision.actor_id == a.manager.id
    assert told(a.manager, Kind.DECISION) == told(a.manager, Kind.STAGE) == []  # the actor


def test_a_forward_move_is_a_stage_notification_and_a_move_back_with_a_reason_a_decision(world):
    a = world.a
    idea = prioritised_idea(a)
    services.move_idea(idea, a.manager, Stage.SCREENING, version=None, reason="Mer underlag.")
    db.session.commit()
    kinds = [(n.kind, n.subject) for n in told(a.employee, idea=idea)]
    assert kinds[-1] == (Kind.DECISION, "screening")
    assert (Kind.STAGE, "prioritised") in kinds  # the factory's plain jump


def test_a_comment_tells_each_follower_once_and_a_mention_replaces_the_comment(world):
    a = world.a
    idea = _submitted(a)
    services.toggle_support(idea, a.leader)
    db.session.commit()
    row = comment(idea, a.manager, "Vi tittar på det, @Lena.", mentioned=[a.leader])
    assert follow_of(a.manager, idea).reason is FollowReason.COMMENTED
    [mention] = told(a.leader, idea=idea)
    assert (mention.kind, mention.subject, mention.subject_id) == (Kind.MENTION, "comment", row.id)
    [said] = told(a.employee, Kind.COMMENT)
    assert said.subject_id == row.id and said.actor_id == a.manager.id
    assert told(a.manager, Kind.COMMENT) == []


def test_an_edit_tells_only_the_people_it_newly_mentions(world):
    a = world.a
    idea = _submitted(a)
    row = comment(idea, a.manager, "Hej.")
    edit_comment(idea, row, [a.leader])
    assert [n.kind for n in told(a.leader, idea=idea)] == [Kind.MENTION]
    assert [n.kind for n in told(a.employee, idea=idea)] == [Kind.COMMENT]


def test_an_unfollow_sticks_through_later_comments_supports_and_roles(world):
    a = world.a
    idea = prioritised_idea(a)
    services.toggle_support(idea, a.leader)
    assert toggle_follow(idea, a.leader) is False
    db.session.commit()
    comment(idea, a.leader, "Jag kommenterar ändå.")
    plan_pilot(idea, a.manager, owner=a.leader)
    comment(idea, a.manager, "Piloten börjar.")
    follow = follow_of(a.leader, idea)
    assert follow.following is False
    assert [n.kind for n in told(a.leader, idea=idea)] == [Kind.ROLE]  # told of the role only
    assert toggle_follow(idea, a.leader) is True
    assert follow_of(a.leader, idea).reason is FollowReason.CHOSEN


def test_a_person_who_may_not_read_the_idea_is_told_nothing(world):
    a = world.a
    kim = colleague(a)
    idea = _submitted(a, confidential=True)
    db.session.add(Follow(idea_id=idea.id, user_id=kim.id, reason=FollowReason.CHOSEN))
    db.session.add(Follow(idea_id=idea.id, user_id=a.school_manager.id, reason=FollowReason.CHOSEN))
    db.session.commit()
    comment(idea, a.manager, "Hemligt.", mentioned=[kim])
    services.take_idea(reload(idea), a.manager, version=None)
    db.session.commit()
    assert told(kim) == told(a.school_manager) == []
    assert [n.kind for n in told(a.employee, idea=idea)] == [Kind.COMMENT, Kind.STAGE]


def test_roles_given_make_followers_and_are_told_unless_self_given(world):
    a = world.a
    idea = _submitted(a)
    services.take_idea(idea, a.manager, version=None)
    db.session.commit()
    assert follow_of(a.manager, idea).reason is FollowReason.ROLE
    assert told(a.manager, Kind.ROLE) == []  # took it himself
    idea.stage = Stage.PRIORITISED
    db.session.commit()
    plan_rollout(
        idea,
        a.manager,
        [(a.home_care, a.leader, UnitStatus.PLANNED)],
        [("Utbilda", a.school_manager, TODAY, False)],
        reason="Beprövat.",
    )
    assert [(n.subject, n.actor_id) for n in told(a.leader, Kind.ROLE)] == [
        ("unit_contact", a.manager.id)
    ]
    assert [n.subject for n in told(a.school_manager, Kind.ROLE)] == ["activity_owner"]
    assert follow_of(a.school_manager, idea).reason is FollowReason.ROLE


def test_a_pilot_owner_and_a_benefit_owner_are_told_their_roles_once(world):
    a = world.a
    idea = prioritised_idea(a)
    plan_pilot(idea, a.manager, owner=a.employee)
    assert [n.subject for n in told(a.employee, Kind.ROLE)] == ["pilot_owner"]
    proposed(world.b)  # in rollout, the employee the unit's contact, then the benefit's owner
    roles = [n.subject for n in told(world.b.employee, Kind.ROLE)]
    assert roles == ["unit_contact", "benefit_owner"]


def test_a_proposed_benefit_waits_for_the_responsible_manager_and_the_leaders(world):
    b = world.b
    idea, benefit = proposed(b)
    for person in (b.manager, b.leader):
        waiting = [(n.subject, n.subject_id) for n in told(person, Kind.WAITING, idea)]
        assert waiting[-1] == ("sign_off", benefit.id) and len(waiting) <= 2  # 2: the take
    assert told(b.employee, Kind.WAITING) == []  # the proposer
    assert told(b.admin, Kind.WAITING) == []


def test_nobody_is_told_of_another_organisations_idea(world):
    idea = _submitted(world.a)
    db.session.add(Follow(idea_id=idea.id, user_id=world.b.leader.id, reason=FollowReason.CHOSEN))
    db.session.commit()
    comment(idea, world.a.manager, "Hej.")
    assert told(world.b.leader) == []
