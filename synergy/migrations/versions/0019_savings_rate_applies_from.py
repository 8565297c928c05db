"""savings: an automation rate applies from a month

Revision ID: 0019_savings_rate_applies_from
Revises: 0008_savings

A rate prices the months from `applies_from` on, so a new rate no longer re-prices months
already reported. Rates set before this keep an empty `applies_from`: they apply to every
month, as they did, and the figures shown do not change.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_savings_rate_applies_from"
down_revision: str | None = "0008_savings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("savings_automation_rates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("applies_from", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("savings_automation_rates", schema=None) as batch_op:
        batch_op.drop_column("applies_from")
