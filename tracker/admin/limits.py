"""WIP limits: how many cards each board column should hold at most."""

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.admin import bp, services
from tracker.admin.forms import stage_limits_form
from tracker.admin.views import form_template, saved
from tracker.board.queries import stage_limits
from tracker.ideas.stages import BOARD
from tracker.web import run_form


@bp.route("/board", methods=["GET", "POST"])
def board():
    """One optional limit per board column; saving sets them all at once."""
    current = stage_limits(current_user.organisation_id)
    form = stage_limits_form(
        data={services.limit_field(stage): current.get(stage) for stage in BOARD}
    )
    back = url_for("admin.index")
    return run_form(
        form,
        lambda: services.set_stage_limits(
            current_user,
            {stage: form[services.limit_field(stage)].data for stage in BOARD},
        ),
        done=saved(back, _("The WIP limits are saved.")),
        render=form_template(
            form,
            back,
            _("WIP limits"),
            note=_(
                "The most cards a column of the board should hold. A column above its limit is "
                "marked on the board; moves into it are never blocked."
            ),
        ),
    )
