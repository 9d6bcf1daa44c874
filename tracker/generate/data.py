"""`generate`: one synthetic organisation with `ideas` ideas and about `measurements`
measurements, the same for the same seed and day.

The ideas' final stages are drawn first, so that the benefits (about ten measurements each) can
be shared out over the ideas in rollout, follow-up and realised. Then idea after idea is written
with everything that hangs on it; the kept figures are computed on the way (kept.py), and the
dashboard's aggregates are rebuilt at the end.
"""

from __future__ import annotations

import random
import time as clock
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from tracker.dashboard.rebuild import rebuild_aggregates
from tracker.extensions import db
from tracker.generate import benefits, ideas, org, paths, projects
from tracker.generate.bulk import Writer
from tracker.ideas.stages import Stage
from tracker.orgs.models import Organisation

PER_BENEFIT = 10  # measurements per benefit, about


class GenerateError(Exception):
    """The data cannot be generated as asked."""


@dataclass
class Generated:
    organisation: str
    domain: str
    counts: Counter[str] = field(default_factory=Counter)
    stages: Counter[Stage] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        tables = ", ".join(f"{n} {name}" for name, n in sorted(self.counts.items()))
        stages = ", ".join(f"{n} {stage.value}" for stage, n in self.stages.most_common())
        timing = ", ".join(f"{what} {s:.1f} s" for what, s in self.seconds.items())
        return (
            f"Generated {self.organisation}: {tables}.\nStages: {stages}.\nTime: {timing}.\n"
            f"Sign in as admin@{self.domain}, leader1@{self.domain}, manager1@{self.domain} or "
            f"employee1@{self.domain} with the password {org.PASSWORD}."
        )


def generate(
    idea_count: int,
    measurements: int,
    seed: int = 1,
    organisation: str = "Syntetisk kommun",
    today: date | None = None,
) -> Generated:
    """Write the organisation and commit; a second organisation of the same name is refused."""
    if db.session.scalar(select(Organisation.id).where(Organisation.name == organisation)):
        raise GenerateError(f"The organisation {organisation!r} exists already.")
    rng = random.Random(seed)
    anchor = datetime.combine(today or date.today(), time(0))
    started = clock.perf_counter()
    people = org.create(organisation, rng, anchor - timedelta(days=paths.WINDOW_DAYS + 30))
    result = Generated(organisation, people.domain)
    finals = [paths.draw_final(rng) for _ in range(idea_count)]
    eligible = sum(final in benefits.ELIGIBLE for final in finals)
    benefit_total = max(round(measurements / PER_BENEFIT), eligible) if eligible else 0
    per_idea = benefits.Quota(benefit_total, eligible)
    per_benefit = benefits.Quota(measurements, benefit_total)
    w = Writer()
    try:
        for rank, final in enumerate(finals, 1):
            idea = ideas.write(w, people, final, rank, rng, anchor)
            projects.pilots(w, people, idea, rng)
            projects.rollout(w, people, idea, rng)
            eligible = final in benefits.ELIGIBLE
            count = per_idea.take(rng, benefit_total, minimum=1) if eligible else 0
            benefits.write(w, people, idea, count, per_benefit, rng, anchor)
            result.stages[final] += 1
        w.finish()
        result.seconds["rows"] = clock.perf_counter() - started
        started = clock.perf_counter()
        rebuild_aggregates()  # the dashboard's cells, from the rows just written
        result.seconds["aggregates"] = clock.perf_counter() - started
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    result.counts.update(w.counts)
    result.counts["user"] = len(people.everyone)
    return result
