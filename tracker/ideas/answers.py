"""The answer to a saved change of an idea, shared by the ideas, pilots and rollouts views."""

from flask import Response, flash, request, url_for

from tracker.web import next_url_is_safe, redirect_to


def saved(message: str, idea_id: int | None = None, then=None):
    """After a saved change of an idea: `message`, then `then()`, a safe `next` or the idea page
    (`idea_id`, else the id the service returned, read before the commit)."""

    def done(result) -> Response:
        flash(message, "success")
        back = request.args.get("next")
        if then is not None and then():
            return redirect_to(then())
        if next_url_is_safe(back):
            return redirect_to(back)
        return redirect_to(url_for("ideas.show", idea_id=idea_id or result))

    return done
