"""The idea list as a page: the ideas.index view and the dashboard's drill-downs both show it."""

from flask import abort, current_app, request
from flask_babel import gettext as _
from flask_login import current_user

from tracker.ideas import queries
from tracker.orgs.scope import unit_choices
from tracker.rollouts import queries as rollout_queries
from tracker.web import int_arg, page_or_fragment


def idea_filter() -> queries.IdeaFilter:
    """The idea list's filters from the query string; an unknown stage is a 400."""
    try:
        return queries.IdeaFilter.from_args(request.args)
    except ValueError:
        abort(400, _("Unknown stage: %(stage)s", stage=request.args.get("stage", "")))


def idea_list(
    f: queries.IdeaFilter,
    endpoint: str = "ideas.index",
    selection_args: dict | None = None,
    drilled: list[str] | None = None,
):
    """A page of the readable ideas that pass the filter; `selection_args` carry another page's
    selection through the list's own filters, `drilled` says what it is."""
    page = queries.idea_page(
        current_user, f, int_arg("page") or 1, current_app.config["IDEAS_PER_PAGE"]
    )
    return page_or_fragment(
        "ideas/index.html",
        "ideas/_results.html",
        page=page,
        progress=rollout_queries.progress_by_idea(i.id for i in page.items),
        filter=f,
        units=unit_choices(current_user.organisation_id),
        endpoint=endpoint,
        selection_args=selection_args or {},
        drilled=drilled or [],
    )
