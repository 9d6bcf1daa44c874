"""`flask send-reminders` against a real SMTP server (aiosmtpd) on 127.0.0.1, as cron runs it."""

import logging
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.benefits.followup_factories import make_benefit, make_followed_idea, measure
from tests.smtp import free_port
from tracker.benefits.cli import register
from tracker.benefits.models import Benefit, ReminderSent
from tracker.extensions import db
from tracker.ideas.stages import Stage

TODAY = "2025-05-15"
BASE_URL = "https://tracker.example.se/kommun"


@dataclass
class People:
    eva: str  # an employee who reads Swedish (no language saved)
    maja: str  # a manager who chose English
    eva_due: tuple[int, int]  # overdue since 10 April, and due today
    maja_due: int  # overdue since 1 April
    later: int  # Eva's, due 15 June


@pytest.fixture
def people(app, monkeypatch):
    """Owners with due follow-ups, built and committed before the command runs as cron would:
    in an app context of its own, without a request."""
    if "send-reminders" not in app.cli.commands:
        register(app)
    monkeypatch.setitem(app.config, "BASE_URL", BASE_URL)
    with app.app_context():
        a = factories.world().a
        a.manager.locale = "en"
        idea = make_followed_idea(a, title="Digitala bygglov")
        overdue = make_benefit(idea, a.employee, date(2025, 1, 10), title="Handläggningstid")
        today = make_benefit(idea, a.employee, date(2025, 2, 15), title="Färre pappersutskick")
        later = make_benefit(idea, a.employee, date(2025, 3, 15), title="Frigjord tid")
        maja = make_benefit(idea, a.manager, date(2025, 1, 1), title="Kortare kö")
        # Not reminded: an inactive owner's, and one of an idea no longer followed.
        make_benefit(idea, a.leader, date(2025, 1, 1), title="Lämnad")
        a.leader.active = False
        parked = make_followed_idea(a, title="Parkerad")
        make_benefit(parked, a.employee, date(2025, 1, 1), title="Parkerad nytta")
        parked.stage = Stage.PARKED
        db.session.commit()
        yield People(a.employee.email, a.manager.email, (overdue.id, today.id), maja.id, later.id)
        db.session.remove()


def run(app, *args):
    return app.test_cli_runner().invoke(args=["send-reminders", "--today", TODAY, *args])


def reminded(app) -> list[tuple[int, date]]:
    with app.app_context():
        rows = db.session.execute(
            select(ReminderSent.benefit_id, ReminderSent.due_on).order_by(ReminderSent.benefit_id)
        )
        return [tuple(r) for r in rows]


def test_each_owner_gets_one_email_and_a_second_run_the_same_day_sends_nothing(app, smtp, people):
    first = run(app)
    assert first.exit_code == 0, first.output
    assert len(smtp.messages) == 2
    assert len(smtp.to(people.eva)) == len(smtp.to(people.maja)) == 1
    assert reminded(app) == [
        (people.eva_due[0], date(2025, 4, 10)),
        (people.eva_due[1], date(2025, 5, 15)),
        (people.maja_due, date(2025, 4, 1)),
    ]
    lines = first.output.splitlines()
    assert f"Sent to Eva Ek <{people.eva}>: 2 follow-ups (benefit 1, 2)" in lines
    assert f"Sent to Maja Berg <{people.maja}>: 1 follow-up (benefit 4)" in lines
    assert lines[-1] == (
        "2 e-mails sent for 3 follow-ups due by 2025-05-15; 0 follow-ups already reminded."
    )

    second = run(app)
    assert second.exit_code == 0, second.output
    assert len(smtp.messages) == 2
    assert second.output.splitlines() == [
        "0 e-mails sent for 0 follow-ups due by 2025-05-15; 3 follow-ups already reminded."
    ]
    assert len(reminded(app)) == 3


