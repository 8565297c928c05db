"""Identity: sign-in throttling by username and address, and the authenticator app's secret.

Revision ID: 0012_identity_sign_in
Revises: 0001_core
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0012_identity_sign_in"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("identity",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "identity_sign_in_throttle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("window_started", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_identity_sign_in_throttle")),
        sa.UniqueConstraint(
            "scope", "subject", name=op.f("uq_identity_sign_in_throttle_scope_subject")
        ),
    )
    with op.batch_alter_table("identity_users") as batch:
        batch.add_column(sa.Column("totp_secret", sa.String(length=200), nullable=True))
        batch.add_column(
            sa.Column(
                "totp_confirmed_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("identity_users") as batch:
        batch.drop_column("totp_last_step")
        batch.drop_column("totp_confirmed_at")
        batch.drop_column("totp_secret")
    op.drop_table("identity_sign_in_throttle")
