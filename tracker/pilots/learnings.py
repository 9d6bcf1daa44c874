"""The learnings page: every pilot evaluation's learnings in the organisation."""

from dataclasses import dataclass
from datetime import datetime

from flask import abort, request
from flask_babel import gettext as _
from flask_babel import to_user_timezone, to_utc
from flask_login import current_user
from sqlalchemy import ColumnElement, Select, extract, func, select
from sqlalchemy.orm import contains_eager, selectinload

from tracker.auth.models import User
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.orgs.models import Category
from tracker.orgs.queries import organisation_choices
from tracker.orgs.scope import subtree_ids, unit_choices
from tracker.pilots import bp
from tracker.pilots.models import CriterionResult, Evaluation, Pilot
from tracker.pilots.rules import Decision
from tracker.search_text import contains_text
from tracker.web import int_arg, page_or_fragment

PER_PAGE = 20


@dataclass
class LearningFilter:
    q: str = ""
    decision: Decision | None = None
    unit_id: int | None = None  # the pilot unit, with its sub-units
    category_id: int | None = None
    year: int | None = None  # of the evaluation, in the user's time zone

    @property
    def active(self) -> bool:
        return any((self.q.strip(), self.decision, self.unit_id, self.category_id, self.year))


def _text_match(q: str) -> ColumnElement[bool]:
    """Any of the learnings, what changes, the hypothesis or the idea's title contains q,
    whatever the letter case."""
    columns = (Evaluation.learnings, Evaluation.changes, Pilot.hypothesis, Idea.title)
    return contains_text(columns, q)


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    """The stored (UTC) times at which the year starts and ends in the user's time zone."""
    return to_utc(datetime(year, 1, 1)), to_utc(datetime(year + 1, 1, 1))


def _readable_by(user: User) -> Select:
    """The evaluations of the ideas the user reads: a confidential idea's learnings stay with
    its readers."""
    return select(Evaluation).join(Evaluation.pilot).join(Pilot.idea).where(access.readable(user))


def learning_page(user: User, f: LearningFilter, page: int, per_page: int = PER_PAGE):
    """One page of the evaluations of the ideas the user reads, newest first, whatever their
    decision, with the pilot, idea, unit, category and criteria loaded."""
    organisation_id = user.organisation_id
    query = _readable_by(user).options(
        contains_eager(Evaluation.pilot).options(
            contains_eager(Pilot.idea).selectinload(Idea.category), selectinload(Pilot.unit)
        ),
        selectinload(Evaluation.results).selectinload(CriterionResult.criterion),
    )
    if f.q.strip():
        query = query.where(_text_match(f.q.strip()))
    if f.decision:
        query = query.where(Evaluation.decision == f.decision)
    if f.unit_id:
        query = query.where(Pilot.unit_id.in_(subtree_ids(organisation_id, f.unit_id)))
    if f.category_id:
        query = query.where(Idea.category_id == f.category_id)
    if f.year:
        start, end = _year_bounds(f.year)
        query = query.where(Evaluation.at >= start, Evaluation.at < end)
    return db.paginate(
        query.order_by(Evaluation.at.desc(), Evaluation.id.desc()),
        page=page,
        per_page=per_page,
        error_out=False,
    )


def learning_years(user: User) -> list[int]:
    """The years of the evaluations the user reads, newest first."""
    # Grouped by the UTC year: each group's first and last evaluation give its local years.
    rows = db.session.execute(
        _readable_by(user)
        .with_only_columns(func.min(Evaluation.at), func.max(Evaluation.at))
        .group_by(extract("year", Evaluation.at))
    ).all()
    return sorted({to_user_timezone(at).year for row in rows for at in row}, reverse=True)


def _decision_arg() -> Decision | None:
    value = request.args.get("decision", "")
    if not value:
        return None
    if value not in Decision._value2member_map_:
        abort(400, _("Unknown decision: %(decision)s", decision=value))
    return Decision(value)


@bp.get("/learnings/")
def learnings():
    user = current_user
    org = user.organisation_id
    years = learning_years(user)
    f = LearningFilter(
        q=request.args.get("q", "")[:200],
        decision=_decision_arg(),
        unit_id=int_arg("unit"),
        category_id=int_arg("category"),
        year=year if (year := int_arg("year")) in years else None,
    )
    page = learning_page(user, f, int_arg("page") or 1)
    return page_or_fragment(
        "pilots/learnings.html",
        "pilots/_learnings.html",
        page=page,
        filter=f,
        decisions=[(d.value, d.label) for d in Decision],
        units=unit_choices(org),
        categories=organisation_choices(org, Category),
        years=[(year, str(year)) for year in years],
    )
