"""The @mention syntax and how a comment's Markdown shows it: pure, no database."""

import pytest

from tracker.discussion.handles import MENTIONS_MAX, handles
from tracker.templating import render_markdown


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hej @anna.svensson!", ["anna.svensson"]),
        ("Fråga @Anna.Svensson.", ["anna.svensson"]),
        ("@anna och @ANNA", ["anna"]),
        ("mejla anna@kommun.se", []),
        ("@anna@sotenas.se vet", ["anna@sotenas.se"]),
        ("@ ensam och @-streck", []),
        ("(@per_olof) och [@lisa]", ["per_olof", "lisa"]),
    ],
)
def test_handles_are_read_from_the_text(text, found):
    assert handles(text) == found


def test_at_most_so_many_handles_are_read():
    text = " ".join(f"@p{i}" for i in range(MENTIONS_MAX + 5))
    assert len(handles(text)) == MENTIONS_MAX


def test_a_known_handle_shows_the_name_but_not_in_code_or_in_a_link_address(app):
    with app.test_request_context():
        html = render_markdown(
            "@anna och `@anna` och [länk](https://example.org/@anna) och @okänd",
            raw_html=False,
            names={"anna": "Anna <Svensson>"},
        )
    assert html.count("<strong>@Anna &lt;Svensson&gt;</strong>") == 1
    assert "<code>@anna</code>" in html and "https://example.org/@anna" in html
    assert "@okänd" in html


def test_html_in_a_comment_is_shown_as_text(app):
    with app.test_request_context():
        html = render_markdown("<b>fet</b> <script>x()</script>", raw_html=False)
    assert html == "<p>&lt;b&gt;fet&lt;/b&gt; &lt;script&gt;x()&lt;/script&gt;</p>"
