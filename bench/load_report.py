"""The table `bench/load.py` prints and writes: per kind of request, how many, how fast, and
what the answers said."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from bench import load_clients as lc
from bench.run import percentile

KINDS = (
    "home", "idea list", "idea page", "board", "dashboard", "submit an idea", "move a card",
    "move a card in its column", "record a measurement", "page after a write",
)  # fmt: skip


@dataclass
class Machine:
    """How busy the machine was: the load average (1 min) before and after the run, and the CPU
    seconds the load script itself spent (its clients share the cores with the server)."""

    load_before: float
    load_after: float
    client_cpu: float


@dataclass
class Result:
    database: str
    version: str
    clients: int
    seconds: float
    answers: list[lc.Answer]
    machine: Machine
    problems: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(a.outcome == outcome for a in self.answers)


def table(result: Result) -> str:
    """A Markdown table, a line per kind, and the run's totals."""
    lines = [
        f"{result.database} ({result.version}), {result.clients} clients, "
        f"{result.seconds:.0f} s: {len(result.answers)} requests, "
        f"{len(result.answers) / result.seconds:.0f} requests/s; "
        f"database check: {'passed' if not result.problems else 'FAILED'}; "
        f"load average {result.machine.load_before:.1f} before, {result.machine.load_after:.1f} "
        f"after; the clients' own CPU {result.machine.client_cpu:.1f} s",
        "",
        "| request | n | p50 ms | p95 ms | " + " | ".join(lc.OUTCOMES) + " |",
        "|---|---:|---:|---:|" + "---:|" * len(lc.OUTCOMES),
    ]
    for kind in KINDS:
        answers = [a for a in result.answers if a.kind == kind]
        if answers:
            lines.append(_line(kind, answers))
    lines.append(_line("**all**", result.answers))
    refused = Counter((a.kind, a.status) for a in result.answers if a.outcome == lc.REFUSED)
    if refused:
        lines += [
            "",
            "Refused 4xx: " + ", ".join(f"{k} {s} × {n}" for (k, s), n in sorted(refused.items())),
        ]
    return "\n".join(lines) + "\n"


def _line(label: str, answers: list[lc.Answer]) -> str:
    times = [a.ms for a in answers]
    counts = [sum(a.outcome == o for a in answers) for o in lc.OUTCOMES]
    cells = [
        label, str(len(answers)), f"{percentile(times, 0.5):.0f}", f"{percentile(times, 0.95):.0f}",
        *(str(n) if n else "·" for n in counts),
    ]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


def report(results: list[Result], args, machine: str) -> str:
    head = [
        f"Load, {date.today().isoformat()}: `bench/load.py --clients {args.clients} "
        f"--seconds {args.seconds:.0f}` on {machine}; gunicorn 2 workers × 4 threads.",
        "",
    ]
    return "\n".join(head) + "\n".join(table(r) for r in results)
