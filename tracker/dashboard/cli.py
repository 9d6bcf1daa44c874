"""`flask rebuild-aggregates`: recompute the dashboard's cells and prove the kept ones right.

Its output is for the operator, so it is in English.
"""

import click
from flask import Flask


def register(app: Flask) -> None:
    @app.cli.command("rebuild-aggregates")
    @click.option("--check", is_flag=True, help="Only report drifted cells; change nothing.")
    @click.option(
        "--with-figures/--without-figures",
        default=True,
        help="First recompute the benefits' and ideas' kept figures from the measurements.",
    )
    def rebuild_aggregates(check: bool, with_figures: bool) -> None:
        """Recompute the dashboard's aggregates from the histories, benefits and costs."""
        from tracker.benefits.figures import rebuild_all
        from tracker.dashboard.rebuild import rebuild_aggregates as rebuild
        from tracker.extensions import db

        figures = rebuild_all() if with_figures else None
        rebuilt = rebuild()
        if check:
            db.session.rollback()
        else:
            db.session.commit()
        click.echo(
            f"Recomputed the cells of {rebuilt.ideas} ideas and {rebuilt.benefits} benefits."
        )
        if figures is not None and figures.changed:
            click.echo(
                f"Kept figures {'had drifted' if check else 'corrected'}: "
                f"{len(figures.changed_benefits)} benefits, {len(figures.changed_ideas)} ideas."
            )
        for table, count in rebuilt.drifted.items():
            if count:
                click.echo(f"Drifted {table}: {count}" + ("" if check else " (corrected)"))
        if not rebuilt.changed and not (figures and figures.changed):
            click.echo("Every aggregate matched the full recomputation.")
        elif check:
            raise SystemExit(1)
