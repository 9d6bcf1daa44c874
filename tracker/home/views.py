"""The start page: what needs the signed-in person's attention."""

from flask import Blueprint, render_template
from flask_login import current_user, login_required

from tracker.auth.roles import MOVES_IDEAS
from tracker.ideas import queries

bp = Blueprint("home", __name__)


@bp.get("/")
@login_required
def index():
    f = queries.IdeaFilter(mine=True)
    manages = current_user.role in MOVES_IDEAS
    return render_template(
        "home/index.html",
        my_ideas=queries.idea_page(current_user, f, 1, 10).items,
        counts=queries.stage_counts(current_user),
        awaiting=queries.awaiting_owner(current_user) if manages else [],
        owned=queries.owned_by(current_user) if manages else [],
    )


@bp.get("/healthz")
def health():
    """A bare endpoint for load balancers (and the benchmark's baseline)."""
    return {"status": "ok"}
