"""Jinja globals and filters: enums, locale formatting and sanitised Markdown."""

import threading
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal

import markdown as md
import nh3
from flask import Flask, current_app
from flask_babel import (
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    get_locale,
    get_translations,
)
from flask_babel import gettext as _
from jinja2.ext import _make_new_gettext, _make_new_ngettext
from markdown.inlinepatterns import InlineProcessor
from markupsafe import Markup

from tracker.auth.roles import Role
from tracker.discussion.handles import HANDLE, handle_at
from tracker.ideas.stages import BOARD, Stage
from tracker.pilots.rules import UnitStatus

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h3", "h4",
}  # fmt: skip


_converters = threading.local()  # Markdown converters per thread: building one costs more


class _Mention(InlineProcessor):
    """An @handle the converter's `names` knows, as that person's name in bold; not in code."""

    def handleMatch(self, m, data):  # noqa: N802 (Markdown's name)
        handle = handle_at(m)
        name = self.md.names.get(handle.lower())
        if name is None:
            return None, None, None
        element = etree.Element("strong")
        element.text = "@" + name
        return element, m.start(0), m.start(0) + 1 + len(handle)


def _converter(raw_html: bool) -> md.Markdown:
    key = "markdown" if raw_html else "markdown_text_only"
    converter = getattr(_converters, key, None)
    if converter is None:
        converter = md.Markdown(extensions=["sane_lists"])
        converter.names = {}
        if not raw_html:  # what looks like HTML is shown as typed, as text
            converter.preprocessors.deregister("html_block")
            converter.inlinePatterns.deregister("html")
            converter.inlinePatterns.register(_Mention(HANDLE.pattern, converter), "mention", 75)
        setattr(_converters, key, converter)
    return converter


def render_markdown(
    text: str | None, raw_html: bool = True, names: Mapping[str, str] | None = None
) -> Markup:
    """Markdown for free text, sanitised: no scripts, no styles, links without referrers. With
    `raw_html` off, HTML in the text is shown as text, and each @handle of `names` (lower case)
    as the name it maps to."""
    converter = _converter(raw_html)
    converter.names = names or {}
    html = converter.reset().convert(text or "")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, link_rel="noopener noreferrer nofollow")
    return Markup(clean)  # noqa: S704 (nh3 kept only the allowed tags)  # nosec B704


def bound_gettext() -> dict:
    """gettext and ngettext for one render, bound to the translations of its locale: Flask-Babel's
    own look the translations up again on every call, a hundred times on a page. Same output."""
    translations = get_translations()
    return {
        "gettext": _make_new_gettext(translations.ugettext),
        "ngettext": _make_new_ngettext(translations.ungettext),
    }


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
        number=number,
        sek=sek,
        percent=lambda value: "–" if value is None else format_percent(value),
        quarter=quarter_name,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.context_processor(bound_gettext)


_GROUP: dict[str, str] = {}  # the digit group separator of each language


def whole(n: int) -> str:
    """A whole number as Babel's "#,##0" writes it in the user's language ("1 200", "1,200"),
    without Babel's per-call cost: a dashboard page writes hundreds of numbers."""
    locale = get_locale()
    key = str(locale)
    if key not in _GROUP:
        _GROUP[key] = locale.number_symbols["latn"]["group"]
    return f"{n:,}".replace(",", _GROUP[key])


def number(value, fmt=None) -> str:
    if value is None:
        return ""
    if fmt is None and not isinstance(value, bool):
        if isinstance(value, int):
            return whole(value)
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return whole(int(value))
    return format_decimal(value, fmt)


def sek(value) -> str:
    """An amount in whole kronor, as the user's language writes it: "1 200 kr"."""
    if value is None:
        return "–"
    rounded = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
    return whole(int(rounded)) + "\u00a0kr"


def quarter_name(period: int) -> str:
    """A quarter kept as 20263, as the user's language writes it: "2026 Q3", "2026 kv. 3"."""
    return _("%(year)d Q%(quarter)d", year=period // 10, quarter=period % 10)
