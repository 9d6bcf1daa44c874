"""What one notification e-mail holds and how it reads: the items grouped by idea, newest
first, in the person's language, as plain text and as HTML, with a one-click unsubscribe.

The HTML part is autoescaped; the plain-text part has every tag-like run of text taken out, so
that a title, reason or comment written as HTML is never a tag in either part. A comment is
quoted as its author wrote it (Markdown source), never rendered.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from email.message import Message
from itertools import groupby

from flask import render_template
from flask_babel import force_locale, format_date, format_datetime, ngettext
from flask_babel import gettext as _

from tracker import mail
from tracker.auth.models import User
from tracker.notifications.describe import sentence
from tracker.notifications.email.tokens import make_token
from tracker.notifications.email.windows import local_time
from tracker.notifications.models import Kind, Notification

EXCERPT_MAX = 300  # characters of a reason or a comment quoted in an e-mail
IMMEDIATE, DAILY, WEEKLY = "immediate", "daily", "weekly"
_TAG = re.compile(r"<[^\s<>][^<>]*>")


@dataclass(frozen=True)
class Item:
    """One notification as an e-mail shows it."""

    notification: Notification
    idea_title: str
    actor_name: str | None
    excerpt: str  # the reason or the comment, as written; "" for none

    @property
    def id(self) -> int:
        return self.notification.id


@dataclass
class Mail:
    """One e-mail to one person: the items it carries, and whether it is sent at once or is the
    digest of a day or a week (`first_day` its first day)."""

    user: User
    cadence: str
    first_day: date | None
    items: list[Item] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return [item.id for item in self.items]

    @property
    def kinds(self) -> list[Kind]:
        return [k for k in Kind if any(i.notification.kind is k for i in self.items)]


def plain(text: str) -> str:
    """Text with no tag left in it: tag-like runs are taken out until none is left."""
    while True:
        cleaned = _TAG.sub("", text)
        if cleaned == text:
            return cleaned
        text = cleaned


def excerpt(text: str | None) -> str:
    """A reason or a comment on one line, cut at EXCERPT_MAX characters."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= EXCERPT_MAX else flat[: EXCERPT_MAX - 1].rstrip() + "…"


def _groups(items: list[Item], url) -> list[dict]:
    """Items by idea, newest first; the idea with the newest item first."""
    ordered = sorted(items, key=lambda i: (i.notification.created_at, i.id), reverse=True)
    firsts: dict[int, int] = {}
    for place, item in enumerate(ordered):
        firsts.setdefault(item.notification.idea_id, place)
    ordered.sort(key=lambda i: firsts[i.notification.idea_id])
    return [
        {
            "title": group[0].idea_title,
            "url": url("ideas.show", idea_id=idea_id),
            "items": [
                {
                    "sentence": sentence(i.notification, i.idea_title, i.actor_name),
                    "at": format_datetime(local_time(i.notification.created_at), "short"),
                    "excerpt": i.excerpt,
                }
                for i in group
            ],
        }
        for idea_id, group in ((k, list(g)) for k, g in groupby(ordered, key=_idea_of))
    ]


def _idea_of(item: Item) -> int:
    return item.notification.idea_id


def _heading(message: Mail) -> str:
    if message.cadence == DAILY:
        return _("Your digest for %(day)s", day=format_date(message.first_day, "full"))
    if message.cadence == WEEKLY:
        return _("Your digest for the week of %(day)s", day=format_date(message.first_day, "long"))
    return _("New in Tracker")


def _subject(message: Mail) -> str:
    if message.cadence == IMMEDIATE and len(message.items) == 1:
        item = message.items[0]
        return "Tracker: " + sentence(item.notification, item.idea_title, item.actor_name)
    return ngettext("Tracker: %(num)d new event", "Tracker: %(num)d new events", len(message.items))


def compose(message: Mail, url: Callable[..., str]) -> Message:
    """The e-mail, in the person's language: plain text and HTML, grouped by idea, newest first,
    with a link per kind to stop that kind's e-mail and a List-Unsubscribe header (RFC 8058)
    that stops every kind the e-mail carries. `url` builds absolute links (mail.linker)."""
    user = message.user
    kinds = message.kinds
    stop_all = url("notification_email.unsubscribe", token=make_token(user.id, kinds))
    with force_locale(mail.language_of(user.locale)):
        context = {
            "heading": _heading(message),
            "groups": _groups(message.items, url),
            "stops": [
                (
                    k.label,
                    url("notification_email.unsubscribe", token=make_token(user.id, [k])),
                )
                for k in kinds
            ],
            "preferences_url": url("notification_email.preferences"),
            "name": user.name,
        }
        subject = plain(_subject(message))
        text = plain(render_template("notifications/email/message.txt", **context))
        html = render_template("notifications/email/message.html", **context)
    headers = {
        "List-Unsubscribe": f"<{stop_all}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    return mail.alternative(user.name, user.email, subject, text, html, headers)
