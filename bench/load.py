"""`make load`: many signed-in people at once against gunicorn, then a check of the database.

Usage: .venv/bin/python bench/load.py [--clients 16] [--seconds 60] [--max-requests 1000000]
                                      [--no-postgres] [--output FILE] [--time-limit S]

For each database (a fresh SQLite file; and, when PostgreSQL answers on 127.0.0.1:5432, a
throw-away database, dropped afterwards) it migrates, loads the demo, starts gunicorn
(`wsgi:app` as deployed: 2 workers × 4 threads on 127.0.0.1 and a free port) and signs in a few
demo people through the login form: employees, managers, the admin, a leader and the owners of
open benefits. Fewer than ten, so the production login limit (10 a minute) stays as it is.
N clients, each one of those people, then mix reads (home, idea list, idea page, board, and the
dashboard for the leader and the admin) with writes (employees submit ideas, managers and the
admin move cards with the board's htmx request, owners record measurements) until the time or
the request budget is spent. No answer is retried.

Then the server is stopped (by its PID) and the database checked: every write answered as saved
is there exactly once (ideas and measurements by their marked title or comment; moves as
stage-history rows of that card, those stages and that mover), nothing answered as refused is
there, and `flask rebuild-aggregates --check` finds the kept figures right. The exit status is
non-zero when a check fails or any answer was a 5xx. A hard wall-clock limit (--time-limit)
stops the servers and the script whatever happens.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import load_clients as lc  # noqa: E402
from bench.load_report import Machine, Result, report, table  # noqa: E402
from bench.load_seed import check, seed  # noqa: E402
from bench.run import _pg, postgres_available  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
START_LIMIT_S = 60  # gunicorn must answer /healthz within this
STOP_LIMIT_S = 20  # then SIGKILL

_servers: dict[int, subprocess.Popen] = {}  # what this script started, by PID
_databases: list[str] = []  # PostgreSQL databases this script created
_folder = ""  # the SQLite file and the servers' logs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, log: Path) -> tuple[subprocess.Popen, str]:
    """gunicorn on 127.0.0.1 and a free port, as deployed; waits until /healthz answers."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(32)}
    command = [
        str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
        "--timeout", "60", "--graceful-timeout", "10", "wsgi:app",
    ]  # fmt: skip
    with open(log, "ab") as out:
        # a session of its own: its process group is the master's PID, workers included
        server = subprocess.Popen(  # noqa: S603 (our own command line)
            command, cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True
        )
    _servers[server.pid] = server
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_LIMIT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}; see {log}")
        try:
            if lc.Browser(base).request("/healthz")[0] == 200:
                return server, base
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"gunicorn did not answer within {START_LIMIT_S} s; see {log}")


