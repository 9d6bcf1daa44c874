"""Comment services: who may post, reply, edit and remove, what they keep, and whom they name."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.discussion.helpers import open_idea
from tests.factories import make_user, table_rows
from tracker.auth.roles import Role
from tracker.dbtypes import utcnow
from tracker.discussion import services
from tracker.discussion.models import COMMENT_MAX, EDIT_MINUTES, Comment, CommentRevision, Mention
from tracker.events import CommentEdited, CommentPosted
from tracker.extensions import db
from tracker.ideas.stages import Stage
from tracker.refusals import Forbidden, Invalid


def rows():
    return table_rows(Comment, CommentRevision, Mention)


def test_a_reader_comments_and_the_text_is_kept_trimmed(world, published):
    idea = open_idea(world.a)
    comment = services.post_comment(idea, world.a.manager, "  Bra idé!  ")
    assert (comment.body, comment.author_id, comment.parent_id) == (
        "Bra idé!",
        world.a.manager.id,
        None,
    )
    assert [type(e) for e in published] == [CommentPosted]
    assert published[0].comment is comment and published[0].mentioned == []


@pytest.mark.parametrize("body", ["", "   ", "x" * (COMMENT_MAX + 1), "a\x00b", None])
def test_an_empty_too_long_or_broken_text_is_refused_and_writes_nothing(world, body, published):
    idea = open_idea(world.a)
    before = rows()
    with pytest.raises(Invalid) as refused:
        services.post_comment(idea, world.a.manager, body)
    db.session.rollback()
    assert refused.value.field == "body"
    assert rows() == before and published == []


def test_the_longest_text_is_taken(world):
    idea = open_idea(world.a)
    assert len(services.post_comment(idea, world.a.manager, "x" * COMMENT_MAX).body) == COMMENT_MAX


@pytest.mark.parametrize("stage", [s for s in Stage if s.closed])
def test_a_closed_idea_takes_no_comment(world, stage):
    idea = open_idea(world.a, stage)
    with pytest.raises(Invalid) as refused:
        services.post_comment(idea, world.a.manager, "Synd.")
    assert refused.value.messages == (services.CLOSED,)


def test_someone_who_may_not_read_the_idea_cannot_comment(world):
    idea = open_idea(world.a)
    with pytest.raises(Forbidden):
        services.post_comment(idea, world.b.admin, "Hej")


def test_a_reply_goes_under_a_top_level_comment_and_a_reply_to_a_reply_is_refused(world):
    idea = open_idea(world.a)
    top = services.post_comment(idea, world.a.manager, "Fråga?")
    reply = services.post_comment(idea, world.a.employee, "Svar.", parent_id=top.id)
    assert reply.parent_id == top.id
    with pytest.raises(Invalid) as refused:
        services.post_comment(idea, world.a.manager, "Svar på svar", parent_id=reply.id)
    assert refused.value.field == "parent_id"


@pytest.mark.parametrize("parent", ["other idea", "removed", "0", "x", "2147483648"])
def test_a_reply_to_a_comment_of_another_idea_a_removed_one_or_no_id_is_refused(world, parent):
    idea, other = open_idea(world.a), open_idea(world.a)
    elsewhere = services.post_comment(other, world.a.manager, "Där.")
    gone = services.post_comment(idea, world.a.manager, "Borta.")
    services.remove_comment(gone, world.a.manager)
    parent_id = {"other idea": elsewhere.id, "removed": gone.id}.get(parent, parent)
    with pytest.raises(Invalid):
        services.post_comment(idea, world.a.employee, "Svar", parent_id=parent_id)


def test_the_author_edits_within_the_minutes_and_the_old_text_is_kept(world, published):
    idea = open_idea(world.a)
    posted = utcnow() - timedelta(minutes=30)
    comment = services.post_comment(idea, world.a.manager, "Första", now=posted)
    later = posted + timedelta(minutes=EDIT_MINUTES)
    services.edit_comment(comment, world.a.manager, "Andra", now=later)
    assert (comment.body, comment.edited_at) == ("Andra", later)
    revision = db.session.scalar(select(CommentRevision))
    assert (revision.body, revision.by_id, revision.at) == ("Första", world.a.manager.id, later)
    assert [type(e) for e in published] == [CommentPosted, CommentEdited]


def test_after_the_minutes_the_comment_cannot_be_edited(world):
    idea = open_idea(world.a)
    posted = utcnow() - timedelta(hours=1)
    comment = services.post_comment(idea, world.a.manager, "Första", now=posted)
    too_late = posted + timedelta(minutes=EDIT_MINUTES, seconds=1)
    with pytest.raises(Invalid) as refused:
        services.edit_comment(comment, world.a.manager, "Andra", now=too_late)
    assert refused.value.messages == (services.TOO_LATE,)
    assert not services.may_edit(world.a.manager, comment, too_late)


def test_only_the_author_edits(world):
    idea = open_idea(world.a)
    comment = services.post_comment(idea, world.a.employee, "Min")
    with pytest.raises(Forbidden):
        services.edit_comment(comment, world.a.manager, "Chefens")


def test_the_author_or_a_manager_in_scope_removes_and_the_history_stays(world):
    idea = open_idea(world.a)
    first = services.post_comment(idea, world.a.employee, "Ett")
    reply = services.post_comment(idea, world.a.leader, "Svar", parent_id=first.id)
    second = services.post_comment(idea, world.a.employee, "Två")
    for stranger in (world.a.leader, world.a.school_manager):
        with pytest.raises(Forbidden):
            services.remove_comment(first, stranger)
    services.remove_comment(first, world.a.manager)
    services.remove_comment(second, world.a.employee)
    assert (first.removed_by_id, second.removed_by_id) == (world.a.manager.id, world.a.employee.id)
    assert first.removed_at is not None and first.body == ""
    kept = db.session.scalars(select(CommentRevision.body).order_by(CommentRevision.id)).all()
    assert kept == ["Ett", "Två"]
    assert reply.removed_at is None
    assert db.session.scalar(select(Comment).where(Comment.id == first.id)) is first
    with pytest.raises(Invalid):
        services.remove_comment(first, world.a.manager)
    with pytest.raises(Invalid):
        services.edit_comment(second, world.a.employee, "Igen")


def test_mentions_name_readers_of_the_organisation_once_and_never_the_author(world, published):
    a = world.a
    idea = open_idea(a)
    text = "@manager och @MANAGER, @leader. Inte @employee eller @admin@b.example.org @nobody"
    services.post_comment(idea, a.employee, text)
    assert {u.id for u in published[0].mentioned} == {a.manager.id, a.leader.id}
    assert set(db.session.scalars(select(Mention.user_id))) == {a.manager.id, a.leader.id}


def test_a_mention_of_someone_who_may_not_read_the_idea_notifies_nobody(world, published):
    a = world.a
    idea = open_idea(a, confidential=True)
    reader_elsewhere = make_user(a.org, a.school, Role.EMPLOYEE, "lisa@a.example.org", "Lisa")
    services.post_comment(idea, a.manager, "@lisa @school @admin")
    mentioned = published[0].mentioned
    assert {u.id for u in mentioned} == {a.admin.id}
    assert reader_elsewhere.id not in set(db.session.scalars(select(Mention.user_id)))


def test_an_inactive_person_or_one_of_another_organisation_is_not_mentioned(world, published):
    a, b = world.a, world.b
    idea = open_idea(a)
    make_user(a.org, a.root, Role.LEADER, "gone@a.example.org", "Gone", active=False)
    services.post_comment(idea, a.manager, "@gone @leader@b.example.org")
    assert published[0].mentioned == [] and db.session.scalar(select(Mention)) is None
    assert b.leader.id not in set(db.session.scalars(select(Mention.user_id)))


def test_a_handle_two_people_share_names_nobody_but_their_addresses_do(world, published):
    a = world.a
    idea = open_idea(a)
    one = make_user(a.org, a.root, Role.LEADER, "anna@one.example.org", "Anna Ett")
    make_user(a.org, a.root, Role.LEADER, "anna@two.example.org", "Anna Två")
    services.post_comment(idea, a.manager, "@anna och @anna@one.example.org")
    assert [u.id for u in published[0].mentioned] == [one.id]


def test_an_edit_names_only_the_newly_mentioned(world, published):
    a = world.a
    idea = open_idea(a)
    comment = services.post_comment(idea, a.employee, "@manager")
    services.edit_comment(comment, a.employee, "@manager och @leader")
    assert [u.id for u in published[1].mentioned] == [a.leader.id]
    services.edit_comment(comment, a.employee, "@leader")
    assert published[2].mentioned == []
    assert set(db.session.scalars(select(Mention.user_id))) == {a.leader.id}


def test_my_data_holds_my_comments_with_their_text_and_times(world, login):
    a = world.a
    idea = open_idea(a)
    kept = services.post_comment(idea, a.employee, "Min kommentar")
    gone = services.post_comment(idea, a.employee, "Borttagen text")
    services.post_comment(idea, a.manager, "Chefens")
    services.remove_comment(gone, a.manager)
    db.session.commit()
    got = login(a.employee).get("/account/data.json").get_json()["comments"]
    assert [(c["id"], c["body"], c["idea_id"]) for c in got] == [
        (kept.id, "Min kommentar", idea.id),
        (gone.id, "Borttagen text", idea.id),
    ]
    assert got[0]["created_at"] and got[0]["removed_at"] is None and got[1]["removed_at"]
