"""`flask sweep-waiting`: tell people of the dated items that fell due (idempotent)."""

from datetime import date

import click
from flask import Flask

from tracker.extensions import db
from tracker.notifications.waiting import sweep


def register(app: Flask) -> None:
    @app.cli.command("sweep-waiting")
    def sweep_waiting() -> None:
        """Write a waiting notification for each pilot, follow-up and activity due today or
        earlier, once per item and due day; running it twice writes nothing twice."""
        due = sweep(date.today())
        db.session.commit()
        click.echo(f"{due} items due")
