"""The learnings page: every pilot evaluation's learnings in the organisation."""

from flask import render_template

from tracker.pilots.views import bp


@bp.get("/learnings/")
def learnings():
    return render_template("pilots/learnings.html")
