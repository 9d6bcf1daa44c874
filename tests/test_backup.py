"""`flask backup`: a SQLite copy holds every row of every table, never overwrites by accident,
and PostgreSQL is sent to pg_dump. Each test makes the app it needs, so that all of them run
whichever database the suite runs on."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests import conftest
from tracker import create_app
from tracker.backup.cli import pg_dump_command
from tracker.demo.data import load_demo
from tracker.extensions import db


@pytest.fixture
def live(tmp_path_factory):
    """An app on a migrated SQLite file of its own, in its context, as the one being copied."""
    path = tmp_path_factory.mktemp("live") / "tracker.db"
    app = create_app(conftest.test_config(f"sqlite:///{path}"))
    with app.app_context(), app.test_request_context():
        upgrade()
        yield app
        db.session.remove()
        db.engine.dispose()


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


def test_a_copy_of_the_demo_holds_every_row_of_every_table(live, tmp_path):
    load_demo()
    original = _tables()
    db.session.remove()
    target = tmp_path / "copy.db"
    result = _backup(live, str(target))
    assert result.exit_code == 0, result.output
    copied, check = _copy_tables(target)
    assert copied == original
    assert sum(n for n, _ in original.values()) > 1000  # the demo, not an empty schema
    assert f"{len(original)} tables, {sum(n for n, _ in original.values())} rows" in result.output
    assert "Every aggregate matched" in check
    assert [p.name for p in tmp_path.iterdir()] == ["copy.db"]  # no draft, no -wal left beside it


def test_the_copy_takes_what_is_committed_while_a_writer_holds_its_transaction(live, tmp_path):
    """A gunicorn worker in the middle of a write neither blocks the copy nor leaks into it."""
    db.session.execute(text("INSERT INTO organisation (name) VALUES ('Committed kommun')"))
    db.session.commit()
    db.session.remove()
    writer = sqlite3.connect(db.engine.url.database, timeout=1)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO organisation (name) VALUES ('Uncommitted kommun')")
        result = _backup(live, str(tmp_path / "copy.db"))
    finally:
        writer.rollback()
        writer.close()
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(tmp_path / "copy.db")
    names = [n for (n,) in copy.execute("SELECT name FROM organisation")]
    copy.close()
    assert names == ["Committed kommun"]


def test_an_existing_file_is_replaced_only_with_force(live, tmp_path):
    target = tmp_path / "nightly.db"
    target.write_text("yesterday's copy")
    refused = _backup(live, str(target))
    assert refused.exit_code == 1
    assert "exists; use --force" in refused.output
    assert target.read_text() == "yesterday's copy"
    forced = _backup(live, str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes().startswith(b"SQLite format 3\x00")
    assert [p.name for p in tmp_path.iterdir()] == ["nightly.db"]


def test_postgresql_is_sent_to_pg_dump(tmp_path):
    """The command reads only the configured URL: no PostgreSQL needs to answer."""
    url = "postgresql+psycopg://tracker:s3cret@db.internal/tracker"
    app = create_app(conftest.test_config(url))
    result = _backup(app, str(tmp_path / "tracker.dump"))
    assert result.exit_code == 1
    assert "with pg_dump" in result.output
    assert "--host db.internal" in result.output and "tracker" in result.output
    assert "s3cret" not in result.output
    assert not (tmp_path / "tracker.dump").exists()


def test_the_pg_dump_command_leaves_the_password_out():
    url = make_url("postgresql+psycopg://tracker:s3cret@db.internal:5433/tracker")
    command = pg_dump_command(url, Path("/backups/tracker.dump"))
    assert command == (
        "pg_dump --format=custom --host db.internal --port 5433 --username tracker "
        "--file /backups/tracker.dump tracker"
    )
