"""records: an arrest keeps the incident log number it came from

Revision ID: 0017_records_arrest_log_number
Revises: 0004_records

The officer may give the command and control incident's log number with an arrest; records
keeps it (canonical form, or null) and passes it on in `records.arrest_recorded`.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_records_arrest_log_number"
down_revision: str | None = "0004_records"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("records_arrests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("incident_log_number", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("records_arrests", schema=None) as batch_op:
        batch_op.drop_column("incident_log_number")
