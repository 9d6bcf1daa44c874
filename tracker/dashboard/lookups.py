"""What a write looks up once a transaction: the ids of the segments it adds to.

A segment's key never changes and segments are never deleted, but a rollback takes back those
created in its transaction: so the ids are kept for one transaction only.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select, tuple_

from tracker.dashboard.models import NONE, Segment, rollup_keys
from tracker.extensions import db
from tracker.locking import insert_for
from tracker.transactions import transaction_cache

# The segments of an organisation with these (unit, category, goal) keys.
_SEGMENTS = select(Segment.unit_id, Segment.category_id, Segment.goal_id, Segment.id).where(
    Segment.organisation_id == bindparam("organisation_id"),
    tuple_(Segment.unit_id, Segment.category_id, Segment.goal_id).in_(
        bindparam("keys", expanding=True)
    ),
)


def segment_ids(organisation_id: int, keys: list[tuple[int, int, int]]) -> list[int]:
    """The ids of the segments of these (unit, category, goal) keys, created on first use."""
    known = transaction_cache("segments")
    missing = list(dict.fromkeys(k for k in keys if (organisation_id, *k) not in known))
    if missing:
        wanted = {"organisation_id": organisation_id, "keys": missing}
        found = {tuple(r[:3]): r[3] for r in db.session.execute(_SEGMENTS, wanted)}
        absent = [k for k in missing if k not in found]
        if absent:
            rows = [
                {"organisation_id": organisation_id, "unit_id": u, "category_id": c, "goal_id": g}
                for u, c, g in absent
            ]
            db.session.execute(insert_for(Segment).on_conflict_do_nothing(), rows)
            found = {tuple(r[:3]): r[3] for r in db.session.execute(_SEGMENTS, wanted)}
        known.update({(organisation_id, *k): i for k, i in found.items()})
    return [known[(organisation_id, *k)] for k in keys]


def segment_targets(
    organisation_id: int, unit_id: int, category_id: int | None, goal_id: int | None
) -> list[int]:
    """The (fine) segment of a unit, category and goal, and the segments it is added up into:
    found together, in one query at most."""
    keys = rollup_keys(unit_id, category_id or NONE, goal_id or NONE)
    ids = segment_ids(organisation_id, keys)
    transaction_cache("targets")[ids[0]] = ids
    return ids


def segment_id(organisation_id: int, unit_id: int, category_id: int | None, goal_id: int | None):
    """The id of the (fine) segment of an idea's unit, category and goal."""
    return segment_targets(organisation_id, unit_id, category_id, goal_id)[0]


def targets(segment: int) -> list[int]:
    """A fine segment and the segments it is added up into (dashboard/models.py)."""
    known = transaction_cache("targets")
    if segment not in known:
        fine = db.session.get(Segment, segment)
        known[segment] = segment_ids(
            fine.organisation_id, rollup_keys(fine.unit_id, fine.category_id, fine.goal_id)
        )
    return known[segment]
