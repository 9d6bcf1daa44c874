"""An online copy of a SQLite file through SQLite's backup API, put in place in one rename."""

import os
import sqlite3
import tempfile
from pathlib import Path


class BackupError(Exception):
    """The copy was not made; the message says why."""


def copy_database(source: str, target: Path, *, force: bool) -> dict[str, int]:
    """Copy the database at `source` to `target` as one self-contained file and return the rows
    of each table in the copy; an existing `target` is replaced only with `force`."""
    if not os.path.isfile(source):
        raise BackupError(f"There is no database file at {source}.")
    if target.exists() and not force:
        raise BackupError(f"{target} exists; use --force to replace it.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    fd, draft = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    try:
        rows = _copy(source, draft)
        _sync(draft)
        if force:
            os.replace(draft, target)
        else:
            try:
                os.link(draft, target)  # fails, unlike a rename, when the target appeared meanwhile
            except FileExistsError:
                raise BackupError(f"{target} exists; use --force to replace it.") from None
    finally:
        for leftover in (draft, draft + "-journal", draft + "-wal", draft + "-shm"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return rows


def _copy(source: str, draft: str) -> dict[str, int]:
    # mode=rw: never create an empty database where the real one is missing. One backup step
    # copies a snapshot under a read transaction: in WAL mode the writers go on meanwhile, and
    # what they committed to the -wal file but not yet to the main file is in the copy.
    origin = sqlite3.connect(f"file:{source}?mode=rw", uri=True)
    copy = sqlite3.connect(draft)
    try:
        origin.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one file, without a -wal beside it
        names = copy.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        ).fetchall()
        counted = {}
        for (name,) in names:  # the schema's own table names, never a person's input
            count = f'SELECT count(*) FROM "{name}"'  # noqa: S608  # nosec B608
            counted[name] = copy.execute(count).fetchone()[0]
        return counted
    finally:
        copy.close()
        origin.close()


def _sync(path: str) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())
