"""audit log: one row per administrative change

Revision ID: 0002_audit_log
Revises: 0001_foundation
Create Date: 2026-11-25 12:25:01.518276

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0002_audit_log"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column(
            "action",
            sa.Enum(
                "create", "update", "deactivate", "reactivate",
                name="auditaction", native_enum=False, length=20,
            ),
            nullable=False,
        ),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user.id"], name=op.f("fk_audit_entry_actor_id_user")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_audit_entry_organisation_id_organisation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    op.create_index("ix_audit_entry_org_at", "audit_entry", ["organisation_id", "at"])


def downgrade():
    op.drop_index("ix_audit_entry_org_at", table_name="audit_entry")
    op.drop_table("audit_entry")
