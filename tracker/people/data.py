"""A person's own data: every row that names them, read across the domains, as plain values.

Each section is one query in SECTIONS; a new table that names a person adds its line there.
"""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from flask_babel import gettext as _
from sqlalchemy import Select, case, or_, select

from tracker.audit import AuditAction, AuditEntry, audit
from tracker.auth.models import User
from tracker.benefits.models import (
    Benefit,
    ClosingAssessment,
    Measurement,
    PlanChange,
    ReminderSent,
)
from tracker.discussion.models import Comment, CommentRevision
from tracker.extensions import db
from tracker.ideas.models import Assessment, Idea, StageChange, Support
from tracker.pilots.models import Evaluation, Pilot, PilotExtension
from tracker.rollouts.models import Activity, Rollout, RolloutUnit

FORMAT = "tracker-personal-data/1"


def _rows(query: Select) -> list[dict]:
    return [dict(row._mapping) for row in db.session.execute(query)]


def _ideas_submitted(person: User) -> list[dict]:
    return _rows(
        select(
            Idea.id,
            Idea.title,
            Idea.need,
            Idea.proposal,
            Idea.expected_benefit,
            Idea.source,
            Idea.stage,
            Idea.created_at,
            Idea.updated_at,
            Idea.stage_entered_at,
        )
        .where(Idea.submitter_id == person.id)
        .order_by(Idea.id)
    )


def _ideas_responsible(person: User) -> list[dict]:
    return _rows(
        select(Idea.id, Idea.title, Idea.stage).where(Idea.owner_id == person.id).order_by(Idea.id)
    )


def _supports(person: User) -> list[dict]:
    return _rows(
        select(Support.idea_id, Idea.title.label("idea_title"), Support.created_at)
        .join(Idea, Idea.id == Support.idea_id)
        .where(Support.user_id == person.id)
        .order_by(Support.created_at, Support.idea_id)
    )


def _assessments(person: User) -> list[dict]:
    return _rows(
        select(Assessment.idea_id, Assessment.rationale, Assessment.assessed_at)
        .where(Assessment.assessor_id == person.id)
        .order_by(Assessment.idea_id)
    )


def _pilots(person: User) -> list[dict]:
    return _rows(
        select(
            Pilot.id,
            Pilot.idea_id,
            Pilot.number,
            Pilot.hypothesis,
            Pilot.starts_on,
            Pilot.ends_on,
            (Pilot.owner_id == person.id).label("owner"),
            (Pilot.planned_by_id == person.id).label("planned_by"),
        )
        .where(or_(Pilot.owner_id == person.id, Pilot.planned_by_id == person.id))
        .order_by(Pilot.id)
    )


def _evaluations(person: User) -> list[dict]:
    return _rows(
        select(
            Pilot.idea_id,
            Evaluation.pilot_id,
            Evaluation.decision,
            Evaluation.learnings,
            Evaluation.changes,
            Evaluation.at,
        )
        .join(Pilot, Pilot.id == Evaluation.pilot_id)
        .where(Evaluation.evaluator_id == person.id)
        .order_by(Evaluation.id)
    )


def _rollout_contacts(person: User) -> list[dict]:
    return _rows(
        select(
            Rollout.idea_id,
            RolloutUnit.unit_id,
            RolloutUnit.status,
            RolloutUnit.starts_on,
            RolloutUnit.ends_on,
        )
        .join(Rollout, Rollout.id == RolloutUnit.rollout_id)
        .where(RolloutUnit.contact_id == person.id)
        .order_by(RolloutUnit.id)
    )


def _activities(person: User) -> list[dict]:
    return _rows(
        select(
            Activity.id,
            Rollout.idea_id,
            Activity.description,
            Activity.due_on,
            Activity.done,
            Activity.done_at,
        )
        .join(Rollout, Rollout.id == Activity.rollout_id)
        .where(Activity.owner_id == person.id)
        .order_by(Activity.id)
    )


