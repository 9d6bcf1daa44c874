"""`flask send-notifications`: the e-mail each person is due, sent once.

Each unsent notification goes the way its person wants its kind today (their preference, else
DEFAULT_DELIVERY):
- IMMEDIATE: in one e-mail per person per run, if it is at most two days old; an older one is
  stale and is never mailed (it stays in the app), so a job that was down for a week does not
  flood anyone;
- DAILY: in the digest of the Stockholm day it was written on, once that day is over; the last
  seven whole days are looked at, so a late run sends each missed day's digest;
- WEEKLY: in the digest of its week (Monday to Monday, Stockholm), once the week is over; the
  last four whole weeks are looked at;
- NEVER: not mailed.
Inactive and anonymised people get nothing, and nobody is mailed about an idea they can no
longer read.

Once and only once: before an e-mail goes out, its notifications are claimed
(`emailed_at` set where it is still empty, in the run's transaction); the e-mail is sent; then
the claim is committed. A claim another run made first is left alone, a failed send is rolled
back (tried again next run), and a crash between the send and the commit repeats at most that
one e-mail. Windows are fixed, never "since the last run", so a run early or late neither skips
nor repeats a day.
"""

from __future__ import annotations

import smtplib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from sqlalchemy import and_, select, update
from sqlalchemy.orm import aliased

from tracker import mail
from tracker.auth.models import User
from tracker.dbtypes import utcnow
from tracker.discussion.models import Comment
from tracker.extensions import db
from tracker.ideas.access import readable_ids
from tracker.ideas.models import Idea
from tracker.notifications import waiting
from tracker.notifications.email import windows
from tracker.notifications.email.digests import DAILY, IMMEDIATE, WEEKLY, Item, Mail, compose
from tracker.notifications.email.digests import excerpt as cut
from tracker.notifications.email.preferences import deliveries_of
from tracker.notifications.models import Delivery, Notification

CHUNK = 1000  # ids per IN list


@dataclass(frozen=True)
class Sent:
    """One e-mail: to whom, how, and which notifications it carried."""

    address: str
    cadence: str
    ids: tuple[int, ...]


@dataclass
class Run:
    """What a run did."""

    sent: list[Sent] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (address, error)
    taken: int = 0  # e-mails whose notifications another run had claimed first
    swept: int | None = None  # how many dated items the sweep found due (not on a dry run)
    dry_run: bool = False

    @property
    def notifications(self) -> int:
        return sum(len(s.ids) for s in self.sent)


def _sweep(now: datetime) -> int:
    """Write today's WAITING notifications first, so that they go out in this run."""
    return waiting.sweep(windows.local_today(now))


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _candidates(now: datetime) -> list[tuple]:
    """Unsent notifications young enough for some e-mail, of active people not anonymised:
    (notification, idea title, actor's name, comment text)."""
    oldest = min(
        windows.weekly_windows(now)[0].start,
        windows.daily_windows(now)[0].start,
        windows.immediate_since(now),
    )
    actor = aliased(User)
    comment = and_(Notification.subject == "comment", Comment.id == Notification.subject_id)
    query = (
        select(Notification, Idea.title, actor.display_name, Comment.body, Comment.removed_at)
        .join(User, User.id == Notification.user_id)
        .join(Idea, Idea.id == Notification.idea_id)
        .outerjoin(actor, actor.id == Notification.actor_id)
        .outerjoin(Comment, comment)
        .where(
            Notification.emailed_at.is_(None),
            Notification.created_at >= oldest,
            Notification.created_at < now,
            User.active.is_(True),
            User.anonymised_at.is_(None),
        )
        .order_by(Notification.user_id, Notification.created_at, Notification.id)
    )
    return db.session.execute(query).all()


