"""@mentions in a comment (the syntax: handles.py). A handle names a person of the idea's
organisation who is active and may read the idea; any other handle stays plain text, notifies
nobody and tells nothing."""

from collections.abc import Iterable

from sqlalchemy import delete, func, or_, select

from tracker.auth.models import User
from tracker.discussion.handles import handles
from tracker.discussion.models import Comment, Mention
from tracker.extensions import db
from tracker.ideas import access
from tracker.ideas.models import Idea
from tracker.validation import has_control_characters

SUGGESTIONS_MAX = 8
QUERY_MAX = 50


def local_part(user: User) -> str:
    return user.email.split("@", 1)[0].lower()


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def people_named(organisation_id: int, names: Iterable[str]) -> dict[str, User]:
    """The person each handle names in the organisation, in one statement; a short handle that
    two people share names nobody."""
    names = list(names)
    if not names:
        return {}
    email = func.lower(User.email)
    matches = [email == n if "@" in n else email.like(_like(n) + "@%", escape="\\") for n in names]
    people = db.session.scalars(
        select(User).where(User.organisation_id == organisation_id, or_(*matches))
    ).all()
    named: dict[str, User] = {}
    for name in names:
        if "@" in name:
            hits = [p for p in people if p.email.lower() == name]
        else:
            hits = [p for p in people if local_part(p) == name]
        if len(hits) == 1:
            named[name] = hits[0]
    return named


def may_be_mentioned(user: User, idea: Idea) -> bool:
    """An active person who may read the idea."""
    return user.is_active and access.can_read(user, idea)


def readers_named(text: str, idea: Idea, author: User) -> list[User]:
    """The people the text mentions who may read the idea, each once, the author left out."""
    named = people_named(idea.organisation_id, handles(text)).values()
    seen: dict[int, User] = {}
    for user in named:
        if user.id != author.id and user.id not in seen and may_be_mentioned(user, idea):
            seen[user.id] = user
    return list(seen.values())


def record(comment: Comment, idea: Idea, author: User) -> list[User]:
    """Keep the comment's Mention rows as its text names them; the people newly named."""
    people = readers_named(comment.body, idea, author)
    before = set(
        db.session.scalars(select(Mention.user_id).where(Mention.comment_id == comment.id))
    )
    now = {p.id for p in people}
    if before - now:
        db.session.execute(
            delete(Mention).where(
                Mention.comment_id == comment.id, Mention.user_id.in_(before - now)
            )
        )
    new = [p for p in people if p.id not in before]
    db.session.add_all(Mention(comment_id=comment.id, user_id=p.id) for p in new)
    db.session.flush()
    return new


def suggestions(idea: Idea, user: User, query: str) -> list[tuple[User, str]]:
    """Up to SUGGESTIONS_MAX people of the organisation who may read the idea and whose name or
    e-mail address begins with the query, with the handle that names them."""
    q = query.strip().lstrip("@").lower()[:QUERY_MAX]
    if not q or has_control_characters(q):  # PostgreSQL refuses NUL in text; no name has one
        return []
    prefix = _like(q) + "%"
    # SQLite lowers ASCII only: "Åsa" is also found as typed with a capital first letter.
    starts = dict.fromkeys((prefix, _like(q.capitalize()) + "%"))
    name = func.lower(User.name)
    candidates = db.session.scalars(
        select(User)
        .where(
            User.organisation_id == idea.organisation_id,
            User.active,
            User.anonymised_at.is_(None),
            User.id != user.id,
            or_(
                *(name.like(p, escape="\\") for p in starts),
                *(name.like("% " + p, escape="\\") for p in starts),
                func.lower(User.email).like(prefix, escape="\\"),
            ),
        )
        .order_by(User.name, User.id)
        .limit(SUGGESTIONS_MAX * 4)
    ).all()
    people = [p for p in candidates if may_be_mentioned(p, idea)][:SUGGESTIONS_MAX]
    named = people_named(idea.organisation_id, {local_part(p) for p in people})
    return [
        (p, local_part(p) if named.get(local_part(p)) is p else p.email.lower()) for p in people
    ]


def names_of(people: Iterable[User]) -> dict[str, str]:
    """The names to show for the handles of mentioned people: their whole address and, unless
    another mentioned person shares it, the part before the `@`."""
    people = list(people)
    locals_ = [local_part(p) for p in people]
    names = {p.email.lower(): p.display_name for p in people}
    for person, local in zip(people, locals_, strict=True):
        if locals_.count(local) == 1:
            names[local] = person.display_name
    return names
