"""Configuration: defaults, then instance/config.py, then the environment, then a test mapping."""

import os
import secrets
import tempfile
from pathlib import Path

from flask import Flask

DEFAULTS = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": 8 * 3600,
    "WTF_CSRF_TIME_LIMIT": None,
    "BABEL_DEFAULT_LOCALE": "sv",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Stockholm",
    "LANGUAGES": ("sv", "en"),
    "BEHIND_PROXY": 0,
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_HEADERS_ENABLED": False,
    # Login attempts per account, and per address: a municipality's staff share few addresses,
    # so one person guessing passwords must not lock out everyone behind the same one.
    "LOGIN_RATE_LIMIT": "10 per minute",
    "LOGIN_ADDRESS_RATE_LIMIT": "100 per minute",
    "REDIS_URL": None,
    "MAIL_SERVER": None,
    "MAIL_PORT": 25,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_USE_TLS": False,
    "MAIL_FROM": "tracker@localhost",
    "BASE_URL": "http://127.0.0.1:5000",
    "IDEAS_PER_PAGE": 50,
    "ADMIN_PER_PAGE": 50,
    # The largest request body. The largest form, a pilot evaluation of 20 criteria, holds
    # 110,000 characters: 0.66 MB when every one is a percent-escaped "ä". Larger is answered
    # 413 before it is read; Werkzeug's own 500 kB for a urlencoded body would refuse that form.
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "MAX_FORM_MEMORY_SIZE": 2 * 1024 * 1024,
    "MAX_FORM_PARTS": 1000,  # Flask's default, said here: the rollout plan sends about 250
}

# Environment variables read as strings, and the type each becomes.
ENVIRONMENT = {
    "LOGIN_RATE_LIMIT": str,
    "LOGIN_ADDRESS_RATE_LIMIT": str,
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "REDIS_URL": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_USE_TLS": bool,
    "MAIL_FROM": str,
    "BASE_URL": str,
    "SESSION_COOKIE_SECURE": bool,
    "BEHIND_PROXY": int,
    "MAX_CONTENT_LENGTH": int,
    "MAX_FORM_MEMORY_SIZE": int,
}


def _as(kind: type, raw: str):
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return kind(raw)


def database_uri(url: str | None, instance_path: str) -> str:
    """Normalise DATABASE_URL; default to SQLite in instance/."""
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "tracker.db")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _secret_key(instance_path: str) -> str:
    """Read instance/secret_key, creating it on first run.

    Several workers may start at once: each writes its key to a private file and links it into
    place, which only the first one manages, so all of them read the same, complete key.
    """
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        fd, draft = tempfile.mkstemp(dir=instance_path, prefix=".secret_key.")  # mode 0600
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
            os.link(draft, path)
        except FileExistsError:
            pass  # another worker was first: its key stands
        finally:
            os.unlink(draft)
    return path.read_text().strip()


def load(app: Flask, test_config: dict | None) -> None:
    app.config.update(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    for name, kind in ENVIRONMENT.items():
        if name in os.environ:
            app.config[name] = _as(kind, os.environ[name])
    if test_config:
        app.config.update(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_uri(
        app.config.get("SQLALCHEMY_DATABASE_URI") or app.config.get("DATABASE_URL"),
        app.instance_path,
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app.instance_path)
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    app.config["RATELIMIT_STORAGE_URI"] = app.config.get("REDIS_URL") or "memory://"
