"""Jinja globals and filters: enums, locale formatting and sanitised Markdown."""

from decimal import ROUND_HALF_EVEN, Decimal

import markdown as md
import nh3
from flask import Flask, current_app
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from markupsafe import Markup

from tracker.auth.roles import Role
from tracker.ideas.stages import BOARD, Stage
from tracker.pilots.rules import UnitStatus

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h3", "h4",
}  # fmt: skip


def render_markdown(text: str | None) -> Markup:
    """Markdown for free text, sanitised: no scripts, no styles, links without referrers."""
    html = md.markdown(text or "", extensions=["sane_lists"])
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener noreferrer nofollow"))  # noqa: S704


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        Stage=Stage,
        Role=Role,
        BOARD=BOARD,
        UnitStatus=UnitStatus,
        get_locale=get_locale,
        languages=lambda: current_app.config["LANGUAGES"],
    )
    app.jinja_env.filters.update(
        markdown=render_markdown,
        date=lambda value, fmt="medium": format_date(value, fmt) if value else "",
        datetime=lambda value, fmt="medium": format_datetime(value, fmt) if value else "",
        number=lambda value, fmt=None: "" if value is None else format_decimal(value, fmt),
        sek=sek,
    )
    app.jinja_env.add_extension("jinja2.ext.do")


def sek(value) -> str:
    """An amount in whole kronor, as the user's language writes it: "1 200 kr"."""
    if value is None:
        return "–"
    rounded = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
    return format_decimal(rounded + 0, "#,##0") + "\u00a0kr"
