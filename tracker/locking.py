"""Writes that add to an idea wait for each other instead of refusing each other.

Every write that changes what hangs off an idea (a measurement, a cost, a benefit's plan) and so
its kept figures locks the idea's row first, and reads again what it is about to change: two
appends sent at once are then made one after the other, each counting the other's row, and an
edit's version check compares with what was committed last. Optimistic locking (the versions)
stays for edits of a plan made from an open form: that refusal tells a person something.
"""

from sqlalchemy import inspect
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from tracker.extensions import db
from tracker.transactions import transaction_cache


def insert_for(model):
    """An INSERT that knows ON CONFLICT, for the database in use: rows that two writers may
    both create (a tag, a dashboard segment or cell) are created once, and neither is refused."""
    dialect = db.session.get_bind().dialect.name
    return (pg_insert if dialect == "postgresql" else sqlite_insert)(model)


def lock(row, *fresh) -> None:
    """Wait for the transactions that write `row`, then hold its lock to the commit, with `row`
    and the rows `fresh` read again. PostgreSQL locks the row (SELECT ... FOR UPDATE); on SQLite
    a write request holds the database's write lock from its first statement (tracker/sqlite.py),
    so what it read is current already."""
    if db.session.get_bind().dialect.name == "sqlite":
        return
    # Each row is read once under the lock in a transaction (a closing, then its measurement):
    # a second read would cost a query and drop what the transaction has changed since.
    read = transaction_cache("read under a lock")
    if inspect(row).identity_key not in read:
        db.session.refresh(row, with_for_update=True)
        read[inspect(row).identity_key] = True
    for other in fresh:
        if inspect(other).identity_key not in read:
            db.session.refresh(other)
            read[inspect(other).identity_key] = True
