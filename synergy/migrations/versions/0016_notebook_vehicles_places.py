"""notebook: what each entry names (a person, vehicle or place that records holds)

Revision ID: 0016_notebook_vehicles_places
Revises: 0007_notebook
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0016_notebook_vehicles_places"
down_revision: str | None = "0007_notebook"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notebook_entry_subjects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("linked_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["notebook_entries.id"],
            name=op.f("fk_notebook_entry_subjects_entry_id_notebook_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notebook_entry_subjects")),
        sa.UniqueConstraint(
            "entry_id",
            "kind",
            "subject_id",
            name=op.f("uq_notebook_entry_subjects_entry_id_kind_subject_id"),
        ),
    )
    op.create_index(
        op.f("ix_notebook_entry_subjects_entry_id"), "notebook_entry_subjects", ["entry_id"]
    )
    op.create_index(
        op.f("ix_notebook_entry_subjects_subject_id"), "notebook_entry_subjects", ["subject_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_notebook_entry_subjects_subject_id"), "notebook_entry_subjects")
    op.drop_index(op.f("ix_notebook_entry_subjects_entry_id"), "notebook_entry_subjects")
    op.drop_table("notebook_entry_subjects")
