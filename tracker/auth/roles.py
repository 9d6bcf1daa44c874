"""Roles: pure Python, so that the stage rules can be tested without an app."""

from flask_babel import lazy_gettext as _l

from tracker.labels import LabelledEnum, labels


class Role(LabelledEnum):
    EMPLOYEE = "employee"
    MANAGER = "manager"
    LEADER = "leader"
    ADMIN = "admin"


labels(
    {
        Role.EMPLOYEE: _l("Employee"),
        Role.MANAGER: _l("Manager"),
        Role.LEADER: _l("Leader"),
        Role.ADMIN: _l("Administrator"),
    }
)

# Roles that read every idea of their organisation.
READS_ORGANISATION = frozenset({Role.LEADER, Role.ADMIN})
# Roles that move ideas, each within its scope (a manager's units, an admin's organisation).
MOVES_IDEAS = frozenset({Role.MANAGER, Role.ADMIN})
