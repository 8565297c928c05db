"""Evidence: case teams, supervisors' stated reasons, statement versions, short codes

Revision ID: 0014_evidence_need_to_know
Revises: 0003_evidence
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0014_evidence_need_to_know"
down_revision: str | None = "0003_evidence"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REQUESTS = "evidence_upload_requests.id"


def _when(name: str) -> sa.Column[sa.DateTime]:
    return sa.Column(name, synergy.core.db.UTCDateTime(timezone=True), nullable=False)


def _request_id() -> sa.Column[int]:
    return sa.Column(
        "request_id",
        sa.Integer(),
        # Named by the naming convention, which shortens names too long for PostgreSQL.
        sa.ForeignKey(_REQUESTS, ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    with op.batch_alter_table("evidence_upload_requests") as batch:
        batch.add_column(sa.Column("short_code_digest", sa.String(length=64), nullable=True))
        batch.create_unique_constraint(
            "uq_evidence_upload_requests_short_code_digest", ["short_code_digest"]
        )
    op.create_table(
        "evidence_team_members",
        sa.Column("id", sa.Integer(), nullable=False),
        _request_id(),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        _when("added_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_team_members")),
        sa.UniqueConstraint(
            "request_id", "username", name=op.f("uq_evidence_team_members_request_id_username")
        ),
    )
    op.create_index(
        op.f("ix_evidence_team_members_request_id"), "evidence_team_members", ["request_id"]
    )
    op.create_table(
        "evidence_stated_reasons",
        sa.Column("id", sa.Integer(), nullable=False),
        _request_id(),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=1000), nullable=False),
        _when("given_at"),
        _when("expires_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_stated_reasons")),
    )
    op.create_index(
        op.f("ix_evidence_stated_reasons_request_id"), "evidence_stated_reasons", ["request_id"]
    )
    op.create_index(
        op.f("ix_evidence_stated_reasons_username"), "evidence_stated_reasons", ["username"]
    )
    op.create_table(
        "evidence_statement_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        _request_id(),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("contact", sa.String(length=320), nullable=False),
        sa.Column("statement", sa.JSON(), nullable=False),
        _when("given_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_statement_versions")),
        sa.UniqueConstraint(
            "request_id", "version", name=op.f("uq_evidence_statement_versions_request_id_version")
        ),
    )
    op.create_index(
        op.f("ix_evidence_statement_versions_request_id"),
        "evidence_statement_versions",
        ["request_id"],
    )
    # Statements given before versions were kept become version 1.
    op.execute(
        "INSERT INTO evidence_statement_versions "
        "(request_id, version, name, contact, statement, given_at) "
        "SELECT id, 1, uploader_name, uploader_contact, statement, consented_at "
        "FROM evidence_upload_requests "
        "WHERE statement IS NOT NULL AND uploader_name IS NOT NULL "
        "AND uploader_contact IS NOT NULL AND consented_at IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table("evidence_statement_versions")
    op.drop_table("evidence_stated_reasons")
    op.drop_table("evidence_team_members")
    with op.batch_alter_table("evidence_upload_requests") as batch:
        batch.drop_constraint("uq_evidence_upload_requests_short_code_digest", type_="unique")
        batch.drop_column("short_code_digest")
