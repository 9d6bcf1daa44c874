"""The one place that reads HX-* headers: full page or fragment, and HTMX-aware redirects."""

from urllib.parse import urlsplit, urlunsplit

from flask import Response, g, make_response, redirect, render_template, request

from tracker.extensions import htmx


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
        parts = urlsplit(htmx.current_url or "")
        path = urlunsplit(("", "", parts.path, parts.query, ""))
        return path if parts.netloc == request.host and next_url_is_safe(path) else None
    return current_path() if request.method in ("GET", "HEAD") else None


# The largest id an INTEGER column holds (PostgreSQL's is 32-bit); a larger one cannot exist.
MAX_ID = 2**31 - 1


def int_arg(name: str) -> int | None:
    """A positive whole number from the query string; anything else (or too large) is ignored."""
    value = request.args.get(name, "")
    if not (value.isascii() and value.isdigit()):  # "²".isdigit(), but int("²") fails
        return None
    return int(value) if int(value) <= MAX_ID else None


def back_on_refusal(location: str) -> None:
    """A refusal of this request is flashed on `location` (errors.py), not on the page before."""
    g.refusal_back = location


def refusal_back() -> str | None:
    """Where a refused change goes back to: the view's choice, a safe `next`, or the referrer."""
    if g.get("refusal_back"):
        return g.refusal_back
    back = request.values.get("next")
    if next_url_is_safe(back):
        return back
    parts = urlsplit(request.referrer or "")
    path = urlunsplit(("", "", parts.path, parts.query, ""))
    return path if parts.netloc == request.host and next_url_is_safe(path) else None
