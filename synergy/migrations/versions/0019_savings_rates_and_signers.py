"""savings: an automation rate applies from a month; the finance signer's name

Revision ID: 0019_savings_rates_and_signers
Revises: 0008_savings

A rate prices the months from `applies_from` on, so a new rate no longer re-prices months
already reported. Rates set before this keep an empty `applies_from`: they apply to every
month, as they did, and the figures shown do not change.

A contract keeps the name of the account that signed it off for finance on the page, so the
budget holder named cannot be that same person.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_savings_rates_and_signers"
down_revision: str | None = "0008_savings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("savings_automation_rates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("applies_from", sa.Date(), nullable=True))
    with op.batch_alter_table("savings_contracts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("finance_signer_name", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("savings_contracts", schema=None) as batch_op:
        batch_op.drop_column("finance_signer_name")
    with op.batch_alter_table("savings_automation_rates", schema=None) as batch_op:
        batch_op.drop_column("applies_from")
