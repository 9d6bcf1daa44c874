"""The start page: what needs the signed-in person's attention."""

from datetime import date

from flask import render_template
from flask_login import current_user, login_required

from tracker.auth.roles import MOVES_IDEAS
from tracker.home import bp
from tracker.ideas import queries
from tracker.notifications.waiting import waiting_for
from tracker.rollouts import queries as rollout_queries


@bp.get("/")
@login_required
def index():
    f = queries.IdeaFilter(mine=True)
    manages = current_user.role in MOVES_IDEAS
    today = date.today()
    my_ideas = queries.idea_page(current_user, f, 1, 10).items
    owned = queries.owned_by(current_user) if manages else []
    return render_template(
        "home/index.html",
        my_ideas=my_ideas,
        counts=queries.stage_counts(current_user),
        waiting=waiting_for(current_user, today),
        owned=owned,
        progress=rollout_queries.progress_by_idea({i.id for i in my_ideas + owned}),
        my_units=rollout_queries.my_units(current_user),
        my_activities=[],  # they wait for the person: in the waiting list
        today=today,
    )


@bp.get("/healthz")
def health():
    """A bare endpoint for load balancers (and the benchmark's baseline)."""
    return {"status": "ok"}
