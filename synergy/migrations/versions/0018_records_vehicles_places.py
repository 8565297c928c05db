"""records: vehicles and places

Revision ID: 0018_records_vehicles_places
Revises: 0017_records_arrest_log_number

Records holds vehicles (one row per registration) and places (one per address and postcode);
the pocket notebook sends them from entries and keeps only its links to them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0018_records_vehicles_places"
down_revision: str | None = "0017_records_arrest_log_number"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "records_vehicles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registration", sa.String(length=16), nullable=False),
        sa.Column("make", sa.String(length=60), nullable=False),
        sa.Column("model", sa.String(length=60), nullable=False),
        sa.Column("colour", sa.String(length=40), nullable=False),
        sa.Column("created_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records_vehicles")),
        sa.UniqueConstraint("registration", name=op.f("uq_records_vehicles_registration")),
    )
    op.create_table(
        "records_places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("place_key", sa.String(length=320), nullable=False),
        sa.Column("created_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records_places")),
        sa.UniqueConstraint("place_key", name=op.f("uq_records_places_place_key")),
    )
    op.create_index(op.f("ix_records_places_postcode"), "records_places", ["postcode"])


def downgrade() -> None:
    op.drop_index(op.f("ix_records_places_postcode"), "records_places")
    op.drop_table("records_places")
    op.drop_table("records_vehicles")
