"""What one transaction remembers: look-ups a write makes more than once (segments, settings).

Forgotten when the transaction ends, so that a rollback cannot leave behind a row it took back.
"""

from sqlalchemy import event
from sqlalchemy.orm import Session

from tracker.extensions import db

_CACHE = "tracker.lookups"  # in the session's info


def transaction_cache(name: str) -> dict:
    """A dict kept for the current transaction only, by name."""
    return db.session.info.setdefault(_CACHE, {}).setdefault(name, {})


@event.listens_for(Session, "after_transaction_end")
def _forget(session, transaction) -> None:
    if transaction.parent is None or transaction.nested:  # not a flush's inner transaction
        session.info.pop(_CACHE, None)