def test_the_email_lists_the_due_follow_ups_with_links_in_the_owners_language(app, smtp, people):
    assert run(app).exit_code == 0
    (eva,) = smtp.to(people.eva)
    assert eva["From"] == "Tracker <tracker@kommun.example.se>"
    body = eva.get_content().replace("\r\n", "\n")
    assert "Handläggningstid" in body and "Färre pappersutskick" in body
    assert "Frigjord tid" not in body and "Parkerad" not in body
    overdue, today = people.eva_due
    assert f"{BASE_URL}/benefits/{overdue}/measure" in body
    assert f"{BASE_URL}/benefits/{today}\n" in body
    assert f"{BASE_URL}/\n" in body  # the start page
    assert "10 apr. 2025" in body  # Swedish, the default
    (maja,) = smtp.to(people.maja)
    assert maja["Subject"] == "1 benefit follow-up is due"
    assert "Hello Maja Berg," in maja.get_content()
    assert "Apr 1, 2025 (overdue)" in maja.get_content()  # English, her choice


def test_a_follow_up_is_reminded_again_at_its_next_due_date(app, smtp, people):
    assert run(app).exit_code == 0
    with app.app_context():
        benefit = db.session.get(Benefit, people.maja_due)
        measure(benefit, date(2025, 5, 20), 30)
        db.session.commit()
        assert benefit.next_due_on == date(2025, 8, 20)
    result = app.test_cli_runner().invoke(args=["send-reminders", "--today", "2025-08-20"])
    assert result.exit_code == 0, result.output
    assert f"Sent to Maja Berg <{people.maja}>: 1 follow-up (benefit 4)" in result.output
    # Eva's were reminded for their due dates already; her third falls due on 15 June.
    assert f"Sent to Eva Ek <{people.eva}>: 1 follow-up (benefit {people.later})" in result.output
    assert len(smtp.to(people.maja)) == 2


def test_a_refused_email_is_sent_on_the_next_run_and_the_others_are_not_resent(app, smtp, people):
    smtp.refuse = {people.eva}
    first = run(app)
    assert first.exit_code == 1
    assert f"Failed to send to {people.eva}" in first.output
    assert first.output.splitlines()[-1].endswith("; 1 e-mail failed.")
    assert [m["To"] for m in smtp.messages] == [f"Maja Berg <{people.maja}>"]
    assert [benefit for benefit, _ in reminded(app)] == [people.maja_due]

    smtp.refuse = set()
    second = run(app)
    assert second.exit_code == 0, second.output
    assert [m["To"] for m in smtp.messages][1:] == [f"Eva Ek <{people.eva}>"]
    assert "1 follow-up already reminded" in second.output


def test_an_unreachable_mail_server_fails_the_run_and_records_nothing(app, people, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nothing listens there
    result = run(app)
    assert result.exit_code == 1
    assert "The mail server could not be used" in result.output
    assert reminded(app) == []


def test_without_a_mail_server_the_messages_are_logged_instead(app, people, caplog):
    assert not app.config["MAIL_SERVER"]
    caplog.set_level(logging.INFO, logger="tracker.mail")
    result = run(app)
    assert result.exit_code == 0, result.output
    logged = [r.getMessage() for r in caplog.records if r.name == "tracker.mail"]
    assert len(logged) == 2
    assert any(f"To: Eva Ek <{people.eva}>" in m and "Handläggningstid" in m for m in logged)
    assert "2 e-mails sent for 3 follow-ups" in result.output
    assert len(reminded(app)) == 3  # logged counts as delivered: the next run is quiet
    caplog.clear()
    assert "0 e-mails sent" in run(app).output
    assert not [r for r in caplog.records if r.name == "tracker.mail"]


def test_a_dry_run_shows_who_would_get_a_reminder_and_sends_nothing(app, smtp, people):
    result = run(app, "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"Would send to Eva Ek <{people.eva}>: 2 follow-ups (benefit 1, 2)" in result.output
    assert "2 e-mails to send for 3 follow-ups" in result.output
    assert smtp.messages == [] and reminded(app) == []


def test_the_command_defaults_to_today(app, smtp, people):
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(ReminderSent.id))) == 4  # all of them are due
    assert f"due by {date.today().isoformat()}" in result.output
