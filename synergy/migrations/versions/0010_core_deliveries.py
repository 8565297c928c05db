"""core: each subscription's failed deliveries of an event, retried on their own

Revision ID: 0010_core_deliveries
Revises: 0001_core
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0010_core_deliveries"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("core",)
depends_on: str | Sequence[str] | None = None

UTC = synergy.core.db.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "core_outbox_deliveries",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("subscription", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("available_at", UTC(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("event_id", "subscription", name=op.f("pk_core_outbox_deliveries")),
    )


def downgrade() -> None:
    op.drop_table("core_outbox_deliveries")
