"""Contact: each call keeps the number of its newest turn, so a new turn is numbered without
reading the call's transcript.

Revision ID: 0020_contact_turn_numbers
Revises: 0013_contact_desk
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_contact_turn_numbers"
down_revision: str | None = "0013_contact_desk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contact_calls") as batch:
        batch.add_column(sa.Column("last_seq", sa.Integer(), nullable=False, server_default="0"))
    op.execute(
        "UPDATE contact_calls SET last_seq = COALESCE("
        "(SELECT MAX(seq) FROM contact_turns WHERE contact_turns.call_id = contact_calls.id), 0)"
    )


def downgrade() -> None:
    with op.batch_alter_table("contact_calls") as batch:
        batch.drop_column("last_seq")
