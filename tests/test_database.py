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
