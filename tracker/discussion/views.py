"""Comment routes: the thread, post, reply, edit, remove, and whom to mention. Every route
checks the idea's read rights first (404 outside the organisation, 403 without them)."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.discussion import bp, mentions, page, queries, services
from tracker.discussion.forms import CommentForm, EditCommentForm, RemoveCommentForm, ReplyForm
from tracker.discussion.models import Comment
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.web import MAX_ID, redirect_to, run_form, trigger, wants_fragment

bp.before_request(login_required(lambda: None))

CHANGED = "commentsChanged"  # the HX-Trigger event after a change of the thread


def _comment(comment_id: int) -> tuple[Comment, Idea]:
    """The comment and its idea, if the reader may read the idea."""
    comment = queries.comment_of(comment_id) if 0 < comment_id <= MAX_ID else None
    if comment is None:
        abort(404)
    return comment, access.idea_for(current_user, comment.idea_id)


def _thread(idea: Idea, status: int = 200, changed: bool = False, **shown):
    response = make_response(
        render_template(
            "discussion/_thread.html", discussion=page.context(idea, current_user, **shown)
        ),
        status,
    )
    response.vary.add("HX-Request")
    return trigger(response, CHANGED) if changed else response


def _done(idea: Idea, message: str):
    """After a change: the thread for HTMX, else the message and the idea page at the comment."""

    def done(comment: Comment):
        if wants_fragment():
            return _thread(idea, changed=True)
        flash(message, "success")
        return redirect_to(url_for("ideas.show", idea_id=idea.id, _anchor=f"comment-{comment.id}"))

    return done


def _form_page(idea: Idea, form, title: str, action: str, comment: Comment | None = None, **shown):
    """A form again: inline in the thread for HTMX, else on a page of its own (no JavaScript)."""
    if wants_fragment():
        if comment is not None and shown.get("mode"):
            open_form = page.Open(shown["mode"], comment.id, form)
            return _thread(idea, open_form=open_form)
        return _thread(idea, form=form)
    return render_template(
        "discussion/form.html", idea=idea, form=form, title=title, action=action, comment=comment
    )


@bp.get("/ideas/<int:idea_id>/comments")
def thread(idea_id: int):
    """The thread as a fragment, to refresh it; a plain request goes to the idea page."""
    idea = access.idea_for(current_user, idea_id)
    if not wants_fragment():
        return redirect(url_for("ideas.show", idea_id=idea.id, _anchor="comments"))
    return _thread(idea)


@bp.post("/ideas/<int:idea_id>/comments/new")
def post(idea_id: int):
    idea = access.idea_for(current_user, idea_id)
    form = CommentForm()
    action = url_for("discussion.post", idea_id=idea.id)
    return run_form(
        form,
        lambda: services.post_comment(idea, current_user, form.body.data),
        done=_done(idea, _("Your comment is posted.")),
        render=lambda: _form_page(idea, form, _("Comment on the idea"), action),
    )


def _on_comment(comment: Comment, idea: Idea, form, mode: str, action, texts: tuple[str, str]):
    """A form on a comment ("reply" or "edit"): the change, or the form again inline."""
    title, message = texts
    url = url_for(f"discussion.{mode}", comment_id=comment.id)
    return run_form(
        form,
        action,
        done=_done(idea, message),
        render=lambda: _form_page(idea, form, title, url, comment, mode=mode),
    )


def _back_to(idea: Idea, comment: Comment, message) -> object:
    flash(str(message), "error")
    return redirect_to(url_for("ideas.show", idea_id=idea.id, _anchor=f"comment-{comment.id}"))


@bp.route("/comments/<int:comment_id>/reply", methods=["GET", "POST"])
def reply(comment_id: int):
    comment, idea = _comment(comment_id)
    form = ReplyForm()
    return _on_comment(
        comment,
        idea,
        form,
        "reply",
        lambda: services.post_comment(idea, current_user, form.body.data, parent_id=comment.id),
        (_("Reply to the comment"), _("Your reply is posted.")),
    )


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
def edit(comment_id: int):
    """The author changes the comment while the minutes last; after them, they are told so."""
    comment, idea = _comment(comment_id)
    if comment.author_id != current_user.id or comment.removed_at is not None:
        abort(403)
    if request.method == "GET" and not services.may_edit(current_user, comment):
        return _back_to(idea, comment, services.TOO_LATE)
    form = EditCommentForm(data={"body": comment.body} if request.method == "GET" else None)
    return _on_comment(
        comment,
        idea,
        form,
        "edit",
        lambda: services.edit_comment(comment, current_user, form.body.data),
        (_("Change your comment"), _("Your comment is changed.")),
    )


@bp.route("/comments/<int:comment_id>/remove", methods=["GET", "POST"])
def remove(comment_id: int):
    """The author, a manager in scope or an admin removes the comment, after a confirmation."""
    comment, idea = _comment(comment_id)
    if comment.removed_at is not None:
        return _back_to(idea, comment, services.GONE)
    if not services.may_remove(current_user, comment, idea):
        abort(403)
    form = RemoveCommentForm()
    return run_form(
        form,
        lambda: services.remove_comment(comment, current_user),
        done=_done(idea, _("The comment is removed.")),
        render=lambda: render_template(
            "discussion/remove.html", idea=idea, comment=comment, form=form
        ),
    )


@bp.get("/ideas/<int:idea_id>/comments/people")
def people(idea_id: int):
    """Whom the reader may mention: people of the organisation who may read the idea, by the
    beginning of their name or e-mail address (?q=), as a listbox fragment."""
    idea = access.idea_for(current_user, idea_id)
    found = mentions.suggestions(idea, current_user, request.args.get("q", ""))
    response = make_response(render_template("discussion/_people.html", people=found))
    response.vary.add("HX-Request")
    return response
