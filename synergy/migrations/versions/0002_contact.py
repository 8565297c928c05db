"""contact: calls, their turns, and the daily incident log number counter

Revision ID: 0002_contact
Revises: 0001_core
Create Date: 2026-11-26 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0002_contact"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("contact",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contact_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("source_ip", sa.String(length=64), nullable=True),
        sa.Column("started_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("route", sa.String(length=20), nullable=True),
        sa.Column("risk", sa.String(length=20), nullable=False),
        sa.Column("intent", sa.String(length=40), nullable=True),
        sa.Column("vulnerabilities", sa.JSON(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=12), nullable=True),
        sa.Column("handed_over", sa.Boolean(), nullable=False),
        sa.Column("queue", sa.String(length=20), nullable=True),
        sa.Column("reference_given", sa.String(length=40), nullable=True),
        sa.Column("taken_by", sa.String(length=200), nullable=True),
        sa.Column("taken_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("turn_count", sa.Integer(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_calls")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_contact_calls_token_digest")),
    )
    op.create_index(op.f("ix_contact_calls_status"), "contact_calls", ["status"], unique=False)
    op.create_index(
        op.f("ix_contact_calls_source_ip"), "contact_calls", ["source_ip"], unique=False
    )
    op.create_table(
        "contact_reference_counters",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_contact_reference_counters")),
    )
    op.create_table(
        "contact_turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("speaker", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("understanding", sa.JSON(), nullable=True),
        sa.Column("decision", sa.String(length=60), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["contact_calls.id"], name=op.f("fk_contact_turns_call_id_contact_calls")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_turns")),
        sa.UniqueConstraint("call_id", "seq", name=op.f("uq_contact_turns_call_id_seq")),
    )
    op.create_index(op.f("ix_contact_turns_call_id"), "contact_turns", ["call_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_contact_turns_call_id"), table_name="contact_turns")
    op.drop_table("contact_turns")
    op.drop_table("contact_reference_counters")
    op.drop_index(op.f("ix_contact_calls_source_ip"), table_name="contact_calls")
    op.drop_index(op.f("ix_contact_calls_status"), table_name="contact_calls")
    op.drop_table("contact_calls")
