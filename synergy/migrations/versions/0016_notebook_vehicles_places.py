"""notebook: vehicles and places confirmed from entries, and what each entry names

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
        "notebook_vehicles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration", sa.String(length=16), nullable=False),
        sa.Column("make", sa.String(length=60), nullable=False),
        sa.Column("model", sa.String(length=60), nullable=False),
        sa.Column("colour", sa.String(length=40), nullable=False),
        sa.Column("created_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notebook_vehicles")),
        sa.UniqueConstraint("registration", name=op.f("uq_notebook_vehicles_registration")),
    )
    op.create_table(
        "notebook_places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("place_key", sa.String(length=320), nullable=False),
        sa.Column("created_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notebook_places")),
        sa.UniqueConstraint("place_key", name=op.f("uq_notebook_places_place_key")),
    )
    op.create_index(op.f("ix_notebook_places_postcode"), "notebook_places", ["postcode"])
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
    op.drop_index(op.f("ix_notebook_places_postcode"), "notebook_places")
    op.drop_table("notebook_places")
    op.drop_table("notebook_vehicles")
