"""`flask generate`: fill the configured database with synthetic data, for benchmarks.

Its output is for the operator, so it is in English.
"""

from datetime import datetime

import click
from flask import Flask

DAY = click.DateTime(formats=["%Y-%m-%d"])


def register(app: Flask) -> None:
    @app.cli.command("generate")
    @click.option("--ideas", type=click.IntRange(0), default=1000, show_default=True)
    @click.option("--measurements", type=click.IntRange(0), default=10000, show_default=True)
    @click.option("--seed", type=int, default=1, show_default=True)
    @click.option("--organisation", default="Syntetisk kommun", show_default=True)
    @click.option("--today", type=DAY, help="Date the data back from this day (YYYY-MM-DD).")
    def generate(
        ideas: int, measurements: int, seed: int, organisation: str, today: datetime | None
    ) -> None:
        """Add one synthetic organisation with ideas in every stage, benefits and measurements;
        the same data for the same seed and day."""
        from tracker.generate.data import GenerateError
        from tracker.generate.data import generate as run

        try:
            generated = run(ideas, measurements, seed, organisation, today and today.date())
        except GenerateError as error:
            raise click.ClickException(str(error)) from error
        click.echo(generated.summary())
