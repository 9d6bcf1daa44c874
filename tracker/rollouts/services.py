"""State changes of rollouts: the plan, a unit's status, an activity done."""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from tracker import validation as check
from tracker.auth.members import check_member
from tracker.auth.models import User
from tracker.events import RoleGiven, publish
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import TEXT_MAX, Idea, utcnow
from tracker.ideas.services import ensure_fresh, move_idea
from tracker.ideas.stages import Stage
from tracker.pilots.rules import UnitStatus
from tracker.refusals import Forbidden, Refused
from tracker.rollouts.models import Activity, Rollout, RolloutUnit

# The stages in which the rollout plan is written or revised.
PLANNING_STAGES = (Stage.PRIORITISED, Stage.PILOT, Stage.ROLLOUT, Stage.FOLLOW_UP)


@dataclass
class UnitInput:
    unit_id: int
    status: UnitStatus
    starts_on: date
    ends_on: date
    contact_id: int


@dataclass
class ActivityInput:
    description: str
    owner_id: int
    due_on: date
    done: bool = False
    id: int | None = None  # an activity of the plan being revised


@dataclass
class RolloutInput:
    units: list[UnitInput]
    activities: list[ActivityInput]
    reason: str = ""  # why a prioritised idea skips the pilot


def rollout_of(idea: Idea) -> Rollout | None:
    return db.session.scalar(db.select(Rollout).where(Rollout.idea_id == idea.id))


def plan_rollout(idea: Idea, planner: User, data: RolloutInput, version: int | None) -> Rollout:
    """The idea's manager writes or revises the rollout plan. From a scaled-up pilot, or from
    prioritised with a reason for skipping the pilot, the idea then moves to rollout."""
    if not access.can_manage(planner, idea):
        raise Forbidden(_l("Only the idea's manager or an administrator may do this."))
    ensure_fresh(idea, version)
    if idea.stage not in PLANNING_STAGES:
        raise Refused(_l("A rollout is planned for a prioritised idea or a pilot."))
    _check(idea, data)
    rollout = rollout_of(idea) or Rollout(idea_id=idea.id, planned_by_id=planner.id)
    roles = _sync_units(rollout, data.units) | _sync_activities(rollout, data.activities)
    db.session.add(rollout)
    idea.updated_at = utcnow()
    db.session.flush()
    for user_id, role in sorted(roles):
        publish(RoleGiven(idea, db.session.get(User, user_id), role, planner))
    if idea.stage in (Stage.PRIORITISED, Stage.PILOT):
        move_idea(idea, planner, Stage.ROLLOUT, version=None, reason=data.reason)
    return rollout


def _check_input(data: RolloutInput) -> None:
    """Ids, enum members and sane dates in every row; texts that fit their columns without
    control characters."""
    for row in data.units:
        check.identifier("units", row.unit_id)
        check.member("units", row.status, UnitStatus)
        check.day("units", row.starts_on)
        check.day("units", row.ends_on)
        check.identifier("units", row.contact_id)
    description_max = check.column_length(Activity.description)
    for activity in data.activities:
        check.text("activities", activity.description, description_max)
        check.identifier("activities", activity.owner_id)
        check.day("activities", activity.due_on)
        check.identifier("activities", activity.id, required=False)
    check.text("reason", data.reason, TEXT_MAX)


def _check(idea: Idea, data: RolloutInput) -> None:
    _check_input(data)
    if not data.units:
        raise Refused(_l("Name at least one adopting unit."))
    unit_ids = [u.unit_id for u in data.units]
    if len(set(unit_ids)) != len(unit_ids):
        raise Refused(_l("Each unit appears once in the plan."))
    for row in data.units:
        if row.ends_on < row.starts_on:
            raise Refused(_l("The end must be on or after the start."))
        check_member(idea.organisation_id, row.contact_id, row.unit_id)
    for activity in data.activities:
        if not activity.description.strip():
            raise Refused(_l("Describe the activity."))
        check_member(idea.organisation_id, activity.owner_id)


def _sync_units(rollout: Rollout, rows: list[UnitInput]) -> set[tuple[int, str]]:
    """The plan's units become these rows; a unit kept in the plan keeps its row. Returns the
    (person, "unit_contact") of each contact new to their unit."""
    existing = {u.unit_id: u for u in rollout.units}
    kept, roles = [], set()
    for row in rows:
        unit = existing.get(row.unit_id) or RolloutUnit(unit_id=row.unit_id)
        if unit.contact_id != row.contact_id:
            roles.add((row.contact_id, "unit_contact"))
        unit.status = row.status
        unit.starts_on, unit.ends_on, unit.contact_id = row.starts_on, row.ends_on, row.contact_id
        kept.append(unit)
    rollout.units = kept
    return roles


def _sync_activities(rollout: Rollout, rows: list[ActivityInput]) -> set[tuple[int, str]]:
    """The plan's activities become these rows; returns the (person, "activity_owner") of each
    owner new to their activity."""
    existing = {a.id: a for a in rollout.activities}
    kept, roles = [], set()
    for row in rows:
        activity = existing.pop(row.id, None) if row.id else None  # each saved row once
        activity = activity or Activity()
        if activity.owner_id != row.owner_id:
            roles.add((row.owner_id, "activity_owner"))
        activity.description = row.description.strip()
        activity.owner_id, activity.due_on = row.owner_id, row.due_on
        if row.done != activity.done:
            activity.done, activity.done_at = row.done, utcnow() if row.done else None
        kept.append(activity)
    rollout.activities = kept
    return roles


def may_update_unit(user: User, unit: RolloutUnit) -> bool:
    """The unit's contact person, or the idea's manager, updates the unit's status."""
    return unit.contact_id == user.id or access.can_manage(user, unit.rollout.idea)


def may_update_activity(user: User, activity: Activity) -> bool:
    """The activity's owner, or the idea's manager, marks it done."""
    return activity.owner_id == user.id or access.can_manage(user, activity.rollout.idea)


def set_unit_status(unit: RolloutUnit, user: User, status: UnitStatus) -> None:
    """A unit's contact reports where the unit is in the rollout."""
    if not may_update_unit(user, unit):
        raise Forbidden(_l("Only the unit's contact person or the idea's manager may do this."))
    check.member("status", status, UnitStatus)
    if unit.status is not status:
        unit.status = status
        unit.rollout.idea.updated_at = utcnow()  # open plan forms learn of the change
    db.session.flush()


def set_activity_done(activity: Activity, user: User, done: bool) -> None:
    """An activity's owner marks it done, or not done after all."""
    if not may_update_activity(user, activity):
        raise Forbidden(_l("Only the activity's owner or the idea's manager may do this."))
    if activity.done != done:
        activity.done, activity.done_at = done, utcnow() if done else None
        activity.rollout.idea.updated_at = utcnow()
    db.session.flush()
