"""notebook: notebooks, entries, devices, incident links, disposals

Revision ID: 0007_notebook
Revises: 0001_core
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0007_notebook"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("notebook",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notebook_notebooks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer", sa.String(length=64), nullable=False),
        sa.Column("created_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("master_key_id", sa.String(length=32), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("key_version", sa.Integer(), nullable=False),
        sa.Column("head_seq", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notebook_notebooks")),
        sa.UniqueConstraint("officer", name=op.f("uq_notebook_notebooks_officer")),
    )
    op.create_table(
        "notebook_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notebook_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("corrects_seq", sa.Integer(), nullable=True),
        sa.Column("device_time", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("server_time", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.Column("device_seq", sa.Integer(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.LargeBinary(), nullable=True),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=True),
        sa.Column("disposed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notebook_id"],
            ["notebook_notebooks.id"],
            name=op.f("fk_notebook_entries_notebook_id_notebook_notebooks"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notebook_entries")),
        sa.UniqueConstraint("entry_hash", name=op.f("uq_notebook_entries_entry_hash")),
        sa.UniqueConstraint(
            "notebook_id", "client_id", name=op.f("uq_notebook_entries_notebook_id_client_id")
        ),
        sa.UniqueConstraint("notebook_id", "seq", name=op.f("uq_notebook_entries_notebook_id_seq")),
    )
    op.create_index(op.f("ix_notebook_entries_notebook_id"), "notebook_entries", ["notebook_id"])
    op.create_table(
        "notebook_devices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notebook_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("last_device_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notebook_id"],
            ["notebook_notebooks.id"],
            name=op.f("fk_notebook_devices_notebook_id_notebook_notebooks"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notebook_devices")),
        sa.UniqueConstraint(
            "notebook_id", "device_id", name=op.f("uq_notebook_devices_notebook_id_device_id")
        ),
    )
    op.create_table(
        "notebook_incident_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("incident_log", sa.String(length=40), nullable=False),
        sa.Column("attached_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("attached_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["notebook_entries.id"],
            name=op.f("fk_notebook_incident_links_entry_id_notebook_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notebook_incident_links")),
        sa.UniqueConstraint(
            "entry_id",
            "incident_log",
            name=op.f("uq_notebook_incident_links_entry_id_incident_log"),
        ),
    )
    op.create_index(
        op.f("ix_notebook_incident_links_entry_id"), "notebook_incident_links", ["entry_id"]
    )
    op.create_table(
        "notebook_disposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cutoff", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("proposed_by", sa.String(length=64), nullable=False),
        sa.Column("proposed_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reviewed_by", sa.String(length=64), nullable=True),
        sa.Column("reviewed_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("carried_out_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("record_hash", sa.String(length=64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notebook_disposals")),
    )


def downgrade() -> None:
    op.drop_table("notebook_disposals")
    op.drop_index(op.f("ix_notebook_incident_links_entry_id"), table_name="notebook_incident_links")
    op.drop_table("notebook_incident_links")
    op.drop_table("notebook_devices")
    op.drop_index(op.f("ix_notebook_entries_notebook_id"), table_name="notebook_entries")
    op.drop_table("notebook_entries")
    op.drop_table("notebook_notebooks")
