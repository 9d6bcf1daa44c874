"""People who sign in, with their role, unit and language."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, bindparam, case, func
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.auth.roles import Role
from tracker.dbtypes import enum_column
from tracker.extensions import db
from tracker.orgs.models import Organisation, Unit

# What an anonymised person is called wherever a name is shown, in the reader's language.
FORMER_EMPLOYEE = _l("Former employee")
PASSWORD_MAX = 200  # characters; longer is no one's password


def _former_employee() -> str:
    return str(FORMER_EMPLOYEE)


class User(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(enum_column(Role), default=Role.EMPLOYEE)
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    anonymised_at: Mapped[datetime | None]  # a leaver, anonymised by an admin (GDPR)

    organisation: Mapped[Organisation] = relationship()
    unit: Mapped[Unit | None] = relationship()

    def get_id(self) -> str:
        """The session's user id, bound to the password: changing it signs out other sessions."""
        return f"{self.id}:{self.password_hash[-12:]}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active and self.anonymised_at is None

    @hybrid_property
    def display_name(self) -> str:
        """The name every page shows: an anonymised person is "Former employee"."""
        return str(FORMER_EMPLOYEE) if self.anonymised_at else self.name

    @display_name.inplace.expression
    @classmethod
    def _display_name_expression(cls):
        """The same in SQL, for pages that read names without loading people. The words are
        read in the reader's language when the query runs: an aliased class keeps the expression
        it built first, for every later reader."""
        former = bindparam("former_employee", callable_=_former_employee, type_=String, unique=True)
        return case((cls.anonymised_at.is_(None), cls.name), else_=former)

    def __str__(self) -> str:
        return self.display_name

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)  # scrypt

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


def spend_password_check(password: str) -> None:
    """Hash work for an unknown email, so that timing does not tell which accounts exist."""
    check_password_hash(_unknown_user_hash(), password)


@cache
def _unknown_user_hash() -> str:
    return generate_password_hash("no account has this password")
