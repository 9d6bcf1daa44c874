"""The one place that reads HX-* headers: full page or fragment, HTMX-aware redirects, and the
one form runner (validate, call the service, commit, or show the form again with its errors)."""

from collections.abc import Callable, Mapping
from urllib.parse import urlsplit, urlunsplit

from flask import Response, flash, g, make_response, redirect, render_template, request
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError

from tracker.extensions import db, htmx
from tracker.refusals import Refused


def wants_fragment() -> bool:
    """A real HTMX swap: not a boosted navigation and not a history restore."""
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def page_or_fragment(
    page_template: str, fragment_template: str, status: int = 200, **context
) -> Response:
    """Render the page, or only its fragment for an HTMX swap; caches must keep them apart."""
    template = fragment_template if wants_fragment() else page_template
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response


def redirect_to(location: str) -> Response:
    """A redirect that also works for HTMX requests (HX-Redirect makes a full navigation)."""
    if htmx:
        response = make_response("", 204)
        response.headers["HX-Redirect"] = location
        return response
    return redirect(location)


def saved(message: str, location: str) -> Response:
    """After a saved change: the message, flashed as a success, and on to `location`."""
    flash(message, "success")
    return redirect_to(location)


def trigger(response: Response, event: str) -> Response:
    response.headers["HX-Trigger"] = event
    return response


def is_htmx() -> bool:
    return bool(htmx)


def next_url_is_safe(target: str | None) -> bool:
    """Only a path on this site: no scheme, no host, no protocol-relative or backslash tricks."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    return "\\" not in target and not any(ord(c) < 32 for c in target)


def current_path() -> str:
    return request.full_path.rstrip("?")


def return_path() -> str | None:
    """Where to come back to after logging in: the page the person was on, never a POST action.

    An HTMX request names its page in HX-Current-URL; a plain GET is its own page.
    """
    if htmx:
        return own_path(htmx.current_url)
    return current_path() if request.method in ("GET", "HEAD") else None


def own_path(url: str | None) -> str | None:
    """The path and query of a URL on this site (as the browser names it), else None."""
    parts = urlsplit(url or "")
    path = urlunsplit(("", "", parts.path, parts.query, ""))
    return path if parts.netloc == request.host and next_url_is_safe(path) else None


# The largest id an INTEGER column holds (PostgreSQL's is 32-bit); a larger one cannot exist.
MAX_ID = 2**31 - 1


def parse_id(value: str | None, minimum: int = 1) -> int | None:
    """A whole number in ASCII digits from `minimum` to MAX_ID; anything else is None."""
    # "²".isdigit(), but int("²") fails; a very long string would exceed int()'s digit limit.
    if not value or len(value) > len(str(MAX_ID)) or not (value.isascii() and value.isdigit()):
        return None
    return number if minimum <= (number := int(value)) <= MAX_ID else None


def int_arg(name: str, args: Mapping[str, str] | None = None, minimum: int = 1) -> int | None:
    """A whole number from the query string (or `args`); anything else is None (see parse_id)."""
    return parse_id((request.args if args is None else args).get(name), minimum)


def run_form(
    form: FlaskForm,
    action: Callable,
    *,
    done: Callable[[object], Response],
    render: Callable,
    version: Callable[[], int] | None = None,
) -> Response:
    """A valid form's action() is committed, then done(result); else nothing is saved: render()."""
    status = 200
    if form.validate_on_submit():
        try:
            result = action()
            db.session.commit()
        except Refused as refusal:
            db.session.rollback()
            if refusal.status == 403:
                raise  # not something the form can fix: answered by errors.py
            put_on_form(form, refusal)
            status = refusal.status
        except IntegrityError:  # two people saved the same thing at once; StaleDataError: errors.py
            db.session.rollback()
            form.form_errors.append(_("Someone saved a conflicting change. Nothing was saved."))
            status = 409
        else:
            return done(result)
        if status == 409 and version is not None:  # the form now carries what the user was told
            form.version.data = version()
            form.version.raw_data = [str(form.version.data)]
    elif form.is_submitted():
        status = 422
    return make_response(render(), status)


def put_on_form(form: FlaskForm, refusal: Refused) -> None:
    """A refusal's messages go on their field, or on the form when that field is not shown."""
    target = form._fields.get(refusal.field)
    if target is None or getattr(target.widget, "input_type", None) == "hidden":
        form.form_errors.extend(refusal.messages)
    else:
        target.errors = [*target.errors, *refusal.messages]


def back_on_refusal(location: str) -> None:
    """A refusal of this request is flashed on `location` (errors.py), not on the page before."""
    g.refusal_back = location


def refusal_back() -> str | None:
    """Where a refused change goes back to: the view's choice, a safe `next`, or the referrer."""
    if g.get("refusal_back"):
        return g.refusal_back
    back = request.values.get("next")
    return back if next_url_is_safe(back) else own_path(request.referrer)
