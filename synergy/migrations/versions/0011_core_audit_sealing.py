"""Core: audit records are written unsealed and chained later by a keyed sealer.

Existing records keep their place and their plain SHA-256 links (key id `sha256`); new ones are
linked with an HMAC under a key kept outside the database.

Revision ID: 0011_core_audit_sealing
Revises: 0010_core_deliveries
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0011_core_audit_sealing"
down_revision: str | None = "0010_core_deliveries"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FIELDS = "occurred_at, actor, action, target_type, target_id, source_ip, details, prev_hash, hash"


def _drop_indexes(table: str) -> None:
    op.drop_index("ix_core_audit_log_action", table_name=table)
    op.drop_index("ix_core_audit_log_target_id", table_name=table)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    _drop_indexes("core_audit_log")
    op.rename_table("core_audit_log", "core_audit_log_unkeyed")
    if postgres:
        # Constraint names live in the schema's namespace: free them for the new table.
        op.execute("ALTER TABLE core_audit_log_unkeyed DROP CONSTRAINT pk_core_audit_log")
        op.execute("ALTER TABLE core_audit_log_unkeyed DROP CONSTRAINT uq_core_audit_log_hash")
    op.create_table(
        "core_audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("occurred_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=100), nullable=False),
        sa.Column("target_type", sa.String(length=100), nullable=True),
        sa.Column("target_id", sa.String(length=200), nullable=True),
        sa.Column("source_ip", sa.String(length=64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("key_id", sa.String(length=40), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=True),
        sa.Column("hash", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_core_audit_log"),
        sa.UniqueConstraint("hash", name="uq_core_audit_log_hash"),
        sa.UniqueConstraint("seq", name="uq_core_audit_log_seq"),
    )
    op.create_index("ix_core_audit_log_action", "core_audit_log", ["action"], unique=False)
    op.create_index("ix_core_audit_log_target_id", "core_audit_log", ["target_id"], unique=False)
    op.execute(
        f"INSERT INTO core_audit_log (id, seq, key_id, {_FIELDS}) "  # noqa: S608
        f"SELECT seq, seq, 'sha256', {_FIELDS} FROM core_audit_log_unkeyed"
    )
    op.drop_table("core_audit_log_unkeyed")
    if postgres:
        op.execute(
            "SELECT setval(pg_get_serial_sequence('core_audit_log', 'id'), "
            "COALESCE((SELECT MAX(id) FROM core_audit_log), 0) + 1, false)"
        )


def downgrade() -> None:
    raise NotImplementedError("keyed audit seals cannot be turned back into plain SHA-256 links")
