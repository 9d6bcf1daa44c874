"""Tags as people type them: comma-separated keywords, trimmed, de-duplicated and checked.

Pure Python; the service in ideas/services.py turns the names into the organisation's Tag rows.
"""

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l

from tracker.ideas.models import TAG_MAX

TAGS_MAX = 10  # per idea


def split(text: str) -> list[str]:
    """The distinct keywords of a comma-separated text, in the order typed."""
    return distinct(text.split(","))


def distinct(names: Iterable[str]) -> list[str]:
    """Names without surrounding or doubled spaces; empty ones dropped, the same name in another
    letter case kept once, as first written."""
    seen: set[str] = set()
    result = []
    for raw in names:
        name = " ".join(raw.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def problem(names: list[str]) -> str | None:
    """Why these (distinct) names cannot be an idea's tags, or None: at most 10, each at most 40
    characters."""
    if len(names) > TAGS_MAX:
        return _l("Give at most %(max)d tags.", max=TAGS_MAX)
    for name in names:
        if len(name) > TAG_MAX:
            return _l(
                "A tag can be at most %(max)d characters long: “%(tag)s”.", max=TAG_MAX, tag=name
            )
    return None
