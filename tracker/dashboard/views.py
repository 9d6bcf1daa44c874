"""The leadership dashboard: leaders and admins, their own organisation, filters in the URL."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from flask import abort, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select

from tracker.auth.roles import READS_ORGANISATION
from tracker.dashboard import bp, charts, keep, queries, rules
from tracker.dashboard.drill import Figure, Selection, explain
from tracker.dashboard.models import FlowCell
from tracker.extensions import db
from tracker.ideas import listing
from tracker.ideas.stages import BOARD
from tracker.orgs.models import Category, StrategicGoal
from tracker.orgs.queries import organisation_choices
from tracker.orgs.scope import unit_choices
from tracker.templating import quarter_name, whole
from tracker.web import int_arg, page_or_fragment


@bp.before_request
@login_required
def leaders_and_admins_only() -> None:
    if current_user.role not in READS_ORGANISATION:
        abort(403)


def _years(organisation_id: int, today: date) -> list[int]:
    """The years ideas were submitted in, newest first, through this year."""
    first = db.session.scalar(
        select(func.min(FlowCell.period)).where(
            FlowCell.segment_id.in_(queries.segments(organisation_id, queries.DashFilter())),
            FlowCell.metric == rules.REACHED,
        )
    )
    return list(range(today.year, (first or today.year) - 1, -1))


def _kronor(amount) -> str:
    return whole(round(amount))


@bp.get("/")
def index():
    org = current_user.organisation_id
    today = date.today()
    if keep.settle_once_a_day(
        org, today
    ):  # statuses whose target date passed since they were written
        db.session.commit()
    years = _years(org, today)
    f = queries.DashFilter(
        unit_id=int_arg("unit"),
        year=year if (year := int_arg("year")) in years else None,
        goal_id=int_arg("goal"),
        category_id=int_arg("category"),
    )
    flow = queries.flow(org, f, today)
    portfolio = queries.portfolio(org, f)
    goals = organisation_choices(org, StrategicGoal)
    units = unit_choices(org)
    overdue_count, overdue = queries.overdue(org, f, today)
    benefits = queries.benefits(org, f)
    drill = drill_links(f)
    return page_or_fragment(
        "dashboard/index.html",
        "dashboard/_results.html",
        filter=f,
        uncounted=queries.uncounted(org),
        flow=flow,
        portfolio=portfolio,
        benefits=benefits,
        breakdowns=_breakdowns(drill, benefits, dict(goals), dict(units)),
        drill=drill,
        overdue_count=overdue_count,
        overdue=overdue,
        longest=queries.longest_standing(org, f),
        charts=_charts(flow, portfolio),
        today=today,
        units=units,
        goals=goals,
        categories=organisation_choices(org, Category),
        years=[(y, str(y)) for y in years],
        closed=queries.CLOSED,
    )


@bp.get("/ideas")
def ideas():
    """The ideas behind a dashboard figure, in the idea list, under the dashboard's filters."""
    org = current_user.organisation_id
    chosen = Selection.from_args(request.args)
    f = chosen.narrow(listing.idea_filter(), org, date.today())
    drilled = explain(chosen.figure, chosen.category_id, chosen.goal_id, org)
    return listing.idea_list(f, "dashboard.ideas", chosen.args(), drilled)


def drill_links(f: queries.DashFilter):
    """A function that writes the link from a figure to the ideas behind it, under the filter:
    the list's address is built once, as a page links a few hundred figures."""
    base = url_for("dashboard.ideas", **f.args())
    base += "&fig=" if "?" in base else "?fig="

    def drill(kind: str, stage=None, period: int | None = None, value="") -> str:
        return base + quote(Figure(kind, stage, period or None, str(value)).arg(), safe=":")

    return drill


def _breakdowns(drill, benefits: queries.Benefits, goals: dict, units: dict):
    """The realised-against-planned tables: (title, [(name, drill-down link, money)])."""
    return [
        (
            _("Strategic goal"),
            [
                (goals.get(k) or _("No strategic goal"), drill("goal", value=k), money)
                for k, money in sorted(benefits.by_goal.items())
            ],
        ),
        (
            _("Unit"),
            [
                (units.get(k, "").strip("\u2003") or _("Archived unit"), drill("unit", value=k), m)
                for k, m in sorted(benefits.by_unit.items())
            ],
        ),
        (
            _("Benefit type"),
            [(t.label, drill("type", value=t.value), m) for t, m in benefits.by_type.items()],
        ),
    ]


def _charts(flow: queries.Flow, portfolio: list[queries.YearRow]) -> dict:
    labels = [quarter_name(q) for q in flow.quarters]
    return {
        "funnel": charts.bar_chart(
            [s.label for s in BOARD],
            [(_("Reached"), [flow.funnel.reached.get(s, 0) for s in BOARD])],
            horizontal=True,
            fmt=_kronor,
        ),
        "flow": charts.bar_chart(
            labels,
            [(_("Started"), flow.started), (_("Finished"), flow.finished)],
            fmt=_kronor,
        ),
        "cfd": charts.stacked_area(
            labels,
            [(s.label, flow.in_stage.get(s.value, [0] * len(labels))) for s in reversed(BOARD)],
            fmt=_kronor,
        ),
        "portfolio": charts.bar_chart(
            [str(r.year) for r in portfolio],
            [
                (_("Planned benefit"), [r.planned_sek for r in portfolio]),
                (_("Realised benefit"), [r.realised_sek for r in portfolio]),
                (_("Planned cost"), [r.planned_cost for r in portfolio]),
                (_("Actual cost"), [r.actual_cost for r in portfolio]),
            ],
            fmt=_kronor,
        ),
    }
