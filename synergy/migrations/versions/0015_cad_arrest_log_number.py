"""cad: arrests keep the incident log number records gave with them

Revision ID: 0015_cad_arrest_log_number
Revises: 0006_cad_partner

Command and control's copy of an arrest keeps the incident log number records gave with it
(`records.arrest_recorded` carries `incident_log_number` when the officer knows it), which is
what links the arrest to its incident.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_cad_arrest_log_number"
down_revision: str | None = "0006_cad_partner"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cad_arrests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("incident_log_number", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cad_arrests", schema=None) as batch_op:
        batch_op.drop_column("incident_log_number")
