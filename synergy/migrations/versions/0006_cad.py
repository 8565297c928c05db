"""Command and control: incidents, their hash-chained logs, units, assignments, links,
the crime-recording queue and officers' tasks

Revision ID: 0006_cad
Revises: 0001_core
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0006_cad"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("cad",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cad_crime_number_counters",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_cad_crime_number_counters")),
    )
    op.create_table(
        "cad_crime_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=200), nullable=False),
        sa.Column("received_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("log_number", sa.String(length=40), nullable=True),
        sa.Column("contact_call_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("risk", sa.String(length=20), nullable=True),
        sa.Column("vulnerabilities", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("officer_in_charge", sa.String(length=64), nullable=True),
        sa.Column("crime_number", sa.String(length=20), nullable=True),
        sa.Column("closed_reason", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_crime_reports")),
        sa.UniqueConstraint("crime_number", name=op.f("uq_cad_crime_reports_crime_number")),
        sa.UniqueConstraint("source_key", name=op.f("uq_cad_crime_reports_source_key")),
    )
    op.create_index(
        op.f("ix_cad_crime_reports_status"), "cad_crime_reports", ["status"], unique=False
    )
    op.create_table(
        "cad_incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("log_number", sa.String(length=40), nullable=False),
        sa.Column("opened_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("caller_name", sa.String(length=200), nullable=True),
        sa.Column("caller_phone", sa.String(length=40), nullable=True),
        sa.Column("caller_email", sa.String(length=320), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("address_key", sa.String(length=300), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=True),
        sa.Column("area", sa.String(length=60), nullable=False),
        sa.Column("rural", sa.Boolean(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("opening_code", sa.String(length=40), nullable=False),
        sa.Column("closing_code", sa.String(length=40), nullable=True),
        sa.Column("qualifiers", sa.JSON(), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("thrive", sa.JSON(), nullable=False),
        sa.Column("remarks", sa.Text(), nullable=False),
        sa.Column("people", sa.JSON(), nullable=False),
        sa.Column("risk", sa.String(length=20), nullable=True),
        sa.Column("vulnerabilities", sa.JSON(), nullable=False),
        sa.Column("contact_call_id", sa.Integer(), nullable=True),
        sa.Column("external_reference", sa.String(length=100), nullable=True),
        sa.Column("originating_agency", sa.String(length=100), nullable=True),
        sa.Column("officer_in_charge", sa.String(length=64), nullable=True),
        sa.Column("first_arrived_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=200), nullable=True),
        sa.Column("closing_reason", sa.Text(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("log_head_seq", sa.Integer(), nullable=False),
        sa.Column("log_head_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["cad_incidents.id"],
            name=op.f("fk_cad_incidents_merged_into_id_cad_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_incidents")),
        sa.UniqueConstraint("log_number", name=op.f("uq_cad_incidents_log_number")),
        sa.UniqueConstraint(
            "originating_agency",
            "external_reference",
            name=op.f("uq_cad_incidents_originating_agency_external_reference"),
        ),
    )
    op.create_index(
        op.f("ix_cad_incidents_address_key"), "cad_incidents", ["address_key"], unique=False
    )
    op.create_index(op.f("ix_cad_incidents_area"), "cad_incidents", ["area"], unique=False)
    op.create_index(
        op.f("ix_cad_incidents_caller_phone"), "cad_incidents", ["caller_phone"], unique=False
    )
    op.create_index(
        op.f("ix_cad_incidents_contact_call_id"), "cad_incidents", ["contact_call_id"], unique=False
    )
    op.create_index(
        op.f("ix_cad_incidents_officer_in_charge"),
        "cad_incidents",
        ["officer_in_charge"],
        unique=False,
    )
    op.create_index(
        op.f("ix_cad_incidents_opened_at"), "cad_incidents", ["opened_at"], unique=False
    )
    op.create_index(op.f("ix_cad_incidents_postcode"), "cad_incidents", ["postcode"], unique=False)
    op.create_index(op.f("ix_cad_incidents_status"), "cad_incidents", ["status"], unique=False)
    op.create_index(
        "ix_cad_incidents_status_grade", "cad_incidents", ["status", "grade"], unique=False
    )
    op.create_table(
        "cad_arrests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("arrest_id", sa.Integer(), nullable=False),
        sa.Column("custody_number", sa.String(length=40), nullable=False),
        sa.Column("arrested_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("person_name", sa.String(length=300), nullable=False),
        sa.Column("arresting_officer", sa.String(length=200), nullable=False),
        sa.Column("offences", sa.JSON(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("linked_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["cad_incidents.id"],
            name=op.f("fk_cad_arrests_incident_id_cad_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_arrests")),
        sa.UniqueConstraint("arrest_id", name=op.f("uq_cad_arrests_arrest_id")),
    )
    op.create_index(
        op.f("ix_cad_arrests_incident_id"), "cad_arrests", ["incident_id"], unique=False
    )
    op.create_table(
        "cad_incident_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("created_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["cad_incidents.id"],
            name=op.f("fk_cad_incident_links_incident_id_cad_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_incident_links")),
        sa.UniqueConstraint(
            "incident_id",
            "kind",
            "target",
            name=op.f("uq_cad_incident_links_incident_id_kind_target"),
        ),
    )
    op.create_index(
        op.f("ix_cad_incident_links_incident_id"),
        "cad_incident_links",
        ["incident_id"],
        unique=False,
    )
    op.create_table(
        "cad_log_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("corrects_seq", sa.Integer(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["cad_incidents.id"],
            name=op.f("fk_cad_log_entries_incident_id_cad_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_log_entries")),
        sa.UniqueConstraint("incident_id", "seq", name=op.f("uq_cad_log_entries_incident_id_seq")),
    )
    op.create_index(
        op.f("ix_cad_log_entries_incident_id"), "cad_log_entries", ["incident_id"], unique=False
    )
    op.create_table(
        "cad_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_key", sa.String(length=200), nullable=False),
        sa.Column("created_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("officer", sa.String(length=64), nullable=True),
        sa.Column("caller_name", sa.String(length=200), nullable=False),
        sa.Column("caller_phone", sa.String(length=40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.String(length=200), nullable=True),
        sa.Column("answered_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["cad_incidents.id"],
            name=op.f("fk_cad_tasks_incident_id_cad_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_tasks")),
        sa.UniqueConstraint("source_key", name=op.f("uq_cad_tasks_source_key")),
    )
    op.create_index(op.f("ix_cad_tasks_officer"), "cad_tasks", ["officer"], unique=False)
    op.create_index(op.f("ix_cad_tasks_status"), "cad_tasks", ["status"], unique=False)
    op.create_table(
        "cad_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_sign", sa.String(length=20), nullable=False),
        sa.Column("officers", sa.JSON(), nullable=False),
        sa.Column("area", sa.String(length=60), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["cad_incidents.id"],
            name=op.f("fk_cad_units_incident_id_cad_incidents"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_units")),
        sa.UniqueConstraint("call_sign", name=op.f("uq_cad_units_call_sign")),
    )
    op.create_table(
        "cad_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", synergy.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("assigned_by", sa.String(length=200), nullable=False),
        sa.Column("arrived_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("cleared_at", synergy.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["cad_incidents.id"],
            name=op.f("fk_cad_assignments_incident_id_cad_incidents"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["cad_units.id"], name=op.f("fk_cad_assignments_unit_id_cad_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cad_assignments")),
    )
    op.create_index(
        op.f("ix_cad_assignments_incident_id"), "cad_assignments", ["incident_id"], unique=False
    )
    op.create_index(
        op.f("ix_cad_assignments_unit_id"), "cad_assignments", ["unit_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_cad_assignments_unit_id"), table_name="cad_assignments")
    op.drop_index(op.f("ix_cad_assignments_incident_id"), table_name="cad_assignments")
    op.drop_table("cad_assignments")
    op.drop_table("cad_units")
    op.drop_index(op.f("ix_cad_tasks_status"), table_name="cad_tasks")
    op.drop_index(op.f("ix_cad_tasks_officer"), table_name="cad_tasks")
    op.drop_table("cad_tasks")
    op.drop_index(op.f("ix_cad_log_entries_incident_id"), table_name="cad_log_entries")
    op.drop_table("cad_log_entries")
    op.drop_index(op.f("ix_cad_incident_links_incident_id"), table_name="cad_incident_links")
    op.drop_table("cad_incident_links")
    op.drop_index(op.f("ix_cad_arrests_incident_id"), table_name="cad_arrests")
    op.drop_table("cad_arrests")
    op.drop_index("ix_cad_incidents_status_grade", table_name="cad_incidents")
    op.drop_index(op.f("ix_cad_incidents_status"), table_name="cad_incidents")
    op.drop_index(op.f("ix_cad_incidents_postcode"), table_name="cad_incidents")
    op.drop_index(op.f("ix_cad_incidents_opened_at"), table_name="cad_incidents")
    op.drop_index(op.f("ix_cad_incidents_officer_in_charge"), table_name="cad_incidents")
    op.drop_index(op.f("ix_cad_incidents_contact_call_id"), table_name="cad_incidents")
    op.drop_index(op.f("ix_cad_incidents_caller_phone"), table_name="cad_incidents")
    op.drop_index(op.f("ix_cad_incidents_area"), table_name="cad_incidents")
    op.drop_index(op.f("ix_cad_incidents_address_key"), table_name="cad_incidents")
    op.drop_table("cad_incidents")
    op.drop_index(op.f("ix_cad_crime_reports_status"), table_name="cad_crime_reports")
    op.drop_table("cad_crime_reports")
    op.drop_table("cad_crime_number_counters")