def _benefits_owned(person: User) -> list[dict]:
    return _rows(
        select(
            Benefit.id,
            Benefit.idea_id,
            Benefit.title,
            Benefit.type,
            Benefit.indicator,
            Benefit.measure,
            Benefit.baseline_value,
            Benefit.baseline_on,
            Benefit.target_value,
            Benefit.target_on,
            Benefit.lifecycle,
            Benefit.next_due_on,
        )
        .where(Benefit.owner_id == person.id)
        .order_by(Benefit.id)
    )


def _benefits_closed(person: User) -> list[dict]:
    """Benefits the person proposed as realised, or signed off."""
    return _rows(
        select(
            Benefit.id,
            Benefit.idea_id,
            Benefit.title,
            Benefit.lifecycle,
            (Benefit.proposed_by_id == person.id).label("proposed_by"),
            (Benefit.signed_off_by_id == person.id).label("signed_off_by"),
            Benefit.signed_off_at,
        )
        .where(or_(Benefit.proposed_by_id == person.id, Benefit.signed_off_by_id == person.id))
        .order_by(Benefit.id)
    )


def _measurements(person: User) -> list[dict]:
    return _rows(
        select(
            Measurement.id,
            Measurement.benefit_id,
            Benefit.title.label("benefit_title"),
            Benefit.idea_id,
            Measurement.on,
            Measurement.value,
            Benefit.measure,
            Measurement.comment,
            Measurement.data_source,
            Measurement.corrects_id,
            Measurement.recorded_at,
        )
        .join(Benefit, Benefit.id == Measurement.benefit_id)
        .where(Measurement.recorded_by_id == person.id)
        .order_by(Measurement.id)
    )


def _closing_assessments(person: User) -> list[dict]:
    return _rows(
        select(
            ClosingAssessment.idea_id,
            ClosingAssessment.summary,
            ClosingAssessment.learnings,
            (ClosingAssessment.keeper_id == person.id).label("keeps_the_benefit"),
            (ClosingAssessment.assessed_by_id == person.id).label("assessed_by"),
            ClosingAssessment.at,
        )
        .where(
            or_(
                ClosingAssessment.keeper_id == person.id,
                ClosingAssessment.assessed_by_id == person.id,
            )
        )
        .order_by(ClosingAssessment.id)
    )


def _reminders(person: User) -> list[dict]:
    return _rows(
        select(ReminderSent.benefit_id, ReminderSent.due_on, ReminderSent.sent_at)
        .where(ReminderSent.recipient_id == person.id)
        .order_by(ReminderSent.id)
    )


def _costs(person: User) -> list[dict]:
    """Costs belong to ideas and record no person: nothing to list (see the note)."""
    return []


