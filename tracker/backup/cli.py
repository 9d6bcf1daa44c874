"""`flask backup PATH`: copy a SQLite database safely while it is in use; PostgreSQL has pg_dump.

Its output is for the operator, so it is in English.
"""

import shlex
from pathlib import Path

import click
from flask import Flask
from sqlalchemy.engine import URL


def register(app: Flask) -> None:
    @app.cli.command("backup")
    @click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--force", is_flag=True, help="Replace PATH if it exists.")
    def backup(path: Path, force: bool) -> None:
        """Copy the SQLite database to PATH (consistent while the app writes)."""
        from tracker.backup.sqlite import BackupError, copy_database
        from tracker.extensions import db

        url = db.engine.url
        if url.get_backend_name() == "postgresql":
            raise click.ClickException(
                "This database is PostgreSQL: back it up with pg_dump, for example\n  "
                + pg_dump_command(url, path)
                + "\n(the password comes from PGPASSWORD or ~/.pgpass); restore with pg_restore."
            )
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            raise click.ClickException(
                f"Only a SQLite file can be copied, not {url.render_as_string()}."
            )
        try:
            rows = copy_database(url.database, path, force=force)
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        click.echo(
            f"Copied {url.database} to {path}: {len(rows)} tables, {sum(rows.values())} rows."
        )
        for table, count in rows.items():
            click.echo(f"  {table}: {count}")


def pg_dump_command(url: URL, path: Path) -> str:
    """The pg_dump command line for the configured database, without its password."""
    parts = ["pg_dump", "--format=custom"]
    for option, value in (("--host", url.host), ("--port", url.port), ("--username", url.username)):
        if value:
            parts += [option, str(value)]
    parts += ["--file", str(path), url.database or ""]
    return shlex.join(parts)
