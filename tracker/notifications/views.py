"""The notifications page, marking read, opening one, and the follow button of an idea."""

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.extensions import db
from tracker.ideas import access
from tracker.notifications import bp, follows, queries, services
from tracker.notifications.describe import sentence
from tracker.notifications.queries import BELL_MAX
from tracker.web import int_arg, page_or_fragment, redirect_to, trigger, wants_fragment

bp.before_request(login_required(lambda: None))


@bp.app_context_processor
def notification_helpers() -> dict:
    """What base.html and the idea page call: nothing is read until a template asks."""
    return {
        "unread_notifications": lambda: queries.unread_count(current_user),
        "bell_max": BELL_MAX,
        "follow_of": lambda idea: queries.follow_of(current_user, idea.id),
        "notification_sentence": lambda item: sentence(
            item.notification, item.idea_title, item.actor_name
        ),
    }


def _page_number() -> int:
    return int_arg("page") or 1


@bp.get("/notifications/")
def index():
    page = queries.notification_page(current_user, _page_number())
    return page_or_fragment("notifications/index.html", "notifications/_list.html", page=page)


def _own(notification_id: int):
    """The signed-in person's notification of an idea they may still read; else 404."""
    notification = queries.own_notification(current_user, notification_id)
    if notification is None:
        abort(404)
    return notification


@bp.get("/notifications/<int:notification_id>/open")
def open_item(notification_id: int):
    """Opening a notification marks it read and leads to its idea (to the comment, if any)."""
    notification = _own(notification_id)
    services.mark_read(current_user, notification)
    db.session.commit()
    anchor = f"comment-{notification.subject_id}" if notification.subject == "comment" else None
    return redirect(url_for("ideas.show", idea_id=notification.idea_id, _anchor=anchor))


@bp.post("/notifications/<int:notification_id>/read")
def read(notification_id: int):
    services.mark_read(current_user, _own(notification_id))
    db.session.commit()
    if wants_fragment():
        item = queries.item_of(current_user, notification_id)
        response = make_response(render_template("notifications/_read.html", item=item))
        response.vary.add("HX-Request")
        return trigger(response, "notificationsChanged")
    flash(_("The notification is marked as read."), "success")
    return redirect_to(url_for("notifications.index", page=_page_number()))


@bp.post("/notifications/read-all")
def read_all():
    services.mark_all_read(current_user)
    db.session.commit()
    if wants_fragment():
        page = queries.notification_page(current_user, _page_number())
        response = make_response(render_template("notifications/_list.html", page=page))
        response.vary.add("HX-Request")
        return trigger(response, "notificationsChanged")
    flash(_("All notifications are marked as read."), "success")
    return redirect_to(url_for("notifications.index"))


@bp.post("/ideas/<int:idea_id>/follow")
def follow(idea_id: int):
    """Follow the idea, or stop following it; an HTMX request gets the button back."""
    idea = access.idea_for(current_user, idea_id)
    following = follows.toggle_follow(idea, current_user)
    db.session.commit()
    if wants_fragment():
        response = make_response(render_template("notifications/_follow.html", idea=idea))
        response.vary.add("HX-Request")
        return trigger(response, "followChanged")
    if following:
        flash(_("You follow the idea."), "success")
    else:
        flash(_("You no longer follow the idea."), "success")
    return redirect_to(url_for("ideas.show", idea_id=idea.id))
