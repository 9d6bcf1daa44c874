"""`flask send-notifications`, for cron: the e-mail each person is due, each sent once.

Its output is for the operator who reads cron's mail, so it is in English.
"""

from __future__ import annotations

import smtplib
from datetime import UTC, datetime

import click
from flask import Flask

from tracker.dbtypes import utcnow

# --now takes a Stockholm time as ISO writes it: 2026-03-30T07:00.
MOMENT = click.DateTime(formats=["%Y-%m-%dT%H:%M"])


def register(app: Flask) -> None:
    @app.cli.command("send-notifications")
    @click.option("--now", type=MOMENT, help="Send as if it were this time in Stockholm.")
    @click.option("--dry-run", is_flag=True, help="Show who would get e-mail; send nothing.")
    def send_notifications(now: datetime | None, dry_run: bool) -> None:
        """E-mail the notifications that are due, at once or in digests; safe to run again."""
        from tracker.notifications.email.sending import send_notifications as run_sending
        from tracker.notifications.email.windows import STOCKHOLM

        moment = (
            now.replace(tzinfo=STOCKHOLM).astimezone(UTC).replace(tzinfo=None) if now else utcnow()
        )
        try:
            run = run_sending(moment, dry_run=dry_run)
        except (smtplib.SMTPException, OSError) as error:
            raise click.ClickException(f"The mail server could not be used: {error}") from error
        verb = "Would send" if dry_run else "Sent"
        for sent in run.sent:
            click.echo(f"{verb} {sent.cadence} to {sent.address}: {_count(len(sent.ids))}")
        for address, error in run.failed:
            click.echo(f"Failed to send to {address}: {error}", err=True)
        summary = (
            f"{len(run.sent)} e-mail{'' if len(run.sent) == 1 else 's'} "
            f"{'to send' if dry_run else 'sent'} for {_count(run.notifications)}"
        )
        if run.swept is not None:
            summary += f"; {_count(run.swept)} of things waiting written first"
        if run.taken:
            summary += f"; {run.taken} already taken by another run"
        if run.failed:
            summary += f"; {len(run.failed)} failed"
        click.echo(summary + ".")
        if run.failed:
            raise SystemExit(1)


def _count(n: int) -> str:
    return f"{n} notification" + ("" if n == 1 else "s")
