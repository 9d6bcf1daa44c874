"""Markdown and translations in templates: the reused converter and the per-render gettext write
what a fresh converter and Flask-Babel's own gettext write."""

import markdown
import nh3
import pytest
from flask import render_template_string
from flask_babel import force_locale, gettext, ngettext

from tracker.templating import ALLOWED_TAGS, render_markdown

ONE, MANY = "%(num)d person supports the idea.", "%(num)d people support the idea."
TEXTS = [
    "Se [stödet][1].\n\n[1]: https://example.org/stod",
    "Se [stödet][1].",  # the reference of the text before does not carry over
    "- ett\n- två\n\n1. tre",
    "<script>alert(1)</script> **fet**",
    "",
]


def test_the_reused_converter_writes_what_a_fresh_one_writes():
    for text in TEXTS * 2:
        fresh = markdown.markdown(text, extensions=["sane_lists"])
        expected = nh3.clean(fresh, tags=ALLOWED_TAGS, link_rel="noopener noreferrer nofollow")
        assert render_markdown(text) == expected
    assert "example.org" not in render_markdown(TEXTS[1])


@pytest.mark.parametrize("language", ["sv", "en"])
def test_templates_translate_as_flask_babel_does(app, language):
    template = (
        '{{ _("Unit") }}|{{ _("Pilot %(number)s", number="<b>") }}|'
        f'{{{{ ngettext("{ONE}", "{MANY}", 2) }}}}'
    )
    with app.test_request_context(headers={"Accept-Language": language}):
        shown = render_template_string(template)
        expected = "|".join(
            [
                gettext("Unit"),
                gettext("Pilot %(number)s", number="&lt;b&gt;"),
                ngettext(ONE, MANY, 2),
            ]
        )
        assert shown == expected
        with force_locale("en"):  # a reminder in the recipient's language
            assert render_template_string('{{ _("Unit") }}') == "Unit"
