"""Demo data: placeholder until the full demo lands."""


def load_demo() -> str:
    return "no demo data yet"
