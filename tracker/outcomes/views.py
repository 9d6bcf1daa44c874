"""The outcomes page: what happened to the organisation's ideas, for every signed-in user."""

from flask import render_template
from flask_login import current_user, login_required

from tracker.outcomes import bp, queries


@bp.get("/outcomes/")
@login_required
def index():
    org = current_user.organisation_id
    return render_template(
        "outcomes/index.html",
        counts=queries.counts_by_stage(org),
        realised=queries.latest_realised(current_user),
    )
