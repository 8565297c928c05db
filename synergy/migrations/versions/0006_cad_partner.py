"""cad partner: partner incidents received, messages received and to send, incidents shared

Revision ID: 0006_cad_partner
Revises: 0006_cad

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0006_cad_partner"
down_revision: str | None = "0006_cad"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

def upgrade() -> None:
    op.create_table(
        "cad_partner_incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("applied_version", sa.Integer(), nullable=False),
        sa.Column("remarks_applied", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("created_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_partner_incidents")),
        sa.UniqueConstraint(
            "agency", "reference", name=op.f("uq_cad_partner_incidents_agency_reference")
        ),
    )
    with op.batch_alter_table("cad_partner_incidents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cad_partner_incidents_incident_id"), ["incident_id"], unique=False
        )

    op.create_table(
        "cad_partner_outgoing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=36), nullable=False),
        sa.Column("partner", sa.String(length=20), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("message_type", sa.String(length=10), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("reason_code", sa.String(length=30), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("receiver_reference", sa.String(length=40), nullable=True),
        sa.Column("created_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_partner_outgoing")),
        sa.UniqueConstraint("message_id", name=op.f("uq_cad_partner_outgoing_message_id")),
        sa.UniqueConstraint(
            "partner",
            "reference",
            "version",
            name=op.f("uq_cad_partner_outgoing_partner_reference_version"),
        ),
    )
    with op.batch_alter_table("cad_partner_outgoing", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cad_partner_outgoing_incident_id"), ["incident_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cad_partner_outgoing_partner"), ["partner"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cad_partner_outgoing_status"), ["status"], unique=False
        )

    op.create_table(
        "cad_partner_received",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=20), nullable=False),
        sa.Column("message_id", sa.String(length=36), nullable=False),
        sa.Column("message_type", sa.String(length=10), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("reason_code", sa.String(length=30), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("receipt", sa.Text(), nullable=False),
        sa.Column("received_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_partner_received")),
        sa.UniqueConstraint(
            "agency", "message_id", name=op.f("uq_cad_partner_received_agency_message_id")
        ),
    )
    with op.batch_alter_table("cad_partner_received", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cad_partner_received_reference"), ["reference"], unique=False
        )

    op.create_table(
        "cad_partner_shared",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partner", sa.String(length=20), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_partner_shared")),
        sa.UniqueConstraint(
            "partner", "incident_id", name=op.f("uq_cad_partner_shared_partner_incident_id")
        ),
    )
    with op.batch_alter_table("cad_partner_shared", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cad_partner_shared_incident_id"), ["incident_id"], unique=False
        )

def downgrade() -> None:
    with op.batch_alter_table("cad_partner_shared", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cad_partner_shared_incident_id"))

    op.drop_table("cad_partner_shared")
    with op.batch_alter_table("cad_partner_received", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cad_partner_received_reference"))

    op.drop_table("cad_partner_received")
    with op.batch_alter_table("cad_partner_outgoing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cad_partner_outgoing_status"))
        batch_op.drop_index(batch_op.f("ix_cad_partner_outgoing_partner"))
        batch_op.drop_index(batch_op.f("ix_cad_partner_outgoing_incident_id"))

    op.drop_table("cad_partner_outgoing")
    with op.batch_alter_table("cad_partner_incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cad_partner_incidents_incident_id"))

    op.drop_table("cad_partner_incidents")
