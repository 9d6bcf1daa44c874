"""Idea settings: whether new ideas start open to every member or confidential."""

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.admin import bp, services
from tracker.admin.forms import IdeaSettingsForm
from tracker.admin.views import form_template, saved
from tracker.web import run_form


@bp.route("/idea-settings", methods=["GET", "POST"])
def idea_settings():
    """The organisation's default for new ideas, open or confidential."""
    confidential = current_user.organisation.ideas_confidential_by_default
    form = IdeaSettingsForm(data={"new_ideas": "confidential" if confidential else "open"})
    back = url_for("admin.index")
    return run_form(
        form,
        lambda: services.set_ideas_confidential_by_default(
            current_user, form.new_ideas.data == "confidential"
        ),
        done=saved(back, _("The idea settings are saved.")),
        render=form_template(
            form,
            back,
            _("Idea settings"),
            note=_(
                "Every member of the organisation reads its ideas, except the confidential "
                "ones. This setting chooses how a new idea starts; its submitter or a "
                "responsible manager can change each idea."
            ),
        ),
    )
