"""`flask demo`: load the demo data into an empty database."""

import click
from flask import Flask


def register(app: Flask) -> None:
    @app.cli.command("demo")
    def demo() -> None:
        """Load realistic Swedish demo data, unless the database already has data."""
        from tracker.demo.data import load_demo

        click.echo(load_demo())
