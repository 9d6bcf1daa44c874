"""`make bench-mail`: how long `send-notifications` takes for 10,000 due notifications.

Usage: .venv/bin/python bench/notifications.py [--people 1000] [--notifications 10000]
                                               [--database-url URL] [--budget 300]

It builds a database (a temporary SQLite file, or the PostgreSQL database of --database-url,
whose public schema it DROPS and recreates: give it a throw-away database) with one
organisation, the people, one idea each, and the notifications spread over them: half written
yesterday (daily digests), half in the last hour (mentions, roles and what waits, sent at
once). Then it times one run of the sender against an SMTP server (aiosmtpd, in a process of
its own) on 127.0.0.1, and a second run, which must send nothing. The whole script stops after
--budget seconds, whatever happens.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, select, text  # noqa: E402

from tracker import create_app  # noqa: E402
from tracker.auth.models import User  # noqa: E402
from tracker.auth.roles import Role  # noqa: E402
from tracker.dbtypes import utcnow  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.ideas.models import Idea  # noqa: E402
from tracker.notifications.email.sending import send_notifications  # noqa: E402
from tracker.notifications.models import Kind, Notification  # noqa: E402
from tracker.orgs.models import Organisation, Unit  # noqa: E402

DAILY_KINDS = (Kind.STAGE, Kind.DECISION, Kind.COMMENT)
AT_ONCE_KINDS = (Kind.MENTION, Kind.ROLE, Kind.WAITING)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def smtp_sink(port: int) -> subprocess.Popen:
    """aiosmtpd's Sink handler, which accepts and drops every message, on 127.0.0.1."""
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and fixed arguments)
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c",
         "aiosmtpd.handlers.Sink"]
    )  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("the SMTP server did not start")


def seed(people: int, count: int) -> None:
    """One organisation, `people` employees with one idea each, `count` notifications."""
    org = Organisation(name="Benchkommun")
    db.session.add(org)
    db.session.flush()
    unit = Unit(organisation_id=org.id, name="Benchkommun")
    db.session.add(unit)
    db.session.flush()
    db.session.execute(
        insert(User),
        [
            {
                "organisation_id": org.id,
                "unit_id": unit.id,
                "email": f"person{n}@bench.example.org",
                "name": f"Person {n}",
                "password_hash": "x",
                "role": Role.EMPLOYEE if n % 10 else Role.LEADER,
                "locale": "en" if n % 3 == 0 else None,
            }
            for n in range(people)
        ],
    )
    user_ids = list(db.session.scalars(select(User.id).order_by(User.id)))
    db.session.execute(
        insert(Idea),
        [
            {
                "organisation_id": org.id,
                "unit_id": unit.id,
                "submitter_id": user_id,
                "title": f"Idé {n} <b>med</b> text",
                "need": "Behov",
                "proposal": "Förslag",
            }
            for n, user_id in enumerate(user_ids)
        ],
    )
    ideas = dict(db.session.execute(select(Idea.submitter_id, Idea.id)).all())
    now = utcnow()
    yesterday = now - timedelta(days=1)
    rows = []
    for n in range(count):
        user_id = user_ids[n % len(user_ids)]
        at_once = n % 2 == 0
        kinds = AT_ONCE_KINDS if at_once else DAILY_KINDS
        kind = kinds[n % 3]
        rows.append(
            {
                "user_id": user_id,
                "idea_id": ideas[user_id],
                "kind": kind,
                "actor_id": user_ids[(n + 1) % len(user_ids)],
                "subject": {Kind.ROLE: "owner", Kind.WAITING: "take"}.get(kind, "pilot"),
                "text": "Ett skäl <i>med</i> taggar" if kind is Kind.DECISION else "",
                "created_at": (now - timedelta(minutes=30))
                if at_once
                else yesterday.replace(hour=12, minute=n % 60),
            }
        )
    db.session.execute(insert(Notification), rows)
    db.session.commit()


def _out_of_time(signum, frame):
    raise SystemExit("out of time: --budget seconds passed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--notifications", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--budget", type=int, default=300, help="seconds for the whole script")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _out_of_time)
    signal.alarm(args.budget)  # bounded: the SMTP server is stopped on the way out
    folder = tempfile.mkdtemp(prefix="bench-mail-")
    url = args.database_url or f"sqlite:///{folder}/bench.db"
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    port = free_port()
    server = smtp_sink(port)
    try:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": "bench",
                "MAIL_SERVER": "127.0.0.1",
                "MAIL_PORT": port,
                "BASE_URL": "https://tracker.example.se",
            }
        )
        with app.app_context():
            if db.engine.dialect.name == "postgresql":
                db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
                db.session.commit()
            upgrade()
            started = time.perf_counter()
            seed(args.people, args.notifications)
            print(f"{db.engine.dialect.name}: seeded in {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            run = send_notifications(utcnow())
            first = time.perf_counter() - started
            print(
                f"send-notifications: {len(run.sent)} e-mails for {run.notifications} "
                f"notifications in {first:.1f} s ({len(run.failed)} failed)"
            )
            started = time.perf_counter()
            again = send_notifications(utcnow())
            second = time.perf_counter() - started
            print(f"second run: {len(again.sent)} e-mails in {second:.1f} s")
            db.session.remove()
            db.engine.dispose()
    finally:
        server.terminate()
        server.wait(timeout=10)
        if not args.database_url:
            for name in os.listdir(folder):
                os.unlink(os.path.join(folder, name))
            os.rmdir(folder)


if __name__ == "__main__":
    main()
