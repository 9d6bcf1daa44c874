"""Follow-ups of benefits: who has one due, which are overdue in a manager's units, and the
reminder run behind `flask send-reminders`.

A follow-up is due when an open benefit (planned or realising) of an idea still being followed
reaches its next due date, which `figures.refresh_figures` keeps: one interval after the last
measurement, or after the baseline date. Every query here is one SQL statement over the kept
figures; none reads measurements.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby

from flask import current_app, render_template
from flask_babel import force_locale, ngettext
from sqlalchemy import Select, exists, func, select
from sqlalchemy.exc import IntegrityError

from tracker import mail
from tracker.auth.models import User
from tracker.auth.roles import MOVES_IDEAS, Role
from tracker.benefits.models import Benefit, ReminderSent
from tracker.benefits.rules import Lifecycle
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.ideas.stages import PLANNING_STAGES
from tracker.orgs import tenancy

OPEN = (Lifecycle.PLANNED, Lifecycle.REALISING)
# Benefits are followed up while their idea is planned, tried, rolled out or followed up; a
# declined, parked, stopped or withdrawn idea's benefits are not chased.
FOLLOWED_STAGES = PLANNING_STAGES
UPCOMING_DAYS = 14  # the start page also shows what falls due within two weeks
LIST_LIMIT = 20
DEFAULT_BASE_URL = "http://127.0.0.1:5000"


@dataclass(frozen=True)
class FollowUp:
    """One benefit's follow-up, with what a list or an e-mail shows of it."""

    benefit_id: int
    title: str
    measure: str
    latest_value: object  # Decimal | None
    due_on: date
    idea_id: int
    idea_title: str
    owner_id: int
    owner_name: str
    today: date

    @property
    def overdue(self) -> bool:
        """Past its due date."""
        return self.due_on < self.today

    @property
    def due(self) -> bool:
        """On or past its due date."""
        return self.due_on <= self.today


@dataclass(frozen=True)
class Listing:
    """At most a page of follow-ups, and whether more exist."""

    items: list[FollowUp]
    more: bool

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def _followups() -> Select:
    """The open benefits with a due date, of ideas still followed, with their owner and idea."""
    return (
        select(
            Benefit.id,
            Benefit.title,
            Benefit.measure,
            Benefit.latest_value,
            Benefit.next_due_on,
            Idea.id,
            Idea.title,
            User.id,
            User.display_name,
        )
        .join(Idea, Idea.id == Benefit.idea_id)
        .join(User, User.id == Benefit.owner_id)
        .where(
            Benefit.lifecycle.in_(OPEN),
            Benefit.next_due_on.is_not(None),
            Idea.stage.in_(FOLLOWED_STAGES),
        )
        .order_by(Benefit.next_due_on, Benefit.id)
    )


def _listing(query: Select, today: date, limit: int) -> Listing:
    rows = db.session.execute(query.limit(limit + 1)).all()
    items = [FollowUp(*row, today=today) for row in rows[:limit]]
    return Listing(items, more=len(rows) > limit)


def due_followups(
    user: User, today: date, ahead_days: int = UPCOMING_DAYS, limit: int = LIST_LIMIT
) -> Listing:
    """The user's follow-ups due by `ahead_days` from today, the longest overdue first."""
    query = _followups().where(
        Benefit.owner_id == user.id,
        Benefit.next_due_on <= today + timedelta(days=ahead_days),
    )
    return _listing(query, today, limit)


def overdue_in_units(user: User, today: date, limit: int = LIST_LIMIT) -> Listing:
    """Overdue follow-ups of the ideas in a manager's units (an admin's: the organisation), the
    longest overdue first; nothing for other roles."""
    if user.role not in MOVES_IDEAS:
        return Listing([], more=False)
    query = _followups().where(
        tenancy.of_organisation(Idea.organisation_id, user.organisation_id),
        Benefit.next_due_on < today,
    )
    if user.role is not Role.ADMIN:
        units = access.managed_unit_ids(user)
        if not units:
            return Listing([], more=False)
        query = query.where(Idea.unit_id.in_(units))
    return _listing(query, today, limit)


