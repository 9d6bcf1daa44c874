"""user: anonymised_at, when an admin anonymised a person who left (GDPR)

Revision ID: 0008_user_anonymised
Revises: 0007_idea_org_unit
Create Date: 2026-12-07 22:00:00

"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "0008_user_anonymised"
down_revision = "0007_idea_org_unit"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anonymised_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("anonymised_at")
