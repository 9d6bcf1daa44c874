"""idea: an index by organisation and unit, so a manager's ideas are counted without the rows

Revision ID: 0007_idea_org_unit
Revises: 0006_dashboard
Create Date: 2026-12-06 20:45:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0007_idea_org_unit"
down_revision = "0006_dashboard"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_idea_org_unit_stage", "idea", ["organisation_id", "unit_id", "stage"], unique=False
    )


def downgrade():
    op.drop_index("ix_idea_org_unit_stage", table_name="idea")