def stop_server(server: subprocess.Popen, grace: float = STOP_LIMIT_S) -> None:
    """SIGTERM to the gunicorn master we started (it stops its workers); if it lingers, SIGKILL
    to its process group, which is its own PID, so that no worker is left behind."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(5)
    with contextlib.suppress(ProcessLookupError):  # a worker that outlived its master
        os.killpg(server.pid, signal.SIGKILL)
    _servers.pop(server.pid, None)


def _abandon(reason: str) -> None:
    """The hard limit: stop every server this script started, drop its databases, exit."""
    print(f"\n{reason}: stopping.", file=sys.stderr, flush=True)
    for server in list(_servers.values()):
        stop_server(server, grace=5)
    if _folder:
        shutil.rmtree(_folder, ignore_errors=True)
    for name in _databases:
        try:
            _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except Exception as error:  # noqa: BLE001 (report and go on exiting)
            print(f"Could not drop {name}: {error}", file=sys.stderr)
    os._exit(3)


def run_clients(base: str, people: list[lc.Person], args, run_id: str) -> tuple:
    """Sign the people in, then run the clients until the time or the budget is spent."""
    for person in people:
        lc.log_in(base, person, demo_password())
    run = lc.Run(run_id, time.monotonic() + args.seconds, args.max_requests)
    clients = [lc.Client(base, people[i % len(people)], run, seed=i) for i in range(args.clients)]
    threads = [threading.Thread(target=c.go, daemon=True) for c in clients]
    load_before, cpu_before = os.getloadavg()[0], time.process_time()
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:  # each request times out after TIMEOUT_S: the run ends shortly after
        thread.join(args.seconds + 2 * lc.TIMEOUT_S)
    elapsed = time.perf_counter() - started
    if any(t.is_alive() for t in threads):
        raise RuntimeError("A client did not finish within its time")
    machine = Machine(load_before, os.getloadavg()[0], time.process_time() - cpu_before)
    return [a for c in clients for a in c.answers], elapsed, machine


def demo_password() -> str:
    """The published password of every demo account."""
    from tracker.demo.data import PASSWORD

    return PASSWORD


def run_one(database: str, args, folder: str, run_id: str) -> Result:
    name = f"tracker_load_{os.getpid()}"
    if database == "sqlite":
        url = "sqlite:///" + os.path.join(folder, "load.db")
    else:
        _pg(f'CREATE DATABASE "{name}"')
        _databases.append(name)
        url = f"postgresql://postgres@127.0.0.1:5432/{name}"
    try:
        seeded = seed(url)
        people = seeded.people
        print(f"  demo loaded; {len(people)} people: " + "; ".join(p.describe() for p in people))
        server, base = start_server(url, Path(folder) / f"gunicorn-{database}.log")
        try:
            answers, elapsed, machine = run_clients(base, people, args, run_id)
        finally:
            stop_server(server)
        problems = check(url, run_id, answers, seeded.last_stage_change)
        return Result(database, seeded.version, args.clients, elapsed, answers, machine, problems)
    finally:
        if database == "postgresql":
            _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            _databases.remove(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--max-requests", type=int, default=1_000_000,
        help="the most actions of all clients together: a read, or a write (with the board read "
        "before a move and the page after a redirect)",
    )  # fmt: skip
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--output", help="also write the table (Markdown) to this file")
    parser.add_argument(
        "--time-limit", type=float, help="hard limit for the whole script, in seconds "
        "(default: 4 × --seconds + 600)",
    )  # fmt: skip
    args = parser.parse_args()
    limit = args.time_limit or 4 * args.seconds + 600
    watchdog = threading.Timer(limit, _abandon, [f"The hard limit of {limit:.0f} s is reached"])
    watchdog.daemon = True
    watchdog.start()
    signal.signal(signal.SIGTERM, lambda *_: _abandon("SIGTERM"))
    databases = ["sqlite"]
    if not args.no_postgres:
        if postgres_available():
            databases.append("postgresql")
        else:
            print("PostgreSQL does not answer on 127.0.0.1:5432: SQLite only.")
    run_id = datetime.now(UTC).strftime("%H%M%S") + "-" + secrets.token_hex(2)
    global _folder
    folder = _folder = tempfile.mkdtemp(prefix="tracker-load-")
    results = []
    try:
        for database in databases:
            print(f"{database}: {args.clients} clients for {args.seconds:.0f} s", flush=True)
            result = run_one(database, args, folder, run_id)
            results.append(result)
            print(table(result), flush=True)
    except KeyboardInterrupt:
        _abandon("Interrupted")
    finally:
        for server in list(_servers.values()):
            stop_server(server)
        shutil.rmtree(folder, ignore_errors=True)
        watchdog.cancel()
    machine = f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}"
    text = report(results, args, machine)
    if args.output:
        Path(args.output).write_text(text)
        print(f"Written to {args.output}.")
    failed = [r for r in results if r.problems or r.count(lc.SERVER_ERROR)]
    for result in failed:
        for problem in result.problems:
            print(f"{result.database}: {problem}", file=sys.stderr)
        if result.count(lc.SERVER_ERROR):
            print(f"{result.database}: {result.count(lc.SERVER_ERROR)} answers were 5xx",
                  file=sys.stderr)  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
