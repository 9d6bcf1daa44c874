"""`make bench`: server time and SQL statements of the main pages and writes, at 1k and 100k ideas.

Usage: .venv/bin/python bench/run.py [--sizes 1000,100000] [--runs 80] [--write-runs 30]
                                     [--warmup 20] [--no-postgres] [--output docs/benchmarks.md]

For each size it generates a database (`flask generate`: N ideas, 10 N measurements) on SQLite,
in a file under a temporary folder, and, when PostgreSQL answers on 127.0.0.1:5432 (user
postgres), in a throw-away database it creates and drops. Each page is requested through the
WSGI test client in this one process (no network, no browser): warm-up requests first, then the
timed ones. The time is the wall time of the whole request, the statements those the request
sends (counted with SQLAlchemy's before_cursor_execute event). A bare endpoint (/healthz) is
timed in the same run, so that a busy machine shows in the ratio as well as in the times.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event, text  # noqa: E402

from bench import scenarios  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.generate.data import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=3"
PAGE_BUDGET_S = 120  # no page's timed loop runs longer than this, whatever --runs says


@dataclass
class Row:
    label: str
    median: float | None = None
    p95: float | None = None
    statements: int | None = None
    runs: int = 0
    note: str = ""


def percentile(times: list[float], share: float) -> float:
    """Nearest rank."""
    ordered = sorted(times)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


class Counter:
    def __init__(self, engine) -> None:
        self.n = 0
        event.listen(engine, "before_cursor_execute", self._count)

    def _count(self, *args) -> None:
        self.n += 1


def measure(case: scenarios.Case, counter: Counter, warmup: int, runs: int) -> Row:
    """Warm up, then time `runs` requests; each request's own statements are counted."""
    row = Row(case.label, note=case.note)
    if case.skip:
        row.note = case.skip
        return row
    times, counts = [], []
    deadline = time.monotonic() + PAGE_BUDGET_S
    try:
        for _ in range(warmup):
            case.request()
        for _ in range(runs):
            if time.monotonic() > deadline:
                row.note = _also(row.note, f"stopped after {PAGE_BUDGET_S} s")
                break
            case.prepare()
            before = counter.n
            start = time.perf_counter()
            case.request()
            times.append((time.perf_counter() - start) * 1000)
            counts.append(counter.n - before)
    except StopIteration:  # a small database has few targets for a write
        row.note = _also(row.note, "ran out of targets")
    if times:
        row.median, row.p95 = statistics.median(times), percentile(times, 0.95)
        row.statements, row.runs = round(statistics.median(counts)), len(times)
        if min(counts) != max(counts):
            row.note = _also(row.note, f"statements {min(counts)}–{max(counts)}")
    return row


def _also(note: str, more: str) -> str:
    return f"{note}; {more}" if note else more


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True):
            return True
    except Exception:  # noqa: BLE001 (any failure means: no PostgreSQL here)
        return False


def _pg(statement: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(statement)


def run_one(size: int, database: str, args, folder: str) -> tuple[float, list[Row], str]:
    """Generate, migrate and measure one database; returns the generator's seconds and rows."""
    name = f"tracker_bench_{os.getpid()}_{size}"
    if database == "sqlite":
        url = "sqlite:///" + os.path.join(folder, f"{name}.db")
    else:
        _pg(f'CREATE DATABASE "{name}"')
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": False,
            "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
        }
    )  # fmt: skip
    try:
        with app.app_context():
            upgrade()
            version = _server_version()
            started = time.perf_counter()
            generated = generate(size, size * 10, seed=1, organisation="Benchmark kommun")
            seconds = time.perf_counter() - started
            print(f"  generated in {seconds:.1f} s: {generated.summary().splitlines()[0]}")
            if database == "postgresql":  # what autovacuum does to a loaded database in service
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.execute(text("VACUUM ANALYZE"))
            counter = Counter(db.engine)
        rows = []
        for case in scenarios.cases(app, args.runs, args.write_runs, args.warmup):
            runs = args.write_runs if case.write else args.runs
            warmup = min(args.warmup, case.warmup_cap)
            row = measure(case, counter, warmup, runs)
            rows.append(row)
            _print_row(row, rows[0])
        return seconds, rows, version
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if database == "postgresql":
            _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server_version() -> str:
    if db.engine.dialect.name == "postgresql":
        return (
            "PostgreSQL " + db.session.connection().exec_driver_sql("SHOW server_version").scalar()
        )
    return "SQLite " + sqlite3.sqlite_version


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _ratio(row: Row, bare: Row) -> str:
    if row.median is None or not bare.median:
        return "–"
    return f"{row.median / bare.median:.0f}"


