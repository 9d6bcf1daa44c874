"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the tests that send e-mail; the `smtp`
fixture (tests/conftest.py) points the app at it."""

import socket
from contextlib import contextmanager
from email import message_from_bytes
from email.policy import default

from aiosmtpd.controller import Controller


class Inbox:
    """An aiosmtpd handler that keeps what it receives and refuses chosen recipients."""

    def __init__(self) -> None:
        self.messages = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 Message accepted for delivery"

    def to(self, address: str):
        return [m for m in self.messages if address in m["To"]]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server(config: dict):
    """An Inbox behind a running server, with MAIL_SERVER and MAIL_PORT set in `config` (a
    mapping the caller restores)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    config["MAIL_SERVER"] = "127.0.0.1"
    config["MAIL_PORT"] = controller.port
    try:
        yield inbox
    finally:
        controller.stop()
