"""Shared builders and readers for the idea view tests."""

import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from tests.factories import assess, make_idea, version_of
from tracker.extensions import db
from tracker.ideas.models import Idea, StageChange
from tracker.ideas.stages import Stage

STALE = "Someone else changed this idea while you were working on it"
REQUIRED = "This field is required."
NOT_A_CHOICE = "Not a valid choice."


def _idea_data(org, **overrides) -> dict:
    data = {
        "title": "Matsvinn i skolköket",
        "need": "Vi slänger mycket mat varje dag.",
        "proposal": "Väg svinnet dagligen och visa det.",
        "expected_benefit": "Mindre svinn.",
        "category_id": org.category.id,
        "unit_id": org.home_care.id,
        "source": "employee",
        "version": 0,
    }
    data.update(overrides)
    return data


def _submitted(org, **kw) -> Idea:
    idea = make_idea(org.employee, org.home_care, **kw)
    db.session.commit()
    return idea


def _in_screening(org, **kw) -> Idea:
    idea = make_idea(org.employee, org.home_care, Stage.SCREENING, owner_id=org.manager.id, **kw)
    db.session.commit()
    return idea


def _assessed(org, value: int = 3) -> Idea:
    idea = make_idea(org.employee, org.home_care, Stage.SCREENING, owner_id=org.manager.id)
    assess(idea, org.manager, value)
    db.session.commit()
    return idea


def _url(idea: Idea, action: str = "") -> str:
    return f"/ideas/{idea.id}" + (f"/{action}" if action else "")


def _flash(response) -> str:
    return " ".join(re.findall(r'<p class="message[^"]*">(.*?)</p>', response.text, re.S))


def _history(idea: Idea) -> list[tuple]:
    db.session.expire_all()
    rows = db.session.scalars(
        select(StageChange).where(StageChange.idea_id == idea.id).order_by(StageChange.id)
    )
    return [(r.from_stage, r.to_stage, r.actor_id, r.reason) for r in rows]


def _assessment_data(org, idea, **overrides) -> dict:
    data = {f"score_{c.id}": 3 for c in org.criteria}
    data.update(strategic_goal_id=org.goal.id, rationale="Bra", version=version_of(idea))
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _login_next(location: str) -> str | None:
    parts = urlsplit(location)
    assert parts.path == "/login"
    return parse_qs(parts.query).get("next", [None])[0]
