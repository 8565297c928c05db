"""CCTV evidence portal: upload requests, evidence files, notifications

Revision ID: 0003_evidence
Revises: 0001_core
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0003_evidence"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("evidence",)
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = True) -> sa.Column[sa.DateTime]:
    return sa.Column(name, synergy.core.db.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "evidence_upload_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("reference_kind", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("recipient_email", sa.String(length=320), nullable=True),
        sa.Column("recipient_mobile", sa.String(length=32), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("notify_email", sa.String(length=320), nullable=True),
        _when("created_at", False),
        _when("expires_at", False),
        sa.Column("max_files", sa.Integer(), nullable=False),
        sa.Column("max_file_bytes", sa.BigInteger(), nullable=False),
        sa.Column("max_total_bytes", sa.BigInteger(), nullable=False),
        sa.Column("single_use", sa.Boolean(), nullable=False),
        _when("sent_at"),
        _when("opened_at"),
        _when("revoked_at"),
        _when("finished_at"),
        sa.Column("uploader_name", sa.String(length=200), nullable=True),
        sa.Column("uploader_contact", sa.String(length=320), nullable=True),
        sa.Column("statement", sa.JSON(), nullable=True),
        _when("consented_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_upload_requests")),
        sa.UniqueConstraint("public_id", name=op.f("uq_evidence_upload_requests_public_id")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_evidence_upload_requests_token_digest")),
    )
    op.create_index(
        op.f("ix_evidence_upload_requests_reference"), "evidence_upload_requests", ["reference"]
    )
    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("public_id", sa.String(length=32), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("declared_type", sa.String(length=100), nullable=True),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("hash_state", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        _when("created_at", False),
        _when("updated_at", False),
        _when("completed_at"),
        sa.Column("media", sa.JSON(), nullable=True),
        sa.Column("scan_result", sa.String(length=200), nullable=True),
        sa.Column("object_key", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["evidence_upload_requests.id"],
            name=op.f("fk_evidence_files_request_id_evidence_upload_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
        sa.UniqueConstraint("public_id", name=op.f("uq_evidence_files_public_id")),
    )
    op.create_index(op.f("ix_evidence_files_request_id"), "evidence_files", ["request_id"])
    op.create_table(
        "evidence_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("link", sa.String(length=200), nullable=False),
        sa.Column("event_key", sa.String(length=100), nullable=False),
        _when("created_at", False),
        _when("read_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_notifications")),
        sa.UniqueConstraint("event_key", name=op.f("uq_evidence_notifications_event_key")),
    )
    op.create_index(
        op.f("ix_evidence_notifications_username"), "evidence_notifications", ["username"]
    )


def downgrade() -> None:
    op.drop_table("evidence_notifications")
    op.drop_table("evidence_files")
    op.drop_table("evidence_upload_requests")
