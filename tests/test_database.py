import os

import pytest

from tracker.extensions import db


def test_suite_runs_on_the_database_ci_asked_for(app):
    """CI sets TRACKER_EXPECT_DB: a PostgreSQL run that fell back to SQLite fails."""
    expected = os.environ.get("TRACKER_EXPECT_DB")
    if not expected:
        pytest.skip("TRACKER_EXPECT_DB is not set (only CI sets it)")
    with app.app_context():
        assert db.engine.dialect.name == expected


def test_a_sqlite_file_is_kept_in_write_ahead_log_mode(tmp_path):
    """Readers do not wait for a writer (several gunicorn workers on one SQLite file)."""
    from sqlalchemy import text

    from tests.conftest import test_config
    from tracker import create_app

    app = create_app(test_config(f"sqlite:///{tmp_path / 'wal.db'}"))
    with app.app_context():
        mode = db.session.execute(text("PRAGMA journal_mode")).scalar()
        db.session.remove()
        db.engine.dispose()
    assert mode == "wal"