def followups_context(user: User, today: date) -> dict:
    """What the start page's follow-up section (benefits/_followups.html) needs."""
    return {
        "followups_due": due_followups(user, today),
        "followups_overdue": overdue_in_units(user, today),
        "followups_manages": user.role in MOVES_IDEAS,
    }


# Reminders


@dataclass(frozen=True)
class Sent:
    """One reminder e-mail: to whom, and for which benefits' due dates."""

    name: str
    address: str
    benefit_ids: tuple[int, ...]


@dataclass
class ReminderRun:
    """What a reminder run did."""

    sent: list[Sent] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (address, error)
    already_reminded: int = 0
    dry_run: bool = False

    @property
    def followups(self) -> int:
        return sum(len(s.benefit_ids) for s in self.sent)


def _reminded():
    """A reminder was already sent for the benefit's current due date."""
    return exists().where(
        ReminderSent.benefit_id == Benefit.id, ReminderSent.due_on == Benefit.next_due_on
    )


def _due_for_reminder(today: date) -> Select:
    return _followups().where(Benefit.next_due_on <= today, User.active.is_(True))


def reminder_message(owner: User, followups: list[FollowUp], base_url: str):
    """The reminder e-mail to one owner about their due follow-ups, in the owner's language."""
    url = mail.linker(base_url)
    links = {
        f.benefit_id: (
            url("benefits.measure", benefit_id=f.benefit_id),
            url("benefits.show", benefit_id=f.benefit_id),
        )
        for f in followups
    }
    with force_locale(mail.language_of(owner.locale)):
        subject = ngettext(
            "%(num)d benefit follow-up is due", "%(num)d benefit follow-ups are due", len(followups)
        )
        body = render_template(
            "benefits/reminder.txt",
            owner=owner,
            followups=followups,
            links=links,
            start_url=url("home.index"),
        )
    return mail.message(owner.name, owner.email, subject, body)


def send_reminders(today: date, base_url: str | None = None, dry_run: bool = False) -> ReminderRun:
    """E-mail each owner one reminder listing their due follow-ups not yet reminded for that due
    date, and record each as reminded once its e-mail is sent; a second run sends nothing.
    Commits after each e-mail, so that a failure later on does not resend earlier ones."""
    base_url = base_url or current_app.config.get("BASE_URL", DEFAULT_BASE_URL)
    run = ReminderRun(dry_run=dry_run)
    run.already_reminded = db.session.scalar(
        select(func.count()).select_from(_due_for_reminder(today).where(_reminded()).subquery())
    )
    rows = db.session.execute(
        _due_for_reminder(today)
        .where(~_reminded())
        .order_by(None)
        .order_by(User.id, Benefit.next_due_on, Benefit.id)
    ).all()
    due = [FollowUp(*row, today=today) for row in rows]
    if not due:
        return run
    owners = {
        u.id: u
        for u in db.session.scalars(select(User).where(User.id.in_({f.owner_id for f in due})))
    }
    with mail.outbox() as send:
        for owner_id, group in groupby(due, key=lambda f: f.owner_id):
            followups = list(group)
            owner = owners[owner_id]
            sent = Sent(owner.name, owner.email, tuple(f.benefit_id for f in followups))
            msg = reminder_message(owner, followups, base_url)
            if dry_run:
                run.sent.append(sent)
                continue
            db.session.add_all(
                ReminderSent(benefit_id=f.benefit_id, due_on=f.due_on, recipient_id=owner_id)
                for f in followups
            )
            try:
                db.session.flush()  # another run that got here first holds these rows
            except IntegrityError:
                db.session.rollback()
                continue
            try:
                send(msg)
            except (smtplib.SMTPException, OSError) as error:
                db.session.rollback()
                run.failed.append((owner.email, str(error) or type(error).__name__))
                continue
            db.session.commit()
            run.sent.append(sent)
    return run
