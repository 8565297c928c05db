"""records: persons and arrests

Revision ID: 0004_records
Revises: 0001_core
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0004_records"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("records",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "records_persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("given_names", sa.String(length=200), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("place_of_birth", sa.String(length=200), nullable=True),
        sa.Column("gender", sa.String(length=40), nullable=True),
        sa.Column("nationalities", sa.JSON(), nullable=False),
        sa.Column("identity_documents", sa.JSON(), nullable=False),
        sa.Column("created_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records_persons")),
    )
    op.create_index(op.f("ix_records_persons_family_name"), "records_persons", ["family_name"])
    op.create_table(
        "records_arrests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("custody_number", sa.String(length=40), nullable=False),
        sa.Column("arrested_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("offences", sa.JSON(), nullable=False),
        sa.Column("arresting_officer", sa.String(length=100), nullable=False),
        sa.Column("station", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["records_persons.id"],
            name=op.f("fk_records_arrests_person_id_records_persons"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records_arrests")),
        sa.UniqueConstraint("custody_number", name=op.f("uq_records_arrests_custody_number")),
    )
    op.create_index(op.f("ix_records_arrests_person_id"), "records_arrests", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_records_arrests_person_id"), table_name="records_arrests")
    op.drop_table("records_arrests")
    op.drop_index(op.f("ix_records_persons_family_name"), table_name="records_persons")
    op.drop_table("records_persons")
