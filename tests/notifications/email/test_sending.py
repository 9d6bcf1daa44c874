"""`flask send-notifications` against a real SMTP server (aiosmtpd) on 127.0.0.1: immediate
e-mail, daily and weekly digests in fixed Stockholm windows, each notification mailed once."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, select, update

from tests import factories
from tests.notifications.email.helpers import notify, parts, send, utc
from tracker.extensions import db
from tracker.ideas.stages import Stage
from tracker.notifications.email import sending, windows
from tracker.notifications.email.tokens import read_token
from tracker.notifications.models import Delivery, Kind, Notification, Preference


@dataclass
class Cast:
    eva: object  # an employee who reads Swedish (no language saved), submitter of the idea
    maja: object  # her manager, who chose English
    idea: object
    leader: object
    school: object  # the manager of another unit


@pytest.fixture
def cast(app, smtp, monkeypatch):
    """Built and committed before the command runs, as cron would: in an app context of its own."""
    monkeypatch.setitem(app.config, "BASE_URL", "https://tracker.example.se/kommun")
    with app.app_context():
        a = factories.world().a
        a.manager.locale = "en"
        idea = factories.make_idea(a.employee, title="Digitala bygglov")
        db.session.execute(delete(Notification))  # the manager's "take": each test writes its own
        db.session.commit()
        yield Cast(a.employee, a.manager, idea, a.leader, a.school_manager)
        db.session.remove()


def emailed(app) -> dict[int, bool]:
    with app.app_context():
        rows = db.session.execute(select(Notification.id, Notification.emailed_at))
        return {i: at is not None for i, at in rows}


def choose(user, kind: Kind, delivery: Delivery) -> None:
    db.session.add(Preference(user_id=user.id, kind=kind, delivery=delivery))


def test_a_mention_goes_at_once_in_the_persons_language_and_a_second_run_sends_nothing(
    app, smtp, cast
):
    mention = notify(cast.eva, cast.idea, Kind.MENTION, "2026-05-12T07:55", actor=cast.maja)
    notify(cast.eva, cast.idea, Kind.COMMENT, "2026-05-12T07:56", actor=cast.maja)  # daily
    db.session.commit()
    result = send(app, "2026-05-12T08:00")
    assert "1 e-mail sent for 1 notification" in result.output
    [message] = smtp.messages
    assert message["Subject"] == "Tracker: Maja Berg nämnde dig i ”Digitala bygglov”"
    text, html = parts(message)
    assert "Digitala bygglov" in text and "Bra förslag!" in text
    assert "https://tracker.example.se/kommun/ideas/" in text
    assert "Sluta få e-post om" in text and "Sluta få e-post om" in html
    assert emailed(app)[mention.id]
    again = send(app, "2026-05-12T08:10")
    assert "0 e-mails sent" in again.output
    assert len(smtp.messages) == 1


def test_an_english_person_gets_english(app, smtp, cast):
    notify(cast.maja, cast.idea, Kind.ROLE, "2026-05-12T07:00", actor=cast.eva, subject="owner")
    db.session.commit()
    send(app, "2026-05-12T08:00")
    [message] = smtp.messages
    assert message["Subject"] == "Tracker: Eva Ek made you responsible for “Digitala bygglov”"
    text, _html = parts(message)
    assert "Stop e-mail about: You are given a role on an idea" in text


def test_a_stale_immediate_notification_is_never_mailed(app, smtp, cast):
    notify(cast.eva, cast.idea, Kind.MENTION, "2026-05-09T07:55", actor=cast.maja)
    db.session.commit()
    send(app, "2026-05-12T08:00")
    assert smtp.messages == []


def test_the_daily_digest_covers_the_whole_previous_day_in_stockholm(app, smtp, cast):
    late, after = comments(cast, "2026-05-11T23:30", "2026-05-12T00:10")
    send(app, "2026-05-11T23:59")  # the day is not over: nothing yet
    assert smtp.messages == []
    send(app, "2026-05-12T06:00")
    [digest] = smtp.messages
    assert digest["Subject"] == "Tracker: 1 ny händelse"
    assert emailed(app) == {late: True, after: False}
    send(app, "2026-05-12T23:00")  # early or late in the day: the same windows
    assert len(smtp.messages) == 1
    send(app, "2026-05-13T00:05")
    assert len(smtp.messages) == 2
    assert emailed(app) == {late: True, after: True}


def test_a_late_run_sends_each_missed_days_digest_once(app, smtp, cast):
    notify(cast.eva, cast.idea, Kind.COMMENT, "2026-05-10T12:00", actor=cast.maja)
    notify(
        cast.eva, cast.idea, Kind.STAGE, "2026-05-11T09:00", actor=cast.maja, subject="screening"
    )
    notify(cast.eva, cast.idea, Kind.COMMENT, "2026-05-11T10:00", actor=cast.maja)
    db.session.commit()
    send(app, "2026-05-13T07:00")  # the runs of the 11th and 12th were missed
    assert [m["Subject"] for m in smtp.messages] == [
        "Tracker: 1 ny händelse",
        "Tracker: 2 nya händelser",
    ]
    text, _html = parts(smtp.messages[1])
    assert text.index("kommenterade") < text.index("flyttade")  # newest first
    send(app, "2026-05-13T08:00")
    assert len(smtp.messages) == 2


def test_a_digest_groups_by_idea_newest_first(app, smtp, cast):
    other = factories.make_idea(cast.eva, title="Färre pappersutskick")
    notify(cast.eva, cast.idea, Kind.COMMENT, "2026-05-11T08:00", actor=cast.maja, body="Först")
    notify(cast.eva, other, Kind.COMMENT, "2026-05-11T09:00", actor=cast.maja, body="Sedan")
    notify(cast.eva, cast.idea, Kind.COMMENT, "2026-05-11T10:00", actor=cast.maja, body="Sist")
    db.session.commit()
    send(app, "2026-05-12T06:00")
    text, _html = parts(smtp.messages[0])
    assert text.index("Digitala bygglov") < text.index("Färre pappersutskick")
    assert text.index("Sist") < text.index("Först") < text.index("Sedan")


def comments(cast, *times: str) -> list[int]:
    """Maja's comments for Eva at these Stockholm times, committed: their notifications' ids."""
    ids = [notify(cast.eva, cast.idea, Kind.COMMENT, t, actor=cast.maja).id for t in times]
    db.session.commit()
    return ids


def test_the_weekly_digest_covers_monday_to_monday(app, smtp, cast):
    choose(cast.eva, Kind.COMMENT, Delivery.WEEKLY)
    wednesday, sunday, monday = comments(
        cast, "2026-05-13T12:00", "2026-05-17T23:30", "2026-05-18T00:10"
    )
    send(app, "2026-05-17T23:50")
    assert smtp.messages == []
    send(app, "2026-05-18T06:00")
    [weekly] = smtp.messages
    assert weekly["Subject"] == "Tracker: 2 nya händelser"
    assert emailed(app) == {wednesday: True, sunday: True, monday: False}
    send(app, "2026-05-19T06:00")  # a weekly person gets no daily digest
    assert len(smtp.messages) == 1
    send(app, "2026-05-25T06:00")
    assert len(smtp.messages) == 2


def test_never_is_not_mailed(app, smtp, cast):
    choose(cast.eva, Kind.MENTION, Delivery.NEVER)
    notify(cast.eva, cast.idea, Kind.MENTION, "2026-05-12T07:55", actor=cast.maja)
    db.session.commit()
    send(app, "2026-05-13T08:00")
    assert smtp.messages == []


@pytest.mark.parametrize(
    ("day", "hours"), [(date(2026, 3, 29), 23), (date(2026, 10, 25), 25), (date(2026, 5, 1), 24)]
)
def test_a_day_is_a_day_in_stockholm_across_the_clock_changes(day, hours):
    window = windows.window(day, 1)
    assert window.end - window.start == timedelta(hours=hours)


@pytest.mark.parametrize(
    ("inside", "outside"),
    [
        (["2026-03-29T00:10", "2026-03-29T23:50"], ["2026-03-28T23:50", "2026-03-30T00:10"]),
        (["2026-10-25T00:10", "2026-10-25T23:50"], ["2026-10-24T23:50", "2026-10-26T00:10"]),
    ],
)
def test_the_digest_of_a_day_of_23_or_25_hours(app, smtp, cast, inside, outside):
    day = inside[0][:10]
    rows = dict(zip(inside + outside, comments(cast, *inside, *outside), strict=True))
    next_day = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    send(app, f"{next_day}T00:05")
    sent = emailed(app)
    assert {local for local, i in rows.items() if sent[i]} >= set(inside)
    assert not sent[rows[outside[1]]]
    digests = [m for m in smtp.messages if "2 nya händelser" in m["Subject"]]
    assert len(digests) == 1


def test_the_weekly_window_across_the_autumn_change(app, smtp, cast):
    choose(cast.eva, Kind.COMMENT, Delivery.WEEKLY)
    first, last, next_week = comments(
        cast, "2026-10-19T00:00", "2026-10-25T23:59", "2026-10-26T00:00"
    )
    send(app, "2026-10-26T09:00")
    assert emailed(app) == {first: True, last: True, next_week: False}


def test_inactive_and_anonymised_people_and_unreadable_ideas_get_nothing(app, smtp, cast):
    leader, school = cast.leader, cast.school
    secret = factories.make_idea(cast.maja, title="Hemlig", confidential=True)
    notify(leader, cast.idea, Kind.MENTION, "2026-05-12T07:00", actor=cast.maja)
    leader.active = False
    notify(cast.eva, secret, Kind.MENTION, "2026-05-12T07:00", actor=cast.maja)
    notify(school, secret, Kind.MENTION, "2026-05-12T07:00", actor=cast.maja)
    db.session.commit()
    send(app, "2026-05-12T08:00")
    assert smtp.messages == []


def test_dry_run_sends_and_marks_nothing(app, smtp, cast):
    notify(cast.eva, cast.idea, Kind.MENTION, "2026-05-12T07:55", actor=cast.maja)
    db.session.commit()
    result = send(app, "2026-05-12T08:00", "--dry-run")
    assert "Would send immediate to employee@a.example.org: 1 notification" in result.output
    assert smtp.messages == [] and not any(emailed(app).values())


def test_a_refused_recipient_is_tried_again_next_run(app, smtp, cast):
    notify(cast.eva, cast.idea, Kind.MENTION, "2026-05-12T07:55", actor=cast.maja)
    db.session.commit()
    smtp.refuse.add(cast.eva.email)
    result = app.test_cli_runner().invoke(args=["send-notifications", "--now", "2026-05-12T08:00"])
    assert result.exit_code == 1 and not any(emailed(app).values())
    smtp.refuse.clear()
    send(app, "2026-05-12T08:10")
    assert len(smtp.messages) == 1


def test_every_email_has_one_click_unsubscribe_headers_for_its_kinds(app, smtp, cast):
    notify(cast.eva, cast.idea, Kind.COMMENT, "2026-05-11T08:00", actor=cast.maja)
    notify(cast.eva, cast.idea, Kind.STAGE, "2026-05-11T09:00", actor=cast.maja, subject="pilot")
    db.session.commit()
    send(app, "2026-05-12T06:00")
    [digest] = smtp.messages
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = digest["List-Unsubscribe"].strip("<>")
    assert link.startswith("https://tracker.example.se/kommun/unsubscribe/")
    with app.test_request_context():
        assert read_token(link.rsplit("/", 1)[1]) == (cast.eva.id, [Kind.STAGE, Kind.COMMENT])


XSS = "<script>alert(1)</script>"


def test_html_in_titles_reasons_and_comments_is_never_a_tag_in_either_part(app, smtp, cast):
    idea = factories.make_idea(cast.eva, title=f"Bygglov {XSS}")
    notify(cast.eva, idea, Kind.COMMENT, "2026-05-11T08:00", actor=cast.maja, body=f"Se {XSS}!")
    notify(
        cast.eva,
        idea,
        Kind.DECISION,
        "2026-05-11T09:00",
        actor=cast.maja,
        subject=Stage.DECLINED.value,
        text='<img src=x onerror="alert(2)"> för dyrt',
    )
    db.session.commit()
    send(app, "2026-05-12T06:00")
    [digest] = smtp.messages
    text, html = parts(digest)
    for tag in ("<script", "<img", "</script"):
        assert tag not in text and tag not in html and tag not in digest["Subject"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert "för dyrt" in text and "alert(1)" in text


def test_without_a_mail_server_the_plain_text_is_logged(app, cast, monkeypatch, caplog):
    monkeypatch.setitem(app.config, "MAIL_SERVER", None)
    notify(cast.eva, cast.idea, Kind.MENTION, "2026-05-12T07:55", actor=cast.maja)
    db.session.commit()
    with caplog.at_level(logging.INFO, logger="tracker.mail"):
        send(app, "2026-05-12T08:00")
    assert "Maja Berg nämnde dig i ”Digitala bygglov”" in caplog.text
    assert "<html" not in caplog.text


def test_what_another_run_claimed_first_is_not_sent_again(app, smtp, cast, monkeypatch):
    notify(cast.eva, cast.idea, Kind.MENTION, "2026-05-12T07:55", actor=cast.maja)
    db.session.commit()
    chosen = sending.due_mails

    def another_run_first(now):
        due = chosen(now)
        with db.engine.begin() as other:  # another run claims and commits in between
            other.execute(update(Notification).values(emailed_at=utc("2026-05-12T07:59")))
        return due

    monkeypatch.setattr(sending, "due_mails", another_run_first)
    result = send(app, "2026-05-12T08:00")
    assert "0 e-mails sent" in result.output and "1 already taken by another run" in result.output
    assert smtp.messages == []
