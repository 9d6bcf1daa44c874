"""Bulk inserts: rows buffered per table with ids handed out here, written in chunks in the
order of the foreign keys, past the ORM."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Table, func, insert, select, text

from tracker.extensions import db

CHUNK = 5000


class Writer:
    """Buffers rows per table and writes every buffer, parents first, when one is full."""

    def __init__(self, chunk: int = CHUNK) -> None:
        self.chunk = chunk
        self.order = {t.name: i for i, t in enumerate(db.metadata.sorted_tables)}
        self.buffers: dict[str, list[dict]] = {}
        self.next_ids: dict[str, int] = {}
        self.counts: Counter[str] = Counter()

    def new_id(self, table: Table) -> int:
        """The next free id of a table: after the largest one there, counting up from it."""
        if table.name not in self.next_ids:
            largest = db.session.scalar(select(func.max(table.c.id)))
            self.next_ids[table.name] = (largest or 0) + 1
        value = self.next_ids[table.name]
        self.next_ids[table.name] = value + 1
        return value

    def add(self, table: Table, row: dict) -> dict:
        """Buffer a row (given an id, when the table has one and the row none); returns it."""
        if "id" in table.c and "id" not in row:
            row["id"] = self.new_id(table)
        self.buffers.setdefault(table.name, []).append(row)
        if len(self.buffers[table.name]) >= self.chunk:
            self.flush()
        return row

    def flush(self) -> None:
        """Write every buffered row, parents before children."""
        for name in sorted(self.buffers, key=self.order.__getitem__):
            rows = self.buffers[name]
            if not rows:
                continue
            table = db.metadata.tables[name]
            for start in range(0, len(rows), self.chunk):
                db.session.execute(insert(table), rows[start : start + self.chunk])
            self.counts[name] += len(rows)
            self.buffers[name] = []

    def finish(self) -> None:
        """Write the rest and, on PostgreSQL, move each id sequence past the ids handed out."""
        self.flush()
        if db.session.get_bind().dialect.name != "postgresql":
            return
        for name in self.next_ids:  # the models' table names, never a person's input
            sequence = f"pg_get_serial_sequence('\"{name}\"', 'id')"
            after = f'(SELECT coalesce(max(id), 0) + 1 FROM "{name}")'  # noqa: S608  # nosec B608
            db.session.execute(text(f"SELECT setval({sequence}, {after}, false)"))
