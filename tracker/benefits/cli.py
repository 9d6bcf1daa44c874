"""`flask send-reminders` and `flask rebuild-benefit-figures`, for cron and for repairs.

Their output is for the operator who reads cron's mail, so it is in English.
"""

import smtplib
from datetime import date, datetime

import click
from flask import Flask

# --today takes a day as ISO writes it: 2025-03-01.
DAY = click.DateTime(formats=["%Y-%m-%d"])


def register(app: Flask) -> None:
    @app.cli.command("send-reminders")
    @click.option("--today", type=DAY, help="Send as if today were this day (YYYY-MM-DD).")
    @click.option("--dry-run", is_flag=True, help="Show who would get a reminder; send nothing.")
    def send_reminders(today: datetime | None, dry_run: bool) -> None:
        """E-mail each benefit owner whose follow-ups are due; safe to run again (cron)."""
        from tracker.benefits.followups import send_reminders as run_reminders

        day = today.date() if today else date.today()
        try:
            run = run_reminders(day, dry_run=dry_run)
        except (smtplib.SMTPException, OSError) as error:
            raise click.ClickException(f"The mail server could not be used: {error}") from error
        verb = "Would send" if dry_run else "Sent"
        for sent in run.sent:
            ids = ", ".join(str(i) for i in sent.benefit_ids)
            click.echo(
                f"{verb} to {sent.name} <{sent.address}>: "
                f"{_count(len(sent.benefit_ids), 'follow-up')} (benefit {ids})"
            )
        for address, error in run.failed:
            click.echo(f"Failed to send to {address}: {error}", err=True)
        summary = (
            f"{_count(len(run.sent), 'e-mail')} {'to send' if dry_run else 'sent'} "
            f"for {_count(run.followups, 'follow-up')} due by {day.isoformat()}; "
            f"{_count(run.already_reminded, 'follow-up')} already reminded"
        )
        if run.failed:
            summary += f"; {_count(len(run.failed), 'e-mail')} failed"
        click.echo(summary + ".")
        if run.failed:
            raise SystemExit(1)

    @app.cli.command("rebuild-benefit-figures")
    @click.option("--check", is_flag=True, help="Only report drifted figures; change nothing.")
    def rebuild_benefit_figures(check: bool) -> None:
        """Recompute every benefit's and idea's kept figures from scratch."""
        from tracker.benefits.figures import rebuild_all
        from tracker.extensions import db

        rebuilt = rebuild_all()
        if check:
            db.session.rollback()
        else:
            db.session.commit()
        click.echo(
            f"Recomputed {_count(rebuilt.benefits, 'benefit')} and {_count(rebuilt.ideas, 'idea')}."
        )
        fixed = "had drifted" if check else "corrected"
        for what, ids in (("benefits", rebuilt.changed_benefits), ("ideas", rebuilt.changed_ideas)):
            if ids:
                click.echo(f"Figures {fixed}, {what}: {', '.join(str(i) for i in ids)}")
        if not rebuilt.changed:
            click.echo("Every kept figure was already right.")
        elif check:
            raise SystemExit(1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
