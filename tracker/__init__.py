"""Tracker: från idé till nytta."""

import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from tracker import config, errors, events, request_checks, security, sqlite
from tracker.extensions import babel, csrf, db, htmx, limiter, login_manager, migrate


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    os.makedirs(app.instance_path, exist_ok=True)
    config.load(app, test_config)
    if app.config["BEHIND_PROXY"]:
        hops = app.config["BEHIND_PROXY"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from tracker.i18n import select_locale

    db.init_app(app)
    with app.app_context():
        sqlite.configure(db.engine)
    migrations = os.path.abspath(os.path.join(app.root_path, "..", "migrations"))
    migrate.init_app(app, db, directory=migrations, render_as_batch=True, compare_type=True)
    login_manager.init_app(app)
    request_checks.register(app)  # before CSRF, which reads the body
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    htmx.init_app(app)
    limiter.init_app(app)

    _register_models()
    from tracker import (
        admin,
        auth,
        benefits,
        board,
        costs,
        dashboard,
        discussion,
        exports,
        home,
        ideas,
        notifications,
        outcomes,
        people,
        pilots,
        rollouts,
        templating,
    )
    from tracker.backup.cli import register as register_backup
    from tracker.benefits.cli import register as register_benefit_commands
    from tracker.dashboard.cli import register as register_dashboard_commands
    from tracker.demo.cli import register as register_demo
    from tracker.generate.cli import register as register_generate
    from tracker.handlers import EVENT_HANDLERS
    from tracker.notifications import email as notification_email
    from tracker.notifications.cli import register as register_sweep
    from tracker.notifications.email.cli import register as register_notification_commands

    domains = (auth, home, ideas, discussion, pilots, rollouts, benefits, costs, board, admin)
    for domain in (*domains, notifications):
        app.register_blueprint(domain.routes())
    for reader in (exports, outcomes, dashboard, people):
        app.register_blueprint(reader.routes())
    app.register_blueprint(notification_email.routes())
    events.install(app, EVENT_HANDLERS)
    templating.register(app)
    errors.register(app)
    security.register(app)
    register_backup(app)
    register_demo(app)
    register_generate(app)
    register_benefit_commands(app)
    register_dashboard_commands(app)
    register_sweep(app)
    register_notification_commands(app)
    return app


def _register_models() -> None:
    """Import every model so that the metadata (and Alembic) sees all tables."""
    from tracker import audit as _audit  # noqa: F401
    from tracker.auth import models as _auth  # noqa: F401
    from tracker.benefits import models as _benefits  # noqa: F401
    from tracker.board import models as _board  # noqa: F401
    from tracker.costs import models as _costs  # noqa: F401
    from tracker.dashboard import models as _dashboard  # noqa: F401
    from tracker.discussion import models as _discussion  # noqa: F401
    from tracker.ideas import models as _ideas  # noqa: F401
    from tracker.notifications import models as _notifications  # noqa: F401
    from tracker.orgs import models as _orgs  # noqa: F401
    from tracker.pilots import models as _pilots  # noqa: F401
    from tracker.rollouts import models as _rollouts  # noqa: F401
