"""`flask backup`: a SQLite copy holds every row of every table, never overwrites by accident,
and PostgreSQL is sent to pg_dump."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests import conftest
from tracker import create_app
from tracker.backup.cli import pg_dump_command
from tracker.extensions import db


def _sqlite_only():
    if db.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite copy; PostgreSQL is backed up with pg_dump")


def _tables() -> dict[str, tuple[int, str]]:
    """Each table's row count and a checksum of its rows, in the current app's database."""
    names = db.session.scalars(
        text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ).all()
    found = {}
    for name in names:
        rows = db.session.execute(text(f'SELECT * FROM "{name}"')).all()  # noqa: S608
        digest = hashlib.sha256("\n".join(sorted(repr(tuple(r)) for r in rows)).encode())
        found[name] = (len(rows), digest.hexdigest())
    return found


def _backup(app, *args: str):
    return app.test_cli_runner().invoke(args=["backup", *args])


def _copy_tables(path: Path) -> tuple[dict, str]:
    """The tables of the copy, read by a second app that has it as its database, and what
    `rebuild-aggregates --check` says there."""
    other = create_app(conftest.test_config(f"sqlite:///{path}"))
    try:
        with other.app_context():
            tables = _tables()
            db.session.remove()
        check = other.test_cli_runner().invoke(args=["rebuild-aggregates", "--check"])
        assert check.exit_code == 0, check.output
        return tables, check.output
    finally:
        with other.app_context():
            db.engine.dispose()


def test_a_copy_of_the_demo_holds_every_row_of_every_table(app, demo, tmp_path):
    _sqlite_only()
    original = _tables()
    db.session.remove()
    target = tmp_path / "copy.db"
    result = _backup(app, str(target))
    assert result.exit_code == 0, result.output
    copied, check = _copy_tables(target)
    assert copied == original
    assert sum(n for n, _ in original.values()) > 1000  # the demo, not an empty schema
    assert f"{len(original)} tables, {sum(n for n, _ in original.values())} rows" in result.output
    assert "Every aggregate matched" in check
    assert [p.name for p in tmp_path.iterdir()] == ["copy.db"]  # no draft, no -wal left beside it


def test_the_copy_takes_what_is_committed_while_a_writer_holds_its_transaction(app, ctx, tmp_path):
    """A gunicorn worker in the middle of a write neither blocks the copy nor leaks into it."""
    _sqlite_only()
    db.session.execute(text("INSERT INTO organisation (name) VALUES ('Committed kommun')"))
    db.session.commit()
    db.session.remove()
    writer = sqlite3.connect(db.engine.url.database, timeout=1)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO organisation (name) VALUES ('Uncommitted kommun')")
        result = _backup(app, str(tmp_path / "copy.db"))
    finally:
        writer.rollback()
        writer.close()
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(tmp_path / "copy.db")
    names = [n for (n,) in copy.execute("SELECT name FROM organisation")]
    copy.close()
    assert names == ["Committed kommun"]


def test_an_existing_file_is_replaced_only_with_force(app, ctx, tmp_path):
    _sqlite_only()
    target = tmp_path / "nightly.db"
    target.write_text("yesterday's copy")
    refused = _backup(app, str(target))
    assert refused.exit_code == 1
    assert "exists; use --force" in refused.output
    assert target.read_text() == "yesterday's copy"
    forced = _backup(app, str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes().startswith(b"SQLite format 3\x00")
    assert [p.name for p in tmp_path.iterdir()] == ["nightly.db"]


def test_postgresql_is_sent_to_pg_dump(app, ctx, tmp_path):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("runs when the suite runs on PostgreSQL")
    result = _backup(app, str(tmp_path / "tracker.dump"))
    assert result.exit_code == 1
    url = db.engine.url
    assert "use pg_dump" in result.output or "with pg_dump" in result.output
    assert f"--host {url.host}" in result.output
    assert url.database in result.output
    assert not (tmp_path / "tracker.dump").exists()


def test_the_pg_dump_command_leaves_the_password_out():
    url = make_url("postgresql+psycopg://tracker:s3cret@db.internal:5433/tracker")
    command = pg_dump_command(url, Path("/backups/tracker.dump"))
    assert command == (
        "pg_dump --format=custom --host db.internal --port 5433 --username tracker "
        "--file /backups/tracker.dump tracker"
    )
