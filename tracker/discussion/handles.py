"""The @mention syntax, pure: `@` and a handle, the part of a person's e-mail address before its
`@` (`@anna.svensson`), or the whole address where two people of the organisation share that
part (`@anna@sotenas.se`). Not after a letter, digit or e-mail character: `anna@kommun.se` is
an address, not a mention."""

import re

HANDLE = re.compile(
    r"(?<![\w@.+-])@([A-Za-z0-9][A-Za-z0-9._+-]*(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?)"
)
MENTIONS_MAX = 20  # handles read from one comment; more is not a conversation


def handle_at(match: re.Match) -> str:
    """The handle of a match, without the full stop or dash that ends a sentence."""
    return match.group(1).rstrip(".-")


def handles(text: str) -> list[str]:
    """The distinct handles the text names, in lower case, in order, at most MENTIONS_MAX."""
    found: list[str] = []
    for match in HANDLE.finditer(text or ""):
        handle = handle_at(match).lower()
        if handle not in found:
            found.append(handle)
    return found[:MENTIONS_MAX]
