"""The models and the migrations describe the same schema."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from tests import conftest
from tracker import create_app
from tracker.extensions import db


def _differences(connection) -> list:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": False}
    )
    return compare_metadata(context, db.metadata)


def test_the_migrated_database_matches_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        assert _differences(connection) == []


def test_the_migrations_go_down_to_nothing_and_up_again(tmp_path):
    app = create_app(conftest.test_config("sqlite:///" + str(tmp_path / "updown.db")))
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as connection:
            assert _differences(connection) == []
        db.engine.dispose()
