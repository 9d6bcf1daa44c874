"""idea: an index by organisation and confidentiality, so a member's readable ideas (the open
ones and the few confidential ones they read) are counted per stage without the rows

Revision ID: 0010_pool
Revises: 0009_idea_pool
Create Date: 2026-12-08 01:00:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0010_pool"
down_revision = "0009_idea_pool"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_idea_org_confidential",
        "idea",
        ["organisation_id", "confidential", "stage", "unit_id"],
        unique=False,
    )


def downgrade():
    op.drop_index("ix_idea_org_confidential", table_name="idea")