def _comments(person: User) -> list[dict]:
    """The person's comments and replies, with their text (a removed one's last text) and times."""
    last_text = (
        select(CommentRevision.body)
        .where(CommentRevision.comment_id == Comment.id)
        .order_by(CommentRevision.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return _rows(
        select(
            Comment.id,
            Comment.idea_id,
            Idea.title.label("idea_title"),
            Comment.parent_id,
            case((Comment.removed_at.is_(None), Comment.body), else_=last_text).label("body"),
            Comment.created_at,
            Comment.edited_at,
            Comment.removed_at,
        )
        .join(Idea, Idea.id == Comment.idea_id)
        .where(Comment.author_id == person.id)
        .order_by(Comment.id)
    )


def _stage_changes(person: User) -> list[dict]:
    return _rows(
        select(
            StageChange.idea_id,
            StageChange.from_stage,
            StageChange.to_stage,
            StageChange.at,
            StageChange.reason,
        )
        .where(StageChange.actor_id == person.id)
        .order_by(StageChange.id)
    )


def _plan_changes(person: User) -> list[dict]:
    return _rows(
        select(
            PlanChange.benefit_id,
            PlanChange.what,
            PlanChange.old_value,
            PlanChange.old_on,
            PlanChange.new_value,
            PlanChange.new_on,
            PlanChange.reason,
            PlanChange.at,
        )
        .where(PlanChange.actor_id == person.id)
        .order_by(PlanChange.id)
    )


def _pilot_extensions(person: User) -> list[dict]:
    return _rows(
        select(
            PilotExtension.pilot_id,
            PilotExtension.previous_end,
            PilotExtension.new_end,
            PilotExtension.reason,
            PilotExtension.at,
        )
        .where(PilotExtension.actor_id == person.id)
        .order_by(PilotExtension.id)
    )


def _audit_entries(person: User) -> list[dict]:
    """The audit log's entries the person made, and those about their account."""
    return _rows(
        select(
            AuditEntry.at,
            (AuditEntry.actor_id == person.id).label("by_me"),
            AuditEntry.action,
            AuditEntry.object_type,
            AuditEntry.object_id,
            AuditEntry.summary,
        )
        .where(
            or_(
                AuditEntry.actor_id == person.id,
                (AuditEntry.object_type == User.__tablename__)
                & (AuditEntry.object_id == person.id),
            )
        )
        .order_by(AuditEntry.id)
    )


# (key, what it holds): one line per kind of row that names a person.
SECTIONS: tuple[tuple[str, Callable[[User], list[dict]]], ...] = (
    ("ideas_submitted", _ideas_submitted),
    ("ideas_responsible", _ideas_responsible),
    ("supports", _supports),
    ("assessments", _assessments),
    ("pilots", _pilots),
    ("pilot_evaluations", _evaluations),
    ("rollout_contacts", _rollout_contacts),
    ("rollout_activities", _activities),
    ("benefits_owned", _benefits_owned),
    ("benefits_proposed_or_signed_off", _benefits_closed),
    ("measurements_recorded", _measurements),
    ("closing_assessments", _closing_assessments),
    ("follow_up_reminders_received", _reminders),
    ("costs", _costs),
    ("comments", _comments),
)
HISTORY: tuple[tuple[str, Callable[[User], list[dict]]], ...] = (
    ("stage_changes", _stage_changes),
    ("benefit_plan_changes", _plan_changes),
    ("pilot_extensions", _pilot_extensions),
    ("audit_log", _audit_entries),
)


def _profile(person: User) -> dict:
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "organisation": person.organisation.name,
        "unit": person.unit.name if person.unit else None,
        "roles": [person.role],
        "locale": person.locale,
        "active": person.active,
        "created_at": person.created_at,
        "last_login_at": None,
    }


def _notes() -> dict:
    """What a section leaves out, in the person's language."""
    return {
        "last_login_at": _("The tracker does not store when you last logged in."),
        "costs": _("Costs belong to ideas; the tracker does not record who entered them."),
        "comments": _(
            "Your comments and replies with their text; a removed comment with the text it had."
        ),
        "history": _(
            "Your own entries in the history: moves of ideas, changed benefit plans, "
            "extended pilots and the audit log."
        ),
    }


def personal_data(person: User, now: datetime) -> dict:
    """Everything the tracker holds that names the person, section by section."""
    return {
        "format": FORMAT,
        "exported_at": now,
        "profile": _profile(person),
        **{key: section(person) for key, section in SECTIONS},
        "history": {key: section(person) for key, section in HISTORY},
        "notes": _notes(),
    }


def export_own_data(person: User, now: datetime) -> dict:
    """A person downloads their own data; the download is written to the audit log."""
    data = personal_data(person, now)
    audit(person, AuditAction.EXPORT, person, "personal data downloaded (JSON)")
    return data


def plain(value):
    """JSON for the values the sections hold: dates as ISO 8601, amounts as exact text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    raise TypeError(f"{type(value).__name__} is not JSON")