def _readable(rows: list[tuple]) -> tuple[list[tuple], dict[int, User]]:
    """Only the rows whose person may still read the idea (a confidential idea or a lost role
    takes it away), and the people by id."""
    user_ids = {row[0].user_id for row in rows}
    idea_ids = {row[0].idea_id for row in rows}
    users = {u.id: u for ids in _chunks(sorted(user_ids)) for u in _load(User, ids)}
    ideas = {i.id: i for ids in _chunks(sorted(idea_ids)) for i in _load(Idea, ids)}
    per_user: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        per_user[row[0].user_id].add(row[0].idea_id)
    may_read = {
        user_id: readable_ids(users[user_id], [ideas[i] for i in idea_ids])
        for user_id, idea_ids in per_user.items()
    }
    return [row for row in rows if row[0].idea_id in may_read[row[0].user_id]], users


def _load(model, ids: list[int]):
    return db.session.scalars(select(model).where(model.id.in_(ids)))


def due_mails(now: datetime) -> list[Mail]:
    """Every e-mail due at `now` (naive UTC): the immediate ones first, then the daily and the
    weekly digests, oldest window first; each person's in order."""
    rows, users = _readable(_candidates(now))
    if not rows:
        return []
    deliveries = deliveries_of({row[0].user_id for row in rows})
    days, weeks = windows.daily_windows(now), windows.weekly_windows(now)
    fresh = windows.immediate_since(now)
    mails: dict[tuple, Mail] = {}
    for notification, title, actor_name, body, removed_at in rows:
        delivery = deliveries[notification.user_id][notification.kind]
        at = notification.created_at
        if delivery is Delivery.IMMEDIATE:
            key = (0, None, notification.user_id, IMMEDIATE) if at >= fresh else None
        elif delivery is Delivery.DAILY:
            key = _windowed(days, at, notification.user_id, 1, DAILY)
        elif delivery is Delivery.WEEKLY:
            key = _windowed(weeks, at, notification.user_id, 2, WEEKLY)
        else:
            key = None
        if key is None:
            continue
        if key not in mails:
            mails[key] = Mail(users[notification.user_id], key[3], key[1])
        quoted = body if body is not None and removed_at is None else notification.text
        mails[key].items.append(Item(notification, title, actor_name, cut(quoted)))
    return [mails[key] for key in sorted(mails, key=lambda k: (k[0], k[1] or date.min, k[2]))]


def _windowed(found: list[windows.Window], at: datetime, user_id: int, order: int, cadence):
    for window in found:
        if window.holds(at):
            return (order, window.first_day, user_id, cadence)
    return None  # today's, or this week's: not yet due


def _claim(ids: list[int]) -> bool:
    """Mark the notifications e-mailed (now, the real time) in this transaction; False if
    another run has any of them."""
    now = utcnow()
    claimed = 0
    for chunk in _chunks(ids):
        result = db.session.execute(
            update(Notification)
            .where(Notification.id.in_(chunk), Notification.emailed_at.is_(None))
            .values(emailed_at=now)
            .execution_options(synchronize_session=False)
        )
        claimed += result.rowcount
    return claimed == len(ids)


def send_notifications(now: datetime, *, dry_run: bool = False, base_url: str | None = None) -> Run:
    """Send every e-mail due at `now` (naive UTC), each once; commit after each e-mail."""
    base_url = base_url or current_app.config["BASE_URL"]
    run = Run(dry_run=dry_run)
    if not dry_run:
        run.swept = _sweep(now)
        db.session.commit()
    due = due_mails(now)
    if dry_run:
        run.sent = [Sent(m.user.email, m.cadence, tuple(m.ids)) for m in due]
        db.session.rollback()
        return run
    if not due:
        return run
    # Every e-mail is written before the first commit, which expires what the session read.
    url = mail.linker(base_url)
    outgoing = [(Sent(m.user.email, m.cadence, tuple(m.ids)), compose(m, url)) for m in due]
    db.session.expunge_all()  # else each commit expires every row read: quadratic in the rows
    db.session.rollback()  # end the reading transaction: each claim reads afresh
    with mail.outbox() as send:
        for sent, email in outgoing:
            if not _claim(list(sent.ids)):
                db.session.rollback()
                run.taken += 1
                continue
            try:
                send(email)
            except (smtplib.SMTPException, OSError) as error:
                db.session.rollback()
                run.failed.append((sent.address, str(error) or type(error).__name__))
                continue
            db.session.commit()
            run.sent.append(sent)
    return run
