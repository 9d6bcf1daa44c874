"""Benchmark of the board: median and p95 server time of GET /board/ at 500 cards.

Usage: .venv/bin/python bench/board.py [--ideas 500] [--runs 60]
Set BENCH_DATABASE_URL to measure on PostgreSQL (a throw-away database: it is wiped).
Times come from the WSGI test client in one process (no network), next to the bare /healthz
endpoint in the same run, so that a busy machine shows in both and the ratio stays honest.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event, text  # noqa: E402

from tracker import create_app  # noqa: E402
from tracker.auth.models import User  # noqa: E402
from tracker.auth.roles import Role  # noqa: E402
from tracker.board import cards  # noqa: E402
from tracker.extensions import db  # noqa: E402
from tracker.ideas.models import Idea, StageChange, Tag  # noqa: E402
from tracker.ideas.stages import BOARD  # noqa: E402
from tracker.orgs.models import Category, Organisation, Unit  # noqa: E402


def build(ideas: int) -> str:
    """An organisation whose manager's units hold `ideas` ideas over the board's columns."""
    org = Organisation(name="Benchmark kommun")
    db.session.add(org)
    db.session.flush()
    root = Unit(organisation_id=org.id, name="Kommunen")
    db.session.add(root)
    db.session.flush()
    units = [Unit(organisation_id=org.id, name=f"Enhet {i}", parent_id=root.id) for i in range(8)]
    categories = [Category(organisation_id=org.id, name=f"Kategori {i}") for i in range(6)]
    tags = [Tag(organisation_id=org.id, name=f"tagg-{i}") for i in range(12)]
    db.session.add_all(units + categories + tags)
    manager = User(
        organisation_id=org.id, unit_id=root.id, email="bench@example.org", name="Bench Chef",
        role=Role.MANAGER, password_hash="!",  # noqa: S106 (no login: a session is set)
    )  # fmt: skip
    db.session.add(manager)
    db.session.flush()
    for i in range(ideas):
        idea = Idea(
            organisation_id=org.id, unit_id=units[i % 8].id, category_id=categories[i % 6].id,
            submitter_id=manager.id, owner_id=manager.id if i % 7 else None,
            title=f"Idé nummer {i} om bättre service", need="Behov " * 20,
            proposal="Förslag " * 20, stage=BOARD[i % len(BOARD)], board_rank=float(i),
            priority_score=(i * 37) % 100, support_count=i % 5,
        )  # fmt: skip
        idea.tags = [tags[i % 12], tags[(i + 5) % 12]]
        db.session.add(idea)
    db.session.flush()
    db.session.execute(
        StageChange.__table__.insert(),
        [{"idea_id": i, "to_stage": "submitted", "reason": ""} for i in range(1, ideas + 1)],
    )
    db.session.commit()
    return manager.get_id()


def measure(client, path: str, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ideas", type=int, default=500)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL")
    folder = tempfile.mkdtemp()
    url = (url or "sqlite:///" + os.path.join(folder, "bench.db")).replace(
        "postgresql://", "postgresql+psycopg://"
    )
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": False})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade()
        manager_id = build(args.ideas)
        statements: list[str] = []
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = manager_id
    rows = [("bare /healthz", "/healthz", cards.PAGE)]
    rows += [("board, default view (50 per column)", "/board/", cards.PAGE)]
    rows += [(f"board, all {args.ideas} cards", "/board/", args.ideas)]
    rows += [("board filtered by text", "/board/?q=nummer+1&sort=score", cards.PAGE)]
    print(f"database: {url.split(':')[0]}, ideas: {args.ideas}")
    print("| page | median ms | p95 ms | × bare | SQL statements |\n|---|---|---|---|---|")
    bare = None
    for label, path, per_column in rows:
        cards.PAGE = per_column
        measure(client, path, 20)  # warm up
        statements.clear()
        client.get(path)
        count = len(statements)
        median, p95 = measure(client, path, args.runs)
        bare = bare or median
        print(f"| {label} | {median:.1f} | {p95:.1f} | {median / bare:.0f} | {count} |")
    with app.app_context():
        db.engine.dispose()


if __name__ == "__main__":
    main()
