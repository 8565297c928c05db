"""acro: overseas conviction requests and their responses

Revision ID: 0005_acro
Revises: 0001_core
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0005_acro"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("acro",)
depends_on: str | Sequence[str] | None = None

UTC = synergy.core.db.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "acro_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("arrest_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("custody_number", sa.String(length=40), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("missing_fields", sa.JSON(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("arrested_at", UTC(timezone=True), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("accepted_at", UTC(timezone=True), nullable=True),
        sa.Column("reply_due", sa.Date(), nullable=True),
        sa.Column("acro_reference", sa.String(length=60), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("replied_at", UTC(timezone=True), nullable=True),
        sa.Column("minutes_saved", sa.Integer(), nullable=False),
        sa.Column("completed_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acro_requests")),
        sa.UniqueConstraint("arrest_id", name=op.f("uq_acro_requests_arrest_id")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_acro_requests_idempotency_key")),
    )
    op.create_index(op.f("ix_acro_requests_person_id"), "acro_requests", ["person_id"])
    op.create_index(op.f("ix_acro_requests_status"), "acro_requests", ["status"])
    op.create_table(
        "acro_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.String(length=100), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("convictions", sa.JSON(), nullable=False),
        sa.Column("received_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["acro_requests.id"],
            name=op.f("fk_acro_responses_request_id_acro_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_acro_responses")),
        sa.UniqueConstraint("response_id", name=op.f("uq_acro_responses_response_id")),
    )
    op.create_index(op.f("ix_acro_responses_request_id"), "acro_responses", ["request_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_acro_responses_request_id"), table_name="acro_responses")
    op.drop_table("acro_responses")
    op.drop_index(op.f("ix_acro_requests_status"), table_name="acro_requests")
    op.drop_index(op.f("ix_acro_requests_person_id"), table_name="acro_requests")
    op.drop_table("acro_requests")
