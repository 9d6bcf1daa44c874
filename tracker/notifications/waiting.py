"""What waits for a person ("Väntar på dig"), computed from the data, and the sweep that tells
people of the dated items that fell due.

The live list (`waiting_for`) reads the same queries the pages do; the notifications of waiting
items are written by handlers: sign-offs and ideas to take when they happen, the dated ones
(a pilot ended, a follow-up due, an activity due) by `sweep`, once per item and due day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from tracker.auth.models import User
from tracker.auth.roles import MOVES_IDEAS, Role
from tracker.benefits.closing import SIGN_OFF_STAGES
from tracker.benefits.followups import FOLLOWED_STAGES, OPEN, UPCOMING_DAYS, due_followups
from tracker.benefits.models import Benefit
from tracker.benefits.rules import Lifecycle
from tracker.events import ItemDue, publish
from tracker.extensions import db
from tracker.ideas import queries as idea_queries
from tracker.ideas.models import Idea
from tracker.ideas.stages import Stage
from tracker.notifications.audience import takers
from tracker.orgs import tenancy
from tracker.pilots import queries as pilot_queries
from tracker.pilots.models import Evaluation, Pilot
from tracker.rollouts import queries as rollout_queries
from tracker.rollouts.models import Activity, Rollout

LIMIT = 20  # of each kind

# What each waiting item is, and what its button says.
WHAT = {
    "take": _l("A new idea to take"),
    "sign_off": _l("A benefit to sign off"),
    "evaluate": _l("A pilot to evaluate"),
    "follow_up": _l("A follow-up to record"),
    "activity": _l("A change activity"),
}
BUTTON = {
    "sign_off": _l("Sign off"),
    "evaluate": _l("Evaluate"),
    "follow_up": _l("Record a measurement"),
}


@dataclass(frozen=True)
class Waiting:
    """One thing that waits for the person: the idea, what (a describe.WAITING_SUBJECTS value),
    when it is due, and its button (`row` is the pilot, benefit, activity or idea)."""

    subject: str
    idea_id: int
    idea_title: str
    due_on: date | None
    url: str
    row: object
    name: str = ""  # the benefit's or activity's own name, where it has one

    def overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today

    @property
    def what(self) -> str:
        return str(WHAT[self.subject])

    @property
    def button(self) -> str:
        return str(BUTTON.get(self.subject, ""))


def sign_offs(user: User, limit: int = LIMIT) -> list[Benefit]:
    """Benefits proposed as realised that the user may sign off: as the idea's responsible
    manager or a leader of its organisation, never as their proposer."""
    query = (
        select(Benefit)
        .join(Idea, Idea.id == Benefit.idea_id)
        .where(
            Benefit.proposed_by_id.is_not(None),
            Benefit.proposed_by_id != user.id,
            Benefit.lifecycle == Lifecycle.REALISING,
            Idea.stage.in_(SIGN_OFF_STAGES),
            tenancy.of_organisation(Idea.organisation_id, user.organisation_id),
        )
        .options(contains_eager(Benefit.idea))
        .order_by(Benefit.updated_at, Benefit.id)
        .limit(limit)
    )
    if user.role is not Role.LEADER:
        query = query.where(Idea.owner_id == user.id)
    return list(db.session.scalars(query))


def waiting_for(user: User, today: date) -> list[Waiting]:
    """Everything that waits for the user, each with its button, the longest waiting first."""
    items = [
        Waiting(
            "sign_off",
            b.idea_id,
            b.idea.title,
            None,
            url_for("benefits.show", benefit_id=b.id, _anchor="closing"),
            b,
            b.title,
        )
        for b in sign_offs(user)
    ]
    if user.role in MOVES_IDEAS:
        items += [
            Waiting(
                "take",
                i.id,
                i.title,
                i.created_at.date(),
                url_for("ideas.take", idea_id=i.id),
                i,
            )
            for i in idea_queries.awaiting_owner(user, LIMIT)
        ]
        items += [
            Waiting(
                "evaluate",
                p.idea_id,
                p.idea.title,
                p.ends_on,
                url_for("pilots.evaluate", idea_id=p.idea_id),
                p,
            )
            for p in pilot_queries.to_evaluate(user, today, LIMIT)
        ]
    items += [
        Waiting(
            "follow_up",
            f.idea_id,
            f.idea_title,
            f.due_on,
            url_for("benefits.measure", benefit_id=f.benefit_id),
            f,
            f.title,
        )
        for f in due_followups(user, today)
    ]
    soon = today + timedelta(days=UPCOMING_DAYS)
    items += [
        Waiting(
            "activity",
            a.rollout.idea_id,
            a.rollout.idea.title,
            a.due_on,
            url_for("rollouts.activity_done", row_id=a.id),
            a,
            a.description,
        )
        for a in rollout_queries.my_activities(user, LIMIT)
        if a.due_on <= soon
    ]
    return sorted(items, key=lambda w: (w.due_on is not None, w.due_on or today))


def sweep(today: date) -> int:
    """Publish ItemDue for every dated item due by today: a pilot past its end without an
    evaluation (to the managers who may evaluate it), a benefit's follow-up (to its owner) and
    a change activity not done (to its owner). Its handler writes each once per due day, so a
    second sweep writes nothing. Returns how many items were due."""
    due: list[ItemDue] = []
    pilots = db.session.scalars(
        select(Pilot)
        .join(Idea, Idea.id == Pilot.idea_id)
        .outerjoin(Evaluation, Evaluation.pilot_id == Pilot.id)
        .where(Idea.stage == Stage.PILOT, Evaluation.id.is_(None), Pilot.ends_on < today)
        .options(contains_eager(Pilot.idea))
    )
    for pilot in pilots:
        for user_id in sorted(takers(pilot.idea)):
            due.append(ItemDue(pilot.idea_id, user_id, "evaluate", pilot.id, pilot.ends_on))
    followups = db.session.execute(
        select(Benefit.idea_id, Benefit.owner_id, Benefit.id, Benefit.next_due_on)
        .join(Idea, Idea.id == Benefit.idea_id)
        .where(
            Benefit.lifecycle.in_(OPEN),
            Benefit.owner_id.is_not(None),
            Benefit.next_due_on <= today,
            Idea.stage.in_(FOLLOWED_STAGES),
        )
    )
    due += [ItemDue(*row[:2], "follow_up", *row[2:]) for row in followups]
    activities = db.session.execute(
        select(Rollout.idea_id, Activity.owner_id, Activity.id, Activity.due_on)
        .join(Rollout, Rollout.id == Activity.rollout_id)
        .where(Activity.done.is_(False), Activity.due_on <= today)
    )
    due += [ItemDue(*row[:2], "activity", *row[2:]) for row in activities]
    for event in due:
        publish(event)
    return len(due)
