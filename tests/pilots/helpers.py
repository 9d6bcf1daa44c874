"""Shared builders and readers for the pilot and rollout view tests."""

import html
import re
from datetime import timedelta

from tests.factories import db_state, reload, version_of
from tests.pilot_factories import TODAY, evaluate, pilot_state, plan_pilot, prioritised_idea
from tracker.extensions import db
from tracker.pilots.rules import Decision
from tracker.rollouts.models import Rollout

# ---------------------------------------------------- readers shared by the pilot view tests


def field_error(response, name: str) -> str:
    """The error shown on a field, or "". It must be tied to the field by aria-describedby: on
    the control itself, or on the fieldset of a radio group or a list of rows."""
    found = re.search(rf'<p class="error" id="{name}-error">(.*?)</p>', response.text, re.S)
    if not found:
        return ""
    owner = re.search(
        rf'<(?:input|select|textarea|fieldset)\b[^>]*\bid="{name}"[^>]*>', response.text
    ) or re.search(
        rf'<fieldset\b[^>]*aria-describedby="[^"]*{name}-error[^"]*"[^>]*>', response.text
    )
    assert owner, f"nothing carries the error of {name}"
    assert re.search(rf'aria-describedby="(?:[^"]* )?{name}-error(?: [^"]*)?"', owner.group(0))
    return html.unescape(found.group(1)).strip()


def unchanged():
    """The idea tables and the pilot tables, to compare before and after a refused write."""
    return db_state(), pilot_state()


def other_client(app, user):
    """A second browser, signed in as someone else, that changes the idea meanwhile."""
    other = app.test_client()
    other.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    with other.session_transaction() as session:
        session["_user_id"] = user.get_id()
    return other


def in_pilot(org, **kw):
    """A prioritised idea with a running pilot (ends in 30 days), planned by the manager."""
    idea = prioritised_idea(org)
    plan_pilot(idea, org.manager, **kw)
    return reload(idea)


# ---------------------------------------------------- a rollout plan, for the rollout view tests


def rollout_url(idea) -> str:
    return f"/ideas/{idea.id}/rollout"


def scaled_up(org):
    """An idea whose pilot was evaluated with "scale up": it waits for its rollout plan."""
    idea = in_pilot(org)
    evaluate(idea, org.manager, Decision.SCALE_UP)
    return reload(idea)


def iso_day(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


def unit_row(i: int, unit, contact, status="planned", starts=0, ends=60) -> dict:
    return {
        f"units-{i}-unit_id": unit.id if unit else "",
        f"units-{i}-status": status,
        f"units-{i}-starts_on": iso_day(starts) if starts is not None else "",
        f"units-{i}-ends_on": iso_day(ends) if ends is not None else "",
        f"units-{i}-contact_id": contact.id if contact else "",
    }


def activity_row(i: int, text: str, owner, due=14, done=False, row_id=None) -> dict:
    data = {
        f"activities-{i}-id": row_id or "",
        f"activities-{i}-description": text,
        f"activities-{i}-owner_id": owner.id if owner else "",
        f"activities-{i}-due_on": iso_day(due) if due is not None else "",
    }
    if done:
        data[f"activities-{i}-done"] = "y"
    return data


def rollout_plan(org, idea, **overrides) -> dict:
    """Two adopting units and one activity."""
    data = {
        "version": version_of(idea),
        **unit_row(0, org.social, org.manager),
        **unit_row(1, org.home_care, org.employee, "in_progress"),
        **activity_row(0, "Utbilda personalen i e-signering", org.leader),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def rollout_units(idea) -> list[tuple]:
    db.session.expire_all()
    rollout = db.session.scalar(db.select(Rollout).where(Rollout.idea_id == idea.id))
    return [(u.id, u.unit_id, u.status, u.contact_id) for u in rollout.units]
