"""Sending e-mail: the standard library's EmailMessage over SMTP, or the log without a server.

Configured by MAIL_SERVER, MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD, MAIL_USE_TLS and MAIL_FROM.
With no MAIL_SERVER nothing is sent: each message is logged instead, so that a laptop or a
test shows what would have gone out.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from email.charset import QP, Charset
from email.header import Header
from email.message import EmailMessage, Message
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.policy import compat32
from email.utils import formataddr, formatdate, make_msgid
from urllib.parse import urlsplit

from flask import current_app

log = logging.getLogger(__name__)

Send = Callable[[Message], None]
_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP  # 7-bit safe for any SMTP server, and readable
# A link in a header (List-Unsubscribe) is not folded onto a line of its own; encoded words
# (Header) still fold at 76 characters.
_UNFOLDED = compat32.clone(max_line_length=None)


def message(to_name: str, to_address: str, subject: str, body: str) -> EmailMessage:
    """A plain-text message from MAIL_FROM, in UTF-8."""
    msg = _headed(to_name, to_address, subject)
    msg.set_content(body, cte="quoted-printable")  # 7-bit safe for any SMTP server
    return msg


def alternative(
    to_name: str,
    to_address: str,
    subject: str,
    text: str,
    html: str,
    headers: Mapping[str, str] | None = None,
) -> Message:
    """A message with a plain-text part and its HTML alternative, and extra headers (such as
    List-Unsubscribe), from MAIL_FROM, in UTF-8 (quoted-printable). Built with the classic
    email API, whose headers cost a tenth of EmailMessage's: a run mails a thousand of these."""
    msg = MIMEMultipart("alternative", policy=_UNFOLDED)
    msg["From"] = current_app.config["MAIL_FROM"]
    msg["To"] = formataddr((to_name, to_address), charset="utf-8")
    msg["Subject"] = Header(subject, "utf-8")
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=_domain(current_app.config["MAIL_FROM"]))
    for name, value in (headers or {}).items():
        msg[name] = value
    for body, subtype in ((text, "plain"), (html, "html")):
        part = MIMENonMultipart("text", subtype, policy=_UNFOLDED)
        part.set_payload(body, charset=_UTF8_QP)
        msg.attach(part)
    return msg


def _headed(to_name: str, to_address: str, subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = current_app.config["MAIL_FROM"]
    msg["To"] = formataddr((to_name, to_address))
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=_domain(current_app.config["MAIL_FROM"]))
    return msg


def linker(base_url: str) -> Callable[..., str]:
    """Absolute URLs under BASE_URL, built from the app's routes without a request."""
    parts = urlsplit(base_url)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "http"
    )
    return lambda endpoint, **values: adapter.build(endpoint, values, force_external=True)


def language_of(user_locale: str | None) -> str:
    """The language a person's mail is written in: their saved choice, else the default."""
    languages = current_app.config["LANGUAGES"]
    return user_locale if user_locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip("> ") or "localhost"


def _log(msg: Message) -> None:
    log.info(
        "MAIL_SERVER is not set; this message was not sent:\nTo: %s\nSubject: %s\n\n%s",
        msg["To"],
        msg["Subject"],
        _plain_text(msg),
    )


def _plain_text(msg: Message) -> str:
    """The first text/plain part, decoded."""
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            return payload.decode(part.get_content_charset() or "utf-8")
    return ""


@contextmanager
def outbox() -> Iterator[Send]:
    """A function that sends one message, over one SMTP connection kept open for the block
    (STARTTLS when MAIL_USE_TLS, login when MAIL_USERNAME); the log when MAIL_SERVER is unset."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        yield _log
        return
    with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        yield smtp.send_message
