"""Roles: pure Python, so that the stage rules can be tested without an app."""

import enum

from flask_babel import lazy_gettext as _l


class Role(enum.StrEnum):
    EMPLOYEE = "employee"
    MANAGER = "manager"
    LEADER = "leader"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return str(_LABELS[self])


_LABELS = {
    Role.EMPLOYEE: _l("Employee"),
    Role.MANAGER: _l("Manager"),
    Role.LEADER: _l("Leader"),
    Role.ADMIN: _l("Administrator"),
}

# Roles that read every idea of their organisation.
READS_ORGANISATION = frozenset({Role.LEADER, Role.ADMIN})
# Roles that move ideas, each within its scope (a manager's units, an admin's organisation).
MOVES_IDEAS = frozenset({Role.MANAGER, Role.ADMIN})
