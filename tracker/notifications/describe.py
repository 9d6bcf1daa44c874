"""What a notification says, in the reader's language: one sentence and where it leads.

The rows' conventions, which every writer of notifications keeps:
- STAGE, DECISION: `subject` is the stage moved to (a Stage value), `subject_id` the
  StageChange, `text` the reason as written (empty for a plain move);
- COMMENT, MENTION: `subject` "comment", `subject_id` the Comment;
- ROLE: `subject` one of tracker.events.ROLES, `subject_id` the pilot, benefit, rollout unit or
  activity where there is one;
- WAITING: `subject` one of WAITING_SUBJECTS, `subject_id` the idea, benefit, pilot or activity;
  `key` names the item and its due day, so that a sweep writes it once.
"""

from __future__ import annotations

from flask_babel import gettext as _

from tracker.ideas.stages import Stage
from tracker.notifications.models import Kind, Notification

WAITING_SUBJECTS = ("take", "sign_off", "evaluate", "follow_up", "activity")


def sentence(notification: Notification, idea_title: str, actor_name: str | None) -> str:
    """The notification as one plain sentence (the caller escapes it)."""
    kind, subject = notification.kind, notification.subject
    who = actor_name or _("Someone")
    if kind is Kind.STAGE:
        return _(
            "%(actor)s moved “%(idea)s” to %(stage)s",
            actor=who,
            idea=idea_title,
            stage=_stage_label(subject),
        )
    if kind is Kind.DECISION:
        return _(
            "%(actor)s decided on “%(idea)s”: %(stage)s",
            actor=who,
            idea=idea_title,
            stage=_stage_label(subject),
        )
    if kind is Kind.COMMENT:
        return _("%(actor)s commented on “%(idea)s”", actor=who, idea=idea_title)
    if kind is Kind.MENTION:
        return _("%(actor)s mentioned you on “%(idea)s”", actor=who, idea=idea_title)
    if kind is Kind.ROLE:
        return _role_sentence(subject, who, idea_title)
    return _waiting_sentence(subject, idea_title)


def _stage_label(value: str) -> str:
    try:
        return str(Stage(value).label)
    except ValueError:
        return value


def _role_sentence(role: str, who: str, idea: str) -> str:
    sentences = {
        "owner": _("%(actor)s made you responsible for “%(idea)s”", actor=who, idea=idea),
        "pilot_owner": _("%(actor)s made you pilot owner of “%(idea)s”", actor=who, idea=idea),
        "benefit_owner": _(
            "%(actor)s made you owner of a benefit of “%(idea)s”", actor=who, idea=idea
        ),
        "unit_contact": _(
            "%(actor)s made you a unit's contact in the rollout of “%(idea)s”",
            actor=who,
            idea=idea,
        ),
        "activity_owner": _(
            "%(actor)s gave you an activity in the rollout of “%(idea)s”", actor=who, idea=idea
        ),
    }
    return sentences.get(role) or _("%(actor)s gave you a role on “%(idea)s”", actor=who, idea=idea)


def _waiting_sentence(subject: str, idea: str) -> str:
    sentences = {
        "take": _("“%(idea)s” waits for a responsible manager", idea=idea),
        "sign_off": _("A benefit of “%(idea)s” waits for your sign-off", idea=idea),
        "evaluate": _("The pilot of “%(idea)s” waits for its evaluation", idea=idea),
        "follow_up": _("A follow-up of a benefit of “%(idea)s” is due", idea=idea),
        "activity": _("An activity in the rollout of “%(idea)s” is due", idea=idea),
    }
    return sentences.get(subject) or _("“%(idea)s” waits for you", idea=idea)
