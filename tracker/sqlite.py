"""SQLite as several gunicorn workers share it: a write-ahead log, and write requests that
take the database's write lock at their first statement.

SQLite lets one transaction write at a time. A transaction that first reads and later writes
fails, or is refused as stale, when another one wrote in between: its reads are out of date.
A request that may write (any method but GET, HEAD and OPTIONS) therefore begins with BEGIN
IMMEDIATE and waits, up to the driver's timeout, for the writer before it; everything it then
reads is current, and two appends sent at once are both stored. Other transactions begin as
the driver begins them. PostgreSQL locks rows instead (tracker/locking.py).
"""

from flask import has_request_context, request
from sqlalchemy import event

READING = frozenset({"GET", "HEAD", "OPTIONS"})
WAIT_MS = 15_000  # how long a write waits for the writers before it (the driver's default: 5 s)


def configure(engine) -> None:
    """A write-ahead log for a file database; write requests that begin immediately."""
    if engine.dialect.name != "sqlite":
        return
    if engine.url.database not in (None, "", ":memory:"):
        event.listen(engine, "connect", _journal_in_wal)
    event.listen(engine, "begin", _begin)


def _journal_in_wal(connection, _record) -> None:
    """Readers do not wait for a writer, and a commit appends to the log instead of rewriting
    pages (docs/benchmarks.md); a writer waits its turn behind a burst of others."""
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(f"PRAGMA busy_timeout={WAIT_MS}")


def _begin(connection) -> None:
    """The driver sees the open transaction and begins none of its own before a write."""
    if has_request_context() and request.method not in READING:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