def _print_row(row: Row, bare: Row) -> None:
    print(f"  {_line(row, bare)}", flush=True)


def _line(row: Row, bare: Row) -> str:
    statements = "–" if row.statements is None else str(row.statements)
    cells = [row.label, _ms(row.median), _ms(row.p95), _ratio(row, bare), statements, row.note]
    return "| " + " | ".join(cells) + " |"


KEPT = "<!-- make bench rewrites what is above this line and keeps what is below it -->"


def write_report(path: Path, results: list, args) -> None:
    cores = os.cpu_count()
    lines = [
        "# Benchmarks",
        "",
        f"Measured on {date.today().isoformat()} by `make bench` (bench/run.py), on this machine: "
        f"{cores} cores, {platform.system()} {platform.machine()}, Python "
        f"{platform.python_version()}. Other work may have run on the machine at the same time; "
        "the ratio to the bare endpoint, timed in the same run, shows how busy it was.",
        "",
        "How: `flask generate` fills a fresh database with N ideas and 10 N measurements (seed 1); "
        "then each request goes through Flask's test client in one process (no network, no "
        "browser), signed in by setting the session. A PostgreSQL database gets `VACUUM "
        "ANALYZE` after loading, as autovacuum gives a database in service. "
        f"Reads: {args.warmup} warm-up requests, then {args.runs} timed ones; writes: a few "
        f"warm-up requests, then {args.write_runs} timed ones, each on a target of its own so that "
        "each does the real work. Times are the wall time of the whole request in milliseconds, "
        "median and 95th percentile (nearest rank); × bare is the median over the median of "
        "`/healthz`; SQL statements are those one request sends (the median, when they vary).",
        "",
        "The pages are those of a manager of the förvaltning with the most ideas (the dashboard: "
        "a leader's). The idea page shows an idea in rollout with the median number of benefits. "
        "The 500-card board raises the cards per column until 500 are shown. Submitting posts the "
        "new-idea form as an employee; moving drops a submitted idea into screening (the bench "
        "first makes the manager responsible for enough submitted ideas, so that the gate is met), "
        "as a plain form post answered with a redirect and as the board's htmx request answered "
        "with the fresh columns; a measurement is recorded by the benefit's owner, dated today; "
        "the manager comments on the idea in rollout, naming an employee with @.",
        "",
    ]
    for size, database, version, seconds, rows in results:
        lines += [
            f"## {size:,} ideas".replace(",", " ") + f", {database} ({version})",
            "",
            f"Generated in {seconds:.0f} s.",
            "",
            "| page | median ms | p95 ms | × bare | SQL statements | note |",
            "|---|---:|---:|---:|---:|---|",
            *(_line(row, rows[0]) for row in rows),
            "",
        ]
    kept = path.read_text().partition(KEPT)[2] if path.exists() else ""
    path.write_text("\n".join(lines) + "\n" + KEPT + (kept or "\n"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="idea counts, comma-separated")
    parser.add_argument("--runs", type=int, default=80, help="timed requests per page")
    parser.add_argument("--write-runs", type=int, default=30, help="timed requests per write")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    sizes = [int(s) for s in re.split(r"[,\s]+", args.sizes) if s]
    databases = ["sqlite"]
    if not args.no_postgres:
        if postgres_available():
            databases.append("postgresql")
        else:
            print("PostgreSQL does not answer on 127.0.0.1:5432: SQLite only.")
    folder = tempfile.mkdtemp(prefix="tracker-bench-")
    results = []
    try:
        for size in sizes:
            for database in databases:
                print(f"{size} ideas on {database}:", flush=True)
                seconds, rows, version = run_one(size, database, args, folder)
                results.append((size, database, version, seconds, rows))
                write_report(Path(args.output), results, args)  # what is done so far
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"Written to {args.output}.")
    for size, database, _, seconds, _ in results:
        print(f"Generator: {size} ideas on {database} in {seconds:.1f} s")


if __name__ == "__main__":
    main()
